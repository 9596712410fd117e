"""Organisations, their members and roles, and the platform's single place for permission checks."""

from barrierfree.core.orgs.models import Membership, Organisation, OrgKind, OrgRole
from barrierfree.core.orgs.roles import ORG_ROLE_PERMISSIONS, Permission, allowed, authorize, role_in
from barrierfree.core.orgs.services import (
    create_organisation,
    get_organisation,
    list_organisations,
    members,
    memberships_of,
    remove_member,
    set_member,
)

__all__ = [
    "ORG_ROLE_PERMISSIONS",
    "Membership",
    "OrgKind",
    "OrgRole",
    "Organisation",
    "Permission",
    "allowed",
    "authorize",
    "create_organisation",
    "get_organisation",
    "list_organisations",
    "members",
    "memberships_of",
    "remove_member",
    "role_in",
    "set_member",
]
