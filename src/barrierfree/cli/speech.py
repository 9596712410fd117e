"""``barrierfree speech``: read text aloud to a WAV file, and transcribe a WAV file (dictation or a grammar)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import typer

from barrierfree import speech
from barrierfree.cli._context import settings
from barrierfree.cli._errors import reported
from barrierfree.core.i18n import _
from barrierfree.relay.dictation import DOMAIN_NAME, chat_domain

DICTATION_DOMAINS = {DOMAIN_NAME: chat_domain}
"""Settings whose own language model dictation can use: ``--domain NAME``."""

app = typer.Typer(help="Text to speech and speech to text (eSpeak NG, PocketSphinx).", no_args_is_help=True)

MAX_FILE_BYTES = 48_000 * 2 * 2 * speech.MAX_AUDIO_SECONDS + 1024
"""A minute of 48 kHz 16-bit stereo and a generous header: larger files are refused before reading them whole."""


def _read(path: Path, what: str, limit: int) -> bytes:
    """A file's bytes, or a clear error naming the file (never an OSError traceback)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise speech.InvalidSpeechRequest(
            _("Cannot read {path}: {reason}.").format(path=path, reason=error.strerror or error), field=what
        ) from None
    if len(data) > limit:
        raise speech.InvalidAudio(
            _("Send at most {limit} seconds of audio at a time.").format(limit=speech.MAX_AUDIO_SECONDS), field=what
        )
    return data


def _write(path: Path, data: bytes) -> None:
    """Write the file through a temporary name so a failure never leaves half a WAV behind."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise speech.InvalidSpeechRequest(
            _("Cannot write {path}: {reason}.").format(path=path, reason=error.strerror or error), field="out"
        ) from None


@app.command("say")
@reported
def say(
    text: str = typer.Argument(..., help="The text to read aloud."),
    out: Path = typer.Option(..., "--out", help="The WAV file to write (16-bit mono, 22,050 Hz)."),
    lang: str = typer.Option("zh-CN", "--lang", help="zh-CN (Mandarin) or en (English)."),
    rate: int = typer.Option(
        speech.DEFAULT_WORDS_PER_MINUTE,
        "--rate",
        help=f"Words a minute, {speech.MIN_WORDS_PER_MINUTE}-{speech.MAX_WORDS_PER_MINUTE}.",
    ),
) -> None:
    """Read TEXT aloud with eSpeak NG into a WAV file."""
    settings()
    audio = speech.synthesize(text, lang, rate)
    _write(out, audio)
    seconds = speech.read_wav(audio, max_seconds=float("inf")).seconds
    typer.echo(_("Wrote {seconds:.1f} s of speech to {path}.").format(seconds=seconds, path=out), err=True)


@app.command("transcribe")
@reported
def transcribe(
    wav: Path = typer.Argument(..., help="A WAV recording: 16-bit, mono or stereo, 8-48 kHz, at most a minute."),
    grammar: Path | None = typer.Option(None, "--grammar", help="A JSGF grammar: hear only its sentences."),
    domain: str | None = typer.Option(
        None, "--domain", help=f"Expect what people say in one setting: {', '.join(DICTATION_DOMAINS)}."
    ),
    lang: str = typer.Option("en", "--lang", help="en, or zh-CN with a Vosk or faster-whisper model configured."),
    as_json: bool = typer.Option(False, "--json", help="Print the text with its language, engine and duration."),
) -> None:
    """Print the words heard in a WAV recording."""
    if domain is not None and domain not in DICTATION_DOMAINS:
        raise speech.InvalidSpeechRequest(
            _("Unknown dictation domain {name}; choose one of: {known}.").format(
                name=domain, known=", ".join(DICTATION_DOMAINS)
            ),
            field="domain",
        )
    expected = DICTATION_DOMAINS[domain]() if domain else None
    ears = speech.default_recognizer(settings(), expected)  # a misconfigured engine is reported before any file
    rules = None
    if grammar is not None:
        rules = _read(grammar, "grammar", 4 * speech.MAX_GRAMMAR_CHARS).decode("utf-8", "replace")
    heard = speech.transcribe(_read(wav, "audio", MAX_FILE_BYTES), lang, grammar=rules, recognizer=ears)
    typer.echo(json.dumps(heard.document(), ensure_ascii=False, indent=1) if as_json else heard.text)
