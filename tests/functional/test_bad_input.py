"""HTTP tests of bad input: too large, malformed, mistyped, unknown, too long, garbage. Always a clear 4xx.

Hypothesis runs few examples here: every one goes through the whole app and its database.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from barrierfree.core.accounts import User
from barrierfree.core.db import Database
from barrierfree.core.orgs import Organisation
from barrierfree.core.privacy import Consent, SensitiveProfile
from barrierfree.core.settings import Settings
from tests.functional.helpers import (
    PASSWORD,
    Factory,
    assert_problem,
    bearer,
    count,
    csrf_token,
    field_error,
    login,
    post_form,
)

FEW = hypothesis_settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def consenting(factory: Factory) -> dict[str, str]:
    """The bearer header of a user who agreed to store a profile."""
    user = factory.user("li.ming")
    factory.consent(user)
    return bearer(factory.token(user))


def chunks(body: bytes, size: int = 65536) -> Iterator[bytes]:
    """Send a body without Content-Length (chunked), so only the streamed byte count can stop it."""
    for start in range(0, len(body), size):
        yield body[start : start + size]


# --- size ------------------------------------------------------------------------------------------------


def test_an_oversized_form_is_refused_with_413(client: TestClient, database: Database, settings: Settings) -> None:
    form = {"username": "big.person", "password": PASSWORD, "password_confirm": PASSWORD}

    response = post_form(client, "/signup", {**form, "display_name": "x" * settings.max_body_bytes}, page="/signup")

    assert response.status_code == 413
    assert str(settings.max_body_bytes) in response.text
    assert count(database, User) == 0


def test_an_oversized_streamed_form_is_refused_with_413(
    client: TestClient, database: Database, settings: Settings
) -> None:
    token = csrf_token(client, "/signup")
    body = f"csrf_token={token}&username=big.person&password={PASSWORD}&password_confirm={PASSWORD}&display_name="
    payload = body.encode() + b"x" * settings.max_body_bytes

    response = client.post(
        "/signup", content=chunks(payload), headers={"Content-Type": "application/x-www-form-urlencoded"}
    )

    assert response.status_code == 413
    assert count(database, User) == 0


def test_an_oversized_json_body_is_refused_with_413(
    api: TestClient, consenting: dict[str, str], database: Database, settings: Settings
) -> None:
    body = {"disability_category": "visual", "disability_level": 1, "health_notes": "x" * settings.max_body_bytes}

    response = api.put("/api/v1/me/profile", json=body, headers=consenting)

    assert_problem(response, 413)
    assert count(database, SensitiveProfile) == 0


def test_an_oversized_streamed_json_body_is_refused_with_413(
    api: TestClient, consenting: dict[str, str], database: Database, settings: Settings
) -> None:
    body = {"disability_category": "visual", "disability_level": 1, "health_notes": "x" * settings.max_body_bytes}
    payload = json.dumps(body).encode()

    response = api.put(
        "/api/v1/me/profile",
        content=chunks(payload),
        headers={**consenting, "Content-Type": "application/json"},
    )

    assert_problem(response, 413)
    assert count(database, SensitiveProfile) == 0


def test_a_body_just_under_the_limit_is_read(api: TestClient, consenting: dict[str, str], settings: Settings) -> None:
    body = json.dumps({"disability_category": "visual", "disability_level": 1, "health_notes": ""})
    padded = body[:-1] + " " * (settings.max_body_bytes - len(body)) + "}"

    response = api.put("/api/v1/me/profile", content=padded, headers={**consenting, "Content-Type": "application/json"})

    assert len(padded) == settings.max_body_bytes
    assert response.status_code == 200


@pytest.mark.parametrize("length", ["abc", "-1", "1e9", "99999999999999999999"])
def test_a_bogus_content_length_is_refused(api: TestClient, length: str) -> None:
    response = api.post(
        "/api/v1/auth/token", content=b"{}", headers={"Content-Length": length, "Content-Type": "application/json"}
    )

    assert response.status_code in (400, 413)


# --- malformed and mistyped JSON -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [b"{", b"", b"null", b"[]", b'"text"', b"{'single': 'quotes'}", b'{"username": "a",}', b"\xff\xfe", b"NaN"],
)
def test_malformed_json_is_a_422_problem(api: TestClient, payload: bytes) -> None:
    response = api.post("/api/v1/auth/token", content=payload, headers={"Content-Type": "application/json"})

    problem = assert_problem(response, 422)
    assert problem["errors"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"disability_category": "visual", "disability_level": "high"}, "disability_level"),
        ({"disability_category": "visual", "disability_level": 1.5}, "disability_level"),
        ({"disability_category": "visual", "disability_level": 0}, "disability_level"),
        ({"disability_category": "visual", "disability_level": 10**30}, "disability_level"),
        ({"disability_category": 7, "disability_level": 1}, "disability_category"),
        ({"disability_category": ["visual"], "disability_level": 1}, "disability_category"),
        ({"disability_category": "visual", "disability_level": 1, "health_notes": None}, "health_notes"),
        ({"disability_category": "visual", "disability_level": 1, "health_notes": {"a": 1}}, "health_notes"),
        ({"disability_category": "visual", "disability_level": 1, "certificate_number": 12345}, "certificate_number"),
        ({"disability_level": 1}, "disability_category"),
    ],
)
def test_wrong_types_are_named_in_a_422_problem(
    api: TestClient, consenting: dict[str, str], database: Database, body: dict, field: str
) -> None:
    response = api.put("/api/v1/me/profile", json=body, headers=consenting)

    problem = assert_problem(response, 422)
    assert field in {error["field"] for error in problem["errors"]}
    assert count(database, SensitiveProfile) == 0


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/api/v1/auth/token", {"username": "li.ming", "password": PASSWORD, "admin": True}),
        ("PATCH", "/api/v1/me/preferences", {"language": "en", "is_admin": True}),
        ("POST", "/api/v1/me/consents", {"purpose": "sensitive_profile", "scope": "all"}),
        ("PUT", "/api/v1/me/profile", {"disability_category": "visual", "disability_level": 1, "user_id": 1}),
        ("POST", "/api/v1/organisations", {"name": "X", "kind": "ngo", "owner": "li.ming", "id": 7}),
    ],
)
def test_unknown_fields_are_refused(
    api: TestClient, consenting: dict[str, str], database: Database, method: str, path: str, body: dict
) -> None:
    extra = (
        set(body)
        - {
            "username",
            "password",
            "language",
            "purpose",
            "disability_category",
            "disability_level",
            "name",
            "kind",
            "owner",
        }
    ).pop()

    response = api.request(method, path, json=body, headers=consenting)

    problem = assert_problem(response, 422)
    assert extra in {error["field"] for error in problem["errors"]}
    assert count(database, User, User.is_admin.is_(True)) == 0
    assert count(database, SensitiveProfile) == 0
    assert count(database, Organisation) == 0


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/api/v1/auth/token", {"username": "l" * 10_000, "password": PASSWORD}),
        ("POST", "/api/v1/auth/token", {"username": "li.ming", "password": "p" * 10_000}),
        ("POST", "/api/v1/auth/token", {"username": "li.ming", "password": PASSWORD, "name": "n" * 10_000}),
        (
            "PUT",
            "/api/v1/me/profile",
            {"disability_category": "visual", "disability_level": 1, "health_notes": "n" * 2001},
        ),
        (
            "PUT",
            "/api/v1/me/profile",
            {"disability_category": "visual", "disability_level": 1, "certificate_number": "1" * 23},
        ),
        ("POST", "/api/v1/organisations", {"name": "n" * 10_000, "kind": "ngo", "owner": "li.ming"}),
        ("PUT", "/api/v1/organisations/1/members", {"username": "u" * 10_000, "role": "member"}),
    ],
)
def test_very_long_strings_are_refused(
    api: TestClient, consenting: dict[str, str], database: Database, method: str, path: str, body: dict
) -> None:
    response = api.request(method, path, json=body, headers=consenting)

    assert_problem(response, 422)
    assert count(database, SensitiveProfile) == 0
    assert "n" * 2001 not in response.text


@pytest.mark.parametrize(
    ("path", "form", "field"),
    [
        ("/signup", {"username": "u" * 100_000}, "username"),
        ("/signup", {"username": "li.ming", "display_name": "d" * 100_000}, "display_name"),
        ("/signup", {"username": "li.ming", "email": "e" * 100_000 + "@example.cn"}, "email"),
        ("/signup", {"username": "li.ming", "password": "p" * 100_000, "password_confirm": "p" * 100_000}, "password"),
    ],
)
def test_very_long_form_fields_are_refused(
    client: TestClient, database: Database, path: str, form: dict[str, str], field: str
) -> None:
    data = {"password": PASSWORD, "password_confirm": PASSWORD, **form}

    response = post_form(client, path, data, page=path)

    assert response.status_code == 422
    assert field_error(response.text, field)
    assert count(database, User) == 0


def test_a_very_long_login_is_just_a_wrong_login(client: TestClient, factory: Factory) -> None:
    factory.user("li.ming")

    response = post_form(client, "/login", {"username": "l" * 100_000, "password": "p" * 100_000}, page="/login")

    assert response.status_code == 401


# --- ids in paths ----------------------------------------------------------------------------------------

BAD_IDS = ["abc", "1.5", "1e3", "0", "-1", "99999999999999999999", "2147483648", "%20", "１"]


@pytest.mark.parametrize("bad", BAD_IDS)
def test_bad_ids_in_page_paths_are_4xx(client: TestClient, factory: Factory, bad: str) -> None:
    factory.user("li.ming")
    login(client, "li.ming")
    token = csrf_token(client)

    responses = [
        client.get(f"/orgs/{bad}"),
        client.get(f"/orgs/{bad}/clients"),
        client.get(f"/orgs/1/clients/{bad}"),
        client.post(f"/orgs/{bad}/members", data={"csrf_token": token, "username": "li.ming", "role": "member"}),
        client.post(f"/account/tokens/{bad}/revoke", data={"csrf_token": token}),
    ]

    assert all(r.status_code in (403, 404, 422) for r in responses), [r.status_code for r in responses]
    assert all("<h1>" in r.text for r in responses)


@pytest.mark.parametrize("bad", BAD_IDS)
def test_bad_ids_in_api_paths_are_4xx_problems(api: TestClient, factory: Factory, bad: str) -> None:
    auth = bearer(factory.token(factory.admin()))

    responses = [
        api.get(f"/api/v1/organisations/{bad}", headers=auth),
        api.get(f"/api/v1/organisations/{bad}/members", headers=auth),
        api.put(
            f"/api/v1/organisations/{bad}/members", json={"username": "root.admin", "role": "member"}, headers=auth
        ),
        api.get(f"/api/v1/organisations/1/clients/{bad}/profile", headers=auth),
        api.delete(f"/api/v1/me/consents/share_with_organisation?organisation_id={bad}", headers=auth),
    ]

    for response in responses:
        assert response.status_code in (403, 404, 422), response.text
        assert_problem(response, response.status_code)


@pytest.mark.parametrize("bad", ["²", "١٢", "99999999999999999999", "1" * 5000, "-1", "1.0", "0x10"])
def test_bad_numbers_in_privacy_forms_are_422(
    client: TestClient, factory: Factory, database: Database, bad: str
) -> None:
    factory.org("Harbour NGO", owner=factory.user("owner.user"))
    factory.user("li.ming")
    login(client, "li.ming")
    post_form(client, "/account/privacy/consent", {"purpose": "sensitive_profile", "agree": "yes"})

    share = {"purpose": "share_with_organisation", "agree": "yes", "organisation_id": bad}
    responses = [
        post_form(client, "/account/privacy/consent", share),
        post_form(client, "/account/privacy/withdraw", {"purpose": "share_with_organisation", "organisation_id": bad}),
        post_form(client, "/account/privacy/profile", {"disability_category": "visual", "disability_level": bad}),
    ]

    assert [r.status_code for r in responses] == [422, 422, 422]
    assert count(database, Consent) == 1
    assert count(database, SensitiveProfile) == 0


# --- the NUL character (PostgreSQL cannot store it in text) ----------------------------------------------

NUL = "a\x00b"


@pytest.mark.parametrize(
    ("path", "form"),
    [
        ("/signup", {"username": "li.ming", "display_name": NUL, "password": PASSWORD, "password_confirm": PASSWORD}),
        ("/signup", {"username": NUL, "password": PASSWORD, "password_confirm": PASSWORD}),
        ("/login", {"username": NUL, "password": PASSWORD}),
        ("/password-reset", {"identifier": NUL}),
        ("/account/tokens", {"name": NUL}),
        ("/account/privacy/profile", {"disability_category": "visual", "disability_level": "1", "health_notes": NUL}),
        ("/admin/organisations", {"name": NUL, "kind": "ngo", "owner": "root.admin"}),
        ("/orgs/1/members", {"username": NUL, "role": "member"}),
    ],
)
def test_nul_characters_in_forms_are_refused(
    client: TestClient, factory: Factory, database: Database, path: str, form: dict[str, str]
) -> None:
    admin = factory.admin()
    factory.org("Harbour NGO", owner=admin)
    factory.consent(admin)
    if path not in ("/signup", "/login", "/password-reset"):
        login(client, "root.admin")
    users = count(database, User)

    response = post_form(client, path, form)

    assert 400 <= response.status_code < 500
    assert count(database, User) == users
    assert count(database, SensitiveProfile) == 0
    assert count(database, Organisation) == 1


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/api/v1/auth/token", {"username": NUL, "password": PASSWORD}),
        ("POST", "/api/v1/auth/token", {"username": "root.admin", "password": PASSWORD, "name": NUL}),
        ("PUT", "/api/v1/me/profile", {"disability_category": "visual", "disability_level": 1, "health_notes": NUL}),
        ("POST", "/api/v1/organisations", {"name": NUL, "kind": "ngo", "owner": "root.admin"}),
        ("PUT", "/api/v1/organisations/1/members", {"username": NUL, "role": "member"}),
        ("GET", "/api/v1/admin/audit?action=a%00b", None),
    ],
)
def test_nul_characters_in_the_api_are_refused(
    api: TestClient, factory: Factory, database: Database, method: str, path: str, body: dict | None
) -> None:
    admin = factory.admin()
    factory.org("Harbour NGO", owner=admin)
    factory.consent(admin)

    response = api.request(method, path, json=body, headers=bearer(factory.token(admin)))

    assert_problem(response, 422)
    assert count(database, SensitiveProfile) == 0
    assert count(database, Organisation) == 1


def test_a_nul_character_in_the_audit_filter_page_is_refused(client: TestClient, factory: Factory) -> None:
    factory.admin()
    login(client, "root.admin")

    response = client.get("/admin/audit?action=a%00b")

    assert response.status_code == 422


# --- garbage cookies and headers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cookie",
    [
        b"bf_session=garbage",
        b"bf_session=" + b"x" * 5000,
        b'bf_session="\xff\xfe"',
        b"bf_session=",
        b"bf_csrf=short",
        b"bf_csrf=" + b"a" * 5000,
        b'bf_csrf="' + "é".encode("latin-1") * 40 + b'"',
        b"bf_lang=klingon; bf_elder=maybe; bf_text=huge",
        b"bf_notice=../../etc; bf_notice=password-changed",
        b";;;=;=;",
        b"=",
        b'bf_session="unterminated',
        b"\x00\x01\x02",
        'bf_lang="zh-CN"; bf_text="²"'.encode("latin-1"),
    ],
)
def test_garbage_cookies_never_cause_a_500(client: TestClient, factory: Factory, cookie: bytes) -> None:
    factory.user("li.ming")

    pages = [client.get(path, headers={"Cookie": cookie}) for path in ("/", "/dashboard", "/login", "/api/v1/health")]
    form = client.post("/login", data={"username": "li.ming", "password": PASSWORD}, headers={"Cookie": cookie})

    assert [r.status_code for r in pages] == [200, 303, 200, 200]
    assert form.status_code == 403, "no valid CSRF cookie, no login"


@pytest.mark.parametrize(
    "headers",
    [
        {"Accept-Language": "x" * 10_000},
        {"Accept-Language": ",".join(["en;q=0.1"] * 1000)},
        {"Accept-Language": "en;q=1e400"},
        {"Authorization": "Bearer " + "x" * 10_000},
        {"Content-Type": "multipart/form-data; boundary=nothing"},
        {"Host": "evil.example"},
    ],
)
def test_odd_headers_never_cause_a_500(client: TestClient, headers: dict[str, str]) -> None:
    response = client.get("/", headers=headers)

    assert response.status_code == 200


def test_a_broken_multipart_form_is_refused(client: TestClient, database: Database) -> None:
    csrf_token(client)

    response = client.post(
        "/signup", content=b"--nothing\r\nbroken", headers={"Content-Type": "multipart/form-data; boundary=nothing"}
    )

    assert 400 <= response.status_code < 500
    assert count(database, User) == 0


# --- properties ------------------------------------------------------------------------------------------

field_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)


@FEW
@given(username=field_text, display_name=field_text, email=field_text)
def test_signup_answers_any_text_with_303_or_422(
    client: TestClient, database: Database, username: str, display_name: str, email: str
) -> None:
    before = count(database, User)
    form = {"username": username, "display_name": display_name, "email": email}

    response = post_form(
        client, "/signup", {**form, "password": PASSWORD, "password_confirm": PASSWORD}, page="/signup"
    )

    assert response.status_code in (303, 422)
    assert count(database, User) == before + (response.status_code == 303)
    client.cookies.delete("bf_session")


@FEW
@given(
    body=st.fixed_dictionaries(
        {},
        optional={
            "disability_category": st.one_of(st.sampled_from(["visual", "mental", "x"]), st.integers(), st.none()),
            "disability_level": st.one_of(st.integers(-5, 10), st.text(max_size=3), st.floats(allow_nan=False)),
            "certificate_number": st.one_of(
                st.none(), field_text, st.from_regex(r"\d{17}[\dX][1-7][1-4]", fullmatch=True)
            ),
            "health_notes": field_text,
        },
    )
)
def test_profile_put_answers_any_json_with_200_or_422(
    api: TestClient, consenting: dict[str, str], database: Database, body: dict
) -> None:
    response = api.put("/api/v1/me/profile", json=body, headers=consenting)

    assert response.status_code in (200, 422), response.text
    if response.status_code == 422:
        assert_problem(response, 422)
    else:
        assert count(database, SensitiveProfile) == 1


@FEW
@given(size=st.text(max_size=5) | st.sampled_from(["18", "22", "26", "30"]))
def test_text_size_accepts_exactly_the_listed_sizes(client: TestClient, size: str) -> None:
    response = post_form(client, "/preferences/text-size", {"size": size})

    assert response.status_code == (303 if size in {"18", "22", "26", "30"} else 422)


@FEW
@given(code=st.text(max_size=12) | st.sampled_from(["en", "zh-CN", "ZH_cn"]))
def test_language_switch_accepts_exactly_the_supported_languages(client: TestClient, code: str) -> None:
    response = client.get("/preferences/language", params={"lang": code})

    supported = code.strip().replace("_", "-").lower() in ("en", "zh-cn")
    assert response.status_code == (303 if supported else 422)


@FEW
@given(header=st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=80))
def test_any_accept_language_gives_a_page(client: TestClient, header: str) -> None:
    response = client.get("/", headers={"Accept-Language": header})

    assert response.status_code == 200
