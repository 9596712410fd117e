"""Writing and reading the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, or_, select
from sqlalchemy.orm import Session

from barrierfree.core.audit.models import AuditEntry
from barrierfree.core.errors import PermissionDenied

AUDIT_PAGE_SIZE = 100
MAX_AUDIT_PAGE_SIZE = 500


@dataclass(frozen=True)
class Actor:
    """Who is acting: a user (id and name as they were at the time) or the system, and from where."""

    user_id: int | None
    label: str
    ip: str | None = None
    is_admin: bool = False

    @classmethod
    def system(cls, label: str = "system") -> Actor:
        """The platform itself or an operator at the command line."""
        return cls(user_id=None, label=label)


def record(
    session: Session,
    actor: Actor,
    action: str,
    *,
    subject_user_id: int | None = None,
    organisation_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry; it is written with the caller's unit of work, so it commits with the change."""
    entry = AuditEntry(
        actor_id=actor.user_id,
        actor_label=actor.label[:60],
        action=action,
        subject_user_id=subject_user_id,
        organisation_id=organisation_id,
        ip=actor.ip,
        detail=detail or {},
    )
    session.add(entry)
    return entry


def entries_about(session: Session, user_id: int, *, limit: int = AUDIT_PAGE_SIZE) -> list[AuditEntry]:
    """What happened to a user's data or account, newest first (their right to know, PIPL art. 45)."""
    query = (
        select(AuditEntry)
        .where(or_(AuditEntry.subject_user_id == user_id, AuditEntry.actor_id == user_id))
        .order_by(AuditEntry.id.desc())
        .limit(min(limit, MAX_AUDIT_PAGE_SIZE))
    )
    return list(session.scalars(query))


def search(
    session: Session,
    *,
    action: str | None = None,
    subject_user_id: int | None = None,
    limit: int = AUDIT_PAGE_SIZE,
    offset: int = 0,
) -> list[AuditEntry]:
    """Filter the whole log, newest first (for platform administrators)."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc())
    if action:
        query = query.where(AuditEntry.action == action)
    if subject_user_id is not None:
        query = query.where(AuditEntry.subject_user_id == subject_user_id)
    return list(session.scalars(query.limit(min(limit, MAX_AUDIT_PAGE_SIZE)).offset(max(offset, 0))))


@event.listens_for(Session, "before_flush")
def _refuse_audit_rewrites(session: Session, _context: object, _instances: object) -> None:
    """The log is append-only: refuse any update or delete of an entry before it reaches the database."""
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, AuditEntry):
            raise PermissionDenied("The audit log is append-only: entries cannot be changed or deleted.")
