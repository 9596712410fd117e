"""Organisations: a member's view, member management, and caseworkers' access to shared profiles."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from barrierfree.core import orgs, privacy
from barrierfree.core.accounts import User
from barrierfree.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from barrierfree.core.i18n import _
from barrierfree.core.orgs import OrgRole, Permission, allowed
from barrierfree.web.csrf import checked_form
from barrierfree.web.deps import RowId, client_ip, db_session, require_user
from barrierfree.web.notices import redirect_with_notice
from barrierfree.web.templating import render, render_form_error

router = APIRouter(prefix="/orgs")


@router.get("", response_class=HTMLResponse)
def my_organisations(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> HTMLResponse:
    """The organisations the user belongs to."""
    return render(
        request, "orgs.html", {"title": _("Your organisations"), "memberships": orgs.memberships_of(session, user)}
    )


def _org_context(session: Session, user: User, organisation_id: int) -> dict[str, object]:
    org = orgs.get_organisation(session, user, organisation_id)
    return {
        "title": org.name,
        "org": org,
        "members": orgs.members(session, organisation_id),
        "roles": list(OrgRole),
        "can_manage": allowed(session, user, Permission.ORG_MANAGE_MEMBERS, organisation_id),
        "can_read_clients": allowed(session, user, Permission.ORG_READ_CLIENT_SENSITIVE, organisation_id),
    }


@router.get("/{organisation_id}", response_class=HTMLResponse)
def organisation(
    request: Request,
    organisation_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> HTMLResponse:
    """One organisation: its members, and forms for those who may manage them."""
    return render(request, "org.html", _org_context(session, user, organisation_id))


@router.post("/{organisation_id}/members", response_model=None)
async def set_member(
    request: Request,
    organisation_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> Response:
    """Add a member or change a role."""
    form = await checked_form(request)
    try:
        orgs.set_member(
            session, user, organisation_id, username=str(form.get("username", "")), role=str(form.get("role", ""))
        )
    except (InvalidInput, NotFound, Conflict) as error:
        context = {**_org_context(session, user, organisation_id), "form": {"username": str(form.get("username", ""))}}
        field_error = InvalidInput(error.message, field=error.field or "username")
        return render_form_error(request, "org.html", context, field_error)
    return redirect_with_notice(f"/orgs/{organisation_id}", "member-saved")


@router.post("/{organisation_id}/members/remove", response_model=None)
async def remove_member(
    request: Request,
    organisation_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> Response:
    """Remove a member."""
    form = await checked_form(request)
    try:
        orgs.remove_member(session, user, organisation_id, username=str(form.get("username", "")))
    except (NotFound, Conflict) as error:
        return render_form_error(request, "org.html", _org_context(session, user, organisation_id), error)
    return redirect_with_notice(f"/orgs/{organisation_id}", "member-removed")


@router.get("/{organisation_id}/clients", response_class=HTMLResponse)
def clients(
    request: Request,
    organisation_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> HTMLResponse:
    """People who share their disability information with this organisation (caseworkers only)."""
    org = orgs.get_organisation(session, user, organisation_id)
    people = privacy.clients_sharing_with(session, user, organisation_id)
    return render(
        request,
        "clients.html",
        {"title": _("People who share with {org}").format(org=org.name), "org": org, "people": people},
    )


@router.get("/{organisation_id}/clients/{client_id}", response_class=HTMLResponse)
def client_profile(
    request: Request,
    organisation_id: RowId,
    client_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> HTMLResponse:
    """One person's shared profile; this read is written to the audit log and shown to the person."""
    org = orgs.get_organisation(session, user, organisation_id)
    profile = privacy.read_client_profile(session, user, organisation_id, client_id, ip=client_ip(request))
    person = session.get(User, client_id)
    if person is None:
        raise PermissionDenied(_("Not allowed"))
    return render(
        request,
        "client_profile.html",
        {
            "title": _("Shared information: {name}").format(name=person.display_name),
            "org": org,
            "person": person,
            "profile": profile,
        },
    )
