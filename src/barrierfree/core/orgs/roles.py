"""Who may do what: every role check of the platform lives here, and anything not granted is denied.

Least privilege: platform administrators manage accounts, organisations and the audit log, but do not read
anyone's disability data; only caseworkers of an organisation that the person chose to share with do.
"""

from __future__ import annotations

import enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from barrierfree.core.accounts.models import User
from barrierfree.core.errors import NotAuthenticated, PermissionDenied
from barrierfree.core.i18n import _
from barrierfree.core.orgs.models import Membership, OrgRole


class Permission(enum.StrEnum):
    """Everything that needs a role."""

    ADMIN_VIEW_USERS = "admin.users.view"
    ADMIN_VIEW_AUDIT = "admin.audit.view"
    ADMIN_MANAGE_ORGANISATIONS = "admin.organisations.manage"
    ORG_VIEW = "org.view"
    ORG_MANAGE_MEMBERS = "org.members.manage"
    ORG_APPOINT_OWNERS = "org.owners.appoint"
    ORG_READ_CLIENT_SENSITIVE = "org.clients.sensitive.read"
    WORKFORCE_MANAGE = "workforce.manage"
    """Run an employer's customer-service programme: applications, stages, mentors, candidates' accommodations."""
    RELAY_STATION_MANAGE = "relay.station.manage"
    """Run a delivery station: read its riders' complaints and incidents, and the assessment adjustments."""
    PLACES_SURVEY = "places.survey"
    """Record a place's accessibility as surveyed on the organisation's behalf (a federation's or NGO's field visit)."""
    PLACES_OWNER_CONFIRM = "places.owner.confirm"
    """Confirm the accessibility of a place the organisation itself runs (a shop, a cinema, a service point)."""


PLATFORM_ADMIN_PERMISSIONS: frozenset[Permission] = frozenset(
    {Permission.ADMIN_VIEW_USERS, Permission.ADMIN_VIEW_AUDIT, Permission.ADMIN_MANAGE_ORGANISATIONS}
)

ORG_ROLE_PERMISSIONS: dict[OrgRole, frozenset[Permission]] = {
    OrgRole.OWNER: frozenset(
        {
            Permission.ORG_VIEW,
            Permission.ORG_MANAGE_MEMBERS,
            Permission.ORG_APPOINT_OWNERS,
            Permission.WORKFORCE_MANAGE,
            Permission.RELAY_STATION_MANAGE,
            Permission.PLACES_SURVEY,
            Permission.PLACES_OWNER_CONFIRM,
        }
    ),
    OrgRole.MANAGER: frozenset(
        {
            Permission.ORG_VIEW,
            Permission.ORG_MANAGE_MEMBERS,
            Permission.WORKFORCE_MANAGE,
            Permission.RELAY_STATION_MANAGE,
            Permission.PLACES_SURVEY,
            Permission.PLACES_OWNER_CONFIRM,
        }
    ),
    OrgRole.CASEWORKER: frozenset(
        {Permission.ORG_VIEW, Permission.ORG_READ_CLIENT_SENSITIVE, Permission.PLACES_SURVEY}
    ),
    OrgRole.MEMBER: frozenset({Permission.ORG_VIEW}),
}


def role_in(session: Session, user: User, organisation_id: int) -> OrgRole | None:
    """The user's role in an organisation, or None when not a member."""
    return session.scalar(
        select(Membership.role).where(Membership.user_id == user.id, Membership.organisation_id == organisation_id)
    )


def allowed(session: Session, user: User | None, permission: Permission, organisation_id: int | None = None) -> bool:
    """Whether ``user`` holds ``permission`` (in ``organisation_id`` for organisation permissions)."""
    if user is None:
        return False
    if permission in PLATFORM_ADMIN_PERMISSIONS:
        return user.is_admin
    if organisation_id is None:
        return False
    role = role_in(session, user, organisation_id)
    return role is not None and permission in ORG_ROLE_PERMISSIONS[role]


def authorize(session: Session, user: User | None, permission: Permission, organisation_id: int | None = None) -> User:
    """Return the user when allowed; raise NotAuthenticated or PermissionDenied otherwise."""
    if user is None:
        raise NotAuthenticated(_("Log in to continue."))
    if not allowed(session, user, permission, organisation_id):
        raise PermissionDenied(_("Your role does not allow this. Ask an administrator of the organisation."))
    return user
