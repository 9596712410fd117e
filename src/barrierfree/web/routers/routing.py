"""Route planner and barrier reports: a text itinerary first, for wheelchair users, blind travellers and everyone."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from barrierfree import routing
from barrierfree.core.accounts import User
from barrierfree.core.errors import BarrierfreeError
from barrierfree.core.i18n import _, current_language
from barrierfree.routing import services
from barrierfree.routing.demo import DEMO_POINTS
from barrierfree.routing.models import BarrierKind, ReportSource
from barrierfree.routing.profiles import Overrides, StepsRule, UnknownData
from barrierfree.routing.wording import distance_words
from barrierfree.web.csrf import checked_form
from barrierfree.web.deps import NO_NUL, client_ip, current_user, db_session, get_settings
from barrierfree.web.notices import redirect_with_notice
from barrierfree.web.templating import render, render_form_error

router = APIRouter(prefix="/routing")

POINT_PATTERN = r"^\s*-?\d{1,3}(\.\d+)?\s*,\s*-?\d{1,3}(\.\d+)?\s*$"
FORM_FIELDS = ("from", "to", "profile", "max_uphill", "max_downhill", "max_kerb", "min_width", "steps", "unknown")


def kind_labels() -> dict[str, str]:
    """Barrier kinds in words."""
    return {
        BarrierKind.ELEVATOR_OUT_OF_SERVICE: _("Elevator out of service"),
        BarrierKind.RAMP_BLOCKED: _("Ramp blocked"),
        BarrierKind.WORKS: _("Works on the footway"),
        BarrierKind.OBSTACLE: _("Obstacle (parked vehicle, rubbish)"),
        BarrierKind.FLOODING: _("Flooding"),
    }


def _point(text: str, field: str) -> tuple[float, float]:
    try:
        lat, lon = (float(part) for part in text.split(","))
    except ValueError:
        raise routing.InvalidRoutingInput(
            _("Write the point as latitude,longitude, for example 30.2590,120.1620."), field=field
        ) from None
    return lat, lon


def _number(values: dict[str, str], name: str) -> float | None:
    text = values.get(name, "").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise routing.InvalidRoutingInput(_("Write a number, for example 6 or 2.5."), field=name) from None


def _overrides(values: dict[str, str]) -> Overrides:
    steps = values.get("steps", "")
    unknown = values.get("unknown", "")
    return Overrides(
        max_uphill=_number(values, "max_uphill"),
        max_downhill=_number(values, "max_downhill"),
        max_kerb_cm=_number(values, "max_kerb"),
        min_width_m=_number(values, "min_width"),
        steps=StepsRule(steps) if steps in {rule.value for rule in StepsRule} else None,
        unknown=UnknownData(unknown) if unknown in {rule.value for rule in UnknownData} else None,
    )


MAP_WIDTH, MAP_HEIGHT, MAP_MARGIN = 600, 360, 20


MAX_STREET_LABELS = 12


def route_drawing(
    geometry: list[tuple[float, float]], streets: Sequence[routing.Outline] = ()
) -> dict[str, Any] | None:
    """The route as SVG polyline points in a fixed box (north up, scale kept), with its start and end, over the
    streets around it (lighter lines, each named street labelled once, on its longest piece)."""
    if len(geometry) < 2:
        return None
    lats = [point[0] for point in geometry]
    lons = [point[1] for point in geometry]
    squeeze = math.cos(math.radians(sum(lats) / len(lats)))  # a degree of longitude is shorter than one of latitude
    width = max((max(lons) - min(lons)) * squeeze, 1e-9)
    height = max(max(lats) - min(lats), 1e-9)
    scale = min((MAP_WIDTH - 2 * MAP_MARGIN) / width, (MAP_HEIGHT - 2 * MAP_MARGIN) / height)
    west, south = min(lons), min(lats)

    def project(lat: float, lon: float) -> tuple[float, float]:
        return MAP_MARGIN + (lon - west) * squeeze * scale, MAP_HEIGHT - MAP_MARGIN - (lat - south) * scale

    points = [project(lat, lon) for lat, lon in geometry]
    background = []
    labels: dict[str, tuple[float, dict[str, float]]] = {}
    for street in streets:
        drawn = [project(lat, lon) for lat, lon in street.points]
        background.append({"kind": street.kind, "points": " ".join(f"{x:.1f},{y:.1f}" for x, y in drawn)})
        size = math.dist(drawn[0], drawn[-1])
        label = _label_on(drawn)
        if street.name and label and size > labels.get(street.name, (0.0, label))[0]:
            labels[street.name] = (size, label)
    longest = sorted(labels.items(), key=lambda item: -item[1][0])[:MAX_STREET_LABELS]
    return {
        "points": " ".join(f"{x:.1f},{y:.1f}" for x, y in points),
        "start": points[0],
        "end": points[-1],
        "width": MAP_WIDTH,
        "height": MAP_HEIGHT,
        "streets": background,
        "labels": [{"name": name, **at} for name, (_size, at) in longest],
    }


def _label_on(drawn: list[tuple[float, float]]) -> dict[str, float] | None:
    """Where a street's name goes: the middle of the piece, turned along it (never upside down); None when the
    middle is outside the drawing."""
    middle = len(drawn) // 2
    (x1, y1), (x2, y2) = drawn[max(middle - 1, 0)], drawn[min(middle, len(drawn) - 1) if len(drawn) > 2 else -1]
    x, y = (x1 + x2) / 2, (y1 + y2) / 2
    if not _inside((x, y)):
        return None
    angle = math.degrees(math.atan2(y2 - y1, x2 - x1))
    if angle > 90:
        angle -= 180
    elif angle <= -90:
        angle += 180
    return {"x": x, "y": y, "angle": angle}


def _inside(point: tuple[float, float]) -> bool:
    return MAP_MARGIN <= point[0] <= MAP_WIDTH - MAP_MARGIN and MAP_MARGIN <= point[1] <= MAP_HEIGHT - MAP_MARGIN


def _context(values: dict[str, str]) -> dict[str, Any]:
    return {
        "title": _("Barrier-free routes"),
        "form": values,
        "profiles": [(profile.name, _(profile.label)) for profile in routing.PROFILES.values()],
        "demo_points": DEMO_POINTS,
        "route": None,
        "streets": [],
        "distance": distance_words,
        "drawing": route_drawing,
    }


@router.get("", response_class=HTMLResponse)
def planner(
    request: Request,
    session: Session = Depends(db_session, scope="function"),
    from_: str = Query("", alias="from", max_length=60, pattern=NO_NUL),
    to: str = Query("", max_length=60, pattern=NO_NUL),
    to_name: str = Query("", max_length=120, pattern=NO_NUL),
    profile: str = Query("manual_wheelchair", max_length=30, pattern=NO_NUL),
    max_uphill: str = Query("", max_length=8, pattern=NO_NUL),
    max_downhill: str = Query("", max_length=8, pattern=NO_NUL),
    max_kerb: str = Query("", max_length=8, pattern=NO_NUL),
    min_width: str = Query("", max_length=8, pattern=NO_NUL),
    steps: str = Query("", max_length=12, pattern=NO_NUL),
    unknown: str = Query("", max_length=12, pattern=NO_NUL),
) -> HTMLResponse:
    """The planner form; with both points given, the route as steps (or why there is none)."""
    values = {
        "from": from_,
        "to": to,
        "to_name": to_name,
        "profile": profile,
        "max_uphill": max_uphill,
        "max_downhill": max_downhill,
        "max_kerb": max_kerb,
        "min_width": min_width,
        "steps": steps,
        "unknown": unknown,
    }
    context = _context(values)
    if not (from_ and to):
        return render(request, "routing.html", context)
    try:
        request_ = routing.RouteRequest(
            _point(from_, "from"), _point(to, "to"), profile, _overrides(values), current_language()
        )
        graph = services.configured_graph(get_settings(request))
        context["route"] = services.plan_with_reports(session, graph, request_)
        context["streets"] = routing.streets_around(graph, context["route"].geometry)
    except routing.NoRoute as failure:
        context["failure"] = failure.message
        return render(request, "routing.html", context, status=200)
    except routing.PointOffNetwork as error:
        error.field = "from" if error.field == "origin" else "to"
        return render_form_error(request, "routing.html", context, error)
    except BarrierfreeError as error:
        return render_form_error(request, "routing.html", context, error)
    return render(request, "routing.html", context)


def _reports_context(session: Session, values: dict[str, str], user: User | None) -> dict[str, Any]:
    return {
        "title": _("Barrier reports"),
        "form": values,
        "kinds": kind_labels(),
        "reports": services.active_reports(session),
        "user": user,
        "demo_points": DEMO_POINTS,
    }


@router.get("/reports", response_class=HTMLResponse)
def reports_page(
    request: Request,
    session: Session = Depends(db_session, scope="function"),
    user: User | None = Depends(current_user),
) -> HTMLResponse:
    """Barriers reported now, and the form to report one."""
    return render(request, "routing_reports.html", _reports_context(session, {"lasts": "24"}, user))


@router.post("/reports", response_class=HTMLResponse, response_model=None)
async def report(
    request: Request,
    session: Session = Depends(db_session, scope="function"),
    user: User | None = Depends(current_user),
) -> HTMLResponse | RedirectResponse:
    """File a report: it applies to the next route anyone plans."""
    form = await checked_form(request)
    values = {name: str(form.get(name, ""))[:600] for name in ("kind", "position", "note", "lasts")}
    try:
        if values["kind"] not in {kind.value for kind in BarrierKind}:
            raise routing.InvalidRoutingInput(_("Choose what is in the way from the list."), field="kind")
        lat, lon = _point(values["position"], "position")
        hours = _number(values, "lasts")
        services.report_barrier(
            session,
            user,
            BarrierKind(values["kind"]),
            lat,
            lon,
            note=values["note"],
            source=ReportSource.TRAVELLER,
            lasts=timedelta(hours=hours) if hours is not None else None,
            ip=client_ip(request),
        )
    except BarrierfreeError as error:
        if error.field == "lasts" or error.field is None:
            error.field = error.field or "form"
        return render_form_error(request, "routing_reports.html", _reports_context(session, values, user), error)
    return redirect_with_notice("/routing/reports", "routing-report-filed")


@router.post("/reports/{report_id}/revoke", response_class=HTMLResponse, response_model=None)
async def revoke(
    request: Request,
    report_id: int,
    session: Session = Depends(db_session, scope="function"),
    user: User | None = Depends(current_user),
) -> HTMLResponse | RedirectResponse:
    """Withdraw a report the user filed (administrators: any report)."""
    form = await checked_form(request)
    reason = str(form.get("reason", ""))[:600]
    try:
        services.revoke_report(session, user, report_id, reason, ip=client_ip(request))
    except BarrierfreeError as error:
        error.field = f"reason-{report_id}" if error.field == "reason" else error.field
        context = _reports_context(session, {"lasts": "24"}, user)
        return render_form_error(request, "routing_reports.html", context, error)
    return redirect_with_notice("/routing/reports", "routing-report-revoked")
