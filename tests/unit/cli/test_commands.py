"""The command line: help everywhere, schema upgrade, idempotent demo data, admins, clear errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from barrierfree.cli import app
from barrierfree.core.settings import get_settings

runner = CliRunner()


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str) -> Iterator[Path]:
    """Point the CLI at this test's database and data folder."""
    monkeypatch.setenv("BARRIERFREE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("BARRIERFREE_DATABASE_URL", database_url)
    monkeypatch.setenv("BARRIERFREE_DEFAULT_LANGUAGE", "en")
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["serve"],
        ["db"],
        ["db", "upgrade"],
        ["db", "current"],
        ["demo"],
        ["demo", "load"],
        ["user"],
        ["user", "create-admin"],
        ["user", "reset-link"],
    ],
)
def test_every_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_db_upgrade_then_current_reports_newest(cli_env: Path) -> None:
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    result = runner.invoke(app, ["db", "current"])
    assert result.exit_code == 0
    current, newest = (part.split(": ")[1] for part in result.output.strip().split("; "))
    assert current == newest != "empty"


def test_demo_load_is_idempotent(cli_env: Path) -> None:
    first = runner.invoke(app, ["demo", "load"])
    second = runner.invoke(app, ["demo", "load"])
    assert first.exit_code == second.exit_code == 0
    assert "9 users, 5 organisations" in second.output


def test_create_admin_reads_password_from_stdin(cli_env: Path) -> None:
    result = runner.invoke(app, ["user", "create-admin", "ops", "--password-stdin"], input="a-long-admin-passphrase\n")
    assert result.exit_code == 0, result.output
    again = runner.invoke(app, ["user", "create-admin", "ops", "--password-stdin"], input="a-long-admin-passphrase\n")
    assert again.exit_code == 4
    assert "taken" in again.output


def test_create_admin_refuses_a_short_password_with_exit_2(cli_env: Path) -> None:
    result = runner.invoke(app, ["user", "create-admin", "ops", "--password-stdin"], input="short\n")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_reset_link_for_unknown_user_exits_3(cli_env: Path) -> None:
    result = runner.invoke(app, ["user", "reset-link", "nobody"])
    assert result.exit_code == 3


def test_reset_link_prints_a_working_link(cli_env: Path) -> None:
    runner.invoke(app, ["demo", "load"])
    result = runner.invoke(app, ["user", "reset-link", "emma"])
    assert result.exit_code == 0
    assert "/password-reset/" in result.output


def test_bad_setting_exits_78_naming_the_variable(cli_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BARRIERFREE_SESSION_DAYS", "forever")
    get_settings.cache_clear()
    result = runner.invoke(app, ["db", "current"])
    assert result.exit_code == 78
    assert "BARRIERFREE_SESSION_DAYS" in result.output
    assert "Traceback" not in result.output


def test_errors_follow_the_configured_language(cli_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BARRIERFREE_DEFAULT_LANGUAGE", "zh-CN")
    get_settings.cache_clear()
    result = runner.invoke(app, ["user", "create-admin", "ops", "--password-stdin"], input="short\n")
    assert result.exit_code == 2
    assert "密码" in result.output
