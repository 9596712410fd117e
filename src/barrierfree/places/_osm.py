"""Reading places out of an OSM file (PBF or XML) with pyosmium: tagged nodes, and ways at their centroid.

Relations (multipolygon buildings, sites) are not read: most points of interest are nodes or closed ways, and a
relation's centroid needs its member ways assembled first. Unreadable input (a missing, truncated or corrupt file,
XML that is not OSM) becomes :class:`UnreadableOsmFile`, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import osmium

from barrierfree.core.i18n import _
from barrierfree.places.errors import UnreadableOsmFile
from barrierfree.places.tags import MappedFeature, map_tags

PROGRESS_EVERY = 20_000
"""Tagged objects read between two progress reports."""
SUFFIXES = (".osm.pbf", ".pbf", ".osm", ".osm.bz2", ".osm.gz", ".xml")


@dataclass(frozen=True)
class OsmPlace:
    """One place found in the file: its OSM identity, position and what its tags say."""

    osm_type: str
    osm_id: int
    lat: float
    lon: float
    feature: MappedFeature


def _way_centroid(way: Any) -> tuple[float, float] | None:
    """The mean of a way's node positions (the closing node of a ring counted once); None without locations."""
    points = []
    for node in way.nodes:
        location = node.location
        if not location.valid():
            return None
        points.append((location.lat, location.lon))
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    if not points:
        return None
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def _check_path(path: Path) -> None:
    if not path.is_file():
        raise UnreadableOsmFile(_("There is no file {path}.").format(path=str(path)[:200]), field="file")
    if not path.name.lower().endswith(SUFFIXES):
        raise UnreadableOsmFile(
            _("{path} is not an OSM file: give a .osm.pbf or .osm file.").format(path=path.name[:120]), field="file"
        )


def read_places(path: Path, on_progress: Callable[[int], None] | None = None) -> Iterator[OsmPlace]:
    """Every place in the file, nodes then ways; ``on_progress`` gets the count of tagged objects read so far."""
    _check_path(path)
    processor = (
        osmium.FileProcessor(str(path), osmium.osm.NODE | osmium.osm.WAY)
        .with_locations()
        .with_filter(osmium.filter.EmptyTagFilter())
    )
    read = 0
    try:
        for obj in processor:
            read += 1
            if on_progress is not None and read % PROGRESS_EVERY == 0:
                on_progress(read)
            tags = {tag.k: tag.v for tag in obj.tags}
            feature = map_tags(tags)
            if feature is None:
                continue
            if isinstance(obj, osmium.osm.Node):
                if not obj.location.valid():
                    continue
                yield OsmPlace("node", obj.id, obj.location.lat, obj.location.lon, feature)
            elif isinstance(obj, osmium.osm.Way):
                centre = _way_centroid(obj)
                if centre is not None:
                    yield OsmPlace("way", obj.id, centre[0], centre[1], feature)
    except (RuntimeError, ValueError, OSError) as error:
        raise UnreadableOsmFile(
            _("{path} cannot be read as OSM data after {n} objects: {reason}").format(
                path=path.name[:120], n=read, reason=str(error)[:200]
            ),
            field="file",
        ) from None
    if on_progress is not None:
        on_progress(read)
