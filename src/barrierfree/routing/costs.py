"""Arc costs for a set of constraints, vectorised over the whole graph: metres, plus penalties, or blocked.

Each limit is checked once for every arc as a boolean array ("this arc breaks the kerb limit", "this arc's
kerb is unknown"). The same arrays explain a route afterwards: which barriers a step accepted, and what a
failed search ran into.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from barrierfree.routing.graph import ArcKind, Graph
from barrierfree.routing.profiles import Constraints, StepsRule, UnknownData
from barrierfree.routing.tags import Crossing, Surface, Tri

SOFT_FACTOR = 4.0
"""A soft limit broken on an arc makes it cost this many extra times its length."""
SOFT_NODE_PENALTY_M = 100.0
"""A soft limit broken at a point (a kerb, a flight of steps) costs this many extra metres."""
UNKNOWN_FACTOR = 0.5
UNKNOWN_NODE_PENALTY_M = 20.0
MIN_ARC_COST = 0.01
"""SciPy reads a zero weight as "no edge", so even a zero-length arc costs a centimetre."""

CHECKS = ("uphill", "downhill", "kerb", "width", "steps", "surface", "smoothness", "barrier", "wheelchair")
"""The limits a route can break, in the order explanations name them."""


@dataclass
class Checks:
    """Per arc and per limit: where the limit is broken, and where the data to check it is missing."""

    broken: dict[str, np.ndarray]
    unknown: dict[str, np.ndarray]
    hard: dict[str, bool]
    derived: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    """Masks built from the above on first use (see ``facts.noteworthy``), kept with the checks they come from."""


def _nan_above(values: np.ndarray, limit: float) -> tuple[np.ndarray, np.ndarray]:
    unknown = np.isnan(values)
    return np.where(unknown, False, values > limit + 1e-6), unknown


def check_arcs(graph: Graph, constraints: Constraints) -> Checks:
    """Evaluate every limit of ``constraints`` on every arc (point facts count on the arc that enters them)."""
    arcs, nodes = graph.arcs, graph.nodes
    none = np.zeros(graph.arc_count, dtype=bool)
    broken: dict[str, np.ndarray] = {}
    unknown: dict[str, np.ndarray] = {}
    hard: dict[str, bool] = {}

    def record(name: str, bad: np.ndarray, missing: np.ndarray, is_hard: bool) -> None:
        broken[name], unknown[name], hard[name] = bad, missing, is_hard

    c = constraints
    if c.max_uphill is not None:
        record("uphill", *_nan_above(arcs["uphill"], c.max_uphill.value), c.max_uphill.hard)
    if c.max_downhill is not None:
        record("downhill", *_nan_above(arcs["downhill"], c.max_downhill.value), c.max_downhill.hard)
    if c.max_kerb_cm is not None:
        kerb = nodes["kerb_cm"][arcs["target"]]
        tagged = _kerb_tagged(graph)[arcs["target"]]
        bad, missing = _nan_above(kerb, c.max_kerb_cm.value)
        record("kerb", bad, missing & tagged, c.max_kerb_cm.hard)
    if c.min_width_m is not None:
        width = arcs["width"]
        missing = np.isnan(width)
        record("width", np.where(missing, False, width < c.min_width_m.value - 1e-6), missing, c.min_width_m.hard)
    steps = arcs["steps"]
    # steps with a wheelchair ramp beside them (ramp:wheelchair=yes) can be passed without climbing them
    on_steps = (steps != 0) & (arcs["ramp"] != Tri.YES)
    if c.steps == StepsRule.NONE:
        record("steps", on_steps, none, c.steps_hard)
    elif c.steps == StepsRule.HANDRAIL or c.max_steps is not None:
        bad = on_steps & (arcs["handrail"] == Tri.NO) if c.steps == StepsRule.HANDRAIL else none.copy()
        missing = on_steps & (arcs["handrail"] == Tri.UNKNOWN) if c.steps == StepsRule.HANDRAIL else none.copy()
        if c.max_steps is not None:
            bad = bad | (steps > c.max_steps)
            missing = missing | (steps == -1)
        record("steps", bad, missing, c.steps_hard)
    if set(c.surfaces) != set(Surface):
        allowed = np.isin(arcs["surface"], [int(s) for s in c.surfaces if s != Surface.UNKNOWN])
        missing = arcs["surface"] == Surface.UNKNOWN
        record("surface", ~allowed & ~missing, missing, c.surfaces_hard)
    if c.worst_smoothness is not None:
        smooth = arcs["smoothness"]
        record("smoothness", smooth > c.worst_smoothness, none, True)
    if c.barriers_block:
        record("barrier", nodes["barrier"][arcs["target"]] == 1, none, True)
        wheel_no = (arcs["wheelchair"] == Tri.NO) | (nodes["wheelchair"][arcs["target"]] == Tri.NO)
        record("wheelchair", wheel_no & (arcs["kind"] != ArcKind.STREET), none, True)
    return Checks(broken, unknown, hard)


def _kerb_tagged(graph: Graph) -> np.ndarray:
    """Nodes that are kerbs (height known or not); a kerb of unknown height is unknown data, no kerb is not."""
    cached = graph.cache.get("kerb_tagged")
    if cached is None:
        cached = graph.cache["kerb_tagged"] = ~np.isnan(graph.nodes["kerb_cm"]) | (
            graph.nodes["crossing"] != Crossing.NONE
        )
    return cached


NODE_CHECKS = frozenset({"kerb", "barrier"})
"""Limits checked at the node an arc enters: a walk that stops part-way along the arc never meets them."""


def arc_costs(graph: Graph, constraints: Constraints, checks: Checks | None = None) -> np.ndarray:
    """Cost in metre-equivalents of every arc; ``np.inf`` where a hard limit (or blocked unknown data) bars it."""
    return _costs(graph, constraints, checks or check_arcs(graph, constraints), with_end_node=True)


def body_costs(graph: Graph, constraints: Constraints, checks: Checks | None = None) -> np.ndarray:
    """Like ``arc_costs`` without what lies at the arc's end node (kerb, barrier, crossing): for a walk that
    starts or stops part-way along an arc and so never reaches that node."""
    return _costs(graph, constraints, checks or check_arcs(graph, constraints), with_end_node=False)


def _costs(graph: Graph, constraints: Constraints, checks: Checks, with_end_node: bool) -> np.ndarray:
    arcs, nodes = graph.arcs, graph.nodes
    length = arcs["length"]
    factor = np.where(arcs["kind"] == ArcKind.MAJOR_ROAD, constraints.major_road_factor, 1.0)
    if constraints.unlit_factor:
        factor = factor + np.where(arcs["lit"] == Tri.NO, constraints.unlit_factor, 0.0)
    extra = np.zeros(graph.arc_count)
    blocked = np.zeros(graph.arc_count, dtype=bool)
    point_checks = {"kerb", "steps", "barrier", "wheelchair"}
    for name, bad in checks.broken.items():
        if name in NODE_CHECKS and not with_end_node:
            continue
        missing = checks.unknown[name]
        if checks.hard[name]:
            blocked |= bad
        elif name in point_checks:
            extra += np.where(bad, SOFT_NODE_PENALTY_M, 0.0)
        else:
            factor = factor + np.where(bad, SOFT_FACTOR, 0.0)
        if constraints.unknown == UnknownData.BLOCK:
            blocked |= missing
        elif constraints.unknown == UnknownData.PENALISE:
            if name in point_checks:
                extra += np.where(missing, UNKNOWN_NODE_PENALTY_M, 0.0)
            else:
                factor = factor + np.where(missing, UNKNOWN_FACTOR, 0.0)
    crossing = nodes["crossing"][arcs["target"]]
    if with_end_node:
        extra += np.asarray(constraints.crossing_penalty_m)[crossing]
    if constraints.silent_signal_penalty_m and with_end_node:
        target = arcs["target"]
        silent = (crossing == Crossing.SIGNALS) & (nodes["sound"][target] != Tri.YES)
        silent &= nodes["vibration"][target] != Tri.YES
        extra += np.where(silent, constraints.silent_signal_penalty_m, 0.0)
    cost = np.maximum(length * factor + extra, MIN_ARC_COST)
    cost[blocked] = np.inf
    return cost
