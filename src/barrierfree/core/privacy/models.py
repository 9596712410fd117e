"""Consents and the sensitive profile (disability category/level, certificate, health notes).

Under China's PIPL (arts. 28-29) disability and health data are sensitive personal information: stored only
after a separate consent that records its purpose, the policy version and the time, and withdrawable.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from barrierfree.core.clock import utcnow
from barrierfree.core.db import Base, UTCDateTime, str_enum


class ConsentPurpose(enum.StrEnum):
    """What a consent allows. Each purpose is asked for separately, never bundled."""

    SENSITIVE_PROFILE = "sensitive_profile"
    """Store my disability and health information so that services can adapt to me."""
    SHARE_WITH_ORGANISATION = "share_with_organisation"
    """Let one named organisation's caseworkers read that information."""
    WORKFORCE_ACCOMMODATIONS = "workforce_accommodations"
    """Let one named employer know the accommodations I need in training and exams (they hint at a disability)."""
    RELAY_TEXT_RIDER = "relay_text_rider"
    """Tell the customers and merchants of my deliveries that I communicate by text (it hints at a hearing
    impairment; they never learn why)."""


ORGANISATION_PURPOSES = frozenset({ConsentPurpose.SHARE_WITH_ORGANISATION, ConsentPurpose.WORKFORCE_ACCOMMODATIONS})
"""Purposes given to one named organisation rather than to the platform."""


class DisabilityCategory(enum.StrEnum):
    """The seven categories of China's disability certificate (GB/T 26341-2010)."""

    VISUAL = "visual"
    HEARING = "hearing"
    SPEECH = "speech"
    PHYSICAL = "physical"
    INTELLECTUAL = "intellectual"
    MENTAL = "mental"
    MULTIPLE = "multiple"


class Consent(Base):
    """One recorded consent; withdrawing sets ``withdrawn_at`` and never deletes the record."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[ConsentPurpose] = mapped_column(str_enum(ConsentPurpose, 40))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    policy_version: Mapped[str] = mapped_column(String(20))
    given_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SensitiveProfile(Base):
    """A user's disability and health information. Read and written only through ``privacy.services``."""

    __tablename__ = "sensitive_profiles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    disability_category: Mapped[DisabilityCategory] = mapped_column(str_enum(DisabilityCategory, 20))
    disability_level: Mapped[int] = mapped_column(Integer)
    certificate_number: Mapped[str | None] = mapped_column(String(22))
    health_notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
