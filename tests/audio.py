"""Audio fixtures written by the tests themselves: WAV files of silence, of eSpeak NG or of flite speech."""

from __future__ import annotations

import io
import shutil
import subprocess
import wave
from pathlib import Path

import numpy as np

DICTATION_RATE = 16_000


def wav_bytes(samples: np.ndarray, rate: int = DICTATION_RATE) -> bytes:
    """16-bit mono WAV of the samples."""
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(samples.astype(np.int16).tobytes())
    return out.getvalue()


def silence_wav(seconds: float) -> bytes:
    """Silence at the dictation rate."""
    return wav_bytes(np.zeros(int(seconds * DICTATION_RATE), dtype=np.int16))


def resampled(wav: bytes, rate: int = DICTATION_RATE) -> bytes:
    """A mono WAV brought to ``rate`` by linear interpolation (eSpeak NG speaks at 22,050 Hz)."""
    with wave.open(io.BytesIO(wav), "rb") as reader:
        source_rate = reader.getframerate()
        samples = np.frombuffer(reader.readframes(reader.getnframes()), dtype=np.int16)
    positions = np.arange(0, len(samples), source_rate / rate)
    return wav_bytes(np.interp(positions, np.arange(len(samples)), samples), rate)


def concatenated(*wavs: bytes) -> bytes:
    """One WAV of several played one after another (all at the same rate)."""
    rates = set()
    parts = []
    for wav in wavs:
        with wave.open(io.BytesIO(wav), "rb") as reader:
            rates.add(reader.getframerate())
            parts.append(np.frombuffer(reader.readframes(reader.getnframes()), dtype=np.int16))
    assert len(rates) == 1, f"cannot join WAV files at different rates: {sorted(rates)}"
    return wav_bytes(np.concatenate(parts), rates.pop())


SPOKEN_PHRASE = "hello thank you for waiting"
"""Heard as "oh you for waiting" or better in 60 of 60 trials at 130-140 words a minute (shorter phrases vary more)."""
SPOKEN_RATE = 130
MIN_WORDS_HEARD = 2
"""eSpeak NG's audio varies slightly from call to call, so PocketSphinx may mishear a word or two of it."""


def heard_the_phrase(text: str, phrase: str = SPOKEN_PHRASE) -> bool:
    """Whether a transcription holds at least two of the phrase's words."""
    return len(set(text.lower().split()) & set(phrase.split())) >= MIN_WORDS_HEARD


def flite_wav(text: str, directory: Path) -> bytes:
    """English read by Debian's flite (a second, unrelated voice: 8 kHz, like a phone line)."""
    flite = shutil.which("flite")
    assert flite, "the speech tests need Debian's flite: run scripts/bootstrap.sh --test"
    out = directory / "flite.wav"
    subprocess.run([flite, "-t", text, "-o", str(out)], check=True, capture_output=True, timeout=30)
    return out.read_bytes()
