"""WebRTC's voice detector finds the speech between silences, and trimming keeps all of it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from barrierfree import speech
from barrierfree.speech.vad import FRAME_MS, MAX_PAUSE_MS, PADDING_MS
from tests.audio import flite_wav

LEAD, GAP, TAIL = 1.0, 1.5, 0.8


def padded(audio: speech.Audio, *pieces: speech.Audio) -> speech.Audio:
    """Silence, the pieces separated by silence, silence."""
    quiet = [np.zeros(int(seconds * audio.rate), dtype=np.int16) for seconds in (LEAD, GAP, TAIL)]
    parts = [quiet[0]]
    for index, piece in enumerate((audio, *pieces)):
        parts += [quiet[1]] if index else []
        parts.append(piece.samples)
    parts.append(quiet[2])
    return speech.Audio(np.concatenate(parts), audio.rate)


def spoken(text: str) -> speech.Audio:
    return speech.read_wav(speech.synthesize(text, "en", 175))


def test_two_sentences_apart_are_two_segments_where_they_were_spoken() -> None:
    first, second = spoken("your order is ready"), spoken("please come to the counter")
    segments = speech.speech_segments(padded(first, second))
    assert len(segments) == 2
    slack = PADDING_MS / 1000 + 0.1
    assert segments[0].start == pytest.approx(LEAD, abs=slack)
    assert segments[0].end == pytest.approx(LEAD + first.seconds, abs=slack)
    assert segments[1].start == pytest.approx(LEAD + first.seconds + GAP, abs=slack)


def test_the_voiced_share_of_a_stretch_is_high_in_speech_and_nil_in_silence() -> None:
    from barrierfree.speech.vad import voiced_share

    sentence = spoken("please come to the counter")
    audio = padded(sentence)
    assert voiced_share(audio, LEAD, LEAD + sentence.seconds) > 0.5
    assert voiced_share(audio, 0.0, LEAD - 0.2) == 0.0
    assert voiced_share(audio, 0.5, 0.5) == 0.0  # an empty stretch


def test_pauses_between_words_stay_inside_one_segment() -> None:
    words = spoken("one. two. three.")
    segments = speech.speech_segments(words)
    assert len(segments) == 1 and segments[0].end - segments[0].start > words.seconds - MAX_PAUSE_MS / 1000


def test_trimming_removes_the_silence_around_speech_at_every_rate(tmp_path: Path) -> None:
    for audio in (spoken("thank you for waiting"), speech.read_wav(flite_wav("thank you for waiting", tmp_path))):
        for rate in (8_000, 16_000, 22_050):
            original = speech.resample(audio, rate)
            trimmed = speech.trim_silence(padded(original))
            assert (
                original.seconds - 0.2 < trimmed.seconds < original.seconds + 2 * (PADDING_MS + FRAME_MS) / 1000 + 0.1
            )


def test_silence_holds_no_speech() -> None:
    silence = speech.Audio(np.zeros(16_000, dtype=np.int16), 16_000)
    assert not speech.has_speech(silence) and speech.speech_segments(silence) == []
    assert speech.trim_silence(silence).seconds == 0


def test_an_aggressiveness_outside_the_detector_range_is_refused() -> None:
    with pytest.raises(speech.InvalidSpeechRequest, match="0 to 3"):
        speech.speech_segments(spoken("hello"), aggressiveness=4)
