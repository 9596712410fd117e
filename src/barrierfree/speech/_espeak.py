"""eSpeak NG in this process, through ctypes.

The library comes from the ``espeakng-loader`` wheel when it is installed (eSpeak NG 1.52 with its voice data,
which reads Mandarin ``cmn`` from Chinese characters) and from Debian's ``libespeak-ng1`` otherwise. Debian
12's 1.51 reads Chinese characters in ``cmn`` as English digit names, so with that library Chinese text is
first written as numbered pinyin (pypinyin) and read with the ``cmn-latn-pinyin`` voice.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
from pathlib import Path

from barrierfree.core.i18n import _
from barrierfree.speech.audio import SAMPLE_WIDTH, Audio, wav_bytes
from barrierfree.speech.errors import SpeechEngineUnavailable

FIRST_VERSION_READING_HANZI = (1, 52)
VOICES = {"zh-CN": "cmn", "en": "en-us"}
PINYIN_VOICE = "cmn-latn-pinyin"

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_ESPEAK_RATE = 1
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_BUFFER_MS = 500

_SynthCallback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)


def _wheel_library() -> tuple[str, bytes] | None:
    """The library and data folder of the ``espeakng-loader`` wheel, if it is installed."""
    try:
        import espeakng_loader
    except ImportError:
        return None
    library = Path(espeakng_loader.get_library_path())
    data = library.parent / "espeak-ng-data"
    return (str(library), str(library.parent).encode()) if library.is_file() and data.is_dir() else None


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".")[:2] if part.isdigit())


def _pinyin(text: str) -> str:
    """Chinese characters as numbered pinyin (ni3 hao3), which Debian's eSpeak NG 1.51 reads correctly."""
    from pypinyin import Style, lazy_pinyin

    return " ".join(lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True))


class EspeakSynthesizer:
    """eSpeak NG. The library keeps global state, so one instance serves the process and calls take a lock.

    ``use_wheel=False`` loads Debian's library even when the wheel is installed (tests of the pinyin path run it
    in a process of their own: two copies of the library must not share one process).
    """

    name = "espeak-ng"
    languages = frozenset(VOICES)
    _lock = threading.Lock()

    def __init__(self, *, use_wheel: bool = True) -> None:
        wheel = _wheel_library() if use_wheel else None
        name, data = wheel if wheel else (ctypes.util.find_library("espeak-ng") or "libespeak-ng.so.1", None)
        try:
            self._lib = ctypes.CDLL(name)
        except OSError:
            raise SpeechEngineUnavailable(
                _("Reading aloud needs eSpeak NG (Debian package libespeak-ng1); scripts/bootstrap.sh installs it.")
            ) from None
        self._samples: list[bytes] = []
        self._callback = _SynthCallback(self._collect)  # kept on self: the library holds only a raw pointer
        self.sample_rate = int(self._lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, _BUFFER_MS, data, 0))
        if self.sample_rate <= 0:
            raise SpeechEngineUnavailable(_("eSpeak NG could not start: its voice data may be missing."))
        self._lib.espeak_SetSynthCallback(self._callback)
        self._lib.espeak_Info.restype = ctypes.c_char_p
        self.version = self._lib.espeak_Info(None).decode("ascii", "replace")
        self.reads_hanzi = _version(self.version) >= FIRST_VERSION_READING_HANZI

    def _collect(self, wav: ctypes._Pointer[ctypes.c_short], count: int, _events: int | None) -> int:
        if wav and count > 0:
            self._samples.append(ctypes.string_at(wav, count * SAMPLE_WIDTH))
        return 0

    def voice(self, language: str) -> str:
        """The eSpeak NG voice used for a language (``zh-CN`` or ``en``)."""
        return VOICES[language] if language != "zh-CN" or self.reads_hanzi else PINYIN_VOICE

    def synthesize(self, text: str, language: str, words_per_minute: int) -> bytes:
        """WAV bytes (mono, 16-bit, eSpeak's 22,050 Hz) of checked text in a checked language and speed."""
        if language == "zh-CN" and not self.reads_hanzi:
            text = _pinyin(text)
        encoded = text.encode("utf-8") + b"\0"
        with self._lock:
            self._samples = []
            self._lib.espeak_SetVoiceByName(self.voice(language).encode())
            self._lib.espeak_SetParameter(_ESPEAK_RATE, words_per_minute, 0)
            self._lib.espeak_Synth(encoded, len(encoded), 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None)
            self._lib.espeak_Synchronize()
            pcm = b"".join(self._samples)
        return wav_bytes(Audio.from_pcm(pcm, self.sample_rate))
