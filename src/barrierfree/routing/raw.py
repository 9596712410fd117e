"""The network as read from a source file, before it is collapsed into a graph: ways and tagged nodes."""

from __future__ import annotations

from collections.abc import MutableSequence
from dataclasses import dataclass, field

WAY_KEYS = frozenset(
    {
        "highway",
        "footway",
        "foot",
        "access",
        "area",
        "railway",
        "incline",
        "width",
        "est_width",
        "surface",
        "smoothness",
        "step_count",
        "handrail",
        "handrail:left",
        "handrail:right",
        "handrail:center",
        "ramp",
        "ramp:wheelchair",
        "lit",
        "tactile_paving",
        "wheelchair",
        "crossing",
        "crossing:markings",
        "crossing:signals",
        "traffic_signals:sound",
        "traffic_signals:vibration",
        "sidewalk",
        "sidewalk:both",
        "sidewalk:left",
        "sidewalk:right",
        "name",
        "name:zh",
        "name:zh-Hans",
        "name:en",
    }
)
"""The way tags the builder reads; readers keep only these, because a city has tens of thousands of ways."""


@dataclass
class RawWay:
    """One walkable line: its node ids and locations in order, and its tags."""

    id: int
    refs: MutableSequence[int]
    lats: MutableSequence[float]
    lons: MutableSequence[float]
    tags: dict[str, str]


@dataclass
class RawNetwork:
    """Everything a reader found: walkable ways and the accessibility tags of nodes (by node id)."""

    ways: list[RawWay] = field(default_factory=list)
    node_tags: dict[int, dict[str, str]] = field(default_factory=dict)
    landmarks: list[tuple[float, float, str, str | None, str | None]] = field(default_factory=list)
    """Named places to steer by: (lat, lon, name, name:zh, name:en)."""
    osm_nodes_seen: int = 0
    source: str = "osm"
