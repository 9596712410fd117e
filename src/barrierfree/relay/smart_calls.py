"""One-click smart calls on the platform: the rider picks a card, the platform calls the customer and speaks it.

Requesting a call stores the rider's words in the chat first (so they reach the customer even if the call never
does) and turns the customer's call button into chat. The call then runs in the background (:func:`run_call`,
from the worker in ``jobs.py``): the card is spoken by the speech engine, dialled through the trunk, repeated, and
the customer's key (1 coming down, 2 leave it at the door, 3 please chat) comes back to the rider as text, in the
chat and on the order page. Every failure (busy, no answer, rejected, no trunk) says so and points to the chat,
where the words already are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from barrierfree.core.accounts import User
from barrierfree.core.clock import utcnow
from barrierfree.core.db import Database
from barrierfree.core.errors import BarrierfreeError
from barrierfree.core.i18n import _, use_language
from barrierfree.relay import calls, services
from barrierfree.relay._sip import TrunkSettings
from barrierfree.relay.errors import InvalidRelayInput
from barrierfree.relay.models import Order, Sender, SmartCall

QUEUED = "queued"
LATEST_CALLS = 5

Synthesize = Callable[[str, str], bytes]
"""Text and language to WAV bytes (the speech engine)."""


@dataclass(frozen=True)
class _NoTrunk:
    """The telephony when no trunk is configured: every call ends at once as trunk-down."""

    def dial(
        self, number: str, ring_timeout_s: float, on_ringing: Callable[[], None]
    ) -> calls.Line | calls.DialFailure:
        return calls.DialFailure(
            calls.CallOutcome.TRUNK_DOWN, "no SIP trunk is configured (BARRIERFREE_RELAY_SIP_HOST)"
        )


def telephony_for(trunk: TrunkSettings | None) -> calls.Telephony:
    """The real SIP telephony for a configured trunk, else one that reports trunk-down."""
    return calls.sip_telephony(trunk) if trunk is not None else _NoTrunk()


def set_customer_phone(session: Session, order: Order, number: str) -> None:
    """Store the customer's number for smart calls (normalized; a malformed one is refused)."""
    order.customer_phone = calls.normalize_number(number)


def request_call(
    session: Session, rider: User, order_id: int, text: str, language: str, card_id: str | None
) -> SmartCall:
    """Queue a smart call of the rider's words; they are stored in the chat first."""
    order = services.rider_order(session, rider, order_id)
    if not order.customer_phone:
        raise InvalidRelayInput(
            _("The platform gave no phone number for this customer. Send a text message in the chat instead."),
            field="call_card",
        )
    services.post_message(session, order, Sender.RIDER, text, card_id=card_id)
    services.start_smart_call(session, rider, order_id)
    call = SmartCall(order_id=order.id, text=text, language=language)
    session.add(call)
    session.flush()
    return call


def latest_calls(session: Session, order: Order) -> list[SmartCall]:
    """The order's latest calls, newest first."""
    query = select(SmartCall).where(SmartCall.order_id == order.id).order_by(SmartCall.id.desc()).limit(LATEST_CALLS)
    return list(session.scalars(query))


def call_text(call: SmartCall) -> str:
    """Where a call is, or how it ended, for the rider in the reader's language."""
    if call.status == QUEUED:
        return _("The call is about to start…")
    if call.outcome is None:
        return calls.status_message(calls.CallStatus(call.status))
    result = calls.CallResult(
        calls.CallOutcome(call.outcome), reply=calls.KeypadReply(call.reply) if call.reply else None
    )
    return calls.outcome_message(result)


def run_call(
    database: Database, call_id: int, telephony: calls.Telephony, synthesize: Synthesize
) -> calls.CallResult | None:
    """Place a queued call and store every status and the result; the outcome goes to the chat as a notice."""
    with database.session() as session:
        call = session.get(SmartCall, call_id)
        if call is None or call.status != QUEUED:
            return None
        order = session.get(Order, call.order_id)
        assert order is not None
        number, text, language = order.customer_phone or "", call.text, call.language

    def on_status(status: calls.CallStatus) -> None:
        with database.session() as session:
            stored = session.get(SmartCall, call_id)
            if stored is not None:
                stored.status = status.value

    try:
        request = calls.CallRequest(number, synthesize(text, language))
        result = calls.place_call(telephony, request, on_status)
    except BarrierfreeError as error:
        result = calls.CallResult(calls.CallOutcome.TRUNK_DOWN, detail=error.message[:300])
    except Exception as error:  # a bug must not leave the call "calling" forever
        result = calls.CallResult(calls.CallOutcome.TRUNK_DOWN, detail=f"{type(error).__name__}: {error}"[:300])
    with database.session() as session:
        stored = session.get(SmartCall, call_id)
        order = session.get(Order, stored.order_id) if stored else None
        if stored is None or order is None:
            return result
        stored.status = calls.CallStatus.ENDED.value
        stored.outcome = result.outcome.value
        stored.reply = result.reply.value if result.reply else None
        stored.detail = result.detail[:300]
        stored.finished_at = utcnow()
        with use_language(language):
            services.post_message(session, order, Sender.SYSTEM, calls.outcome_message(result))
    return result
