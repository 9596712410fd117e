"""Consent, the sensitive profile, data export and account deletion (PIPL arts. 28-29, 45, 47).

Every read and every change of a sensitive profile writes an audit entry in the same unit of work, so a
read that is not logged cannot happen.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from barrierfree.core.accounts.models import ApiToken, User
from barrierfree.core.accounts.passwords import verify_password
from barrierfree.core.accounts.services import actor_for
from barrierfree.core.audit import Actor, entries_about, record
from barrierfree.core.clock import utcnow
from barrierfree.core.errors import Conflict, ConsentRequired, InvalidInput, NotFound
from barrierfree.core.i18n import _
from barrierfree.core.orgs.models import Membership, Organisation, OrgRole
from barrierfree.core.orgs.roles import Permission, authorize
from barrierfree.core.orgs.services import memberships_of
from barrierfree.core.privacy.models import (
    ORGANISATION_PURPOSES,
    Consent,
    ConsentPurpose,
    DisabilityCategory,
    SensitiveProfile,
)

POLICY_VERSION = "2026-11"
"""The privacy policy version a consent refers to; bump it when the policy text changes."""
MAX_HEALTH_NOTES = 2000
DISABILITY_LEVELS = (1, 2, 3, 4)
# Second-generation disability certificate: 18-character resident ID, category digit (1-7), level digit (1-4).
CERTIFICATE_PATTERN = re.compile(r"^\d{17}[\dX]([1-7])([1-4])$")
CATEGORY_DIGIT = {category: str(index) for index, category in enumerate(DisabilityCategory, start=1)}


WithdrawalHandler = Callable[[Session, int, "int | None"], None]
"""Erases what a consent allowed: called with the session, the user id and the organisation id."""
_WITHDRAWAL_HANDLERS: dict[ConsentPurpose, list[WithdrawalHandler]] = {}


def on_withdrawal(purpose: ConsentPurpose, handler: WithdrawalHandler) -> None:
    """Register how a domain erases the data a consent allowed (the core cannot know every domain's tables)."""
    handlers = _WITHDRAWAL_HANDLERS.setdefault(purpose, [])
    if handler not in handlers:
        handlers.append(handler)


@dataclass(frozen=True)
class ProfileInput:
    """What a user enters about their disability; checked by :func:`save_profile`."""

    disability_category: str
    disability_level: int
    certificate_number: str | None = None
    health_notes: str = ""


def _active(session: Session, user_id: int, purpose: ConsentPurpose, organisation_id: int | None) -> Consent | None:
    return session.scalar(
        select(Consent).where(
            Consent.user_id == user_id,
            Consent.purpose == purpose,
            Consent.organisation_id.is_(None)
            if organisation_id is None
            else Consent.organisation_id == organisation_id,
            Consent.withdrawn_at.is_(None),
        )
    )


def has_consent(session: Session, user_id: int, purpose: ConsentPurpose, organisation_id: int | None = None) -> bool:
    """Whether the user has an active consent for this purpose (and organisation)."""
    return _active(session, user_id, purpose, organisation_id) is not None


def consents_of(session: Session, user: User) -> list[Consent]:
    """All of a user's consents, given and withdrawn, newest first."""
    return list(session.scalars(select(Consent).where(Consent.user_id == user.id).order_by(Consent.id.desc())))


def give_consent(
    session: Session,
    user: User,
    purpose: ConsentPurpose,
    *,
    organisation_id: int | None = None,
    ip: str | None = None,
) -> Consent:
    """Record a separate consent (idempotent: an active one is returned as is)."""
    if purpose in ORGANISATION_PURPOSES:
        if organisation_id is None or session.get(Organisation, organisation_id) is None:
            raise InvalidInput(_("Choose the organisation to share with."), field="organisation_id")
        if purpose is ConsentPurpose.SHARE_WITH_ORGANISATION and not has_consent(
            session, user.id, ConsentPurpose.SENSITIVE_PROFILE
        ):
            raise ConsentRequired(
                _("First agree to store your disability information, then choose whom to share it with.")
            )
    else:
        organisation_id = None
    existing = _active(session, user.id, purpose, organisation_id)
    if existing is not None:
        return existing
    consent = Consent(user_id=user.id, purpose=purpose, organisation_id=organisation_id, policy_version=POLICY_VERSION)
    session.add(consent)
    session.flush()
    record(
        session,
        actor_for(user, ip),
        "consent.given",
        subject_user_id=user.id,
        organisation_id=organisation_id,
        detail={"purpose": purpose.value, "policy_version": POLICY_VERSION},
    )
    return consent


def withdraw_consent(
    session: Session,
    user: User,
    purpose: ConsentPurpose,
    *,
    organisation_id: int | None = None,
    ip: str | None = None,
) -> None:
    """Withdraw a consent. Withdrawing the storage consent deletes the profile and ends all sharing."""
    consent = _active(session, user.id, purpose, organisation_id)
    if consent is None:
        raise NotFound(_("There is no active consent of that kind to withdraw."))
    now = utcnow()
    consent.withdrawn_at = now
    record(
        session,
        actor_for(user, ip),
        "consent.withdrawn",
        subject_user_id=user.id,
        organisation_id=organisation_id,
        detail={"purpose": purpose.value},
    )
    for handler in _WITHDRAWAL_HANDLERS.get(purpose, []):
        handler(session, user.id, organisation_id)
    if purpose is ConsentPurpose.SENSITIVE_PROFILE:
        for share in session.scalars(
            select(Consent).where(
                Consent.user_id == user.id,
                Consent.purpose == ConsentPurpose.SHARE_WITH_ORGANISATION,
                Consent.withdrawn_at.is_(None),
            )
        ):
            share.withdrawn_at = now
        profile = session.get(SensitiveProfile, user.id)
        if profile is not None:
            session.delete(profile)
            record(session, actor_for(user, ip), "sensitive.deleted", subject_user_id=user.id)


def _checked(data: ProfileInput) -> tuple[DisabilityCategory, int, str | None, str]:
    try:
        category = DisabilityCategory(data.disability_category)
    except ValueError:
        raise InvalidInput(_("Choose a disability category from the list."), field="disability_category") from None
    if data.disability_level not in DISABILITY_LEVELS:
        raise InvalidInput(_("The disability level is 1, 2, 3 or 4."), field="disability_level")
    certificate = (data.certificate_number or "").strip().upper() or None
    if certificate is not None:
        match = CERTIFICATE_PATTERN.fullmatch(certificate)
        if match is None:
            raise InvalidInput(
                _(
                    "A disability certificate number has 20 characters: the 18-character ID number, then the "
                    "category digit and the level digit."
                ),
                field="certificate_number",
            )
        if match.group(1) != CATEGORY_DIGIT[category] or int(match.group(2)) != data.disability_level:
            raise InvalidInput(
                _("The last two digits of the certificate number do not match the category and level chosen."),
                field="certificate_number",
            )
    notes = data.health_notes.strip()
    if len(notes) > MAX_HEALTH_NOTES:
        raise InvalidInput(
            _("Health notes may have at most {n} characters.").format(n=MAX_HEALTH_NOTES), field="health_notes"
        )
    return category, data.disability_level, certificate, notes


def save_profile(session: Session, user: User, data: ProfileInput, *, ip: str | None = None) -> SensitiveProfile:
    """Store or replace the user's own sensitive profile; needs the separate storage consent."""
    if not has_consent(session, user.id, ConsentPurpose.SENSITIVE_PROFILE):
        raise ConsentRequired(
            _("Your disability information is stored only after you agree to it separately. Give that consent first.")
        )
    category, level, certificate, notes = _checked(data)
    profile = session.get(SensitiveProfile, user.id) or SensitiveProfile(user_id=user.id)
    profile.disability_category = category
    profile.disability_level = level
    profile.certificate_number = certificate
    profile.health_notes = notes
    session.add(profile)
    session.flush()
    record(session, actor_for(user, ip), "sensitive.written", subject_user_id=user.id)
    return profile


def read_own_profile(session: Session, user: User, *, ip: str | None = None) -> SensitiveProfile | None:
    """The user's own sensitive profile; the read is logged like any other."""
    profile = session.get(SensitiveProfile, user.id)
    if profile is not None:
        record(session, actor_for(user, ip), "sensitive.read", subject_user_id=user.id, detail={"by": "self"})
    return profile


def read_client_profile(
    session: Session, reader: User | None, organisation_id: int, client_user_id: int, *, ip: str | None = None
) -> SensitiveProfile:
    """A caseworker reads a person's profile, only if that person shares it with this organisation."""
    authorize(session, reader, Permission.ORG_READ_CLIENT_SENSITIVE, organisation_id)
    assert reader is not None
    shared = has_consent(session, client_user_id, ConsentPurpose.SHARE_WITH_ORGANISATION, organisation_id)
    profile = session.get(SensitiveProfile, client_user_id) if shared else None
    if profile is None:
        raise NotFound(_("This person does not share disability information with your organisation."))
    record(
        session,
        actor_for(reader, ip),
        "sensitive.read",
        subject_user_id=client_user_id,
        organisation_id=organisation_id,
        detail={"by": "caseworker"},
    )
    return profile


def clients_sharing_with(session: Session, reader: User | None, organisation_id: int) -> list[User]:
    """People who share their profile with the organisation (names only; reading a profile is logged)."""
    authorize(session, reader, Permission.ORG_READ_CLIENT_SENSITIVE, organisation_id)
    query = (
        select(User)
        .join(Consent, Consent.user_id == User.id)
        .where(
            Consent.purpose == ConsentPurpose.SHARE_WITH_ORGANISATION,
            Consent.organisation_id == organisation_id,
            Consent.withdrawn_at.is_(None),
        )
        .order_by(User.username)
    )
    return list(session.scalars(query))


def profile_as_dict(profile: SensitiveProfile) -> dict[str, Any]:
    """A profile as plain data (for JSON)."""
    return {
        "disability_category": profile.disability_category.value,
        "disability_level": profile.disability_level,
        "certificate_number": profile.certificate_number,
        "health_notes": profile.health_notes,
        "updated_at": profile.updated_at.isoformat(),
    }


def export_user_data(session: Session, user: User, *, ip: str | None = None) -> dict[str, Any]:
    """Everything stored about the user, as JSON-ready data (PIPL art. 45); the export is logged."""
    profile = read_own_profile(session, user, ip=ip)
    tokens = session.scalars(select(ApiToken).where(ApiToken.user_id == user.id))
    record(session, actor_for(user, ip), "account.exported", subject_user_id=user.id)
    session.flush()
    return {
        "format": "barrierfree-export/1",
        "exported_at": utcnow().isoformat(),
        "account": {
            "id": user.id,
            "username": user.username,
            "email": user.email,
            "display_name": user.display_name,
            "language": user.language,
            "elder_mode": user.elder_mode,
            "is_admin": user.is_admin,
            "created_at": user.created_at.isoformat(),
        },
        "memberships": [
            {"organisation": m.organisation.name, "role": m.role.value} for m in memberships_of(session, user)
        ],
        "consents": [
            {
                "purpose": c.purpose.value,
                "organisation_id": c.organisation_id,
                "policy_version": c.policy_version,
                "given_at": c.given_at.isoformat(),
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in consents_of(session, user)
        ],
        "sensitive_profile": profile_as_dict(profile) if profile else None,
        "api_tokens": [
            {
                "name": t.name,
                "prefix": t.prefix,
                "created_at": t.created_at.isoformat(),
                "revoked": t.revoked_at is not None,
            }
            for t in tokens
        ],
        "audit_log": [
            {"at": e.at.isoformat(), "action": e.action, "actor": e.actor_label, "organisation_id": e.organisation_id}
            for e in entries_about(session, user.id, limit=10_000)
        ],
    }


def _organisations_only_owned_by(session: Session, user: User) -> list[str]:
    """Names of organisations where the user is the one and only owner."""
    names = []
    for membership in memberships_of(session, user):
        if membership.role is not OrgRole.OWNER:
            continue
        owners = session.scalar(
            select(func.count())
            .select_from(Membership)
            .where(Membership.organisation_id == membership.organisation_id, Membership.role == OrgRole.OWNER)
        )
        if owners == 1:
            names.append(membership.organisation.name)
    return names


def delete_account(session: Session, user: User, password: str, *, ip: str | None = None) -> None:
    """Delete the account and all personal data after the password is confirmed (PIPL art. 47).

    The audit log keeps its entries (ids and actions only): the law requires a record of processing.
    """
    if not verify_password(user.password_hash, password):
        raise InvalidInput(_("The password is wrong. Enter your current password to confirm."), field="password")
    orphaned = _organisations_only_owned_by(session, user)
    if orphaned:
        raise Conflict(
            _("You are the only owner of {orgs}. Appoint another owner there first, then delete your account.").format(
                orgs="、".join(orphaned)
            ),
            field="password",
        )
    record(session, Actor(user_id=user.id, label=user.username, ip=ip), "account.deleted", subject_user_id=user.id)
    session.delete(user)
    session.flush()
