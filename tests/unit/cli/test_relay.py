"""``barrierfree relay``: cards listed, shown with their values and spoken; the simulation with its calibration."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from barrierfree.cli import app
from barrierfree.core.i18n import use_language
from barrierfree.core.settings import get_settings
from tests import sipp

runner = CliRunner()


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in English (the platform's default language is zh-CN)."""
    with use_language("en"):
        yield


def test_card_list_names_every_card_and_json_has_both_languages() -> None:
    listed = runner.invoke(app, ["relay", "card", "list"])
    assert listed.exit_code == 0 and "at-door" in listed.stdout and "Handing over" in listed.stdout
    document = json.loads(runner.invoke(app, ["relay", "card", "list", "--json"]).stdout)
    assert all(set(card["texts"]) == {"zh-CN", "en"} for group in document for card in group["cards"])


def test_card_show_fills_values_writes_speech_and_refuses_what_is_missing(tmp_path: Path) -> None:
    wav = tmp_path / "card.wav"
    shown = runner.invoke(
        app, ["relay", "card", "show", "running-late", "--lang", "en", "--minutes", "5", "--say", str(wav)]
    )
    assert shown.exit_code == 0, shown.output
    assert "about 5 minutes late" in shown.stdout and wav.read_bytes()[:4] == b"RIFF"
    missing = runner.invoke(app, ["relay", "card", "show", "running-late"])
    assert missing.exit_code == 2 and "minutes late" in missing.output
    unknown = runner.invoke(app, ["relay", "card", "show", "nope"])
    assert unknown.exit_code != 0 and "nope" in unknown.output and "Traceback" not in unknown.output


def test_simulate_prints_the_gain_with_its_interval_and_json() -> None:
    printed = runner.invoke(app, ["relay", "simulate", "--weeks", "40"])
    assert printed.exit_code == 0, printed.output
    assert "95 percent interval" in printed.stdout and "Calibration within 1 s" in printed.stdout
    document = json.loads(runner.invoke(app, ["relay", "simulate", "--weeks", "20", "--json"]).stdout)
    assert document["weekly_gain"]["low"] <= document["weekly_gain"]["mean"] <= document["weekly_gain"]["high"]
    bad = runner.invoke(app, ["relay", "simulate", "--weeks", "1"])
    assert bad.exit_code == 2 and "weeks" in bad.output


@pytest.fixture
def trunk(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[int], None]]:
    """Point the command line's trunk at a port (SIPp's), or nowhere."""

    def point(port: int) -> None:
        monkeypatch.setenv("BARRIERFREE_RELAY_SIP_HOST", "127.0.0.1")
        monkeypatch.setenv("BARRIERFREE_RELAY_SIP_PORT", str(port))
        get_settings.cache_clear()

    yield point
    get_settings.cache_clear()


@pytest.mark.skipif(sipp.SIPP is None, reason=sipp.SKIP_REASON)
def test_call_speaks_a_card_and_prints_the_customer_s_key(trunk: Callable[[int], None], tmp_path: Path) -> None:
    with sipp.RtpRecorder() as media, sipp.callee(sipp.answering(media.port, "1", key_after_ms=600), tmp_path) as phone:
        trunk(phone.port)
        result = runner.invoke(app, ["relay", "call", "+8613812345678", "--card", "at-door", "--lang", "en", "--json"])
        assert phone.finish() == 0, phone.errors()
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["reply"] == "1" and media.packets


def test_call_without_a_trunk_says_to_send_text_and_exits_1(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BARRIERFREE_RELAY_SIP_HOST", "")
    get_settings.cache_clear()
    result = runner.invoke(app, ["relay", "call", "13812345678", "--card", "at-door", "--lang", "en"])
    get_settings.cache_clear()
    assert result.exit_code == 1 and "text message" in result.stdout
    bad = runner.invoke(app, ["relay", "call", "12ab", "--card", "at-door"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
