"""Errors of the accessibility checker."""

from __future__ import annotations

from barrierfree.core.errors import BarrierfreeError, InvalidInput, NotFound, PermissionDenied


class AuditError(BarrierfreeError):
    """Base of every audit error."""

    code = "audit-error"


class TargetNotAllowed(PermissionDenied, AuditError):
    """The target is a file, loopback or private address (SSRF guard), or an unsupported scheme."""

    code = "audit-target-not-allowed"


class InvalidAuditRequest(InvalidInput, AuditError):
    """Bad targets, limits or options."""

    code = "audit-invalid-request"


class AuditNotFound(NotFound, AuditError):
    """No such audit job (or not the caller's)."""

    code = "audit-not-found"
