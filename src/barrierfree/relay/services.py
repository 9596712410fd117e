"""Riders, orders, notices, messages, incidents and complaints as stored.

Privacy: a rider turns on "communicates by text" themselves, with the separate consent ``relay_text_rider``;
withdrawing that consent turns it off. Customers and merchants read only that the rider communicates by text.
Station managers read complaints and incidents of their station's riders; each such read is logged.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from barrierfree.core.accounts import User
from barrierfree.core.accounts.services import actor_for
from barrierfree.core.audit import record
from barrierfree.core.clock import utcnow
from barrierfree.core.errors import NotFound
from barrierfree.core.i18n import _
from barrierfree.core.orgs import Membership, Permission, authorize
from barrierfree.core.privacy import ConsentPurpose, give_consent, has_consent, on_withdrawal, withdraw_consent
from barrierfree.relay.cards import check_custom_text
from barrierfree.relay.errors import InvalidRelayInput
from barrierfree.relay.models import (
    COMMUNICATION_COMPLAINTS,
    Complaint,
    ComplaintKind,
    Incident,
    Message,
    Order,
    OrderStage,
    RiderCard,
    RiderProfile,
    Sender,
    StageChange,
)

MAX_MESSAGE_CHARS = 500
MAX_CUSTOM_CARDS = 20
MAX_INCIDENT_CHARS = 1000
MAX_COMPLAINT_CHARS = 1000
MAX_ORDERS_LISTED = 50
SMART_CALL_CHAT_WINDOW = dt.timedelta(minutes=10)
"""How long the customer's call button stays replaced by chat after a smart call starts."""
_PHONE = re.compile(r"^\+?[0-9][0-9 -]{4,30}$")
STAGE_ORDER = list(OrderStage)


def profile_of(session: Session, user: User) -> RiderProfile | None:
    """The rider's communication settings, if they set any."""
    return session.scalar(select(RiderProfile).where(RiderProfile.user_id == user.id))


@dataclass(frozen=True)
class RiderSettings:
    """What a rider chooses: text-only (needs the consent), chat for whole orders, the station's backup number."""

    text_only: bool
    consent: bool
    chat_only_orders: bool
    station_phone: str


def save_settings(session: Session, rider: User, settings: RiderSettings, *, ip: str | None = None) -> RiderProfile:
    """Store the rider's settings; turning text-only on records the consent, turning it off withdraws it."""
    phone = settings.station_phone.strip()
    if phone and not _PHONE.match(phone):
        raise InvalidRelayInput(
            _("Write the backup number with digits only, such as 0571-88886666 or +8657188886666."),
            field="station_phone",
        )
    profile = profile_of(session, rider) or RiderProfile(user_id=rider.id)
    session.add(profile)
    consented = has_consent(session, rider.id, ConsentPurpose.RELAY_TEXT_RIDER)
    if settings.text_only and not consented:
        if not settings.consent:
            raise InvalidRelayInput(
                _("To tell customers and merchants that you communicate by text, tick the consent box."),
                field="consent",
            )
        give_consent(session, rider, ConsentPurpose.RELAY_TEXT_RIDER, ip=ip)
    profile.text_only = settings.text_only
    profile.chat_only_orders = settings.chat_only_orders
    profile.station_phone = phone or None
    session.flush()
    if not settings.text_only and consented:
        withdraw_consent(session, rider, ConsentPurpose.RELAY_TEXT_RIDER, ip=ip)
    return profile


def _text_only_off(session: Session, user_id: int, _organisation_id: int | None) -> None:
    """Withdrawing the consent (here or on the privacy page) turns text-only off at once."""
    profile = session.scalar(select(RiderProfile).where(RiderProfile.user_id == user_id))
    if profile is not None:
        profile.text_only = False


on_withdrawal(ConsentPurpose.RELAY_TEXT_RIDER, _text_only_off)


def rider_communicates_by_text(session: Session, order: Order) -> bool:
    """Whether the order's rider has text-only on (and the consent to say so)."""
    if order.rider_id is None:
        return False
    profile = session.scalar(select(RiderProfile).where(RiderProfile.user_id == order.rider_id))
    return bool(profile and profile.text_only and has_consent(session, order.rider_id, ConsentPurpose.RELAY_TEXT_RIDER))


def _check_text(value: str, field: str, limit: int) -> str:
    value = value.strip()
    if not value:
        raise InvalidRelayInput(_("Fill in this field."), field=field)
    if len(value) > limit:
        raise InvalidRelayInput(_("Keep it to {n} characters.").format(n=limit), field=field)
    return value


def users_by_id(session: Session, ids: set[int]) -> list[User]:
    """The users with these ids (those that still exist)."""
    return list(session.scalars(select(User).where(User.id.in_(ids)))) if ids else []


def user_named(session: Session, username: str) -> User:
    """The account of a rider named by the delivery platform."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise InvalidRelayInput(
            _("There is no rider {name} on the platform.").format(name=username[:40]), field="rider"
        )
    return user


def create_order(
    session: Session, rider: User | None, reference: str, merchant: str, customer: str, address: str
) -> Order:
    """A new order (from the delivery platform's integration), with fresh secret links for customer and merchant."""
    order = Order(
        reference=_check_text(reference, "reference", 40),
        rider_id=rider.id if rider else None,
        merchant_name=_check_text(merchant, "merchant", 120),
        customer_name=_check_text(customer, "customer", 120),
        address=_check_text(address, "address", 300),
        customer_key=secrets.token_urlsafe(24),
        merchant_key=secrets.token_urlsafe(24),
    )
    if session.scalar(select(Order.id).where(Order.reference == order.reference)) is not None:
        raise InvalidRelayInput(
            _("There is already an order {reference}.").format(reference=order.reference), field="reference"
        )
    session.add(order)
    session.flush()
    session.add(StageChange(order_id=order.id, stage=OrderStage.PLACED))
    return order


def orders_of(session: Session, rider: User) -> list[Order]:
    """The rider's latest orders, newest first."""
    query = select(Order).where(Order.rider_id == rider.id).order_by(Order.id.desc()).limit(MAX_ORDERS_LISTED)
    return list(session.scalars(query))


def rider_order(session: Session, rider: User, order_id: int) -> Order:
    """One of the rider's own orders."""
    order = session.get(Order, order_id)
    if order is None or order.rider_id != rider.id:
        raise NotFound(_("You have no order {order}.").format(order=order_id))
    return order


def order_by_key(session: Session, key: str, audience: Sender) -> Order:
    """The order behind a customer's or merchant's link."""
    column = Order.customer_key if audience is Sender.CUSTOMER else Order.merchant_key
    order = session.scalar(select(Order).where(column == key)) if key else None
    if order is None:
        raise NotFound(_("This link does not lead to an order. Check the link in your message."))
    return order


def advance(session: Session, rider: User, order_id: int, stage: OrderStage) -> Order:
    """Move the rider's order forward to ``stage`` (never back)."""
    order = rider_order(session, rider, order_id)
    if STAGE_ORDER.index(stage) <= STAGE_ORDER.index(order.stage):
        raise InvalidRelayInput(_("An order only moves forward."), field="stage")
    order.stage = stage
    session.add(StageChange(order_id=order.id, stage=stage))
    session.flush()
    return order


def start_smart_call(session: Session, rider: User, order_id: int) -> Order:
    """Note a smart call: the customer's call button turns into chat for the next minutes."""
    order = rider_order(session, rider, order_id)
    order.smart_call_until = utcnow() + SMART_CALL_CHAT_WINDOW
    session.flush()
    return order


def calls_replaced_by_chat(session: Session, order: Order) -> bool:
    """Whether the customer sees chat instead of a call button (smart call running, or the rider's choice)."""
    if order.smart_call_until is not None and order.smart_call_until > utcnow():
        return True
    profile = (
        session.scalar(select(RiderProfile).where(RiderProfile.user_id == order.rider_id)) if order.rider_id else None
    )
    return bool(profile and profile.chat_only_orders)


def post_message(
    session: Session, order: Order, sender: Sender, text: str, *, card_id: str | None = None, from_voice: bool = False
) -> Message:
    """Store a chat message first (so none is lost), then it is shown to the others."""
    message = Message(
        order_id=order.id,
        sender=sender,
        text=_check_text(text, "text", MAX_MESSAGE_CHARS),
        card_id=card_id,
        from_voice=from_voice,
    )
    session.add(message)
    session.flush()
    return message


def messages_of(session: Session, order: Order) -> list[Message]:
    """The order's chat, oldest first."""
    return list(session.scalars(select(Message).where(Message.order_id == order.id).order_by(Message.id)))


def add_card(session: Session, rider: User, text_zh: str, text_en: str) -> RiderCard:
    """A rider's own card, in one or both languages; at most 20 per rider."""
    zh, en = check_custom_text(text_zh, "text_zh"), check_custom_text(text_en, "text_en")
    if not zh and not en:
        raise InvalidRelayInput(_("Write the card in Chinese, in English or in both."), field="text_zh")
    if len(cards_of(session, rider)) >= MAX_CUSTOM_CARDS:
        raise InvalidRelayInput(
            _("You have {n} cards of your own, the most there can be. Delete one first.").format(n=MAX_CUSTOM_CARDS),
            field="text_zh",
        )
    card = RiderCard(user_id=rider.id, text_zh=zh, text_en=en)
    session.add(card)
    session.flush()
    return card


def cards_of(session: Session, rider: User) -> list[RiderCard]:
    """The rider's own cards, oldest first."""
    return list(session.scalars(select(RiderCard).where(RiderCard.user_id == rider.id).order_by(RiderCard.id)))


def delete_card(session: Session, rider: User, card_id: int) -> None:
    """Delete one of the rider's own cards."""
    card = session.get(RiderCard, card_id)
    if card is None or card.user_id != rider.id:
        raise NotFound(_("You have no card {card}.").format(card=card_id))
    session.delete(card)


def log_incident(session: Session, rider: User, description: str, order_id: int | None = None) -> Incident:
    """A rider's record of a communication incident, for their station and any complaint that follows."""
    if order_id is not None:
        rider_order(session, rider, order_id)
    incident = Incident(
        rider_id=rider.id, order_id=order_id, description=_check_text(description, "description", MAX_INCIDENT_CHARS)
    )
    session.add(incident)
    session.flush()
    return incident


def file_complaint(session: Session, order: Order, kind: ComplaintKind, text: str = "") -> Complaint:
    """A complaint about an order; about communication against a text-only rider, it is flagged for exemption."""
    text = text.strip()
    if len(text) > MAX_COMPLAINT_CHARS:
        raise InvalidRelayInput(_("Keep it to {n} characters.").format(n=MAX_COMPLAINT_CHARS), field="text")
    exempt = kind in COMMUNICATION_COMPLAINTS and rider_communicates_by_text(session, order)
    complaint = Complaint(order_id=order.id, rider_id=order.rider_id, kind=kind, text=text, exempt=exempt)
    session.add(complaint)
    session.flush()
    return complaint


MIN_DECISION_NOTE_CHARS = 5
MAX_DECISION_NOTE_CHARS = 500


def decide_exemption(
    session: Session,
    manager: User | None,
    station_id: int,
    complaint_id: int,
    *,
    exempt: bool,
    note: str,
    ip: str | None = None,
) -> Complaint:
    """A station manager exempts a complaint from the rider's assessment, or counts it after all, saying why.

    The rule flags complaints about not answering against riders who communicate by text; a manager may know more
    (a customer's complaint about a text-only rider who ignored the chat too, or a hard-of-hearing rider who has not
    turned the setting on). Only complaints against the station's own riders can be decided; every decision is
    audited.
    """
    authorize(session, manager, Permission.RELAY_STATION_MANAGE, station_id)
    assert manager is not None
    complaint = session.get(Complaint, complaint_id)
    riders = select(Membership.user_id).where(Membership.organisation_id == station_id)
    if complaint is None or complaint.rider_id not in set(session.scalars(riders)):
        raise NotFound(_("There is no such complaint about this station's riders."))
    note = " ".join(note.split())
    if not MIN_DECISION_NOTE_CHARS <= len(note) <= MAX_DECISION_NOTE_CHARS:
        raise InvalidRelayInput(
            _("Say why in {low} to {high} characters: the station's managers read it on this report.").format(
                low=MIN_DECISION_NOTE_CHARS, high=MAX_DECISION_NOTE_CHARS
            ),
            field=f"note-{complaint_id}",
        )
    before = complaint.exempt
    complaint.exempt, complaint.decision_note = exempt, note
    complaint.decided_by, complaint.decided_at = manager.id, utcnow()
    record(
        session,
        actor_for(manager, ip),
        "relay.complaint.exemption",
        organisation_id=station_id,
        detail={"complaint": complaint.id, "exempt": exempt, "was": before},
    )
    session.flush()
    return complaint


@dataclass(frozen=True)
class RiderAssessment:
    """One rider's complaints in a period: the exempt ones to adjust in assessment, the rest, and incidents logged."""

    rider: User
    exempt: list[Complaint]
    counted: list[Complaint]
    incidents: list[Incident]


def assessment_report(
    session: Session, manager: User | None, station_id: int, since: dt.datetime, *, ip: str | None = None
) -> list[RiderAssessment]:
    """Complaints and incidents of the station's riders since ``since``, the exempt ones marked (the read is logged)."""
    authorize(session, manager, Permission.RELAY_STATION_MANAGE, station_id)
    assert manager is not None
    riders = list(
        session.scalars(
            select(User).join(Membership, Membership.user_id == User.id).where(Membership.organisation_id == station_id)
        )
    )
    report = []
    for rider in riders:
        complaints = list(
            session.scalars(
                select(Complaint)
                .where(Complaint.rider_id == rider.id, Complaint.created_at >= since)
                .order_by(Complaint.id)
            )
        )
        incidents = list(
            session.scalars(
                select(Incident)
                .where(Incident.rider_id == rider.id, Incident.created_at >= since)
                .order_by(Incident.id)
            )
        )
        if complaints or incidents:
            report.append(
                RiderAssessment(
                    rider, [c for c in complaints if c.exempt], [c for c in complaints if not c.exempt], incidents
                )
            )
    record(
        session,
        actor_for(manager, ip),
        "relay.assessment.read",
        organisation_id=station_id,
        detail={"since": since.isoformat(), "riders": len(report)},
    )
    return report
