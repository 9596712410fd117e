"""Which engines run, and the clear errors when the operator's model folder or engine package is missing."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from barrierfree import speech
from barrierfree.core.settings import load_settings
from barrierfree.speech._espeak import PINYIN_VOICE, EspeakSynthesizer


def recognizer_with(**overrides: object) -> speech.Recognizer:
    return speech.default_recognizer(load_settings(**overrides))


def test_pocketsphinx_is_the_default_recognizer() -> None:
    ears = recognizer_with()
    assert ears.name == "pocketsphinx" and ears.languages == {"en"} and ears.grammars


@pytest.mark.parametrize("engine", ["vosk", "faster-whisper"])
def test_a_model_engine_without_a_folder_names_the_setting(engine: str, tmp_path: Path) -> None:
    with pytest.raises(speech.SpeechEngineUnavailable, match="BARRIERFREE_STT_MODEL_DIR is not set"):
        recognizer_with(stt_engine=engine)
    missing = tmp_path / "no-such-model"
    with pytest.raises(speech.SpeechEngineUnavailable, match=r"BARRIERFREE_STT_MODEL_DIR points at .*no-such-model"):
        recognizer_with(stt_engine=engine, stt_model_dir=missing)
    with pytest.raises(speech.SpeechEngineUnavailable, match=r"does not hold a .* model that loads"):
        recognizer_with(stt_engine=engine, stt_model_dir=tmp_path)


def test_vosk_itself_refuses_a_folder_that_only_looks_like_a_model(tmp_path: Path) -> None:
    pytest.importorskip("vosk", reason="vosk is in the test extra: scripts/bootstrap.sh --test installs it")
    (tmp_path / "am").mkdir()
    (tmp_path / "am" / "final.mdl").write_bytes(b"not a model")
    with pytest.raises(speech.SpeechEngineUnavailable, match=r"does not hold a vosk model that loads \(it should"):
        recognizer_with(stt_engine="vosk", stt_model_dir=tmp_path)


def test_faster_whisper_not_installed_says_how_to_install_it(tmp_path: Path) -> None:
    if importlib.util.find_spec("faster_whisper") is not None:
        pytest.skip("faster-whisper is installed here; this checks the message when it is not")
    (tmp_path / "model.bin").write_bytes(b"weights")
    with pytest.raises(speech.SpeechEngineUnavailable, match=r"pip install 'barrierfree\[whisper\]'"):
        recognizer_with(stt_engine="faster-whisper", stt_model_dir=tmp_path)


def test_the_wheel_library_reads_chinese_characters_with_the_mandarin_voice() -> None:
    voice = speech.default_synthesizer()
    assert isinstance(voice, EspeakSynthesizer)
    assert voice.reads_hanzi and voice.voice("zh-CN") == "cmn" and voice.voice("en") == "en-us"


def test_debians_older_library_reads_chinese_as_pinyin() -> None:
    # A process of its own: two copies of eSpeak NG must not share one process.
    code = (
        "from barrierfree.speech._espeak import EspeakSynthesizer\n"
        "from barrierfree.speech import read_wav\n"
        "voice = EspeakSynthesizer(use_wheel=False)\n"
        "audio = read_wav(voice.synthesize('您好，骑手已到门口。', 'zh-CN', 175))\n"
        "print(voice.version, voice.voice('zh-CN'), round(audio.seconds, 1))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    version, voice, seconds = result.stdout.split()
    assert version.startswith("1.5") and float(seconds) > 1.0
    assert voice == ("cmn" if version >= "1.52" else PINYIN_VOICE)
