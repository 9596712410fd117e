"""Instructions for blind travellers on the demo map: pavement sides, side streets, crossings, one flight of steps."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from barrierfree import routing
from barrierfree.routing.demo import DEMO_POINTS, demo_graph

RENHE_WEST = (30.2564, 120.1620)
RENHE_EAST = (30.2564, 120.1665)
YOUDIAN_WEST = (30.2577, 120.1620)
YOUDIAN_HUANSHA = (30.2577, 120.1650)


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> routing.Graph:
    return demo_graph(Path(tmp_path_factory.mktemp("demo")))


def _blind(graph: routing.Graph, origin: tuple[float, float], destination: tuple[float, float]) -> routing.Route:
    return routing.plan_route(graph, routing.RouteRequest(origin, destination, "blind", language="en"))


def test_the_pavement_side_and_where_it_changes_are_announced(graph: routing.Graph) -> None:
    # Renhe Road is mapped west to east with the pavement on the right, then on the left from Huansha Road
    eastward = _blind(graph, RENHE_WEST, RENHE_EAST).steps[0].notes
    assert eastward[0] == "The pavement is on your right only."
    assert any("pavement continues on the other side of the street: cross to your left" in note for note in eastward)
    westward = _blind(graph, RENHE_EAST, RENHE_WEST).steps[0].notes
    assert westward[0] == "The pavement is on your right only.", westward  # the left of a way walked backwards
    assert any("cross to your left" in note for note in westward)
    assert any("After about one hundred and forty metres" in note for note in westward), westward


def test_a_street_without_pavement_says_so(graph: routing.Graph) -> None:
    route = _blind(graph, (30.2590, 120.1665), RENHE_EAST)  # down Zhonghe Road, sidewalk=no
    assert "This street has no pavement: keep to the edge of the road." in route.steps[0].notes


def test_going_straight_through_a_junction_crosses_the_side_street_with_its_aids(graph: routing.Graph) -> None:
    for origin, destination in ((YOUDIAN_WEST, YOUDIAN_HUANSHA), (YOUDIAN_HUANSHA, YOUDIAN_WEST)):
        notes = _blind(graph, origin, destination).steps[0].notes
        assert "Cross Dongpo Road at a crossing with traffic lights, with a sound signal, tactile paving." in notes, (
            notes
        )


def test_a_side_street_on_the_far_side_is_named_not_crossed(graph: routing.Graph) -> None:
    notes = _blind(graph, DEMO_POINTS["hubin"], (30.2590, 120.1650)).steps[0].notes  # east on Pinghai Road
    assert "Dongpo Road joins from your right." in notes, notes  # pavements on both sides: the side is not known


def test_other_profiles_get_no_street_side_notes(graph: routing.Graph) -> None:
    route = routing.plan_route(graph, routing.RouteRequest(RENHE_WEST, RENHE_EAST, "foot", language="en"))
    assert route.steps[0].notes == []


def test_a_flight_of_steps_cut_by_a_kerb_is_one_step(graph: routing.Graph) -> None:
    route = _blind(graph, DEMO_POINTS["youdian_dongpo"], DEMO_POINTS["renhe_zhonghe"])
    assert [step.text for step in route.steps].count("Go down 12 steps.") == 1, [step.text for step in route.steps]


def test_chinese_instructions_name_the_pavement_side(graph: routing.Graph) -> None:
    route = routing.plan_route(graph, routing.RouteRequest(RENHE_WEST, RENHE_EAST, "blind", language="zh-CN"))
    assert "右" in route.steps[0].notes[0] and "人行道" in route.steps[0].notes[0], route.steps[0].notes


def test_after_dark_the_blind_profile_keeps_off_the_unlit_path(graph: routing.Graph) -> None:
    noon, ten_at_night = datetime(2026, 6, 1, 4, tzinfo=UTC), datetime(2026, 6, 1, 14, tzinfo=UTC)  # Hangzhou: UTC+8
    by_day = routing.RouteRequest(DEMO_POINTS["hubin"], DEMO_POINTS["renhe_zhonghe"], "blind", departure=noon)
    day = routing.plan_route(graph, by_day)
    night = routing.plan_route(graph, replace(by_day, departure=ten_at_night))
    lakeside = "Bear right onto Lakeside path and go about two hundred metres."
    assert lakeside in [step.text for step in day.steps]
    assert lakeside not in [step.text for step in night.steps]
    walking = routing.plan_route(graph, replace(by_day, profile="foot", departure=ten_at_night))
    assert walking.length_m == day.length_m  # walking without a light preference is the same by night


def test_the_night_note_says_how_much_is_unlit(graph: routing.Graph) -> None:
    ten_at_night = datetime(2026, 6, 1, 14, tzinfo=UTC)
    origin, destination = (30.2590, 120.1650), (30.25835, 120.16575)  # the middle of the unlit path
    route = routing.plan_route(graph, routing.RouteRequest(origin, destination, "blind", departure=ten_at_night))
    assert any(  # half of the 200 m path: the part-way leg counts only what is walked
        note.startswith("It will be dark when you leave") and "about one hundred metres of it is not lit" in note
        for note in route.notes
    ), route.notes


def test_a_departure_without_a_zone_is_the_maps_local_time(graph: routing.Graph) -> None:
    lakeside = "Bear right onto Lakeside path and go about two hundred metres."
    for local_time, lit_only in ((datetime(2026, 6, 1, 22), True), (datetime(2026, 6, 1, 12), False)):
        request = routing.RouteRequest(
            DEMO_POINTS["hubin"], DEMO_POINTS["renhe_zhonghe"], "blind", departure=local_time
        )
        texts = [step.text for step in routing.plan_route(graph, request).steps]
        assert (lakeside not in texts) is lit_only, (local_time, texts)


def _crossing_map(directory: Path, node_tags: dict[int, dict[str, str]], elm_crossing: dict[str, str]) -> Path:
    """Oak Street (west-east) with a crossing drawn in two halves meeting on its centre line (as OpenSidewalks
    draws them), and Elm Street crossed by a crossing way that shares no node with it."""
    nodes = {
        1: (49.0000, 8.0000),  # Oak Street, west end
        2: (49.0000, 8.0010),  # Oak Street centre line, where the two halves meet
        3: (49.0000, 8.0020),  # Oak Street, east end
        4: (49.0001, 8.0010),  # north kerb
        5: (48.9999, 8.0010),  # south kerb
        6: (49.0001, 8.0030),  # Elm Street, north-east
        7: (48.9999, 8.0030),  # Elm Street, south-east
        8: (49.0000, 8.0025),  # west kerb of Elm Street
        9: (49.0000, 8.0035),  # east kerb of Elm Street
    }
    ways = [
        (1, [1, 2, 3], {"highway": "residential", "name": "Oak Street"}),
        (2, [4, 2], {"highway": "footway", "footway": "crossing", "crossing:markings": "zebra"}),
        (3, [2, 5], {"highway": "footway", "footway": "crossing", "crossing:markings": "zebra"}),
        (4, [6, 7], {"highway": "residential", "name": "Elm Street"}),
        (5, [8, 9], {"highway": "footway", "footway": "crossing", **elm_crossing}),
        (6, [5, 8], {"highway": "footway", "footway": "sidewalk"}),
    ]
    return _write_osm(directory / "crossings.osm", nodes, node_tags, ways)


def _write_osm(
    path: Path,
    nodes: dict[int, tuple[float, float]],
    node_tags: dict[int, dict[str, str]],
    ways: list[tuple[int, list[int], dict[str, str]]],
) -> Path:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6">']
    for node, (lat, lon) in nodes.items():
        lines.append(f'<node id="{node}" version="1" lat="{lat}" lon="{lon}">')
        lines += [f'<tag k="{key}" v="{value}"/>' for key, value in node_tags.get(node, {}).items()]
        lines.append("</node>")
    for way_id, refs, way_tags in ways:
        lines.append(f'<way id="{way_id}" version="1">')
        lines += [f'<nd ref="{ref}"/>' for ref in refs]
        lines += [f'<tag k="{key}" v="{value}"/>' for key, value in way_tags.items()]
        lines.append("</way>")
    path.write_text("\n".join([*lines, "</osm>"]), encoding="utf-8")
    return path


def test_a_pavement_the_map_gives_only_part_way_along_is_announced_there(tmp_path: Path) -> None:
    nodes = {1: (49.0, 8.000), 2: (49.0, 8.001), 3: (49.0, 8.002)}
    ways = [
        (1, [1, 2], {"highway": "residential", "name": "Pine Street"}),
        (2, [2, 3], {"highway": "residential", "name": "Pine Street", "sidewalk": "left"}),
    ]
    pine = routing.build_graph(_write_osm(tmp_path / "pine.osm", nodes, {}, ways))
    notes = _blind(pine, (49.0, 8.000), (49.0, 8.002)).steps[0].notes
    assert notes == ["After about seventy-five metres: The pavement is on your left only."], notes


def test_a_crossing_is_one_step_named_by_the_street_it_crosses(tmp_path: Path) -> None:
    crossings = routing.build_graph(_crossing_map(tmp_path, {}, {"crossing": "uncontrolled"}))
    route = _blind(crossings, (49.0001, 8.0010), (49.0000, 8.0035))
    texts = [step.text for step in route.steps]
    assert texts[0] == "Cross Oak Street on a marked crossing without lights, about twenty metres.", texts
    assert any(text.startswith("Cross Elm Street on a marked crossing without lights") for text in texts), texts


def test_a_crossing_through_a_tagged_node_is_said_once_with_the_nodes_aids(tmp_path: Path) -> None:
    signals = {"highway": "traffic_signals", "crossing": "traffic_signals", "traffic_signals:sound": "yes"}
    sound_on_the_way = {"crossing": "traffic_signals", "traffic_signals:vibration": "yes"}
    crossings = routing.build_graph(_crossing_map(tmp_path, {2: signals}, sound_on_the_way))
    route = _blind(crossings, (49.0001, 8.0010), (49.0000, 8.0035))
    assert route.steps[0].text == (
        "Cross Oak Street on a crossing with traffic lights, with a sound signal, about twenty metres."
    ), route.steps[0].text
    assert not any(note.startswith("Cross at") for note in route.steps[0].notes), route.steps[0].notes
    elm = next(step.text for step in route.steps if step.text.startswith("Cross Elm Street"))
    assert elm.startswith("Cross Elm Street on a crossing with traffic lights, with a vibrating button,"), elm


def test_lights_without_a_sound_tag_are_not_called_silent(graph: routing.Graph) -> None:
    # Renhe Road meets Huansha Road at lights whose sound the demo map does not give
    notes = _blind(graph, RENHE_EAST, RENHE_WEST).steps[0].notes
    assert any("the map does not say whether it has a sound signal" in note for note in notes), notes
    assert not any("no sound signal" in note for note in notes), notes


def test_a_destination_at_a_crossing_says_so(graph: routing.Graph) -> None:
    route = _blind(graph, YOUDIAN_WEST, DEMO_POINTS["youdian_dongpo"])
    assert any(
        note.startswith("Your destination is at a crossing with traffic lights") for note in route.steps[-2].notes
    )
