"""What a route avoided: said for the whole route and on the step where it turned away."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from barrierfree import routing
from barrierfree.routing.avoided import Avoidance, compare
from barrierfree.routing.costs import check_arcs
from barrierfree.routing.demo import DEMO_POINTS, demo_graph
from barrierfree.routing.graph import ArcKind
from barrierfree.routing.instructions import step_of_nodes
from barrierfree.routing.profiles import profile_named
from barrierfree.routing.search import Found, Leg
from tests.unit.routing.synthetic import POINT, write_map


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> routing.Graph:
    return routing.build_graph(write_map(tmp_path_factory.mktemp("map")))


def test_the_step_at_the_start_says_what_the_route_turned_away_from(graph: routing.Graph) -> None:
    route = routing.plan_route(graph, routing.RouteRequest(POINT["B"], POINT["E"], "manual_wheelchair"))
    assert route.avoided and "12 steps" in route.avoided[0]
    first = route.steps[0].notes
    assert first[0].startswith("Here the route leaves the shortest way, to avoid "), first
    assert "12 steps" in first[0] and "a kerb of" in first[0]
    assert first[0].count("12 steps") == 1  # the flight is cut in two by the kerb node: named once
    assert all("shortest way" not in note for step in route.steps[1:] for note in step.notes)


def test_a_turn_away_part_way_along_a_step_says_how_far(tmp_path: Path) -> None:
    demo = demo_graph(tmp_path)
    request = routing.RouteRequest(DEMO_POINTS["youdian_dongpo"], DEMO_POINTS["renhe_zhonghe"], "manual_wheelchair")
    document = routing.plan_route(demo, request).document()
    notes = document["steps"][0]["notes"]
    assert any(
        note.startswith("After about one hundred and forty metres the route leaves the shortest way") for note in notes
    ), notes


def test_a_route_that_is_the_shortest_way_avoided_nothing(graph: routing.Graph) -> None:
    route = routing.plan_route(graph, routing.RouteRequest(POINT["A"], POINT["C"], "manual_wheelchair"))
    assert route.avoided == []
    assert all("shortest way" not in note for step in route.steps for note in step.notes)


def test_walking_has_nothing_to_compare_with(graph: routing.Graph) -> None:
    route = routing.plan_route(graph, routing.RouteRequest(POINT["B"], POINT["E"], "foot"))
    assert route.avoided == []


def test_a_barrier_this_route_crosses_the_other_way_is_not_avoided(graph: routing.Graph) -> None:
    steps = int(np.flatnonzero(graph.arcs["kind"] == ArcKind.STEPS)[0])
    twin = int(graph.arcs["twin"][steps])
    constraints = profile_named("manual_wheelchair").constraints
    checks = check_arcs(graph, constraints)
    length = float(graph.arcs["length"][steps])
    ours, plain = Found([Leg(steps)], length, length), Found([Leg(twin)], length, length)
    assert compare(graph, constraints, checks, ours, plain) == Avoidance()


def test_nodes_a_route_never_reaches_are_not_on_it(graph: routing.Graph) -> None:
    first, second = 0, int(np.flatnonzero(graph.arcs["source"] == graph.arcs["target"][0])[0])
    reached = step_of_nodes(graph, [Leg(first, 0.5, 1.0), Leg(second, 0.0, 0.5)])
    assert set(reached) == {int(graph.arcs["target"][first])}  # not where the first starts, not where the last ends
