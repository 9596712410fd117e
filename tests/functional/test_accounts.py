"""HTTP tests of accounts: sign-up, login and logout, lockout, password change and reset, API tokens."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session

from barrierfree.core.accounts import ApiToken, PasswordReset, User, UserSession
from barrierfree.core.clock import utcnow
from barrierfree.core.db import Database
from barrierfree.core.settings import Settings
from tests.functional.helpers import (
    NEW_PASSWORD,
    PASSWORD,
    Factory,
    audit_count,
    bearer,
    count,
    csrf_token,
    field_error,
    login,
    outbox,
    post_form,
    reset_link,
)

GOOD_SIGNUP = {
    "username": "wang.fang",
    "display_name": "Wang Fang",
    "email": "wang.fang@example.cn",
    "password": PASSWORD,
    "password_confirm": PASSWORD,
}


def test_signup_creates_the_account_and_logs_in(client: TestClient, database: Database) -> None:
    response = post_form(client, "/signup", GOOD_SIGNUP, page="/signup")

    assert response.status_code == 303
    assert response.headers["location"] == "/dashboard"
    assert "bf_session" in client.cookies
    dashboard = client.get("/dashboard")
    assert dashboard.status_code == 200
    assert "Wang Fang" in dashboard.text
    assert count(database, User, User.username == "wang.fang", User.email == "wang.fang@example.cn") == 1
    assert audit_count(database, "account.created") == 1


def test_signup_remembers_the_language_of_the_page(client: TestClient, database: Database) -> None:
    client.cookies.set("bf_lang", "en")
    post_form(client, "/signup", GOOD_SIGNUP, page="/signup")

    assert count(database, User, User.language == "en") == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"username": "ab"}, "username"),
        ({"username": "Has Spaces"}, "username"),
        ({"username": "x" * 41}, "username"),
        ({"username": ""}, "username"),
        ({"display_name": "名" * 81}, "display_name"),
        ({"email": "not-an-address"}, "email"),
        ({"email": "a@b"}, "email"),
        ({"password": "short", "password_confirm": "short"}, "password"),
        ({"password": "p" * 257, "password_confirm": "p" * 257}, "password"),
        (
            {"username": "wang.fang.1", "password": "wang.fang.1", "password_confirm": "wang.fang.1"},
            "password",
        ),
        ({"password_confirm": PASSWORD + "!"}, "password_confirm"),
    ],
)
def test_signup_refuses_each_bad_field_and_stores_nothing(
    client: TestClient, database: Database, changes: dict[str, str], field: str
) -> None:
    response = post_form(client, "/signup", {**GOOD_SIGNUP, **changes}, page="/signup")

    assert response.status_code == 422
    assert field_error(response.text, field), f"no error tied to {field}"
    assert re.search(rf'<input id="{field}"[^>]*aria-invalid="true"', response.text)
    assert 'role="alert"' in response.text
    assert count(database, User) == 0
    assert "bf_session" not in client.cookies


def test_signup_shows_entered_values_again_but_never_the_password(client: TestClient) -> None:
    response = post_form(client, "/signup", {**GOOD_SIGNUP, "email": "broken"}, page="/signup")

    assert response.status_code == 422
    assert 'value="wang.fang"' in response.text
    assert PASSWORD not in response.text


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"email": "other@example.cn"}, "username"), ({"username": "someone.else"}, "email")],
)
def test_signup_refuses_a_taken_username_or_email(
    client: TestClient, database: Database, factory: Factory, changes: dict[str, str], field: str
) -> None:
    factory.user("wang.fang", email="wang.fang@example.cn")

    response = post_form(client, "/signup", {**GOOD_SIGNUP, **changes}, page="/signup")

    assert response.status_code == 409  # the same status the API gives a conflict
    assert field_error(response.text, field)
    assert count(database, User) == 1


def test_login_then_logout(client: TestClient, factory: Factory, database: Database) -> None:
    factory.user("li.ming")

    response = login(client, "li.ming")
    assert response.headers["location"] == "/dashboard"
    assert client.get("/dashboard").status_code == 200
    old_cookie = client.cookies["bf_session"]
    assert audit_count(database, "account.login") == 1

    response = post_form(client, "/logout")
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    assert "bf_session" not in client.cookies
    assert count(database, UserSession) == 0
    after = client.get("/dashboard")
    assert after.status_code == 303
    assert after.headers["location"] == "/login?next=/dashboard"

    client.cookies.set("bf_session", old_cookie)
    assert client.get("/dashboard").status_code == 303, "a logged-out session cookie must not work again"


@pytest.mark.parametrize(
    ("next_url", "target"),
    [
        ("/account/privacy", "/account/privacy"),
        ("https://evil.example/", "/dashboard"),
        ("//evil.example/x", "/dashboard"),
        ("/\\evil.example", "/dashboard"),
        ("", "/dashboard"),
    ],
)
def test_login_returns_to_a_local_next_only(client: TestClient, factory: Factory, next_url: str, target: str) -> None:
    factory.user("li.ming")

    response = post_form(
        client, "/login", {"username": "li.ming", "password": PASSWORD, "next": next_url}, page="/login"
    )

    assert response.status_code == 303
    assert response.headers["location"] == target


def test_login_form_keeps_next_from_the_redirect(client: TestClient) -> None:
    redirect = client.get("/account/privacy")
    assert redirect.status_code == 303
    page = client.get(redirect.headers["location"])

    assert page.status_code == 200
    assert '<input type="hidden" name="next" value="/account/privacy">' in page.text


@pytest.mark.parametrize("username", ["li.ming", "LI.MING ", "nobody.here"])
def test_wrong_password_or_unknown_user_is_refused_alike(
    client: TestClient, factory: Factory, database: Database, username: str
) -> None:
    factory.user("li.ming")

    response = post_form(client, "/login", {"username": username, "password": "not the password"}, page="/login")

    assert response.status_code == 401
    assert "bf_session" not in client.cookies
    assert count(database, UserSession) == 0
    assert 'role="alert"' in response.text
    assert "not the password" not in response.text


def test_lockout_after_the_configured_number_of_failures(
    client: TestClient, factory: Factory, database: Database, settings: Settings
) -> None:
    factory.user("li.ming")
    wrong = {"username": "li.ming", "password": "not the password"}

    for _attempt in range(settings.login_max_failures - 1):
        assert post_form(client, "/login", wrong, page="/login").status_code == 401
    locked = post_form(client, "/login", wrong, page="/login")

    assert locked.status_code == 429
    assert 0 < int(locked.headers["Retry-After"]) <= settings.login_lockout_minutes * 60
    assert audit_count(database, "account.locked") == 1
    right = post_form(client, "/login", {"username": "li.ming", "password": PASSWORD}, page="/login")
    assert right.status_code == 429, "the right password must not open a locked account"
    assert "Retry-After" in right.headers
    assert "bf_session" not in client.cookies


def test_api_token_endpoint_shares_the_lockout(api: TestClient, factory: Factory, settings: Settings) -> None:
    factory.user("li.ming")
    wrong = {"username": "li.ming", "password": "not the password"}

    statuses = [api.post("/api/v1/auth/token", json=wrong).status_code for _ in range(settings.login_max_failures)]
    locked = api.post("/api/v1/auth/token", json={"username": "li.ming", "password": PASSWORD})

    assert statuses == [401] * (settings.login_max_failures - 1) + [429]
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) > 0


def test_password_change_ends_other_sessions(
    browser: Callable[[], TestClient], factory: Factory, database: Database
) -> None:
    factory.user("li.ming")
    laptop, phone = browser(), browser()
    login(laptop, "li.ming")
    login(phone, "li.ming")

    response = post_form(
        laptop,
        "/account/password",
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "new_password_confirm": NEW_PASSWORD},
        page="/account/password",
    )

    assert response.status_code == 303
    assert response.headers["location"] == "/account"
    assert laptop.get("/account").status_code == 200, "the browser that changed it stays logged in"
    assert phone.get("/account").status_code == 303, "every other session ends"
    assert count(database, UserSession) == 1
    assert audit_count(database, "account.password_changed") == 1
    assert (
        post_form(browser(), "/login", {"username": "li.ming", "password": PASSWORD}, page="/login").status_code == 401
    )
    login(browser(), "li.ming", NEW_PASSWORD)


@pytest.mark.parametrize(
    ("form", "field"),
    [
        (
            {
                "current_password": "wrong password",
                "new_password": NEW_PASSWORD,
                "new_password_confirm": NEW_PASSWORD,
            },
            "current_password",
        ),
        (
            {"current_password": PASSWORD, "new_password": "short", "new_password_confirm": "short"},
            "new_password",
        ),
        (
            {
                "current_password": PASSWORD,
                "new_password": NEW_PASSWORD,
                "new_password_confirm": "different!!",
            },
            "new_password_confirm",
        ),
    ],
)
def test_password_change_refuses_bad_input(
    client: TestClient, factory: Factory, database: Database, form: dict[str, str], field: str
) -> None:
    factory.user("li.ming")
    login(client, "li.ming")

    response = post_form(client, "/account/password", form, page="/account/password")

    assert response.status_code == 422
    assert field_error(response.text, field), f"no error tied to {field}"
    assert audit_count(database, "account.password_changed") == 0
    assert client.get("/account").status_code == 200, "a refused change keeps the session"


def test_password_reset_through_the_mailed_link(
    client: TestClient,
    factory: Factory,
    database: Database,
    settings: Settings,
    browser: Callable[[], TestClient],
) -> None:
    factory.user("li.ming", email="li.ming@example.cn")
    phone = browser()
    login(phone, "li.ming")

    response = post_form(client, "/password-reset", {"identifier": "LI.MING@example.cn"}, page="/password-reset")

    assert response.status_code == 303
    assert response.headers["location"] == "/login"
    messages = outbox(settings)
    assert len(messages) == 1
    assert messages[0]["To"] == "li.ming@example.cn"
    link = reset_link(settings)
    assert client.get(link).status_code == 200

    done = post_form(client, link, {"new_password": NEW_PASSWORD, "new_password_confirm": NEW_PASSWORD}, page=link)

    assert done.status_code == 303
    assert done.headers["location"] == "/login"
    assert phone.get("/account").status_code == 303, "a reset ends every session"
    login(browser(), "li.ming", NEW_PASSWORD)
    assert audit_count(database, "account.password_reset") == 1
    again = client.get(link)
    assert again.status_code == 404, "a reset link works once"
    reuse = client.post(
        link,
        data={
            "new_password": "third-password-99",
            "new_password_confirm": "third-password-99",
            "csrf_token": csrf_token(client),
        },
    )
    assert reuse.status_code == 404
    login(browser(), "li.ming", NEW_PASSWORD)


def test_password_reset_refuses_a_bad_new_password_and_keeps_the_link(
    client: TestClient, factory: Factory, settings: Settings
) -> None:
    factory.user("li.ming", email="li.ming@example.cn")
    post_form(client, "/password-reset", {"identifier": "li.ming"}, page="/password-reset")
    link = reset_link(settings)

    response = post_form(client, link, {"new_password": "short", "new_password_confirm": "short"}, page=link)

    assert response.status_code == 422
    assert field_error(response.text, "new_password")
    assert client.get(link).status_code == 200


@pytest.mark.parametrize("identifier", ["nobody.here", "nobody@example.cn", "no.mail"])
def test_password_reset_answers_the_same_without_a_mailbox(
    client: TestClient, factory: Factory, settings: Settings, identifier: str
) -> None:
    factory.user("no.mail")

    response = post_form(client, "/password-reset", {"identifier": identifier}, page="/password-reset")

    assert response.status_code == 303
    assert response.headers["location"] == "/login"
    assert outbox(settings) == []


def test_an_expired_reset_link_is_not_found(
    client: TestClient, factory: Factory, settings: Settings, session: Session
) -> None:
    factory.user("li.ming", email="li.ming@example.cn")
    post_form(client, "/password-reset", {"identifier": "li.ming"}, page="/password-reset")
    link = reset_link(settings)
    session.execute(update(PasswordReset).values(expires_at=utcnow() - timedelta(minutes=1)))
    session.commit()

    page = client.get(link)
    post = post_form(client, link, {"new_password": NEW_PASSWORD, "new_password_confirm": NEW_PASSWORD})

    assert page.status_code == 404
    assert post.status_code == 404
    assert 'name="new_password"' not in page.text


@pytest.mark.parametrize("token", ["unknown-token", "x" * 300, "%00", "a%2Fb"])
def test_an_unknown_reset_link_is_not_found(client: TestClient, token: str) -> None:
    response = client.get(f"/password-reset/{token}")

    assert response.status_code == 404
    assert "<h1>" in response.text


def test_api_token_is_shown_once_and_can_be_revoked(
    client: TestClient, api: TestClient, factory: Factory, database: Database
) -> None:
    factory.user("li.ming")
    login(client, "li.ming")

    created = post_form(client, "/account/tokens", {"name": "screen reader app"}, page="/account/tokens")

    assert created.status_code == 201
    found = re.search(r'id="new-token"[^>]*value="(bf_[^"]+)"', created.text)
    assert found is not None
    raw = found.group(1)
    assert api.get("/api/v1/me", headers=bearer(raw)).json()["username"] == "li.ming"
    listing = client.get("/account/tokens")
    assert "screen reader app" in listing.text
    assert raw not in listing.text, "the token is shown only once"
    assert raw[:8] in listing.text
    assert audit_count(database, "token.created") == 1

    with database.sessions() as fresh:
        token_id = fresh.query(ApiToken.id).scalar()
    revoked = post_form(client, f"/account/tokens/{token_id}/revoke", page="/account/tokens")

    assert revoked.status_code == 303
    assert revoked.headers["location"] == "/account/tokens"
    assert api.get("/api/v1/me", headers=bearer(raw)).status_code == 401
    assert audit_count(database, "token.revoked") == 1


@pytest.mark.parametrize("name", ["", "   ", "n" * 81])
def test_api_token_needs_a_name(client: TestClient, factory: Factory, database: Database, name: str) -> None:
    factory.user("li.ming")
    login(client, "li.ming")

    response = post_form(client, "/account/tokens", {"name": name}, page="/account/tokens")

    assert response.status_code == 422
    assert field_error(response.text, "name")
    assert count(database, ApiToken) == 0


def test_nobody_revokes_another_users_token(client: TestClient, factory: Factory, database: Database) -> None:
    owner = factory.user("li.ming")
    factory.user("zhang.wei")
    raw = factory.token(owner)
    login(client, "zhang.wei")
    with database.sessions() as fresh:
        token_id = fresh.query(ApiToken.id).scalar()

    response = post_form(client, f"/account/tokens/{token_id}/revoke", page="/account/tokens")

    assert response.status_code == 404
    assert count(database, ApiToken, ApiToken.revoked_at.is_(None)) == 1
    assert raw.startswith("bf_")
