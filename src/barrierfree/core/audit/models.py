"""The append-only audit log.

Rows are only ever inserted: the ORM refuses updates and deletes (``audit.services``) and the migration
installs database triggers that refuse them too. There are no foreign keys, so deleting an account keeps
the record of who read what (the log holds ids and actions, not the personal data itself).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from barrierfree.core.clock import utcnow
from barrierfree.core.db import Base, UTCDateTime


class AuditEntry(Base):
    """Who did what to whose data, when and from where."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_subject_at", "subject_user_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_label: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(60), index=True)
    subject_user_id: Mapped[int | None] = mapped_column(Integer)
    organisation_id: Mapped[int | None] = mapped_column(Integer)
    ip: Mapped[str | None] = mapped_column(String(45))
    detail: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
