"""The workstation's speech adapter: eSpeak NG reading aloud within its speed range, PocketSphinx dictation."""

from __future__ import annotations

import io
import wave
from collections.abc import Iterator

import pytest

from barrierfree.core.errors import EngineUnavailable
from barrierfree.core.i18n import use_language
from barrierfree.workforce import _speech as speech
from barrierfree.workforce.errors import InvalidWorkforceInput
from tests.audio import SPOKEN_PHRASE, SPOKEN_RATE, heard_the_phrase, resampled, silence_wav


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with use_language("en"):
        yield


def seconds_of(wav: bytes) -> float:
    with wave.open(io.BytesIO(wav), "rb") as reader:
        return reader.getnframes() / reader.getframerate()


def test_reading_faster_takes_less_time_in_both_languages() -> None:
    voice = speech.default_synthesizer()
    for text, language in (
        ("Thank you for waiting, your refund is on its way.", "en"),
        ("您好，退款已经到账了。", "zh-CN"),
    ):
        slow = seconds_of(voice.synthesize(text, language, speech.MIN_WORDS_PER_MINUTE))
        fast = seconds_of(voice.synthesize(text, language, speech.MAX_WORDS_PER_MINUTE))
        assert 0 < fast < slow / 2


@pytest.mark.parametrize("rate", [speech.MIN_WORDS_PER_MINUTE - 1, speech.MAX_WORDS_PER_MINUTE + 1])
def test_a_speed_outside_the_range_is_refused(rate: int) -> None:
    with pytest.raises(InvalidWorkforceInput) as caught:
        speech.default_synthesizer().synthesize("hello", "en", rate)
    assert caught.value.field == "rate" and "450" in caught.value.message


def test_empty_or_overlong_text_is_refused() -> None:
    voice = speech.default_synthesizer()
    for text in ("  ", "x" * (speech.MAX_SPEECH_CHARS + 1)):
        with pytest.raises(InvalidWorkforceInput):
            voice.synthesize(text, "en", speech.DEFAULT_WORDS_PER_MINUTE)


def test_dictation_hears_the_same_words_whatever_it_heard_before() -> None:
    voice, ears = speech.default_synthesizer(), speech.default_recognizer()
    phrase = resampled(voice.synthesize(SPOKEN_PHRASE, "en", SPOKEN_RATE))
    other = resampled(voice.synthesize("please upload a photo of the damage", "en", 200))
    first = ears.transcribe(phrase, "en")
    ears.transcribe(other, "en")
    assert first == ears.transcribe(phrase, "en")
    assert heard_the_phrase(first), first


def test_dictation_refuses_chinese_other_formats_and_long_recordings() -> None:
    ears = speech.default_recognizer()
    with pytest.raises(EngineUnavailable, match="English only"):
        ears.transcribe(silence_wav(1.0), "zh-CN")
    with pytest.raises(InvalidWorkforceInput, match="WAV"):
        ears.transcribe(b"RIFF nonsense", "en")
    with pytest.raises(InvalidWorkforceInput, match="16 kHz"):
        ears.transcribe(speech.default_synthesizer().synthesize("hello", "en", 175), "en")  # 22,050 Hz
    with pytest.raises(InvalidWorkforceInput, match="at most"):
        ears.transcribe(silence_wav(speech.MAX_DICTATION_SECONDS + 1), "en")
