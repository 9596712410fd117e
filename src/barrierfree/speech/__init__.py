"""Shared speech engines: text to speech, speech to text, voice activity, and the telephone audio path.

eSpeak NG reads Mandarin and English aloud in this process (80-450 words a minute); PocketSphinx takes English
dictation or recognises the sentences of a JSGF grammar; Vosk or faster-whisper take over when the operator
configures a model folder (the way to Mandarin dictation). WebRTC's detector finds the speech in a recording,
soxr resamples, and the telephone path gives what a caller hears: 8 kHz, 300-3,400 Hz, G.711 mu-law.
Used by ``workforce`` (the agent workstation) and, later, ``relay``, ``theater`` and ``stories``.
"""

from barrierfree.speech.audio import (
    MAX_AUDIO_SECONDS,
    RECOGNITION_RATE,
    TELEPHONE_RATE,
    Audio,
    band_limit,
    from_telephone,
    mulaw_decode,
    mulaw_encode,
    read_wav,
    resample,
    telephone_path,
    to_telephone,
    wav_bytes,
)
from barrierfree.speech.engines import Recognizer, Synthesizer, default_recognizer, default_synthesizer
from barrierfree.speech.errors import InvalidAudio, InvalidSpeechRequest, SpeechEngineUnavailable, SpeechError
from barrierfree.speech.language_model import DictationDomain
from barrierfree.speech.languages import LANGUAGES, normalise_language
from barrierfree.speech.services import (
    DEFAULT_WORDS_PER_MINUTE,
    MAX_GRAMMAR_CHARS,
    MAX_SPEECH_CHARS,
    MAX_WORDS_PER_MINUTE,
    MIN_WORDS_PER_MINUTE,
    Transcription,
    check_rate,
    synthesize,
    transcribe,
)
from barrierfree.speech.vad import Segment, has_speech, speech_segments, trim_silence

__all__ = [
    "DEFAULT_WORDS_PER_MINUTE",
    "LANGUAGES",
    "MAX_AUDIO_SECONDS",
    "MAX_GRAMMAR_CHARS",
    "MAX_SPEECH_CHARS",
    "MAX_WORDS_PER_MINUTE",
    "MIN_WORDS_PER_MINUTE",
    "RECOGNITION_RATE",
    "TELEPHONE_RATE",
    "Audio",
    "DictationDomain",
    "InvalidAudio",
    "InvalidSpeechRequest",
    "Recognizer",
    "Segment",
    "SpeechEngineUnavailable",
    "SpeechError",
    "Synthesizer",
    "Transcription",
    "band_limit",
    "check_rate",
    "default_recognizer",
    "default_synthesizer",
    "from_telephone",
    "has_speech",
    "mulaw_decode",
    "mulaw_encode",
    "normalise_language",
    "read_wav",
    "resample",
    "speech_segments",
    "synthesize",
    "telephone_path",
    "to_telephone",
    "transcribe",
    "trim_silence",
    "wav_bytes",
]
