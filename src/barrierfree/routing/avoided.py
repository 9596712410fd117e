"""What a route avoided: the plain walking route between the same points, the barriers on it that this route's
limits forbid, and where along this route it turned away from them.

This needs a second search, so a route works it out only when its explanation is first read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from barrierfree.core.i18n import _
from barrierfree.routing import facts
from barrierfree.routing.costs import NODE_CHECKS, Checks
from barrierfree.routing.graph import Graph
from barrierfree.routing.instructions import step_of_nodes
from barrierfree.routing.profiles import Constraints
from barrierfree.routing.search import Found
from barrierfree.routing.wording import distance_words


@dataclass
class Avoidance:
    """The route-level sentence, and for each step (by index) what the route turned away from there."""

    summary: list[str] = field(default_factory=list)
    by_step: dict[int, list[str]] = field(default_factory=dict)


class _OurRoute:
    """What our route passes, to tell a barrier it avoided from one it met too.

    A slope is one-way (the same stretch walked the other way climbs instead of falls); a surface, a width or a
    flight of steps is met either way; a kerb or a barrier is a point, met when the route passes its node.
    """

    def __init__(self, graph: Graph, route: Found) -> None:
        self.graph = graph
        self.arcs = {leg.arc for leg in route.legs}
        twins = graph.arcs["twin"]
        self.stretches = self.arcs | {int(twins[arc]) for arc in self.arcs}
        self.steps_at = step_of_nodes(graph, route.legs)
        """Each node the route reaches: (step index, metres into that step)."""
        self.nodes = set(self.steps_at)

    def meets(self, name: str, arc: int) -> bool:
        if name in ("uphill", "downhill"):
            return arc in self.arcs
        if name in NODE_CHECKS:
            return int(self.graph.arcs["target"][arc]) in self.nodes
        return arc in self.stretches


def compare(graph: Graph, constraints: Constraints, checks: Checks, route: Found, plain: Found) -> Avoidance:
    """Compare a route with the plain walking route between the same points."""
    plain_arcs = [leg.arc for leg in plain.legs]
    broken = facts.broken_names(checks, plain_arcs)
    if not broken:
        return Avoidance()  # the plain route breaks no limit: nothing to avoid (most routes)
    ours = _OurRoute(graph, route)
    avoided = {name: [arc for arc in hits if not ours.meets(name, arc)] for name, hits in broken.items()}
    problems = {name: hits for name, hits in avoided.items() if hits}  # met by this route too: accepted, not avoided
    if not problems:
        return Avoidance()
    named = [
        facts.located(graph, facts.broken_words(graph, constraints, name, hits[0]), hits[0], name)
        for name, hits in problems.items()
    ]
    extra = max(route.length_m - plain.length_m, 0.0)
    summary = _("The shortest way ({length}) has {problems}. This route avoids them and is {extra} longer.").format(
        length=distance_words(plain.length_m), problems=_("; ").join(named), extra=distance_words(extra)
    )
    return Avoidance([summary], _where_turned_away(graph, constraints, checks, route, plain, ours))


def _where_turned_away(
    graph: Graph, constraints: Constraints, checks: Checks, route: Found, plain: Found, ours: _OurRoute
) -> dict[int, list[str]]:
    """Each barrier on the plain route, charged to the step of ours at the last node both routes reach before it.

    That is where the traveller, following our route, leaves the way that would have met the barrier (the start
    when they part at once). A barrier is named once even when its way is cut into several arcs (a flight of
    steps split at a kerb).
    """
    nodes_on_route = ours.steps_at
    parted_at = (0, 0.0)
    found: dict[tuple[int, float], dict[tuple[str, int], str]] = {}
    arcs = np.asarray([leg.arc for leg in plain.legs], dtype=np.int64)
    flagged = facts.noteworthy(graph, checks)[arcs].tolist()
    sources = graph.arcs["source"][arcs].tolist()
    for number, (leg, source, barrier) in enumerate(zip(plain.legs, sources, flagged, strict=True)):
        if number > 0 or leg.start <= 0.0:  # a plain route starting part-way along an arc never reaches its source
            parted_at = nodes_on_route.get(source, parted_at)
        if not barrier:
            continue
        for name, bad in checks.broken.items():
            if bad[leg.arc] and not ours.meets(name, leg.arc):
                key = (
                    name,
                    int(graph.arcs["target"][leg.arc]) if name in NODE_CHECKS else int(graph.arcs["way"][leg.arc]),
                )
                words = facts.located(graph, facts.broken_words(graph, constraints, name, leg.arc), leg.arc, name)
                found.setdefault(parted_at, {}).setdefault(key, words)
    notes: dict[int, list[str]] = {}
    for (step, offset), named in found.items():
        problems = _("; ").join(dict.fromkeys(named.values()))
        if offset < 1.0:
            text = _("Here the route leaves the shortest way, to avoid {problems}.").format(problems=problems)
        else:
            text = _("After {distance} the route leaves the shortest way, to avoid {problems}.").format(
                distance=distance_words(offset), problems=problems
            )
        notes.setdefault(step, []).append(text)
    return notes
