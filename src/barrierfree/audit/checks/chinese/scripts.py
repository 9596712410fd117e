"""Which writing system text is in: Han characters, kana, Hangul and Latin letters, and runs of each."""

from __future__ import annotations

import re
from dataclasses import dataclass

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
KANA = "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"
HANGUL = "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"
CJK_PUNCTUATION = "\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\u2018-\u201d\u00b7"
_HAN = re.compile(f"[{HAN}]")
_KANA = re.compile(f"[{KANA}]")
_HANGUL = re.compile(f"[{HANGUL}]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
HAN_RUN = re.compile(f"[{HAN}](?:[{HAN}{CJK_PUNCTUATION}\\s\\d]*[{HAN}])?")
LATIN_WORD = r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’-]*"
LATIN_RUN = re.compile(rf"{LATIN_WORD}(?:(?:[\s,;:!?()\"“”]|\.(?=\s))+{LATIN_WORD})*")
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "from",
        "with",
        "by",
        "and",
        "or",
        "but",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "you",
        "your",
        "we",
        "our",
        "they",
        "their",
        "he",
        "she",
        "his",
        "her",
        "not",
        "no",
        "can",
        "will",
        "would",
        "should",
        "may",
        "must",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "as",
        "if",
        "than",
        "then",
        "there",
        "here",
        "what",
        "which",
        "who",
        "how",
        "when",
        "where",
        "all",
        "any",
        "more",
        "most",
        "some",
        "such",
        "only",
        "also",
        "into",
        "about",
        "over",
        "le",
        "la",
        "les",
        "des",
        "du",
        "et",
        "est",
        "une",
        "un",
        "dans",
        "pour",
        "avec",
        "der",
        "die",
        "das",
        "und",
        "ist",
        "ein",
        "eine",
        "nicht",
        "mit",
        "von",
        "zu",
        "el",
        "los",
        "las",
        "y",
        "en",
        "que",
        "por",
        "con",
        "para",
    ]
)
"""Short words that only occur in sentences: their presence tells a phrase from a product or proper name."""
CHINESE_FUNCTION_CHARACTERS = frozenset("的了是在这那我你他她们吗呢吧把被没也都就不")
"""Grammatical characters that organisation and person names almost never contain (unlike 会, 和, 与, 为)."""
CHINESE_SENTENCE_PUNCTUATION = frozenset("，。！？；")


@dataclass(frozen=True)
class ScriptCounts:
    """How many characters of each script a text holds."""

    han: int
    kana: int
    hangul: int
    latin: int

    @property
    def letters(self) -> int:
        """All letters counted."""
        return self.han + self.kana + self.hangul + self.latin

    def mostly_chinese(self, *, share: float, minimum_han: int, max_kana_share: float) -> bool:
        """True when Han characters are at least ``share`` of the letters and the text is not Japanese."""
        if self.han < minimum_han or self.letters == 0:
            return False
        return self.han / self.letters >= share and self.kana <= max_kana_share * self.han


def count_scripts(text: str) -> ScriptCounts:
    """Count Han, kana, Hangul and Latin letters."""
    return ScriptCounts(
        han=len(_HAN.findall(text)),
        kana=len(_KANA.findall(text)),
        hangul=len(_HANGUL.findall(text)),
        latin=len(_LATIN.findall(text)),
    )


def han_runs(text: str, minimum: int) -> list[str]:
    """Stretches of Chinese (Han characters with CJK punctuation between) holding at least ``minimum`` Han."""
    return [m.group(0) for m in HAN_RUN.finditer(text) if len(_HAN.findall(m.group(0))) >= minimum]


def latin_runs(text: str, minimum_words: int) -> list[list[str]]:
    """Stretches of Latin-script words (sentences in a row form one stretch) with at least ``minimum_words`` words."""
    runs = []
    for match in LATIN_RUN.finditer(text):
        words = re.findall(LATIN_WORD, match.group(0))
        if len(words) >= minimum_words:
            runs.append(words)
    return runs


def has_function_word(words: list[str]) -> bool:
    """True when a Latin run holds a function word, so it reads as a sentence rather than a name or a term."""
    return any(word.lower() in FUNCTION_WORDS for word in words)


def reads_as_chinese_sentence(run: str) -> bool:
    """True when a Han run has sentence punctuation or a grammatical character, so it is not just a name."""
    return any(ch in CHINESE_FUNCTION_CHARACTERS or ch in CHINESE_SENTENCE_PUNCTUATION for ch in run)
