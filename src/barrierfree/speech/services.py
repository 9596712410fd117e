"""Speech services: read text aloud, transcribe a recording, with every input checked first.

Callers pass plain data (text, WAV bytes) and get plain data back; engines default to the configured ones and
can be swapped by passing any object that fits the :mod:`~barrierfree.speech.engines` Protocols.
"""

from __future__ import annotations

from dataclasses import dataclass

from barrierfree.core.i18n import _
from barrierfree.speech.audio import MAX_AUDIO_SECONDS, RECOGNITION_RATE, read_wav, resample
from barrierfree.speech.engines import Recognizer, Synthesizer, default_recognizer, default_synthesizer
from barrierfree.speech.errors import InvalidSpeechRequest, SpeechEngineUnavailable, not_jsgf
from barrierfree.speech.languages import normalise_language
from barrierfree.speech.vad import has_speech

MIN_WORDS_PER_MINUTE = 80
MAX_WORDS_PER_MINUTE = 450
"""eSpeak NG's range; experienced screen-reader users listen at 300-450 words a minute."""
DEFAULT_WORDS_PER_MINUTE = 175
MAX_SPEECH_CHARS = 2000
MAX_GRAMMAR_CHARS = 20_000
SPEECH_GATE_AGGRESSIVENESS = 0
"""The voice detector's most permissive setting: a recording it hears no speech in at all is not decoded
(recognisers hear words in silence and hum otherwise)."""


@dataclass(frozen=True)
class Transcription:
    """What a recognizer heard in one recording."""

    text: str
    language: str
    engine: str
    grammar: bool
    seconds: float

    def document(self) -> dict[str, object]:
        """The transcription as JSON-ready data."""
        return {
            "text": self.text,
            "language": self.language,
            "engine": self.engine,
            "grammar": self.grammar,
            "seconds": round(self.seconds, 3),
        }


def check_rate(words_per_minute: int) -> int:
    """A reading speed in eSpeak NG's range, or a clear error."""
    if not MIN_WORDS_PER_MINUTE <= words_per_minute <= MAX_WORDS_PER_MINUTE:
        raise InvalidSpeechRequest(
            _("Choose a reading speed from {low} to {high} words a minute.").format(
                low=MIN_WORDS_PER_MINUTE, high=MAX_WORDS_PER_MINUTE
            ),
            field="rate",
        )
    return words_per_minute


def check_text(text: str) -> str:
    """Text that can be read aloud: not blank, not too long, no NUL (it would end the text early)."""
    if not text.strip():
        raise InvalidSpeechRequest(_("There is nothing to read aloud."), field="text")
    if len(text) > MAX_SPEECH_CHARS:
        raise InvalidSpeechRequest(
            _("Read at most {limit} characters at a time.").format(limit=MAX_SPEECH_CHARS), field="text"
        )
    return text.replace("\0", " ")


def synthesize(
    text: str,
    language: str = "zh-CN",
    words_per_minute: int = DEFAULT_WORDS_PER_MINUTE,
    *,
    synthesizer: Synthesizer | None = None,
) -> bytes:
    """WAV bytes (16-bit mono) of the text read aloud in ``zh-CN`` or ``en`` at the given speed."""
    checked = check_text(text)
    rate = check_rate(words_per_minute)
    return (synthesizer or default_synthesizer()).synthesize(checked, normalise_language(language), rate)


def check_grammar(grammar: str | None, recognizer: Recognizer) -> str | None:
    """A grammar the recognizer can take, or a clear error."""
    if grammar is None:
        return None
    if not recognizer.grammars:
        raise InvalidSpeechRequest(
            _("Grammar mode needs the pocketsphinx engine; {engine} takes free dictation only.").format(
                engine=recognizer.name
            ),
            field="grammar",
        )
    if not grammar.strip() or len(grammar) > MAX_GRAMMAR_CHARS:
        raise InvalidSpeechRequest(
            _("Send a JSGF grammar of 1 to {limit} characters.").format(limit=MAX_GRAMMAR_CHARS), field="grammar"
        )
    if not grammar.lstrip("\ufeff \t\r\n").startswith("#JSGF"):
        raise not_jsgf()  # checked before any engine: PocketSphinx's parser would echo such text to stdout
    return grammar


def transcribe(
    wav: bytes,
    language: str = "en",
    *,
    grammar: str | None = None,
    recognizer: Recognizer | None = None,
    max_seconds: float = MAX_AUDIO_SECONDS,
) -> Transcription:
    """The words heard in a WAV recording (16-bit, mono or stereo, 8-48 kHz, at most a minute)."""
    lang = normalise_language(language)
    ears = recognizer or default_recognizer()
    if lang not in ears.languages:
        raise SpeechEngineUnavailable(
            _(
                "The {engine} speech recogniser hears {languages} only. For Mandarin, set BARRIERFREE_STT_ENGINE "
                "to vosk or faster-whisper and BARRIERFREE_STT_MODEL_DIR to a model folder (see docs/speech.md)."
            ).format(engine=ears.name, languages=", ".join(sorted(ears.languages)))
        )
    checked_grammar = check_grammar(grammar, ears)
    audio = resample(read_wav(wav, max_seconds=max_seconds), RECOGNITION_RATE)
    heard = has_speech(audio, SPEECH_GATE_AGGRESSIVENESS)
    text = ears.recognize(audio, lang, checked_grammar) if heard else ""
    return Transcription(text, lang, ears.name, checked_grammar is not None, audio.seconds)
