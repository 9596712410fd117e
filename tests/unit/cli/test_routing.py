"""``barrierfree routing build`` and ``barrierfree route``: a graph file, steps in text or JSON, clear exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from barrierfree.cli import app
from tests.unit.routing.synthetic import POINT, write_map

runner = CliRunner()


def _point(name: str) -> str:
    return "{},{}".format(*POINT[name])


def test_a_built_graph_routes_in_text_and_json(tmp_path: Path) -> None:
    graph = tmp_path / "map.bfg"
    built = runner.invoke(app, ["routing", "build", str(write_map(tmp_path)), "--out", str(graph), "--json"])
    assert built.exit_code == 0, built.output
    assert json.loads(built.output.strip().splitlines()[-1])["nodes"] == 9
    text = runner.invoke(
        app, ["route", "--graph", str(graph), "--from", _point("A"), "--to", _point("C"), "--lang", "en"]
    )
    assert text.exit_code == 0 and "Start on Main Street" in text.output, text.output
    document = runner.invoke(
        app,
        [
            "route",
            "--graph",
            str(graph),
            "--from",
            _point("B"),
            "--to",
            _point("E"),
            "--profile",
            "manual_wheelchair",
            "--lang",
            "en",
            "--json",
        ],
    )
    route = json.loads(document.output)
    assert document.exit_code == 0 and route["avoided"] and route["steps"][-1]["text"] == "You have arrived."


def test_no_route_and_bad_input_have_their_own_exit_codes(tmp_path: Path) -> None:
    graph = tmp_path / "map.bfg"
    assert runner.invoke(app, ["routing", "build", str(write_map(tmp_path)), "--out", str(graph)]).exit_code == 0
    base = ["route", "--graph", str(graph), "--from", _point("B"), "--to", _point("E"), "--lang", "en"]
    strict = runner.invoke(app, [*base, "--profile", "manual_wheelchair", "--max-downhill", "3"])
    assert strict.exit_code == 3 and "No route within your limits" in strict.output
    bad_time = runner.invoke(app, [*base, "--depart", "tomorrow"])
    assert bad_time.exit_code == 2 and "--depart" in bad_time.output
    bad_zone = runner.invoke(
        app, ["routing", "build", str(write_map(tmp_path)), "--out", str(graph), "--timezone", "Mars/Olympus"]
    )
    assert bad_zone.exit_code == 2 and "Mars/Olympus" in bad_zone.output
    missing = runner.invoke(app, ["route", "--graph", str(tmp_path / "none.bfg"), "--from", "1,1", "--to", "1,1"])
    assert missing.exit_code == 2 and "routing build" in missing.output  # in the default language, with the command
