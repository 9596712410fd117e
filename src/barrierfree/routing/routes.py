"""Planning a route: snap both points, search, write the steps, and explain what was avoided or what blocked.

A failed search is answered, not just refused: the search is repeated with every hard limit made soft, the
limits that relaxed route breaks are named, and each is relaxed alone to find the nearest route that exists
("allowing a 4 cm kerb gives a route of about one point three kilometres").
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any

import numpy as np

from barrierfree.core.clock import utcnow
from barrierfree.core.i18n import _, use_language
from barrierfree.routing import facts
from barrierfree.routing.avoided import Avoidance, compare
from barrierfree.routing.costs import Checks, arc_costs, body_costs, check_arcs
from barrierfree.routing.daylight import is_dark
from barrierfree.routing.elevators import closed_elevators, in_map_time
from barrierfree.routing.errors import InvalidRoutingInput, NoRoute, PointOffNetwork
from barrierfree.routing.graph import Graph
from barrierfree.routing.instructions import Step, write_steps
from barrierfree.routing.profiles import (
    Constraints,
    Limit,
    Overrides,
    UnknownData,
    constraints_for,
    profile_named,
)
from barrierfree.routing.search import SNAP_LIMIT_M, Found, Leg, Network, Snap, shortest, snap, usable
from barrierfree.routing.tags import Tri
from barrierfree.routing.wording import distance_words

WALKING_SPEED_M_S = {"foot": 1.3, "manual_wheelchair": 1.0, "power_wheelchair": 1.5, "walker": 0.8}
DEFAULT_SPEED_M_S = 1.1
COST_CACHE_SIZE = 32
UNKNOWN_NOTE_SHARE = 0.1
"""Missing slope or width data is mentioned once it covers a tenth of the route."""


@dataclass(frozen=True)
class RouteRequest:
    """What a traveller asks for; ``closed_nodes``/``closed_arcs`` carry live barrier reports."""

    origin: tuple[float, float]
    destination: tuple[float, float]
    profile: str = "foot"
    overrides: Overrides | None = None
    language: str = "en"
    departure: datetime | None = None
    closed_nodes: frozenset[int] = frozenset()
    closed_arcs: frozenset[int] = frozenset()

    def departs(self) -> datetime:
        """When the traveller leaves: ``departure``, else now (elevator hours are checked at that time)."""
        return self.departure or utcnow()


@dataclass
class Route:
    """A planned route: its length, time, steps and the explanations that go with it.

    ``avoided`` (what the plain walking route would have met) needs a second search, so it is worked out when
    first read: pages, the API and the command line read it; a caller that only wants the way does not pay.
    """

    profile: str
    length_m: float
    duration_s: float
    steps: list[Step]
    geometry: list[tuple[float, float]]
    notes: list[str] = field(default_factory=list)
    arcs: list[int] = field(default_factory=list)
    explain_avoided: Callable[[], Avoidance] | None = field(default=None, repr=False, compare=False)
    _avoided: list[str] | None = field(default=None, repr=False, compare=False)

    @property
    def avoided(self) -> list[str]:
        """What this route avoids compared with the plain walking route, in words (computed once).

        Reading it also adds to each step where the route turned away from a barrier, so read it before the steps.
        """
        if self._avoided is None:
            avoidance = self.explain_avoided() if self.explain_avoided is not None else Avoidance()
            for number, notes in avoidance.by_step.items():
                self.steps[number].notes[:0] = notes
            self._avoided = avoidance.summary
        return self._avoided

    def document(self) -> dict[str, Any]:
        """The route as JSON-ready data (explanations included)."""
        avoided = self.avoided  # first: it adds to the steps' notes
        return {
            "profile": self.profile,
            "length_m": self.length_m,
            "duration_s": self.duration_s,
            "steps": [asdict(step) for step in self.steps],
            "geometry": self.geometry,
            "avoided": avoided,
            "notes": self.notes,
            "arcs": self.arcs,
        }


def _check_point(point: tuple[float, float], which: str) -> None:
    lat, lon = point
    if not (np.isfinite(lat) and np.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise InvalidRoutingInput(
            _("The {which} point {lat},{lon} is not a latitude,longitude pair.").format(which=which, lat=lat, lon=lon),
            field=which,
        )


@dataclass
class Priced:
    """A graph priced for one set of constraints and closures: arc costs, the limit checks, the search network."""

    costs: np.ndarray
    checks: Checks
    network: Network


def _priced(graph: Graph, constraints: Constraints) -> Priced:
    """Costs, checks and network for a set of constraints, cached on the graph: profiles repeat from query to query.

    Reports and elevator hours do not change these: they close arcs for one search only (see ``_closed``).
    """
    cache: dict[Constraints, Priced] = graph.cache.setdefault("priced", {})
    found = cache.get(constraints)
    if found is None:
        checks = check_arcs(graph, constraints)
        costs = arc_costs(graph, constraints, checks)
        found = Priced(costs, checks, Network(graph, costs, body_costs(graph, constraints, checks)))
        if len(cache) >= COST_CACHE_SIZE:
            cache.pop(next(iter(cache)))
        cache[constraints] = found
    return found


def _closed(graph: Graph, request: RouteRequest) -> frozenset[int]:
    """Arcs shut for this request: reported arcs both ways, and every arc into or out of a closed node."""
    nodes = set(request.closed_nodes) | closed_elevators(graph, in_map_time(graph, request.departs()))
    arcs = set(request.closed_arcs)
    arcs |= {int(graph.arcs["twin"][arc]) for arc in request.closed_arcs}
    for node in nodes:
        leaving = range(int(graph.indptr[node]), int(graph.indptr[node + 1]))
        arcs.update(leaving)
        arcs.update(int(graph.arcs["twin"][arc]) for arc in leaving)
    return frozenset(arcs)


def plan_route(graph: Graph, request: RouteRequest) -> Route:
    """The best route for the request, or NoRoute / PointOffNetwork with the reason in words."""
    _check_point(request.origin, "origin")
    _check_point(request.destination, "destination")
    profile = profile_named(request.profile)
    constraints = constraints_for(profile, request.overrides)
    departure = in_map_time(graph, request.departs())  # a time written without a zone is the map's local time
    dark = bool(profile.unlit_factor_after_dark) and is_dark(*request.origin, departure)
    if dark:
        constraints = replace(constraints, unlit_factor=profile.unlit_factor_after_dark)
    with use_language(request.language):
        priced = _priced(graph, constraints)
        checks = priced.checks
        closed = _closed(graph, request)
        origin, origin_any = snap(graph, priced.costs, *request.origin, closed)
        destination, destination_any = snap(graph, priced.costs, *request.destination, closed)
        for which, found, nearest in (("origin", origin, origin_any), ("destination", destination, destination_any)):
            if found is None:
                raise PointOffNetwork(_off_network(graph, constraints, checks, which, nearest), field=which)
        assert origin is not None and destination is not None
        best = shortest(priced.network, origin, destination, closed)
        if best is None:
            raise NoRoute(_explain_failure(graph, constraints, origin, destination, closed))
        route = _route(graph, request, constraints, checks, best)
        if dark and (note := _dark_note(graph, best.legs)):
            route.notes.append(note)
        route.notes += _snap_notes(
            graph, priced.costs, closed, constraints, checks, origin, origin_any, destination, destination_any
        )
        if request.profile != "foot":
            route.explain_avoided = functools.partial(
                _avoided_in,
                request.language,
                graph,
                request,
                closed,
                constraints,
                checks,
                best,
                (origin_any, destination_any),
            )
        return route


def _avoided_in(language: str, *arguments: Any) -> Avoidance:
    """``_avoided`` in the request's language, whenever the explanation is first read."""
    with use_language(language):
        return _avoided(*arguments)


def _route(graph: Graph, request: RouteRequest, constraints: Constraints, checks: Checks, best: Found) -> Route:
    steps = write_steps(graph, best.legs, constraints, checks, for_blind=request.profile == "blind")
    geometry: list[tuple[float, float]] = []
    for leg in best.legs:
        lats, lons = graph.shape_of(leg.arc)
        geometry += list(zip(lats.tolist(), lons.tolist(), strict=True))
    speed = WALKING_SPEED_M_S.get(request.profile, DEFAULT_SPEED_M_S)
    arcs = [leg.arc for leg in best.legs]
    notes = []
    shares = facts.unknown_shares(graph, checks, arcs)
    if shares.get("uphill", 0) >= UNKNOWN_NOTE_SHARE:
        notes.append(
            _("The map gives no slope for {share} % of this route.").format(share=round(shares["uphill"] * 100))
        )
    if shares.get("surface", 0) >= UNKNOWN_NOTE_SHARE:
        notes.append(
            _("The map gives no surface for {share} % of this route.").format(share=round(shares["surface"] * 100))
        )
    if shares.get("width", 0) >= UNKNOWN_NOTE_SHARE:
        notes.append(
            _("The map gives no width for {share} % of this route.").format(share=round(shares["width"] * 100))
        )
    return Route(
        request.profile, round(best.length_m, 1), round(best.length_m / speed), steps, geometry, notes=notes, arcs=arcs
    )


def _dark_note(graph: Graph, legs: list[Leg]) -> str | None:
    """After dusk: how much of the route is unlit all the same (it kept to lit ways where it could)."""
    arcs = graph.arcs
    unlit = sum(
        float(arcs["length"][leg.arc]) * (leg.end - leg.start) for leg in legs if arcs["lit"][leg.arc] == Tri.NO
    )
    if unlit < 1.0:
        return None
    return _(
        "It will be dark when you leave: this route keeps to lit ways where it can; {distance} of it is not lit."
    ).format(distance=distance_words(unlit))


def _off_network(graph: Graph, constraints: Constraints, checks: Checks, which: str, nearest: Snap | None) -> str:
    where = _("The start") if which == "origin" else _("The destination")
    if nearest is None:
        return _("{where} is more than {limit} m from any path on this map. Pick a point on or near a path.").format(
            where=where, limit=int(SNAP_LIMIT_M)
        )
    twin = int(graph.arcs["twin"][nearest.arc])
    broken = facts.arc_problems(graph, constraints, checks, nearest.arc)[0]
    broken = broken or facts.arc_problems(graph, constraints, checks, twin)[0]
    if not broken and constraints.unknown == UnknownData.BLOCK:
        broken = sorted({facts.unknown_words(name) for name, gaps in checks.unknown.items() if gaps[nearest.arc]})
    reason = _(", ").join(broken) if broken else _("a reported barrier or a closed elevator")
    return _(
        "{where} is on {path}, which this profile cannot use ({reason}), and no usable path is within {limit} m."
    ).format(where=where, path=facts.where(graph, nearest.arc), reason=reason, limit=int(SNAP_LIMIT_M))


def _snap_notes(
    graph: Graph,
    priced_costs: np.ndarray,
    closed: frozenset[int],
    constraints: Constraints,
    checks: Checks,
    origin: Snap,
    origin_any: Snap | None,
    destination: Snap,
    destination_any: Snap | None,
) -> list[str]:
    """Say so when a point was moved past a closer path that cannot be used."""
    notes = []
    for where, used, nearest in (
        (_("The start"), origin, origin_any),
        (_("The destination"), destination, destination_any),
    ):
        if nearest is not None and nearest.arc != used.arc and used.distance_m - nearest.distance_m > 5:
            broken = facts.arc_problems(graph, constraints, checks, nearest.arc)[0]
            if broken:
                reason = _(", ").join(broken)
            elif usable(priced_costs, graph, nearest.arc, closed):
                reason = _("a path cut off from the rest of the map")
            else:
                reason = _("a reported barrier or a closed elevator")
            notes.append(
                _("{where} is on {path} ({reason}); the route uses the nearest usable point, {distance} away.").format(
                    where=where,
                    path=facts.where(graph, nearest.arc),
                    reason=reason,
                    distance=distance_words(used.distance_m),
                )
            )
    return notes


def _avoided(
    graph: Graph,
    request: RouteRequest,
    closed: frozenset[int],
    constraints: Constraints,
    checks: Checks,
    best: Found,
    nearest: tuple[Snap | None, Snap | None],
) -> Avoidance:
    """What the plain walking route would have met that this route avoids, and where this route turned away.

    ``nearest`` are the paths nearest to each point whatever the profile: a walker starts there unless a report
    closed them, so they are used without snapping again.
    """
    walking = _priced(graph, profile_named("foot").constraints)

    def walking_snap(point: tuple[float, float], near: Snap | None) -> Snap | None:
        if near is not None and usable(walking.costs, graph, near.arc, closed):
            return near
        return snap(graph, walking.costs, *point, closed)[0]

    origin = walking_snap(request.origin, nearest[0])
    destination = walking_snap(request.destination, nearest[1])
    if origin is None or destination is None:
        return Avoidance()
    plain = shortest(walking.network, origin, destination, closed)
    if plain is None:
        return Avoidance()
    return compare(graph, constraints, checks, best, plain)


def _all_soft(constraints: Constraints) -> Constraints:
    def soft(limit: Limit | None) -> Limit | None:
        return replace(limit, hard=False) if limit else None

    return replace(
        constraints,
        max_uphill=soft(constraints.max_uphill),
        max_downhill=soft(constraints.max_downhill),
        max_kerb_cm=soft(constraints.max_kerb_cm),
        min_width_m=soft(constraints.min_width_m),
        steps_hard=False,
        surfaces_hard=False,
        worst_smoothness=None,
        barriers_block=False,
    )


def _relaxation_words(name: str, value: float | None) -> str:
    if value is not None and name in ("uphill", "downhill", "kerb"):
        value = float(np.ceil(value - 1e-9))  # the limit _relaxed sets
    number = f"{value:.1f}".rstrip("0").rstrip(".") if value is not None else ""
    return {
        "uphill": _("allowing an uphill grade of {value} %"),
        "downhill": _("allowing a downhill grade of {value} %"),
        "kerb": _("allowing a {value} cm kerb"),
        "width": _("allowing a width of {value} m"),
        "steps": _("allowing steps"),
        "surface": _("allowing any surface"),
        "smoothness": _("allowing uneven surfaces"),
        "barrier": _("passing barriers such as stiles"),
        "wheelchair": _("using places marked as not wheelchair accessible"),
    }[name].format(value=number)


def _explain_failure(
    graph: Graph, constraints: Constraints, origin: Snap, destination: Snap, closed: frozenset[int]
) -> str:
    """Name what blocks every way, and the nearest relaxation.

    The search is repeated with every limit soft (one network per profile, cached), so it finds the way that
    breaks the fewest limits by the least. Relaxing exactly the limits that way breaks, to the worst value on it,
    makes that way allowed: so "allowing these gives a route of about L" is true without another search.
    """
    relaxed = shortest(_priced(graph, _all_soft(constraints)).network, origin, destination, closed)
    if relaxed is None:
        return _(
            "No route: the start and the destination are not connected on this map, even ignoring every limit "
            "(a reported barrier or a closed elevator may cut the only way)."
        )
    checks = _priced(graph, constraints).checks
    arcs = [leg.arc for leg in relaxed.legs]
    blockers = facts.broken_names(checks, arcs, hard_only=True)
    named = [
        facts.located(graph, facts.broken_words(graph, constraints, name, hits[0]), hits[0], name)
        for name, hits in blockers.items()
    ]
    message = _("No route within your limits. Every way is blocked by: {blockers}.").format(
        blockers=_("; ").join(named) or _("a reported barrier")
    )
    if blockers:
        changes = [_relaxation_words(name, facts.worst_value(graph, name, hits)) for name, hits in blockers.items()]
        option = _("{change} gives a route of {length}").format(
            change=_(" and ").join(changes), length=distance_words(relaxed.length_m)
        )
        message += " " + _("Nearest options: {options}.").format(options=option)
    return message
