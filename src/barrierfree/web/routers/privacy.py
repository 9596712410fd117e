"""The user's privacy centre: consents, disability information, sharing, access log, export, deletion."""

from __future__ import annotations

import json

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from barrierfree.core import privacy
from barrierfree.core.accounts import User
from barrierfree.core.audit import entries_about
from barrierfree.core.errors import Conflict, ConsentRequired, InvalidInput, NotFound
from barrierfree.core.i18n import _
from barrierfree.core.orgs import list_organisations
from barrierfree.core.privacy import ConsentPurpose, DisabilityCategory
from barrierfree.web.csrf import checked_form
from barrierfree.web.deps import MAX_ID, client_ip, db_session, require_user
from barrierfree.web.notices import redirect_with_notice
from barrierfree.web.preferences import SESSION_COOKIE
from barrierfree.web.templating import render, render_form_error

router = APIRouter(prefix="/account")


def _purpose(value: str) -> ConsentPurpose:
    try:
        return ConsentPurpose(value)
    except ValueError:
        raise InvalidInput(_("Unknown consent purpose."), field="purpose") from None


def _organisation_id(value: object) -> int | None:
    text = str(value or "").strip()
    if not text:
        return None
    # isascii(): isdigit() alone accepts '²', which int() refuses; the bound keeps the id bindable in SQL.
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)) or int(text) > MAX_ID:
        raise InvalidInput(_("Choose the organisation from the list."), field="organisation_id")
    return int(text)


def _context(session: Session, user: User, ip: str) -> dict[str, object]:
    consents = privacy.consents_of(session, user)
    active = [c for c in consents if c.withdrawn_at is None]
    has_storage = any(c.purpose is ConsentPurpose.SENSITIVE_PROFILE for c in active)
    organisations = list_organisations(session)
    names = {org.id: org.name for org in organisations}
    return {
        "title": _("Privacy and your data"),
        "consents": consents,
        "organisation_names": names,
        "has_storage_consent": has_storage,
        "shared_with": [c for c in active if c.purpose is ConsentPurpose.SHARE_WITH_ORGANISATION],
        "accommodations_with": [c for c in active if c.purpose is ConsentPurpose.WORKFORCE_ACCOMMODATIONS],
        "profile": privacy.read_own_profile(session, user, ip=ip) if has_storage else None,
        "categories": list(DisabilityCategory),
        "organisations": organisations,
        "organisation_choices": [(org.id, org.name) for org in organisations],
        "policy_version": privacy.POLICY_VERSION,
        "max_notes": privacy.MAX_HEALTH_NOTES,
    }


@router.get("/privacy", response_class=HTMLResponse)
def privacy_centre(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> HTMLResponse:
    """Everything about the user's consents and sensitive data on one page (the read is logged)."""
    return render(request, "privacy.html", _context(session, user, client_ip(request)))


@router.post("/privacy/consent", response_model=None)
async def give_consent(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> Response:
    """Record a separate consent (storing, or sharing with one organisation)."""
    form = await checked_form(request)
    purpose = str(form.get("purpose", ""))
    if form.get("agree") != "yes":
        checkbox = "agree_storage" if purpose == ConsentPurpose.SENSITIVE_PROFILE.value else "agree_share"
        error = InvalidInput(_("Tick the box to confirm that you agree."), field=checkbox)
        return render_form_error(request, "privacy.html", _context(session, user, client_ip(request)), error)
    try:
        privacy.give_consent(
            session,
            user,
            _purpose(purpose),
            organisation_id=_organisation_id(form.get("organisation_id")),
            ip=client_ip(request),
        )
    except (InvalidInput, ConsentRequired) as error:
        return render_form_error(request, "privacy.html", _context(session, user, client_ip(request)), error)
    return redirect_with_notice("/account/privacy", "consent-given")


@router.post("/privacy/withdraw", response_model=None)
async def withdraw_consent(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> Response:
    """Withdraw a consent; withdrawing storage deletes the information."""
    form = await checked_form(request)
    try:
        privacy.withdraw_consent(
            session,
            user,
            _purpose(str(form.get("purpose", ""))),
            organisation_id=_organisation_id(form.get("organisation_id")),
            ip=client_ip(request),
        )
    except (InvalidInput, NotFound) as error:
        return render_form_error(request, "privacy.html", _context(session, user, client_ip(request)), error)
    return redirect_with_notice("/account/privacy", "consent-withdrawn")


@router.post("/privacy/profile", response_model=None)
async def save_profile(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> Response:
    """Store the disability information the user entered."""
    form = await checked_form(request)
    level = str(form.get("disability_level", ""))
    data = privacy.ProfileInput(
        disability_category=str(form.get("disability_category", "")),
        disability_level=int(level) if level.isascii() and level.isdigit() and len(level) < 3 else 0,
        certificate_number=str(form.get("certificate_number", "")) or None,
        health_notes=str(form.get("health_notes", "")),
    )
    try:
        privacy.save_profile(session, user, data, ip=client_ip(request))
    except (InvalidInput, ConsentRequired) as error:
        context = _context(session, user, client_ip(request))
        context["form"] = {
            k: str(form.get(k, ""))
            for k in ("disability_category", "disability_level", "certificate_number", "health_notes")
        }
        return render_form_error(request, "privacy.html", context, error)
    return redirect_with_notice("/account/privacy", "profile-saved")


@router.get("/privacy/export")
def export(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> Response:
    """Download everything stored about the user as JSON (the export is logged)."""
    data = privacy.export_user_data(session, user, ip=client_ip(request))
    body = json.dumps(data, ensure_ascii=False, indent=2)
    headers = {"Content-Disposition": f'attachment; filename="barrierfree-{user.username}.json"'}
    return Response(body, media_type="application/json", headers=headers)


@router.get("/access-log", response_class=HTMLResponse)
def access_log(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> HTMLResponse:
    """Who read or changed the user's data, and when."""
    names = {org.id: org.name for org in list_organisations(session)}
    context = {
        "title": _("Who used your data"),
        "entries": entries_about(session, user.id),
        "organisation_names": names,
    }
    return render(request, "access_log.html", context)


@router.get("/delete", response_class=HTMLResponse)
def delete_form(request: Request, user: User = Depends(require_user)) -> HTMLResponse:
    """Confirm deleting the account."""
    return render(request, "delete_account.html", {"title": _("Delete your account")})


@router.post("/delete", response_model=None)
async def delete(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> Response:
    """Delete the account and personal data after the password is confirmed."""
    form = await checked_form(request)
    try:
        privacy.delete_account(session, user, str(form.get("password", "")), ip=client_ip(request))
    except (InvalidInput, Conflict) as error:
        return render_form_error(request, "delete_account.html", {"title": _("Delete your account")}, error)
    request.state.user = None
    response = redirect_with_notice("/", "account-deleted")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
