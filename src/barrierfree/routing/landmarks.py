"""Landmarks for instructions: the named place nearest a turn ("turn left at Café Rossi"), if one is close."""

from __future__ import annotations

import numpy as np
from scipy.spatial import cKDTree

from barrierfree.core.i18n import current_language
from barrierfree.routing.geo import LocalProjection
from barrierfree.routing.graph import Graph

LANDMARK_REACH_M = 30.0
"""A place farther than this from a turn does not help a traveller find it."""


def _index(graph: Graph) -> tuple[LocalProjection, cKDTree] | None:
    cached = graph.cache.get("landmarks")
    if cached is None:
        lats = graph.landmarks.get("lat")
        if lats is None or not len(lats):
            cached = graph.cache["landmarks"] = ()
        else:
            projection = LocalProjection(float(np.median(graph.nodes["lat"])))
            cached = graph.cache["landmarks"] = (projection, cKDTree(projection.xy(lats, graph.landmarks["lon"])))
    return cached or None


def landmark_near(graph: Graph, lat: float, lon: float) -> str | None:
    """The name (in the current language, else the local one) of the nearest landmark within reach."""
    index = _index(graph)
    if index is None:
        return None
    projection, tree = index
    point = (lon * projection.x_scale, lat * projection.y_scale)
    distance, found = tree.query(point, distance_upper_bound=LANDMARK_REACH_M)
    if not np.isfinite(distance):
        return None
    key = "name_zh" if current_language() == "zh-CN" else "name_en"
    return graph.text(int(graph.landmarks[key][found])) or graph.text(int(graph.landmarks["name"][found]))
