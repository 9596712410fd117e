"""A demo map the platform writes itself: a few streets of Hangzhou's Shangcheng district with typical barriers.

No map data ships with the project; the demo site needs a graph on any machine, so this module draws a small
grid of real street names (with zh and en names) and adds what the engine must handle: a pedestrian bridge with
steps on one side and an elevator with opening hours on the other, a shortcut down steps past a raised kerb, a
gravel path without lights, crossings with and without sound signals, and pavements on one side, both sides or none (one
changes side part-way). Coordinates are approximate; the barriers are made up.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from xml.sax.saxutils import quoteattr

from barrierfree.routing.build import build_graph
from barrierfree.routing.graph import VERSION, Graph, load_graph

_LATS = (30.2590, 30.2577, 30.2564)
_LONS = (120.1620, 120.1635, 120.1650, 120.1665)
_ROWS = (("平海路", "Pinghai Road"), ("邮电路", "Youdian Road"), ("仁和路", "Renhe Road"))
_COLUMNS = (
    ("延安路", "Yan'an Road"),
    ("东坡路", "Dongpo Road"),
    ("浣纱路", "Huansha Road"),
    ("中河路", "Zhonghe Road"),
)

DEMO_POINTS = {
    "hubin": (30.2590, 120.1620),
    "youdian_dongpo": (30.2577, 120.1635),
    "renhe_zhonghe": (30.2564, 120.1665),
    "bridge_east": (30.2577, 120.1627),
}
"""Named points for the demo page and the tests."""


_ROW_PAVEMENTS: tuple[tuple[tuple[range, dict[str, str]], ...], ...] = (
    ((range(4), {"sidewalk": "both"}),),
    ((range(4), {"sidewalk": "both"}),),
    # Renhe Road's pavement changes side at Huansha Road (ways drawn west to east)
    ((range(3), {"sidewalk": "right"}), (range(2, 4), {"sidewalk": "left"})),
)
_COLUMN_PAVEMENTS = ({"sidewalk": "separate"}, {"sidewalk": "both"}, {"sidewalk": "left"}, {"sidewalk": "no"})
"""Pavements as OSM maps them on the street (``sidewalk=*``), so the blind profile can say which side to walk."""


def _node_id(row: int, column: int) -> int:
    return 1000 + row * 10 + column


def demo_osm() -> str:
    """The demo map as OSM XML."""
    nodes: dict[int, tuple[float, float, dict[str, str]]] = {}
    ways: list[tuple[int, list[int], dict[str, str]]] = []
    for row, lat in enumerate(_LATS):
        for column, lon in enumerate(_LONS):
            nodes[_node_id(row, column)] = (lat, lon, {})
    # crossings: a signalled one with sound on Youdian Road, a silent one on Renhe Road
    nodes[_node_id(1, 1)] = (
        _LATS[1],
        _LONS[1],
        {
            "highway": "traffic_signals",
            "crossing": "traffic_signals",
            "traffic_signals:sound": "yes",
            "tactile_paving": "yes",
            "kerb": "lowered",
        },
    )
    nodes[_node_id(2, 2)] = (
        _LATS[2],
        _LONS[2],
        {"highway": "crossing", "crossing": "traffic_signals", "kerb": "lowered"},
    )
    way_id = 100
    for row, (zh, en) in enumerate(_ROWS):
        names = {"name": zh, "name:zh": zh, "name:en": en, "surface": "asphalt"}
        for columns, sidewalk in _ROW_PAVEMENTS[row]:
            way_id += 1
            refs = [_node_id(row, column) for column in columns]
            ways.append((way_id, refs, {"highway": "tertiary", **names, **sidewalk}))
    for column, (zh, en) in enumerate(_COLUMNS):
        way_id += 1
        refs = [_node_id(row, column) for row in range(len(_LATS))]
        kind = "secondary" if column == 0 else "residential"
        tags = {"highway": kind, "name": zh, "name:zh": zh, "name:en": en, "surface": "asphalt"}
        ways.append((way_id, refs, {**tags, **_COLUMN_PAVEMENTS[column]}))
    # a pedestrian bridge over Yan'an Road: steps up on the west, an elevator on the east
    nodes[1] = (_LATS[1], _LONS[0] - 0.0006, {})
    nodes[2] = (_LATS[1], _LONS[0] - 0.0003, {})
    nodes[3] = (_LATS[1], _LONS[0] + 0.0003, {})
    nodes[4] = (
        _LATS[1],
        _LONS[0] + 0.0007,
        {"highway": "elevator", "opening_hours": "06:00-23:00", "wheelchair": "yes"},
    )
    ways.append((201, [1, 2], {"highway": "steps", "step_count": "28", "incline": "up", "handrail": "yes"}))
    ways.append(
        (
            202,
            [2, 3],
            {
                "highway": "footway",
                "bridge": "yes",
                "name": "延安路人行天桥",
                "name:en": "Yan'an Road footbridge",
                "surface": "concrete",
            },
        )
    )
    ways.append((203, [3, 4], {"highway": "footway", "surface": "concrete"}))
    ways.append((204, [4, _node_id(1, 1)], {"highway": "footway", "surface": "paving_stones", "width": "2"}))
    ways.append((205, [1, _node_id(0, 0)], {"highway": "footway", "surface": "asphalt"}))
    # landmarks to steer by (not on any way: just named places beside turns)
    nodes[6] = (
        _LATS[0] + 0.0001,
        _LONS[3],
        {"amenity": "pharmacy", "name": "方回春堂", "name:en": "Fanghuichun Pharmacy"},
    )
    nodes[7] = (
        _LATS[2] - 0.0001,
        _LONS[0],
        {"highway": "bus_stop", "public_transport": "platform", "name": "仁和路口", "name:en": "Renhe Road stop"},
    )
    # a shortcut down steps past a raised kerb, and a gravel path
    nodes[5] = (30.25705, 120.16575, {"barrier": "kerb", "kerb": "raised"})
    ways.append((206, [_node_id(1, 2), 5, _node_id(2, 3)], {"highway": "steps", "step_count": "12", "incline": "down"}))
    ways.append(
        (
            207,
            [_node_id(0, 2), _node_id(1, 3)],
            {"highway": "path", "surface": "gravel", "lit": "no", "name": "湖边小径", "name:en": "Lakeside path"},
        )
    )
    return _as_xml(nodes, ways)


def _as_xml(
    nodes: dict[int, tuple[float, float, dict[str, str]]], ways: list[tuple[int, list[int], dict[str, str]]]
) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="barrierfree-demo">']
    for node_id, (lat, lon, tags) in sorted(nodes.items()):
        lines.append(f'  <node id="{node_id}" version="1" lat="{lat:.7f}" lon="{lon:.7f}">')
        lines += [f"    <tag k={quoteattr(key)} v={quoteattr(value)}/>" for key, value in tags.items()]
        lines.append("  </node>")
    for way_id, refs, tags in ways:
        lines.append(f'  <way id="{way_id}" version="1">')
        lines += [f'    <nd ref="{ref}"/>' for ref in refs]
        lines += [f"    <tag k={quoteattr(key)} v={quoteattr(value)}/>" for key, value in tags.items()]
        lines.append("  </way>")
    lines.append("</osm>")
    return "\n".join(lines) + "\n"


def demo_graph_path(folder: Path) -> Path:
    """Where the demo graph lives: named by a hash of the map and the file format, so a change rebuilds it."""
    digest = hashlib.sha256(f"{demo_osm()}{VERSION}".encode()).hexdigest()[:12]
    return folder / f"demo-hangzhou-{digest}.bfg"


def demo_graph(folder: Path) -> Graph:
    """The demo graph, built into ``folder`` on first use and loaded from there afterwards."""
    path = demo_graph_path(folder)
    if not path.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        source = folder / "demo-hangzhou.osm"
        source.write_text(demo_osm(), encoding="utf-8")
        build_graph(source).save(path)
    return load_graph(path)
