"""Audit jobs requested through the web page or the API; the report itself is a file in the data folder."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from barrierfree.core.clock import utcnow
from barrierfree.core.db import Base, UTCDateTime, str_enum


class JobStatus(enum.StrEnum):
    """Where a job is in its life."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class AuditJob(Base):
    """One requested audit: its targets, limits, progress and result summary."""

    __tablename__ = "audit_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    targets: Mapped[list[str]] = mapped_column(JSON)
    max_pages: Mapped[int] = mapped_column(Integer)
    elder_mode: Mapped[bool] = mapped_column(default=False)
    status: Mapped[JobStatus] = mapped_column(str_enum(JobStatus, 12), default=JobStatus.QUEUED)
    pages_done: Mapped[int] = mapped_column(Integer, default=0)
    pages_known: Mapped[int] = mapped_column(Integer, default=0)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(String(500), default="")
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
