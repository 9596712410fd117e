"""HTTP tests of the organisation and administration pages: registering, members and roles, the audit log."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from barrierfree.core.accounts import User
from barrierfree.core.db import Database
from barrierfree.core.orgs import Membership, Organisation, OrgRole
from tests.functional.helpers import Factory, audit_count, count, field_error, login, post_form


def roles_in(database: Database, organisation_id: int) -> dict[str, OrgRole]:
    with database.sessions() as fresh:
        rows = fresh.execute(
            select(User.username, Membership.role).join(Membership).where(Membership.organisation_id == organisation_id)
        )
        return dict(rows.all())


def test_admin_registers_an_organisation_through_the_page(
    client: TestClient, factory: Factory, database: Database
) -> None:
    factory.admin()
    factory.user("owner.user")
    login(client, "root.admin")

    response = post_form(
        client,
        "/admin/organisations",
        {"name": "Sunrise Federation", "kind": "federation", "owner": "owner.user"},
        page="/admin/organisations",
    )

    assert response.status_code == 303
    assert response.headers["location"] == "/admin/organisations"
    listing = client.get("/admin/organisations")
    assert "Sunrise Federation" in listing.text
    with database.sessions() as fresh:
        org = fresh.scalars(select(Organisation)).one()
    assert roles_in(database, org.id) == {"owner.user": OrgRole.OWNER}
    assert audit_count(database, "org.created") == 1


@pytest.mark.parametrize(
    ("form", "field"),
    [
        ({"name": "", "kind": "ngo", "owner": "owner.user"}, "name"),
        ({"name": "n" * 121, "kind": "ngo", "owner": "owner.user"}, "name"),
        ({"name": "Harbour NGO", "kind": "ngo", "owner": "owner.user"}, "name"),
        ({"name": "New NGO", "kind": "club", "owner": "owner.user"}, "kind"),
        ({"name": "New NGO", "kind": "ngo", "owner": "nobody.here"}, "owner"),
    ],
)
def test_organisation_form_ties_each_error_to_its_field(
    client: TestClient, factory: Factory, database: Database, form: dict[str, str], field: str
) -> None:
    factory.org("Harbour NGO", owner=factory.user("owner.user"))
    login(client, "root.admin")

    response = post_form(client, "/admin/organisations", form, page="/admin/organisations")

    assert response.status_code == 422
    assert field_error(response.text, field), f"no error tied to {field}"
    assert count(database, Organisation) == 1


def test_owner_adds_changes_and_removes_a_member(client: TestClient, factory: Factory, database: Database) -> None:
    owner = factory.user("owner.user")
    org = factory.org("Harbour NGO", owner=owner)
    factory.user("new.person")
    login(client, "owner.user")
    page = f"/orgs/{org.id}"

    added = post_form(client, f"{page}/members", {"username": "new.person", "role": "caseworker"}, page=page)
    assert added.status_code == 303
    assert added.headers["location"] == page
    assert roles_in(database, org.id)["new.person"] is OrgRole.CASEWORKER
    assert "new.person" in client.get(page).text

    promoted = post_form(client, f"{page}/members", {"username": "new.person", "role": "owner"}, page=page)
    assert promoted.status_code == 303
    assert roles_in(database, org.id)["new.person"] is OrgRole.OWNER

    removed = post_form(client, f"{page}/members/remove", {"username": "new.person"}, page=page)
    assert removed.status_code == 303
    assert roles_in(database, org.id) == {"owner.user": OrgRole.OWNER}
    assert audit_count(database, "org.member_removed", organisation_id=org.id) == 1


@pytest.mark.parametrize(
    ("path", "form", "field"),
    [
        ("members", {"username": "nobody.here", "role": "member"}, "username"),
        ("members", {"username": "new.person", "role": "boss"}, "role"),
        ("members", {"username": "owner.user", "role": "member"}, "username"),
    ],
)
def test_member_form_errors_are_tied_to_fields(
    client: TestClient, factory: Factory, database: Database, path: str, form: dict[str, str], field: str
) -> None:
    org = factory.org("Harbour NGO", owner=factory.user("owner.user"))
    factory.user("new.person")
    login(client, "owner.user")

    response = post_form(client, f"/orgs/{org.id}/{path}", form, page=f"/orgs/{org.id}")

    assert response.status_code == 422
    assert field_error(response.text, field), f"no error tied to {field}"
    assert roles_in(database, org.id) == {"owner.user": OrgRole.OWNER}


def test_the_last_owner_cannot_be_removed(client: TestClient, factory: Factory, database: Database) -> None:
    org = factory.org("Harbour NGO", owner=factory.user("owner.user"))
    login(client, "owner.user")

    response = post_form(client, f"/orgs/{org.id}/members/remove", {"username": "owner.user"}, page=f"/orgs/{org.id}")

    assert response.status_code == 409  # a conflict, as the API answers
    assert 'role="alert"' in response.text
    assert roles_in(database, org.id) == {"owner.user": OrgRole.OWNER}


def test_a_manager_cannot_appoint_an_owner(client: TestClient, factory: Factory, database: Database) -> None:
    org = factory.org("Harbour NGO", owner=factory.user("owner.user"))
    factory.member(org, factory.user("manager.user"), "manager")
    factory.user("new.person")
    login(client, "manager.user")

    response = post_form(
        client, f"/orgs/{org.id}/members", {"username": "new.person", "role": "owner"}, page=f"/orgs/{org.id}"
    )

    assert response.status_code == 403
    assert "new.person" not in roles_in(database, org.id)


def test_admin_audit_page_filters_by_action(client: TestClient, factory: Factory) -> None:
    factory.org("Harbour NGO", owner=factory.user("owner.user"))
    login(client, "root.admin")

    everything = client.get("/admin/audit")
    created = client.get("/admin/audit?action=org.created")
    nothing = client.get("/admin/audit?action=no.such.action")

    assert everything.status_code == created.status_code == nothing.status_code == 200
    assert "owner.user" in everything.text
    assert created.text.count("<tr") > nothing.text.count("<tr")
    # No header row without data rows (ACT d0f69e): an empty result is a sentence, not an empty table.
    assert "<table" not in nothing.text
    assert "没有符合此筛选条件的记录。" in nothing.text


def test_admin_users_page_lists_accounts(client: TestClient, factory: Factory) -> None:
    factory.user("li.ming", display_name="Li Ming")
    factory.admin()
    login(client, "root.admin")

    page = client.get("/admin")

    assert page.status_code == 200
    assert "li.ming" in page.text
    assert "root.admin" in page.text
