"""The operator's model folder for the Vosk and faster-whisper engines, checked with errors that name the setting.

No model can be downloaded at run time (and none ships in a wheel for Mandarin), so these engines run only when
``BARRIERFREE_STT_MODEL_DIR`` points at a model the operator unpacked; every way that can go wrong says which
variable to fix and how.
"""

from __future__ import annotations

from pathlib import Path

from barrierfree.core.i18n import _
from barrierfree.speech.errors import SpeechEngineUnavailable

MODEL_DIR_SETTING = "BARRIERFREE_STT_MODEL_DIR"
ENGINE_SETTING = "BARRIERFREE_STT_ENGINE"


def checked_model_dir(engine: str, model_dir: Path | None, marker: str) -> Path:
    """The model folder, if it is set, exists and holds ``marker`` (a file or folder every such model has)."""
    if model_dir is None or not str(model_dir).strip():
        raise SpeechEngineUnavailable(
            _(
                "{engine_setting} is {engine}, but {setting} is not set: point it at an unpacked {engine} model folder."
            ).format(engine_setting=ENGINE_SETTING, engine=engine, setting=MODEL_DIR_SETTING)
        )
    if not model_dir.is_dir():
        raise SpeechEngineUnavailable(
            _(
                "{setting} points at {path}, which is not a folder: unpack the {engine} model there or fix the path."
            ).format(setting=MODEL_DIR_SETTING, path=model_dir, engine=engine)
        )
    if not (model_dir / marker).exists():
        raise model_not_loaded(engine, model_dir, marker)
    return model_dir


def model_not_loaded(engine: str, model_dir: Path, marker: str) -> SpeechEngineUnavailable:
    """The error for a folder that does not hold a model the engine can load."""
    return SpeechEngineUnavailable(
        _("{setting} ({path}) does not hold a {engine} model that loads (it should contain {marker}).").format(
            setting=MODEL_DIR_SETTING, path=model_dir, engine=engine, marker=marker
        )
    )


def engine_not_installed(engine: str, extra: str) -> SpeechEngineUnavailable:
    """The error for an engine whose Python package is missing."""
    return SpeechEngineUnavailable(
        _(
            "{engine_setting} is {engine}, but its Python package is not installed: pip install 'barrierfree[{extra}]'."
        ).format(engine_setting=ENGINE_SETTING, engine=engine, extra=extra)
    )
