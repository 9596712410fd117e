"""Turn-by-turn steps written for screen readers: plain sentences, distances in words, what each step passes.

Consecutive arcs on the same street (or the same unnamed kind of path) make one step. For the blind profile a
step also announces each crossing with its signal type and tactile paving, steps and elevators; every step
names the barriers it accepted (a soft limit exceeded, data the map lacks).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from barrierfree.core.i18n import _
from barrierfree.routing import facts
from barrierfree.routing.costs import Checks
from barrierfree.routing.geo import bearing_degrees
from barrierfree.routing.graph import ArcKind, Graph
from barrierfree.routing.landmarks import landmark_near
from barrierfree.routing.profiles import Constraints
from barrierfree.routing.search import Leg
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
    if arcs["kind"][b] in (ArcKind.STEPS, ArcKind.CROSSING, ArcKind.ELEVATOR) or arcs["kind"][a] in (
        ArcKind.STEPS,
        ArcKind.CROSSING,
        ArcKind.ELEVATOR,
    ):
        return False
    name_a, name_b = int(arcs["name"][a]), int(arcs["name"][b])
    if name_a >= 0 or name_b >= 0:
        return name_a == name_b
    return bool(arcs["kind"][a] == arcs["kind"][b])


def _runs(graph: Graph, legs: list[Leg]) -> list[list[Leg]]:
    runs: list[list[Leg]] = []
    for leg in legs:
        if runs and _same_run(graph, runs[-1][-1].arc, leg.arc):
            runs[-1].append(leg)
        else:
            runs.append([leg])
    return runs


def crossing_words(graph: Graph, node: int) -> str:
    """A crossing as a blind traveller needs it: controlled how, with what aids."""
    nodes = graph.nodes
    kind = Crossing(int(nodes["crossing"][node]))
    text = {
        Crossing.SIGNALS: _("a crossing with traffic lights"),
        Crossing.MARKED: _("a marked crossing without lights"),
        Crossing.UNMARKED: _("an unmarked crossing"),
        Crossing.INFORMAL: _("a place without a crossing"),
    }.get(kind, _("a crossing"))
    aids = []
    if nodes["sound"][node] == Tri.YES:
        aids.append(_("a sound signal"))
    if nodes["vibration"][node] == Tri.YES:
        aids.append(_("a vibrating button"))
    if kind == Crossing.SIGNALS and not aids:
        aids.append(_("no sound signal"))
    if nodes["tactile"][node] == Tri.YES:
        aids.append(_("tactile paving"))
    elif nodes["tactile"][node] == Tri.NO:
        aids.append(_("no tactile paving"))
    return _("{crossing}, with {aids}").format(crossing=text, aids=_(", ").join(aids)) if aids else text


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
        return _("Cross the street on the crossing, {distance}.").format(distance=distance), "crossing"
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


def _node_notes(graph: Graph, node: int, announce_crossings: bool) -> list[str]:
    nodes = graph.nodes
    notes = []
    if nodes["elevator"][node]:
        notes.append(_("Take the elevator here."))
    if announce_crossings and nodes["crossing"][node] != Crossing.NONE:
        notes.append(_("Cross at {crossing}.").format(crossing=crossing_words(graph, node)))
    return notes


def write_steps(
    graph: Graph, legs: list[Leg], constraints: Constraints, checks: Checks, announce_crossings: bool
) -> list[Step]:
    """The route as instructions in the current language."""
    steps: list[Step] = []
    previous_heading: float | None = None
    for number, run in enumerate(_runs(graph, legs)):
        length = sum(float(graph.arcs["length"][leg.arc]) * (leg.end - leg.start) for leg in run)
        heading = _heading(graph, run[0], at_start=True)
        turn = turn_words(heading_change(previous_heading, heading)) if previous_heading is not None else None
        text, kind = _step_sentence(graph, run, turn, number == 0, length)
        lats, lons = graph.shape_of(run[0].arc)
        notes: list[str] = []
        for leg in run:
            broken, missing = facts.arc_problems(graph, constraints, checks, leg.arc)
            notes += [_("Accepted: {problem}.").format(problem=problem) for problem in broken]
            notes += [_("Note: {gap}.").format(gap=gap) for gap in missing]
            if leg.end >= 1.0:
                notes += _node_notes(graph, int(graph.arcs["target"][leg.arc]), announce_crossings)
        steps.append(Step(text, length, float(lats[0]), float(lons[0]), list(dict.fromkeys(notes)), kind))
        previous_heading = _heading(graph, run[-1], at_start=False)
    steps.append(Step(_("You have arrived."), 0.0, *_end_point(graph, legs[-1]), kind="arrive"))
    return steps


def _end_point(graph: Graph, leg: Leg) -> tuple[float, float]:
    lats, lons = graph.shape_of(leg.arc)
    return float(lats[-1]), float(lons[-1])
