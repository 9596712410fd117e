"""Helpers of the HTTP tests: forms and CSRF, logins, problem documents, the outbox, rows, a factory."""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from barrierfree.core import accounts, orgs, privacy
from barrierfree.core.accounts import User
from barrierfree.core.audit import AuditEntry
from barrierfree.core.db import Database
from barrierfree.core.orgs import Membership, Organisation, OrgKind, OrgRole
from barrierfree.core.privacy import ConsentPurpose, ProfileInput, SensitiveProfile
from barrierfree.core.settings import Settings
from barrierfree.workforce.models import Programme

PASSWORD = "correct horse battery"
NEW_PASSWORD = "staple-gun-orbit-42"
ID_NUMBER = "11010519491231002X"
CERTIFICATE = ID_NUMBER + "42"  # physical (4), level 2
CSRF_PATTERN = re.compile(r'<input type="hidden" name="csrf_token" value="([^"]+)">')
PROBLEM_TYPE = "application/problem+json"


# --- pages and forms -------------------------------------------------------------------------------------


def csrf_from(html: str) -> str:
    """The value of the first CSRF hidden field of a page."""
    found = CSRF_PATTERN.search(html)
    assert found is not None, "the page has no csrf_token field"
    return found.group(1)


def csrf_token(client: TestClient, path: str = "/") -> str:
    """Load ``path`` (which gives the browser its CSRF cookie) and return its form token."""
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return csrf_from(response.text)


def post_form(client: TestClient, path: str, data: dict[str, Any] | None = None, *, page: str = "/") -> httpx.Response:
    """Submit a form with a valid CSRF token taken from ``page``."""
    return client.post(path, data={**(data or {}), "csrf_token": csrf_token(client, page)})


def login(client: TestClient, username: str, password: str = PASSWORD) -> httpx.Response:
    """Log in through the real /login form; the session cookie lands in the client's jar."""
    response = post_form(client, "/login", {"username": username, "password": password}, page="/login")
    assert response.status_code == 303, response.text
    assert "bf_session" in client.cookies
    return response


def field_error(html: str, field: str) -> str | None:
    """The error message tied to a form field (``<p id="<field>-error">``), or None."""
    found = re.search(rf'<p class="field-error" id="{re.escape(field)}-error">(.*?)</p>', html, re.S)
    if found is None:
        return None
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """An RFC 9457 problem document with the expected status; returns its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_TYPE)
    body = response.json()
    assert {"type", "title", "status", "detail"} <= body.keys()
    assert body["status"] == status
    assert body["title"] and body["detail"]
    return body


def bearer(token: str) -> dict[str, str]:
    """The Authorization header of an API call."""
    return {"Authorization": f"Bearer {token}"}


# --- the outbox ------------------------------------------------------------------------------------------


def outbox(settings: Settings) -> list[email.message.EmailMessage]:
    """Every message the OutboxMailer wrote, oldest first."""
    folder = Path(settings.data_dir) / "outbox"
    if not folder.exists():
        return []
    return [
        email.message_from_bytes(path.read_bytes(), policy=email.policy.default)  # type: ignore[misc]
        for path in sorted(folder.glob("*.eml"))
    ]


def reset_link(settings: Settings) -> str:
    """The path of the reset link in the newest outbox message."""
    messages = outbox(settings)
    assert messages, "no mail was sent"
    body = messages[-1].get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    found = re.search(re.escape(settings.base_url) + r"(/password-reset/[A-Za-z0-9_-]+)", body)
    assert found is not None, body
    return found.group(1)


# --- the database ----------------------------------------------------------------------------------------


def count(database: Database, model: type, *conditions: Any) -> int:
    """Rows of ``model`` matching ``conditions``, read in a fresh session (sees every commit)."""
    with database.sessions() as fresh:
        return fresh.scalar(select(func.count()).select_from(model).where(*conditions)) or 0


def audit_count(database: Database, action: str, **fields: Any) -> int:
    """Audit entries with this action (and these column values)."""
    conditions = [
        AuditEntry.action == action,
        *(getattr(AuditEntry, key) == value for key, value in fields.items()),
    ]
    return count(database, AuditEntry, *conditions)


@dataclass
class Factory:
    """Creates people, organisations, memberships and shared profiles through the core services."""

    session: Session
    _admin: User | None = None

    def user(
        self,
        username: str,
        *,
        password: str = PASSWORD,
        email: str | None = None,
        is_admin: bool = False,
        display_name: str = "",
        language: str | None = None,
    ) -> User:
        """Sign a user up (committed)."""
        user = accounts.sign_up(
            self.session,
            username=username,
            password=password,
            display_name=display_name,
            email=email,
            is_admin=is_admin,
            language=language,
        )
        self.session.commit()
        return user

    def user_named(self, username: str) -> User:
        """An existing user."""
        return accounts.get_user(self.session, username)

    def admin(self) -> User:
        """The platform administrator (created on first use)."""
        if self._admin is None:
            self._admin = self.user("root.admin", is_admin=True, display_name="Administrator")
        return self._admin

    def org(self, name: str, *, owner: User, kind: str = "ngo") -> Organisation:
        """An organisation registered by the administrator with ``owner`` as its first owner; an employer runs a
        customer-service programme that takes applications."""
        org = orgs.create_organisation(self.session, self.admin(), name=name, kind=kind, owner=owner.username)
        if org.kind is OrgKind.EMPLOYER:
            self.session.add(Programme(organisation_id=org.id))
        self.session.commit()
        return org

    def member(self, org: Organisation, user: User, role: str) -> Membership:
        """Give ``user`` a role in ``org`` (set by one of its owners)."""
        owner = self.session.scalar(
            select(User).join(Membership).where(Membership.organisation_id == org.id, Membership.role == OrgRole.OWNER)
        )
        membership = orgs.set_member(self.session, owner, org.id, username=user.username, role=role)
        self.session.commit()
        return membership

    def consent(self, user: User, *, share_with: Organisation | None = None) -> None:
        """Agree to storing a profile (and to sharing it with ``share_with``)."""
        privacy.give_consent(self.session, user, ConsentPurpose.SENSITIVE_PROFILE)
        if share_with is not None:
            privacy.give_consent(
                self.session, user, ConsentPurpose.SHARE_WITH_ORGANISATION, organisation_id=share_with.id
            )
        self.session.commit()

    def profile(
        self, user: User, *, share_with: Organisation | None = None, notes: str = "uses a wheelchair"
    ) -> SensitiveProfile:
        """Consent to storage, save a profile and optionally share it with an organisation."""
        privacy.give_consent(self.session, user, ConsentPurpose.SENSITIVE_PROFILE)
        profile = privacy.save_profile(
            self.session,
            user,
            ProfileInput(
                disability_category="physical",
                disability_level=2,
                certificate_number=CERTIFICATE,
                health_notes=notes,
            ),
        )
        if share_with is not None:
            privacy.give_consent(
                self.session, user, ConsentPurpose.SHARE_WITH_ORGANISATION, organisation_id=share_with.id
            )
        self.session.commit()
        return profile

    def token(self, user: User, name: str = "tests") -> str:
        """A raw API token of ``user``."""
        _token, raw = accounts.create_api_token(self.session, user, name)
        self.session.commit()
        return raw
