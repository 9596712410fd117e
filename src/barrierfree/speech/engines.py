"""The two engine roles as small Protocols, and the configured engine for each.

Text to speech is eSpeak NG (the only engine: ``BARRIERFREE_TTS_ENGINE=espeak-ng``). Speech to text is
PocketSphinx by default (English, in the wheel), or Vosk or faster-whisper with an operator's model folder
(``BARRIERFREE_STT_ENGINE``, ``BARRIERFREE_STT_MODEL_DIR``, ``BARRIERFREE_STT_MODEL_LANGUAGE``).
"""

from __future__ import annotations

import threading
from typing import Protocol

from barrierfree.core.settings import Settings, get_settings
from barrierfree.speech.audio import Audio
from barrierfree.speech.language_model import DictationDomain


class Synthesizer(Protocol):
    """Turns text into speech."""

    name: str
    languages: frozenset[str]

    def synthesize(self, text: str, language: str, words_per_minute: int) -> bytes:
        """WAV bytes of ``text`` read in ``language`` (``zh-CN`` or ``en``) at ``words_per_minute``."""
        ...


class Recognizer(Protocol):
    """Turns 16 kHz mono speech into text."""

    name: str
    languages: frozenset[str]
    grammars: bool
    """Whether it takes a JSGF grammar (recognition restricted to the grammar's sentences)."""

    def recognize(self, audio: Audio, language: str, grammar: str | None) -> str:
        """The words heard in ``audio`` (16 kHz) in ``language``, restricted to ``grammar`` when given."""
        ...


_synthesizer: Synthesizer | None = None
_synthesizer_lock = threading.Lock()


def default_synthesizer() -> Synthesizer:
    """The process's eSpeak NG (started once: the library keeps global state)."""
    global _synthesizer
    with _synthesizer_lock:
        if _synthesizer is None:
            from barrierfree.speech._espeak import EspeakSynthesizer

            _synthesizer = EspeakSynthesizer()
        return _synthesizer


def default_recognizer(settings: Settings | None = None, domain: DictationDomain | None = None) -> Recognizer:
    """The configured recognizer: PocketSphinx, or Vosk / faster-whisper on the operator's model folder.

    A ``domain`` (what people say in one setting) gives PocketSphinx a language model of its own; Vosk and
    faster-whisper models carry large vocabularies of their own and take no domain.
    """
    current = settings or get_settings()
    if current.stt_engine == "vosk":
        from barrierfree.speech._vosk import VoskRecognizer

        return VoskRecognizer(current.stt_model_dir, current.stt_model_language)
    if current.stt_engine == "faster-whisper":
        from barrierfree.speech._whisper import WhisperRecognizer

        return WhisperRecognizer(current.stt_model_dir)
    from barrierfree.speech._pocketsphinx import PocketsphinxRecognizer

    return PocketsphinxRecognizer(domain)
