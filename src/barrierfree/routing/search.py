"""Snapping points to the nearest usable path, and the shortest-path search (a compiled bidirectional Dijkstra).

The start and the end become extra nodes joined to both ends of the paths they lie on, so a route can begin
and end in the middle of a long street. Points in different connected pieces are refused without a search.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from barrierfree.routing._networkit import BidirectionalNetwork
from barrierfree.routing.geo import LocalProjection, segment_lengths
from barrierfree.routing.graph import Graph

SNAP_LIMIT_M = 200.0
"""A point farther than this from every usable path is refused (the issue's limit)."""
SNAP_SPACING_M = 10.0
SNAP_CANDIDATES = 64
MIN_COMPONENT_NODES = 50
"""Paths on an island of fewer nodes (a courtyard path cut off by the extract's edge) are snapped to only when
nothing larger is near: a route from such an island can reach almost nowhere."""
MIN_LEG_M = 0.5


@dataclass(frozen=True)
class Snap:
    """A point placed on a path: the shape's forward arc, how far along it (0-1), and how far away it was."""

    arc: int
    fraction: float
    distance_m: float
    lat: float
    lon: float


@dataclass(frozen=True)
class Leg:
    """Part of an arc that a route uses, from ``start`` to ``end`` as fractions of the arc (in its direction)."""

    arc: int
    start: float = 0.0
    end: float = 1.0


class SnapIndex:
    """A k-d tree over points every ``SNAP_SPACING_M`` along every shape, for nearest-path queries."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        middle = float(np.median(graph.nodes["lat"]))
        self.projection = LocalProjection(middle)
        starts = graph.shape_start
        lats, lons = graph.shape_lat, graph.shape_lon
        lengths = segment_lengths(lats, lons)
        shape_of_point = np.repeat(np.arange(len(starts) - 1), np.diff(starts))
        same_shape = shape_of_point[:-1] == shape_of_point[1:]
        pieces = np.maximum(np.ceil(lengths / SNAP_SPACING_M).astype(int), 1) * same_shape
        # every segment of a shape contributes its start point plus evenly spaced points along it
        segment = np.repeat(np.arange(len(lengths)), pieces)
        offset = np.arange(len(segment)) - np.repeat(np.cumsum(pieces) - pieces, pieces)
        part = offset / np.repeat(np.maximum(pieces, 1), pieces)
        point_lat = lats[segment] + (lats[segment + 1] - lats[segment]) * part
        point_lon = lons[segment] + (lons[segment + 1] - lons[segment]) * part
        ends = starts[1:] - 1
        self.point_shape = np.concatenate((shape_of_point[segment], shape_of_point[ends]))
        self.tree = cKDTree(
            self.projection.xy(np.concatenate((point_lat, lats[ends])), np.concatenate((point_lon, lons[ends])))
        )
        # every shape point projected once, so that measuring a candidate shape is slicing, not projecting
        self.shape_xy = self.projection.xy(lats, lons)
        forward = np.flatnonzero(graph.arcs["reverse"] == 0)
        self.forward_arc = np.empty(len(starts) - 1, dtype=np.int64)
        self.forward_arc[graph.arcs["shape"][forward]] = forward
        self.small_island = _small_islands(graph)[graph.arcs["source"][self.forward_arc]]

    def point_xy(self, lat: float, lon: float) -> np.ndarray:
        """One point in the index's flat metres."""
        return np.array((lon * self.projection.x_scale, lat * self.projection.y_scale))

    def nearest_shapes(self, lat: float, lon: float, radius_m: float) -> Iterator[tuple[int, float]]:
        """Shapes within ``radius_m`` of the point, nearest first, each once, with their approximate distance."""
        distances, points = self.tree.query(self.point_xy(lat, lon), k=SNAP_CANDIDATES, distance_upper_bound=radius_m)
        seen: set[int] = set()
        for distance, point in zip(np.atleast_1d(distances), np.atleast_1d(points), strict=False):
            if not np.isfinite(distance):
                break
            shape = int(self.point_shape[point])
            if shape not in seen:
                seen.add(shape)
                yield shape, float(distance)

    def snap_to_shape(self, shape: int, lat: float, lon: float) -> Snap:
        """The exact nearest point of one shape to (lat, lon)."""
        graph = self.graph
        start, end = graph.shape_start[shape], graph.shape_start[shape + 1]
        xy = self.shape_xy[start:end]
        point = self.point_xy(lat, lon)
        a, b = xy[:-1], xy[1:]
        span = b - a
        squared = np.maximum((span**2).sum(axis=1), 1e-12)
        t = np.clip(((point - a) * span).sum(axis=1) / squared, 0.0, 1.0)
        nearest = a + span * t[:, None]
        gaps = np.hypot(*(nearest - point).T)
        best = int(np.argmin(gaps))
        seg_lengths = np.hypot(*span.T)
        along = float(seg_lengths[:best].sum() + seg_lengths[best] * t[best])
        total = float(seg_lengths.sum())
        fraction = along / total if total > 0 else 0.0
        s_lat = (
            graph.shape_lat[start + best]
            + (graph.shape_lat[start + best + 1] - graph.shape_lat[start + best]) * t[best]
        )
        s_lon = (
            graph.shape_lon[start + best]
            + (graph.shape_lon[start + best + 1] - graph.shape_lon[start + best]) * t[best]
        )
        return Snap(int(self.forward_arc[shape]), fraction, float(gaps[best]), float(s_lat), float(s_lon))


def _small_islands(graph: Graph) -> np.ndarray:
    """Per node: whether it lies in a connected piece of fewer than ``MIN_COMPONENT_NODES`` nodes."""
    n = graph.node_count
    links = csr_matrix((np.ones(graph.arc_count), (graph.arcs["source"], graph.arcs["target"])), shape=(n, n))
    _count, labels = connected_components(links, directed=False)
    sizes = np.bincount(labels)
    return sizes[labels] < MIN_COMPONENT_NODES


def snap_index(graph: Graph) -> SnapIndex:
    """The graph's snapping index, built once on first use."""
    index = graph.cache.get("snap")
    if index is None:
        index = graph.cache["snap"] = SnapIndex(graph)
    return index


def usable(costs: np.ndarray, graph: Graph, arc: int, closed: frozenset[int] = frozenset()) -> bool:
    """Whether a shape can be used in at least one direction (``closed``: arcs shut by reports)."""
    twin = int(graph.arcs["twin"][arc])
    return bool((np.isfinite(costs[arc]) and arc not in closed) or (np.isfinite(costs[twin]) and twin not in closed))


def nearest_snaps(graph: Graph, lat: float, lon: float, radius_m: float) -> Iterator[tuple[int, Snap]]:
    """(shape, exact snap) for shapes within ``radius_m``, nearest first by exact distance.

    The tree's points are ``SNAP_SPACING_M`` apart, so a shape's tree distance overstates its exact distance by at
    most half that: shapes are measured exactly in bands of that width and yielded in exact order.
    """
    index = snap_index(graph)
    pending: list[tuple[float, int, Snap]] = []
    for shape, approximate in index.nearest_shapes(lat, lon, radius_m + SNAP_SPACING_M):
        while pending and pending[0][0] <= approximate - SNAP_SPACING_M:
            _distance, done, snapped = heapq.heappop(pending)
            yield done, snapped
        snapped = index.snap_to_shape(shape, lat, lon)
        if snapped.distance_m <= radius_m:
            heapq.heappush(pending, (snapped.distance_m, shape, snapped))
    while pending:
        _distance, done, snapped = heapq.heappop(pending)
        yield done, snapped


def snap(
    graph: Graph, costs: np.ndarray, lat: float, lon: float, closed: frozenset[int] = frozenset()
) -> tuple[Snap | None, Snap | None]:
    """The nearest usable point within the snapping limit, and the nearest point of any path (for explanations)."""
    index = snap_index(graph)
    nearest_any: Snap | None = None
    island: Snap | None = None
    for shape, candidate in nearest_snaps(graph, lat, lon, SNAP_LIMIT_M):
        if nearest_any is None:
            nearest_any = candidate
        if not usable(costs, graph, candidate.arc, closed):
            continue
        if not index.small_island[shape]:
            return candidate, nearest_any
        island = island or candidate
    return island, nearest_any


@dataclass
class Found:
    """The cheapest route between two snapped points: its legs, cost and length in metres."""

    legs: list[Leg]
    cost: float
    length_m: float


class Network:
    """The graph under one set of costs, ready to search: blocked arcs left out, built once and reused.

    Built once per set of costs (profile, limits, closures) and shared by every query with those costs.
    """

    def __init__(self, graph: Graph, costs: np.ndarray, body: np.ndarray | None = None) -> None:
        self.graph = graph
        self.costs = costs
        self.body = costs if body is None else body  # for the part-way pieces at a route's end
        open_arcs = np.isfinite(costs)
        self.searcher = BidirectionalNetwork(
            graph.node_count, graph.arcs["source"][open_arcs], graph.arcs["target"][open_arcs], costs[open_arcs]
        )
        self._open = open_arcs
        self._pieces: np.ndarray | None = None

    def piece_of(self, arc: int) -> int:
        """The connected piece (ignoring direction) an arc's start lies in; computed once per network."""
        if self._pieces is None:
            n = self.graph.node_count
            arcs = self.graph.arcs
            links = csr_matrix(
                (np.ones(int(self._open.sum())), (arcs["source"][self._open], arcs["target"][self._open])), shape=(n, n)
            )
            _count, self._pieces = connected_components(links, directed=False)
        return int(self._pieces[self.graph.arcs["source"][arc]])


def _ends(network: Network, snap: Snap, leaving: bool, closed: frozenset[int]) -> list[tuple[int, float, int, float]]:
    """The usable ways off (or onto) a snapped point: (node, cost, arc, fraction where the arc is entered/left).

    Leaving a start on arc a->b at fraction f: to b along a->b costs (1-f), to a along b->a costs f.
    Reaching an end on a->b at f: from a along a->b costs f, from b along b->a costs (1-f).
    """
    arcs = network.graph.arcs
    # leaving, the piece runs to the arc's end node and meets what is there; arriving, it stops before it
    costs = network.costs if leaving else network.body
    forward, back = snap.arc, int(arcs["twin"][snap.arc])
    found = []
    for arc, share in ((forward, 1.0 - snap.fraction), (back, snap.fraction)):
        if not np.isfinite(costs[arc]) or arc in closed:
            continue
        if leaving:
            found.append((int(arcs["target"][arc]), max(costs[arc] * share, 1e-3), arc, 1.0 - share))
        else:
            found.append((int(arcs["source"][arc]), max(costs[arc] * (1.0 - share), 1e-3), arc, 1.0 - share))
    return found


def _arcs_between(graph: Graph, nodes: list[int]) -> list[int]:
    """The arc joining each consecutive pair of nodes (the builder keeps at most one arc per pair)."""
    keys = graph.cache.get("pair_keys")
    if keys is None:
        pair = graph.arcs["source"].astype(np.int64) * graph.node_count + graph.arcs["target"]
        order = np.argsort(pair)
        keys = graph.cache["pair_keys"] = (pair[order], order)
    sorted_pairs, order = keys
    wanted = np.asarray(nodes[:-1], dtype=np.int64) * graph.node_count + np.asarray(nodes[1:], dtype=np.int64)
    return order[np.searchsorted(sorted_pairs, wanted)].tolist()


def shortest(network: Network, origin: Snap, destination: Snap, closed: frozenset[int] = frozenset()) -> Found | None:
    """The cheapest route from origin to destination on ``network``, or None when there is none.

    ``closed`` arcs (shut by barrier reports or elevator hours) are left out of this one search only, so the
    network built for the profile is reused whatever is reported.
    """
    graph = network.graph
    direct = _direct(graph, network.body, origin, destination, closed)
    starts = _ends(network, origin, leaving=True, closed=closed)
    finishes = _ends(network, destination, leaving=False, closed=closed)
    if not starts or not finishes:
        return direct
    if direct is None and network.piece_of(origin.arc) != network.piece_of(destination.arc):
        return None  # not connected at all: no search needed to know it
    arcs = graph.arcs
    removed = [
        (int(arcs["source"][arc]), int(arcs["target"][arc]), float(network.costs[arc]))
        for arc in closed
        if np.isfinite(network.costs[arc])
    ]
    found = network.searcher.path([(s[0], s[1]) for s in starts], [(f[0], f[1]) for f in finishes], removed)
    if found is None:
        return direct
    cost, nodes = found
    if direct is not None and direct.cost <= cost:
        return direct
    return _trace(graph, starts, finishes, cost, nodes)


def _direct(
    graph: Graph, costs: np.ndarray, origin: Snap, destination: Snap, closed: frozenset[int] = frozenset()
) -> Found | None:
    """Both points on the same path: walk along it if that direction is open."""
    if graph.arcs["shape"][origin.arc] != graph.arcs["shape"][destination.arc]:
        return None
    forward, back = origin.arc, int(graph.arcs["twin"][origin.arc])
    if destination.fraction >= origin.fraction:
        arc, start, end = forward, origin.fraction, destination.fraction
    else:
        arc, start, end = back, 1 - origin.fraction, 1 - destination.fraction
    if not np.isfinite(costs[arc]) or arc in closed:
        return None
    share = end - start
    return Found([Leg(arc, start, end)], float(costs[arc] * share), float(graph.arcs["length"][arc] * share))


def _trace(
    graph: Graph,
    starts: list[tuple[int, float, int, float]],
    finishes: list[tuple[int, float, int, float]],
    cost: float,
    nodes: list[int],
) -> Found:
    """Turn the node path into legs: part of the start arc, whole arcs, part of the end arc."""
    _node, _cost, first_arc, first_start = next(start for start in starts if start[0] == nodes[0])
    _node, _cost, last_arc, last_end = next(finish for finish in finishes if finish[0] == nodes[-1])
    legs = [Leg(first_arc, first_start, 1.0)]
    legs += [Leg(arc) for arc in _arcs_between(graph, nodes)] if len(nodes) > 1 else []
    legs.append(Leg(last_arc, 0.0, last_end))
    # A point snapped onto a node lies at the very end of some arc: that empty piece is not a step to walk.
    lengths = graph.arcs["length"]
    legs = [leg for leg in legs if (leg.end - leg.start) * lengths[leg.arc] >= MIN_LEG_M] or legs[:1]
    length = sum(float(lengths[leg.arc]) * (leg.end - leg.start) for leg in legs)
    return Found(legs, cost, length)
