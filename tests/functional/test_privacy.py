"""HTTP tests of privacy: separate consent, the sensitive profile, logged reads, export and account deletion."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from barrierfree.core.accounts import ApiToken, User, UserSession
from barrierfree.core.audit import AuditEntry
from barrierfree.core.db import Database
from barrierfree.core.orgs import Membership, Organisation
from barrierfree.core.privacy import Consent, ConsentPurpose, SensitiveProfile
from tests.functional.helpers import (
    CERTIFICATE,
    ID_NUMBER,
    PASSWORD,
    Factory,
    assert_problem,
    audit_count,
    bearer,
    count,
    field_error,
    login,
    post_form,
)

NOTES = "uses a wheelchair; needs a step-free entrance"


@dataclass
class Sharing:
    """A client who shares a profile with an organisation, and one of its caseworkers."""

    client: User
    caseworker: User
    org: Organisation
    client_token: str
    caseworker_token: str


@pytest.fixture
def sharing(factory: Factory) -> Sharing:
    owner = factory.user("owner.user")
    org = factory.org("Harbour NGO", owner=owner)
    caseworker = factory.user("case.worker")
    factory.member(org, caseworker, "caseworker")
    client = factory.user("chen.jing", display_name="Chen Jing")
    factory.profile(client, share_with=org, notes=NOTES)
    return Sharing(client, caseworker, org, factory.token(client), factory.token(caseworker))


def give_storage_consent(client: TestClient) -> None:
    response = post_form(
        client, "/account/privacy/consent", {"purpose": "sensitive_profile", "agree": "yes"}, page="/account/privacy"
    )
    assert response.status_code == 303, response.text


def test_privacy_page_asks_for_consent_before_any_profile(client: TestClient, factory: Factory) -> None:
    factory.user("li.ming")
    login(client, "li.ming")

    page = client.get("/account/privacy")

    assert page.status_code == 200
    assert 'name="agree"' in page.text
    assert 'name="disability_category"' not in page.text


def test_profile_save_needs_consent(client: TestClient, factory: Factory, database: Database) -> None:
    factory.user("li.ming")
    login(client, "li.ming")

    response = post_form(
        client,
        "/account/privacy/profile",
        {"disability_category": "visual", "disability_level": "1", "health_notes": NOTES},
        page="/account/privacy",
    )

    assert response.status_code in (403, 422)
    assert 'role="alert"' in response.text
    assert count(database, SensitiveProfile) == 0
    assert audit_count(database, "sensitive.written") == 0


def test_consent_needs_the_box_ticked(client: TestClient, factory: Factory, database: Database) -> None:
    factory.user("li.ming")
    login(client, "li.ming")

    response = post_form(client, "/account/privacy/consent", {"purpose": "sensitive_profile"}, page="/account/privacy")

    assert response.status_code == 422
    assert field_error(response.text, "agree_storage")
    assert count(database, Consent) == 0


@pytest.mark.parametrize(
    ("form", "field"),
    [
        ({"purpose": "marketing", "agree": "yes"}, "purpose"),
        ({"purpose": "share_with_organisation", "agree": "yes", "organisation_id": "abc"}, "organisation_id"),
        ({"purpose": "share_with_organisation", "agree": "yes", "organisation_id": "99999"}, "organisation_id"),
        ({"purpose": "share_with_organisation", "agree": "yes", "organisation_id": ""}, "organisation_id"),
    ],
)
def test_consent_refuses_bad_choices(
    client: TestClient, factory: Factory, database: Database, form: dict[str, str], field: str
) -> None:
    factory.user("li.ming")
    factory.org("Harbour NGO", owner=factory.user("owner.user"))
    login(client, "li.ming")
    give_storage_consent(client)

    response = post_form(client, "/account/privacy/consent", form, page="/account/privacy")

    assert response.status_code == 422
    assert 'role="alert"' in response.text
    assert field == "purpose" or field_error(response.text, field), f"no error tied to {field}"
    assert count(database, Consent) == 1


def test_consent_then_profile_then_withdrawal_through_the_pages(
    client: TestClient, factory: Factory, database: Database
) -> None:
    user = factory.user("li.ming")
    org = factory.org("Harbour NGO", owner=factory.user("owner.user"))
    login(client, "li.ming")

    give_storage_consent(client)
    assert (
        count(database, Consent, Consent.purpose == ConsentPurpose.SENSITIVE_PROFILE, Consent.user_id == user.id) == 1
    )
    assert audit_count(database, "consent.given", subject_user_id=user.id) == 1

    saved = post_form(
        client,
        "/account/privacy/profile",
        {
            "disability_category": "physical",
            "disability_level": "2",
            "certificate_number": CERTIFICATE.lower(),
            "health_notes": NOTES,
        },
        page="/account/privacy",
    )
    assert saved.status_code == 303
    assert audit_count(database, "sensitive.written", subject_user_id=user.id) == 1
    page = client.get("/account/privacy")
    assert NOTES in page.text
    assert CERTIFICATE in page.text, "the certificate number is stored upper-case"

    shared = post_form(
        client,
        "/account/privacy/consent",
        {"purpose": "share_with_organisation", "organisation_id": str(org.id), "agree": "yes"},
        page="/account/privacy",
    )
    assert shared.status_code == 303
    assert count(database, Consent, Consent.organisation_id == org.id, Consent.withdrawn_at.is_(None)) == 1

    withdrawn = post_form(
        client, "/account/privacy/withdraw", {"purpose": "sensitive_profile"}, page="/account/privacy"
    )
    assert withdrawn.status_code == 303
    assert count(database, SensitiveProfile) == 0
    assert count(database, Consent, Consent.withdrawn_at.is_(None)) == 0, "withdrawing storage ends all sharing"
    assert count(database, Consent) == 2, "consent records are kept, marked withdrawn"
    assert audit_count(database, "sensitive.deleted", subject_user_id=user.id) == 1
    assert NOTES not in client.get("/account/privacy").text


@pytest.mark.parametrize(
    ("form", "field"),
    [
        ({"disability_category": "telepathic", "disability_level": "2"}, "disability_category"),
        ({"disability_category": "", "disability_level": "2"}, "disability_category"),
        ({"disability_category": "visual", "disability_level": "5"}, "disability_level"),
        ({"disability_category": "visual", "disability_level": "zero"}, "disability_level"),
        ({"disability_category": "visual", "disability_level": "-1"}, "disability_level"),
        (
            {"disability_category": "visual", "disability_level": "1", "certificate_number": "12345"},
            "certificate_number",
        ),
        (
            {"disability_category": "visual", "disability_level": "1", "certificate_number": CERTIFICATE},
            "certificate_number",
        ),
        ({"disability_category": "visual", "disability_level": "1", "health_notes": "n" * 2001}, "health_notes"),
    ],
)
def test_profile_refuses_each_bad_field(
    client: TestClient, factory: Factory, database: Database, form: dict[str, str], field: str
) -> None:
    factory.user("li.ming")
    login(client, "li.ming")
    give_storage_consent(client)

    response = post_form(client, "/account/privacy/profile", form, page="/account/privacy")

    assert response.status_code == 422
    assert field_error(response.text, field), f"no error tied to {field}"
    assert count(database, SensitiveProfile) == 0


def test_withdrawing_a_consent_that_is_not_there_is_refused(client: TestClient, factory: Factory) -> None:
    factory.user("li.ming")
    login(client, "li.ming")

    response = post_form(client, "/account/privacy/withdraw", {"purpose": "sensitive_profile"}, page="/account/privacy")

    assert response.status_code in (404, 422)
    assert 'role="alert"' in response.text


def test_consent_flow_through_the_api(api: TestClient, factory: Factory, database: Database) -> None:
    user = factory.user("li.ming")
    org = factory.org("Harbour NGO", owner=factory.user("owner.user"))
    auth = bearer(factory.token(user))
    profile = {"disability_category": "hearing", "disability_level": 3, "health_notes": NOTES}

    refused = api.put("/api/v1/me/profile", json=profile, headers=auth)
    assert assert_problem(refused, 403)["type"] == "/problems/consent-required"
    early_share = api.post(
        "/api/v1/me/consents", json={"purpose": "share_with_organisation", "organisation_id": org.id}, headers=auth
    )
    assert_problem(early_share, 403)
    assert count(database, SensitiveProfile) == 0

    given = api.post("/api/v1/me/consents", json={"purpose": "sensitive_profile"}, headers=auth)
    assert given.status_code == 201
    assert given.json()["purpose"] == "sensitive_profile"
    assert given.json()["withdrawn_at"] is None
    again = api.post("/api/v1/me/consents", json={"purpose": "sensitive_profile"}, headers=auth)
    assert again.json()["id"] == given.json()["id"], "giving an active consent again is idempotent"

    stored = api.put("/api/v1/me/profile", json=profile, headers=auth)
    assert stored.status_code == 200
    assert stored.json()["disability_category"] == "hearing"
    assert api.get("/api/v1/me/profile", headers=auth).json()["health_notes"] == NOTES

    shared = api.post(
        "/api/v1/me/consents", json={"purpose": "share_with_organisation", "organisation_id": org.id}, headers=auth
    )
    assert shared.status_code == 201
    unknown_org = api.post(
        "/api/v1/me/consents", json={"purpose": "share_with_organisation", "organisation_id": 999999}, headers=auth
    )
    assert_problem(unknown_org, 422)
    stop = api.delete(f"/api/v1/me/consents/share_with_organisation?organisation_id={org.id}", headers=auth)
    assert stop.status_code == 204
    assert count(database, SensitiveProfile) == 1, "ending one share keeps the profile"

    withdrawn = api.delete("/api/v1/me/consents/sensitive_profile", headers=auth)
    assert withdrawn.status_code == 204
    assert_problem(api.get("/api/v1/me/profile", headers=auth), 404)
    assert_problem(api.delete("/api/v1/me/consents/sensitive_profile", headers=auth), 404)
    consents = api.get("/api/v1/me/consents", headers=auth).json()
    assert {c["purpose"] for c in consents} == {"sensitive_profile", "share_with_organisation"}
    assert all(c["withdrawn_at"] is not None for c in consents)
    assert count(database, SensitiveProfile) == 0


READ_PATHS = ("own privacy page", "own API profile", "page export", "API export", "caseworker page", "caseworker API")


@pytest.mark.parametrize("read", READ_PATHS)
def test_every_read_of_sensitive_data_is_audited(
    sharing: Sharing, browser: Callable[[], TestClient], database: Database, read: str
) -> None:
    reader = sharing.caseworker if read.startswith("caseworker") else sharing.client
    web = browser()
    if read in ("own privacy page", "page export", "caseworker page"):
        login(web, reader.username)
    before = audit_count(database, "sensitive.read")
    client_id, org_id = sharing.client.id, sharing.org.id

    if read == "own privacy page":
        response = web.get("/account/privacy")
    elif read == "own API profile":
        response = web.get("/api/v1/me/profile", headers=bearer(sharing.client_token))
    elif read == "page export":
        response = web.get("/account/privacy/export")
    elif read == "API export":
        response = web.get("/api/v1/me/export", headers=bearer(sharing.client_token))
    elif read == "caseworker page":
        response = web.get(f"/orgs/{org_id}/clients/{client_id}")
    else:
        response = web.get(
            f"/api/v1/organisations/{org_id}/clients/{client_id}/profile", headers=bearer(sharing.caseworker_token)
        )

    assert response.status_code == 200
    assert NOTES in response.text
    assert audit_count(database, "sensitive.read") == before + 1
    assert audit_count(database, "sensitive.read", actor_id=reader.id, subject_user_id=client_id) == 1
    if read.startswith("caseworker"):
        assert audit_count(database, "sensitive.read", organisation_id=org_id) == 1


def test_the_person_sees_who_read_their_data(sharing: Sharing, browser: Callable[[], TestClient]) -> None:
    caseworker = browser()
    login(caseworker, "case.worker")
    caseworker.get(f"/orgs/{sharing.org.id}/clients/{sharing.client.id}")
    person = browser()
    login(person, "chen.jing")

    page = person.get("/account/access-log")
    api_log = person.get("/api/v1/me/access-log", headers=bearer(sharing.client_token)).json()

    assert page.status_code == 200
    assert "case.worker" in page.text
    reads = [entry for entry in api_log if entry["action"] == "sensitive.read"]
    assert [entry["actor"] for entry in reads] == ["case.worker"]
    assert reads[0]["organisation_id"] == sharing.org.id


def test_caseworker_lists_only_people_who_share(sharing: Sharing, factory: Factory, client: TestClient) -> None:
    factory.member(sharing.org, factory.user("not.sharing"), "member")
    login(client, "case.worker")

    page = client.get(f"/orgs/{sharing.org.id}/clients")

    assert page.status_code == 200
    assert f"/orgs/{sharing.org.id}/clients/{sharing.client.id}" in page.text
    assert "not.sharing" not in page.text
    assert NOTES not in page.text, "the list shows names only; opening a profile is the logged read"


def test_a_stopped_share_ends_caseworker_access(sharing: Sharing, browser: Callable[[], TestClient]) -> None:
    person = browser()
    login(person, "chen.jing")
    stop = post_form(
        person,
        "/account/privacy/withdraw",
        {"purpose": "share_with_organisation", "organisation_id": str(sharing.org.id)},
        page="/account/privacy",
    )
    assert stop.status_code == 303
    caseworker = browser()
    login(caseworker, "case.worker")

    page = caseworker.get(f"/orgs/{sharing.org.id}/clients/{sharing.client.id}")
    api = caseworker.get(
        f"/api/v1/organisations/{sharing.org.id}/clients/{sharing.client.id}/profile",
        headers=bearer(sharing.caseworker_token),
    )

    assert page.status_code == 404
    assert NOTES not in page.text
    assert_problem(api, 404)


def test_export_contains_everything(sharing: Sharing, client: TestClient, api: TestClient, database: Database) -> None:
    login(client, "chen.jing")

    response = client.get("/account/privacy/export")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["content-disposition"] == 'attachment; filename="barrierfree-chen.jing.json"'
    data = json.loads(response.text)
    assert data["format"] == "barrierfree-export/1"
    assert data["account"]["username"] == "chen.jing"
    assert data["account"]["display_name"] == "Chen Jing"
    assert data["sensitive_profile"]["health_notes"] == NOTES
    assert data["sensitive_profile"]["certificate_number"] == CERTIFICATE
    assert {c["purpose"] for c in data["consents"]} == {"sensitive_profile", "share_with_organisation"}
    assert [t["prefix"] for t in data["api_tokens"]] == [sharing.client_token[:8]]
    assert sharing.client_token not in response.text, "an export never contains a usable token"
    actions = {entry["action"] for entry in data["audit_log"]}
    assert {"account.created", "consent.given", "sensitive.written"} <= actions
    assert audit_count(database, "account.exported", subject_user_id=sharing.client.id) == 1
    assert ID_NUMBER in response.text

    from_api = api.get("/api/v1/me/export", headers=bearer(sharing.client_token)).json()
    assert from_api.keys() == data.keys()
    assert from_api["sensitive_profile"] == data["sensitive_profile"]


def test_export_of_a_member_lists_memberships(sharing: Sharing, client: TestClient) -> None:
    login(client, "case.worker")

    data = client.get("/account/privacy/export").json()

    assert data["memberships"] == [{"organisation": "Harbour NGO", "role": "caseworker"}]
    assert data["sensitive_profile"] is None


def test_account_delete_needs_the_password(sharing: Sharing, client: TestClient, database: Database) -> None:
    login(client, "chen.jing")

    response = post_form(client, "/account/delete", {"password": "not my password"}, page="/account/delete")

    assert response.status_code == 422
    assert field_error(response.text, "password")
    assert count(database, User, User.id == sharing.client.id) == 1
    assert client.get("/account").status_code == 200


def test_account_delete_removes_the_person_and_keeps_the_audit_log(
    sharing: Sharing, client: TestClient, api: TestClient, database: Database, browser: Callable[[], TestClient]
) -> None:
    person_id = sharing.client.id
    login(client, "chen.jing")
    entries_before = count(database, AuditEntry, AuditEntry.subject_user_id == person_id)

    response = post_form(client, "/account/delete", {"password": PASSWORD}, page="/account/delete")

    assert response.status_code == 303
    assert response.headers["location"] == "/"
    assert "bf_session" not in client.cookies
    assert count(database, User, User.id == person_id) == 0
    for model in (SensitiveProfile, Consent, ApiToken, UserSession, Membership):
        assert count(database, model, model.user_id == person_id) == 0, model.__name__
    assert count(database, AuditEntry, AuditEntry.subject_user_id == person_id) == entries_before + 1
    assert audit_count(database, "account.deleted", subject_user_id=person_id) == 1
    assert api.get("/api/v1/me", headers=bearer(sharing.client_token)).status_code == 401
    relogin = post_form(browser(), "/login", {"username": "chen.jing", "password": PASSWORD}, page="/login")
    assert relogin.status_code == 401
    caseworker = browser()
    login(caseworker, "case.worker")
    assert caseworker.get(f"/orgs/{sharing.org.id}/clients/{person_id}").status_code == 404


def test_the_only_owner_of_an_organisation_cannot_delete_the_account(
    client: TestClient, factory: Factory, database: Database
) -> None:
    owner = factory.user("sole.owner")
    factory.org("Lone Federation", owner=owner)
    users_before = count(database, User)
    login(client, "sole.owner")

    response = post_form(client, "/account/delete", {"password": PASSWORD}, page="/account/delete")

    assert response.status_code == 409
    assert "Lone Federation" in (field_error(response.text, "password") or "")
    assert count(database, User) == users_before


def test_the_api_deletes_the_account_with_the_password(api: TestClient, factory: Factory, database: Database) -> None:
    person = factory.user("api.leaver")
    raw = factory.token(person)
    headers = bearer(raw)

    refused = api.post("/api/v1/me/deletion", json={"password": "wrong-password"}, headers=headers)
    accepted = api.post("/api/v1/me/deletion", json={"password": PASSWORD}, headers=headers)

    assert refused.status_code == 422
    assert accepted.status_code == 204
    assert count(database, User) == 0
    assert audit_count(database, "account.deleted") == 1
