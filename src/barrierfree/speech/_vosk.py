"""Vosk (Kaldi) with a model folder the operator unpacked: the way to Mandarin dictation on this platform.

The ``vosk`` package is optional (``pip install 'barrierfree[vosk]'``). A model is loaded once per folder and
shared; each recording gets its own ``KaldiRecognizer``, so one recording never changes what the next returns.
Vosk is never asked for a model by name or language: that would download one.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from barrierfree.speech._model_dir import checked_model_dir, engine_not_installed, model_not_loaded
from barrierfree.speech.audio import RECOGNITION_RATE, Audio

ENGINE = "vosk"
MODEL_MARKER = "am"
"""Every Vosk model folder has the acoustic model in am/."""


@functools.cache
def _model(model_dir: Path) -> Any:
    try:
        import vosk
    except ImportError:
        raise engine_not_installed(ENGINE, "vosk") from None
    vosk.SetLogLevel(-1)
    try:
        return vosk.Model(model_path=str(model_dir))
    except Exception:  # vosk raises a bare Exception("Failed to create a model")
        raise model_not_loaded(ENGINE, model_dir, MODEL_MARKER) from None


class VoskRecognizer:
    """Dictation in the language of the configured model (grammar mode is PocketSphinx's)."""

    name = ENGINE
    grammars = False

    def __init__(self, model_dir: Path | None, language: str) -> None:
        self._model = _model(checked_model_dir(ENGINE, model_dir, MODEL_MARKER))
        self.languages = frozenset({language})

    def recognize(self, audio: Audio, language: str, grammar: str | None) -> str:
        """The words heard in 16 kHz audio (Chinese without the spaces Vosk puts between words)."""
        import vosk

        recognizer = vosk.KaldiRecognizer(self._model, RECOGNITION_RATE)
        recognizer.AcceptWaveform(audio.pcm())
        text = str(json.loads(recognizer.FinalResult()).get("text", ""))
        return text.replace(" ", "") if language == "zh-CN" else text
