"""Planning routes on the synthetic map: profiles avoid what they must, failures and detours are explained."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from barrierfree import routing
from barrierfree.routing.graph import ArcKind
from tests.unit.routing.synthetic import POINT, write_map


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> routing.Graph:
    return routing.build_graph(write_map(tmp_path_factory.mktemp("map")))


def _kinds(graph: routing.Graph, route: routing.Route) -> set[int]:
    return set(graph.arcs["kind"][route.arcs].tolist())


def test_walking_takes_the_short_steps(graph: routing.Graph) -> None:
    route = routing.plan_route(graph, routing.RouteRequest(POINT["B"], POINT["E"], "foot"))
    assert ArcKind.STEPS in _kinds(graph, route)
    assert route.length_m == pytest.approx(222, abs=5)


def test_a_wheelchair_goes_round_by_the_ramps_and_says_why(graph: routing.Graph) -> None:
    route = routing.plan_route(graph, routing.RouteRequest(POINT["B"], POINT["E"], "manual_wheelchair", language="en"))
    assert ArcKind.STEPS not in _kinds(graph, route)
    assert route.length_m > 500
    assert any("12 steps" in line and "avoids them" in line for line in route.avoided), route.avoided


def test_a_failed_search_names_the_blocker_and_the_nearest_relaxation(graph: routing.Graph) -> None:
    strict = routing.Overrides(max_downhill=3.0)  # the ramps fall 4 %
    steps = frozenset(np.flatnonzero(graph.arcs["kind"] == ArcKind.STEPS).tolist())  # closed: only the ramps remain
    request = routing.RouteRequest(
        POINT["B"], POINT["E"], "manual_wheelchair", strict, language="en", closed_arcs=steps
    )
    with pytest.raises(routing.NoRoute) as failure:
        routing.plan_route(graph, request)
    message = str(failure.value)
    assert "a downhill grade of 4 % (limit 3 %)" in message
    assert "allowing a downhill grade of 4 %" in message and "gives a route of" in message


def test_a_soft_limit_is_a_preference_not_a_wall(graph: routing.Graph) -> None:
    soft = routing.Overrides(max_downhill=3.0, soft=frozenset({"downhill"}))
    route = routing.plan_route(graph, routing.RouteRequest(POINT["B"], POINT["E"], "manual_wheelchair", soft, "en"))
    assert any("Accepted: a downhill grade of 4 %" in note for step in route.steps for note in step.notes)


def test_the_blind_profile_announces_the_crossing_with_its_aids(graph: routing.Graph) -> None:
    route = routing.plan_route(graph, routing.RouteRequest(POINT["E"], POINT["H"], "blind", language="en"))
    said = [text for step in route.steps for text in (step.text, *step.notes)]
    assert any("traffic lights" in text and "sound signal" in text and "tactile paving" in text for text in said), said


def test_instructions_come_in_chinese_with_chinese_names_and_numbers(graph: routing.Graph) -> None:
    route = routing.plan_route(graph, routing.RouteRequest(POINT["A"], POINT["C"], "foot", language="zh-CN"))
    assert "主街" in route.steps[0].text
    assert "二百九十" in route.steps[0].text or "三百" in route.steps[0].text, route.steps[0].text


def test_a_live_closure_reroutes_at_once(graph: routing.Graph) -> None:
    steps = frozenset(np.flatnonzero(graph.arcs["kind"] == ArcKind.STEPS).tolist())
    route = routing.plan_route(graph, routing.RouteRequest(POINT["B"], POINT["E"], "foot", closed_arcs=steps))
    assert ArcKind.STEPS not in _kinds(graph, route)


def test_points_off_the_map_and_bad_requests_are_refused_clearly(graph: routing.Graph) -> None:
    with pytest.raises(routing.PointOffNetwork, match="more than 200 m"):
        routing.plan_route(graph, routing.RouteRequest(POINT["A"], (49.5, 8.8), "foot", language="en"))
    with pytest.raises(routing.InvalidRoutingInput, match="Unknown profile"):
        routing.plan_route(graph, routing.RouteRequest(POINT["A"], POINT["C"], "bicycle", language="en"))
    contradictory = routing.Overrides(steps=routing.StepsRule.NONE, max_steps=3)
    with pytest.raises(routing.InvalidRoutingInput, match="steps are not allowed"):
        routing.plan_route(graph, routing.RouteRequest(POINT["A"], POINT["C"], "foot", contradictory, "en"))
    with pytest.raises(routing.InvalidRoutingInput, match="latitude,longitude"):
        routing.plan_route(graph, routing.RouteRequest((91.0, 0.0), POINT["C"], "foot", language="en"))


def test_an_elevator_closed_at_departure_is_not_used(tmp_path: Path) -> None:
    osm = tmp_path / "lift.osm"
    osm.write_text(
        '<osm version="0.6"><node id="1" lat="0" lon="0"/><node id="2" lat="0" lon="0.001">'
        '<tag k="highway" v="elevator"/><tag k="opening_hours" v="Mo-Fr 08:00-18:00"/></node>'
        '<node id="3" lat="0" lon="0.002"/><node id="4" lat="0.003" lon="0.001"/>'
        '<way id="1"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="footway"/></way>'
        '<way id="2"><nd ref="1"/><nd ref="4"/><nd ref="3"/><tag k="highway" v="footway"/></way></osm>'
    )
    graph = routing.build_graph(osm)
    saturday_night = datetime(2026, 11, 28, 14, 0, tzinfo=UTC)  # 22:00 in Asia/Shanghai
    monday_noon = datetime(2026, 11, 30, 4, 0, tzinfo=UTC)
    open_route = routing.plan_route(graph, routing.RouteRequest((0, 0), (0, 0.002), "foot", departure=monday_noon))
    closed_route = routing.plan_route(graph, routing.RouteRequest((0, 0), (0, 0.002), "foot", departure=saturday_night))
    assert open_route.length_m < 250 < closed_route.length_m


def test_a_turn_is_named_by_the_landmark_beside_it(graph: routing.Graph) -> None:
    route = routing.plan_route(graph, routing.RouteRequest(POINT["A"], POINT["E"], "manual_wheelchair", language="en"))
    assert any("at Café Rossi onto River Walk" in step.text for step in route.steps), [s.text for s in route.steps]
    chinese = routing.plan_route(
        graph, routing.RouteRequest(POINT["A"], POINT["E"], "manual_wheelchair", language="zh-CN")
    )
    assert any("罗西咖啡馆" in step.text for step in chinese.steps), [s.text for s in chinese.steps]


def test_steps_with_a_wheelchair_ramp_are_open_to_a_wheelchair(tmp_path: Path) -> None:
    halfway_down = (49.4095, 8.6920)  # on the steps from B, above the raised kerb
    ramped = routing.build_graph(write_map(tmp_path, {102: {"ramp:wheelchair": "yes"}}))
    route = routing.plan_route(
        ramped, routing.RouteRequest(POINT["B"], halfway_down, "power_wheelchair", language="en")
    )
    assert ArcKind.STEPS in _kinds(ramped, route) and route.length_m < 80
    bare = routing.build_graph(write_map(tmp_path, {102: {"ramp": "yes"}}))  # a ramp for what? not enough
    detour = routing.plan_route(bare, routing.RouteRequest(POINT["B"], halfway_down, "power_wheelchair", language="en"))
    assert ArcKind.STEPS not in _kinds(bare, detour)
