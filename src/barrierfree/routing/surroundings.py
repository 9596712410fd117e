"""The paths and streets around a route, from the graph itself: the background of a route sketch, and the
street a crossing crosses when the two share no node.

Map tiles would need a tile server or a download; the graph already holds every walkable way with its name, so
the sketch draws those, lighter than the route, and labels the named streets once each.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from barrierfree.routing import facts
from barrierfree.routing.graph import ArcKind, Graph

MAX_OUTLINES = 600
"""At most this many pieces of way are drawn, so a long route's page stays small."""
MARGIN_M = 80.0
METRES_PER_DEGREE = 111_320.0


@dataclass(frozen=True)
class Outline:
    """One piece of way near the route: what it is, its name in the current language, and its points."""

    kind: str
    name: str | None
    points: list[tuple[float, float]]


def _shape_boxes(graph: Graph) -> tuple[np.ndarray, np.ndarray]:
    """Per shape: (min lat, min lon) and (max lat, max lon), and for each shape one arc that uses it."""
    cached = graph.cache.get("shape_boxes")
    if cached is None:
        starts = graph.shape_start[:-1]
        low = np.stack((np.minimum.reduceat(graph.shape_lat, starts), np.minimum.reduceat(graph.shape_lon, starts)), 1)
        high = np.stack((np.maximum.reduceat(graph.shape_lat, starts), np.maximum.reduceat(graph.shape_lon, starts)), 1)
        cached = graph.cache["shape_boxes"] = (low, high)
    return cached


def _arc_of_shape(graph: Graph) -> np.ndarray:
    cached = graph.cache.get("arc_of_shape")
    if cached is None:
        arc_of = np.full(len(graph.shape_start) - 1, -1, dtype=np.int64)
        arc_of[graph.arcs["shape"][::-1]] = np.arange(graph.arc_count)[::-1]  # the first arc for each shape
        cached = graph.cache["arc_of_shape"] = arc_of
    return cached


def streets_around(graph: Graph, geometry: list[tuple[float, float]]) -> list[Outline]:
    """Pieces of way within ``MARGIN_M`` of the route's bounding box, longest first when there are too many."""
    if not geometry:
        return []
    lats = [point[0] for point in geometry]
    lons = [point[1] for point in geometry]
    pad_lat = MARGIN_M / METRES_PER_DEGREE
    pad_lon = pad_lat / max(math.cos(math.radians(sum(lats) / len(lats))), 0.01)
    low, high = _shape_boxes(graph)
    inside = (
        (high[:, 0] >= min(lats) - pad_lat)
        & (low[:, 0] <= max(lats) + pad_lat)
        & (high[:, 1] >= min(lons) - pad_lon)
        & (low[:, 1] <= max(lons) + pad_lon)
    )
    shapes = np.flatnonzero(inside)
    arc_of = _arc_of_shape(graph)
    if len(shapes) > MAX_OUTLINES:
        lengths = graph.arcs["length"][arc_of[shapes]]
        shapes = shapes[np.argsort(-lengths, kind="stable")[:MAX_OUTLINES]]
    outlines = []
    for shape in shapes.tolist():
        arc = int(arc_of[shape])
        start, end = int(graph.shape_start[shape]), int(graph.shape_start[shape + 1])
        points = list(zip(graph.shape_lat[start:end].tolist(), graph.shape_lon[start:end].tolist(), strict=True))
        kind = ArcKind.NAMES[int(graph.arcs["kind"][arc])]
        outlines.append(Outline(kind, facts.street_name(graph, arc), points))
    return outlines


def _crosses(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float], d: tuple[float, float]) -> bool:
    """Whether segment a-b crosses segment c-d (points as (lat, lon); a flat plane is enough at street scale)."""

    def side(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float]) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0


def street_crossed(graph: Graph, arc: int, kinds: frozenset[int]) -> str | None:
    """The name of a street of one of ``kinds`` whose line the arc's shape crosses, or None.

    OpenSidewalks draws a crossing from kerb to kerb without a node on the street's centre line, so the street is
    found by geometry: shapes whose boxes overlap the crossing's, then segment by segment.
    """
    lats, lons = graph.shape_of(arc)
    crossing = list(zip(lats.tolist(), lons.tolist(), strict=True))
    low, high = _shape_boxes(graph)
    near = np.flatnonzero(
        (high[:, 0] >= lats.min()) & (low[:, 0] <= lats.max()) & (high[:, 1] >= lons.min()) & (low[:, 1] <= lons.max())
    )
    arc_of = _arc_of_shape(graph)
    for shape in near.tolist():
        street = int(arc_of[shape])
        name = facts.street_name(graph, street)
        if name is None or int(graph.arcs["kind"][street]) not in kinds:
            continue
        start, end = int(graph.shape_start[shape]), int(graph.shape_start[shape + 1])
        line = list(zip(graph.shape_lat[start:end].tolist(), graph.shape_lon[start:end].tolist(), strict=True))
        for a, b in pairwise(crossing):
            if any(_crosses(a, b, c, d) for c, d in pairwise(line)):
                return name
    return None
