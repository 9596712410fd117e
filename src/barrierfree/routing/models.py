"""The routing domain's table: live barrier reports (a broken elevator, a blocked ramp, works on a footway).

A report is applied to routes at query time, without rebuilding the graph, until it expires or is revoked.
Reports are never deleted: revoking one keeps who revoked it and why, for the audit trail.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Float, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from barrierfree.core.clock import utcnow
from barrierfree.core.db import Base, UTCDateTime, str_enum


class BarrierKind(enum.StrEnum):
    """What is in the way; an elevator report closes the nearest elevator, the others the nearest path."""

    ELEVATOR_OUT_OF_SERVICE = "elevator_out_of_service"
    RAMP_BLOCKED = "ramp_blocked"
    WORKS = "works"
    OBSTACLE = "obstacle"
    FLOODING = "flooding"


class ReportSource(enum.StrEnum):
    """Who says so: a traveller, a disabled persons' organisation, the operator of the place, an official feed."""

    TRAVELLER = "traveller"
    ORGANISATION = "organisation"
    OPERATOR = "operator"
    OFFICIAL = "official"


class BarrierReport(Base):
    """One reported barrier at a point, live from ``created_at`` until ``expires_at`` unless revoked earlier."""

    __tablename__ = "routing_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[BarrierKind] = mapped_column(str_enum(BarrierKind))
    source: Mapped[ReportSource] = mapped_column(str_enum(ReportSource))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(String(500), default="")
    reported_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    revoke_reason: Mapped[str | None] = mapped_column(String(500))
