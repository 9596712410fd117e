"""Tests of barrierfree.core.orgs: organisations, members, and the deny-by-default permission table."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from barrierfree.core.accounts import User
from barrierfree.core.audit import AuditEntry
from barrierfree.core.errors import Conflict, InvalidInput, NotAuthenticated, NotFound, PermissionDenied
from barrierfree.core.orgs import (
    Membership,
    Organisation,
    OrgKind,
    OrgRole,
    Permission,
    allowed,
    authorize,
    create_organisation,
    get_organisation,
    list_organisations,
    members,
    memberships_of,
    remove_member,
    role_in,
    set_member,
)

# Written out by hand (not derived from ORG_ROLE_PERMISSIONS) so that a change to the table shows up here.
EXPECTED_ORG_PERMISSIONS: dict[OrgRole, set[Permission]] = {
    OrgRole.OWNER: {
        Permission.ORG_VIEW,
        Permission.ORG_MANAGE_MEMBERS,
        Permission.ORG_APPOINT_OWNERS,
        Permission.WORKFORCE_MANAGE,
        Permission.RELAY_STATION_MANAGE,
        Permission.PLACES_SURVEY,
        Permission.PLACES_OWNER_CONFIRM,
    },
    OrgRole.MANAGER: {
        Permission.ORG_VIEW,
        Permission.ORG_MANAGE_MEMBERS,
        Permission.WORKFORCE_MANAGE,
        Permission.RELAY_STATION_MANAGE,
        Permission.PLACES_SURVEY,
        Permission.PLACES_OWNER_CONFIRM,
    },
    OrgRole.CASEWORKER: {Permission.ORG_VIEW, Permission.ORG_READ_CLIENT_SENSITIVE, Permission.PLACES_SURVEY},
    OrgRole.MEMBER: {Permission.ORG_VIEW},
}
ADMIN_PERMISSIONS = {
    Permission.ADMIN_VIEW_USERS,
    Permission.ADMIN_VIEW_AUDIT,
    Permission.ADMIN_MANAGE_ORGANISATIONS,
}
ACTORS = ("owner", "manager", "caseworker", "member", "outsider", "admin", "anonymous")


def add_user(session: Session, username: str, *, is_admin: bool = False) -> User:
    user = User(username=username, display_name=username, password_hash="not-a-hash", is_admin=is_admin)
    session.add(user)
    session.flush()
    return user


def count(session: Session, model: type, *conditions: object) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*conditions)) or 0  # type: ignore[arg-type]


@dataclass
class World:
    """One federation with a member of every role, an outsider, a platform admin and a newcomer."""

    org: Organisation
    people: dict[str, User]

    def actor(self, name: str) -> User | None:
        return None if name == "anonymous" else self.people[name]


@pytest.fixture
def world(session: Session) -> World:
    admin = add_user(session, "ada", is_admin=True)
    people = {"admin": admin, "owner": add_user(session, "olga")}
    org = create_organisation(session, admin, name="杭州市残疾人联合会", kind="federation", owner="olga")
    for name, role in (
        ("manager", OrgRole.MANAGER),
        ("caseworker", OrgRole.CASEWORKER),
        ("member", OrgRole.MEMBER),
    ):
        people[name] = add_user(session, f"{name}.user")
        session.add(Membership(organisation_id=org.id, user_id=people[name].id, role=role))
    people["outsider"] = add_user(session, "otto")
    people["newcomer"] = add_user(session, "tess")
    session.flush()
    return World(org=org, people=people)


def _denial(actor: str) -> type[Exception]:
    return NotAuthenticated if actor == "anonymous" else PermissionDenied


# --- creating organisations ----------------------------------------------------------------------------


def test_admin_creates_an_organisation_with_its_first_owner(session: Session) -> None:
    admin, owner = add_user(session, "ada", is_admin=True), add_user(session, "olga")
    org = create_organisation(session, admin, name="  晨光助残   志愿者协会 ", kind="ngo", owner="OLGA")
    assert org.name == "晨光助残 志愿者协会"
    assert org.kind is OrgKind.NGO
    assert role_in(session, owner, org.id) is OrgRole.OWNER
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "org.created")).one()
    assert (entry.actor_id, entry.organisation_id, entry.subject_user_id) == (admin.id, org.id, owner.id)


@pytest.mark.parametrize("is_admin", [False, None])
def test_only_a_platform_admin_creates_organisations(session: Session, is_admin: bool | None) -> None:
    add_user(session, "olga")
    creator = None if is_admin is None else add_user(session, "someone")
    with pytest.raises(NotAuthenticated if creator is None else PermissionDenied):
        create_organisation(session, creator, name="Shop", kind="merchant", owner="olga")
    assert count(session, Organisation) == 0
    assert count(session, Membership) == 0


@pytest.mark.parametrize(
    ("fields", "error", "field"),
    [
        ({"name": "   "}, InvalidInput, "name"),
        ({"name": "n" * 121}, InvalidInput, "name"),
        ({"kind": "club"}, InvalidInput, "kind"),
        ({"owner": "nobody"}, NotFound, None),
    ],
)
def test_create_organisation_checks_its_input(
    session: Session, fields: dict[str, str], error: type[Exception], field: str | None
) -> None:
    admin = add_user(session, "ada", is_admin=True)
    add_user(session, "olga")
    with pytest.raises(error) as caught:
        create_organisation(session, admin, **{"name": "Shop", "kind": "merchant", "owner": "olga", **fields})
    assert getattr(caught.value, "field", None) == field
    assert count(session, Organisation) == 0


def test_organisation_names_are_unique(session: Session) -> None:
    admin = add_user(session, "ada", is_admin=True)
    add_user(session, "olga")
    create_organisation(session, admin, name="Shop", kind="merchant", owner="olga")
    with pytest.raises(Conflict) as caught:
        create_organisation(session, admin, name=" Shop ", kind="ngo", owner="olga")
    assert caught.value.field == "name"
    assert count(session, Organisation) == 1


# --- set_member ----------------------------------------------------------------------------------------

CAN_SET: dict[str, set[OrgRole]] = {
    "owner": set(OrgRole),
    "manager": {OrgRole.MANAGER, OrgRole.CASEWORKER, OrgRole.MEMBER},
}


@pytest.mark.parametrize(("actor", "role"), list(itertools.product(ACTORS, OrgRole)))
def test_set_member_permission_matrix(session: Session, world: World, actor: str, role: OrgRole) -> None:
    newcomer = world.people["newcomer"]
    if role in CAN_SET.get(actor, set()):
        membership = set_member(session, world.actor(actor), world.org.id, username="tess", role=role.value)
        assert membership.role is role
        assert role_in(session, newcomer, world.org.id) is role
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "org.member_set")).one()
        assert (entry.subject_user_id, entry.detail) == (newcomer.id, {"role": role.value})
    else:
        with pytest.raises(_denial(actor)):
            set_member(session, world.actor(actor), world.org.id, username="tess", role=role.value)
        assert role_in(session, newcomer, world.org.id) is None
        assert count(session, AuditEntry, AuditEntry.action == "org.member_set") == 0


def test_set_member_changes_an_existing_role(session: Session, world: World) -> None:
    set_member(session, world.people["manager"], world.org.id, username="member.user", role="caseworker")
    assert role_in(session, world.people["member"], world.org.id) is OrgRole.CASEWORKER
    assert count(session, Membership, Membership.organisation_id == world.org.id) == 4


@pytest.mark.parametrize("role", ["manager", "member", "owner"])
def test_a_manager_cannot_change_an_owners_role(session: Session, world: World, role: str) -> None:
    with pytest.raises(PermissionDenied):
        set_member(session, world.people["manager"], world.org.id, username="olga", role=role)
    assert role_in(session, world.people["owner"], world.org.id) is OrgRole.OWNER


def test_an_owner_may_demote_another_owner(session: Session, world: World) -> None:
    set_member(session, world.people["owner"], world.org.id, username="tess", role="owner")
    set_member(session, world.people["newcomer"], world.org.id, username="olga", role="manager")
    assert role_in(session, world.people["owner"], world.org.id) is OrgRole.MANAGER
    assert role_in(session, world.people["newcomer"], world.org.id) is OrgRole.OWNER


def test_the_last_owner_cannot_demote_themselves(session: Session, world: World) -> None:
    with pytest.raises(Conflict):
        set_member(session, world.people["owner"], world.org.id, username="olga", role="manager")
    assert role_in(session, world.people["owner"], world.org.id) is OrgRole.OWNER


def test_the_last_owner_may_confirm_their_own_role(session: Session, world: World) -> None:
    set_member(session, world.people["owner"], world.org.id, username="olga", role="owner")
    assert role_in(session, world.people["owner"], world.org.id) is OrgRole.OWNER


def test_set_member_refuses_an_unknown_role_or_user(session: Session, world: World) -> None:
    with pytest.raises(InvalidInput) as caught:
        set_member(session, world.people["owner"], world.org.id, username="tess", role="boss")
    assert caught.value.field == "role"
    with pytest.raises(NotFound):
        set_member(session, world.people["owner"], world.org.id, username="nobody", role="member")
    assert role_in(session, world.people["newcomer"], world.org.id) is None


def test_roles_do_not_reach_into_other_organisations(session: Session, world: World) -> None:
    other = create_organisation(session, world.people["admin"], name="Other", kind="ngo", owner="otto")
    with pytest.raises(PermissionDenied):
        set_member(session, world.people["owner"], other.id, username="tess", role="member")
    assert role_in(session, world.people["newcomer"], other.id) is None


# --- remove_member -------------------------------------------------------------------------------------


@pytest.mark.parametrize("actor", ACTORS)
def test_remove_member_permission_matrix(session: Session, world: World, actor: str) -> None:
    target = world.people["member"]
    if actor in {"owner", "manager"}:
        remove_member(session, world.actor(actor), world.org.id, username="member.user")
        assert role_in(session, target, world.org.id) is None
        assert count(session, AuditEntry, AuditEntry.action == "org.member_removed") == 1
    else:
        with pytest.raises(_denial(actor)):
            remove_member(session, world.actor(actor), world.org.id, username="member.user")
        assert role_in(session, target, world.org.id) is OrgRole.MEMBER


def test_only_owners_remove_owners(session: Session, world: World) -> None:
    set_member(session, world.people["owner"], world.org.id, username="tess", role="owner")
    with pytest.raises(PermissionDenied):
        remove_member(session, world.people["manager"], world.org.id, username="tess")
    remove_member(session, world.people["owner"], world.org.id, username="tess")
    assert role_in(session, world.people["newcomer"], world.org.id) is None


def test_the_last_owner_cannot_be_removed(session: Session, world: World) -> None:
    with pytest.raises(Conflict):
        remove_member(session, world.people["owner"], world.org.id, username="olga")
    assert role_in(session, world.people["owner"], world.org.id) is OrgRole.OWNER


def test_removing_a_non_member_is_not_found(session: Session, world: World) -> None:
    with pytest.raises(NotFound):
        remove_member(session, world.people["owner"], world.org.id, username="tess")
    with pytest.raises(NotFound):
        remove_member(session, world.people["owner"], world.org.id, username="nobody")


# --- the permission table ------------------------------------------------------------------------------


def _expected_permissions(actor: str) -> set[Permission]:
    if actor == "admin":
        return ADMIN_PERMISSIONS
    if actor in {"anonymous", "outsider"}:
        return set()
    return EXPECTED_ORG_PERMISSIONS[OrgRole(actor)]


def test_allowed_is_deny_by_default_for_every_permission_and_role(session: Session, world: World) -> None:
    # The whole table at once, so that a failure shows every wrong cell.
    actual = {
        actor: {
            permission for permission in Permission if allowed(session, world.actor(actor), permission, world.org.id)
        }
        for actor in ACTORS
    }
    assert actual == {actor: _expected_permissions(actor) for actor in ACTORS}


def test_organisation_permissions_need_an_organisation(session: Session, world: World) -> None:
    granted_without_org = {
        (role, permission)
        for role, permission in itertools.product(OrgRole, Permission)
        if allowed(session, world.people[role.value], permission, None)
    }
    assert granted_without_org == set()


def test_roles_in_one_organisation_grant_nothing_in_another(session: Session, world: World) -> None:
    other = create_organisation(session, world.people["admin"], name="Other", kind="ngo", owner="otto")
    granted_elsewhere = {
        (role, permission)
        for role, permission in itertools.product(OrgRole, Permission)
        if permission not in ADMIN_PERMISSIONS and allowed(session, world.people[role.value], permission, other.id)
    }
    assert granted_elsewhere == set()


def test_platform_admins_do_not_read_sensitive_data(session: Session, world: World) -> None:
    assert not allowed(session, world.people["admin"], Permission.ORG_READ_CLIENT_SENSITIVE, world.org.id)
    assert not allowed(session, world.people["admin"], Permission.ORG_MANAGE_MEMBERS, world.org.id)


def test_authorize_returns_the_user_or_raises(session: Session, world: World) -> None:
    caseworker = world.people["caseworker"]
    assert authorize(session, caseworker, Permission.ORG_READ_CLIENT_SENSITIVE, world.org.id) is caseworker
    with pytest.raises(PermissionDenied):
        authorize(session, world.people["member"], Permission.ORG_READ_CLIENT_SENSITIVE, world.org.id)
    with pytest.raises(NotAuthenticated):
        authorize(session, None, Permission.ORG_VIEW, world.org.id)


# --- reading organisations -----------------------------------------------------------------------------


@pytest.mark.parametrize("actor", ACTORS)
def test_get_organisation_visibility(session: Session, world: World, actor: str) -> None:
    if actor in {"owner", "manager", "caseworker", "member", "admin"}:
        assert get_organisation(session, world.actor(actor), world.org.id) is world.org
    elif actor == "outsider":
        with pytest.raises(PermissionDenied):
            get_organisation(session, world.actor(actor), world.org.id)
    else:
        with pytest.raises(NotFound):
            get_organisation(session, None, world.org.id)


def test_get_organisation_of_an_unknown_id_is_not_found(session: Session, world: World) -> None:
    with pytest.raises(NotFound):
        get_organisation(session, world.people["admin"], world.org.id + 999)


def test_members_are_listed_by_role_then_username(session: Session, world: World) -> None:
    set_member(session, world.people["owner"], world.org.id, username="tess", role="member")
    listed = [(m.role, m.user.username) for m in members(session, world.org.id)]
    assert sorted(listed) == listed
    assert len(listed) == 5
    assert (OrgRole.MEMBER, "tess") in listed


def test_memberships_of_and_list_organisations(session: Session, world: World) -> None:
    other = create_organisation(session, world.people["admin"], name="A first shop", kind="merchant", owner="olga")
    assert [m.organisation_id for m in memberships_of(session, world.people["owner"])] == [
        world.org.id,
        other.id,
    ]
    assert memberships_of(session, world.people["outsider"]) == []
    assert [org.name for org in list_organisations(session)] == sorted([world.org.name, other.name])
