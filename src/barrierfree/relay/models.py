"""The relay domain's tables: riders who communicate by text, their orders and stages, their own cards, messages,
incidents and complaints.

Whether a rider is hearing-impaired is sensitive personal information: a rider turns on "communicates by text"
themselves, under its own consent, and customers and merchants only ever read that the rider communicates by
text, never why.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from barrierfree.core.clock import utcnow
from barrierfree.core.db import Base, UTCDateTime, str_enum


class OrderStage(enum.StrEnum):
    """Where a delivery is, in order."""

    PLACED = "placed"
    ACCEPTED = "accepted"
    AT_MERCHANT = "at_merchant"
    PICKED_UP = "picked_up"
    ON_THE_WAY = "on_the_way"
    ARRIVING = "arriving"
    DELIVERED = "delivered"


class Sender(enum.StrEnum):
    """Who wrote a message."""

    RIDER = "rider"
    CUSTOMER = "customer"
    MERCHANT = "merchant"
    SYSTEM = "system"


class ComplaintKind(enum.StrEnum):
    """What a customer or merchant complained about."""

    DID_NOT_ANSWER = "did_not_answer"
    NO_REPLY = "no_reply"
    LATE = "late"
    WRONG_ITEMS = "wrong_items"
    RUDE = "rude"
    OTHER = "other"


COMMUNICATION_COMPLAINTS = frozenset({ComplaintKind.DID_NOT_ANSWER, ComplaintKind.NO_REPLY})
"""Complaints that a rider who communicates by text is exempt from."""


class RiderProfile(Base):
    """A rider's communication settings; ``text_only`` is set by the rider, under consent ``relay_text_rider``."""

    __tablename__ = "relay_riders"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    text_only: Mapped[bool] = mapped_column(Boolean, default=False)
    chat_only_orders: Mapped[bool] = mapped_column(Boolean, default=False)
    """The rider asks customers to chat instead of calling, for the whole of every order."""
    station_phone: Mapped[str | None] = mapped_column(String(32))
    """The station manager's or dispatcher's number, shown to merchants as a backup."""
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Order(Base):
    """One delivery: who carries it, where it is, and the links the customer and the merchant open."""

    __tablename__ = "relay_orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    """The platform's order number (customers and merchants see its last digits)."""
    rider_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    merchant_name: Mapped[str] = mapped_column(String(120))
    customer_name: Mapped[str] = mapped_column(String(120))
    address: Mapped[str] = mapped_column(String(300))
    customer_phone: Mapped[str | None] = mapped_column(String(20))
    """The number a smart call dials (normalized); only the platform and the call use it, the rider never sees it."""
    stage: Mapped[OrderStage] = mapped_column(str_enum(OrderStage, 20), default=OrderStage.PLACED)
    customer_key: Mapped[str] = mapped_column(String(64), unique=True)
    merchant_key: Mapped[str] = mapped_column(String(64), unique=True)
    """Secrets in the customer's and the merchant's links (they have no account here)."""
    smart_call_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """While a smart call is in progress the customer's call button is replaced by chat."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class StageChange(Base):
    """One move of an order, kept for the record and the notices."""

    __tablename__ = "relay_stage_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("relay_orders.id", ondelete="CASCADE"), index=True)
    stage: Mapped[OrderStage] = mapped_column(str_enum(OrderStage, 20))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RiderCard(Base):
    """A card a rider wrote themselves, in one or both languages."""

    __tablename__ = "relay_rider_cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    text_zh: Mapped[str] = mapped_column(String(200), default="")
    text_en: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Message(Base):
    """One chat message of an order; stored before it is shown or sent anywhere, so none is lost."""

    __tablename__ = "relay_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("relay_orders.id", ondelete="CASCADE"), index=True)
    sender: Mapped[Sender] = mapped_column(str_enum(Sender, 20))
    text: Mapped[str] = mapped_column(Text)
    card_id: Mapped[str | None] = mapped_column(String(60))
    from_voice: Mapped[bool] = mapped_column(Boolean, default=False)
    """The text is a transcription of a voice message."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Incident(Base):
    """A communication incident a rider logged (the customer called and I could not answer, ...)."""

    __tablename__ = "relay_incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    rider_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("relay_orders.id", ondelete="SET NULL"))
    description: Mapped[str] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Complaint(Base):
    """A complaint about a delivery; one about communication against a text-only rider is flagged for exemption."""

    __tablename__ = "relay_complaints"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("relay_orders.id", ondelete="CASCADE"), index=True)
    rider_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    kind: Mapped[ComplaintKind] = mapped_column(str_enum(ComplaintKind, 20))
    text: Mapped[str] = mapped_column(String(1000), default="")
    exempt: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    """The station manager who set ``exempt`` by hand (None: set by the rule when the complaint came in)."""
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str | None] = mapped_column(String(500))
    """Why the manager decided so, shown on the report beside the decision."""


class SmartCall(Base):
    """One smart call: what was said, how far it got, and how it ended (the rider's page shows it)."""

    __tablename__ = "relay_smart_calls"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("relay_orders.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(500))
    language: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), default="queued")
    """``queued``, then a ``calls.CallStatus`` value as the call goes; ``ended`` at the end."""
    outcome: Mapped[str | None] = mapped_column(String(20))
    reply: Mapped[str | None] = mapped_column(String(1))
    detail: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
