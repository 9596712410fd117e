"""Audio in and out of the speech engines: WAV checks, resampling, and the telephone path (8 kHz, mu-law).

Every engine here works on 16-bit mono PCM. :func:`read_wav` is the one door for audio from outside: it turns
any bytes into :class:`Audio` or raises :class:`InvalidAudio` with a message that says what to send instead,
so a caller never sees a ``wave.Error`` or a traceback. Resampling uses soxr (the SoX resampler); mu-law is
G.711 in numpy, because the standard library's ``audioop`` is deprecated and gone in Python 3.13.
"""

from __future__ import annotations

import io
import struct
import wave
from dataclasses import dataclass

import numpy as np
import soxr

from barrierfree.core.i18n import _
from barrierfree.speech.errors import InvalidAudio

SAMPLE_WIDTH = 2
"""Bytes per sample: 16-bit signed PCM, the only width the engines take."""
MAX_AUDIO_SECONDS = 60
"""The longest recording taken at once (a voice message, a dictation)."""
MIN_SAMPLE_RATE = 8_000
MAX_SAMPLE_RATE = 48_000
MAX_CHANNELS = 2
"""Stereo is mixed down to mono; more channels are refused."""
RECOGNITION_RATE = 16_000
"""What the recognisers' models expect."""
TELEPHONE_RATE = 8_000
TELEPHONE_LOW_HZ = 300.0
TELEPHONE_HIGH_HZ = 3_400.0
"""The narrow band of the public telephone network (ITU-T G.711 channels)."""

MULAW_MAX_ERROR_OFFSET = 4
"""mu-law keeps a sample within (|x| + 132) / 32 + 4 (half a step, plus the reference's 14-bit rounding)."""
_MULAW_BIAS = 0x84
_MULAW_CLIP = 32_635
_MULAW_SEGMENT_SHIFT = 7
_INT16_MIN = -32_768
_INT16_MAX = 32_767
_INVALID_AUDIO_FIELD = "audio"


@dataclass(frozen=True, eq=False)
class Audio:
    """Mono 16-bit PCM samples and their sample rate."""

    samples: np.ndarray
    rate: int

    @property
    def seconds(self) -> float:
        """How long the audio lasts."""
        return len(self.samples) / self.rate

    @classmethod
    def from_pcm(cls, pcm: bytes, rate: int) -> Audio:
        """Audio from raw little-endian 16-bit mono samples (an odd last byte is dropped)."""
        return cls(np.frombuffer(pcm[: len(pcm) - len(pcm) % SAMPLE_WIDTH], dtype="<i2").astype(np.int16), rate)

    def pcm(self) -> bytes:
        """The raw little-endian 16-bit samples (what PocketSphinx, Vosk and webrtcvad read)."""
        return self.samples.astype("<i2").tobytes()


def _refuse(message: str) -> InvalidAudio:
    return InvalidAudio(message, field=_INVALID_AUDIO_FIELD)


def read_wav(data: bytes, *, max_seconds: float = MAX_AUDIO_SECONDS) -> Audio:
    """The mono samples of a 16-bit PCM WAV file, or :class:`InvalidAudio` saying what is wrong with it."""
    try:
        with wave.open(io.BytesIO(data), "rb") as reader:
            channels, width, rate = reader.getnchannels(), reader.getsampwidth(), reader.getframerate()
            frames = reader.readframes(reader.getnframes())
    except (wave.Error, EOFError, struct.error, ValueError, OverflowError, MemoryError):
        raise _refuse(_("Send the recording as a WAV file.")) from None
    if width != SAMPLE_WIDTH:
        raise _refuse(_("Send 16-bit WAV audio (this file has {bits}-bit samples).").format(bits=width * 8))
    if not 1 <= channels <= MAX_CHANNELS:
        raise _refuse(_("Send mono or stereo WAV audio (this file has {count} channels).").format(count=channels))
    if not MIN_SAMPLE_RATE <= rate <= MAX_SAMPLE_RATE:
        raise _refuse(
            _("Send audio sampled at {low} to {high} Hz (this file is {rate} Hz).").format(
                low=MIN_SAMPLE_RATE, high=MAX_SAMPLE_RATE, rate=rate
            )
        )
    frame_bytes = width * channels
    whole = len(frames) - len(frames) % frame_bytes
    samples = np.frombuffer(frames[:whole], dtype="<i2").reshape(-1, channels)
    if len(samples) == 0:
        raise _refuse(_("The recording is empty."))
    if len(samples) > max_seconds * rate:
        raise _refuse(
            _("Send at most {limit} seconds of audio at a time (this recording lasts {seconds:.1f} s).").format(
                limit=f"{max_seconds:g}", seconds=len(samples) / rate
            )
        )
    mono = samples[:, 0] if channels == 1 else samples.mean(axis=1).round()
    return Audio(mono.astype(np.int16), rate)


def wav_bytes(audio: Audio) -> bytes:
    """A 16-bit mono WAV file of the audio."""
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(SAMPLE_WIDTH)
        writer.setframerate(audio.rate)
        writer.writeframes(audio.pcm())
    return out.getvalue()


def _int16(samples: np.ndarray) -> np.ndarray:
    return np.clip(np.round(samples), _INT16_MIN, _INT16_MAX).astype(np.int16)


def resample(audio: Audio, rate: int) -> Audio:
    """The audio at another sample rate (soxr, high quality); the length scales with the rates, rounded up."""
    if rate == audio.rate:
        return audio
    if len(audio.samples) == 0:
        return Audio(audio.samples, rate)
    converted = soxr.resample(audio.samples.astype(np.float32), audio.rate, rate, quality="HQ")
    return Audio(_int16(converted), rate)


def band_limit(audio: Audio, low_hz: float = TELEPHONE_LOW_HZ, high_hz: float = TELEPHONE_HIGH_HZ) -> Audio:
    """The audio with everything outside ``low_hz``-``high_hz`` removed (an FFT band-pass, as a phone line does)."""
    if len(audio.samples) == 0:
        return audio
    spectrum = np.fft.rfft(audio.samples.astype(np.float64))
    frequencies = np.fft.rfftfreq(len(audio.samples), d=1.0 / audio.rate)
    spectrum[(frequencies < low_hz) | (frequencies > high_hz)] = 0
    return Audio(_int16(np.fft.irfft(spectrum, n=len(audio.samples))), audio.rate)


def mulaw_encode(samples: np.ndarray) -> bytes:
    """G.711 mu-law bytes of 16-bit samples, one byte each: the same codes as the CCITT reference and ``audioop``."""
    values = samples.astype(np.int32) >> 2  # the reference works on 14 bits
    sign = (values < 0).astype(np.int32) << 7
    biased = np.minimum(np.abs(values), _MULAW_CLIP >> 2) + (_MULAW_BIAS >> 2)
    segment = np.floor(np.log2(biased)).astype(np.int32) - (_MULAW_SEGMENT_SHIFT - 2)
    mantissa = (biased >> (segment + 1)) & 0x0F
    return (~(sign | (segment << 4) | mantissa) & 0xFF).astype(np.uint8).tobytes()


def mulaw_decode(data: bytes) -> np.ndarray:
    """16-bit samples of G.711 mu-law bytes (the middle of each code's step)."""
    codes = ~np.frombuffer(data, dtype=np.uint8).astype(np.int32) & 0xFF
    exponent = (codes >> 4) & 0x07
    magnitude = (((codes & 0x0F) << 3) + _MULAW_BIAS << exponent) - _MULAW_BIAS
    return np.where(codes & 0x80, -magnitude, magnitude).astype(np.int16)


def to_telephone(audio: Audio) -> bytes:
    """What a phone call carries: 8 kHz, telephone band, mu-law (for an RTP payload of type 0, PCMU)."""
    return mulaw_encode(band_limit(resample(audio, TELEPHONE_RATE)).samples)


def from_telephone(data: bytes) -> Audio:
    """8 kHz audio from the mu-law bytes of a phone call."""
    return Audio(mulaw_decode(data), TELEPHONE_RATE)


def telephone_path(audio: Audio) -> Audio:
    """The audio as the far end of a phone call hears it: 8 kHz, telephone band, through mu-law and back."""
    return from_telephone(to_telephone(audio))
