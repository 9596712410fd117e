"""Turn-by-turn steps written for screen readers: plain sentences, distances in words, what each step passes.

Consecutive arcs on the same street (or the same unnamed kind of path) make one step. For the blind profile a
step also says which side the pavement is on and where it changes side or ends, names the side streets and
the streets it crosses, each crossing with its signal type and tactile paving, steps and elevators; every step
names the barriers it accepted (a soft limit exceeded, data the map lacks).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from barrierfree.core.i18n import _
from barrierfree.routing import facts, sides
from barrierfree.routing.costs import Checks
from barrierfree.routing.geo import bearing_degrees
from barrierfree.routing.graph import ArcKind, Graph
from barrierfree.routing.landmarks import landmark_near
from barrierfree.routing.profiles import Constraints
from barrierfree.routing.search import Leg
from barrierfree.routing.sides import STREET_KINDS
from barrierfree.routing.surroundings import street_crossed
from barrierfree.routing.tags import Crossing, Tri
from barrierfree.routing.wording import distance_words, heading_change, turn_words


@dataclass
class Step:
    """One instruction: the sentence, its length, where it starts, and the notes a listener needs."""

    text: str
    length_m: float
    lat: float
    lon: float
    notes: list[str] = field(default_factory=list)
    kind: str = "walk"


def _heading(graph: Graph, leg: Leg, at_start: bool) -> float:
    lats, lons = graph.shape_of(leg.arc)
    if at_start:
        return bearing_degrees(lats[0], lons[0], lats[min(1, len(lats) - 1)], lons[min(1, len(lons) - 1)])
    return bearing_degrees(lats[max(len(lats) - 2, 0)], lons[max(len(lons) - 2, 0)], lats[-1], lons[-1])


def _same_run(graph: Graph, a: int, b: int) -> bool:
    arcs = graph.arcs
    kind_a, kind_b = int(arcs["kind"][a]), int(arcs["kind"][b])
    if kind_a in _OWN_STEP or kind_b in _OWN_STEP:
        # one flight of steps or one crossing, cut where a kerb is a node or where the crossing meets the street
        # (OpenSidewalks draws each half of a crossing as its own edge)
        if kind_a != kind_b:
            return False
        if arcs["way"][a] == arcs["way"][b]:
            return True
        return kind_a == ArcKind.CROSSING and _street_at(graph, int(arcs["target"][a])) is not None
    name_a, name_b = int(arcs["name"][a]), int(arcs["name"][b])
    if name_a >= 0 or name_b >= 0:
        return name_a == name_b
    return kind_a == kind_b


def _street_at(graph: Graph, node: int) -> str | None:
    """A street with traffic through a node, by name ("Zhonghe Road") or else by kind ("the service road")."""
    streets = [arc for arc in range(int(graph.indptr[node]), int(graph.indptr[node + 1]))]
    streets = [arc for arc in streets if int(graph.arcs["kind"][arc]) in STREET_KINDS]
    if not streets:
        return None
    return next((name for arc in streets if (name := facts.street_name(graph, arc))), None) or facts.kind_words(
        graph, streets[0]
    )


_OWN_STEP = frozenset({ArcKind.STEPS, ArcKind.CROSSING, ArcKind.ELEVATOR})
"""Kinds of path that are always a step of their own, never merged into the street around them."""


def _runs(graph: Graph, legs: list[Leg]) -> list[list[Leg]]:
    runs: list[list[Leg]] = []
    for leg in legs:
        if runs and _same_run(graph, runs[-1][-1].arc, leg.arc):
            runs[-1].append(leg)
        else:
            runs.append([leg])
    return runs


def step_of_nodes(graph: Graph, legs: list[Leg]) -> dict[int, tuple[int, float]]:
    """For each node a route reaches: the index of the step the traveller is on when leaving it, and how far into
    that step the node is, in metres. A turn's node belongs to the step that makes the turn; the destination's
    node to the last step. A route that starts or ends part-way along an arc never reaches that arc's far node."""
    found: dict[int, tuple[int, float]] = {}
    runs = _runs(graph, legs)
    offset = 0.0
    for number, run in enumerate(runs):
        offset = 0.0
        for leg in run:
            if leg.start <= 0.0:
                found.setdefault(int(graph.arcs["source"][leg.arc]), (number, offset))
            offset += float(graph.arcs["length"][leg.arc]) * (leg.end - leg.start)
    if legs[-1].end >= 1.0:
        found.setdefault(int(graph.arcs["target"][legs[-1].arc]), (len(runs) - 1, offset))
    return found


def crossing_words(graph: Graph, node: int) -> str:
    """A crossing node as a blind traveller needs it: controlled how, with what aids."""
    nodes = graph.nodes
    return _crossing_words(
        Crossing(int(nodes["crossing"][node])),
        Tri(int(nodes["sound"][node])),
        Tri(int(nodes["vibration"][node])),
        Tri(int(nodes["tactile"][node])),
    )


def _crossing_words(kind: Crossing, sound: Tri, vibration: Tri, tactile: Tri) -> str:
    text = {
        Crossing.SIGNALS: _("a crossing with traffic lights"),
        Crossing.MARKED: _("a marked crossing without lights"),
        Crossing.UNMARKED: _("an unmarked crossing"),
        Crossing.INFORMAL: _("a place without a crossing"),
    }.get(kind, _("a crossing"))
    aids = []
    if sound == Tri.YES:
        aids.append(_("a sound signal"))
    if vibration == Tri.YES:
        aids.append(_("a vibrating button"))
    silent_unknown = False
    if kind == Crossing.SIGNALS and not aids:
        if sound == Tri.NO:
            aids.append(_("no sound signal"))
        else:
            silent_unknown = True  # never say "no sound signal" when the map just does not say
    if tactile == Tri.YES:
        aids.append(_("tactile paving"))
    elif tactile == Tri.NO:
        aids.append(_("no tactile paving"))
    if aids:
        text = _("{crossing}, with {aids}").format(crossing=text, aids=_(", ").join(aids))
    if silent_unknown:
        text = _("{crossing} (the map does not say whether it has a sound signal)").format(crossing=text)
    return text


def _crossing_way_words(graph: Graph, run: list[Leg]) -> tuple[str | None, str]:
    """The street a crossing way crosses (the street it meets at a node, else the one its line crosses) and the
    crossing in words.

    The crossing node on the street usually carries the signal and tactile facts; the way's own tags fill in.
    """
    arcs, nodes = graph.arcs, graph.nodes
    inner = [int(arcs["target"][leg.arc]) for leg in run[:-1]]
    street = next((name for node in inner if (name := _street_at(graph, node))), None)
    if street is None:
        street = next((name for leg in run if (name := street_crossed(graph, leg.arc, STREET_KINDS))), None)
    marked = next((node for node in inner if nodes["crossing"][node] != Crossing.NONE), None)
    if marked is not None:
        return street, crossing_words(graph, marked)
    arc = run[0].arc
    return street, _crossing_words(
        Crossing(int(arcs["crossing"][arc])),
        Tri(int(arcs["sound"][arc])),
        Tri(int(arcs["vibration"][arc])),
        Tri(int(arcs["tactile"][arc])),
    )


def _step_sentence(graph: Graph, run: list[Leg], turn: str | None, first: bool, length: float) -> tuple[str, str]:
    arc = run[0].arc
    kind = int(graph.arcs["kind"][arc])
    distance = distance_words(length)
    name = facts.where(graph, arc)
    if kind == ArcKind.STEPS:
        count = int(graph.arcs["steps"][arc])
        climbing = graph.arcs["uphill"][arc] > graph.arcs["downhill"][arc]
        rail = _(" with a handrail") if graph.arcs["handrail"][arc] == Tri.YES else ""
        if count > 0:
            text = (_("Go up {count} steps{rail}.") if climbing else _("Go down {count} steps{rail}.")).format(
                count=count, rail=rail
            )
        else:
            text = _("Take the steps{rail}.").format(rail=rail)
        return text, "steps"
    if kind == ArcKind.ELEVATOR:
        return _("Take the elevator."), "elevator"
    if kind == ArcKind.CROSSING:
        street, crossing = _crossing_way_words(graph, run)
        if street:
            return _("Cross {street} on {crossing}, {distance}.").format(
                street=street, crossing=crossing, distance=distance
            ), "crossing"
        return _("Cross the street on {crossing}, {distance}.").format(crossing=crossing, distance=distance), "crossing"
    if first:
        return _("Start on {name} and go {distance}.").format(name=name, distance=distance), "start"
    if turn:
        lats, lons = graph.shape_of(arc)
        near = landmark_near(graph, float(lats[0]), float(lons[0]))
        if near:
            text = _("{turn} at {landmark} onto {name} and go {distance}.")
            return text.format(turn=turn, landmark=near, name=name, distance=distance), "turn"
        return _("{turn} onto {name} and go {distance}.").format(turn=turn, name=name, distance=distance), "turn"
    return _("Continue on {name} for {distance}.").format(name=name, distance=distance), "walk"


def _node_notes(graph: Graph, arriving: int, leaving: int | None, for_blind: bool) -> list[str]:
    """What the traveller meets at the node between two arcs: an elevator; for the blind, crossings and side
    streets (a side street on the pavement's side is crossed even when the route goes straight on)."""
    node = int(graph.arcs["target"][arriving])
    nodes = graph.nodes
    notes = []
    if nodes["elevator"][node]:
        notes.append(_("Take the elevator here."))
    if not for_blind:
        return notes
    crossing = crossing_words(graph, node) if nodes["crossing"][node] != Crossing.NONE else None
    if leaving is None:
        if crossing:
            notes.append(_("Your destination is at {crossing}.").format(crossing=crossing))
        return notes
    kind = int(graph.arcs["kind"][arriving])
    if kind == ArcKind.CROSSING and _same_run(graph, arriving, leaving):
        return notes  # the middle of a crossing way: its step already says what kind of crossing it is
    if not (kind in STREET_KINDS and _same_run(graph, arriving, leaving)):
        if crossing:
            notes.append(_("Cross at {crossing}.").format(crossing=crossing))
        return notes
    side = sides.walking_side(sides.pavement(graph, arriving))
    for name, joining in sides.side_streets(graph, arriving, leaving).items():
        words = sides.side_street_words(name, joining, side, crossing)
        if words:
            notes.append(words)
    return notes


def _pavement_notes(graph: Graph, run: list[Leg]) -> list[str]:
    """Where the pavement is as the step begins, and where along the step it changes side, ends or begins."""
    notes = []
    first = sides.pavement(graph, run[0].arc)
    if first is not None:
        notes.append(sides.pavement_words(first))
    before, walked = first, 0.0
    for leg in run:
        here = sides.pavement(graph, leg.arc)
        if here is not None and before is None:  # the map starts saying part-way along
            notes.append(
                _("After {distance}: {pavement}").format(
                    distance=distance_words(walked), pavement=sides.pavement_words(here)
                )
            )
        elif here is not None and before is not None and here != before:
            change = sides.change_words(before, here, distance_words(walked))
            if change:
                notes.append(change)
        before = here if here is not None else before
        walked += float(graph.arcs["length"][leg.arc]) * (leg.end - leg.start)
    return notes


def write_steps(graph: Graph, legs: list[Leg], constraints: Constraints, checks: Checks, for_blind: bool) -> list[Step]:
    """The route as instructions in the current language; ``for_blind`` adds crossings, side streets and the
    side of the pavement."""
    steps: list[Step] = []
    previous_heading: float | None = None
    runs = _runs(graph, legs)
    noteworthy = facts.noteworthy(graph, checks)
    for number, run in enumerate(runs):
        length = sum(float(graph.arcs["length"][leg.arc]) * (leg.end - leg.start) for leg in run)
        heading = _heading(graph, run[0], at_start=True)
        turn = turn_words(heading_change(previous_heading, heading)) if previous_heading is not None else None
        text, kind = _step_sentence(graph, run, turn, number == 0, length)
        lats, lons = graph.shape_of(run[0].arc)
        notes: list[str] = _pavement_notes(graph, run) if for_blind else []
        following = [leg.arc for leg in run[1:]] + ([runs[number + 1][0].arc] if number + 1 < len(runs) else [None])
        for leg, leaving in zip(run, following, strict=True):
            if noteworthy[leg.arc]:
                broken, missing = facts.arc_problems(graph, constraints, checks, leg.arc)
                notes += [_("Accepted: {problem}.").format(problem=problem) for problem in broken]
                notes += [_("Note: {gap}.").format(gap=gap) for gap in missing]
            if leg.end >= 1.0:
                notes += _node_notes(graph, leg.arc, leaving, for_blind)
        steps.append(Step(text, length, float(lats[0]), float(lons[0]), list(dict.fromkeys(notes)), kind))
        previous_heading = _heading(graph, run[-1], at_start=False)
    steps.append(Step(_("You have arrived."), 0.0, *_end_point(graph, legs[-1]), kind="arrive"))
    return steps


def _end_point(graph: Graph, leg: Leg) -> tuple[float, float]:
    lats, lons = graph.shape_of(leg.arc)
    return float(lats[-1]), float(lons[-1])
