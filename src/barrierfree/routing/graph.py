"""The compact pedestrian graph: numpy arrays of nodes and directed arcs, saved to and loaded from one file.

Chains of two-way nodes are collapsed, so a node is a junction, a way's end or a point that carries an
accessibility fact (a kerb, a crossing, an elevator, a barrier). Each street segment becomes two arcs, one per
direction, because uphill and downhill differ. Arcs are sorted by their start node, so the arrays *are* a
CSR matrix for SciPy's compiled Dijkstra without any per-query conversion.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from barrierfree.core.i18n import _
from barrierfree.routing.errors import InvalidRoutingInput

FORMAT = "barrierfree-routing-graph"
VERSION = 4

NODE_FIELDS = (
    "lat",
    "lon",
    "osm_id",
    "kerb_cm",  # NaN: no kerb known here
    "crossing",  # tags.Crossing
    "sound",  # tags.Tri of traffic_signals:sound
    "vibration",  # tags.Tri of traffic_signals:vibration
    "tactile",  # tags.Tri of tactile_paving
    "elevator",  # 1 when highway=elevator
    "hours",  # index into Graph.texts of the elevator's opening_hours, -1 for none
    "barrier",  # 1 when a barrier that wheels cannot pass
    "wheelchair",  # tags.Tri
)
LANDMARK_FIELDS = ("lat", "lon", "name", "name_zh", "name_en")
ARC_FIELDS = (
    "source",
    "target",
    "length",  # metres
    "uphill",  # steepest climb in percent along this direction; NaN unknown
    "downhill",  # steepest descent in percent (positive number); NaN unknown
    "width",  # metres; NaN unknown
    "surface",  # tags.Surface
    "smoothness",  # 0..7, -1 unknown
    "kind",  # ArcKind
    "steps",  # 0 for no steps, the count when known, -1 for steps of unknown count
    "handrail",  # tags.Tri
    "ramp",  # tags.Tri (ramp:wheelchair or ramp on steps)
    "lit",  # tags.Tri
    "tactile",  # tags.Tri
    "wheelchair",  # tags.Tri
    "crossing",  # tags.Crossing for footway=crossing ways
    "sound",  # tags.Tri of traffic_signals:sound on a crossing way
    "vibration",  # tags.Tri of traffic_signals:vibration on a crossing way
    "sidewalk",  # tags.pack_sides: pavement on the left and right of a street, in this arc's direction
    "way",  # OSM way id (negative for OpenSidewalks edges without one)
    "name",  # index into Graph.texts, -1 unnamed
    "name_zh",
    "name_en",
    "shape",  # index of this arc's geometry in shape_start (shared by both directions)
    "reverse",  # 1 when the arc runs against its geometry
    "twin",  # the index of the arc in the other direction
)


class ArcKind:
    """What kind of path an arc is, for instructions and profile preferences."""

    FOOTWAY = 0
    SIDEWALK = 1
    CROSSING = 2
    STEPS = 3
    PATH = 4
    PEDESTRIAN = 5
    STREET = 6
    MAJOR_ROAD = 7
    TRACK = 8
    ELEVATOR = 9
    CYCLEWAY = 10
    SERVICE = 11

    NAMES = (
        "footway",
        "sidewalk",
        "crossing",
        "steps",
        "path",
        "pedestrian",
        "street",
        "major_road",
        "track",
        "elevator",
        "cycleway",
        "service",
    )


@dataclass
class Graph:
    """A routable pedestrian graph; every per-node and per-arc array has one row per node or arc."""

    nodes: dict[str, np.ndarray]
    arcs: dict[str, np.ndarray]
    indptr: np.ndarray  # CSR row pointers over arcs, which are sorted by source
    shape_start: np.ndarray  # offsets into shape_lat/shape_lon, one more than shapes
    shape_lat: np.ndarray
    shape_lon: np.ndarray
    texts: list[str]
    meta: dict[str, object] = field(default_factory=dict)
    landmarks: dict[str, np.ndarray] = field(default_factory=dict)
    """Named places to steer by ("at the pharmacy"): lat, lon and name, name_zh, name_en as text indexes."""
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """Derived structures built on first use (snapping index, cost arrays); never saved."""

    @property
    def node_count(self) -> int:
        return len(self.nodes["lat"])

    @property
    def arc_count(self) -> int:
        return len(self.arcs["source"])

    def text(self, index: int) -> str | None:
        """A stored string (street name, opening hours) or None for -1."""
        return self.texts[index] if index >= 0 else None

    def shape_of(self, arc: int) -> tuple[np.ndarray, np.ndarray]:
        """The arc's geometry as (lats, lons) in the arc's own direction."""
        shape = self.arcs["shape"][arc]
        start, end = self.shape_start[shape], self.shape_start[shape + 1]
        lats, lons = self.shape_lat[start:end], self.shape_lon[start:end]
        if self.arcs["reverse"][arc]:
            return lats[::-1], lons[::-1]
        return lats, lons

    def save(self, path: Path) -> None:
        """Write the graph to one uncompressed zip of .npy arrays plus a JSON header (loads in milliseconds)."""
        arrays = {f"node_{name}": values for name, values in self.nodes.items()}
        arrays.update({f"arc_{name}": values for name, values in self.arcs.items()})
        arrays.update({f"landmark_{name}": values for name, values in self.landmarks.items()})
        arrays.update(
            indptr=self.indptr, shape_start=self.shape_start, shape_lat=self.shape_lat, shape_lon=self.shape_lon
        )
        header = {"format": FORMAT, "version": VERSION, "texts": self.texts, "meta": self.meta}
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as archive:
            archive.writestr("header.json", json.dumps(header, ensure_ascii=False))
            for name, values in arrays.items():
                buffer = io.BytesIO()
                np.save(buffer, values, allow_pickle=False)
                archive.writestr(f"{name}.npy", buffer.getvalue())
        partial.replace(path)  # a half-written file never replaces a good graph


def load_graph(path: Path) -> Graph:
    """Read a graph written by :meth:`Graph.save`; a clear error for a missing, foreign or damaged file."""
    if not path.is_file():
        raise InvalidRoutingInput(
            _("No routing graph at {path}. Build one with: barrierfree routing build FILE.osm.pbf --out {path}").format(
                path=path
            )
        )
    try:
        with zipfile.ZipFile(path) as archive:
            header = json.loads(archive.read("header.json"))
            if header.get("format") != FORMAT:
                raise ValueError("not a routing graph")
            if header.get("version") != VERSION:
                raise ValueError(f"graph format version {header.get('version')}, this program reads {VERSION}")
            arrays = {
                name[: -len(".npy")]: np.load(io.BytesIO(archive.read(name)), allow_pickle=False)
                for name in archive.namelist()
                if name.endswith(".npy")
            }
        graph = Graph(
            nodes={name: arrays[f"node_{name}"] for name in NODE_FIELDS},
            arcs={name: arrays[f"arc_{name}"] for name in ARC_FIELDS},
            indptr=arrays["indptr"],
            shape_start=arrays["shape_start"],
            shape_lat=arrays["shape_lat"],
            shape_lon=arrays["shape_lon"],
            texts=list(header["texts"]),
            meta=dict(header.get("meta", {})),
            landmarks={name: arrays[f"landmark_{name}"] for name in LANDMARK_FIELDS if f"landmark_{name}" in arrays},
        )
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, json.JSONDecodeError) as error:
        raise InvalidRoutingInput(
            _(
                "{path} is not a readable routing graph ({reason}). Build it again with: barrierfree routing build"
            ).format(path=path, reason=error)
        ) from error
    _check_consistent(graph, path)
    return graph


def _check_consistent(graph: Graph, path: Path) -> None:
    sizes = {len(values) for values in graph.nodes.values()}
    arc_sizes = {len(values) for values in graph.arcs.values()}
    if len(sizes) != 1 or len(arc_sizes) != 1 or len(graph.indptr) != graph.node_count + 1:
        raise InvalidRoutingInput(
            _("{path} is a damaged routing graph: its arrays disagree in length.").format(path=path)
        )


def empty_arrays(names: tuple[str, ...]) -> dict[str, list[float]]:
    """One empty list per field, filled by a builder and turned into arrays by :func:`as_arrays`."""
    return {name: [] for name in names}


ARC_DTYPES = {
    "source": np.int32,
    "target": np.int32,
    "length": np.float64,
    "uphill": np.float32,
    "downhill": np.float32,
    "width": np.float32,
    "surface": np.int8,
    "smoothness": np.int8,
    "kind": np.int8,
    "steps": np.int16,
    "handrail": np.int8,
    "ramp": np.int8,
    "lit": np.int8,
    "tactile": np.int8,
    "wheelchair": np.int8,
    "crossing": np.int8,
    "sound": np.int8,
    "vibration": np.int8,
    "sidewalk": np.int8,
    "way": np.int64,
    "name": np.int32,
    "name_zh": np.int32,
    "name_en": np.int32,
    "shape": np.int32,
    "reverse": np.int8,
    "twin": np.int32,
}
NODE_DTYPES = {
    "lat": np.float64,
    "lon": np.float64,
    "osm_id": np.int64,
    "kerb_cm": np.float32,
    "crossing": np.int8,
    "sound": np.int8,
    "vibration": np.int8,
    "tactile": np.int8,
    "elevator": np.int8,
    "hours": np.int32,
    "barrier": np.int8,
    "wheelchair": np.int8,
}
assert set(ARC_DTYPES) == set(ARC_FIELDS) and set(NODE_DTYPES) == set(NODE_FIELDS)
