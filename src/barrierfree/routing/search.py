"""Snapping points to the nearest usable path and the shortest-path search itself (SciPy's compiled Dijkstra).

The start point becomes one extra node joined to both ends of the path it lies on, so a route can begin in
the middle of a long street. The search is bounded: first to a cost a little above the straight-line
distance, then without bound, because most city routes are less than twice as long as the crow flies.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components, dijkstra
from scipy.spatial import cKDTree

from barrierfree.routing.geo import LocalProjection, haversine_m, segment_lengths
from barrierfree.routing.graph import Graph

SNAP_LIMIT_M = 200.0
"""A point farther than this from every usable path is refused (the issue's limit)."""
SNAP_SPACING_M = 10.0
SNAP_CANDIDATES = 64
MIN_COMPONENT_NODES = 50
"""Paths on an island of fewer nodes (a courtyard path cut off by the extract's edge) are snapped to only when
nothing larger is near: a route from such an island can reach almost nowhere."""
MIN_LEG_M = 0.5
FIRST_BOUND_FACTOR = 2.0
FIRST_BOUND_SLACK_M = 600.0


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
        forward = np.flatnonzero(graph.arcs["reverse"] == 0)
        self.forward_arc = np.empty(len(starts) - 1, dtype=np.int64)
        self.forward_arc[graph.arcs["shape"][forward]] = forward
        self.small_island = _small_islands(graph)[graph.arcs["source"][self.forward_arc]]

    def nearest_shapes(self, lat: float, lon: float, radius_m: float) -> Iterator[tuple[int, float]]:
        """Shapes within ``radius_m`` of the point, nearest first, each once, with their approximate distance."""
        distances, points = self.tree.query(
            self.projection.xy(np.array([lat]), np.array([lon]))[0], k=SNAP_CANDIDATES, distance_upper_bound=radius_m
        )
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
        xy = self.projection.xy(graph.shape_lat[start:end], graph.shape_lon[start:end])
        point = self.projection.xy(np.array([lat]), np.array([lon]))[0]
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


def usable(costs: np.ndarray, graph: Graph, arc: int) -> bool:
    """Whether a shape can be used in at least one direction."""
    return bool(np.isfinite(costs[arc]) or np.isfinite(costs[graph.arcs["twin"][arc]]))


def snap(graph: Graph, costs: np.ndarray, lat: float, lon: float) -> tuple[Snap | None, Snap | None]:
    """The nearest usable point within the snapping limit, and the nearest point of any path (for explanations)."""
    index = snap_index(graph)
    nearest_any: Snap | None = None
    island: Snap | None = None
    for shape, _distance in index.nearest_shapes(lat, lon, SNAP_LIMIT_M + SNAP_SPACING_M):
        candidate = index.snap_to_shape(shape, lat, lon)
        if candidate.distance_m > SNAP_LIMIT_M:
            continue
        if nearest_any is None or candidate.distance_m < nearest_any.distance_m:
            nearest_any = candidate
        if not usable(costs, graph, candidate.arc):
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


UNUSABLE_SLOT = 1e15
"""Weight of a start slot that cannot be used (its arc is blocked); a total this large means "not found"."""


class Network:
    """The graph under one set of costs as a CSR matrix (blocked arcs left out) with a spare row for the start.

    The matrix is built once per set of costs and reused by every query; a query writes the start point's two
    arcs into the spare row under a lock, so concurrent requests do not see each other's start.
    """

    def __init__(self, graph: Graph, costs: np.ndarray) -> None:
        self.graph = graph
        self.costs = costs
        n = graph.node_count
        open_arcs = np.isfinite(costs)
        counts = np.bincount(graph.arcs["source"][open_arcs], minlength=n)
        indptr = np.zeros(n + 2, dtype=np.int32)
        indptr[1 : n + 1] = np.cumsum(counts)
        indptr[n + 1] = indptr[n] + 2
        indices = np.concatenate((graph.arcs["target"][open_arcs], [n, n])).astype(np.int32)
        data = np.concatenate((costs[open_arcs], [UNUSABLE_SLOT, UNUSABLE_SLOT]))
        self.matrix = csr_matrix((data, indices, indptr), shape=(n + 1, n + 1))
        self.source = n
        self.lock = threading.Lock()
        lengths = graph.arcs["length"][open_arcs]
        ratios = costs[open_arcs][lengths > 1.0] / lengths[lengths > 1.0]
        # Penalties make a metre cost more than one; the search bound must grow with them or it cuts too soon.
        self.cost_per_metre = max(1.0, float(np.median(ratios))) if len(ratios) else 1.0
        self._pieces: np.ndarray | None = None

    def piece_of(self, arc: int) -> int:
        """The connected piece (ignoring direction) an arc's start lies in; computed once per network."""
        if self._pieces is None:
            n = self.graph.node_count
            _count, labels = connected_components(self.matrix[:n, :n], directed=False)
            self._pieces = labels
        return int(self._pieces[self.graph.arcs["source"][arc]])

    def distances_from(self, origin: Snap, limit: float) -> tuple[np.ndarray, np.ndarray, list[tuple[int, int, float]]]:
        """Dijkstra from a snapped start; also returns the usable start slots as (node, arc, start fraction)."""
        arcs, costs = self.graph.arcs, self.costs
        back = int(arcs["twin"][origin.arc])
        starts = []
        with self.lock:
            for slot, (arc, share) in enumerate(((origin.arc, 1.0 - origin.fraction), (back, origin.fraction))):
                position = len(self.matrix.data) - 2 + slot
                if np.isfinite(costs[arc]):
                    self.matrix.indices[position] = arcs["target"][arc]
                    self.matrix.data[position] = max(costs[arc] * share, 1e-3)
                    starts.append((int(arcs["target"][arc]), arc, 1.0 - share))
                else:
                    self.matrix.indices[position] = self.source
                    self.matrix.data[position] = UNUSABLE_SLOT
            distances, predecessors = dijkstra(
                self.matrix, directed=True, indices=self.source, return_predecessors=True, limit=limit
            )
        return distances, predecessors, starts


def network_for(graph: Graph, costs: np.ndarray) -> Network:
    """A network for costs that are not cached (used for one-off relaxations while explaining a failure)."""
    return Network(graph, costs)


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


def shortest(network: Network, origin: Snap, destination: Snap) -> Found | None:
    """The cheapest route from origin to destination on ``network``, or None when there is none."""
    graph, costs = network.graph, network.costs
    arcs = graph.arcs
    if not (np.isfinite(costs[origin.arc]) or np.isfinite(costs[arcs["twin"][origin.arc]])):
        return None
    dest_back = int(arcs["twin"][destination.arc])
    best = _direct(graph, costs, origin, destination)
    if best is None and network.piece_of(origin.arc) != network.piece_of(destination.arc):
        return None  # not connected at all: no search needed to know it
    crow = haversine_m(origin.lat, origin.lon, destination.lat, destination.lon)
    first_bound = (crow * FIRST_BOUND_FACTOR + FIRST_BOUND_SLACK_M) * network.cost_per_metre
    for limit in (first_bound, np.inf):
        distances, predecessors, starts = network.distances_from(origin, limit)
        ends = [
            (
                distances[arcs["source"][destination.arc]] + costs[destination.arc] * destination.fraction,
                destination.arc,
                destination.fraction,
            ),
            (
                distances[arcs["source"][dest_back]] + costs[dest_back] * (1 - destination.fraction),
                dest_back,
                1 - destination.fraction,
            ),
        ]
        total, last_arc, last_share = min(ends, key=lambda end: end[0])
        if total < UNUSABLE_SLOT and (best is None or total < best.cost):
            best = _trace(network, starts, predecessors, float(total), last_arc, last_share)
        if best is not None:
            return best
    return None


def _direct(graph: Graph, costs: np.ndarray, origin: Snap, destination: Snap) -> Found | None:
    """Both points on the same path: walk along it if that direction is open."""
    if graph.arcs["shape"][origin.arc] != graph.arcs["shape"][destination.arc]:
        return None
    forward, back = origin.arc, int(graph.arcs["twin"][origin.arc])
    if destination.fraction >= origin.fraction:
        arc, start, end = forward, origin.fraction, destination.fraction
    else:
        arc, start, end = back, 1 - origin.fraction, 1 - destination.fraction
    if not np.isfinite(costs[arc]):
        return None
    share = end - start
    return Found([Leg(arc, start, end)], float(costs[arc] * share), float(graph.arcs["length"][arc] * share))


def _trace(
    network: Network,
    starts: list[tuple[int, int, float]],
    predecessors: np.ndarray,
    total: float,
    last_arc: int,
    share: float,
) -> Found:
    graph = network.graph
    nodes = [int(graph.arcs["source"][last_arc])]
    while nodes[-1] != network.source:
        nodes.append(int(predecessors[nodes[-1]]))
    nodes.reverse()  # virtual start, first real node, ..., the last arc's source
    _node, first_arc, first_start = next(start for start in starts if start[0] == nodes[1])
    legs = [Leg(first_arc, first_start, 1.0)]
    legs += [Leg(arc) for arc in _arcs_between(graph, nodes[1:])] if len(nodes) > 2 else []
    legs.append(Leg(last_arc, 0.0, share))
    # A point snapped onto a node lies at the very end of some arc: that empty piece is not a step to walk.
    lengths = graph.arcs["length"]
    legs = [leg for leg in legs if (leg.end - leg.start) * lengths[leg.arc] >= MIN_LEG_M] or legs[:1]
    length = sum(float(lengths[leg.arc]) * (leg.end - leg.start) for leg in legs)
    return Found(legs, total, length)
