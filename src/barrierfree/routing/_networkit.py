"""Bidirectional Dijkstra through NetworKit (compiled C++), with two spare nodes for a query's start and end.

Kept behind this module so that the search itself does not depend on NetworKit's API: a network is built once
per set of arc costs, and each query adds its start and end edges, searches, and removes them again.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import networkit
import numpy as np

UNREACHABLE = 1e300
"""NetworKit answers the largest double for "no path"; anything above this is unreachable."""


class BidirectionalNetwork:
    """The open arcs as a weighted directed NetworKit graph plus a spare start node and a spare end node."""

    def __init__(self, node_count: int, sources: np.ndarray, targets: np.ndarray, weights: np.ndarray) -> None:
        self.start = node_count
        self.end = node_count + 1
        self.graph = networkit.Graph(node_count + 2, weighted=True, directed=True)
        self.graph.addEdges((weights.astype(np.float64), (sources.astype(np.uint64), targets.astype(np.uint64))))
        self.lock = threading.Lock()

    def path(
        self,
        start_edges: list[tuple[int, float]],
        end_edges: list[tuple[int, float]],
        removed: Sequence[tuple[int, int, float]] = (),
    ) -> tuple[float, list[int]] | None:
        """The cheapest (cost, nodes) from any start edge's node to any end edge's node, costs included.

        ``removed`` edges (source, target, weight) are taken out for this search and put back after it.
        """
        with self.lock:
            for source, target, _weight in removed:
                self.graph.removeEdge(source, target)
            for node, weight in start_edges:
                self.graph.addEdge(self.start, node, weight)
            for node, weight in end_edges:
                self.graph.addEdge(node, self.end, weight)
            try:
                search = networkit.distance.BidirectionalDijkstra(self.graph, self.start, self.end, True)
                search.run()
                cost, nodes = search.getDistance(), list(search.getPath())
            finally:
                for node, _weight in start_edges:
                    self.graph.removeEdge(self.start, node)
                for node, _weight in end_edges:
                    self.graph.removeEdge(node, self.end)
                for source, target, weight in removed:
                    self.graph.addEdge(source, target, weight)
        return None if cost >= UNREACHABLE else (float(cost), [int(node) for node in nodes])
