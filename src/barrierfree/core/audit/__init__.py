"""Append-only audit log: every read and change of sensitive data, and every security event."""

from barrierfree.core.audit.models import AuditEntry
from barrierfree.core.audit.services import (
    AUDIT_PAGE_SIZE,
    Actor,
    entries_about,
    record,
    search,
)

__all__ = ["AUDIT_PAGE_SIZE", "Actor", "AuditEntry", "entries_about", "record", "search"]
