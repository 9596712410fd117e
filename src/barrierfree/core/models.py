"""Every table of the platform core (domains add theirs in ``barrierfree.models``)."""

from __future__ import annotations

from barrierfree.core.accounts.models import ApiToken, LoginAttempt, PasswordReset, User, UserSession
from barrierfree.core.audit.models import AuditEntry
from barrierfree.core.db import Base
from barrierfree.core.orgs.models import Membership, Organisation
from barrierfree.core.privacy.models import Consent, SensitiveProfile

__all__ = [
    "ApiToken",
    "AuditEntry",
    "Base",
    "Consent",
    "LoginAttempt",
    "Membership",
    "Organisation",
    "PasswordReset",
    "SensitiveProfile",
    "User",
    "UserSession",
]
