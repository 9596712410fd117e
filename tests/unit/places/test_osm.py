"""Reading places from OSM files with pyosmium: nodes, ways at their centroid, corrupt input, a real extract."""

from __future__ import annotations

from pathlib import Path

import osmium
import pytest

from barrierfree.core.i18n import use_language
from barrierfree.places._osm import read_places
from barrierfree.places.errors import UnreadableOsmFile
from barrierfree.places.models import Access, Attribute, Category
from tests.conftest import SHARED_DATA
from tests.unit.places.osm_fixture import write_hangzhou

HEIDELBERG = SHARED_DATA / "osm" / "heidelberg.osm.pbf"


def test_nodes_and_ways_become_places_with_their_attributes(tmp_path: Path) -> None:
    found = {(p.osm_type, p.osm_id): p for p in read_places(write_hangzhou(tmp_path))}

    assert set(found) == {("node", 1), ("node", 2), ("way", 100)}
    cinema = found[("node", 1)]
    assert (cinema.lat, cinema.lon) == pytest.approx((30.2566, 120.1648))
    assert cinema.feature.category is Category.CINEMA and cinema.feature.name_en == "Hubin Cinema"
    assert cinema.feature.attributes[Attribute.AUDIO_DESCRIPTION][0] is Access.LIMITED
    shop = found[("way", 100)]
    assert (shop.lat, shop.lon) == pytest.approx((30.2800, 120.1400)), "the centroid counts the closing node once"
    assert shop.feature.attributes[Attribute.EMPLOYS_DISABLED][0] is Access.YES
    toilet = found[("node", 2)]
    assert toilet.feature.category is Category.TOILETS and toilet.feature.name == ""
    assert toilet.feature.attributes[Attribute.ACCESSIBLE_TOILET][0] is Access.YES


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("broken.osm.pbf", b"this is not a protocol buffer", "cannot be read"),
        ("truncated.osm", b'<?xml version="1.0"?><osm version="0.6"><node id="1" lat="1" lon="', "cannot be read"),
        ("notes.txt", b"hello", "not an OSM file"),
    ],
)
def test_bad_files_are_refused_with_a_message_naming_the_file(
    tmp_path: Path, name: str, content: bytes, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with use_language("en"), pytest.raises(UnreadableOsmFile, match=words) as caught:
        list(read_places(path))
    assert name in caught.value.message


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with use_language("en"), pytest.raises(UnreadableOsmFile, match="There is no file"):
        list(read_places(tmp_path / "nowhere.osm.pbf"))


@pytest.mark.skipif(not HEIDELBERG.exists(), reason=f"{HEIDELBERG} is absent (../shared/data is not beside the repo)")
def test_the_heidelberg_extract_yields_places_from_nodes_and_ways() -> None:
    progress: list[int] = []
    found = list(read_places(HEIDELBERG, progress.append))

    kinds = {p.osm_type for p in found}
    assert kinds == {"node", "way"}
    assert len(found) > 200
    assert all(49.3 < p.lat < 49.6 and 7.7 < p.lon < 9.2 for p in found)
    assert sum(1 for p in found if Attribute.WHEELCHAIR in p.feature.attributes) > 100
    assert progress and progress[-1] > 40_000


def test_a_truncated_pbf_is_refused_not_half_read_silently(tmp_path: Path) -> None:
    whole = tmp_path / "whole.osm.pbf"
    with osmium.SimpleWriter(str(whole)) as writer:
        for node_id in range(1, 20_001):
            tags = {"name": f"Shop {node_id}", "shop": "gift"}
            writer.add_node(osmium.osm.mutable.Node(id=node_id, location=(120.1 + node_id * 1e-5, 30.2), tags=tags))
    cut = tmp_path / "cut.osm.pbf"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert len(list(read_places(whole))) == 20_000

    with use_language("en"), pytest.raises(UnreadableOsmFile, match=r"cut\.osm\.pbf cannot be read"):
        list(read_places(cut))
