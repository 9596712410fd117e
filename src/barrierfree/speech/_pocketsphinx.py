"""PocketSphinx in this process, with the en-US model inside its wheel: free dictation and JSGF grammars.

Each recording gets a fresh decoder (about 0.3 s to load): a kept decoder adapts its channel estimate to the
last speaker, so one person's voice would change what the next person's recording returns.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from barrierfree.core.i18n import _
from barrierfree.speech._pronounce import derived
from barrierfree.speech.audio import RECOGNITION_RATE, Audio
from barrierfree.speech.errors import InvalidSpeechRequest, SpeechEngineUnavailable, not_jsgf
from barrierfree.speech.language_model import DictationDomain, arpa, words_of
from barrierfree.speech.vad import voiced_share

GRAMMAR_SEARCH = "grammar"
_GRAMMAR_WORD = re.compile(r"[a-z][a-z']*")
_GRAMMAR_NON_WORDS = re.compile(
    r"<[^>]*>|/[^/]*/|\{[^}]*\}|//.*|/\*.*?\*/|^\s*(#JSGF|grammar|import)[^;]*;", re.M | re.S | re.I
)


_WIDE_BEAMS = {"beam": 1e-80, "wbeam": 1e-60, "pbeam": 1e-80}
_WIDEST_BEAMS = {"beam": 1e-120, "wbeam": 1e-100, "pbeam": 1e-120, "maxhmmpf": -1, "maxwpf": -1}
GRAMMAR_PASSES: tuple[dict[str, Any], ...] = (
    {"bestpath": False, **_WIDE_BEAMS},
    {"bestpath": False, "fsgusefiller": False, **_WIDE_BEAMS},
    {"bestpath": False, **_WIDEST_BEAMS},
)
"""Grammar mode keeps the grammar search's own best path (the lattice rescoring after it can drop a sentence's last
word, returning "please reply in") and searches wider than dictation does: with the default beams the path of the
sentence actually spoken was sometimes pruned, leaving no sentence or a shorter one. A pass whose answer leaves
speech unexplained (see :func:`_swallows_speech`) is followed by one without silence and noise fillers between
words, then by one with no beam at all. On the 13 English cards spoken by eSpeak NG and flite, plain and through the
telephone path, exact matches went from 87 to 91 of 91 (benchmarks/relay_cards.py measures it)."""

_FRAMES_PER_SECOND = 100
MAX_UNEXPLAINED_SECONDS = 0.3
"""A filler (silence or noise) at least this long, in which the voice detector hears speech at least half the time,
means the answer left words unexplained; a pause between sentences is silence to both."""
_MOSTLY = 0.5


def _decoder(**options: Any) -> Any:
    try:
        from pocketsphinx import Decoder
    except ImportError:
        raise SpeechEngineUnavailable(_("Dictation needs PocketSphinx; scripts/bootstrap.sh installs it.")) from None
    return Decoder(samprate=RECOGNITION_RATE, loglevel="FATAL", **options)


def _unknown_words(decoder: Any, grammar: str) -> list[str]:
    """Words of a grammar's rules that are not in the pronouncing dictionary."""
    words = _GRAMMAR_WORD.findall(_GRAMMAR_NON_WORDS.sub(" ", grammar.lower().replace("public", " ")))
    return sorted({word for word in words if decoder.lookup_word(word) is None})


def _use_grammar(decoder: Any, grammar: str) -> None:
    """Restrict the decoder to the grammar (whose header services.check_grammar has checked)."""
    try:
        decoder.add_jsgf_string(GRAMMAR_SEARCH, grammar)
        decoder.activate_search(GRAMMAR_SEARCH)
    except (ValueError, RuntimeError):
        unknown = _unknown_words(decoder, grammar)
        if unknown:
            raise InvalidSpeechRequest(
                _("The grammar uses words the English dictionary does not know: {words}.").format(
                    words=", ".join(unknown[:10])
                ),
                field="grammar",
            ) from None
        raise not_jsgf() from None


GENERAL_WORDS = 20_000
"""The most likely words of the wheel's general English model that a domain model can still predict."""
_LOG_BASE = 1.0001
"""PocketSphinx reports probabilities as powers of 1.0001."""


def _model_folder() -> Path:
    from pocketsphinx import get_model_path

    return Path(get_model_path()) / "en-us"


@functools.cache
def _dictionary() -> dict[str, str]:
    """The wheel's pronouncing dictionary: word -> phones (alternative pronunciations, "word(2)", are left out)."""
    entries = (line.split(maxsplit=1) for line in (_model_folder() / "cmudict-en-us.dict").open(encoding="utf-8"))
    return {entry[0]: entry[1].strip() for entry in entries if len(entry) == 2 and "(" not in entry[0]}


@functools.cache
def _general_words() -> dict[str, float]:
    """The GENERAL_WORDS likeliest words of the wheel's general English model, with their probabilities."""
    from pocketsphinx import NGramModel

    general = NGramModel.readfile(str(_model_folder() / "en-us.lm.bin"))
    ranked = sorted(((general.prob([word]), word) for word in _dictionary()), reverse=True)[:GENERAL_WORDS]
    return {word: _LOG_BASE**score for score, word in ranked}


@functools.cache
def domain_words(domain: DictationDomain) -> dict[str, str]:
    """Pronunciations for the domain's words that the dictionary lacks but can be derived ("gate's", "letterbox")."""
    known = _dictionary()
    words = sorted({word for sentence in domain.sentences for word in words_of(sentence)} - known.keys())
    return {word: phones for word in words if (phones := derived(word, known.get))}


@functools.cache
def domain_model_file(domain: DictationDomain) -> Path:
    """The ARPA file of a domain's language model, built once per process and per version of its sentences."""
    text = arpa(domain.sentences, _general_words(), _dictionary().keys() | domain_words(domain).keys())
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / "barrierfree-speech" / f"{domain.name}-{digest}.arpa"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.part")
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)  # atomic: another process reading the same model never sees half a file
    return path


def _domain_decoder(domain: DictationDomain) -> Any:
    """A dictation decoder on the domain's language model, knowing the domain's derived words."""
    decoder = _decoder(lm=str(domain_model_file(domain)))
    extra = list(domain_words(domain).items())
    for index, (word, phones) in enumerate(extra):
        decoder.add_word(word, phones, update=index == len(extra) - 1)  # rebuild the search once, at the end
    return decoder


class PocketsphinxRecognizer:
    """English dictation (the wheel's en-US model, or a domain's own language model) or recognition of one JSGF
    grammar's sentences."""

    name = "pocketsphinx"
    languages = frozenset({"en"})
    grammars = True

    def __init__(self, domain: DictationDomain | None = None) -> None:
        self.domain = domain

    def recognize(self, audio: Audio, language: str, grammar: str | None) -> str:
        """The words heard in 16 kHz audio; with a grammar, the grammar's sentence that fits best (or "")."""
        if grammar is None:
            return _decode(_domain_decoder(self.domain) if self.domain else _decoder(), audio)
        for options in GRAMMAR_PASSES:
            decoder = _decoder(**options)
            _use_grammar(decoder, grammar)
            heard = _decode(decoder, audio)
            if heard and not _swallows_speech(decoder, audio):
                return heard
        return ""


def _decode(decoder: Any, audio: Audio) -> str:
    decoder.start_utt()
    decoder.process_raw(audio.pcm(), full_utt=True)
    decoder.end_utt()
    hypothesis = decoder.hyp()
    return str(hypothesis.hypstr) if hypothesis is not None else ""


def _swallows_speech(decoder: Any, audio: Audio) -> bool:
    """Whether the answer put speech into a filler: a grammar search whose spoken sentence was pruned can end on a
    shorter sentence and call the rest silence ("... i am at your door" for "... i am downstairs please come down")."""
    for segment in decoder.seg() or ():
        if not segment.word.startswith(("<", "[", "+")):
            continue
        start, end = segment.start_frame / _FRAMES_PER_SECOND, segment.end_frame / _FRAMES_PER_SECOND
        if end - start >= MAX_UNEXPLAINED_SECONDS and voiced_share(audio, start, end) >= _MOSTLY:
            return True
    return False
