"""A small map the routing tests write themselves (OSM XML that pyosmium reads): every barrier in one place.

A ---- B ---- C        A-B-C: Main Street (paved).  B-E: 12 steps (the short way down).
|      |      |        A-D, C-F: long paved ramps around.  D-E-F: River Walk.
D ---- E ---- F        E has a raised kerb on its way to G.  E-G is a crossing with traffic lights.
       |               G: the far side (a lowered-kerb crossing node with a sound signal).
       G
"""

from __future__ import annotations

from pathlib import Path

NODES = {
    1: (49.4100, 8.6900, {}),  # A
    2: (49.4100, 8.6920, {}),  # B
    3: (49.4100, 8.6940, {}),  # C
    4: (49.4080, 8.6900, {}),  # D
    5: (49.4080, 8.6920, {}),  # E
    6: (49.4080, 8.6940, {}),  # F
    7: (
        49.4070,
        8.6920,
        {
            "highway": "crossing",
            "crossing": "traffic_signals",
            "traffic_signals:sound": "yes",
            "tactile_paving": "yes",
            "kerb": "lowered",
        },
    ),  # G (crossing node)
    8: (49.4060, 8.6920, {}),  # H, beyond the crossing
    9: (49.4090, 8.6920, {"barrier": "kerb", "kerb": "raised"}),  # a raised kerb between B and E (on the steps' way)
    10: (49.4081, 8.6899, {"amenity": "cafe", "name": "Café Rossi", "name:zh": "罗西咖啡馆"}),  # beside D, on no way
}
WAYS = [
    (101, [1, 2, 3], {"highway": "residential", "name": "Main Street", "name:zh": "主街", "surface": "asphalt"}),
    (102, [2, 9, 5], {"highway": "steps", "step_count": "12", "incline": "down", "handrail": "yes"}),
    (103, [1, 4], {"highway": "footway", "surface": "asphalt", "incline": "-4%", "width": "2"}),
    (104, [3, 6], {"highway": "footway", "surface": "asphalt", "incline": "-4%", "width": "2"}),
    (105, [4, 5, 6], {"highway": "footway", "name": "River Walk", "surface": "paving_stones"}),
    (106, [5, 7, 8], {"highway": "footway", "footway": "crossing", "crossing": "traffic_signals"}),
]


def write_map(directory: Path, extra_way_tags: dict[int, dict[str, str]] | None = None) -> Path:
    """Write the map as OSM XML and return its path; ``extra_way_tags`` changes tags per way id."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="barrierfree-tests">']
    for node_id, (lat, lon, tags) in NODES.items():
        lines.append(f'  <node id="{node_id}" version="1" lat="{lat}" lon="{lon}">')
        lines += [f'    <tag k="{key}" v="{value}"/>' for key, value in tags.items()]
        lines.append("  </node>")
    for way_id, refs, tags in WAYS:
        merged = {**tags, **(extra_way_tags or {}).get(way_id, {})}
        lines.append(f'  <way id="{way_id}" version="1">')
        lines += [f'    <nd ref="{ref}"/>' for ref in refs]
        lines += [f'    <tag k="{key}" v="{value}"/>' for key, value in merged.items()]
        lines.append("  </way>")
    lines.append("</osm>")
    path = directory / "synthetic.osm"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


POINT = {name: (NODES[number][0], NODES[number][1]) for name, number in zip("ABCDEFGHK", range(1, 10), strict=True)}
