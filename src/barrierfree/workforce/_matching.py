"""Keyword matching for the dialogue rubric, on Chinese without spaces and on English words.

A Chinese keyword (one holding a CJK ideograph) matches as a substring: Chinese is written without spaces, and
the scenario lists the words an agent would use. An English keyword matches whole words, case-insensitively,
with the common endings ``s``, ``es``, ``ed``, ``d`` and ``ing`` when it has four letters or more; a keyword ending in ``*`` matches any word
starting with it. A fact counts as conveyed only where its keyword is not negated just before it in the same
clause ("不能退款", "we cannot refund"), so that refusing something is not taken for promising it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
CLAUSE_BREAK = re.compile(r"[,.;:!?，。；：！？、\n]")
ENGLISH_ENDINGS = r"(?:s|es|ed|d|ing)?"
NOT_LETTER_BEFORE = r"(?<![a-z0-9])"
NOT_LETTER_AFTER = r"(?![a-z0-9])"
MIN_STEM_FOR_ENDINGS = 4
"""Shorter English keywords match only as written ("hi" must not match "his")."""
NEGATION_WINDOW_CHARS = 3
"""How many characters before a Chinese keyword are searched for a negation."""
NEGATION_WINDOW_WORDS = 3
"""How many words before an English keyword are searched for a negation."""
CHINESE_NEGATIONS = ("不", "没", "无法", "未", "别")
ENGLISH_NEGATIONS = frozenset(
    {"not", "no", "never", "cannot", "can't", "cant", "won't", "wont", "don't", "dont", "unable", "without"}
)
HARMLESS_NEGATIONS = ("没问题", "不客气", "不好意思", "不用担心", "别担心", "no problem", "no worries")
"""Set phrases that hold a negation word but negate nothing after them."""


def normalize(text: str) -> str:
    """Text as matched: NFKC (full-width letters become ASCII), case-folded, curly apostrophes straightened."""
    return unicodedata.normalize("NFKC", text).casefold().replace("’", "'")


@functools.lru_cache(maxsize=4096)
def _pattern(keyword: str) -> re.Pattern[str]:
    """The compiled pattern of one keyword (see the module docstring for the rules)."""
    word = normalize(keyword).strip()
    if CJK.search(word):
        return re.compile(re.escape(word))
    prefix = word.endswith("*")
    stem = re.escape(word.rstrip("*").strip()).replace(r"\ ", r"\s+")
    if prefix:
        ending = r"[a-z0-9]*"
    else:
        ending = (ENGLISH_ENDINGS if len(word) >= MIN_STEM_FOR_ENDINGS else "") + NOT_LETTER_AFTER
    return re.compile(NOT_LETTER_BEFORE + stem + ending)


def _negated(text: str, start: int, chinese: bool) -> bool:
    """Whether a negation stands just before ``start`` in the same clause of normalized ``text``."""
    clause = CLAUSE_BREAK.split(text[:start])[-1]
    for phrase in HARMLESS_NEGATIONS:
        clause = clause.replace(phrase, " ")
    if chinese:
        window = clause[-NEGATION_WINDOW_CHARS:]
        return any(negation in window for negation in CHINESE_NEGATIONS)
    words = re.findall(r"[a-z']+", clause)[-NEGATION_WINDOW_WORDS:]
    return any(word in ENGLISH_NEGATIONS or word.endswith("n't") for word in words)


def markers_in(text: str, keywords: Iterable[str]) -> tuple[str, ...]:
    """The keywords found anywhere in ``text``, in the order given (for courtesy and rude markers)."""
    plain = normalize(text)
    return tuple(keyword for keyword in keywords if _pattern(keyword).search(plain))


def conveys(text: str, keywords: Iterable[str]) -> bool:
    """Whether ``text`` holds one of ``keywords`` without a negation just before it."""
    plain = normalize(text)
    for keyword in keywords:
        chinese = bool(CJK.search(keyword))
        for match in _pattern(keyword).finditer(plain):
            if not _negated(plain, match.start(), chinese):
                return True
    return False
