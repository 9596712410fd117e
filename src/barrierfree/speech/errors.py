"""Errors of the speech domain: bad audio or requests (exit 2 / HTTP 422) and missing engines (exit 69 / HTTP 503)."""

from __future__ import annotations

from barrierfree.core.errors import BarrierfreeError, EngineUnavailable, InvalidInput
from barrierfree.core.i18n import _


class SpeechError(BarrierfreeError):
    """Base of every speech error."""

    code = "speech-error"


class InvalidSpeechRequest(InvalidInput, SpeechError):
    """Bad input: empty or overlong text, a speed out of range, an unknown language, an unreadable grammar."""

    code = "speech-invalid-request"


class InvalidAudio(InvalidInput, SpeechError):
    """Audio that is not WAV, is corrupt, has the wrong shape, or is longer than the limit."""

    code = "speech-invalid-audio"


class SpeechEngineUnavailable(EngineUnavailable, SpeechError):
    """A speech engine (eSpeak NG, PocketSphinx, Vosk, faster-whisper) or its model is missing or cannot load."""

    code = "speech-engine-unavailable"


def not_jsgf() -> InvalidSpeechRequest:
    """The error for a grammar that is not JSGF at all or does not parse."""
    return InvalidSpeechRequest(
        _("The grammar is not valid JSGF: it needs a '#JSGF V1.0;' header, a grammar name and a public rule."),
        field="grammar",
    )
