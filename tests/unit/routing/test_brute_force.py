"""On real data, a wheelchair route never uses steps, a raised kerb or a slope over the limit when a way exists.

The check is independent of the engine's cost code: the test decides from the graph's raw facts which arcs a
manual wheelchair may use, finds by breadth-first search whether the destination is reachable on those arcs
alone, and then holds the engine to it: a route when one exists, made only of allowed arcs; NoRoute otherwise.
"""

from __future__ import annotations

import math
import random
from collections import deque
from pathlib import Path

import numpy as np
import pytest

from barrierfree import routing
from barrierfree.routing.geo import haversine_m
from barrierfree.routing.search import _small_islands
from tests.conftest import SHARED_DATA

OSM = SHARED_DATA / "osm"
PAIRS = 40
MAX_APART_M = 800.0
pytestmark = pytest.mark.skipif(not OSM.is_dir(), reason="needs ../shared/data/osm beside the project")


def _allowed(graph: routing.Graph) -> np.ndarray:
    """Manual wheelchair defaults, from the raw facts: no steps, kerb <= 3 cm, climb <= 8 %, descent <= 10 %."""
    arcs, nodes = graph.arcs, graph.nodes
    kerb = nodes["kerb_cm"][arcs["target"]]
    ok = arcs["steps"] == 0
    ok &= ~(kerb > 3.0)  # NaN (no kerb known) passes
    ok &= ~(arcs["uphill"] > 8.0) & ~(arcs["downhill"] > 10.0)
    ok &= ~(arcs["width"] < 0.9) & ~np.isin(arcs["surface"], [int(routing.Surface.LOOSE)])
    ok &= arcs["smoothness"] <= 4
    ok &= nodes["barrier"][arcs["target"]] == 0
    ok &= (arcs["wheelchair"] != 3) | (arcs["kind"] == 6)
    ok &= nodes["wheelchair"][arcs["target"]] != 3
    return ok


def _reachable(graph: routing.Graph, allowed: np.ndarray, start: int, goal: int) -> bool:
    seen, queue = {start}, deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            return True
        for arc in range(graph.indptr[node], graph.indptr[node + 1]):
            if allowed[arc] and (target := int(graph.arcs["target"][arc])) not in seen:
                seen.add(target)
                queue.append(target)
    return False


def _pairs(graph: routing.Graph, allowed: np.ndarray) -> list[tuple[int, int]]:
    # endpoints where every incident arc is allowed both ways, so snapping cannot move them elsewhere
    blocked = np.zeros(graph.node_count, dtype=bool)
    blocked[graph.arcs["source"][~allowed]] = True
    blocked[graph.arcs["target"][~allowed]] = True
    # ... and not on a small island, which snapping passes over on purpose (search.MIN_COMPONENT_NODES)
    blocked |= _small_islands(graph)
    candidates = np.flatnonzero(~blocked & (np.diff(graph.indptr) > 0)).tolist()
    rng = random.Random(4)
    lat, lon = graph.nodes["lat"], graph.nodes["lon"]
    pairs: list[tuple[int, int]] = []
    while len(pairs) < PAIRS:
        a, b = rng.choice(candidates), rng.choice(candidates)
        if 100 <= haversine_m(lat[a], lon[a], lat[b], lon[b]) <= MAX_APART_M:
            pairs.append((a, b))
    return pairs


@pytest.mark.parametrize(
    ("source", "dem"),
    [
        (OSM / "opensidewalks-microsoft-campus" / "wa.microsoft.graph.edges.OSW.geojson", []),
        (OSM / "monaco.osm.pbf", [OSM / "N43E007.hgt.zip"]),
    ],
    ids=["opensidewalks", "monaco-dem"],
)
def test_wheelchair_routes_respect_every_hard_limit_when_a_way_exists(source: Path, dem: list[Path]) -> None:
    graph = routing.build_graph(source, dem)
    allowed = _allowed(graph)
    lat, lon = graph.nodes["lat"], graph.nodes["lon"]
    routed = refused = 0
    for a, b in _pairs(graph, allowed):
        request = routing.RouteRequest((lat[a], lon[a]), (lat[b], lon[b]), "manual_wheelchair", language="en")
        if _reachable(graph, allowed, a, b):
            route = routing.plan_route(graph, request)
            bad = [arc for arc in route.arcs if not allowed[arc]]
            assert not bad, f"route {a}->{b} uses barred arcs {bad}"
            assert math.isfinite(route.length_m)
            routed += 1
        else:
            with pytest.raises(routing.NoRoute):
                routing.plan_route(graph, request)
            refused += 1
    assert routed >= PAIRS // 4, (routed, refused)  # the check must exercise real routes, not only refusals
