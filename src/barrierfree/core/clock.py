"""Time in one place: always timezone-aware UTC in storage, local time only for display."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo


def utcnow() -> datetime:
    """Now, as an aware UTC datetime."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """Treat a naive datetime (as SQLite returns them) as UTC; convert aware ones to UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def local(moment: datetime, timezone: str) -> datetime:
    """Convert a stored moment to the display time zone."""
    return as_utc(moment).astimezone(ZoneInfo(timezone))
