"""The workstation reads aloud and takes dictation through the shared speech domain, in the agent's terms."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from barrierfree import speech
from barrierfree.core.errors import EngineUnavailable
from barrierfree.core.i18n import use_language
from barrierfree.workforce import workstation
from tests.audio import SPOKEN_PHRASE, SPOKEN_RATE, heard_the_phrase, resampled, silence_wav


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with use_language("en"):
        yield


def test_dictation_hears_english_from_the_page_recording() -> None:
    recorded = resampled(speech.synthesize(SPOKEN_PHRASE, "en", SPOKEN_RATE))  # 16 kHz, as the page records
    assert heard_the_phrase(workstation.dictate(recorded, "en"))


def test_chinese_dictation_tells_the_agent_to_type_or_switch_to_english() -> None:
    with pytest.raises(EngineUnavailable, match=r"English only .* switch the page to English"):
        workstation.dictate(silence_wav(1.0), "zh-CN")


class Mandarin:
    """A recogniser configured with a Mandarin model (Vosk or faster-whisper on an operator's machine)."""

    name = "stand-in"
    languages = frozenset({"zh-CN"})
    grammars = False

    def recognize(self, audio: speech.Audio, language: str, grammar: str | None) -> str:
        return "好的"


def test_a_configured_mandarin_model_takes_chinese_dictation() -> None:
    recorded = speech.synthesize("好的", "zh-CN")
    assert workstation.dictate(recorded, "zh-CN", Mandarin()) == "好的"


def test_bad_recordings_are_refused_as_invalid_input() -> None:
    with pytest.raises(speech.InvalidAudio, match="WAV"):
        workstation.dictate(b"not audio", "en")
    with pytest.raises(speech.InvalidAudio, match="at most 60 seconds"):
        workstation.dictate(silence_wav(speech.MAX_AUDIO_SECONDS + 1), "en")
