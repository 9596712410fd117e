"""The denial matrix: each role against each protected page and API route.

One world per row: an organisation with an owner, a manager, a caseworker and a member; a person outside it
(``user``); a platform administrator who is no member; and a client who shares a disability profile with the
organisation. Each row of a matrix is one route; each column is one role, in the order of ``ROLES``.
Anonymous visitors are sent to ``/login?next=<path>`` by pages (303) and refused by the API (401).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from barrierfree.core.db import Database
from barrierfree.core.orgs import Organisation
from barrierfree.core.privacy import SensitiveProfile
from tests.functional.helpers import (
    CERTIFICATE,
    PROBLEM_TYPE,
    Factory,
    assert_problem,
    audit_count,
    bearer,
    csrf_token,
    login,
)

ROLES = ("anonymous", "user", "member", "caseworker", "manager", "owner", "admin")
USERNAMES = {
    "user": "plain.user",
    "member": "member.user",
    "caseworker": "case.worker",
    "manager": "manager.user",
    "owner": "owner.user",
    "admin": "root.admin",
}
HEALTH_NOTES = "needs a step-free entrance and a sign-language interpreter"

# fmt: off
#                                                       anon  user member case  mgr owner admin
PAGE_MATRIX: dict[str, tuple[int, ...]] = {
    "GET /dashboard":                                   (303, 200, 200,  200,  200, 200,  200),
    "GET /account":                                     (303, 200, 200,  200,  200, 200,  200),
    "GET /account/password":                            (303, 200, 200,  200,  200, 200,  200),
    "GET /account/tokens":                              (303, 200, 200,  200,  200, 200,  200),
    "GET /account/privacy":                             (303, 200, 200,  200,  200, 200,  200),
    "GET /account/privacy/export":                      (303, 200, 200,  200,  200, 200,  200),
    "GET /account/access-log":                          (303, 200, 200,  200,  200, 200,  200),
    "GET /account/delete":                              (303, 200, 200,  200,  200, 200,  200),
    "GET /orgs":                                        (303, 200, 200,  200,  200, 200,  200),
    "GET /orgs/{org}":                                  (303, 403, 200,  200,  200, 200,  200),
    "GET /orgs/{org}/clients":                          (303, 403, 403,  200,  403, 403,  403),
    "GET /orgs/{org}/clients/{client}":                 (303, 403, 403,  200,  403, 403,  403),
    "POST /orgs/{org}/members":                         (303, 403, 403,  403,  303, 303,  403),
    "POST /orgs/{org}/members/remove":                  (303, 403, 403,  403,  303, 303,  403),
    "GET /admin":                                       (303, 403, 403,  403,  403, 403,  200),
    "GET /admin/organisations":                         (303, 403, 403,  403,  403, 403,  200),
    "POST /admin/organisations":                        (303, 403, 403,  403,  403, 403,  303),
    "GET /admin/audit":                                 (303, 403, 403,  403,  403, 403,  200),
}
API_MATRIX: dict[str, tuple[int, ...]] = {
    "GET /api/v1/me":                                   (401, 200, 200,  200,  200, 200,  200),
    "GET /api/v1/me/consents":                          (401, 200, 200,  200,  200, 200,  200),
    "GET /api/v1/me/export":                            (401, 200, 200,  200,  200, 200,  200),
    "GET /api/v1/me/access-log":                        (401, 200, 200,  200,  200, 200,  200),
    "GET /api/v1/organisations/{org}":                  (401, 403, 200,  200,  200, 200,  200),
    "GET /api/v1/organisations/{org}/members":          (401, 403, 200,  200,  200, 200,  200),
    "PUT /api/v1/organisations/{org}/members":          (401, 403, 403,  403,  200, 200,  403),
    "GET /api/v1/organisations/{org}/clients/{client}/profile":
                                                        (401, 403, 403,  200,  403, 403,  403),
    "POST /api/v1/organisations":                       (401, 403, 403,  403,  403, 403,  201),
    "GET /api/v1/admin/audit":                          (401, 403, 403,  403,  403, 403,  200),
}
PUBLIC_PAGES = ("/", "/login", "/signup", "/password-reset", "/privacy-policy", "/accessibility", "/healthz",
                "/api/v1/health", "/api/v1/openapi.json")
# fmt: on

FORMS: dict[str, dict[str, str]] = {
    "POST /orgs/{org}/members": {"username": "extra.person", "role": "caseworker"},
    "POST /orgs/{org}/members/remove": {"username": "extra.person"},
    "POST /admin/organisations": {"name": "Sunrise Federation", "kind": "federation", "owner": "plain.user"},
}
BODIES: dict[str, dict[str, str]] = {
    "PUT /api/v1/organisations/{org}/members": {"username": "extra.person", "role": "caseworker"},
    "POST /api/v1/organisations": {"name": "Sunrise Federation", "kind": "federation", "owner": "plain.user"},
}


@dataclass
class World:
    """The organisation, its people and how to act as each role."""

    factory: Factory
    org: Organisation
    client_id: int
    open_browser: Callable[[], TestClient]

    def path(self, template: str) -> str:
        return template.format(org=self.org.id, client=self.client_id)

    def restore(self) -> None:
        """Put ``extra.person`` back as a plain member after a row that changed or removed them."""
        self.factory.member(self.org, self.factory.user_named("extra.person"), "member")


@pytest.fixture
def world(factory: Factory, browser: Callable[[], TestClient]) -> World:
    factory.admin()
    owner = factory.user("owner.user")
    org = factory.org("Harbour NGO", owner=owner)
    for username, role in (("manager.user", "manager"), ("case.worker", "caseworker"), ("member.user", "member")):
        factory.member(org, factory.user(username), role)
    factory.member(org, factory.user("extra.person"), "member")
    factory.user("plain.user")
    client = factory.user("client.user", display_name="Chen Jing")
    factory.profile(client, share_with=org, notes=HEALTH_NOTES)
    return World(factory, org, client.id, browser)


def act_in_browser(world: World, role: str, method: str, path: str, form: dict[str, str] | None) -> httpx.Response:
    """One page request as ``role`` (logged in through the login form unless anonymous)."""
    page = world.open_browser()
    if role != "anonymous":
        login(page, USERNAMES[role])
    if method == "GET":
        return page.get(path)
    return page.post(path, data={**(form or {}), "csrf_token": csrf_token(page)})


def act_in_api(world: World, role: str, method: str, path: str, body: dict[str, Any] | None) -> httpx.Response:
    """One API request as ``role`` (with a bearer token unless anonymous)."""
    headers = {} if role == "anonymous" else bearer(world.factory.token(world.factory.user_named(USERNAMES[role])))
    return world.open_browser().request(method, path, headers=headers, json=body)


@pytest.mark.parametrize("route", PAGE_MATRIX)
def test_page_permission_matrix(world: World, database: Database, route: str) -> None:
    method, template = route.split(" ", 1)
    path = world.path(template)

    responses = {}
    for role in ROLES:
        responses[role] = act_in_browser(world, role, method, path, FORMS.get(route))
        if method == "POST":
            world.restore()

    assert {role: r.status_code for role, r in responses.items()} == dict(zip(ROLES, PAGE_MATRIX[route], strict=True))
    assert responses["anonymous"].headers["location"] == f"/login?next={path}"
    for role, response in responses.items():
        if response.status_code == 403:
            assert "text/html" in response.headers["content-type"], role
            assert "<h1>" in response.text, role
            assert HEALTH_NOTES not in response.text, role
    allowed_reads = sum(1 for r in responses.values() if r.status_code == 200) if "{client}" in template else 0
    assert audit_count(database, "sensitive.read", organisation_id=world.org.id) == allowed_reads


@pytest.mark.parametrize("route", API_MATRIX)
def test_api_permission_matrix(world: World, database: Database, route: str) -> None:
    method, template = route.split(" ", 1)
    path = world.path(template)

    responses = {role: act_in_api(world, role, method, path, BODIES.get(route)) for role in ROLES}

    assert {role: r.status_code for role, r in responses.items()} == dict(zip(ROLES, API_MATRIX[route], strict=True))
    for role, response in responses.items():
        if response.status_code >= 400:
            assert_problem(response, response.status_code)
            assert HEALTH_NOTES not in response.text, role
    assert responses["anonymous"].headers["www-authenticate"] == "Bearer"
    allowed_reads = sum(1 for r in responses.values() if r.status_code == 200) if "{client}" in template else 0
    assert audit_count(database, "sensitive.read", organisation_id=world.org.id) == allowed_reads


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_are_open_to_everyone(world: World, path: str) -> None:
    statuses = {}
    for role in ("anonymous", "user", "admin"):
        page = world.open_browser()
        if role != "anonymous":
            login(page, USERNAMES[role])
        statuses[role] = page.get(path).status_code

    assert statuses == {"anonymous": 200, "user": 200, "admin": 200}


def test_a_caseworker_of_another_organisation_reads_nothing(world: World, database: Database) -> None:
    other_owner = world.factory.user("other.owner")
    other = world.factory.org("Other NGO", owner=other_owner)
    world.factory.member(other, world.factory.user("other.case"), "caseworker")
    page = world.open_browser()
    login(page, "other.case")
    token = world.factory.token(world.factory.user_named("other.case"))

    responses = [
        page.get(f"/orgs/{world.org.id}/clients/{world.client_id}"),
        page.get(f"/orgs/{other.id}/clients/{world.client_id}"),
        world.open_browser().get(
            f"/api/v1/organisations/{world.org.id}/clients/{world.client_id}/profile", headers=bearer(token)
        ),
        world.open_browser().get(
            f"/api/v1/organisations/{other.id}/clients/{world.client_id}/profile", headers=bearer(token)
        ),
    ]

    assert [r.status_code for r in responses] == [403, 404, 403, 404]
    assert all(HEALTH_NOTES not in r.text for r in responses)
    assert audit_count(database, "sensitive.read") == 0


def test_a_platform_admin_never_sees_disability_data(world: World, database: Database) -> None:
    admin = world.open_browser()
    login(admin, "root.admin")
    token = world.factory.token(world.factory.user_named("root.admin"))
    pages = ["/admin", "/admin/organisations", "/admin/audit", f"/orgs/{world.org.id}", f"/orgs/{world.org.id}/clients"]

    texts = [admin.get(path).text for path in pages]
    texts.append(world.open_browser().get("/api/v1/admin/audit?limit=500", headers=bearer(token)).text)
    texts.append(world.open_browser().get(f"/api/v1/organisations/{world.org.id}/members", headers=bearer(token)).text)

    assert all(HEALTH_NOTES not in text and CERTIFICATE not in text for text in texts)
    assert audit_count(database, "sensitive.read") == 0
    assert world.factory.session.get(SensitiveProfile, world.client_id) is not None


def test_api_errors_are_problem_documents_for_every_role(world: World) -> None:
    response = world.open_browser().get(
        "/api/v1/organisations/999999", headers=bearer(world.factory.token(world.factory.user_named("root.admin")))
    )

    body = assert_problem(response, 404)
    assert response.headers["content-type"].startswith(PROBLEM_TYPE)
    assert body["type"].startswith("/problems/")
