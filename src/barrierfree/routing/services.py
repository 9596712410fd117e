"""Live barrier reports: file, revoke, list, and apply them to routes at query time (no graph rebuild).

A report closes the nearest elevator (for an elevator out of service) or the nearest path within
``REPORT_REACH_M`` of its point, for every profile, until it expires or is revoked. Filing and revoking are
audited; the reporter's identity is shown only to administrators.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from barrierfree.core.accounts.models import User
from barrierfree.core.accounts.services import actor_for
from barrierfree.core.audit.services import record
from barrierfree.core.clock import utcnow
from barrierfree.core.errors import NotAuthenticated, PermissionDenied
from barrierfree.core.i18n import _
from barrierfree.core.settings import Settings
from barrierfree.routing.demo import demo_graph, demo_graph_path
from barrierfree.routing.errors import InvalidRoutingInput, UnknownReport
from barrierfree.routing.geo import haversine_m
from barrierfree.routing.graph import Graph, load_graph
from barrierfree.routing.models import BarrierKind, BarrierReport, ReportSource
from barrierfree.routing.routes import Route, RouteRequest, plan_route
from barrierfree.routing.search import nearest_snaps

REPORT_REACH_M = 30.0
"""A report applies to the nearest elevator or path within this distance of its point."""
MIN_TTL = timedelta(minutes=15)
MAX_TTL = timedelta(days=90)
DEFAULT_TTL = {
    BarrierKind.ELEVATOR_OUT_OF_SERVICE: timedelta(days=7),
    BarrierKind.RAMP_BLOCKED: timedelta(days=3),
    BarrierKind.WORKS: timedelta(days=30),
    BarrierKind.OBSTACLE: timedelta(days=1),
    BarrierKind.FLOODING: timedelta(days=1),
}
MAX_NOTE_CHARS = 500
MIN_REVOKE_REASON_CHARS = 5
MAX_ACTIVE_REPORTS = 10_000
OFFICIAL_SOURCES = frozenset({ReportSource.OPERATOR, ReportSource.OFFICIAL})
"""Sources that only an administrator may claim: a traveller cannot speak for an elevator's operator."""


def _require_user(user: User | None) -> User:
    if user is None:
        raise NotAuthenticated(_("Log in to report or revoke a barrier."))
    return user


def report_barrier(
    session: Session,
    user: User | None,
    kind: BarrierKind,
    lat: float,
    lon: float,
    *,
    note: str = "",
    source: ReportSource = ReportSource.TRAVELLER,
    lasts: timedelta | None = None,
    ip: str | None = None,
) -> BarrierReport:
    """File a barrier report; it applies to the next route query."""
    reporter = _require_user(user)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not (np.isfinite(lat) and np.isfinite(lon)):
        raise InvalidRoutingInput(_("The barrier's position must be a latitude and a longitude."), field="position")
    if source in OFFICIAL_SOURCES and not reporter.is_admin:
        raise PermissionDenied(_("Only an administrator can file a report as an operator or an official source."))
    lasts = lasts if lasts is not None else DEFAULT_TTL[kind]
    if not MIN_TTL <= lasts <= MAX_TTL:
        raise InvalidRoutingInput(
            _("A report lasts between 15 minutes and 90 days; renew it when the barrier stays."), field="lasts"
        )
    note = " ".join(note.split())
    if len(note) > MAX_NOTE_CHARS:
        raise InvalidRoutingInput(_("Keep the note to 500 characters."), field="note")
    now = utcnow()
    report = BarrierReport(
        kind=kind,
        source=source,
        lat=lat,
        lon=lon,
        note=note,
        reported_by=reporter.id,
        created_at=now,
        expires_at=now + lasts,
    )
    session.add(report)
    session.flush()
    record(
        session,
        actor_for(reporter, ip),
        "routing.report.filed",
        detail={"report": report.id, "kind": kind.value, "source": source.value, "lat": lat, "lon": lon},
    )
    return report


def revoke_report(
    session: Session, user: User | None, report_id: int, reason: str, ip: str | None = None
) -> BarrierReport:
    """Withdraw a report (the barrier is gone, or the report was wrong); the reporter or an administrator may."""
    actor = _require_user(user)
    report = session.get(BarrierReport, report_id)
    if report is None:
        raise UnknownReport(_("There is no barrier report {id}.").format(id=report_id))
    if report.reported_by != actor.id and not actor.is_admin:
        raise PermissionDenied(_("Only the person who filed a report, or an administrator, can revoke it."))
    reason = " ".join(reason.split())
    if not MIN_REVOKE_REASON_CHARS <= len(reason) <= MAX_NOTE_CHARS:
        raise InvalidRoutingInput(_("Say why in 5 to 500 characters."), field="reason")
    if report.revoked_at is None:
        report.revoked_at, report.revoked_by, report.revoke_reason = utcnow(), actor.id, reason
        record(session, actor_for(actor, ip), "routing.report.revoked", detail={"report": report.id, "reason": reason})
        session.flush()
    return report


def active_reports(session: Session, now: datetime | None = None) -> list[BarrierReport]:
    """Reports in force now: not expired, not revoked; newest first."""
    moment = now or utcnow()
    query = (
        select(BarrierReport)
        .where(BarrierReport.expires_at > moment, BarrierReport.revoked_at.is_(None))
        .order_by(BarrierReport.created_at.desc())
        .limit(MAX_ACTIVE_REPORTS)
    )
    return list(session.scalars(query))


@dataclass(frozen=True)
class Closure:
    """What a report closes on one graph: an elevator node, or an arc (both directions); None when off the map."""

    node: int | None = None
    arc: int | None = None


def closure_for(graph: Graph, kind: BarrierKind, lat: float, lon: float) -> Closure:
    """The elevator or path a report at (lat, lon) closes, if one is within ``REPORT_REACH_M``."""
    if kind == BarrierKind.ELEVATOR_OUT_OF_SERVICE:
        elevators = np.flatnonzero(graph.nodes["elevator"] == 1)
        if len(elevators):
            gaps = [haversine_m(lat, lon, graph.nodes["lat"][n], graph.nodes["lon"][n]) for n in elevators.tolist()]
            best = int(np.argmin(gaps))
            if gaps[best] <= REPORT_REACH_M:
                return Closure(node=int(elevators[best]))
    for _shape, snapped in nearest_snaps(graph, lat, lon, REPORT_REACH_M):
        return Closure(arc=snapped.arc)
    return Closure()


def closures(graph: Graph, reports: list[BarrierReport]) -> tuple[frozenset[int], frozenset[int]]:
    """The nodes and arcs closed by reports, each report's closure worked out once per graph."""
    cache: dict[tuple[int, float, float], Closure] = graph.cache.setdefault("report_closures", {})
    nodes: set[int] = set()
    arcs: set[int] = set()
    for report in reports:
        key = (report.id, report.lat, report.lon)
        closure = cache.get(key)
        if closure is None:
            closure = cache[key] = closure_for(graph, report.kind, report.lat, report.lon)
        if closure.node is not None:
            nodes.add(closure.node)
        if closure.arc is not None:
            arcs.add(closure.arc)
    return frozenset(nodes), frozenset(arcs)


_LOADED: dict[Path, tuple[float, Graph]] = {}
_LOADING = threading.Lock()


def configured_graph(settings: Settings) -> Graph:
    """The graph the platform routes on: ``ROUTING_GRAPH``, else the demo map (built on first use).

    Loaded once per process and again when the file changes, so a rebuilt graph is picked up without a restart.
    """
    if settings.routing_graph is None:
        folder = settings.data_dir / "routing"
        demo_graph(folder)
        path = demo_graph_path(folder)
    else:
        path = settings.routing_graph
    with _LOADING:
        stamp = path.stat().st_mtime if path.is_file() else -1.0
        cached = _LOADED.get(path)
        if cached is None or cached[0] != stamp:
            cached = _LOADED[path] = (stamp, load_graph(path))
        return cached[1]


def plan_with_reports(session: Session, graph: Graph, request: RouteRequest) -> Route:
    """Plan a route with every report in force applied."""
    closed_nodes, closed_arcs = closures(graph, active_reports(session))
    return plan_route(
        graph,
        replace(
            request,
            closed_nodes=request.closed_nodes | closed_nodes,
            closed_arcs=request.closed_arcs | closed_arcs,
        ),
    )
