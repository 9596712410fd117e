"""``barrierfree speech``: say to a WAV file, transcribe one (dictation, grammar, JSON), clear errors only."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from barrierfree import speech
from barrierfree.cli import app
from barrierfree.core.settings import get_settings

runner = CliRunner()
GRAMMAR = "#JSGF V1.0;\ngrammar cards;\npublic <card> = i am at your door | i am running late;\n"


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """English messages, and settings read afresh for each test (some set the recogniser)."""
    monkeypatch.setenv("BARRIERFREE_DEFAULT_LANGUAGE", "en")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_say_writes_a_wav_that_transcribe_hears_in_grammar_mode(tmp_path: Path) -> None:
    out, grammar = tmp_path / "door.wav", tmp_path / "cards.jsgf"
    said = runner.invoke(
        app, ["speech", "say", "I am at your door", "--lang", "en", "--rate", "150", "--out", str(out)]
    )
    assert said.exit_code == 0, said.output
    assert "door.wav" in said.stderr and speech.read_wav(out.read_bytes()).rate == 22_050
    grammar.write_text(GRAMMAR, encoding="utf-8")
    heard = runner.invoke(app, ["speech", "transcribe", str(out), "--grammar", str(grammar), "--json"])
    assert heard.exit_code == 0, heard.output
    document = json.loads(heard.stdout)
    assert document["text"] == "i am at your door" and document["grammar"] is True
    assert document["engine"] == "pocketsphinx" and document["seconds"] > 0.5


def test_transcribe_takes_the_relay_chat_domain(tmp_path: Path) -> None:
    out = tmp_path / "gate.wav"
    said = runner.invoke(app, ["speech", "say", "please leave it at the door", "--lang", "en", "--out", str(out)])
    assert said.exit_code == 0, said.output
    heard = runner.invoke(app, ["speech", "transcribe", str(out), "--domain", "relay-chat"])
    assert heard.exit_code == 0, heard.output
    assert {"leave", "door"} <= set(heard.stdout.split()), heard.stdout


def test_say_speaks_mandarin_by_default(tmp_path: Path) -> None:
    out = tmp_path / "zh.wav"
    assert runner.invoke(app, ["speech", "say", "您好，骑手已到门口", "--out", str(out)]).exit_code == 0
    assert speech.read_wav(out.read_bytes()).seconds > 1


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        (["say", "hello", "--rate", "500", "--out", "{tmp}/x.wav"], 2, "80 to 450"),
        (["say", "hello", "--lang", "fr", "--out", "{tmp}/x.wav"], 2, "zh-CN"),
        (["say", "hello", "--out", "{tmp}/missing/x.wav"], 2, "Cannot write"),
        (["transcribe", "{tmp}/nothing.wav"], 2, "Cannot read"),
        (["transcribe", "{tmp}/text.wav"], 2, "WAV file"),
        (["transcribe", "{tmp}/text.wav", "--lang", "zh-CN"], 69, "BARRIERFREE_STT_ENGINE"),
        (["transcribe", "{tmp}/text.wav", "--grammar", "{tmp}/text.wav"], 2, "not valid JSGF"),
        (["transcribe", "{tmp}/text.wav", "--domain", "weather"], 2, "relay-chat"),
    ],
)
def test_errors_are_one_clear_line_and_an_exit_code(
    tmp_path: Path, arguments: list[str], code: int, message: str
) -> None:
    (tmp_path / "text.wav").write_text("not audio", encoding="utf-8")
    result = runner.invoke(app, ["speech", *(argument.format(tmp=tmp_path) for argument in arguments)])
    assert result.exit_code == code, result.output
    assert message in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "missing").exists() and not list(tmp_path.glob(".*.partial"))


def test_a_misconfigured_model_engine_exits_69_naming_the_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BARRIERFREE_STT_ENGINE", "vosk")
    monkeypatch.setenv("BARRIERFREE_STT_MODEL_DIR", str(tmp_path / "none"))
    result = runner.invoke(app, ["speech", "transcribe", str(tmp_path / "any.wav")])
    assert result.exit_code == 69 and "BARRIERFREE_STT_MODEL_DIR points at" in result.stderr
