"""Read any text into segments and tone-marked pinyin: the first step of the Health Font converter.

The text is split into runs (Han, Latin letters, digits, punctuation, spaces, other). Each run of Han characters is
segmented into words with jieba's dictionary and HMM, run by rjieba (the Rust port of jieba, about ten times faster
than the Python original; our medicine names are added to its dictionary, so a drug name stays one word), and
each word is read by :mod:`barrierfree.braille.polyphones`: our lexicons first, then pypinyin's phrase data, then
our context rules for polyphonic characters.

Written form: the citation tone of every syllable is written; tone sandhi is not (一 stays yī, 不 stays bù, and
third-tone sandhi is not marked), as in dictionaries and on printed pinyin. Only the neutral tone is a reading
of its own (``de5``, ``he5`` in 薄荷 bò he).

Characters without a reading become an OTHER segment and a :class:`TextWarning` each, with a stable ``code``:

============== ======================================================= =========
code           what                                                    fallback
============== ======================================================= =========
``emoji``      emoji and pictographs (with their joiners and modifiers) left out
``no-reading`` a Han character pypinyin has no reading for (rare CJK    left out
               extensions), or a letter of another script
``symbol``     a symbol that is neither punctuation nor a letter       left out
``control``    control and format characters (not white space)         left out
``private-use`` private-use code points                                left out
``unassigned`` code points Unicode has not assigned (or lone           left out
               surrogates)
``combining``  a combining mark that follows no letter                 left out
============== ======================================================= =========

"Left out" means the character has no syllable and no cells: the pinyin and braille outputs skip it, and the
warning tells the reader where it was.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Iterator

import rjieba
from pypinyin.pinyin_dict import pinyin_dict

from barrierfree.braille import lexicon, polyphones
from barrierfree.braille.text import Reading, Segment, SegmentKind, TextWarning
from barrierfree.core.i18n import N_, _

# The kinds as module constants: in Python 3.11 looking up an enum member on its class costs about 80 ns,
# seven times a global's, and the loops below ask for kinds several times per word.
DIGITS = SegmentKind.DIGITS
HAN = SegmentKind.HAN
LATIN = SegmentKind.LATIN
OTHER = SegmentKind.OTHER
PUNCTUATION = SegmentKind.PUNCTUATION
SPACE = SegmentKind.SPACE

FALLBACK_LEFT_OUT = N_("left out")
WARNING_MESSAGES: dict[str, str] = {
    "emoji": N_("“{char}” (U+{code}) is an emoji or pictograph and has no reading."),
    "no-reading": N_("“{char}” (U+{code}) has no known Chinese reading."),
    "symbol": N_("“{char}” (U+{code}) is a symbol without a reading."),
    "control": N_("U+{code} is an invisible control or format character."),
    "private-use": N_("U+{code} is a private-use character without a reading."),
    "unassigned": N_("U+{code} is not an assigned Unicode character."),
    "combining": N_("U+{code} is a combining mark that follows no letter."),
}
"""Warning code -> message template (``char`` and ``code``, the hex code point)."""

DECIMAL_SEPARATORS = frozenset(".,．，")
"""Characters kept inside a number when a digit stands on both sides (3.5, 1,000)."""
ZERO_WIDTH_JOINER = "\u200d"
EMOJI_RANGES: tuple[tuple[int, int], ...] = (
    (0x1F000, 0x1FAFF),  # mahjong, cards, enclosed alphanumerics supplement, pictographs, emoticons, transport ...
    (0x2600, 0x27BF),  # miscellaneous symbols and dingbats
    (0x2B00, 0x2BFF),  # arrows and stars used as emoji (⭐, ⬆)
    (0xE0020, 0xE007F),  # tag characters of flag sequences
)
EMOJI_JOINERS = frozenset({ZERO_WIDTH_JOINER, "\ufe0f", "\ufe0e", "\u20e3"})
"""Characters that continue an emoji sequence (joiner, variation selectors, keycap) without a warning of their own."""
SKIN_TONES = (0x1F3FB, 0x1F3FF)
FULLWIDTH_ASCII = (0xFF01, 0xFF5E)
LATIN_NAME_PREFIXES = ("LATIN ", "FULLWIDTH LATIN ")
HAN_NAME_PREFIX = "CJK "
IDEOGRAPHIC_ZERO = "〇"
IDEOGRAPH_RUN = re.compile("[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
"""Runs of CJK ideographs (〇, the unified ideographs and their extensions, the compatibility ideographs): every
character pypinyin reads is in these blocks (a test checks)."""
KIND_CACHE_SIZE = 65_536
"""Characters whose kind is remembered: a text uses a few thousand distinct characters, Unicode has 150,000."""

_tokenizer: rjieba.Jieba | None = None
_tokenizer_lock = threading.Lock()


def tokenizer() -> rjieba.Jieba:
    """jieba's segmenter with its dictionary loaded once (thread-safe) and our lexicon words added."""
    global _tokenizer
    if _tokenizer is None:
        with _tokenizer_lock:
            if _tokenizer is None:
                loaded = rjieba.Jieba()
                for word in sorted(lexicon.readings()):
                    if len(word) > 1:
                        # The frequency that makes the word win over its parts (jieba's own suggestion), at least.
                        loaded.add_word(word, loaded.suggest_freq(word), None)
                _tokenizer = loaded
    return _tokenizer


def _is_emoji(char: str) -> bool:
    """Whether a code point is an emoji or pictograph (by block; modifiers and regional indicators included)."""
    point = ord(char)
    return any(low <= point <= high for low, high in EMOJI_RANGES) and unicodedata.category(char) != "Cn"


@functools.lru_cache(maxsize=KIND_CACHE_SIZE)
def _is_han(char: str) -> bool:
    """Whether a character is a Han character that pypinyin can read (cached per character)."""
    return ord(char) in pinyin_dict and (
        char == IDEOGRAPHIC_ZERO or unicodedata.name(char, "").startswith(HAN_NAME_PREFIX)
    )


def _is_digit(char: str) -> bool:
    """ASCII and full-width decimal digits."""
    return "0" <= char <= "9" or "０" <= char <= "９"


def _is_latin(char: str) -> bool:
    """A letter of the Latin script (ASCII, accented, full-width)."""
    return char.isalpha() and unicodedata.name(char, "").startswith(LATIN_NAME_PREFIXES)


def _is_punctuation(char: str) -> bool:
    """Unicode punctuation, plus ASCII and full-width ASCII symbols (+ = < > | ~ ^ ` $)."""
    category = unicodedata.category(char)
    if category.startswith("P"):
        return True
    point = ord(char)
    return category.startswith("S") and (point < 0x80 or FULLWIDTH_ASCII[0] <= point <= FULLWIDTH_ASCII[1])


def _other_code(char: str) -> str:
    """The warning code of a character that has no reading."""
    category = unicodedata.category(char)
    if _is_emoji(char):
        return "emoji"
    if category == "Cn" or category == "Cs":
        return "unassigned"
    if category == "Co":
        return "private-use"
    if category in ("Cc", "Cf", "Zl", "Zp"):
        return "control"
    if category.startswith("M"):
        return "combining"
    if category.startswith("S"):
        return "symbol"
    return "no-reading"


@functools.lru_cache(maxsize=KIND_CACHE_SIZE)
def _kind(char: str) -> SegmentKind:
    """The kind of run a single character belongs to (before joining separators and marks); cached per character."""
    if char.isspace():
        return SPACE
    if _is_han(char):
        return HAN
    if _is_digit(char):
        return DIGITS
    if _is_latin(char):
        return LATIN
    if _is_punctuation(char):
        return PUNCTUATION
    return OTHER


def _runs(text: str) -> Iterator[tuple[SegmentKind, int, int]]:
    """Maximal runs of one kind as (kind, start, end); decimal points join digits, marks join their letter.

    Runs of CJK ideographs, most of a Chinese text, are found by a regular expression and are one Han run when
    pypinyin reads all of them; the rest goes character by character.
    """
    position = 0
    for match in IDEOGRAPH_RUN.finditer(text):
        start, end = match.span()
        if start > position:
            yield from _runs_by_character(text, position, start)
        if all(map(_is_han, match.group())):
            yield HAN, start, end
        else:
            yield from _runs_by_character(text, start, end)
        position = end
    if position < len(text):
        yield from _runs_by_character(text, position, len(text))


def _runs_by_character(text: str, start: int, end: int) -> Iterator[tuple[SegmentKind, int, int]]:
    """The runs of ``text[start:end]``, classifying each character."""
    kinds = list(map(_kind, text[start:end]))
    for offset, kind in enumerate(kinds):
        char = text[start + offset]
        if kind is OTHER and offset > 0 and kinds[offset - 1] is LATIN and unicodedata.category(char).startswith("M"):
            kinds[offset] = LATIN
        if (
            char in DECIMAL_SEPARATORS
            and 0 < offset < len(kinds) - 1
            and kinds[offset - 1] is DIGITS
            and _is_digit(text[start + offset + 1])
        ):
            kinds[offset] = DIGITS
    first = 0
    for offset in range(1, len(kinds) + 1):
        if offset == len(kinds) or kinds[offset] is not kinds[first]:
            yield kinds[first], start + first, start + offset
            first = offset


def _warnings(text: str, start: int, end: int) -> list[TextWarning]:
    """One warning per character of an OTHER run; emoji joiners and modifiers ride on the emoji before them."""
    found: list[TextWarning] = []
    for position in range(start, end):
        char = text[position]
        continues_emoji = char in EMOJI_JOINERS or SKIN_TONES[0] <= ord(char) <= SKIN_TONES[1]
        if position > start and continues_emoji and found and found[-1].code == "emoji":
            continue
        code = _other_code(char)
        message = _(WARNING_MESSAGES[code]).format(char=char, code=f"{ord(char):04X}")
        found.append(TextWarning(position, char, code, message, _(FALLBACK_LEFT_OUT)))
    return found


def _han_segments(text: str, runs: list[tuple[int, int]]) -> list[Segment]:
    """Runs of Han characters as one segment per jieba word, with one reading per character."""
    words: list[tuple[int, str]] = []
    cut = tokenizer().cut
    for start, end in runs:
        offset = start
        for word in cut(text[start:end], True):
            words.append((offset, word))
            offset += len(word)
    readings = polyphones.resolve(text, words) if words else []
    return [Segment(word, start, HAN, syllables) for (start, word), syllables in zip(words, readings, strict=True)]


def read(text: str) -> Reading:
    """Read a text into segments covering every character in order, with pinyin and warnings."""
    reading = Reading(text)
    runs = list(_runs(text))
    han = iter(_han_segments(text, [(start, end) for kind, start, end in runs if kind is HAN]))
    for kind, start, end in runs:
        if kind is HAN:
            segment = next(han)
            while segment.end < end:
                reading.segments.append(segment)
                segment = next(han)
            reading.segments.append(segment)
            continue
        reading.segments.append(Segment(text[start:end], start, kind))
        if kind is OTHER:
            reading.warnings.extend(_warnings(text, start, end))
    return reading
