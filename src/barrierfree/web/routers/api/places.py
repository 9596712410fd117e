"""JSON API of accessible places: search by distance and attribute and read a place with its history (open to
everyone), and record a value with its evidence (a bearer token; the sources a role allows)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query
from pydantic import Field
from sqlalchemy.orm import Session

from barrierfree import places
from barrierfree.core.accounts import User
from barrierfree.core.i18n import current_language, parse_language
from barrierfree.places.services import (
    DEFAULT_RADIUS_M,
    DEFAULT_RESULTS,
    MAX_ADDRESS_CHARS,
    MAX_EVIDENCE_CHARS,
    MAX_NAME_CHARS,
    organisations_by_id,
    parse_category,
)
from barrierfree.web.deps import MAX_ID, NO_NUL, RowId, api_user, client_ip, db_session
from barrierfree.web.routers.api.schemas import Strict
from barrierfree.web.routers.api.v1 import ERRORS
from barrierfree.web.routers.places import route_link

router = APIRouter(prefix="/api/v1/places", tags=["places"], responses=ERRORS)
LANGUAGE = r"^(zh-CN|en)$"


class PlaceValueIn(Strict):
    attribute: str = Field(max_length=40, description="wheelchair, accessible_toilet, hearing_loop, ...")
    value: str = Field(max_length=20, description="yes, limited, no or unknown")
    source: str = Field(default="user_report", max_length=20, description="user_report, survey or owner")
    evidence: str = Field(min_length=1, max_length=MAX_EVIDENCE_CHARS * 2, description="how you know (5-500 chars)")
    organisation_id: int | None = Field(default=None, ge=1, le=MAX_ID, description="the surveying organisation")


class NewPlaceIn(Strict):
    name: str = Field(min_length=1, max_length=MAX_NAME_CHARS * 2, description="as written at the place")
    category: str = Field(max_length=40, description="cinema, shop, service_point, toilets, ...")
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    name_zh: str = Field(default="", max_length=MAX_NAME_CHARS * 2)
    name_en: str = Field(default="", max_length=MAX_NAME_CHARS * 2)
    address: str = Field(default="", max_length=MAX_ADDRESS_CHARS * 2)
    organisation_id: int = Field(ge=1, le=MAX_ID, description="the organisation the place is added for")
    runs_it: bool = Field(default=False, description="that organisation runs the place")


def _summary(place: places.Place, language: str) -> dict[str, Any]:
    return {
        "id": place.id,
        "name": places.display_name(place, language),
        "names": {"name": place.name, "zh-CN": place.name_zh, "en": place.name_en},
        "category": place.category.value,
        "lat": place.lat,
        "lon": place.lon,
        "address": place.address,
        "osm": f"{place.osm_type}/{place.osm_id}" if place.osm_type else None,
        "attributes": {attribute.value: place.value(attribute).value for attribute in places.Attribute},
        "route": route_link(place, language),
    }


def _detail(session: Session, place: places.Place, language: str) -> dict[str, Any]:
    edits = places.history(place)
    names = {
        k: v.name
        for k, v in organisations_by_id(session, {e.organisation_id for e in edits if e.organisation_id}).items()
    }

    def edit_document(edit: places.PlaceAttributeEdit) -> dict[str, Any]:
        return {
            "attribute": edit.attribute.value,
            "value": edit.value.value,
            "source": edit.source.value,
            "organisation": names.get(edit.organisation_id) if edit.organisation_id else None,
            "evidence": edit.evidence,
            "at": edit.created_at.isoformat(),
        }

    current = {a.value: places.current_edit(place, a) for a in places.Attribute}
    return {
        **_summary(place, language),
        "sources": {key: (edit_document(edit) if edit else None) for key, edit in current.items()},
        "history": [edit_document(edit) for edit in edits],
    }


@router.get("")
def search(
    lat: float = Query(..., ge=-90, le=90, description="latitude of the centre, degrees"),
    lon: float = Query(..., ge=-180, le=180, description="longitude of the centre, degrees"),
    radius: float = Query(DEFAULT_RADIUS_M, ge=places.MIN_RADIUS_M, le=places.MAX_RADIUS_M, description="metres"),
    has: list[str] = Query([], max_length=14, description="attribute=value[,value], such as wheelchair=yes"),
    category: str | None = Query(None, max_length=40, pattern=NO_NUL),
    limit: int = Query(DEFAULT_RESULTS, ge=1, le=places.MAX_RESULTS),
    lang: str | None = Query(None, pattern=LANGUAGE),
    session: Session = Depends(db_session, scope="function"),
) -> dict[str, Any]:
    """Places within ``radius`` metres of the centre whose attributes match every filter, nearest first."""
    language = parse_language(lang) if lang else current_language()
    query = places.SearchQuery(
        lat,
        lon,
        radius_m=radius,
        filters=places.parse_filters(item[:80] for item in has),
        category=parse_category(category) if category else None,
        limit=limit,
    )
    found = places.search(session, query)
    return {
        "count": len(found),
        "places": [{**_summary(f.place, language), "distance_m": round(f.distance_m, 1)} for f in found],
    }


@router.get("/{place_id}")
def get_place(
    place_id: RowId,
    lang: str | None = Query(None, pattern=LANGUAGE),
    session: Session = Depends(db_session, scope="function"),
) -> dict[str, Any]:
    """One place: its attributes, the source and evidence of each current value, and every value recorded."""
    language = parse_language(lang) if lang else current_language()
    return _detail(session, places.get_place(session, place_id), language)


@router.post("/{place_id}/values", status_code=201)
def record_value(
    place_id: RowId,
    body: PlaceValueIn,
    request_ip: str = Depends(client_ip),
    user: User = Depends(api_user),
    session: Session = Depends(db_session, scope="function"),
) -> dict[str, Any]:
    """Record one attribute's value with evidence (5-500 characters); answers with the place as it now stands."""
    edit = places.EditInput(body.attribute, body.value, body.source, body.evidence, body.organisation_id)
    places.record_value(session, user, place_id, edit, ip=request_ip)
    place = places.get_place(session, place_id)
    return _detail(session, place, current_language())


@router.post("", status_code=201)
def add_place(
    body: NewPlaceIn,
    request_ip: str = Depends(client_ip),
    user: User = Depends(api_user),
    session: Session = Depends(db_session, scope="function"),
) -> dict[str, Any]:
    """Add a place that is missing (a surveyor for a federation or non-profit, or the organisation that runs it);
    its values start unknown. Answers with the place."""
    new = places.NewPlace(
        name=body.name,
        category=parse_category(body.category),
        lat=body.lat,
        lon=body.lon,
        name_zh=body.name_zh,
        name_en=body.name_en,
        address=body.address,
    )
    place = places.add_place_as_member(session, user, new, body.organisation_id, runs_it=body.runs_it, ip=request_ip)
    return _detail(session, place, current_language())
