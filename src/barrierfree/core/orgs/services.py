"""Creating organisations and managing their members."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from barrierfree.core.accounts.models import User
from barrierfree.core.accounts.services import actor_for, get_user
from barrierfree.core.audit import record
from barrierfree.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from barrierfree.core.i18n import _
from barrierfree.core.orgs.models import Membership, Organisation, OrgKind, OrgRole
from barrierfree.core.orgs.roles import Permission, allowed, authorize

MAX_ORG_NAME = 120


def _kind(value: str) -> OrgKind:
    try:
        return OrgKind(value)
    except ValueError:
        raise InvalidInput(
            _("Unknown kind of organisation. Choose one of: {kinds}.").format(
                kinds=", ".join(k.value for k in OrgKind)
            ),
            field="kind",
        ) from None


def _role(value: str) -> OrgRole:
    try:
        return OrgRole(value)
    except ValueError:
        raise InvalidInput(
            _("Unknown role. Choose one of: {roles}.").format(roles=", ".join(r.value for r in OrgRole)),
            field="role",
        ) from None


def create_organisation(session: Session, admin: User | None, *, name: str, kind: str, owner: str) -> Organisation:
    """A platform administrator registers an organisation and names its first owner."""
    authorize(session, admin, Permission.ADMIN_MANAGE_ORGANISATIONS)
    assert admin is not None
    clean = " ".join(name.split())
    if not clean or len(clean) > MAX_ORG_NAME:
        raise InvalidInput(_("The name must have 1 to {n} characters.").format(n=MAX_ORG_NAME), field="name")
    org_kind = _kind(kind)
    owner_user = get_user(session, owner)
    if session.scalar(select(Organisation.id).where(Organisation.name == clean)) is not None:
        raise Conflict(_("An organisation with this name exists."), field="name")
    org = Organisation(name=clean, kind=org_kind)
    session.add(org)
    session.flush()
    session.add(Membership(organisation_id=org.id, user_id=owner_user.id, role=OrgRole.OWNER))
    record(session, actor_for(admin), "org.created", organisation_id=org.id, subject_user_id=owner_user.id)
    return org


def get_organisation(session: Session, user: User | None, organisation_id: int) -> Organisation:
    """An organisation its members (or an administrator) may see; others get NotFound."""
    org = session.get(Organisation, organisation_id)
    visible = allowed(session, user, Permission.ORG_VIEW, organisation_id) or allowed(
        session, user, Permission.ADMIN_MANAGE_ORGANISATIONS
    )
    if org is None or not visible:
        if user is not None and org is not None:
            raise PermissionDenied(_("You are not a member of this organisation."))
        raise NotFound(_("No such organisation."))
    return org


def list_organisations(session: Session) -> list[Organisation]:
    """Every organisation, by name (public directory)."""
    return list(session.scalars(select(Organisation).order_by(Organisation.name)))


def memberships_of(session: Session, user: User) -> list[Membership]:
    """The organisations a user belongs to and their role in each."""
    return list(session.scalars(select(Membership).where(Membership.user_id == user.id).order_by(Membership.id)))


def members(session: Session, organisation_id: int) -> list[Membership]:
    """An organisation's members, by role then username."""
    query = (
        select(Membership)
        .join(User)
        .where(Membership.organisation_id == organisation_id)
        .order_by(Membership.role, User.username)
    )
    return list(session.scalars(query))


def set_member(session: Session, manager: User | None, organisation_id: int, *, username: str, role: str) -> Membership:
    """Add a member or change their role. Only owners appoint owners."""
    authorize(session, manager, Permission.ORG_MANAGE_MEMBERS, organisation_id)
    assert manager is not None
    new_role = _role(role)
    if new_role is OrgRole.OWNER:
        authorize(session, manager, Permission.ORG_APPOINT_OWNERS, organisation_id)
    target = get_user(session, username)
    membership = session.scalar(
        select(Membership).where(Membership.organisation_id == organisation_id, Membership.user_id == target.id)
    )
    if membership is not None and membership.role is OrgRole.OWNER:
        authorize(session, manager, Permission.ORG_APPOINT_OWNERS, organisation_id)
        owners = [m for m in members(session, organisation_id) if m.role is OrgRole.OWNER]
        if new_role is not OrgRole.OWNER and len(owners) == 1:
            raise Conflict(_("An organisation needs at least one owner. Appoint another owner first."))
    if membership is None:
        membership = Membership(organisation_id=organisation_id, user_id=target.id, role=new_role)
        session.add(membership)
    else:
        membership.role = new_role
    session.flush()
    record(
        session,
        actor_for(manager),
        "org.member_set",
        organisation_id=organisation_id,
        subject_user_id=target.id,
        detail={"role": new_role.value},
    )
    return membership


def remove_member(session: Session, manager: User | None, organisation_id: int, *, username: str) -> None:
    """Remove a member; an organisation always keeps at least one owner."""
    authorize(session, manager, Permission.ORG_MANAGE_MEMBERS, organisation_id)
    assert manager is not None
    target = get_user(session, username)
    membership = session.scalar(
        select(Membership).where(Membership.organisation_id == organisation_id, Membership.user_id == target.id)
    )
    if membership is None:
        raise NotFound(_("That user is not a member."))
    if membership.role is OrgRole.OWNER:
        authorize(session, manager, Permission.ORG_APPOINT_OWNERS, organisation_id)
        owners = [m for m in members(session, organisation_id) if m.role is OrgRole.OWNER]
        if len(owners) == 1:
            raise Conflict(_("An organisation needs at least one owner. Appoint another owner first."))
    session.delete(membership)
    record(
        session, actor_for(manager), "org.member_removed", organisation_id=organisation_id, subject_user_id=target.id
    )
