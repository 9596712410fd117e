"""Pages of accessible places: search by distance and attribute (open to everyone), a place's values with their
sources and history, and the form on which signed-in users record a value with evidence."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from barrierfree import places
from barrierfree.core.accounts import User
from barrierfree.core.errors import BarrierfreeError
from barrierfree.core.i18n import N_, _, current_language
from barrierfree.places import words
from barrierfree.places.demo import STARTING_POINTS
from barrierfree.places.errors import InvalidPlacesInput
from barrierfree.places.services import check_radius, organisations_by_id, parse_category
from barrierfree.web.csrf import checked_form
from barrierfree.web.deps import RowId, client_ip, current_user, db_session, require_user
from barrierfree.web.notices import redirect_with_notice
from barrierfree.web.templating import render, render_form_error

router = APIRouter(prefix="/places")

RADII_M = (200, 500, 1_000, 2_000, 5_000, 10_000, 50_000)
FILTER_CHOICES = (("", N_("any")), ("yes", N_("yes")), ("yes,limited", N_("yes or limited")))
HISTORY_SHOWN = 100
ROUTING_PAGE = "/routing"


def route_link(place: places.Place, language: str) -> str:
    """The routing page with this place as the destination (``/routing?to=LAT,LON&to_name=NAME``)."""
    query = urlencode({"to": f"{place.lat:.6f},{place.lon:.6f}", "to_name": words.place_title(place, language)})
    return f"{ROUTING_PAGE}?{query}"


def _helpers(language: str) -> dict[str, Any]:
    return {
        "attributes": list(places.Attribute),
        "attribute_name": words.attribute_name,
        "access_word": words.access_word,
        "category_name": words.category_name,
        "source_name": words.source_name,
        "distance_words": words.distance_words,
        "place_name": lambda place: words.place_title(place, language),
        "route_link": lambda place: route_link(place, language),
    }


def _search_context(values: dict[str, str]) -> dict[str, Any]:
    language = current_language()
    return {
        "title": _("Accessible places"),
        "form": values,
        "starts": [(s.key, s.name_zh if language == "zh-CN" else s.name_en) for s in STARTING_POINTS],
        "radii": [(str(r), words.length_words(r)) for r in RADII_M],
        "filter_choices": [(value, _(text)) for value, text in FILTER_CHOICES],
        "categories": [(c.value, words.category_name(c)) for c in places.Category],
        "results": None,
        **_helpers(language),
    }


def _query(values: dict[str, str]) -> places.SearchQuery:
    start = next((s for s in STARTING_POINTS if s.key == values["start"]), None)
    if values["near"].strip():
        lat, lon = places.parse_point(values["near"])
    elif start is not None:
        lat, lon = start.lat, start.lon
    else:
        raise InvalidPlacesInput(_("Enter a position or choose a starting point."), field="near")
    radius_text = values["radius"].strip() or str(places.services.DEFAULT_RADIUS_M)
    if not (radius_text.isascii() and radius_text.isdigit() and len(radius_text) <= 6):
        raise InvalidPlacesInput(_("Choose the distance from the list."), field="radius")
    filters = [f"{a.value}={values[a.value]}" for a in places.Attribute if values.get(a.value)]
    return places.SearchQuery(
        lat,
        lon,
        radius_m=check_radius(int(radius_text)),
        filters=places.parse_filters(filters),
        category=parse_category(values["category"]) if values["category"] else None,
        limit=places.services.DEFAULT_RESULTS,
    )


@router.get("", response_class=HTMLResponse)
def search_page(
    request: Request,
    near: str = Query("", max_length=60),
    start: str = Query("", max_length=40),
    radius: str = Query("", max_length=10),
    category: str = Query("", max_length=40),
    wheelchair: str = Query("", max_length=20),
    accessible_toilet: str = Query("", max_length=20),
    hearing_loop: str = Query("", max_length=20),
    sign_language: str = Query("", max_length=20),
    subtitles: str = Query("", max_length=20),
    audio_description: str = Query("", max_length=20),
    employs_disabled: str = Query("", max_length=20),
    user: User | None = Depends(current_user),
    session: Session = Depends(db_session, scope="function"),
) -> HTMLResponse:
    """The search form; with a position or a starting point, the places nearby that match, nearest first."""
    values = {
        "near": near,
        "start": start,
        "radius": radius or str(places.services.DEFAULT_RADIUS_M),
        "category": category,
        "wheelchair": wheelchair,
        "accessible_toilet": accessible_toilet,
        "hearing_loop": hearing_loop,
        "sign_language": sign_language,
        "subtitles": subtitles,
        "audio_description": audio_description,
        "employs_disabled": employs_disabled,
    }
    context = _search_context(values)
    if not (near.strip() or start):
        return render(request, "places/search.html", context)
    try:
        context["results"] = places.search(session, _query(values))
    except BarrierfreeError as error:
        return render_form_error(request, "places/search.html", context, error)
    return render(request, "places/search.html", context)


def _place_context(
    session: Session, user: User | None, place: places.Place, form: dict[str, str] | None = None
) -> dict[str, Any]:
    language = current_language()
    current = {attribute: places.current_edit(place, attribute) for attribute in places.Attribute}
    shown = places.history(place)[:HISTORY_SHOWN]
    organisation_ids = {e.organisation_id for e in shown if e.organisation_id} | (
        {place.organisation_id} if place.organisation_id else set()
    )
    options = places.edit_options(session, user, place)
    return {
        "title": words.place_title(place, language),
        "place": place,
        "current": current,
        "history": shown,
        "history_total": len(place.edits),
        "organisations": {k: v.name for k, v in organisations_by_id(session, organisation_ids).items()},
        "options": options,
        "attribute_choices": [(a.value, words.attribute_name(a)) for a in places.Attribute],
        "source_choices": [(s.value, words.source_name(s)) for s in options.sources],
        "survey_choices": [(str(o.id), o.name) for o in options.survey_organisations],
        "values": [(a.value, words.access_word(a)) for a in places.Access],
        "form": form or {"attribute": "", "value": "", "source": "user_report", "evidence": "", "organisation_id": ""},
        "min_evidence": places.services.MIN_EVIDENCE_CHARS,
        "max_evidence": places.services.MAX_EVIDENCE_CHARS,
        **_helpers(language),
    }


NEW_PLACE_FIELDS = (
    ("name", places.services.MAX_NAME_CHARS),
    ("name_zh", places.services.MAX_NAME_CHARS),
    ("name_en", places.services.MAX_NAME_CHARS),
    ("category", 40),
    ("position", 60),
    ("address", places.services.MAX_ADDRESS_CHARS),
    ("organisation_id", 12),
    ("runs_it", 3),
)


def _new_place_context(session: Session, user: User, form: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "title": _("Add a place"),
        "organisations": [(str(o.id), o.name) for o in places.adding_organisations(session, user)],
        "categories": [(c.value, words.category_name(c)) for c in places.Category],
        "form": form or {name: "" for name, _limit in NEW_PLACE_FIELDS},
        "max_name": places.services.MAX_NAME_CHARS,
        "max_address": places.services.MAX_ADDRESS_CHARS,
    }


@router.get("/new", response_class=HTMLResponse)
def new_place_page(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> HTMLResponse:
    """The form to add a place that is missing (surveyors of a federation or non-profit, or the place's own
    organisation); who may add is explained to everyone else."""
    return render(request, "places/new.html", _new_place_context(session, user))


@router.post("/new", response_model=None)
async def add_place(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> Response:
    """Add the place; its values start unknown and are recorded afterwards with evidence."""
    form = await checked_form(request)
    values = {name: str(form.get(name, ""))[: limit * 2] for name, limit in NEW_PLACE_FIELDS}
    try:
        organisation = values["organisation_id"].strip()
        new = places.read_new_place(
            places.NewPlaceText(
                name=values["name"],
                category=values["category"],
                position=values["position"],
                name_zh=values["name_zh"],
                name_en=values["name_en"],
                address=values["address"],
            )
        )
        added_for = int(organisation) if organisation.isascii() and organisation.isdigit() else None
        place = places.add_place_as_member(
            session, user, new, added_for, runs_it=values["runs_it"] == "yes", ip=client_ip(request)
        )
    except BarrierfreeError as error:
        return render_form_error(request, "places/new.html", _new_place_context(session, user, values), error)
    return redirect_with_notice(f"/places/{place.id}", "places-place-added")


@router.get("/{place_id}", response_class=HTMLResponse)
def place_page(
    request: Request,
    place_id: RowId,
    user: User | None = Depends(current_user),
    session: Session = Depends(db_session, scope="function"),
) -> HTMLResponse:
    """One place: every attribute with the source and evidence of its value, the history, and the edit form."""
    place = places.get_place(session, place_id)
    return render(request, "places/place.html", _place_context(session, user, place))


@router.post("/{place_id}/values", response_model=None)
async def record_value(
    request: Request,
    place_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> Response:
    """Record one attribute's value with its source and evidence (signed-in users; sources by role)."""
    form = await checked_form(request)
    values = {
        name: str(form.get(name, ""))[:limit]
        for name, limit in (("attribute", 40), ("value", 20), ("source", 20), ("organisation_id", 12))
    }
    values["evidence"] = str(form.get("evidence", ""))[: places.services.MAX_EVIDENCE_CHARS * 2]
    place = places.get_place(session, place_id)
    try:
        organisation = values["organisation_id"].strip()
        edit = places.EditInput(
            values["attribute"],
            values["value"],
            values["source"],
            values["evidence"],
            int(organisation) if organisation.isascii() and organisation.isdigit() else None,
        )
        places.record_value(session, user, place.id, edit, ip=client_ip(request))
    except BarrierfreeError as error:
        return render_form_error(request, "places/place.html", _place_context(session, user, place, values), error)
    return redirect_with_notice(f"/places/{place.id}", "places-value-saved")
