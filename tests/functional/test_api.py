"""HTTP tests of the JSON API: tokens, the caller, preferences, organisations, members, the audit log.

Consents and profiles through the API are in ``test_privacy.py``; permissions per role in
``test_permissions.py``; malformed input in ``test_bad_input.py``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from barrierfree import __version__
from barrierfree.core.accounts import ApiToken, User, revoke_api_token
from barrierfree.core.db import Database
from barrierfree.core.orgs import Membership, Organisation, OrgRole
from tests.functional.helpers import PASSWORD, Factory, assert_problem, audit_count, bearer, count, login


@pytest.fixture
def admin_auth(factory: Factory) -> dict[str, str]:
    return bearer(factory.token(factory.admin()))


def test_health_needs_no_token(api: TestClient) -> None:
    response = api.get("/api/v1/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": __version__}


def test_openapi_schema_describes_the_api(api: TestClient) -> None:
    schema = api.get("/api/v1/openapi.json").json()

    assert schema["info"]["title"] == "barrierfree"
    assert "/api/v1/auth/token" in schema["paths"]
    assert "/api/v1/me/profile" in schema["paths"]
    assert not any(path.startswith(("/account", "/orgs", "/admin")) for path in schema["paths"]), "pages stay out"


def test_token_is_issued_for_a_username_and_password(api: TestClient, factory: Factory, database: Database) -> None:
    factory.user("li.ming", display_name="Li Ming")

    response = api.post("/api/v1/auth/token", json={"username": "LI.MING", "password": PASSWORD, "name": "my app"})

    assert response.status_code == 201
    body = response.json()
    assert body["token"].startswith("bf_")
    assert body["prefix"] == body["token"][:8]
    assert body["name"] == "my app"
    me = api.get("/api/v1/me", headers=bearer(body["token"]))
    assert me.status_code == 200
    assert me.json()["username"] == "li.ming"
    assert me.json()["display_name"] == "Li Ming"
    assert me.json()["is_admin"] is False
    assert count(database, ApiToken, ApiToken.name == "my app") == 1
    assert audit_count(database, "account.login") == 1


def test_token_request_with_a_wrong_password_is_unauthorised(
    api: TestClient, factory: Factory, database: Database
) -> None:
    factory.user("li.ming")

    response = api.post("/api/v1/auth/token", json={"username": "li.ming", "password": "not the password"})

    assert_problem(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"
    assert "not the password" not in response.text
    assert count(database, ApiToken) == 0


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer "},
        {"Authorization": "Bearer bf_unknown"},
        {"Authorization": "Bearer not-even-a-prefix"},
        {"Authorization": "Basic bGkubWluZzpwYXNzd29yZA=="},
        {"Authorization": "Bearer " + "bf_" + "x" * 5000},
    ],
)
def test_a_missing_or_unknown_token_is_unauthorised(api: TestClient, headers: dict[str, str]) -> None:
    response = api.get("/api/v1/me", headers=headers)

    body = assert_problem(response, 401)
    assert body["type"] == "/problems/not-authenticated"
    assert response.headers["www-authenticate"] == "Bearer"


def test_the_api_ignores_the_browser_session(browser: Callable[[], TestClient], factory: Factory) -> None:
    factory.user("li.ming")
    web = browser()
    login(web, "li.ming")

    response = web.get("/api/v1/me")

    assert_problem(response, 401)


def test_the_token_scheme_is_case_insensitive(api: TestClient, factory: Factory) -> None:
    raw = factory.token(factory.user("li.ming"))

    response = api.get("/api/v1/me", headers={"Authorization": f"bearer {raw}"})

    assert response.status_code == 200


def test_a_revoked_token_stops_working(api: TestClient, factory: Factory, database: Database) -> None:
    user = factory.user("li.ming")
    raw = factory.token(user)
    assert api.get("/api/v1/me", headers=bearer(raw)).status_code == 200

    with database.session() as unit:
        token_id = unit.scalar(select(ApiToken.id))
        assert token_id is not None
        revoke_api_token(unit, unit.get_one(User, user.id), token_id)

    assert_problem(api.get("/api/v1/me", headers=bearer(raw)), 401)


def test_me_lists_memberships(api: TestClient, factory: Factory) -> None:
    owner = factory.user("owner.user")
    org = factory.org("Harbour NGO", owner=owner, kind="federation")
    worker = factory.user("case.worker")
    factory.member(org, worker, "caseworker")

    me = api.get("/api/v1/me", headers=bearer(factory.token(worker))).json()

    assert me["memberships"] == [
        {"organisation_id": org.id, "organisation": "Harbour NGO", "kind": "federation", "role": "caseworker"}
    ]


def test_preferences_are_patched(api: TestClient, factory: Factory, database: Database) -> None:
    user = factory.user("li.ming")
    auth = bearer(factory.token(user))

    changed = api.patch("/api/v1/me/preferences", json={"language": "en", "elder_mode": True}, headers=auth)
    unchanged = api.patch("/api/v1/me/preferences", json={}, headers=auth)
    only_elder = api.patch("/api/v1/me/preferences", json={"elder_mode": False}, headers=auth)

    assert changed.status_code == 200
    assert (changed.json()["language"], changed.json()["elder_mode"]) == ("en", True)
    assert (unchanged.json()["language"], unchanged.json()["elder_mode"]) == ("en", True)
    assert (only_elder.json()["language"], only_elder.json()["elder_mode"]) == ("en", False)
    with database.sessions() as fresh:
        stored = fresh.get_one(User, user.id)
        assert (stored.language, stored.elder_mode) == ("en", False)


@pytest.mark.parametrize(
    "body",
    [{"language": "fr"}, {"language": "zh-TW"}, {"elder_mode": "maybe"}, {"elder_mode": [1]}, {"theme": "dark"}],
)
def test_preferences_refuse_unknown_values(api: TestClient, factory: Factory, database: Database, body: dict) -> None:
    user = factory.user("li.ming")

    response = api.patch("/api/v1/me/preferences", json=body, headers=bearer(factory.token(user)))

    problem = assert_problem(response, 422)
    assert problem["errors"], "each problem is named"
    assert count(database, User, User.language.is_not(None)) == 0
    assert count(database, User, User.elder_mode.is_(True)) == 0


def test_admin_registers_an_organisation(
    api: TestClient, factory: Factory, database: Database, admin_auth: dict
) -> None:
    factory.user("owner.user")

    response = api.post(
        "/api/v1/organisations",
        json={"name": "  Harbour   NGO ", "kind": "ngo", "owner": "owner.user"},
        headers=admin_auth,
    )

    assert response.status_code == 201
    org = response.json()
    assert org["name"] == "Harbour NGO"
    assert org["kind"] == "ngo"
    assert api.get(f"/api/v1/organisations/{org['id']}", headers=admin_auth).json() == org
    members = api.get(f"/api/v1/organisations/{org['id']}/members", headers=admin_auth).json()
    assert members == [{"username": "owner.user", "display_name": "owner.user", "role": "owner"}]
    assert audit_count(database, "org.created", organisation_id=org["id"]) == 1


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"name": "Harbour NGO", "kind": "ngo", "owner": "owner.user"}, 409),
        ({"name": "New NGO", "kind": "ngo", "owner": "nobody.here"}, 404),
        ({"name": "New NGO", "kind": "club", "owner": "owner.user"}, 422),
        ({"name": "", "kind": "ngo", "owner": "owner.user"}, 422),
        ({"name": "   ", "kind": "ngo", "owner": "owner.user"}, 422),
        ({"name": "n" * 121, "kind": "ngo", "owner": "owner.user"}, 422),
        ({"name": "New NGO", "kind": "ngo"}, 422),
    ],
)
def test_organisation_registration_refuses_bad_input(
    api: TestClient, factory: Factory, database: Database, admin_auth: dict, body: dict, status: int
) -> None:
    factory.org("Harbour NGO", owner=factory.user("owner.user"))

    response = api.post("/api/v1/organisations", json=body, headers=admin_auth)

    assert_problem(response, status)
    assert count(database, Organisation) == 1


def test_an_unknown_organisation_is_not_found(api: TestClient, admin_auth: dict) -> None:
    assert (
        assert_problem(api.get("/api/v1/organisations/424242", headers=admin_auth), 404)["type"]
        == "/problems/not-found"
    )
    assert_problem(api.get("/api/v1/organisations/424242/members", headers=admin_auth), 404)


def test_owners_and_managers_set_members(api: TestClient, factory: Factory, database: Database) -> None:
    owner = factory.user("owner.user")
    org = factory.org("Harbour NGO", owner=owner)
    manager = factory.user("manager.user")
    factory.member(org, manager, "manager")
    factory.user("new.person", display_name="New Person")
    path = f"/api/v1/organisations/{org.id}/members"
    as_manager = bearer(factory.token(manager))

    added = api.put(path, json={"username": "new.person", "role": "caseworker"}, headers=as_manager)
    changed = api.put(path, json={"username": "NEW.PERSON", "role": "member"}, headers=as_manager)

    assert added.status_code == 200
    assert added.json() == {"username": "new.person", "display_name": "New Person", "role": "caseworker"}
    assert changed.json()["role"] == "member"
    assert count(database, Membership, Membership.organisation_id == org.id) == 3
    assert audit_count(database, "org.member_set", organisation_id=org.id) == 3  # the factory's + two


@pytest.mark.parametrize(
    ("actor", "body", "status"),
    [
        ("manager.user", {"username": "new.person", "role": "owner"}, 403),
        ("manager.user", {"username": "owner.user", "role": "member"}, 403),
        ("owner.user", {"username": "owner.user", "role": "member"}, 409),
        ("owner.user", {"username": "nobody.here", "role": "member"}, 404),
        ("owner.user", {"username": "new.person", "role": "boss"}, 422),
        ("owner.user", {"username": "", "role": "member"}, 422),
    ],
)
def test_member_changes_that_are_refused(
    api: TestClient, factory: Factory, database: Database, actor: str, body: dict, status: int
) -> None:
    owner = factory.user("owner.user")
    org = factory.org("Harbour NGO", owner=owner)
    factory.member(org, factory.user("manager.user"), "manager")
    factory.user("new.person")

    response = api.put(
        f"/api/v1/organisations/{org.id}/members", json=body, headers=bearer(factory.token(factory.user_named(actor)))
    )

    assert_problem(response, status)
    with database.sessions() as fresh:
        roles = dict(
            fresh.execute(
                select(User.username, Membership.role).join(Membership).where(Membership.organisation_id == org.id)
            ).all()
        )
    assert roles == {"owner.user": OrgRole.OWNER, "manager.user": OrgRole.MANAGER}


def test_admin_reads_and_filters_the_audit_log(api: TestClient, factory: Factory, admin_auth: dict) -> None:
    factory.org("Harbour NGO", owner=factory.user("owner.user"))
    factory.org("Other NGO", owner=factory.user("other.owner"))

    everything = api.get("/api/v1/admin/audit", headers=admin_auth).json()
    created = api.get("/api/v1/admin/audit?action=org.created", headers=admin_auth).json()
    first = api.get("/api/v1/admin/audit?limit=1", headers=admin_auth).json()
    second = api.get("/api/v1/admin/audit?limit=1&offset=1", headers=admin_auth).json()

    assert [entry["action"] for entry in created] == ["org.created", "org.created"]
    assert all(entry["actor"] == "root.admin" for entry in created)
    ids = [entry["id"] for entry in everything]
    assert ids == sorted(ids, reverse=True), "newest first"
    assert [first[0]["id"], second[0]["id"]] == ids[:2]
    assert {"id", "at", "actor", "action", "subject_user_id", "organisation_id"} == everything[0].keys()


@pytest.mark.parametrize("query", ["limit=0", "limit=501", "offset=-1", "limit=abc", "action=" + "a" * 61])
def test_audit_log_query_is_checked(api: TestClient, admin_auth: dict, query: str) -> None:
    problem = assert_problem(api.get(f"/api/v1/admin/audit?{query}", headers=admin_auth), 422)

    assert problem["errors"][0]["field"].startswith("query.")


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/api/v1/no-such-thing", 404),
        ("DELETE", "/api/v1/me", 405),
        ("POST", "/api/v1/health", 405),
        ("GET", "/api/v1/me/consents/sensitive_profile", 405),
        ("DELETE", "/api/v1/me/consents/marketing", 422),
    ],
)
def test_framework_errors_are_problem_documents_too(
    api: TestClient, admin_auth: dict, method: str, path: str, status: int
) -> None:
    response = api.request(method, path, headers=admin_auth)

    body = assert_problem(response, status)
    assert body["type"].startswith("/problems/")
