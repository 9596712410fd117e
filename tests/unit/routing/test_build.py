"""Building the graph: chains collapse, barriers stay nodes, the file round-trips, bad files are refused."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from barrierfree import routing
from barrierfree.routing.graph import ArcKind
from tests.conftest import SHARED_DATA
from tests.unit.routing.synthetic import write_map

OSM = SHARED_DATA / "osm"


def test_a_map_becomes_junctions_and_two_arcs_per_segment(tmp_path: Path) -> None:
    graph = routing.build_graph(write_map(tmp_path))
    # A..H are junctions or ends, and the raised kerb (9) stays a node because it carries a fact.
    assert graph.node_count == 9
    assert graph.arc_count == 2 * 10  # AB BC AD CF DE EF, B-kerb-E as two, E-G-H as two
    kerb = int(np.flatnonzero(graph.nodes["osm_id"] == 9)[0])
    assert graph.nodes["kerb_cm"][kerb] == 10.0
    steps = graph.arcs["kind"] == ArcKind.STEPS
    assert set(graph.arcs["steps"][steps].tolist()) == {12}
    # incline -4 % along the way: a climb one way, a descent the other
    ramp = np.flatnonzero(graph.arcs["way"] == 103)
    assert sorted(graph.arcs["uphill"][ramp].tolist()) == [0.0, 4.0]


def test_arcs_form_a_valid_csr_and_twins_pair_up(tmp_path: Path) -> None:
    graph = routing.build_graph(write_map(tmp_path))
    assert (np.diff(graph.arcs["source"]) >= 0).all()
    twin = graph.arcs["twin"]
    assert (twin[twin] == np.arange(graph.arc_count)).all()
    assert (graph.arcs["source"][twin] == graph.arcs["target"]).all()


def test_the_file_round_trips(tmp_path: Path) -> None:
    graph = routing.build_graph(write_map(tmp_path))
    graph.save(tmp_path / "g.bfg")
    loaded = routing.load_graph(tmp_path / "g.bfg")
    for name, values in graph.arcs.items():
        assert np.array_equal(values, loaded.arcs[name], equal_nan=values.dtype.kind == "f"), name
    assert loaded.texts == graph.texts
    assert loaded.landmarks["lat"].tolist() == graph.landmarks["lat"].tolist() and len(loaded.landmarks["lat"]) == 1


def test_parallel_ways_between_two_nodes_stay_apart(tmp_path: Path) -> None:
    osm = tmp_path / "loop.osm"
    osm.write_text(
        '<osm version="0.6"><node id="1" lat="0" lon="0"/><node id="2" lat="0" lon="0.001"/>'
        '<node id="3" lat="0.0005" lon="0.0005"/><node id="4" lat="-0.0005" lon="0.0005"/>'
        '<way id="1"><nd ref="1"/><nd ref="3"/><nd ref="2"/><tag k="highway" v="footway"/></way>'
        '<way id="2"><nd ref="1"/><nd ref="4"/><nd ref="2"/><tag k="highway" v="steps"/></way></osm>'
    )
    graph = routing.build_graph(osm)
    pairs = set(zip(graph.arcs["source"].tolist(), graph.arcs["target"].tolist(), strict=True))
    assert len(pairs) == graph.arc_count  # no (from, to) pair twice
    assert (graph.arcs["kind"] == ArcKind.STEPS).sum() == 4  # the steps were cut in two, not dropped


@pytest.mark.parametrize("content", [b"not a map", b"\x00\x01garbage" * 100])
def test_a_corrupt_file_is_refused_clearly(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.osm.pbf"
    bad.write_bytes(content)
    with pytest.raises(routing.InvalidRoutingInput, match="not a readable OSM file"):
        routing.build_graph(bad)


def test_a_damaged_graph_file_is_refused_clearly(tmp_path: Path) -> None:
    bad = tmp_path / "bad.bfg"
    bad.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(routing.InvalidRoutingInput, match="not a readable routing graph"):
        routing.load_graph(bad)


def test_a_bad_elevation_tile_is_refused(tmp_path: Path) -> None:
    tile = tmp_path / "N49E008.hgt"
    tile.write_bytes(b"\x00" * 100)
    with pytest.raises(routing.InvalidRoutingInput, match="not an SRTM tile"):
        routing.build_graph(write_map(tmp_path), dem=[tile])


@pytest.mark.skipif(not OSM.is_dir(), reason="needs ../shared/data/osm beside the project")
def test_monaco_slopes_come_from_its_srtm_tile(tmp_path: Path) -> None:
    graph = routing.build_graph(OSM / "monaco.osm.pbf", dem=[OSM / "N43E007.hgt.zip"])
    known = ~np.isnan(graph.arcs["uphill"])
    assert known.mean() > 0.95
    assert 8 < np.percentile(graph.arcs["uphill"][known], 99) < 40  # Monaco is steep, but not a cliff


@pytest.mark.skipif(not OSM.is_dir(), reason="needs ../shared/data/osm beside the project")
def test_opensidewalks_kerbs_and_inclines_are_read() -> None:
    graph = routing.build_graph(OSM / "opensidewalks-microsoft-campus" / "wa.microsoft.graph.edges.OSW.geojson")
    assert (graph.nodes["kerb_cm"] == 10.0).sum() > 50  # raised kerbs
    assert (~np.isnan(graph.arcs["uphill"])).mean() > 0.8
    assert (graph.arcs["kind"] == ArcKind.STEPS).sum() > 100
