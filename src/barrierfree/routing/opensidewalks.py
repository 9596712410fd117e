"""Reading an OpenSidewalks (OSW 0.2) graph: ``*.edges.OSW.geojson`` with its ``*.nodes.OSW.geojson`` beside it.

OpenSidewalks already cuts sidewalks, crossings and kerbs into a graph whose edges name their end nodes
(``_u_id``, ``_v_id``) and carry ``incline`` as a fraction; the reader turns each edge into a two-node way
with OSM-style tags so that the same builder and the same tag rules apply.
"""

from __future__ import annotations

import hashlib
import json
from itertools import count
from pathlib import Path
from typing import Any

from barrierfree.core.i18n import _
from barrierfree.routing.errors import InvalidRoutingInput
from barrierfree.routing.raw import RawNetwork, RawWay

EDGES_SUFFIX = ".edges.OSW.geojson"
NODES_SUFFIX = ".nodes.OSW.geojson"
MAX_FILE_BYTES = 500 * 1024 * 1024


def is_opensidewalks(path: Path) -> bool:
    """Whether a path names an OpenSidewalks edges file."""
    return path.name.endswith(EDGES_SUFFIX)


def _load(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise InvalidRoutingInput(_("No OpenSidewalks file at {path}.").format(path=path))
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InvalidRoutingInput(_("{path} is larger than 500 MB; split the area.").format(path=path))
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        features = document["features"]
        if not isinstance(features, list):
            raise TypeError("features is not a list")
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as error:
        raise InvalidRoutingInput(
            _("{path} is not an OpenSidewalks GeoJSON file ({reason}).").format(path=path, reason=error)
        ) from error
    return features


def _tag_text(key: str, value: object) -> str:
    if key == "incline" and isinstance(value, int | float):
        return f"{value * 100:.2f}%"  # OSW stores a fraction, OSM a percentage
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def read_opensidewalks(edges_path: Path) -> RawNetwork:
    """The network of an OSW edges file and, when present, the kerb and tactile facts of its nodes file."""
    network = RawNetwork(source="opensidewalks")
    nodes_path = edges_path.with_name(edges_path.name[: -len(EDGES_SUFFIX)] + NODES_SUFFIX)
    if nodes_path.is_file():
        for feature in _load(nodes_path):
            properties = feature.get("properties") or {}
            tags = {key: _tag_text(key, value) for key, value in properties.items() if not key.startswith("_")}
            if tags and "_id" in properties:
                network.node_tags[_node_id(properties["_id"])] = tags
    shape_ids = count(-1, -1)
    for number, feature in enumerate(_load(edges_path), start=1):
        properties = feature.get("properties") or {}
        geometry = feature.get("geometry") or {}
        coordinates = geometry.get("coordinates") or []
        if geometry.get("type") != "LineString" or len(coordinates) < 2 or "_u_id" not in properties:
            raise InvalidRoutingInput(
                _("Edge {number} of {path} is not a LineString with _u_id and _v_id.").format(
                    number=number, path=edges_path
                )
            )
        tags = {key: _tag_text(key, value) for key, value in properties.items() if not key.startswith("_")}
        if tags.get("foot") == "no":
            continue
        refs = [_node_id(properties["_u_id"])]
        refs += [next(shape_ids) for _point in coordinates[1:-1]]
        refs.append(_node_id(properties["_v_id"]))
        lons = [float(point[0]) for point in coordinates]
        lats = [float(point[1]) for point in coordinates]
        network.ways.append(RawWay(-number, refs, lats, lons, tags))
        network.osm_nodes_seen += len(coordinates)
    if not network.ways:
        raise InvalidRoutingInput(_("{path} holds no edges.").format(path=edges_path))
    return network


def _node_id(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        # OSW ids may be any string: a stable id from the text keeps nodes shared between edges.
        return int.from_bytes(hashlib.blake2b(str(value).encode(), digest_size=7).digest(), "big") + 2**60
