"""PocketSphinx in this process, with the en-US model inside its wheel: free dictation and JSGF grammars.

Each recording gets a fresh decoder (about 0.3 s to load): a kept decoder adapts its channel estimate to the
last speaker, so one person's voice would change what the next person's recording returns.
"""

from __future__ import annotations

import re
from typing import Any

from barrierfree.core.i18n import _
from barrierfree.speech.audio import RECOGNITION_RATE, Audio
from barrierfree.speech.errors import InvalidSpeechRequest, SpeechEngineUnavailable, not_jsgf

GRAMMAR_SEARCH = "grammar"
_GRAMMAR_WORD = re.compile(r"[a-z][a-z']*")
_GRAMMAR_NON_WORDS = re.compile(
    r"<[^>]*>|/[^/]*/|\{[^}]*\}|//.*|/\*.*?\*/|^\s*(#JSGF|grammar|import)[^;]*;", re.M | re.S | re.I
)


GRAMMAR_PASSES: tuple[dict[str, bool], ...] = ({"bestpath": False}, {"bestpath": False, "fsgusefiller": False})
"""Grammar mode keeps the grammar search's own best path (the lattice rescoring after it can drop a sentence's last
word, returning "please reply in"); when no path reached the end of a sentence, a second pass without silence and
noise fillers between words. On eSpeak NG and flite cards, plain and through the telephone path, exact matches went
from 24 to 32 of 32."""


def _decoder(**options: bool) -> Any:
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


class PocketsphinxRecognizer:
    """English dictation (the wheel's en-US model) or recognition of one JSGF grammar's sentences."""

    name = "pocketsphinx"
    languages = frozenset({"en"})
    grammars = True

    def recognize(self, audio: Audio, language: str, grammar: str | None) -> str:
        """The words heard in 16 kHz audio; with a grammar, the grammar's sentence that fits best (or "")."""
        if grammar is None:
            return _decode(_decoder(), audio)
        for options in GRAMMAR_PASSES:
            decoder = _decoder(**options)
            _use_grammar(decoder, grammar)
            heard = _decode(decoder, audio)
            if heard:
                return heard
        return ""


def _decode(decoder: Any, audio: Audio) -> str:
    decoder.start_utt()
    decoder.process_raw(audio.pcm(), full_utt=True)
    decoder.end_utt()
    hypothesis = decoder.hyp()
    return str(hypothesis.hypstr) if hypothesis is not None else ""
