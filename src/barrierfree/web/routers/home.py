"""Home, dashboard and the fixed information pages."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from barrierfree.core.accounts import User
from barrierfree.core.catalog import PILLARS, landed
from barrierfree.core.i18n import _
from barrierfree.core.orgs import ORG_ROLE_PERMISSIONS, Permission, memberships_of
from barrierfree.core.privacy import POLICY_VERSION, ConsentPurpose, has_consent
from barrierfree.web.deps import current_user, db_session, require_user
from barrierfree.web.templating import render

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def home(request: Request, user: User | None = Depends(current_user)) -> HTMLResponse:
    """The four pillars and every domain, linked once it has landed."""
    return render(
        request, "home.html", {"title": _("Barrier-free services for everyone"), "pillars": PILLARS, "landed": landed}
    )


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> HTMLResponse:
    """What this user can do, by role: own data, each organisation, administration."""
    memberships = memberships_of(session, user)
    cards = [
        {
            "membership": m,
            "can_manage": Permission.ORG_MANAGE_MEMBERS in ORG_ROLE_PERMISSIONS[m.role],
            "can_read_clients": Permission.ORG_READ_CLIENT_SENSITIVE in ORG_ROLE_PERMISSIONS[m.role],
        }
        for m in memberships
    ]
    context = {
        "title": _("Dashboard"),
        "cards": cards,
        "has_profile_consent": has_consent(session, user.id, ConsentPurpose.SENSITIVE_PROFILE),
    }
    return render(request, "dashboard.html", context)


@router.get("/privacy-policy", response_class=HTMLResponse)
def privacy_policy(request: Request, user: User | None = Depends(current_user)) -> HTMLResponse:
    """What we collect, why, who sees it and the user's rights (the text consents refer to)."""
    return render(request, "privacy_policy.html", {"title": _("Privacy policy"), "policy_version": POLICY_VERSION})


@router.get("/accessibility", response_class=HTMLResponse)
def accessibility_statement(request: Request, user: User | None = Depends(current_user)) -> HTMLResponse:
    """How the platform is made accessible and how to report a barrier."""
    return render(request, "accessibility.html", {"title": _("Accessibility statement")})


@router.get("/healthz")
def health() -> dict[str, str]:
    """Liveness for load balancers."""
    return {"status": "ok"}
