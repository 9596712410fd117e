"""Sentences about the barriers on an arc: what a step accepted, what a route avoided, what blocked a search."""

from __future__ import annotations

import numpy as np

from barrierfree.core.i18n import N_, _
from barrierfree.routing.costs import Checks
from barrierfree.routing.graph import ArcKind, Graph
from barrierfree.routing.profiles import Constraints
from barrierfree.routing.tags import Surface


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def street_name(graph: Graph, arc: int) -> str | None:
    """The arc's name in the current language, falling back to the local name."""
    from barrierfree.core.i18n import current_language

    arcs = graph.arcs
    preferred = arcs["name_zh"][arc] if current_language() == "zh-CN" else arcs["name_en"][arc]
    return graph.text(int(preferred)) or graph.text(int(arcs["name"][arc]))


def kind_words(graph: Graph, arc: int) -> str:
    """What the path is, for a sentence ("a footway", "steps")."""
    names = {
        ArcKind.FOOTWAY: _("the footway"),
        ArcKind.SIDEWALK: _("the sidewalk"),
        ArcKind.CROSSING: _("the crossing"),
        ArcKind.STEPS: _("the steps"),
        ArcKind.PATH: _("the path"),
        ArcKind.PEDESTRIAN: _("the pedestrian street"),
        ArcKind.STREET: _("the street"),
        ArcKind.MAJOR_ROAD: _("the main road"),
        ArcKind.TRACK: _("the track"),
        ArcKind.ELEVATOR: _("the elevator"),
        ArcKind.CYCLEWAY: _("the cycle path"),
        ArcKind.SERVICE: _("the service road"),
    }
    return names[int(graph.arcs["kind"][arc])]


def where(graph: Graph, arc: int) -> str:
    """The arc's name, or its kind when it has none."""
    return street_name(graph, arc) or kind_words(graph, arc)


def located(graph: Graph, problem: str, arc: int, name: str = "") -> str:
    """A problem with where it is: on the arc's street, else near a named street at either end ("12 steps near
    Youdian Road"), else on the kind of path. ``name`` is the limit (``steps``...): a flight of steps is not said
    to be "on the steps"."""
    if (street := street_name(graph, arc)) is not None:
        return _("{problem} on {path}").format(problem=problem, path=street)
    arcs = graph.arcs
    for node in (int(arcs["source"][arc]), int(arcs["target"][arc])):
        for other in range(int(graph.indptr[node]), int(graph.indptr[node + 1])):
            if (near := street_name(graph, other)) is not None:
                return _("{problem} near {path}").format(problem=problem, path=near)
    if name == "steps" and int(arcs["kind"][arc]) == ArcKind.STEPS:
        return problem
    return _("{problem} on {path}").format(problem=problem, path=kind_words(graph, arc))


def broken_words(graph: Graph, constraints: Constraints, name: str, arc: int) -> str:
    """Why an arc breaks one limit, with the value found and the limit ("an uphill grade of 9 % (limit 6 %)")."""
    arcs, nodes = graph.arcs, graph.nodes
    c = constraints
    if name == "uphill" and c.max_uphill:
        return _("an uphill grade of {value} % (limit {limit} %)").format(
            value=_number(float(arcs["uphill"][arc])), limit=_number(c.max_uphill.value)
        )
    if name == "downhill" and c.max_downhill:
        return _("a downhill grade of {value} % (limit {limit} %)").format(
            value=_number(float(arcs["downhill"][arc])), limit=_number(c.max_downhill.value)
        )
    if name == "kerb" and c.max_kerb_cm:
        return _("a kerb of {value} cm (limit {limit} cm)").format(
            value=_number(float(nodes["kerb_cm"][arcs["target"][arc]])), limit=_number(c.max_kerb_cm.value)
        )
    if name == "width" and c.min_width_m:
        return _("a width of {value} m (at least {limit} m needed)").format(
            value=_number(float(arcs["width"][arc])), limit=_number(c.min_width_m.value)
        )
    if name == "steps":
        count = int(arcs["steps"][arc])
        return _("{count} steps").format(count=count) if count > 0 else _("steps")
    if name == "surface":
        return surface_words(int(arcs["surface"][arc]))
    if name == "smoothness":
        return _("a very uneven surface")
    if name == "barrier":
        return _("a barrier that wheels cannot pass (stile or turnstile)")
    return _("a place marked as not wheelchair accessible")


_UNKNOWN_WORDS = {
    "uphill": N_("the slope is not known"),
    "downhill": N_("the slope is not known"),
    "kerb": N_("the kerb height is not known"),
    "width": N_("the width is not known"),
    "steps": N_("whether the steps have a handrail, or how many there are, is not known"),
    "surface": N_("the surface is not known"),
}


def unknown_words(name: str) -> str:
    """What the map does not say, for a limit that could not be checked."""
    return _(_UNKNOWN_WORDS.get(name, N_("some details are not known")))


def surface_words(surface: int) -> str:
    """A surface group in words."""
    return {
        Surface.PAVED: _("a paved surface"),
        Surface.ROUGH: _("cobbles or rough paving"),
        Surface.FIRM: _("compacted gravel"),
        Surface.LOOSE: _("loose gravel, earth or grass"),
    }.get(Surface(surface), _("an unknown surface"))


POINT_GAPS = ("kerb", "steps")
"""Missing data worth a note on the step itself; missing slopes, widths and surfaces are summed up for the route,
because on most maps they are missing almost everywhere and a note on every step would drown the route."""


def arc_problems(graph: Graph, constraints: Constraints, checks: Checks, arc: int) -> tuple[list[str], list[str]]:
    """(limits broken, point data missing) on one arc, in words; hard and soft alike."""
    broken = [broken_words(graph, constraints, name, arc) for name, bad in checks.broken.items() if bad[arc]]
    missing = sorted({unknown_words(name) for name, gaps in checks.unknown.items() if name in POINT_GAPS and gaps[arc]})
    return broken, missing


def unknown_shares(graph: Graph, checks: Checks, arcs: list[int]) -> dict[str, float]:
    """For slope, width and surface: the share of a route's length where the map does not say (0-1)."""
    lengths = graph.arcs["length"][arcs]
    total = float(lengths.sum()) or 1.0
    shares: dict[str, float] = {}
    for name in ("uphill", "width", "surface"):
        if name in checks.unknown:
            shares[name] = float(lengths[checks.unknown[name][arcs]].sum()) / total
    return shares


def broken_names(checks: Checks, arcs: list[int], hard_only: bool = False) -> dict[str, list[int]]:
    """For each limit, the arcs of a route that break it."""
    route = np.asarray(arcs, dtype=np.int64)
    found: dict[str, list[int]] = {}
    for name, bad in checks.broken.items():
        if hard_only and not checks.hard[name]:
            continue
        hits = route[bad[route]]
        if len(hits):
            found[name] = hits.tolist()
    return found


def noteworthy(graph: Graph, checks: Checks) -> np.ndarray:
    """Per arc: whether a step has anything to say about it (a limit broken, or a kerb or steps of unknown kind).

    Most arcs of a route have nothing, so steps look only at these; worked out once per set of checks.
    """
    mask = checks.derived.get("noteworthy")
    if mask is None:
        mask = np.zeros(graph.arc_count, dtype=bool)
        for bad in checks.broken.values():
            mask |= bad
        for name, gaps in checks.unknown.items():
            if name in POINT_GAPS:
                mask |= gaps
        checks.derived["noteworthy"] = mask
    return mask


def worst_value(graph: Graph, name: str, arcs: list[int]) -> float | None:
    """The largest grade or kerb (or the smallest width) among arcs, to name the relaxation that would help."""
    if name in ("uphill", "downhill"):
        return float(np.nanmax(graph.arcs[name][arcs]))
    if name == "kerb":
        return float(np.nanmax(graph.nodes["kerb_cm"][graph.arcs["target"][arcs]]))
    if name == "width":
        return float(np.nanmin(graph.arcs["width"][arcs]))
    if name == "steps":
        counts = graph.arcs["steps"][arcs]
        return float(counts.max()) if (counts > 0).all() else None
    return None
