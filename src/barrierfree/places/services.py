"""Places as stored: the OSM import, search by attribute and distance, and edits with evidence.

Which value a place shows: every value ever recorded is kept (``PlaceAttributeEdit``); the current one is the latest
of the most trusted source present. A survey or the owner's confirmation outranks a user's report, which outranks
OpenStreetMap, so a re-import updates OSM values but never overwrites a value people recorded with evidence.

Who may record what (``core/orgs/roles.py``): any signed-in user reports a value (source ``user_report``); owners,
managers and caseworkers of a federation or non-profit record a survey for it (``places.survey``); owners and managers of the
organisation that runs a place confirm as its owner (``places.owner.confirm``). Every edit is audited; who made it
is never shown publicly, only the source and the organisation.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from barrierfree.core.accounts import User
from barrierfree.core.accounts.services import actor_for
from barrierfree.core.audit import Actor, record
from barrierfree.core.errors import NotAuthenticated, ProblemList
from barrierfree.core.i18n import _
from barrierfree.core.orgs import Organisation, OrgKind, Permission, allowed, authorize, memberships_of
from barrierfree.places._osm import OsmPlace, read_places
from barrierfree.places.errors import InvalidPlacesInput, PlaceNotFound
from barrierfree.places.models import (
    Access,
    Attribute,
    Category,
    EditSource,
    Place,
    PlaceAttributeEdit,
    PlaceSource,
)

EARTH_RADIUS_M = 6_371_008.8
"""Mean earth radius (IUGG), for the haversine distance."""
METRES_PER_DEGREE_LAT = 111_320.0
MIN_RADIUS_M = 1
MAX_RADIUS_M = 50_000
DEFAULT_RADIUS_M = 1_000
MAX_RESULTS = 200
DEFAULT_RESULTS = 50
MAX_CANDIDATES = 5_000
"""Rows read from the bounding box, nearest first by a flat-earth estimate, before the exact distance is taken."""
MIN_EVIDENCE_CHARS = 5
MAX_EVIDENCE_CHARS = 500
MAX_FILTERS = len(Attribute)
SOURCE_RANK: dict[EditSource, int] = {
    EditSource.OSM: 0,
    EditSource.USER_REPORT: 1,
    EditSource.SURVEY: 2,
    EditSource.OWNER: 2,
}
"""How much a source is trusted: the current value is the latest edit of the highest rank present."""
SURVEY_KINDS = frozenset({OrgKind.FEDERATION, OrgKind.NGO})
"""Organisations whose surveys count as such: federations and non-profits visit places; a shop confirms its own."""
PEOPLE_SOURCES = (EditSource.USER_REPORT, EditSource.SURVEY, EditSource.OWNER)
OSM_ACTOR = "OpenStreetMap import"
MAX_ROW_ID = 2**31 - 1


# --- parsing what people type ---------------------------------------------------------------------------------


def check_point(lat: float, lon: float, field: str = "near") -> tuple[float, float]:
    """A latitude (-90 to 90) and longitude (-180 to 180) in degrees, or InvalidPlacesInput naming the bad one
    (``field`` is the form field the point came from)."""
    if not (isinstance(lat, int | float) and math.isfinite(lat) and -90 <= lat <= 90):
        raise InvalidPlacesInput(
            _("The latitude must be a number from -90 to 90 degrees, not {value}.").format(value=str(lat)[:30]),
            field=field,
        )
    if not (isinstance(lon, int | float) and math.isfinite(lon) and -180 <= lon <= 180):
        raise InvalidPlacesInput(
            _("The longitude must be a number from -180 to 180 degrees, not {value}.").format(value=str(lon)[:30]),
            field=field,
        )
    return float(lat), float(lon)


def parse_point(text: str, field: str = "near") -> tuple[float, float]:
    """``"30.2590,120.1520"`` (latitude first, comma or space between) to degrees, or a clear error naming
    ``field``."""
    parts = text.replace("，", ",").replace(",", " ").split()
    if len(parts) != 2:
        raise InvalidPlacesInput(
            _("Write the position as latitude,longitude in degrees, such as 30.2590,120.1520."), field=field
        )
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        raise InvalidPlacesInput(
            _("“{text}” is not a position: write latitude,longitude in degrees, such as 30.2590,120.1520.").format(
                text=text.strip()[:40]
            ),
            field=field,
        ) from None
    return check_point(lat, lon, field)


def check_radius(radius_m: float) -> float:
    """A search radius from 1 m to 50 km."""
    if not (math.isfinite(radius_m) and MIN_RADIUS_M <= radius_m <= MAX_RADIUS_M):
        raise InvalidPlacesInput(
            _("The radius must be from {low} to {high} metres.").format(low=MIN_RADIUS_M, high=MAX_RADIUS_M),
            field="radius",
        )
    return float(radius_m)


def check_limit(limit: int) -> int:
    """How many results: 1 to 200."""
    if not 1 <= limit <= MAX_RESULTS:
        raise InvalidPlacesInput(
            _("Ask for 1 to {high} results.").format(high=MAX_RESULTS),
            field="limit",
        )
    return limit


def parse_attribute(name: str) -> Attribute:
    """An attribute by its code (``wheelchair``), or an error listing the codes there are."""
    try:
        return Attribute(name.strip().lower())
    except ValueError:
        raise InvalidPlacesInput(
            _("There is no attribute “{name}”. Choose one of: {names}.").format(
                name=name.strip()[:40], names=", ".join(a.value for a in Attribute)
            ),
            field="attribute",
        ) from None


def parse_access(value: str) -> Access:
    """A value by its code: yes, limited, no or unknown."""
    try:
        return Access(value.strip().lower())
    except ValueError:
        raise InvalidPlacesInput(
            _("“{value}” is not a value. Choose one of: {values}.").format(
                value=value.strip()[:40], values=", ".join(a.value for a in Access)
            ),
            field="value",
        ) from None


def parse_category(name: str) -> Category:
    """A category by its code (``cinema``), or an error listing the codes there are."""
    try:
        return Category(name.strip().lower())
    except ValueError:
        raise InvalidPlacesInput(
            _("There is no category “{name}”. Choose one of: {names}.").format(
                name=name.strip()[:40], names=", ".join(c.value for c in Category)
            ),
            field="category",
        ) from None


def parse_filter(text: str) -> tuple[Attribute, frozenset[Access]]:
    """``wheelchair=yes`` or ``wheelchair=yes,limited``: the attribute and the values a place may have."""
    name, sep, values = text.partition("=")
    if not sep or not values.strip():
        raise InvalidPlacesInput(
            _(
                "Write a filter as attribute=value, such as wheelchair=yes or wheelchair=yes,limited; not “{text}”."
            ).format(text=text.strip()[:40]),
            field="has",
        )
    attribute = parse_attribute(name)
    return attribute, frozenset(parse_access(value) for value in values.split(",") if value.strip())


def parse_filters(texts: Iterable[str]) -> dict[Attribute, frozenset[Access]]:
    """Several filters; two for the same attribute must both hold, so their values are intersected."""
    filters: dict[Attribute, frozenset[Access]] = {}
    for count, text in enumerate(texts, start=1):
        if count > MAX_FILTERS * 2:
            raise InvalidPlacesInput(_("Too many filters: give at most one per attribute."), field="has")
        attribute, values = parse_filter(text)
        filters[attribute] = filters.get(attribute, values) & values
    return filters


# --- distance and search --------------------------------------------------------------------------------------


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class Box:
    """A bounding box around a circle: latitudes, and one or two longitude ranges (two across the antimeridian);
    no longitude range at all when the circle reaches a pole."""

    min_lat: float
    max_lat: float
    lon_ranges: tuple[tuple[float, float], ...]


def bounding_box(lat: float, lon: float, radius_m: float) -> Box:
    """A box that holds every point within ``radius_m`` of the centre (a little more, never less)."""
    d_lat = radius_m / METRES_PER_DEGREE_LAT * 1.01
    min_lat, max_lat = max(-90.0, lat - d_lat), min(90.0, lat + d_lat)
    widest = max(abs(min_lat), abs(max_lat))
    if widest >= 89.9:
        return Box(min_lat, max_lat, ())
    d_lon = radius_m / (METRES_PER_DEGREE_LAT * math.cos(math.radians(widest))) * 1.01
    if d_lon >= 180:
        return Box(min_lat, max_lat, ())
    west, east = lon - d_lon, lon + d_lon
    if west < -180:
        return Box(min_lat, max_lat, ((west + 360, 180.0), (-180.0, east)))
    if east > 180:
        return Box(min_lat, max_lat, ((west, 180.0), (-180.0, east - 360)))
    return Box(min_lat, max_lat, ((west, east),))


@dataclass(frozen=True)
class SearchQuery:
    """Where to look, how far, which values each filtered attribute may have, and how many results."""

    lat: float
    lon: float
    radius_m: float = DEFAULT_RADIUS_M
    filters: dict[Attribute, frozenset[Access]] = field(default_factory=dict)
    category: Category | None = None
    limit: int = DEFAULT_RESULTS


@dataclass(frozen=True)
class Found:
    """A place and how far it is from the search centre."""

    place: Place
    distance_m: float


def search(session: Session, query: SearchQuery) -> list[Found]:
    """Places within the radius whose attributes match the filters, nearest first (at most ``limit``).

    A bounding box in SQL (on the ``lat, lon`` index) narrows the rows, then the exact haversine distance decides.
    """
    lat, lon = check_point(query.lat, query.lon)
    radius = check_radius(query.radius_m)
    limit = check_limit(query.limit)
    box = bounding_box(lat, lon, radius)
    conditions = [Place.lat >= box.min_lat, Place.lat <= box.max_lat]
    if box.lon_ranges:
        conditions.append(or_(*(and_(Place.lon >= west, Place.lon <= east) for west, east in box.lon_ranges)))
    for attribute, values in query.filters.items():
        conditions.append(getattr(Place, attribute.value).in_(sorted(values)))
    if query.category is not None:
        conditions.append(Place.category == query.category)
    scale = math.cos(math.radians(lat))
    flat = (Place.lat - lat) * (Place.lat - lat) + (Place.lon - lon) * (Place.lon - lon) * scale * scale
    rows = session.scalars(select(Place).where(*conditions).order_by(flat, Place.id).limit(MAX_CANDIDATES))
    found = [Found(place, haversine_m(lat, lon, place.lat, place.lon)) for place in rows]
    within = sorted((f for f in found if f.distance_m <= radius), key=lambda f: (f.distance_m, f.place.id))
    return within[:limit]


def get_place(session: Session, place_id: int) -> Place:
    """One place by id."""
    place = session.get(Place, place_id) if 0 < place_id <= MAX_ROW_ID else None
    if place is None:
        raise PlaceNotFound(_("There is no place {id}.").format(id=place_id))
    return place


def display_name(place: Place, language: str) -> str:
    """The place's name in ``language`` when it has one, else its own name (what the sign says)."""
    own = place.name_zh if language == "zh-CN" else place.name_en
    return own or place.name or place.name_zh or place.name_en


# --- current values and history -------------------------------------------------------------------------------


def current_edit(place: Place, attribute: Attribute) -> PlaceAttributeEdit | None:
    """The edit that gives the attribute its current value: the latest of the most trusted source, if any."""
    edits = [edit for edit in place.edits if edit.attribute == attribute]
    return max(edits, key=lambda edit: (SOURCE_RANK[edit.source], edit.id), default=None)


def history(place: Place) -> list[PlaceAttributeEdit]:
    """Every value recorded for the place, newest first."""
    return sorted(place.edits, key=lambda edit: edit.id, reverse=True)


def organisations_by_id(session: Session, ids: set[int]) -> dict[int, Organisation]:
    """Organisations named in edits (those that still exist)."""
    if not ids:
        return {}
    return {org.id: org for org in session.scalars(select(Organisation).where(Organisation.id.in_(ids)))}


@dataclass(frozen=True)
class EditOptions:
    """What a user may record for a place: the sources open to them and the organisations they survey for."""

    sources: tuple[EditSource, ...]
    survey_organisations: tuple[Organisation, ...]


def edit_options(session: Session, user: User | None, place: Place) -> EditOptions:
    """The sources a user may choose on the place's edit form (none for anonymous visitors)."""
    if user is None:
        return EditOptions((), ())
    surveying = tuple(
        m.organisation
        for m in memberships_of(session, user)
        if m.organisation.kind in SURVEY_KINDS and allowed(session, user, Permission.PLACES_SURVEY, m.organisation_id)
    )
    sources = [EditSource.USER_REPORT]
    if surveying:
        sources.append(EditSource.SURVEY)
    if place.organisation_id is not None and allowed(
        session, user, Permission.PLACES_OWNER_CONFIRM, place.organisation_id
    ):
        sources.append(EditSource.OWNER)
    return EditOptions(tuple(sources), surveying)


def _check_evidence(evidence: str) -> str:
    text = " ".join(evidence.split())
    if not MIN_EVIDENCE_CHARS <= len(text) <= MAX_EVIDENCE_CHARS:
        raise InvalidPlacesInput(
            _(
                "Say how you know in {low} to {high} characters (what you saw, a photo's description, a phone call)."
            ).format(low=MIN_EVIDENCE_CHARS, high=MAX_EVIDENCE_CHARS),
            field="evidence",
        )
    return text


def _parse_source(source: str | EditSource) -> EditSource:
    try:
        parsed = EditSource(str(source).strip().lower())
    except ValueError:
        parsed = EditSource.OSM
    if parsed not in PEOPLE_SOURCES:
        raise InvalidPlacesInput(
            _("Choose the source: {sources}. OpenStreetMap values come only from an import.").format(
                sources=", ".join(s.value for s in PEOPLE_SOURCES)
            ),
            field="source",
        )
    return parsed


@dataclass(frozen=True)
class EditInput:
    """One value someone records for one attribute, with where it comes from and how they know."""

    attribute: str
    value: str
    source: str
    evidence: str
    organisation_id: int | None = None


def record_value(
    session: Session, user: User | None, place_id: int, edit: EditInput, *, ip: str | None = None
) -> PlaceAttributeEdit:
    """Record a value with its evidence; the place shows it when no more trusted source says otherwise."""
    if user is None:
        raise NotAuthenticated(_("Log in to continue."))
    place = get_place(session, place_id)
    problems = ProblemList()
    attribute = problems.check(lambda: parse_attribute(edit.attribute))
    value = problems.check(lambda: parse_access(edit.value))
    source = problems.check(lambda: _parse_source(edit.source))
    evidence = problems.check(lambda: _check_evidence(edit.evidence))
    problems.raise_any()
    assert attribute is not None and value is not None and source is not None and evidence is not None
    organisation_id: int | None = None
    if source is EditSource.SURVEY:
        if edit.organisation_id is None:
            raise InvalidPlacesInput(_("Choose the organisation the survey was made for."), field="organisation_id")
        authorize(session, user, Permission.PLACES_SURVEY, edit.organisation_id)
        surveyor = session.get(Organisation, edit.organisation_id)
        if surveyor is None or surveyor.kind not in SURVEY_KINDS:
            raise InvalidPlacesInput(
                _("Surveys are recorded for a disabled persons' federation or a non-profit organisation."),
                field="organisation_id",
            )
        organisation_id = edit.organisation_id
    elif source is EditSource.OWNER:
        if place.organisation_id is None:
            raise InvalidPlacesInput(
                _("No organisation runs this place on the platform: report what you know as a user."), field="source"
            )
        authorize(session, user, Permission.PLACES_OWNER_CONFIRM, place.organisation_id)
        organisation_id = place.organisation_id
    before = place.value(attribute)
    row = PlaceAttributeEdit(
        attribute=attribute,
        value=value,
        source=source,
        evidence=evidence,
        user_id=user.id,
        organisation_id=organisation_id,
    )
    place.edits.append(row)
    session.flush()
    winner = current_edit(place, attribute)
    setattr(place, attribute.value, winner.value if winner else Access.UNKNOWN)
    record(
        session,
        actor_for(user, ip),
        "places.attribute.edit",
        organisation_id=organisation_id,
        detail={
            "place": place.id,
            "attribute": attribute.value,
            "value": value.value,
            "source": source.value,
            "was": before.value,
            "now": place.value(attribute).value,
        },
    )
    session.flush()
    return row


# --- adding places and importing OSM --------------------------------------------------------------------------


@dataclass(frozen=True)
class NewPlace:
    """A place added by hand (demo data, a federation's own list)."""

    name: str
    category: Category
    lat: float
    lon: float
    name_zh: str = ""
    name_en: str = ""
    address: str = ""
    organisation_id: int | None = None


def add_place(session: Session, new: NewPlace) -> Place:
    """Store a place added by hand; its attributes start unknown until someone records them with evidence."""
    lat, lon = check_point(new.lat, new.lon)
    name = " ".join(new.name.split())[:200]
    if not name:
        raise InvalidPlacesInput(_("Give the place a name."), field="name")
    place = Place(
        source=PlaceSource.MANUAL,
        name=name,
        name_zh=new.name_zh.strip()[:200],
        name_en=new.name_en.strip()[:200],
        category=new.category,
        lat=lat,
        lon=lon,
        address=new.address.strip()[:300],
        organisation_id=new.organisation_id,
    )
    session.add(place)
    session.flush()
    return place


MAX_NAME_CHARS = 200
MAX_ADDRESS_CHARS = 300
DUPLICATE_RADIUS_M = 50.0
"""A place added by hand with the same name as one listed this close is refused as a duplicate."""


def adding_organisations(session: Session, user: User | None) -> tuple[Organisation, ...]:
    """Organisations a user may add places for: federations and non-profits they survey for, and organisations
    whose own places they confirm (then the organisation runs the new place)."""
    if user is None:
        return ()
    return tuple(
        m.organisation
        for m in memberships_of(session, user)
        if (m.organisation.kind in SURVEY_KINDS and allowed(session, user, Permission.PLACES_SURVEY, m.organisation_id))
        or allowed(session, user, Permission.PLACES_OWNER_CONFIRM, m.organisation_id)
    )


def _checked_text(value: str, limit: int, field_name: str, what: str) -> str:
    text = " ".join(value.split())
    if len(text) > limit:
        raise InvalidPlacesInput(
            _("{what} can be at most {limit} characters; it has {count}.").format(
                what=what, limit=limit, count=len(text)
            ),
            field=field_name,
        )
    return text


def _checked_name(value: str) -> str:
    name = _checked_text(value, MAX_NAME_CHARS, "name", _("The name"))
    if not name:
        raise InvalidPlacesInput(_("Give the place a name."), field="name")
    return name


def _checked_new_place(new: NewPlace) -> NewPlace:
    """The new place with its texts tidied, or an error naming every field that is wrong."""
    problems = ProblemList()
    problems.check(lambda: check_point(new.lat, new.lon, "position"))
    name = problems.check(lambda: _checked_name(new.name))
    name_zh = problems.check(lambda: _checked_text(new.name_zh, MAX_NAME_CHARS, "name_zh", _("The Chinese name")))
    name_en = problems.check(lambda: _checked_text(new.name_en, MAX_NAME_CHARS, "name_en", _("The English name")))
    address = problems.check(lambda: _checked_text(new.address, MAX_ADDRESS_CHARS, "address", _("The address")))
    problems.raise_any()
    return replace(new, name=name or "", name_zh=name_zh or "", name_en=name_en or "", address=address or "")


@dataclass(frozen=True)
class NewPlaceText:
    """A new place as someone typed it in the form: the position as "latitude,longitude", the category's code."""

    name: str
    category: str
    position: str
    name_zh: str = ""
    name_en: str = ""
    address: str = ""


def read_new_place(text: NewPlaceText) -> NewPlace:
    """The new place the form describes, or an error naming every field that is wrong (all in one pass)."""
    problems = ProblemList()
    point = problems.check(lambda: parse_point(text.position, "position"))
    category = problems.check(lambda: _chosen_category(text.category))
    lat, lon = point or (0.0, 0.0)
    draft = NewPlace(text.name, category or Category.OTHER, lat, lon, text.name_zh, text.name_en, text.address)
    checked = problems.check(lambda: _checked_new_place(draft))
    problems.raise_any()
    return checked or draft


def _chosen_category(code: str) -> Category:
    if not code.strip():
        raise InvalidPlacesInput(_("Choose what kind of place it is."), field="category")
    return parse_category(code)


def _refuse_duplicate(session: Session, new: NewPlace) -> None:
    """A place already listed nearby under one of the new place's names is where values belong."""
    names = {text.casefold() for text in (new.name, new.name_zh, new.name_en) if text}
    nearby = search(session, SearchQuery(new.lat, new.lon, DUPLICATE_RADIUS_M, limit=MAX_RESULTS))
    for found in nearby:
        known = {text.casefold() for text in (found.place.name, found.place.name_zh, found.place.name_en) if text}
        if names & known:
            raise InvalidPlacesInput(
                _(
                    "{name} is already listed {distance} m away (place {id}). Record what you know on that place "
                    "instead of adding it again."
                ).format(name=found.place.name, distance=round(found.distance_m), id=found.place.id),
                field="name",
            )


def add_place_as_member(
    session: Session,
    user: User | None,
    new: NewPlace,
    added_for: int | None,
    *,
    runs_it: bool = False,
    ip: str | None = None,
) -> Place:
    """A place added by a federation's or non-profit's surveyor, or by the organisation that runs it (``runs_it``).

    Its attributes start unknown: values come afterwards, each with its evidence. Audited.
    """
    if user is None:
        raise NotAuthenticated(_("Log in to continue."))
    organisation = session.get(Organisation, added_for) if added_for is not None else None
    if organisation is None:
        raise InvalidPlacesInput(_("Choose the organisation you add the place for."), field="organisation_id")
    if runs_it:
        authorize(session, user, Permission.PLACES_OWNER_CONFIRM, added_for)
    else:
        authorize(session, user, Permission.PLACES_SURVEY, added_for)
        if organisation.kind not in SURVEY_KINDS:
            raise InvalidPlacesInput(
                _(
                    "Places are added for a disabled persons' federation or a non-profit organisation, or by the "
                    "organisation that runs them (tick the box)."
                ),
                field="organisation_id",
            )
    run_by = organisation.id if runs_it else None
    return _store_new_place(session, actor_for(user, ip), replace(new, organisation_id=run_by), organisation.id)


def add_place_as_operator(session: Session, new: NewPlace) -> Place:
    """A place added at the command line by the platform's operator (same checks, audited as the operator)."""
    if new.organisation_id is not None and session.get(Organisation, new.organisation_id) is None:
        raise InvalidPlacesInput(
            _("No organisation has the id {id}.").format(id=new.organisation_id), field="organisation_id"
        )
    return _store_new_place(session, Actor.system("operator"), new, new.organisation_id)


def _store_new_place(session: Session, actor: Actor, new: NewPlace, audit_organisation: int | None) -> Place:
    checked = _checked_new_place(new)
    _refuse_duplicate(session, checked)
    place = add_place(session, checked)
    record(
        session,
        actor,
        "places.place.add",
        organisation_id=audit_organisation,
        detail={
            "place": place.id,
            "name": place.name,
            "category": place.category.value,
            "lat": place.lat,
            "lon": place.lon,
            "run_by": place.organisation_id,
        },
    )
    session.flush()
    return place


@dataclass
class ImportCounts:
    """What an import did."""

    objects_read: int = 0
    places_found: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    values_recorded: int = 0
    """OSM values that were new or changed, each kept as an edit."""
    people_values_kept: int = 0
    """OSM values that differ from a value people recorded with evidence, which stays current."""

    def as_dict(self) -> dict[str, int]:
        """The counts by name, for JSON."""
        return dict(self.__dict__)


def _apply_feature(place: Place, found: OsmPlace) -> bool:
    changed = False
    values = {
        "name": found.feature.name,
        "name_zh": found.feature.name_zh,
        "name_en": found.feature.name_en,
        "category": found.feature.category,
        "address": found.feature.address,
        "lat": round(found.lat, 7),
        "lon": round(found.lon, 7),
    }
    for key, value in values.items():
        if getattr(place, key) != value:
            setattr(place, key, value)
            changed = True
    return changed


def import_osm(
    session: Session,
    path: Path,
    *,
    on_progress: Callable[[int], None] | None = None,
    actor: Actor | None = None,
) -> ImportCounts:
    """Import (or re-import) the places of an OSM file, nodes and ways.

    New places are created; known ones (same OSM type and id) get their names, category, position and OSM values
    updated. Each new or changed OSM value is kept as an edit. A value people recorded (survey, owner, report)
    stays current. Places missing from the file are kept: an extract may cover only part of a city.
    """
    counts = ImportCounts()
    known = {
        (place.osm_type, place.osm_id): place
        for place in session.scalars(select(Place).where(Place.source == PlaceSource.OSM))
    }
    last_osm: dict[tuple[int, Attribute], Access] = {}
    for place_id, attribute, value in session.execute(
        select(PlaceAttributeEdit.place_id, PlaceAttributeEdit.attribute, PlaceAttributeEdit.value)
        .where(PlaceAttributeEdit.source == EditSource.OSM)
        .order_by(PlaceAttributeEdit.id)
    ):
        last_osm[(place_id, attribute)] = value
    by_people = {
        (place_id, attribute)
        for place_id, attribute in session.execute(
            select(PlaceAttributeEdit.place_id, PlaceAttributeEdit.attribute)
            .where(PlaceAttributeEdit.source != EditSource.OSM)
            .distinct()
        )
    }
    seen: set[tuple[str, int]] = set()

    def progress(read: int) -> None:
        counts.objects_read = read
        if on_progress is not None:
            on_progress(read)

    for found in read_places(path, progress):
        key = (found.osm_type, found.osm_id)
        if key in seen:
            continue
        seen.add(key)
        counts.places_found += 1
        place = known.get(key)
        osm_values = {attribute: pair for attribute, pair in found.feature.attributes.items()}
        if place is None:
            place = Place(source=PlaceSource.OSM, osm_type=found.osm_type, osm_id=found.osm_id)
            _apply_feature(place, found)
            for attribute, (value, tag) in osm_values.items():
                setattr(place, attribute.value, value)
                place.edits.append(_osm_edit(found, attribute, value, tag))
                counts.values_recorded += 1
            session.add(place)
            counts.created += 1
            continue
        changed = _apply_feature(place, found)
        for attribute in Attribute:
            value, tag = osm_values.get(attribute, (Access.UNKNOWN, ""))
            before = last_osm.get((place.id, attribute), Access.UNKNOWN)
            if value == before:
                continue
            session.add(_osm_edit(found, attribute, value, tag, place_id=place.id))
            counts.values_recorded += 1
            changed = True
            if (place.id, attribute) in by_people:
                counts.people_values_kept += 1
            else:
                setattr(place, attribute.value, value)
        if changed:
            counts.updated += 1
        else:
            counts.unchanged += 1
    session.flush()
    record(session, actor or Actor.system(OSM_ACTOR), "places.import", detail={"file": path.name, **counts.as_dict()})
    return counts


def _osm_edit(
    found: OsmPlace, attribute: Attribute, value: Access, tag: str, *, place_id: int | None = None
) -> PlaceAttributeEdit:
    evidence = f"OSM {found.osm_type}/{found.osm_id}: {tag or 'tag removed'}"[:MAX_EVIDENCE_CHARS]
    edit = PlaceAttributeEdit(attribute=attribute, value=value, source=EditSource.OSM, evidence=evidence)
    if place_id is not None:
        edit.place_id = place_id
    return edit
