"""Reading OpenStreetMap PBF or XML files with pyosmium into plain ways and tagged nodes for the builder."""

from __future__ import annotations

from array import array
from pathlib import Path

import osmium

from barrierfree.core.i18n import _
from barrierfree.routing.errors import InvalidRoutingInput
from barrierfree.routing.raw import WAY_KEYS, RawNetwork, RawWay

WALKABLE_HIGHWAYS = frozenset(
    {
        "footway",
        "path",
        "pedestrian",
        "living_street",
        "residential",
        "service",
        "unclassified",
        "road",
        "tertiary",
        "tertiary_link",
        "secondary",
        "secondary_link",
        "primary",
        "primary_link",
        "steps",
        "track",
        "cycleway",
        "bridleway",
        "corridor",
        "elevator",
        "platform",
    }
)
"""Highway values a pedestrian may use unless access tags say otherwise (motorways and trunks are left out)."""

NO_ACCESS = frozenset({"no", "private", "military", "agricultural", "forestry", "delivery"})

NODE_KEYS = (
    "kerb",
    "kerb:height",
    "barrier",
    "crossing",
    "highway",
    "traffic_signals:sound",
    "traffic_signals:vibration",
    "tactile_paving",
    "wheelchair",
    "opening_hours",
    "crossing:markings",
    "crossing:signals",
)
"""Node tags the graph keeps; a node with none of them is just a point of a line."""


def is_walkable(tags: dict[str, str]) -> bool:
    """Whether a way with these tags can be walked: a walkable highway that foot/access tags do not close."""
    if tags.get("highway") not in WALKABLE_HIGHWAYS and tags.get("railway") != "platform":
        return False
    foot = tags.get("foot")
    if foot in NO_ACCESS:
        return False
    if foot in {"yes", "designated", "permissive"}:
        return True
    if tags.get("access") in NO_ACCESS:
        return False
    return tags.get("area") != "yes" or tags.get("highway") == "pedestrian"


def read_osm(path: Path) -> RawNetwork:
    """The walkable ways (with their node locations) and the accessibility-tagged nodes of an OSM file."""
    if not path.is_file():
        raise InvalidRoutingInput(_("No OSM file at {path}.").format(path=path))
    network = RawNetwork()
    # No tag filter: every node is counted, because build limits are stated per million OSM nodes.
    processor = osmium.FileProcessor(str(path), osmium.osm.NODE | osmium.osm.WAY).with_locations()
    try:
        for item in processor:
            if isinstance(item, osmium.osm.Node):
                network.osm_nodes_seen += 1
                _keep_node(network, item)
            elif isinstance(item, osmium.osm.Way) and is_walkable(
                tags := {tag.k: tag.v for tag in item.tags if tag.k in WAY_KEYS}
            ):
                _keep_way(network, item, tags)
    except RuntimeError as error:  # libosmium reports corrupt input as RuntimeError
        raise InvalidRoutingInput(
            _(
                "{path} is not a readable OSM file ({reason}). Check that it is a complete .osm.pbf or .osm file."
            ).format(path=path, reason=error)
        ) from error
    if not network.ways:
        raise InvalidRoutingInput(
            _("{path} holds no walkable ways (footways, paths, streets). Is it the right extract?").format(path=path)
        )
    return network


LANDMARK_KEYS = ("amenity", "shop", "tourism", "public_transport", "railway", "historic", "leisure")
"""A named node with one of these keys is a place people steer by: a pharmacy, a bus stop, a museum."""


def _keep_node(network: RawNetwork, node: osmium.osm.Node) -> None:
    if not node.tags:
        return
    name = node.tags.get("name")
    if name and any(key in node.tags for key in LANDMARK_KEYS) and node.location.valid():
        network.landmarks.append(
            (node.location.lat, node.location.lon, name, node.tags.get("name:zh"), node.tags.get("name:en"))
        )
    tags = {key: node.tags[key] for key in NODE_KEYS if key in node.tags}
    if tags:
        network.node_tags[node.id] = tags


def _keep_way(network: RawNetwork, way: osmium.osm.Way, tags: dict[str, str]) -> None:
    # compact typed arrays rather than lists of Python numbers: the build is measured by its peak memory
    refs = array("q")
    lats = array("d")
    lons = array("d")
    for ref in way.nodes:
        if not ref.location.valid():
            continue  # a node outside the extract: the way is cut at the extract's edge
        refs.append(ref.ref)
        lats.append(ref.location.lat)
        lons.append(ref.location.lon)
    if len(refs) >= 2:
        network.ways.append(RawWay(way.id, refs, lats, lons, tags))
