"""faster-whisper (CTranslate2) with a converted model folder the operator unpacked; Mandarin and English.

The ``faster-whisper`` package is optional (``pip install 'barrierfree[whisper]'``): it brings CTranslate2,
tokenizers and PyAV, too heavy to install for every deployment. The model is loaded from the folder only
(``local_files_only``), never fetched from a hub, once per folder, on the CPU with int8 weights.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import numpy as np

from barrierfree.speech._model_dir import checked_model_dir, engine_not_installed, model_not_loaded
from barrierfree.speech.audio import Audio

ENGINE = "faster-whisper"
MODEL_MARKER = "model.bin"
"""Every CTranslate2 model folder holds its weights in model.bin."""
WHISPER_LANGUAGES = {"zh-CN": "zh", "en": "en"}
BEAM_SIZE = 5
_FULL_SCALE = 32_768.0


@functools.cache
def _model(model_dir: Path) -> Any:
    try:
        from faster_whisper import WhisperModel
    except ImportError:
        raise engine_not_installed(ENGINE, "whisper") from None
    try:
        return WhisperModel(str(model_dir), device="cpu", compute_type="int8", local_files_only=True)
    except Exception:  # CTranslate2 and the tokenizer raise several unrelated types for a broken folder
        raise model_not_loaded(ENGINE, model_dir, MODEL_MARKER) from None


class WhisperRecognizer:
    """Dictation in Mandarin or English (Whisper models are multilingual); no grammar mode."""

    name = ENGINE
    languages = frozenset(WHISPER_LANGUAGES)
    grammars = False

    def __init__(self, model_dir: Path | None) -> None:
        self._model = _model(checked_model_dir(ENGINE, model_dir, MODEL_MARKER))

    def recognize(self, audio: Audio, language: str, grammar: str | None) -> str:
        """The words heard in 16 kHz audio."""
        samples = audio.samples.astype(np.float32) / _FULL_SCALE
        segments, _info = self._model.transcribe(samples, language=WHISPER_LANGUAGES[language], beam_size=BEAM_SIZE)
        return "".join(segment.text for segment in segments).strip()
