"""Collapsing a read network into the compact graph: split ways at junctions and tagged nodes, two arcs each.

A way is cut at every node that two ways share, at its ends, and at every node that carries an accessibility
fact (a kerb must stay a node so that a route can be refused there). The pieces in between are kept as shape
only. Two pieces that join the same pair of nodes are told apart by cutting one of them at a shape point, so
that a (from, to) pair names exactly one arc; SciPy's sparse graphs would otherwise merge them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np

from barrierfree.routing import tags as osm
from barrierfree.routing.dem import Elevation
from barrierfree.routing.geo import segment_lengths
from barrierfree.routing.graph import ARC_DTYPES, NODE_DTYPES, ArcKind, Graph
from barrierfree.routing.raw import RawNetwork, RawWay

Progress = Callable[[str], None]

_KIND_BY_HIGHWAY = {
    "footway": ArcKind.FOOTWAY,
    "path": ArcKind.PATH,
    "bridleway": ArcKind.PATH,
    "pedestrian": ArcKind.PEDESTRIAN,
    "platform": ArcKind.PEDESTRIAN,
    "corridor": ArcKind.FOOTWAY,
    "steps": ArcKind.STEPS,
    "track": ArcKind.TRACK,
    "cycleway": ArcKind.CYCLEWAY,
    "service": ArcKind.SERVICE,
    "living_street": ArcKind.STREET,
    "residential": ArcKind.STREET,
    "unclassified": ArcKind.STREET,
    "road": ArcKind.STREET,
    "tertiary": ArcKind.STREET,
    "tertiary_link": ArcKind.STREET,
    "secondary": ArcKind.MAJOR_ROAD,
    "secondary_link": ArcKind.MAJOR_ROAD,
    "primary": ArcKind.MAJOR_ROAD,
    "primary_link": ArcKind.MAJOR_ROAD,
    "elevator": ArcKind.ELEVATOR,
}


def arc_kind(tags: dict[str, str]) -> int:
    """The kind of path a way is: a sidewalk or crossing footway is told apart from other footways."""
    highway = tags.get("highway", "")
    if highway == "footway" and tags.get("footway") == "sidewalk":
        return ArcKind.SIDEWALK
    if highway in {"footway", "path", "cycleway"} and tags.get("footway") == "crossing":
        return ArcKind.CROSSING
    return _KIND_BY_HIGHWAY.get(highway, ArcKind.FOOTWAY)


@dataclass
class WayFacts:
    """The accessibility facts of one way, in the way's own direction."""

    incline: float | None
    width: float | None
    surface: int
    smoothness: int
    kind: int
    steps: int
    handrail: int
    ramp: int
    lit: int
    tactile: int
    wheelchair: int
    crossing: int
    sound: int
    vibration: int
    sidewalk: int


def way_facts(tags: dict[str, str]) -> WayFacts:
    """Read a way's tags once."""
    kind = arc_kind(tags)
    steps = 0
    if kind == ArcKind.STEPS:
        steps = osm.step_count(tags.get("step_count")) or -1
    handrail_keys = ("handrail", "handrail:left", "handrail:right", "handrail:center")
    handrail = max((osm.tri(tags.get(key)) for key in handrail_keys), key=lambda value: value == osm.Tri.YES)
    return WayFacts(
        incline=osm.incline_percent(tags.get("incline")),
        width=osm.metres(tags.get("width") or tags.get("est_width")),
        surface=osm.surface(tags.get("surface")),
        smoothness=osm.smoothness(tags.get("smoothness")),
        kind=kind,
        steps=steps,
        handrail=handrail,
        ramp=_ramp(tags),
        lit=osm.tri(tags.get("lit")),
        tactile=osm.tri(tags.get("tactile_paving")),
        wheelchair=osm.tri(tags.get("wheelchair")),
        crossing=osm.crossing(tags) if kind == ArcKind.CROSSING else osm.Crossing.NONE,
        sound=osm.tri(tags.get("traffic_signals:sound")),
        vibration=osm.tri(tags.get("traffic_signals:vibration")),
        sidewalk=osm.pack_sides(*osm.sidewalk_sides(tags)),
    )


def _ramp(tags: dict[str, str]) -> int:
    """A wheelchair ramp beside steps: ``ramp:wheelchair`` says so; a bare ``ramp=yes`` may be for bicycles or
    prams, so it counts as limited (not enough to send a wheelchair there)."""
    wheelchair = osm.tri(tags.get("ramp:wheelchair"))
    if wheelchair != osm.Tri.UNKNOWN:
        return wheelchair
    return osm.Tri.LIMITED if osm.tri(tags.get("ramp")) == osm.Tri.YES else osm.Tri.UNKNOWN


def _key_nodes(network: RawNetwork) -> set[int]:
    """Nodes that stay graph nodes: shared by two ways (or twice by one), way ends, tagged nodes."""
    seen: set[int] = set()
    keep: set[int] = set()
    for way in network.ways:
        keep.add(way.refs[0])
        keep.add(way.refs[-1])
        for ref in way.refs:
            if ref in seen:
                keep.add(ref)
            seen.add(ref)
    keep.update(ref for ref in network.node_tags if ref in seen)
    return keep


class _Builder:
    """Accumulates nodes, pieces and shapes, then turns them into numpy arrays."""

    def __init__(self, network: RawNetwork) -> None:
        self.network = network
        self.node_index: dict[int, int] = {}
        self.node_rows: list[tuple[int, float, float]] = []
        # each piece as three parallel lists (way number, first and last position in the way), not objects:
        # a city has tens of thousands of pieces and the build is measured by its peak memory
        self.piece_way: list[int] = []
        self.piece_start: list[int] = []
        self.piece_end: list[int] = []
        self.pairs: set[tuple[int, int]] = set()
        self.texts: list[str] = []
        self.text_index: dict[str, int] = {}

    def node(self, way: RawWay, position: int) -> int:
        ref = way.refs[position]
        index = self.node_index.get(ref)
        if index is None:
            index = self.node_index[ref] = len(self.node_rows)
            self.node_rows.append((ref, way.lats[position], way.lons[position]))
        return index

    def text(self, value: str | None) -> int:
        if not value:
            return -1
        index = self.text_index.get(value)
        if index is None:
            index = self.text_index[value] = len(self.texts)
            self.texts.append(value)
        return index

    def add_piece(self, number: int, way: RawWay, start: int, end: int) -> None:
        """Add the way's part from start to end, cut at shape points when its node pair is taken."""
        if end - start < 1:
            return
        first, last = self.node(way, start), self.node(way, end)
        pair = (min(first, last), max(first, last))
        if first == last or pair in self.pairs:
            if end - start >= 3 or (first != last and end - start >= 2):
                cuts = [start + (end - start) * part // 3 for part in (1, 2)] if first == last else []
                middle = [(start + end) // 2] if first != last else cuts
                bounds = [start, *middle, end]
                for a, b in pairwise(bounds):
                    self.add_piece(number, way, a, b)
            return  # a two-point duplicate of an existing segment adds nothing
        self.pairs.add(pair)
        self.piece_way.append(number)
        self.piece_start.append(start)
        self.piece_end.append(end)


def build_network(network: RawNetwork, elevation: Elevation | None = None, progress: Progress | None = None) -> Graph:
    """The compact graph of a read network, with inclines from the DEM where no ``incline`` tag says."""
    say = progress or (lambda message: None)
    started = time.perf_counter()
    keep = _key_nodes(network)
    builder = _Builder(network)
    for number, way in enumerate(network.ways):
        cut = [index for index, ref in enumerate(way.refs) if ref in keep]
        for start, end in pairwise(cut):
            builder.add_piece(number, way, start, end)
    say(f"{len(network.ways):,} ways -> {len(builder.node_rows):,} nodes, {len(builder.piece_way):,} segments")
    graph = _assemble(builder, elevation)
    graph.meta.update(
        source=network.source,
        osm_nodes=network.osm_nodes_seen,
        ways=len(network.ways),
        dem=elevation is not None,
        build_seconds=round(time.perf_counter() - started, 2),
    )
    return graph


def _node_arrays(builder: _Builder) -> dict[str, np.ndarray]:
    count = len(builder.node_rows)
    ids = np.array([row[0] for row in builder.node_rows], dtype=np.int64)
    columns: dict[str, np.ndarray] = {
        "lat": np.array([row[1] for row in builder.node_rows], dtype=np.float64),
        "lon": np.array([row[2] for row in builder.node_rows], dtype=np.float64),
        "osm_id": ids,
        "kerb_cm": np.full(count, np.nan, dtype=np.float32),
        "hours": np.full(count, -1, dtype=np.int32),
    }
    for name in ("crossing", "sound", "vibration", "tactile", "elevator", "barrier", "wheelchair"):
        columns[name] = np.zeros(count, dtype=NODE_DTYPES[name])
    for index, osm_id in enumerate(ids.tolist()):
        tags = builder.network.node_tags.get(osm_id)
        if tags:
            _node_facts(columns, index, tags, builder)
    return columns


def _node_facts(columns: dict[str, np.ndarray], index: int, tags: dict[str, str], builder: _Builder) -> None:
    if tags.get("barrier") == "kerb" or "kerb" in tags or "kerb:height" in tags:
        height = osm.kerb_height_cm(tags.get("kerb:height"), tags.get("kerb"))
        columns["kerb_cm"][index] = np.nan if height is None else height
    columns["crossing"][index] = osm.crossing(tags)
    columns["sound"][index] = osm.tri(tags.get("traffic_signals:sound"))
    columns["vibration"][index] = osm.tri(tags.get("traffic_signals:vibration"))
    columns["tactile"][index] = osm.tri(tags.get("tactile_paving"))
    columns["wheelchair"][index] = osm.tri(tags.get("wheelchair"))
    if tags.get("highway") == "elevator":
        columns["elevator"][index] = 1
        columns["hours"][index] = builder.text(tags.get("opening_hours"))
    columns["barrier"][index] = 1 if tags.get("barrier") in osm.BLOCKING_BARRIERS else 0


WAY_FIELDS = (
    "uphill",
    "downhill",
    "width",
    "surface",
    "smoothness",
    "kind",
    "steps",
    "handrail",
    "ramp",
    "lit",
    "tactile",
    "wheelchair",
    "crossing",
    "sound",
    "vibration",
    "sidewalk",
    "way",
    "name",
    "name_zh",
    "name_en",
)
"""Arc fields that are the same for every piece of a way: read once per way into arrays, then indexed."""


def _way_arrays(builder: _Builder) -> dict[str, np.ndarray]:
    count = len(builder.network.ways)
    arrays = {name: np.zeros(count, dtype=ARC_DTYPES[name]) for name in WAY_FIELDS}
    for number, way in enumerate(builder.network.ways):
        facts = way_facts(way.tags)
        incline = np.nan if facts.incline is None else facts.incline
        values = {
            "uphill": max(incline, 0.0) if facts.incline is not None else np.nan,
            "downhill": max(-incline, 0.0) if facts.incline is not None else np.nan,
            "width": np.nan if facts.width is None else facts.width,
            "surface": facts.surface,
            "smoothness": facts.smoothness,
            "kind": facts.kind,
            "steps": facts.steps,
            "handrail": facts.handrail,
            "ramp": facts.ramp,
            "lit": facts.lit,
            "tactile": facts.tactile,
            "wheelchair": facts.wheelchair,
            "crossing": facts.crossing,
            "sound": facts.sound,
            "vibration": facts.vibration,
            "sidewalk": facts.sidewalk,
            "way": way.id,
            "name": builder.text(way.tags.get("name")),
            "name_zh": builder.text(way.tags.get("name:zh") or way.tags.get("name:zh-Hans")),
            "name_en": builder.text(way.tags.get("name:en")),
        }
        for name, value in values.items():
            arrays[name][number] = value
    return arrays


def _shapes(builder: _Builder) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every piece's points, concatenated, with the offset where each piece starts."""
    ways = builder.network.ways
    sizes = np.array(builder.piece_end) - np.array(builder.piece_start) + 1
    starts = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
    lats = np.empty(int(starts[-1]))
    lons = np.empty(int(starts[-1]))
    for piece, (number, first, last) in enumerate(
        zip(builder.piece_way, builder.piece_start, builder.piece_end, strict=True)
    ):
        lats[starts[piece] : starts[piece + 1]] = ways[number].lats[first : last + 1]
        lons[starts[piece] : starts[piece + 1]] = ways[number].lons[first : last + 1]
    return starts, lats, lons


def _assemble(builder: _Builder, elevation: Elevation | None) -> Graph:
    nodes = _node_arrays(builder)
    per_way = _way_arrays(builder)
    piece_way = np.array(builder.piece_way, dtype=np.int64)
    arrays = {name: values[piece_way] for name, values in per_way.items()}
    del per_way
    ways = builder.network.ways
    index = builder.node_index
    arrays["source"] = np.array(
        [index[ways[w].refs[i]] for w, i in zip(builder.piece_way, builder.piece_start, strict=True)], dtype=np.int32
    )
    arrays["target"] = np.array(
        [index[ways[w].refs[i]] for w, i in zip(builder.piece_way, builder.piece_end, strict=True)], dtype=np.int32
    )
    arrays["shape"] = np.arange(len(piece_way), dtype=np.int32)
    starts, lats, lons = _shapes(builder)
    arrays["length"] = _shape_lengths(starts, lats, lons)
    if elevation is not None:
        _fill_inclines(arrays, starts, lats, lons, elevation)
    arcs = _both_directions(arrays)
    order = np.argsort(arcs["source"], kind="stable")
    position = np.empty_like(order)
    position[order] = np.arange(len(order))
    arcs = {name: values[order] for name, values in arcs.items()}
    arcs["twin"] = position[arcs["twin"]].astype(np.int32)
    indptr = np.searchsorted(arcs["source"], np.arange(len(nodes["lat"]) + 1)).astype(np.int32)
    landmarks = _landmark_arrays(builder)
    return Graph(nodes, arcs, indptr, starts, lats, lons, builder.texts, landmarks=landmarks)


def _landmark_arrays(builder: _Builder) -> dict[str, np.ndarray]:
    rows = builder.network.landmarks
    return {
        "lat": np.array([row[0] for row in rows], dtype=np.float64),
        "lon": np.array([row[1] for row in rows], dtype=np.float64),
        "name": np.array([builder.text(row[2]) for row in rows], dtype=np.int32),
        "name_zh": np.array([builder.text(row[3]) for row in rows], dtype=np.int32),
        "name_en": np.array([builder.text(row[4]) for row in rows], dtype=np.int32),
    }


def _shape_lengths(starts: np.ndarray, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    segments = segment_lengths(lats, lons)
    cumulative = np.concatenate(([0.0], np.cumsum(segments)))
    return cumulative[starts[1:] - 1] - cumulative[starts[:-1]]


def _fill_inclines(
    arrays: dict[str, np.ndarray], starts: np.ndarray, lats: np.ndarray, lons: np.ndarray, elevation: Elevation
) -> None:
    """Steepest climb and descent of each untagged piece from the DEM, over windows of the DEM's resolution."""
    unknown = np.flatnonzero(np.isnan(arrays["uphill"]))
    for shape in unknown.tolist():
        up, down = elevation.steepest(lats[starts[shape] : starts[shape + 1]], lons[starts[shape] : starts[shape + 1]])
        if up is not None and down is not None:
            arrays["uphill"][shape], arrays["downhill"][shape] = up, down


_SWAPPED_SIDES = np.array([osm.swap_sides(packed) for packed in range(16)], dtype=np.int8)
"""Lookup table: a packed (left, right) pavement pair as seen walking the other way."""


def _both_directions(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    count = len(arrays["source"])
    backward = dict(arrays)
    backward["source"], backward["target"] = arrays["target"], arrays["source"]
    backward["uphill"], backward["downhill"] = arrays["downhill"], arrays["uphill"]
    backward["sidewalk"] = _SWAPPED_SIDES[arrays["sidewalk"]]
    both = {name: np.concatenate((arrays[name], backward[name])) for name in arrays}
    both["reverse"] = np.concatenate((np.zeros(count, np.int8), np.ones(count, np.int8)))
    both["twin"] = np.concatenate((np.arange(count, 2 * count), np.arange(count))).astype(np.int32)
    return both


def build_graph(source: Path, dem: Sequence[Path] = (), progress: Progress | None = None) -> Graph:
    """Read an OSM PBF/XML file or an OpenSidewalks edges GeoJSON and build its graph (with SRTM tiles if given)."""
    from barrierfree.routing import _osm, opensidewalks

    say = progress or (lambda message: None)
    started = time.perf_counter()
    if opensidewalks.is_opensidewalks(source):
        network = opensidewalks.read_opensidewalks(source)
    else:
        network = _osm.read_osm(source)
    say(f"read {source.name} in {time.perf_counter() - started:.1f} s")
    elevation = Elevation.from_tiles(dem) if dem else None
    graph = build_network(network, elevation, progress)
    graph.meta["build_seconds"] = round(time.perf_counter() - started, 2)
    graph.meta["source_file"] = source.name
    return graph
