"""JSON API, version 1. Bearer-token auth; errors are application/problem+json (see web/errors.py)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.orm import Session

from barrierfree import __version__
from barrierfree.core import accounts, orgs, privacy
from barrierfree.core.accounts import User
from barrierfree.core.audit import AUDIT_PAGE_SIZE, entries_about, search
from barrierfree.core.errors import NotFound
from barrierfree.core.i18n import _
from barrierfree.core.orgs import Permission, authorize
from barrierfree.core.privacy import ConsentPurpose
from barrierfree.web.deps import NO_NUL, RowId, api_user, client_ip, db_session, get_settings
from barrierfree.web.routers.accounts import limits_from
from barrierfree.web.routers.api import schemas

PROBLEM = {"description": "Problem", "content": {"application/problem+json": {}}}
ERRORS: dict[int | str, dict[str, Any]] = {
    400: PROBLEM,
    401: PROBLEM,
    403: PROBLEM,
    404: PROBLEM,
    409: PROBLEM,
    413: PROBLEM,
    422: PROBLEM,
    429: PROBLEM,
}

router = APIRouter(prefix="/api/v1", responses=ERRORS)


def _me(session: Session, user: User) -> schemas.MeOut:
    return schemas.MeOut(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        email=user.email,
        language=user.language,
        elder_mode=user.elder_mode,
        is_admin=user.is_admin,
        memberships=[
            schemas.MembershipOut(
                organisation_id=m.organisation_id,
                organisation=m.organisation.name,
                kind=m.organisation.kind.value,
                role=m.role.value,
            )
            for m in orgs.memberships_of(session, user)
        ],
    )


def _consent_out(consent: privacy.Consent) -> schemas.ConsentOut:
    return schemas.ConsentOut(
        id=consent.id,
        purpose=consent.purpose.value,
        organisation_id=consent.organisation_id,
        policy_version=consent.policy_version,
        given_at=consent.given_at,
        withdrawn_at=consent.withdrawn_at,
    )


@router.get("/health", tags=["platform"])
def health() -> schemas.Health:
    """Is the API up."""
    return schemas.Health(status="ok", version=__version__)


@router.post("/auth/token", status_code=201, tags=["accounts"])
def issue_token(
    body: schemas.TokenRequest, request: Request, session: Session = Depends(db_session, scope="function")
) -> schemas.TokenOut:
    """Exchange a username and password for a bearer token (the same lockout rules as the login page)."""
    user = accounts.authenticate(
        session, body.username, body.password, ip=client_ip(request), limits=limits_from(get_settings(request))
    )
    token, raw = accounts.create_api_token(session, user, body.name)
    return schemas.TokenOut(token=raw, name=token.name, prefix=token.prefix)


@router.get("/me", tags=["accounts"])
def me(user: User = Depends(api_user), session: Session = Depends(db_session, scope="function")) -> schemas.MeOut:
    """The caller's account and memberships."""
    return _me(session, user)


@router.patch("/me/preferences", tags=["accounts"])
def update_preferences(
    body: schemas.PreferencesIn,
    user: User = Depends(api_user),
    session: Session = Depends(db_session, scope="function"),
) -> schemas.MeOut:
    """Change language or elder mode."""
    accounts.set_preferences(session, user, language=body.language, elder_mode=body.elder_mode)
    return _me(session, user)


@router.get("/me/consents", tags=["privacy"])
def list_consents(
    user: User = Depends(api_user), session: Session = Depends(db_session, scope="function")
) -> list[schemas.ConsentOut]:
    """Every consent the caller gave or withdrew."""
    return [_consent_out(c) for c in privacy.consents_of(session, user)]


@router.post("/me/consents", status_code=201, tags=["privacy"])
def give_consent(
    body: schemas.ConsentIn,
    request: Request,
    user: User = Depends(api_user),
    session: Session = Depends(db_session, scope="function"),
) -> schemas.ConsentOut:
    """Give a separate consent for one purpose."""
    consent = privacy.give_consent(
        session, user, ConsentPurpose(body.purpose), organisation_id=body.organisation_id, ip=client_ip(request)
    )
    return _consent_out(consent)


@router.delete("/me/consents/{purpose}", status_code=204, tags=["privacy"])
def withdraw_consent(
    purpose: ConsentPurpose,
    request: Request,
    organisation_id: int | None = Query(default=None, ge=1, le=2**31 - 1),
    user: User = Depends(api_user),
    session: Session = Depends(db_session, scope="function"),
) -> Response:
    """Withdraw a consent; withdrawing sensitive_profile deletes the stored information."""
    privacy.withdraw_consent(session, user, purpose, organisation_id=organisation_id, ip=client_ip(request))
    return Response(status_code=204)


@router.get("/me/profile", tags=["privacy"])
def get_profile(
    request: Request, user: User = Depends(api_user), session: Session = Depends(db_session, scope="function")
) -> schemas.ProfileOut:
    """The caller's disability information (the read is logged)."""
    profile = privacy.read_own_profile(session, user, ip=client_ip(request))
    if profile is None:
        raise NotFound(_("No disability information is stored for you."))
    return schemas.ProfileOut(**privacy.profile_as_dict(profile))


@router.put("/me/profile", tags=["privacy"])
def put_profile(
    body: schemas.ProfileIn,
    request: Request,
    user: User = Depends(api_user),
    session: Session = Depends(db_session, scope="function"),
) -> schemas.ProfileOut:
    """Store the caller's disability information (needs the sensitive_profile consent)."""
    profile = privacy.save_profile(session, user, privacy.ProfileInput(**body.model_dump()), ip=client_ip(request))
    return schemas.ProfileOut(**privacy.profile_as_dict(profile))


@router.get("/me/export", tags=["privacy"])
def export(
    request: Request, user: User = Depends(api_user), session: Session = Depends(db_session, scope="function")
) -> dict[str, Any]:
    """Everything stored about the caller (logged)."""
    return privacy.export_user_data(session, user, ip=client_ip(request))


@router.post("/me/deletion", status_code=204, tags=["privacy"])
def delete_me(
    body: schemas.DeletionIn,
    request: Request,
    user: User = Depends(api_user),
    session: Session = Depends(db_session, scope="function"),
) -> Response:
    """Delete the caller's account and personal data (the password confirms it; the audit log is kept)."""
    privacy.delete_account(session, user, body.password, ip=client_ip(request))
    return Response(status_code=204)


@router.get("/me/access-log", tags=["privacy"])
def access_log(
    user: User = Depends(api_user), session: Session = Depends(db_session, scope="function")
) -> list[schemas.AuditOut]:
    """Who read or changed the caller's data."""
    return [_audit_out(e) for e in entries_about(session, user.id)]


@router.get("/organisations/{organisation_id}", tags=["organisations"])
def get_organisation(
    organisation_id: RowId, user: User = Depends(api_user), session: Session = Depends(db_session, scope="function")
) -> schemas.OrganisationOut:
    """One organisation the caller belongs to."""
    org = orgs.get_organisation(session, user, organisation_id)
    return schemas.OrganisationOut(id=org.id, name=org.name, kind=org.kind.value)


@router.post("/organisations", status_code=201, tags=["organisations"])
def create_organisation(
    body: schemas.OrganisationIn,
    user: User = Depends(api_user),
    session: Session = Depends(db_session, scope="function"),
) -> schemas.OrganisationOut:
    """Register an organisation (platform administrators)."""
    org = orgs.create_organisation(session, user, name=body.name, kind=body.kind, owner=body.owner)
    return schemas.OrganisationOut(id=org.id, name=org.name, kind=org.kind.value)


@router.get("/organisations/{organisation_id}/members", tags=["organisations"])
def list_members(
    organisation_id: RowId, user: User = Depends(api_user), session: Session = Depends(db_session, scope="function")
) -> list[schemas.MemberOut]:
    """An organisation's members (for its members)."""
    orgs.get_organisation(session, user, organisation_id)
    return [
        schemas.MemberOut(username=m.user.username, display_name=m.user.display_name, role=m.role.value)
        for m in orgs.members(session, organisation_id)
    ]


@router.put("/organisations/{organisation_id}/members", tags=["organisations"])
def set_member(
    organisation_id: RowId,
    body: schemas.MemberIn,
    user: User = Depends(api_user),
    session: Session = Depends(db_session, scope="function"),
) -> schemas.MemberOut:
    """Add a member or change a role (owners and managers)."""
    membership = orgs.set_member(session, user, organisation_id, username=body.username, role=body.role)
    return schemas.MemberOut(
        username=membership.user.username, display_name=membership.user.display_name, role=membership.role.value
    )


@router.get("/organisations/{organisation_id}/clients/{client_id}/profile", tags=["organisations"])
def client_profile(
    organisation_id: RowId,
    client_id: RowId,
    request: Request,
    user: User = Depends(api_user),
    session: Session = Depends(db_session, scope="function"),
) -> schemas.ProfileOut:
    """A shared profile, for the organisation's caseworkers (logged)."""
    profile = privacy.read_client_profile(session, user, organisation_id, client_id, ip=client_ip(request))
    return schemas.ProfileOut(**privacy.profile_as_dict(profile))


def _audit_out(entry: Any) -> schemas.AuditOut:
    return schemas.AuditOut(
        id=entry.id,
        at=entry.at,
        actor=entry.actor_label,
        action=entry.action,
        subject_user_id=entry.subject_user_id,
        organisation_id=entry.organisation_id,
    )


@router.get("/admin/audit", tags=["administration"])
def audit(
    action: str | None = Query(default=None, max_length=60, pattern=NO_NUL),
    limit: int = Query(default=AUDIT_PAGE_SIZE, ge=1, le=500),
    offset: int = Query(default=0, ge=0, le=10_000_000),
    user: User = Depends(api_user),
    session: Session = Depends(db_session, scope="function"),
) -> list[schemas.AuditOut]:
    """The audit log (platform administrators)."""
    authorize(session, user, Permission.ADMIN_VIEW_AUDIT)
    return [_audit_out(e) for e in search(session, action=action, limit=limit, offset=offset)]
