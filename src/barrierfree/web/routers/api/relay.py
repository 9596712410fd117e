"""JSON API of barrier-free delivery communication: cards for any app, orders for the delivery platform's
integration (a platform administrator's token creates them), the rider's stage and messages, and the simulation."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from barrierfree.core.accounts import User
from barrierfree.core.errors import PermissionDenied
from barrierfree.core.i18n import _
from barrierfree.relay import cards, services, simulation, smart_calls
from barrierfree.relay.models import Order, OrderStage, Sender
from barrierfree.relay.notices import notice_for
from barrierfree.web.deps import RowId, api_user, db_session
from barrierfree.web.routers.api import schemas
from barrierfree.web.routers.api.v1 import ERRORS

router = APIRouter(prefix="/api/v1/relay", tags=["relay"], responses=ERRORS)


@router.get("/cards")
def card_list() -> dict[str, Any]:
    """Every preset card by scenario, in both languages (placeholders {order} and {minutes} left in)."""
    return {
        "scenarios": [{"id": s.id, "names": s.names} for s in cards.scenarios()],
        "cards": [{"id": c.id, "scenario": c.scenario, "texts": c.texts} for c in cards.preset_cards()],
    }


@router.get("/cards/{card_id}")
def card_text(
    card_id: str,
    lang: str = Query("zh-CN", pattern=r"^(zh-CN|en)$"),
    order: str | None = Query(None, max_length=12),
    minutes: int | None = Query(None, ge=1, le=cards.MAX_LATE_MINUTES),
) -> dict[str, str]:
    """One card's text with its values filled in."""
    return {
        "id": card_id,
        "language": lang,
        "text": cards.fill(cards.preset_card(card_id), lang, order=order, minutes=minutes),
    }


def _order_document(session: Session, order: Order) -> dict[str, Any]:
    text_only = services.rider_communicates_by_text(session, order)
    rider = session.get(User, order.rider_id) if order.rider_id else None
    profile = services.profile_of(session, rider) if rider else None
    phone = profile.station_phone if profile else None
    notices = {
        audience.value: notice_for(order, audience, text_only=text_only, station_phone=phone)
        for audience in (Sender.CUSTOMER, Sender.MERCHANT)
    }
    return {
        "id": order.id,
        "reference": order.reference,
        "stage": order.stage.value,
        "customer_link": f"/relay/track/{order.customer_key}",
        "merchant_link": f"/relay/merchant/{order.merchant_key}",
        "calls_replaced_by_chat": services.calls_replaced_by_chat(session, order) or text_only,
        "notices": {key: ({"text": n.text, "sms": n.sms} if n else None) for key, n in notices.items()},
        "messages": [
            {
                "sender": m.sender.value,
                "text": m.text,
                "card": m.card_id,
                "from_voice": m.from_voice,
                "at": m.created_at.isoformat(),
            }
            for m in services.messages_of(session, order)
        ],
    }


@router.post("/orders", status_code=201)
def create_order(
    body: schemas.RelayOrderIn, user: User = Depends(api_user), session: Session = Depends(db_session, scope="function")
) -> dict[str, Any]:
    """Register an order from the delivery platform (platform administrators' tokens only)."""
    if not user.is_admin:
        raise PermissionDenied(_("Only the delivery platform's integration (a platform administrator) creates orders."))
    rider = services.user_named(session, body.rider) if body.rider else None
    order = services.create_order(session, rider, body.reference, body.merchant, body.customer, body.address)
    if body.customer_phone:
        smart_calls.set_customer_phone(session, order, body.customer_phone)
    return _order_document(session, order)


@router.get("/orders/{order_id}")
def get_order(
    order_id: RowId, user: User = Depends(api_user), session: Session = Depends(db_session, scope="function")
) -> dict[str, Any]:
    """The rider's order: stage, notices (page and SMS text) for customer and merchant, and the chat."""
    return _order_document(session, services.rider_order(session, user, order_id))


@router.post("/orders/{order_id}/stage")
def move_order(
    order_id: RowId,
    body: schemas.RelayStageIn,
    user: User = Depends(api_user),
    session: Session = Depends(db_session, scope="function"),
) -> dict[str, Any]:
    """Move the rider's order forward."""
    return _order_document(session, services.advance(session, user, order_id, OrderStage(body.stage)))


@router.post("/orders/{order_id}/messages", status_code=201)
def send_message(
    order_id: RowId,
    body: schemas.RelayMessageIn,
    user: User = Depends(api_user),
    session: Session = Depends(db_session, scope="function"),
) -> dict[str, Any]:
    """The rider writes in the order's chat (stored before anyone is shown it)."""
    order = services.rider_order(session, user, order_id)
    services.post_message(session, order, Sender.RIDER, body.text)
    return _order_document(session, order)


@router.post("/simulate")
def simulate(body: schemas.RelaySimulationIn) -> dict[str, object]:
    """The smart-call simulation: the reproduced gaps and the predicted weekly gain with its 95 percent interval."""
    model = simulation.DeliveryModel(
        hours_per_week=body.hours_per_week, pickup_seconds=body.pickup_seconds, delivery_seconds=body.delivery_seconds
    )
    return simulation.report_document(simulation.simulate(model, weeks=body.weeks, seed=body.seed))
