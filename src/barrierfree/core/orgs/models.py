"""Organisations (federations, NGOs, employers, charities, merchants) and their members' roles."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from barrierfree.core.accounts.models import User
from barrierfree.core.clock import utcnow
from barrierfree.core.db import Base, UTCDateTime, str_enum


class OrgKind(enum.StrEnum):
    """What an organisation is; decides which domains it sees first."""

    FEDERATION = "federation"
    NGO = "ngo"
    EMPLOYER = "employer"
    CHARITY = "charity"
    MERCHANT = "merchant"


class OrgRole(enum.StrEnum):
    """A member's role inside one organisation (see ``core.orgs.roles`` for what each may do)."""

    OWNER = "owner"
    MANAGER = "manager"
    CASEWORKER = "caseworker"
    MEMBER = "member"


class Organisation(Base):
    """A body that serves, employs or funds people with disabilities."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[OrgKind] = mapped_column(str_enum(OrgKind, 20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", passive_deletes=True
    )


class Membership(Base):
    """A user's role in an organisation."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("organisation_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[OrgRole] = mapped_column(str_enum(OrgRole, 20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organisation: Mapped[Organisation] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship()
