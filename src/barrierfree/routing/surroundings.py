"""The paths and streets around a route, from the graph itself: the background of a route sketch.

Map tiles would need a tile server or a download; the graph already holds every walkable way with its name, so
the sketch draws those, lighter than the route, and labels the named streets once each.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

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
