"""A small OSM XML file the places tests write themselves: a cinema node, a shop way, a toilet, noise."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr


def _tags(tags: dict[str, str]) -> str:
    return "".join(f"<tag k={quoteattr(k)} v={quoteattr(v)}/>" for k, v in tags.items())


def osm_xml(
    nodes: list[tuple[int, float, float, dict[str, str]]], ways: list[tuple[int, list[int], dict[str, str]]]
) -> str:
    """An OSM 0.6 XML document with these nodes and ways."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="barrierfree-tests">']
    for node_id, lat, lon, tags in nodes:
        parts.append(f'<node id="{node_id}" version="1" lat="{lat}" lon="{lon}">{_tags(tags)}</node>')
    for way_id, refs, tags in ways:
        refs_xml = "".join(f'<nd ref="{ref}"/>' for ref in refs)
        parts.append(f'<way id="{way_id}" version="1">{refs_xml}{_tags(tags)}</way>')
    parts.append("</osm>")
    return "\n".join(parts)


CINEMA = {
    "name": "湖滨影院",
    "name:en": "Hubin Cinema",
    "amenity": "cinema",
    "wheelchair": "yes",
    "subtitles": "yes",
    "audio_description": "limited",
}
SHOP = {
    "name": "Sunshine Shop",
    "name:zh": "阳光小店",
    "shop": "gift",
    "wheelchair": "limited",
    "employs:disabled": "yes",
}


def write_hangzhou(folder: Path, *, cinema: dict[str, str] | None = None) -> Path:
    """The fixture file: cinema node 1 at Hubin, shop way 100 (a square around 30.28, 120.14), a toilet node 2,
    a nameless bench 3 and a footway 101 with wheelchair=yes (neither is a place)."""
    nodes = [
        (1, 30.2566, 120.1648, cinema if cinema is not None else CINEMA),
        (2, 30.2594, 120.1629, {"amenity": "toilets", "wheelchair": "yes"}),
        (3, 30.2595, 120.1630, {"amenity": "bench"}),
        (10, 30.2790, 120.1390, {}),
        (11, 30.2790, 120.1410, {}),
        (12, 30.2810, 120.1410, {}),
        (13, 30.2810, 120.1390, {}),
    ]
    ways = [
        (100, [10, 11, 12, 13, 10], SHOP),
        (101, [10, 11], {"highway": "footway", "wheelchair": "yes", "name": "Path"}),
    ]
    path = folder / "hangzhou.osm"
    path.write_text(osm_xml(nodes, ways), encoding="utf-8")
    return path
