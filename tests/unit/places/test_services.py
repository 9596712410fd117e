"""Places as stored: import and re-import, search by distance and attribute, edits with evidence and history."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from barrierfree.core.accounts import User
from barrierfree.core.audit import AuditEntry
from barrierfree.core.errors import NotAuthenticated, PermissionDenied
from barrierfree.core.i18n import use_language
from barrierfree.core.orgs.models import Membership, Organisation, OrgKind, OrgRole
from barrierfree.places import services
from barrierfree.places.errors import InvalidPlacesInput, PlaceNotFound
from barrierfree.places.models import Access, Attribute, Category, EditSource, Place, PlaceAttributeEdit
from barrierfree.places.services import EditInput, NewPlace, SearchQuery
from tests.unit.places.osm_fixture import CINEMA, write_hangzhou

HUBIN = (30.2580, 120.1620)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with use_language("en"):
        yield


@pytest.fixture
def people(session: Session) -> dict[str, User]:
    users = {
        name: User(username=name, display_name=name, password_hash="x") for name in ("walker", "surveyor", "owner")
    }
    session.add_all(users.values())
    federation = Organisation(name="Federation", kind=OrgKind.FEDERATION)
    shop = Organisation(name="Sunshine Shop", kind=OrgKind.MERCHANT)
    session.add_all([federation, shop])
    session.flush()
    session.add_all(
        [
            Membership(organisation_id=federation.id, user_id=users["surveyor"].id, role=OrgRole.CASEWORKER),
            Membership(organisation_id=shop.id, user_id=users["owner"].id, role=OrgRole.OWNER),
        ]
    )
    session.flush()
    return users


def _org(session: Session, name: str) -> Organisation:
    org = session.scalar(select(Organisation).where(Organisation.name == name))
    assert org is not None
    return org


def _by_osm(session: Session, osm_type: str, osm_id: int) -> Place:
    place = session.scalar(select(Place).where(Place.osm_type == osm_type, Place.osm_id == osm_id))
    assert place is not None
    return place


def test_import_counts_and_reimport_is_idempotent(session: Session, tmp_path: Path) -> None:
    path = write_hangzhou(tmp_path)
    first = services.import_osm(session, path)
    assert (first.places_found, first.created, first.updated) == (3, 3, 0)
    assert first.values_recorded == 7

    again = services.import_osm(session, path)

    assert (again.created, again.updated, again.unchanged, again.values_recorded) == (0, 0, 3, 0)
    assert session.scalar(select(func.count()).select_from(Place)) == 3
    actions = list(session.scalars(select(AuditEntry.action).where(AuditEntry.action == "places.import")))
    assert len(actions) == 2


def test_reimport_updates_osm_values_but_keeps_values_people_recorded(
    session: Session, tmp_path: Path, people: dict[str, User]
) -> None:
    services.import_osm(session, write_hangzhou(tmp_path))
    cinema = _by_osm(session, "node", 1)
    survey = EditInput(
        "subtitles", "no", "survey", "Visited on 3 Nov: no subtitled shows.", _org(session, "Federation").id
    )
    services.record_value(session, people["surveyor"], cinema.id, survey)
    changed = {**CINEMA, "subtitles": "limited", "wheelchair": "limited", "name:en": "Hubin Cinema Hall"}
    changed.pop("audio_description")

    counts = services.import_osm(session, write_hangzhou(tmp_path, cinema=changed))

    assert (counts.updated, counts.values_recorded, counts.people_values_kept) == (1, 3, 1)
    session.refresh(cinema)
    assert cinema.subtitles is Access.NO, "the survey stays current"
    assert cinema.wheelchair is Access.LIMITED and cinema.name_en == "Hubin Cinema Hall"
    assert cinema.audio_description is Access.UNKNOWN, "a removed tag makes the OSM value unknown again"
    subtitles = [(e.source, e.value) for e in cinema.edits if e.attribute is Attribute.SUBTITLES]
    assert subtitles == [
        (EditSource.OSM, Access.YES),
        (EditSource.SURVEY, Access.NO),
        (EditSource.OSM, Access.LIMITED),
    ], "nothing is lost"


def _place(session: Session, name: str, lat: float, lon: float, category: Category = Category.SHOP) -> Place:
    return services.add_place(session, NewPlace(name, category, lat, lon))


def test_search_sorts_by_distance_filters_by_attribute_and_keeps_to_the_radius(
    session: Session, people: dict[str, User]
) -> None:
    near = _place(session, "Near", 30.2585, 120.1620)  # about 55 m north
    far = _place(session, "Far", 30.2680, 120.1620, Category.CINEMA)  # about 1.1 km
    _place(session, "Out", 30.3500, 120.1620)  # about 10 km
    services.record_value(
        session, people["walker"], far.id, EditInput("wheelchair", "yes", "user_report", "Ramp seen.")
    )
    services.record_value(
        session, people["walker"], near.id, EditInput("wheelchair", "limited", "user_report", "Step.")
    )

    found = services.search(session, SearchQuery(*HUBIN, radius_m=2000))
    assert [f.place.name for f in found] == ["Near", "Far"]
    assert found[0].distance_m == pytest.approx(55.7, abs=1)
    only_yes = services.parse_filters(["wheelchair=yes"])
    assert [f.place.name for f in services.search(session, SearchQuery(*HUBIN, 2000, only_yes))] == ["Far"]
    either = services.parse_filters(["wheelchair=yes,limited"])
    assert len(services.search(session, SearchQuery(*HUBIN, 2000, either))) == 2
    cinemas = services.search(session, SearchQuery(*HUBIN, 20_000, category=Category.CINEMA))
    assert [f.place.name for f in cinemas] == ["Far"]
    assert len(services.search(session, SearchQuery(*HUBIN, 50_000, limit=1))) == 1
    unknown_only = services.parse_filters(["hearing_loop=unknown"])
    assert len(services.search(session, SearchQuery(*HUBIN, 50_000, unknown_only))) == 3


def test_search_across_the_antimeridian(session: Session) -> None:
    _place(session, "East", -17.0, 179.999)
    _place(session, "West", -17.0, -179.999)

    found = services.search(session, SearchQuery(-17.0, 179.9995, radius_m=1000))

    assert sorted(f.place.name for f in found) == ["East", "West"]


@given(
    st.floats(-89.0, 89.0),
    st.floats(-180.0, 180.0),
    st.floats(1.0, 50_000.0),
    st.floats(0.0, 2 * math.pi),
    st.floats(0.0, 0.999),
)
def test_the_bounding_box_holds_every_point_within_the_radius(
    lat: float, lon: float, radius: float, bearing: float, fraction: float
) -> None:
    distance = radius * fraction
    angular = distance / services.EARTH_RADIUS_M
    phi1, lambda1 = math.radians(lat), math.radians(lon)
    phi2 = math.asin(math.sin(phi1) * math.cos(angular) + math.cos(phi1) * math.sin(angular) * math.cos(bearing))
    lambda2 = lambda1 + math.atan2(
        math.sin(bearing) * math.sin(angular) * math.cos(phi1), math.cos(angular) - math.sin(phi1) * math.sin(phi2)
    )
    lat2, lon2 = math.degrees(phi2), (math.degrees(lambda2) + 540) % 360 - 180
    box = services.bounding_box(lat, lon, radius)

    assert services.haversine_m(lat, lon, lat2, lon2) == pytest.approx(distance, abs=1e-3)
    assert box.min_lat <= lat2 <= box.max_lat
    assert not box.lon_ranges or any(west <= lon2 <= east for west, east in box.lon_ranges)


@given(st.text(max_size=40))
def test_parse_point_accepts_only_positions(text: str) -> None:
    try:
        lat, lon = services.parse_point(text)
    except InvalidPlacesInput as error:
        assert error.field == "near" and error.message
    else:
        assert -90 <= lat <= 90 and -180 <= lon <= 180


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: services.parse_point("30.25"), "latitude,longitude"),
        (lambda: services.parse_point("north,east"), "is not a position"),
        (lambda: services.parse_point("30,200"), "longitude must be"),
        (lambda: services.parse_point("nan,120"), "latitude must be"),
        (lambda: services.parse_filters(["wheelchairs=yes"]), "no attribute “wheelchairs”"),
        (lambda: services.parse_filters(["wheelchair=maybe"]), "“maybe” is not a value"),
        (lambda: services.parse_filters(["wheelchair"]), "attribute=value"),
        (lambda: services.check_radius(0), "from 1 to 50000 metres"),
        (lambda: services.check_radius(50_001), "from 1 to 50000 metres"),
        (lambda: services.check_limit(201), "1 to 200"),
        (lambda: services.parse_category("zoo"), "no category “zoo”"),
    ],
)
def test_bad_input_is_named(call: object, words: str) -> None:
    with pytest.raises(InvalidPlacesInput, match=words):
        call()  # type: ignore[operator]


def test_edits_need_evidence_a_login_and_the_role_their_source_claims(
    session: Session, people: dict[str, User]
) -> None:
    shop = services.add_place(
        session,
        NewPlace("Sunshine Shop", Category.SHOP, 30.28, 120.14, organisation_id=_org(session, "Sunshine Shop").id),
    )
    federation = _org(session, "Federation").id
    with pytest.raises(NotAuthenticated):
        services.record_value(session, None, shop.id, EditInput("wheelchair", "yes", "user_report", "Saw a ramp."))
    for evidence in ("", "ramp", "x" * 501):
        with pytest.raises(InvalidPlacesInput, match="5 to 500 characters"):
            services.record_value(
                session, people["walker"], shop.id, EditInput("wheelchair", "yes", "user_report", evidence)
            )
    with pytest.raises(InvalidPlacesInput, match="OpenStreetMap values come only from an import"):
        services.record_value(session, people["walker"], shop.id, EditInput("wheelchair", "yes", "osm", "From a map."))
    with pytest.raises(PermissionDenied):
        services.record_value(
            session, people["walker"], shop.id, EditInput("wheelchair", "yes", "survey", "Surveyed it.", federation)
        )
    with pytest.raises(PermissionDenied):
        services.record_value(
            session, people["surveyor"], shop.id, EditInput("wheelchair", "yes", "owner", "It is mine.")
        )
    with pytest.raises(PlaceNotFound):
        services.record_value(
            session, people["walker"], 999_999, EditInput("wheelchair", "yes", "user_report", "Saw a ramp.")
        )
    assert services.edit_options(session, people["walker"], shop).sources == (EditSource.USER_REPORT,)
    assert services.edit_options(session, people["owner"], shop).sources == (EditSource.USER_REPORT, EditSource.OWNER)
    assert services.edit_options(session, people["surveyor"], shop).sources == (
        EditSource.USER_REPORT,
        EditSource.SURVEY,
    )
    assert session.scalar(select(func.count()).select_from(PlaceAttributeEdit)) == 0


def test_the_most_trusted_source_is_current_and_every_edit_is_kept_and_audited(
    session: Session, people: dict[str, User]
) -> None:
    shop = services.add_place(
        session,
        NewPlace("Sunshine Shop", Category.SHOP, 30.28, 120.14, organisation_id=_org(session, "Sunshine Shop").id),
    )
    federation = _org(session, "Federation").id
    walker, surveyor, owner = people["walker"], people["surveyor"], people["owner"]

    services.record_value(
        session, walker, shop.id, EditInput("wheelchair", "no", "user_report", "Two steps at the door.")
    )
    assert shop.wheelchair is Access.NO
    services.record_value(
        session, surveyor, shop.id, EditInput("wheelchair", "limited", "survey", "Ramp on request.", federation)
    )
    assert shop.wheelchair is Access.LIMITED
    services.record_value(
        session, walker, shop.id, EditInput("wheelchair", "no", "user_report", "The ramp was missing.")
    )
    assert shop.wheelchair is Access.LIMITED, "a report does not overrule a survey"
    services.record_value(session, owner, shop.id, EditInput("wheelchair", "yes", "owner", "A fixed ramp since May."))
    assert shop.wheelchair is Access.YES, "a newer confirmation of the same rank wins"

    assert [e.value for e in services.history(shop)] == [Access.YES, Access.NO, Access.LIMITED, Access.NO]
    current = services.current_edit(shop, Attribute.WHEELCHAIR)
    assert current is not None and current.source is EditSource.OWNER
    assert current.organisation_id == shop.organisation_id
    details = [
        e.detail for e in session.scalars(select(AuditEntry).where(AuditEntry.action == "places.attribute.edit"))
    ]
    assert [(d["value"], d["was"], d["now"]) for d in details] == [
        ("no", "unknown", "no"),
        ("limited", "no", "limited"),
        ("no", "limited", "limited"),
        ("yes", "limited", "yes"),
    ]


def test_names_fall_back_to_the_name_on_the_sign(session: Session) -> None:
    place = services.add_place(session, NewPlace("Kino", Category.CINEMA, 49.4, 8.7, name_en="Cinema"))
    assert services.display_name(place, "en") == "Cinema"
    assert services.display_name(place, "zh-CN") == "Kino"


def test_a_new_place_typed_in_the_form_names_every_wrong_field_at_once() -> None:
    text = services.NewPlaceText(name="  ", category="", position="30.25", name_en="x" * 201)

    with pytest.raises(InvalidPlacesInput) as raised:
        services.read_new_place(text)

    fields = [field for field, _message in raised.value.problems()]
    assert fields == ["position", "category", "name", "name_en"]
    messages = dict(raised.value.problems())
    assert "latitude,longitude" in messages["position"] and "kind of place" in messages["category"]


def test_a_new_place_typed_correctly_is_read_tidied() -> None:
    text = services.NewPlaceText(name=" Hubin  Toilets ", category="toilets", position="30.2585，120.1625")

    new = services.read_new_place(text)

    assert (new.name, new.category, new.lat, new.lon) == ("Hubin Toilets", Category.TOILETS, 30.2585, 120.1625)
