"""The network as read from a source file, before it is collapsed into a graph: ways and tagged nodes."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawWay:
    """One walkable line: its node ids and locations in order, and its tags."""

    id: int
    refs: list[int]
    lats: list[float]
    lons: list[float]
    tags: dict[str, str]


@dataclass
class RawNetwork:
    """Everything a reader found: walkable ways and the accessibility tags of nodes (by node id)."""

    ways: list[RawWay] = field(default_factory=list)
    node_tags: dict[int, dict[str, str]] = field(default_factory=dict)
    osm_nodes_seen: int = 0
    source: str = "osm"
