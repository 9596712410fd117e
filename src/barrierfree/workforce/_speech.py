"""Speech for the agent workstation: eSpeak NG reads messages aloud, PocketSphinx takes dictation.

This is the workforce domain's own small adapter until the shared ``speech`` domain lands (issue 5); it moves
there then. Both engines run in-process: eSpeak NG through ctypes (Debian ``libespeak-ng1``), PocketSphinx from
its wheel with the en-US model inside. Dictation is English only: no Chinese acoustic model ships with an
installable package here, and the error says so.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import io
import threading
import wave
from typing import Any, Protocol

from barrierfree.core.errors import EngineUnavailable
from barrierfree.core.i18n import _
from barrierfree.workforce.errors import InvalidWorkforceInput

MIN_WORDS_PER_MINUTE = 80
MAX_WORDS_PER_MINUTE = 450
"""eSpeak NG's range; experienced screen-reader users listen at 300-450 words a minute."""
DEFAULT_WORDS_PER_MINUTE = 175
MAX_SPEECH_CHARS = 2000
MAX_DICTATION_SECONDS = 60
DICTATION_RATE = 16_000
"""PocketSphinx's en-US model expects 16 kHz, 16-bit mono."""
VOICES = {"zh-CN": "cmn", "en": "en-us"}

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_ESPEAK_RATE = 1
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_BUFFER_MS = 500
_SAMPLE_WIDTH = 2


class SpeechSynthesizer(Protocol):
    """Turns text into WAV audio."""

    def synthesize(self, text: str, language: str, words_per_minute: int) -> bytes:
        """WAV bytes of ``text`` read in ``language`` at ``words_per_minute``."""
        ...


class SpeechRecognizer(Protocol):
    """Turns recorded speech into text."""

    def transcribe(self, wav: bytes, language: str) -> str:
        """The words heard in a WAV recording."""
        ...


def check_rate(words_per_minute: int) -> int:
    """A reading speed in eSpeak NG's range, or a clear error."""
    if not MIN_WORDS_PER_MINUTE <= words_per_minute <= MAX_WORDS_PER_MINUTE:
        raise InvalidWorkforceInput(
            _("Choose a reading speed from {low} to {high} words a minute.").format(
                low=MIN_WORDS_PER_MINUTE, high=MAX_WORDS_PER_MINUTE
            ),
            field="rate",
        )
    return words_per_minute


_SynthCallback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)


class EspeakSynthesizer:
    """eSpeak NG in this process. The library keeps global state, so calls are serialised by a lock."""

    _lock = threading.Lock()

    def __init__(self) -> None:
        name = ctypes.util.find_library("espeak-ng") or "libespeak-ng.so.1"
        try:
            self._lib = ctypes.CDLL(name)
        except OSError:
            raise EngineUnavailable(
                _("Reading aloud needs eSpeak NG (Debian package libespeak-ng1); scripts/bootstrap.sh installs it.")
            ) from None
        self._samples: list[bytes] = []
        self._callback = _SynthCallback(self._collect)  # kept on self: the library holds only a raw pointer
        self._sample_rate = self._lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, _BUFFER_MS, None, 0)
        if self._sample_rate <= 0:
            raise EngineUnavailable(_("eSpeak NG could not start: its voice data may be missing."))
        self._lib.espeak_SetSynthCallback(self._callback)

    def _collect(self, wav: ctypes._Pointer[ctypes.c_short], count: int, _events: int | None) -> int:
        if wav and count > 0:
            self._samples.append(ctypes.string_at(wav, count * _SAMPLE_WIDTH))
        return 0

    def synthesize(self, text: str, language: str, words_per_minute: int) -> bytes:
        """WAV bytes (mono, 16-bit, eSpeak's rate) of the text in the language's voice."""
        if not text.strip():
            raise InvalidWorkforceInput(_("There is nothing to read aloud."), field="text")
        if len(text) > MAX_SPEECH_CHARS:
            raise InvalidWorkforceInput(
                _("Read at most {limit} characters at a time.").format(limit=MAX_SPEECH_CHARS), field="text"
            )
        encoded = text.encode("utf-8") + b"\0"
        with self._lock:
            self._samples = []
            self._lib.espeak_SetVoiceByName(VOICES.get(language, VOICES["zh-CN"]).encode())
            self._lib.espeak_SetParameter(_ESPEAK_RATE, check_rate(words_per_minute), 0)
            self._lib.espeak_Synth(encoded, len(encoded), 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None)
            self._lib.espeak_Synchronize()
            pcm = b"".join(self._samples)
        return _wav(pcm, self._sample_rate)


def _wav(pcm: bytes, rate: int) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(_SAMPLE_WIDTH)
        writer.setframerate(rate)
        writer.writeframes(pcm)
    return out.getvalue()


def _pcm_16k(wav: bytes) -> bytes:
    """The 16 kHz mono 16-bit samples of a WAV recording, or a clear error."""
    try:
        with wave.open(io.BytesIO(wav), "rb") as reader:
            shape = (reader.getnchannels(), reader.getsampwidth(), reader.getframerate())
            frames = reader.readframes(reader.getnframes())
    except (wave.Error, EOFError):
        raise InvalidWorkforceInput(_("Send the recording as a WAV file."), field="audio") from None
    if shape != (1, _SAMPLE_WIDTH, DICTATION_RATE):
        raise InvalidWorkforceInput(
            _("Send the recording as 16 kHz, 16-bit mono WAV (the workstation page records it that way)."),
            field="audio",
        )
    if len(frames) > MAX_DICTATION_SECONDS * DICTATION_RATE * _SAMPLE_WIDTH:
        raise InvalidWorkforceInput(
            _("Dictate at most {limit} seconds at a time.").format(limit=MAX_DICTATION_SECONDS), field="audio"
        )
    return frames


class PocketsphinxRecognizer:
    """PocketSphinx with the en-US model from its wheel.

    Each recording gets a fresh decoder (about 0.3 s to load): a kept decoder adapts its channel estimate to the
    last speaker, so one agent's voice would change what the next agent's dictation returns.
    """

    def transcribe(self, wav: bytes, language: str) -> str:
        """The English words heard; Chinese dictation is refused with the reason."""
        if not language.startswith("en"):
            raise EngineUnavailable(
                _(
                    "Dictation works in English only for now: no Chinese speech model can be installed here. "
                    "Type the reply, or switch the page to English."
                )
            )
        frames = _pcm_16k(wav)
        decoder = _decoder()
        decoder.start_utt()
        decoder.process_raw(frames, full_utt=True)
        decoder.end_utt()
        hypothesis = decoder.hyp()
        return str(hypothesis.hypstr) if hypothesis is not None else ""


def _decoder() -> Any:
    try:
        from pocketsphinx import Decoder
    except ImportError:
        raise EngineUnavailable(_("Dictation needs PocketSphinx; scripts/bootstrap.sh installs it.")) from None
    return Decoder(samprate=DICTATION_RATE, loglevel="FATAL")


_synthesizer: EspeakSynthesizer | None = None


def default_synthesizer() -> SpeechSynthesizer:
    """The process's eSpeak NG (started once)."""
    global _synthesizer  # one engine per process: eSpeak NG keeps global state anyway
    if _synthesizer is None:
        _synthesizer = EspeakSynthesizer()
    return _synthesizer


def default_recognizer() -> SpeechRecognizer:
    """PocketSphinx (its model loads on first use)."""
    return PocketsphinxRecognizer()
