"""Pages of barrier-free delivery communication: the rider's (mobile-first, large targets), the customer's and the
merchant's (reached by the secret links in their order messages), cards shown full-screen or played as voice,
the station's assessment report, and the simulation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from barrierfree import speech
from barrierfree.core.accounts import User
from barrierfree.core.errors import BarrierfreeError
from barrierfree.core.i18n import _, current_language
from barrierfree.core.settings import Settings
from barrierfree.relay import cards, services, simulation, smart_calls
from barrierfree.relay._sip import TrunkSettings
from barrierfree.relay.errors import InvalidRelayInput, UnknownCard
from barrierfree.relay.models import ComplaintKind, Order, OrderStage, Sender
from barrierfree.relay.notices import notice_for, order_tail
from barrierfree.web.csrf import checked_form
from barrierfree.web.deps import RowId, client_ip, current_user, db_session, require_user
from barrierfree.web.labels import label
from barrierfree.web.notices import redirect_with_notice
from barrierfree.web.templating import render, render_form_error

router = APIRouter(prefix="/relay")


def trunk_from(settings: Settings) -> TrunkSettings | None:
    """The SIP trunk of the settings (None: smart calls are off and fall back to the chat)."""
    if not settings.relay_sip_host:
        return None
    return TrunkSettings(
        host=settings.relay_sip_host,
        port=settings.relay_sip_port,
        user=settings.relay_sip_user,
        password=settings.relay_sip_password,
    )


def speak(text: str, language: str) -> bytes:
    """A card read by the server's eSpeak NG at the default speed, for a smart call."""
    return speech.synthesize(text, language, speech.DEFAULT_WORDS_PER_MINUTE)


KEY_PATTERN = r"^[A-Za-z0-9_-]{16,64}$"
ASSESSMENT_DAYS = 30
MAX_PAGE_WEEKS = 500
"""Weeks a page simulates (about 4 s); ``barrierfree relay simulate`` runs up to 2,000."""


@router.get("", response_class=HTMLResponse)
def overview(request: Request, user: User | None = Depends(current_user)) -> HTMLResponse:
    """What the service does for riders, customers and merchants."""
    return render(request, "relay.html", {"title": _("Barrier-free delivery communication")})


def _rider_context(session: Session, rider: User, form: dict[str, Any] | None = None) -> dict[str, Any]:
    profile = services.profile_of(session, rider)
    return {
        "title": _("Rider"),
        "profile": profile,
        "orders": (orders := services.orders_of(session, rider)),
        "order_choices": [(str(order.id), order.reference) for order in orders],
        "own_cards": services.cards_of(session, rider),
        "order_label": order_label,
        "form": form
        or {
            "text_only": bool(profile and profile.text_only),
            "chat_only_orders": bool(profile and profile.chat_only_orders),
            "station_phone": (profile.station_phone or "") if profile else "",
        },
    }


def stage_label(stage: OrderStage) -> str:
    """An order stage in the reader's language."""
    return label(stage.value)


def order_label(order: Order) -> str:
    """How the rider's list names an order: its last digits, merchant, customer and stage."""
    return (
        _("Order {tail}: {merchant} to {customer}").format(
            tail=order.reference[-4:], merchant=order.merchant_name, customer=order.customer_name
        )
        + f" ({stage_label(order.stage)})"
    )


@router.get("/rider", response_class=HTMLResponse)
def rider_home(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> HTMLResponse:
    """The rider's orders, settings, own cards and incident log."""
    return render(request, "relay_rider.html", _rider_context(session, user))


@router.get("/rider/orders.json")
def rider_orders_feed(
    user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> dict[str, list[dict[str, object]]]:
    """The rider's orders as the rider page lists them, for its script to notice a new one without a reload."""
    return {
        "orders": [
            {"id": order.id, "label": order_label(order), "url": f"/relay/orders/{order.id}"}
            for order in services.orders_of(session, user)
        ]
    }


@router.post("/rider/settings", response_model=None)
async def save_settings(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> Response:
    """Text-only (with its consent), chat for whole orders, the station's backup number."""
    form = await checked_form(request)
    settings = services.RiderSettings(
        text_only=form.get("text_only") == "yes",
        consent=form.get("consent") == "yes",
        chat_only_orders=form.get("chat_only_orders") == "yes",
        station_phone=str(form.get("station_phone", ""))[:40],
    )
    values = settings.__dict__
    try:
        services.save_settings(session, user, settings, ip=client_ip(request))
    except BarrierfreeError as error:
        return render_form_error(request, "relay_rider.html", _rider_context(session, user, values), error)
    return redirect_with_notice("/relay/rider", "relay-settings-saved")


@router.post("/rider/cards", response_model=None)
async def add_card(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> Response:
    """Add one of the rider's own cards."""
    form = await checked_form(request)
    zh, en = str(form.get("text_zh", ""))[:400], str(form.get("text_en", ""))[:400]
    try:
        services.add_card(session, user, zh, en)
    except BarrierfreeError as error:
        context = _rider_context(session, user)
        context["card_form"] = {"text_zh": zh, "text_en": en}
        return render_form_error(request, "relay_rider.html", context, error)
    return redirect_with_notice("/relay/rider", "relay-card-saved")


@router.post("/rider/cards/{own_card_id}/delete", response_model=None)
async def delete_card(
    request: Request,
    own_card_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> Response:
    """Delete one of the rider's own cards."""
    await checked_form(request)
    services.delete_card(session, user, own_card_id)
    return redirect_with_notice("/relay/rider", "relay-card-deleted")


@router.post("/rider/incidents", response_model=None)
async def log_incident(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> Response:
    """Log a communication incident (for the station, and for any complaint that follows)."""
    form = await checked_form(request)
    description = str(form.get("description", ""))[:2000]
    order_text = str(form.get("order_id", "")).strip()
    try:
        order_id = int(order_text) if order_text.isdigit() and len(order_text) < 10 else None
        if order_text and order_id is None:
            raise InvalidRelayInput(_("Choose the order from the list."), field="order_id")
        services.log_incident(session, user, description, order_id)
    except BarrierfreeError as error:
        context = _rider_context(session, user)
        context["incident_form"] = {"description": description, "order_id": order_text}
        return render_form_error(request, "relay_rider.html", context, error)
    return redirect_with_notice("/relay/rider", "relay-incident-saved")


def _card_groups(session: Session, user: User | None) -> list[tuple[cards.Scenario, list[cards.Card]]]:
    preset = cards.preset_cards()
    groups = [(scenario, [card for card in preset if card.scenario == scenario.id]) for scenario in cards.scenarios()]
    if user is not None:
        own = [_own_card(row) for row in services.cards_of(session, user)]
        if own:
            groups.append((cards.Scenario("own", {"zh-CN": "我的卡片", "en": "My cards"}), own))
    return groups


def _own_card(row: Any) -> cards.Card:
    texts = {language: text for language, text in (("zh-CN", row.text_zh), ("en", row.text_en)) if text}
    return cards.Card(f"{cards.CUSTOM_PREFIX}{row.id}", "own", texts)


def _find_card(session: Session, user: User | None, card_id: str) -> cards.Card:
    if card_id.startswith(cards.CUSTOM_PREFIX):
        for row in services.cards_of(session, user) if user else []:
            if f"{cards.CUSTOM_PREFIX}{row.id}" == card_id:
                return _own_card(row)
        raise UnknownCard(_("There is no card “{card}”. List the cards to see their ids.").format(card=card_id[:60]))
    return cards.preset_card(card_id)


@router.get("/cards", response_class=HTMLResponse)
def card_list(
    request: Request,
    user: User | None = Depends(current_user),
    session: Session = Depends(db_session, scope="function"),
) -> HTMLResponse:
    """Every card by scenario; each opens full-screen."""
    return render(
        request, "relay_cards.html", {"title": _("Communication cards"), "groups": _card_groups(session, user)}
    )


@router.get("/cards/{card_id}", response_class=HTMLResponse)
def card_page(
    request: Request,
    card_id: str,
    lang: str = Query("", pattern=r"^(|zh-CN|en)$"),
    order: str = Query("", max_length=12),
    minutes: str = Query("", max_length=4),
    user: User | None = Depends(current_user),
    session: Session = Depends(db_session, scope="function"),
) -> HTMLResponse:
    """One card in large type, to show a merchant or customer, with its voice; asks first for any value it needs."""
    card = _find_card(session, user, card_id)
    language = lang or current_language()
    context: dict[str, Any] = {
        "title": _("Card"),
        "card": card,
        "language": language,
        "form": {"order": order, "minutes": minutes},
        "text": None,
    }
    needs_values = bool(card.placeholders()) and not (order or minutes)
    if not needs_values:
        try:
            context["text"] = cards.fill(
                card, language, order=order or None, minutes=int(minutes) if minutes.isdigit() else None
            )
        except BarrierfreeError as error:
            return render_form_error(request, "relay_card.html", context, error)
    return render(request, "relay_card.html", context)


@router.get("/cards/{card_id}/speech.wav", response_model=None)
def card_speech(
    card_id: str,
    lang: str = Query("zh-CN", pattern=r"^(zh-CN|en)$"),
    order: str = Query("", max_length=12),
    minutes: str = Query("", max_length=4),
    rate: int = Query(speech.DEFAULT_WORDS_PER_MINUTE, ge=speech.MIN_WORDS_PER_MINUTE, le=speech.MAX_WORDS_PER_MINUTE),
    user: User | None = Depends(current_user),
    session: Session = Depends(db_session, scope="function"),
) -> Response:
    """The card read aloud by the server's eSpeak NG, as WAV (to play to someone who cannot read it)."""
    card = _find_card(session, user, card_id)
    text = cards.fill(card, lang, order=order or None, minutes=int(minutes) if minutes.isdigit() else None)
    audio = speech.synthesize(text, lang, rate)
    return Response(audio, media_type="audio/wav", headers={"Cache-Control": "private, max-age=300"})


def _chat_context(session: Session, order: Order, audience: Sender) -> dict[str, Any]:
    profile = (
        services.profile_of(session, session.get(User, order.rider_id)) if order.rider_id else None  # type: ignore[arg-type]
    )
    text_only = services.rider_communicates_by_text(session, order)
    return {
        "order": order,
        "tail": order_tail(order),
        "messages": services.messages_of(session, order),
        "relay_notice": notice_for(
            order, audience, text_only=text_only, station_phone=profile.station_phone if profile else None
        ),
        "stage_label": stage_label,
        "stages": list(OrderStage),
        "sender_label": lambda sender: label(f"sender-{sender.value}"),
        "chat_instead_of_call": services.calls_replaced_by_chat(session, order) or text_only,
        "errors": {},
        "form": {},
    }


@router.get("/orders/{order_id}", response_class=HTMLResponse)
def rider_order(
    request: Request,
    order_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> HTMLResponse:
    """The rider's order: its stage, the chat, cards to send."""
    order = services.rider_order(session, user, order_id)
    return render(request, "relay_order.html", _rider_order_context(session, user, order))


def _rider_order_context(session: Session, user: User, order: Order) -> dict[str, Any]:
    context = _chat_context(session, order, Sender.RIDER)
    context |= {
        "title": _("Order {tail}").format(tail=order_tail(order)),
        "card_groups": _card_groups(session, user),
        "calls": smart_calls.latest_calls(session, order),
        "call_text": smart_calls.call_text,
    }
    return context


@router.post("/orders/{order_id}/calls", response_model=None)
async def smart_call(
    request: Request,
    order_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> Response:
    """Call the customer and speak a card; the words go to the chat first, the call runs in the background."""
    form = await checked_form(request)
    order = services.rider_order(session, user, order_id)
    card_id = str(form.get("call_card", ""))[:60]
    language = str(form.get("call_language", "zh-CN"))
    try:
        card = _find_card(session, user, card_id)
        text = cards.fill(card, cards.check_language(language), order=order_tail(order), minutes=None)
        call = smart_calls.request_call(session, user, order_id, text, language, card.id)
    except BarrierfreeError as error:
        return render_form_error(request, "relay_order.html", _rider_order_context(session, user, order), error)
    session.commit()
    request.app.state.call_worker.submit(call.id)
    return redirect_with_notice(f"/relay/orders/{order_id}", "relay-call-started")


@router.post("/orders/{order_id}/stage", response_model=None)
async def advance_stage(
    request: Request,
    order_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> Response:
    """Move the order to the next stage."""
    form = await checked_form(request)
    try:
        stage = OrderStage(str(form.get("stage", "")))
    except ValueError:
        stage = None
    if stage is None:
        raise InvalidRelayInput(_("Choose the next stage from the list."), field="stage")
    services.advance(session, user, order_id, stage)
    return redirect_with_notice(f"/relay/orders/{order_id}", "relay-stage-saved")


@router.post("/orders/{order_id}/messages", response_model=None)
async def rider_message(
    request: Request,
    order_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> Response:
    """Send a typed message or a card to the order's chat."""
    form = await checked_form(request)
    order = services.rider_order(session, user, order_id)
    text, card_id = str(form.get("text", ""))[:1000], str(form.get("card", ""))[:60]
    try:
        if card_id:
            card = _find_card(session, user, card_id)
            text = cards.fill(card, current_language(), order=order_tail(order), minutes=None)
        services.post_message(session, order, Sender.RIDER, text, card_id=card_id or None)
    except BarrierfreeError as error:
        context = _chat_context(session, order, Sender.RIDER)
        context |= {
            "title": _("Order {tail}").format(tail=order_tail(order)),
            "card_groups": _card_groups(session, user),
        }
        context["form"] = {"text": text}
        return render_form_error(request, "relay_order.html", context, error)
    return redirect_with_notice(f"/relay/orders/{order_id}", "relay-message-sent")


def party_context(session: Session, key: str, audience: Sender) -> tuple[str, dict[str, Any]]:
    """The customer's or merchant's template and what it shows."""
    order = services.order_by_key(session, key, audience)
    context = _chat_context(session, order, audience)
    template = "relay_track.html" if audience is Sender.CUSTOMER else "relay_merchant.html"
    context |= {
        "title": _("Your order {tail}").format(tail=order_tail(order))
        if audience is Sender.CUSTOMER
        else _("Order {tail} for pick-up").format(tail=order_tail(order)),
        "key": key,
        "complaint_kinds": [(kind.value, label(f"complaint-{kind.value}")) for kind in ComplaintKind],
    }
    return template, context


@router.get("/track/{customer_key}", response_class=HTMLResponse)
def customer_page(
    request: Request,
    customer_key: str = Path(pattern=KEY_PATTERN),
    session: Session = Depends(db_session, scope="function"),
) -> HTMLResponse:
    """The customer's page: a conspicuous notice, the stage, the chat, and a complaint form."""
    return render(request, *party_context(session, customer_key, Sender.CUSTOMER))


@router.get("/merchant/{merchant_key}", response_class=HTMLResponse)
def merchant_page(
    request: Request,
    merchant_key: str = Path(pattern=KEY_PATTERN),
    session: Session = Depends(db_session, scope="function"),
) -> HTMLResponse:
    """The merchant's page: the notice with the station's backup number, and the chat."""
    return render(request, *party_context(session, merchant_key, Sender.MERCHANT))


async def _party_message(request: Request, session: Session, key: str, audience: Sender, path: str) -> Response:
    form = await checked_form(request)
    order = services.order_by_key(session, key, audience)
    text = str(form.get("text", ""))[:1000]
    try:
        services.post_message(session, order, audience, text)
    except BarrierfreeError as error:
        template, context = party_context(session, key, audience)
        context["form"] = {"text": text}
        return render_form_error(request, template, context, error)
    return redirect_with_notice(f"/relay/{path}/{key}", "relay-message-sent")


@router.post("/track/{customer_key}/messages", response_model=None)
async def customer_message(
    request: Request,
    customer_key: str = Path(pattern=KEY_PATTERN),
    session: Session = Depends(db_session, scope="function"),
) -> Response:
    """The customer writes to the rider."""
    return await _party_message(request, session, customer_key, Sender.CUSTOMER, "track")


@router.post("/merchant/{merchant_key}/messages", response_model=None)
async def merchant_message(
    request: Request,
    merchant_key: str = Path(pattern=KEY_PATTERN),
    session: Session = Depends(db_session, scope="function"),
) -> Response:
    """The merchant writes to the rider."""
    return await _party_message(request, session, merchant_key, Sender.MERCHANT, "merchant")


@router.post("/track/{customer_key}/complaints", response_model=None)
async def customer_complaint(
    request: Request,
    customer_key: str = Path(pattern=KEY_PATTERN),
    session: Session = Depends(db_session, scope="function"),
) -> Response:
    """The customer complains about the delivery."""
    form = await checked_form(request)
    order = services.order_by_key(session, customer_key, Sender.CUSTOMER)
    try:
        kind = ComplaintKind(str(form.get("kind", "")))
    except ValueError:
        raise InvalidRelayInput(_("Choose what went wrong from the list."), field="kind") from None
    services.file_complaint(session, order, kind, str(form.get("complaint_text", ""))[:2000])
    return redirect_with_notice(f"/relay/track/{customer_key}", "relay-complaint-saved")


@router.get("/stations/{station_id}/assessment", response_class=HTMLResponse)
def assessment(
    request: Request,
    station_id: RowId,
    days: int = Query(ASSESSMENT_DAYS, ge=1, le=366),
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> HTMLResponse:
    """Complaints of the station's riders, those to exempt from assessment marked, with the riders' incidents."""
    return render(request, "relay_assessment.html", _assessment_context(request, session, user, station_id, days))


def _assessment_context(
    request: Request, session: Session, user: User, station_id: int, days: int = ASSESSMENT_DAYS
) -> dict[str, Any]:
    since = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    report = services.assessment_report(session, user, station_id, since, ip=client_ip(request))
    complaints = [complaint for entry in report for complaint in entry.exempt + entry.counted]
    deciders = {complaint.decided_by for complaint in complaints if complaint.decided_by}
    return {
        "title": _("Assessment adjustments"),
        "report": report,
        "days": days,
        "station_id": station_id,
        "deciders": {person.id: person for person in services.users_by_id(session, deciders)},
        "note_labels": {f"note-{complaint.id}": _("Why") for complaint in complaints},
        "complaint_label": lambda kind: label(f"complaint-{kind.value}"),
    }


@router.post("/stations/{station_id}/complaints/{complaint_id}/exemption", response_model=None)
async def decide_exemption(
    request: Request,
    station_id: RowId,
    complaint_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> Response:
    """A station manager exempts a complaint from the rider's assessment, or counts it after all, with a reason."""
    form = await checked_form(request)
    exempt = str(form.get("exempt", "")) == "yes"
    try:
        services.decide_exemption(
            session,
            user,
            station_id,
            complaint_id,
            exempt=exempt,
            note=str(form.get("note", ""))[:2000],
            ip=client_ip(request),
        )
    except InvalidRelayInput as error:
        session.rollback()
        context = _assessment_context(request, session, user, station_id)
        context["form"] = {"note": str(form.get("note", ""))[:500], "complaint": complaint_id}
        return render_form_error(request, "relay_assessment.html", context, error)
    return redirect_with_notice(f"/relay/stations/{station_id}/assessment", "relay-exemption-saved")


SIMULATION_FIELDS = ("hours_per_week", "pickup_seconds", "delivery_seconds", "weeks")


def _simulation_context(values: dict[str, str]) -> dict[str, Any]:
    return {
        "title": _("Simulation of the smart call"),
        "form": values,
        "report": None,
        "kinds": list(simulation.RiderKind),
    }


@router.get("/simulation", response_class=HTMLResponse)
def simulation_form(request: Request) -> HTMLResponse:
    """The delivery model's parameters."""
    model = simulation.DeliveryModel()
    values = {
        "hours_per_week": f"{model.hours_per_week:g}",
        "pickup_seconds": f"{model.pickup_seconds:g}",
        "delivery_seconds": f"{model.delivery_seconds:g}",
        "weeks": "200",
    }
    return render(request, "relay_simulation.html", _simulation_context(values))


@router.post("/simulation", response_class=HTMLResponse)
async def simulation_run(request: Request) -> HTMLResponse:
    """Run the model and show the reproduced gaps and the predicted weekly gain (nothing is stored)."""
    form = await checked_form(request)
    values = {name: str(form.get(name, "")).strip()[:12] for name in SIMULATION_FIELDS}
    context = _simulation_context(values)
    try:
        numbers = {}
        for name in SIMULATION_FIELDS:
            try:
                numbers[name] = float(values[name])
            except ValueError:
                raise InvalidRelayInput(_("Enter a number."), field=name) from None
        if not numbers["weeks"].is_integer() or not 2 <= numbers["weeks"] <= MAX_PAGE_WEEKS:
            raise InvalidRelayInput(
                _("Simulate from 2 to {n} weeks here; the command line runs more.").format(n=MAX_PAGE_WEEKS),
                field="weeks",
            )
        model = simulation.DeliveryModel(
            hours_per_week=numbers["hours_per_week"],
            pickup_seconds=numbers["pickup_seconds"],
            delivery_seconds=numbers["delivery_seconds"],
        )
        # In a worker thread: a long simulation holds this request, never the server.
        context["report"] = await run_in_threadpool(simulation.simulate, model, weeks=int(numbers["weeks"]))
    except BarrierfreeError as error:
        return render_form_error(request, "relay_simulation.html", context, error)
    return render(request, "relay_simulation.html", context)
