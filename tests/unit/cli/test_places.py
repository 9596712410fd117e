"""``barrierfree places``: import with its counts (again, idempotently), search in text and JSON, clear errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from barrierfree.cli import app
from barrierfree.core.settings import get_settings
from tests.conftest import SHARED_DATA
from tests.unit.places.osm_fixture import write_hangzhou

runner = CliRunner()
HEIDELBERG = SHARED_DATA / "osm" / "heidelberg.osm.pbf"


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str) -> Iterator[Path]:
    monkeypatch.setenv("BARRIERFREE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("BARRIERFREE_DATABASE_URL", database_url)
    monkeypatch.setenv("BARRIERFREE_DEFAULT_LANGUAGE", "en")
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_import_prints_counts_and_search_finds_places_nearest_first(cli_env: Path) -> None:
    path = write_hangzhou(cli_env)
    first = runner.invoke(app, ["places", "import", str(path)])
    assert first.exit_code == 0, first.output
    assert "3 places in hangzhou.osm: 3 new, 0 updated, 0 unchanged" in first.stdout
    again = runner.invoke(app, ["places", "import", str(path), "--json"])
    assert json.loads(again.stdout)["unchanged"] == 3

    text = runner.invoke(app, ["places", "search", "--near", "30.2580,120.1620", "--radius", "2000"])
    assert text.exit_code == 0, text.output
    lines = [line for line in text.stdout.splitlines() if not line.startswith(" ")]
    assert lines[0].startswith("public toilet") or "m away" in lines[0]
    assert "Hubin Cinema (cinema)" in text.stdout and "Subtitles: yes" in text.stdout
    assert "Hearing loop: not known" in text.stdout and "Hearing loop: no;" not in text.stdout
    assert "Public toilet without a name" in text.stdout or "public toilet without a name" in text.stdout
    chinese = runner.invoke(
        app, ["places", "search", "--near", "30.2580,120.1620", "--has", "subtitles=yes", "--lang", "zh-CN", "--json"]
    )
    document = json.loads(chinese.stdout)
    assert [place["name"] for place in document] == ["湖滨影院"]
    assert document[0]["attributes"]["hearing_loop"] == "unknown"


@pytest.mark.parametrize(
    ("arguments", "code", "words"),
    [
        (["search", "--near", "30.25"], 2, "latitude,longitude"),
        (["search", "--near", "30.25,190"], 2, "longitude must be"),
        (["search", "--near", "30.25,120.1", "--has", "ramp=yes"], 2, "no attribute “ramp”"),
        (["search", "--near", "30.25,120.1", "--radius", "60000"], 2, "1 to 50000 metres"),
        (["search", "--near", "30.25,120.1", "--limit", "500"], 2, "1 to 200"),
        (["import", "missing.osm.pbf"], 2, "There is no file"),
    ],
)
def test_bad_input_exits_2_with_the_problem_named(cli_env: Path, arguments: list[str], code: int, words: str) -> None:
    result = runner.invoke(app, ["places", *arguments])
    assert result.exit_code == code
    assert words in result.output and "Traceback" not in result.output


def test_a_corrupt_pbf_is_named(cli_env: Path) -> None:
    broken = cli_env / "broken.osm.pbf"
    broken.write_bytes(b"\x00\x00\x00\x0d not protobuf at all")
    result = runner.invoke(app, ["places", "import", str(broken)])
    assert result.exit_code == 2 and "broken.osm.pbf cannot be read" in result.output


@pytest.mark.skipif(not HEIDELBERG.exists(), reason=f"{HEIDELBERG} is absent (../shared/data is not beside the repo)")
def test_importing_heidelberg_twice_changes_nothing_the_second_time(cli_env: Path) -> None:
    first = json.loads(runner.invoke(app, ["places", "import", str(HEIDELBERG), "--json"]).stdout)
    second = json.loads(runner.invoke(app, ["places", "import", str(HEIDELBERG), "--json"]).stdout)

    assert first["created"] == first["places_found"] > 200 and first["values_recorded"] > 200
    assert second["unchanged"] == first["places_found"] and second["values_recorded"] == 0
    near = runner.invoke(
        app, ["places", "search", "--near", "49.4094,8.6937", "--radius", "2000", "--has", "wheelchair=yes", "--json"]
    )
    found = json.loads(near.stdout)
    assert found and all(place["attributes"]["wheelchair"] == "yes" for place in found)
    assert [p["distance_m"] for p in found] == sorted(p["distance_m"] for p in found)


def test_add_stores_a_place_and_refuses_it_twice_or_with_bad_input(cli_env: Path) -> None:
    command = ["places", "add", "Youdian Road Service Point", "--at", "30.2577,120.1640", "--category", "service_point"]
    added = runner.invoke(app, [*command, "--name-zh", "邮电路助残服务站", "--json"])
    assert added.exit_code == 0, added.output
    place = json.loads(added.stdout)
    assert place["name"] == "Youdian Road Service Point" and place["category"] == "service_point"
    found = runner.invoke(app, ["places", "search", "--near", "30.2577,120.1640", "--radius", "200", "--json"])
    assert [row["id"] for row in json.loads(found.stdout)] == [place["id"]]

    twice = runner.invoke(app, command)
    assert twice.exit_code == 2 and f"place {place['id']}" in twice.output and "Traceback" not in twice.output
    for bad, words in (
        (["--at", "30.25"], "latitude,longitude"),
        (["--category", "zoo"], "no category"),
        (["--run-by", "99999"], "No organisation has the id 99999"),
    ):
        refused = runner.invoke(
            app, ["places", "add", "Another place", "--at", "30.2, 120.1", "--category", "shop", *bad]
        )
        assert refused.exit_code == 2 and words in refused.output, refused.output
    both = runner.invoke(
        app, ["places", "add", " ", "--at", "30.2, 120.1", "--category", "shop", "--address", "x" * 301]
    )
    assert both.exit_code == 2 and "Give the place a name" in both.output and "at most 300" in both.output
