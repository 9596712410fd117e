"""Platform administration: users, organisations and the audit log (no access to disability data)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from barrierfree.core import orgs
from barrierfree.core.accounts import User, list_users
from barrierfree.core.audit import search
from barrierfree.core.errors import Conflict, InvalidInput, NotFound
from barrierfree.core.i18n import _
from barrierfree.core.orgs import OrgKind, Permission, authorize
from barrierfree.web.csrf import checked_form
from barrierfree.web.deps import NO_NUL, db_session, require_user
from barrierfree.web.notices import redirect_with_notice
from barrierfree.web.templating import render, render_form_error

router = APIRouter(prefix="/admin")


@router.get("", response_class=HTMLResponse)
def users(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> HTMLResponse:
    """Every account."""
    authorize(session, user, Permission.ADMIN_VIEW_USERS)
    return render(request, "admin_users.html", {"title": _("Administration: users"), "users": list_users(session)})


def _orgs_context(session: Session) -> dict[str, object]:
    return {
        "title": _("Administration: organisations"),
        "organisations": orgs.list_organisations(session),
        "kinds": list(OrgKind),
    }


@router.get("/organisations", response_class=HTMLResponse)
def organisations(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> HTMLResponse:
    """Every organisation, and a form to register one."""
    authorize(session, user, Permission.ADMIN_MANAGE_ORGANISATIONS)
    return render(request, "admin_orgs.html", _orgs_context(session))


@router.post("/organisations", response_model=None)
async def create_organisation(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> Response:
    """Register an organisation with its first owner."""
    authorize(session, user, Permission.ADMIN_MANAGE_ORGANISATIONS)
    form = await checked_form(request)
    values = {key: str(form.get(key, "")) for key in ("name", "kind", "owner")}
    try:
        orgs.create_organisation(session, user, name=values["name"], kind=values["kind"], owner=values["owner"])
    except (InvalidInput, Conflict, NotFound) as error:
        field_error = InvalidInput(error.message, field=error.field or "owner")
        return render_form_error(request, "admin_orgs.html", {**_orgs_context(session), "form": values}, field_error)
    return redirect_with_notice("/admin/organisations", "organisation-created")


@router.get("/audit", response_class=HTMLResponse)
def audit_log(
    request: Request,
    action: str = Query(default="", pattern=NO_NUL),
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> HTMLResponse:
    """The audit log, newest first, filterable by action."""
    authorize(session, user, Permission.ADMIN_VIEW_AUDIT)
    entries = search(session, action=action[:60] or None)
    return render(
        request,
        "admin_audit.html",
        {"title": _("Administration: audit log"), "entries": entries, "action": action[:60]},
    )
