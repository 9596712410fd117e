"""``barrierfree workforce staffing``: a plan as a table or JSON, from a file or standard input, clear errors."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from barrierfree.cli import app
from barrierfree.core.i18n import use_language

runner = CliRunner()
HISTORY = "start,volume\n" + "".join(
    f"{(dt.date(2026, 11, 30) - dt.timedelta(weeks=week)).isoformat()}T{time},{volume}\n"
    for week in range(1, 5)
    for time, volume in (("09:00", 60), ("09:30", 100))
)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in English (the platform's default language is zh-CN); the Chinese ones are tested on their own."""
    with use_language("en"):
        yield


def test_staffing_prints_a_table_of_the_busy_intervals(tmp_path: Path) -> None:
    history = tmp_path / "history.csv"
    history.write_text(HISTORY, encoding="utf-8")
    result = runner.invoke(app, ["workforce", "staffing", str(history), "--date", "2026-11-30"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line[:5] for line in lines[1:3]] == ["09:00", "09:30"]
    assert "Scheduled agent-hours" in lines[-1]


def test_staffing_reads_standard_input_and_prints_json() -> None:
    result = runner.invoke(
        app, ["workforce", "staffing", "-", "--date", "2026-11-30", "--handle-seconds", "180", "--json"], input=HISTORY
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    busiest = document["intervals"][19]
    assert busiest["start"] == "2026-11-30T09:30" and busiest["agents"] == 14
    assert document["targets"]["handle_seconds"] == 180


def test_bad_history_exits_2_naming_the_line(tmp_path: Path) -> None:
    history = tmp_path / "history.csv"
    history.write_text("start,volume\n2026-11-23T09:00,-5\n", encoding="utf-8")
    result = runner.invoke(app, ["workforce", "staffing", str(history), "--date", "2026-11-30"])
    assert result.exit_code == 2
    assert "Line 2" in result.stderr and "Traceback" not in result.output


def test_missing_file_and_bad_date_exit_2(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["workforce", "staffing", str(tmp_path / "none.csv"), "--date", "2026-11-30"])
    assert missing.exit_code == 2 and "No history file" in missing.stderr
    history = tmp_path / "history.csv"
    history.write_text(HISTORY, encoding="utf-8")
    bad_date = runner.invoke(app, ["workforce", "staffing", str(history), "--date", "30/11/2026"])
    assert bad_date.exit_code == 2 and "not a date" in bad_date.stderr


def test_errors_read_in_chinese_for_chinese_readers(tmp_path: Path) -> None:
    history = tmp_path / "history.csv"
    history.write_text("start,volume\n2026-11-23T09:00,-5\n", encoding="utf-8")
    with use_language("zh-CN"):
        result = runner.invoke(app, ["workforce", "staffing", str(history), "--date", "2026-11-30"])
    assert result.exit_code == 2 and "第 2 行" in result.stderr
