"""Where the speech is: WebRTC's voice activity detector (webrtcvad-wheels) over 30 ms frames.

The detector decides frame by frame; :func:`speech_segments` joins voiced frames separated by short pauses
(a breath between words) into segments, drops blips shorter than a syllable and pads each segment so that
soft word edges are kept.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import webrtcvad

from barrierfree.core.i18n import _
from barrierfree.speech.audio import RECOGNITION_RATE, SAMPLE_WIDTH, Audio, resample
from barrierfree.speech.errors import InvalidSpeechRequest

VAD_RATES = (8_000, 16_000, 32_000, 48_000)
"""The sample rates the WebRTC detector takes; other audio is resampled to 16 kHz first."""
FRAME_MS = 30
DEFAULT_AGGRESSIVENESS = 2
"""0 keeps the most (noisy rooms lose nothing), 3 cuts the most (a quiet office)."""
MAX_AGGRESSIVENESS = 3
MAX_PAUSE_MS = 300
"""Voiced frames this close together belong to one segment."""
MIN_SEGMENT_MS = 90
"""Shorter voiced runs are clicks or breaths, not speech."""
PADDING_MS = 150
"""Kept before and after each segment."""


@dataclass(frozen=True)
class Segment:
    """A stretch of speech, in seconds from the start of the audio."""

    start: float
    end: float


def _voiced_frames(audio: Audio, aggressiveness: int) -> list[bool]:
    if not 0 <= aggressiveness <= MAX_AGGRESSIVENESS:
        raise InvalidSpeechRequest(
            _("Choose a detector aggressiveness from 0 to {high}.").format(high=MAX_AGGRESSIVENESS),
            field="aggressiveness",
        )
    analysed = audio if audio.rate in VAD_RATES else resample(audio, RECOGNITION_RATE)
    frame = analysed.rate * FRAME_MS // 1000
    pcm = analysed.pcm()
    detector = webrtcvad.Vad(aggressiveness)
    count = len(analysed.samples) // frame
    step = frame * SAMPLE_WIDTH
    return [detector.is_speech(pcm[i * step : (i + 1) * step], analysed.rate) for i in range(count)]


def speech_segments(audio: Audio, aggressiveness: int = DEFAULT_AGGRESSIVENESS) -> list[Segment]:
    """The stretches of speech in the audio, padded, in order and never overlapping."""
    voiced = _voiced_frames(audio, aggressiveness)
    runs: list[list[int]] = []
    max_pause = MAX_PAUSE_MS // FRAME_MS
    for index in np.flatnonzero(voiced):
        if runs and index - runs[-1][1] <= max_pause:
            runs[-1][1] = int(index)
        else:
            runs.append([int(index), int(index)])
    min_frames = -(-MIN_SEGMENT_MS // FRAME_MS)
    segments: list[Segment] = []
    for first, last in runs:
        if last - first + 1 < min_frames:
            continue
        start = max(0.0, first * FRAME_MS / 1000 - PADDING_MS / 1000)
        end = min(audio.seconds, (last + 1) * FRAME_MS / 1000 + PADDING_MS / 1000)
        if segments and start <= segments[-1].end:
            segments[-1] = Segment(segments[-1].start, end)
        else:
            segments.append(Segment(start, end))
    return segments


def voiced_share(audio: Audio, start: float, end: float, aggressiveness: int = DEFAULT_AGGRESSIVENESS) -> float:
    """The share of 30 ms frames between ``start`` and ``end`` (seconds) that the detector hears as speech."""
    first = int(start * audio.rate)
    stretch = Audio(audio.samples[first : max(first, int(end * audio.rate))], audio.rate)
    voiced = _voiced_frames(stretch, aggressiveness)
    return sum(voiced) / len(voiced) if voiced else 0.0


def has_speech(audio: Audio, aggressiveness: int = DEFAULT_AGGRESSIVENESS) -> bool:
    """Whether the detector hears any speech at all (an empty voice message is worth refusing)."""
    return bool(speech_segments(audio, aggressiveness))


def trim_silence(audio: Audio, aggressiveness: int = DEFAULT_AGGRESSIVENESS) -> Audio:
    """The audio from the start of the first segment of speech to the end of the last (empty when none)."""
    segments = speech_segments(audio, aggressiveness)
    if not segments:
        return Audio(audio.samples[:0], audio.rate)
    first = int(segments[0].start * audio.rate)
    last = int(np.ceil(segments[-1].end * audio.rate))
    return Audio(audio.samples[first:last], audio.rate)
