"""HTTP tests of accessible places: the search page, a place's page and its edit form, and the JSON API."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from barrierfree.core.db import Database
from barrierfree.places import Access, Attribute, Category, NewPlace, Place, PlaceAttributeEdit, add_place
from barrierfree.places.services import EditInput, record_value
from tests.functional.helpers import Factory, assert_problem, audit_count, bearer, count, field_error, login, post_form

HUBIN = "30.2580,120.1620"


@pytest.fixture
def cinema(factory: Factory, session: Session) -> Place:
    place = add_place(
        session, NewPlace("湖滨影院", Category.CINEMA, 30.2566, 120.1648, name_zh="湖滨影院", name_en="Hubin Cinema")
    )
    reporter = factory.user("first.reporter")
    record_value(session, reporter, place.id, EditInput("subtitles", "yes", "user_report", "Subtitled shows daily."))
    add_place(session, NewPlace("湖畔面馆", Category.RESTAURANT, 30.2552, 120.1655, name_en="Lakeside Noodles"))
    add_place(session, NewPlace("Far away", Category.SHOP, 30.40, 120.30))
    session.commit()
    return place


def test_the_search_page_lists_nearby_places_with_every_attribute_in_words(client: TestClient, cinema: Place) -> None:
    client.cookies.set("bf_lang", "en")
    page = client.get("/places", params={"near": HUBIN, "radius": "1000"})

    assert page.status_code == 200
    assert "Places found: 2" in page.text
    assert page.text.index("Hubin Cinema") < page.text.index("Lakeside Noodles"), "nearest first"
    assert "Far away" not in page.text
    assert "not known" in page.text and "<dd>no</dd>" not in page.text, "unknown is never shown as no"
    assert "310 m away" in page.text
    route = next(part for part in page.text.split('"') if part.startswith("/routing?"))
    query = parse_qs(urlparse(route.replace("&amp;", "&")).query)
    assert query == {"to": ["30.256600,120.164800"], "to_name": ["Hubin Cinema"]}


def test_filters_a_starting_point_and_chinese_names(client: TestClient, cinema: Place) -> None:
    page = client.get("/places", params={"start": "hubin", "radius": "2000", "subtitles": "yes"})

    assert page.status_code == 200 and page.text.count('class="place"') == 1
    assert "湖滨影院" in page.text and 'lang="zh-CN"' in page.text
    assert "/routing?to=30.256600%2C120.164800&amp;to_name=%E6%B9%96%E6%BB%A8" in page.text


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"near": "30.25"}, "near", "latitude,longitude"),
        ({"near": "91,120"}, "near", "latitude must be"),
        ({"near": HUBIN, "radius": "99999"}, "radius", "1 to 50000 metres"),
        ({"near": HUBIN, "radius": "far"}, "radius", "from the list"),
        ({"near": HUBIN, "category": "zoo"}, "category", "no category"),
    ],
)
def test_bad_search_input_is_named_beside_its_field(
    client: TestClient, params: dict[str, str], field: str, words: str
) -> None:
    client.cookies.set("bf_lang", "en")
    page = client.get("/places", params=params)

    assert page.status_code == 422
    message = field_error(page.text, field)
    assert message is not None and words in message
    assert "Traceback" not in page.text


def test_a_place_page_explains_each_value_and_anonymous_visitors_are_asked_to_log_in(
    client: TestClient, cinema: Place
) -> None:
    client.cookies.set("bf_lang", "en")
    page = client.get(f"/places/{cinema.id}")

    assert page.status_code == 200
    assert "<h1>Hubin Cinema</h1>" in page.text and "Subtitled shows daily." in page.text
    assert "a user&#39;s report" in page.text or "a user's report" in page.text
    assert "first.reporter" not in page.text, "who reported is not shown publicly"
    assert f"/login?next=/places/{cinema.id}" in page.text
    assert client.get("/places/999999").status_code == 404
    refused = post_form(client, f"/places/{cinema.id}/values", {"attribute": "wheelchair", "value": "yes"})
    assert refused.status_code == 303 and refused.headers["location"].startswith("/login")


def test_a_signed_in_user_records_a_value_with_evidence_and_it_is_kept_and_audited(
    client: TestClient, factory: Factory, database: Database, cinema: Place
) -> None:
    factory.user("wheel.user")
    login(client, "wheel.user")
    client.cookies.set("bf_lang", "en")
    form = {"attribute": "wheelchair", "value": "limited", "source": "user_report", "evidence": "One step, no ramp."}

    saved = post_form(client, f"/places/{cinema.id}/values", form, page=f"/places/{cinema.id}")

    assert saved.status_code == 303 and saved.headers["location"] == f"/places/{cinema.id}"
    page = client.get(f"/places/{cinema.id}")
    assert "One step, no ramp." in page.text and "the value is recorded" in page.text
    with database.sessions() as fresh:
        assert fresh.get_one(Place, cinema.id).wheelchair is Access.LIMITED
    assert audit_count(database, "places.attribute.edit") == 2


@pytest.mark.parametrize(
    ("form", "status", "field"),
    [
        ({"attribute": "wheelchair", "value": "yes", "source": "user_report", "evidence": "ok"}, 422, "evidence"),
        (
            {"attribute": "ramp", "value": "yes", "source": "user_report", "evidence": "Saw it myself."},
            422,
            "attribute",
        ),
        ({"attribute": "wheelchair", "value": "maybe", "source": "user_report", "evidence": "Saw it."}, 422, "value"),
        ({"attribute": "wheelchair", "value": "yes", "source": "osm", "evidence": "From the map."}, 422, "source"),
        ({"attribute": "wheelchair", "value": "yes", "source": "owner", "evidence": "It is mine."}, 422, "source"),
        (
            {"attribute": "ramp", "value": "maybe", "source": "osm", "evidence": "ok"},
            422,
            "attribute value source evidence",
        ),
    ],
)
def test_a_refused_edit_is_explained_on_the_form_and_stores_nothing(
    client: TestClient,
    factory: Factory,
    database: Database,
    cinema: Place,
    form: dict[str, str],
    status: int,
    field: str,
) -> None:
    factory.user("wheel.user")
    login(client, "wheel.user")
    client.cookies.set("bf_lang", "en")

    page = post_form(client, f"/places/{cinema.id}/values", form, page=f"/places/{cinema.id}")

    assert page.status_code == status
    for each in field.split():  # every wrong field is named in the same answer
        assert field_error(page.text, each), each
    assert count(database, PlaceAttributeEdit) == 1


def test_a_caseworker_surveys_for_the_federation_and_others_may_not(
    client: TestClient, factory: Factory, database: Database, cinema: Place
) -> None:
    federation = factory.org("Federation", owner=factory.user("fed.owner"), kind="federation")
    factory.member(federation, factory.user("case.worker"), "caseworker")
    factory.user("plain.user")
    form = {
        "attribute": "hearing_loop",
        "value": "yes",
        "source": "survey",
        "evidence": "Loop tested in hall 2.",
        "organisation_id": str(federation.id),
    }
    login(client, "plain.user")
    page = client.get(f"/places/{cinema.id}")
    assert 'value="survey"' not in page.text
    refused = post_form(client, f"/places/{cinema.id}/values", form)
    assert refused.status_code == 403

    client.cookies.clear()
    login(client, "case.worker")
    assert 'value="survey"' in client.get(f"/places/{cinema.id}").text
    saved = post_form(client, f"/places/{cinema.id}/values", form)
    assert saved.status_code == 303
    with database.sessions() as fresh:
        assert fresh.get_one(Place, cinema.id).hearing_loop is Access.YES


def test_the_api_searches_reads_and_records(api: TestClient, factory: Factory, cinema: Place) -> None:
    found = api.get("/api/v1/places", params={"lat": 30.258, "lon": 120.162, "radius": 1000, "lang": "en"})
    assert found.status_code == 200
    body = found.json()
    assert body["count"] == 2 and body["places"][0]["name"] == "Hubin Cinema"
    assert body["places"][0]["attributes"]["hearing_loop"] == "unknown"
    filtered = api.get(
        "/api/v1/places",
        params=[
            ("lat", "30.258"),
            ("lon", "120.162"),
            ("has", "subtitles=yes"),
            ("has", "wheelchair=yes,limited,no,unknown"),
        ],
    )
    assert [p["id"] for p in filtered.json()["places"]] == [cinema.id]

    detail = api.get(f"/api/v1/places/{cinema.id}").json()
    assert detail["sources"]["subtitles"]["source"] == "user_report" and detail["sources"]["wheelchair"] is None
    token = factory.token(factory.user("api.user"))
    body_in = {"attribute": "audio_description", "value": "yes", "evidence": "Headsets at the desk."}
    recorded = api.post(f"/api/v1/places/{cinema.id}/values", json=body_in, headers=bearer(token))
    assert recorded.status_code == 201 and recorded.json()["attributes"]["audio_description"] == "yes"
    assert len(recorded.json()["history"]) == 2
    assert_problem(api.post(f"/api/v1/places/{cinema.id}/values", json=body_in), 401)


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"lat": 30.2, "lon": 120.1, "has": "ramp=yes"}, 422),
        ({"lat": 30.2, "lon": 120.1, "category": "zoo"}, 422),
        ({"lat": 95, "lon": 120.1}, 422),
        ({"lat": "nan", "lon": 120.1}, 422),
        ({"lat": 30.2, "lon": 120.1, "radius": 0}, 422),
        ({"lat": 30.2, "lon": 120.1, "limit": 201}, 422),
        ({"lon": 120.1}, 422),
    ],
)
def test_the_api_names_bad_search_input(api: TestClient, params: dict[str, object], status: int) -> None:
    assert_problem(api.get("/api/v1/places", params=params), status)


def test_the_api_says_which_attribute_is_unknown(api: TestClient) -> None:
    problem = assert_problem(
        api.get(
            "/api/v1/places", params={"lat": 30.2, "lon": 120.1, "has": "ramp=yes"}, headers={"Accept-Language": "en"}
        ),
        422,
    )
    assert "ramp" in problem["detail"] and Attribute.WHEELCHAIR.value in problem["detail"]
    assert_problem(api.get("/api/v1/places/999999"), 404)


def _new_place_form(added_for: int, **changes: str) -> dict[str, str]:
    form = {
        "name": "邮电路助残服务站",
        "name_zh": "邮电路助残服务站",
        "name_en": "Youdian Road Disability Service Point",
        "category": "service_point",
        "position": "30.2577,120.1640",
        "address": "",
        "organisation_id": str(added_for),
    }
    return {**form, **changes}


def test_a_surveyor_adds_a_missing_place_and_it_is_audited_with_values_unknown(
    client: TestClient, factory: Factory, database: Database
) -> None:
    federation = factory.org("Federation", owner=factory.user("fed.owner"), kind="federation")
    factory.member(federation, factory.user("case.worker"), "caseworker")
    client.cookies.set("bf_lang", "en")
    login(client, "case.worker")
    form_page = client.get("/places/new")
    assert form_page.status_code == 200 and f'value="{federation.id}"' in form_page.text
    before = audit_count(database, "places.place.add")

    added = post_form(client, "/places/new", _new_place_form(federation.id))

    assert added.status_code == 303
    place_page = client.get(added.headers["location"])
    assert "Youdian Road Disability Service Point" in place_page.text and "The place is added" in place_page.text
    with database.sessions() as fresh:
        place = fresh.scalars(select(Place).where(Place.name == "邮电路助残服务站")).one()
        assert place.organisation_id is None  # surveyed for the federation, not run by it
        assert all(place.value(attribute) is Access.UNKNOWN for attribute in Attribute)
    assert audit_count(database, "places.place.add") == before + 1

    again = post_form(client, "/places/new", _new_place_form(federation.id, position="30.25775,120.16405"))
    assert again.status_code == 422
    message = field_error(again.text, "name")
    assert message is not None and "already listed" in message and f"place {place.id}" in message
    assert count(database, Place) == 1  # the duplicate stored nothing


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"name": "  "}, "name", "Give the place a name"),
        ({"name": "x" * 201}, "name", "at most 200 characters"),
        ({"position": "30.25"}, "position", "latitude,longitude"),
        ({"position": "30.25,190"}, "position", "longitude must be"),
        ({"category": "zoo"}, "category", "no category"),
        ({"organisation_id": ""}, "organisation_id", "Choose the organisation"),
    ],
)
def test_bad_new_place_input_is_named_beside_its_field(
    client: TestClient, factory: Factory, database: Database, changes: dict[str, str], field: str, words: str
) -> None:
    federation = factory.org("Federation", owner=factory.user("fed.owner"), kind="federation")
    client.cookies.set("bf_lang", "en")
    login(client, "fed.owner")
    page = post_form(client, "/places/new", _new_place_form(federation.id, **changes))
    assert page.status_code == 422
    message = field_error(page.text, field)
    assert message is not None and words in message, message
    assert count(database, Place) == 0


def test_every_wrong_field_of_a_new_place_is_named_in_one_answer(
    client: TestClient, factory: Factory, database: Database
) -> None:
    federation = factory.org("Federation", owner=factory.user("fed.owner"), kind="federation")
    client.cookies.set("bf_lang", "en")
    login(client, "fed.owner")
    form = _new_place_form(federation.id, name=" ", category="", position="30.25", address="x" * 301)

    page = post_form(client, "/places/new", form)

    assert page.status_code == 422
    for field, words in (
        ("name", "Give the place a name"),
        ("category", "kind of place"),
        ("position", "latitude,longitude"),
        ("address", "at most 300 characters"),
    ):
        message = field_error(page.text, field)
        assert message is not None and words in message, (field, message)
    summary = page.text.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert summary.count("<li>") == 4
    assert count(database, Place) == 0


def test_only_surveyors_and_the_running_organisation_add_places(
    client: TestClient, factory: Factory, database: Database
) -> None:
    employer = factory.org("Tea House", owner=factory.user("shop.owner"), kind="employer")
    factory.user("plain.user")
    client.cookies.set("bf_lang", "en")
    login(client, "plain.user")
    assert "Your account does not have that role" in client.get("/places/new").text
    assert post_form(client, "/places/new", _new_place_form(employer.id)).status_code == 403

    client.cookies.clear()
    client.cookies.set("bf_lang", "en")
    login(client, "shop.owner")
    not_a_surveyor = post_form(client, "/places/new", _new_place_form(employer.id))
    assert not_a_surveyor.status_code == 422 and "tick the box" in (
        field_error(not_a_surveyor.text, "organisation_id") or ""
    )
    runs_it = post_form(client, "/places/new", _new_place_form(employer.id, category="shop", runs_it="yes"))
    assert runs_it.status_code == 303
    with database.sessions() as fresh:
        assert fresh.scalars(select(Place)).one().organisation_id == employer.id


def test_the_api_adds_a_place(api: TestClient, factory: Factory) -> None:
    federation = factory.org("Federation", owner=factory.user("fed.owner"), kind="federation")
    token = factory.token(factory.user_named("fed.owner"))
    body = {
        "name": "Hubin Toilets",
        "category": "toilets",
        "lat": 30.2585,
        "lon": 120.1625,
        "organisation_id": federation.id,
    }
    added = api.post("/api/v1/places", json=body, headers=bearer(token))
    assert added.status_code == 201 and added.json()["attributes"]["accessible_toilet"] == "unknown"
    assert_problem(api.post("/api/v1/places", json=body, headers=bearer(token)), 422)  # the same place again
    assert_problem(api.post("/api/v1/places", json=body), 401)
    stranger = factory.token(factory.user("stranger"))
    assert_problem(api.post("/api/v1/places", json={**body, "name": "Other"}, headers=bearer(stranger)), 403)
    several = assert_problem(
        api.post("/api/v1/places", json={**body, "name": " ", "address": "x" * 301}, headers=bearer(token)), 422
    )
    assert [problem["field"] for problem in several["errors"]] == ["name", "address"]
