"""Chinese braille from a :class:`~barrierfree.braille.text.Reading`: GF 0019-2018 (the default) or Current Braille.

Each Han syllable is its initial, final and tone cells (:mod:`barrierfree.braille.chinese_cells` cites the source
of every cell). The two systems differ only in tones and shorthands:

* ``gf2018`` (National Common Braille, GF 0019-2018): every tone is written except the one tone that the standard
  leaves out after each initial; the six shorthand characters 的 么 你 他 她 它 are written short.
* ``current`` (Current Braille, 1952, as liblouis ``zhcn-g1``): every tone 1-4 is written, the neutral tone never;
  他 ⠞⠔, 她 ⠞⠔⠁ and 它 ⠈⠞⠔⠁ are told apart by form. No shorthands.

Word spacing (分词连写, GB/T 15720): the syllables of a word are written together and words are separated by one
blank cell. The words are the segmentation of the Reading, with these rules on top:

* a one-syllable word in the neutral tone (a particle: 的 了 着 吗 呢 吧 啊 们 ...) is written together with the
  Han word before it (今天的 ⠛⠣⠁⠞⠩⠁⠙);
* a number is a word of its own (a blank after it is required: the cells a-j would read as digits), except that
  the ordinal prefix 第 is written against it (第3 次 ⠙⠊⠆⠼⠉ ⠉⠆);
* Latin letters touching Chinese or a number are written against them, announced by the letter sign ⠰ (or by the
  capital sign ⠠), and followed by a blank (带u 盘 ⠙⠪⠆⠰⠥ ⠏⠧⠂). A Latin word standing alone has no sign. When an
  ``english`` callable is given (the UEB adapter), it writes each Latin run; the letter sign is added in front only
  when its cells do not already start with ⠰ or ⠠;
* GF 0019-2018 leaves a tone out, but a bare apical syllable (zhi chi shi ri zi ci si) before a zero-initial
  syllable of the same word writes it (事业 ⠱⠆⠑⠆: ⠱⠑ would read "shie"), as zhcn-cbs does; shorthands likewise
  are spelled out there (你爱 ⠝⠊⠄⠪: ⠝⠪ would read "nai");
* punctuation is written against the word before it (， 。 ？ ” 》 ） ...) or after it (“ 《 （ ...); ， 、 ： ；
  ” ’ …… are always followed by a blank, because their last cell would otherwise join the next one.

What is left out (no cells): characters of OTHER segments (emoji, control characters, characters without a reading:
the Reading's warnings already say "left out"), and punctuation or letters that have no Chinese braille sign
here; :func:`unwritten` lists the latter as warnings, with code ``no-braille``.
"""

from __future__ import annotations

import enum
import functools
import itertools
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from barrierfree.braille import chinese_cells as cc
from barrierfree.braille.cells import BLANK
from barrierfree.braille.errors import InvalidBrailleRequest
from barrierfree.braille.text import Reading, Segment, SegmentKind, TextWarning
from barrierfree.core.i18n import N_, _

_QUOTES = frozenset(cc.QUOTE_PAIRS)
"""Characters whose mark depends on the quotes opened before them."""

# The kinds as module constants: in Python 3.11 looking up an enum member on its class costs about 80 ns,
# seven times a global's, and the loops below ask for kinds several times per word.
DIGITS = SegmentKind.DIGITS
HAN = SegmentKind.HAN
LATIN = SegmentKind.LATIN
PUNCTUATION = SegmentKind.PUNCTUATION
SPACE = SegmentKind.SPACE

APICAL_FINAL = "-i"
"""The final of zhi chi shi ri zi ci si: no cell of its own."""

ORDINAL_PREFIXES = frozenset({"第"})
"""Han words written against the number after them (第3 ⠙⠊⠆⠼⠉)."""

SYLLABLE_CACHE_SIZE = 65_536
"""(character, reading, system) triples whose cells are remembered: a few MB at most."""
PUNCTUATION_CACHE_SIZE = 4_096
"""Punctuation runs whose marks are remembered: a text has a few dozen kinds."""
WORD_CACHE_SIZE = 65_536
"""Han words (with their reading and system) whose pieces and cells are remembered: a few tens of MB at most."""

MIN_CAPITAL_WORD = 2
"""A Latin word of at least this many capitals takes the capital-word sign ⠠⠠ instead of one ⠠ per letter."""

UNWRITTEN_MESSAGE = N_("“{char}” (U+{code}) has no sign in Chinese braille and is left out.")
FALLBACK_LEFT_OUT = N_("left out")
UNKNOWN_SYSTEM_MESSAGE = N_("Unknown Chinese braille system “{name}”. Choose one of: {names}.")

ZERO_INITIAL_SPELLINGS: dict[str, str] = {
    "yi": "i",
    "ya": "ia",
    "yo": "io",
    "ye": "ie",
    "yao": "iao",
    "you": "iou",
    "yan": "ian",
    "yin": "in",
    "yang": "iang",
    "ying": "ing",
    "yong": "iong",
    "wu": "u",
    "wa": "ua",
    "wo": "uo",
    "wai": "uai",
    "wei": "uei",
    "wan": "uan",
    "wen": "uen",
    "wang": "uang",
    "weng": "ueng",
    "yu": "ü",
    "yue": "üe",
    "yuan": "üan",
    "yun": "ün",
}
"""Pinyin spelling of a syllable without initial -> its final in the table form."""

CONTRACTED_FINALS: dict[str, str] = {"iu": "iou", "ui": "uei", "un": "uen"}
"""Finals that pinyin writes short after an initial (liu, gui, lun) -> the table form."""

SYLLABIC_NASALS: dict[str, tuple[str, str]] = {
    "m": ("m", "u"),  # 呒 m̀: as liblouis zhcn-g1 writes 呒, ⠍⠥
    "n": ("", "en"),  # 嗯 ń: as zhcn-g1, ⠴
    "ng": ("", "eng"),
    "hm": ("h", "en"),  # 噷 hm: as zhcn-g1, ⠓⠴
    "hng": ("h", "eng"),  # 哼 hng
}
"""Interjections without a vowel: no cells of their own in [GB]; written as the nearest syllable."""


class ChineseSystem(enum.StrEnum):
    """The two Mainland Chinese braille systems."""

    GF2018 = "gf2018"  # National Common Braille, GF 0019-2018
    CURRENT = "current"  # Current Braille (现行盲文), 1952, tones marked as liblouis zhcn-g1


def parse_system(name: str) -> ChineseSystem:
    """The system named ``name`` (case and surrounding spaces ignored), or InvalidBrailleRequest naming the choices."""
    wanted = name.strip().lower()
    for system in ChineseSystem:
        if system.value == wanted:
            return system
    names = ", ".join(system.value for system in ChineseSystem)
    raise InvalidBrailleRequest(_(UNKNOWN_SYSTEM_MESSAGE).format(name=name[:40], names=names), field="system")


class BrailleWord(NamedTuple):
    """One word of braille output: the text it came from, its cells, and the pinyin of its Han characters.

    ``breaks`` are the cell offsets inside ``cells`` where the word may be cut at the end of a line (between
    syllables and between its parts, never inside a syllable or before attached punctuation).
    """

    text: str
    start: int
    cells: tuple[int, ...]
    pinyin: tuple[str, ...]
    breaks: tuple[int, ...] = ()


@dataclass(frozen=True)
class PinyinSyllable:
    """A syllable split as Chinese braille writes it: initial ("" if none), final in table form, tone 1-5."""

    initial: str
    final: str
    tone: int


def parse_pinyin(pinyin: str) -> PinyinSyllable | None:
    """``"zhuang4"`` -> (zh, uang, 4); accepts v, u: and ü for ü and no digit for the neutral tone; None if not pinyin."""
    text = pinyin.strip().lower().replace("u:", "ü").replace("v", "ü")
    tone = cc.NEUTRAL_TONE
    if text and text[-1].isdigit():
        tone = int(text[-1])
        text = text[:-1]
        if not 1 <= tone <= cc.NEUTRAL_TONE:
            return None
    if text in SYLLABIC_NASALS:
        initial, final = SYLLABIC_NASALS[text]
        return PinyinSyllable(initial, final, tone)
    if text in ZERO_INITIAL_SPELLINGS:
        return PinyinSyllable("", ZERO_INITIAL_SPELLINGS[text], tone)
    for initial in ("zh", "ch", "sh", *cc.INITIAL_DOTS):
        if not text.startswith(initial) or len(text) == len(initial):
            continue
        final = text[len(initial) :]
        if initial in ("j", "q", "x") and final.startswith("u"):
            final = "ü" + final[1:]
        final = CONTRACTED_FINALS.get(final, final)
        if initial in cc.APICAL_INITIALS and final == "i":
            final = APICAL_FINAL
        if final != APICAL_FINAL and final not in cc.FINAL_DOTS:
            return None
        return PinyinSyllable(initial, final, tone)
    if text in cc.FINAL_DOTS and text[0] in "aoeê":
        return PinyinSyllable("", text, tone)
    return None


def omitted_tone(initial: str, final: str) -> int | None:
    """The tone GF 0019-2018 leaves unwritten for this initial (and final, without initial); None if every tone is."""
    if (initial, final) in cc.GF2018_FULLY_TONED_SYLLABLES:
        return None
    if initial:
        return cc.GF2018_OMITTED_TONE[initial]
    return cc.GF2018_ZERO_INITIAL_EXCEPTIONS.get(final, cc.GF2018_ZERO_INITIAL_OMITTED_TONE)


def syllable_cells(syllable: PinyinSyllable, system: ChineseSystem) -> tuple[int, ...]:
    """The cells of one syllable in full (no shorthand): initial, final, and the tone where the system writes it."""
    cells: list[int] = []
    if syllable.initial:
        cells.append(cc.INITIAL_CELL[syllable.initial])
    if syllable.final != APICAL_FINAL:
        cells.append(cc.FINAL_CELL[syllable.final])
    if syllable.tone != cc.NEUTRAL_TONE and not (
        system is ChineseSystem.GF2018 and syllable.tone == omitted_tone(syllable.initial, syllable.final)
    ):
        cells.append(cc.TONE_CELL[syllable.tone])
    return tuple(cells)


_FINAL_OR_TONE_CELLS = frozenset(cc.FINAL_CELL.values()) | frozenset(cc.TONE_CELL.values())


class _Piece(NamedTuple):
    """A stretch of one word: a syllable, a number, a Latin run or a punctuation mark (immutable, so cacheable)."""

    cells: tuple[int, ...]
    short: tuple[int, ...] | None = None  # GF 0019-2018 shorthand, used when the next cell allows it
    needs_initial_after: bool = False


@dataclass(slots=True)
class _Unit:
    """One segment (or punctuation mark) of the Reading, before it is joined into words."""

    kind: SegmentKind
    text: str
    start: int
    pieces: tuple[_Piece, ...]  # empty for a Han unit: its cells come from its text and pinyin
    pinyin: tuple[str, ...] = ()
    closing: bool = False  # punctuation written against the word before
    opening: bool = False  # punctuation written against the word after
    blank_after: bool = False  # punctuation that must be followed by a blank


def _han_pieces(text: str, pinyin: tuple[str, ...], system: ChineseSystem) -> tuple[_Piece, ...]:
    """The pieces of a Han word read as ``pinyin``."""
    return tuple(map(_syllable_piece, text, pinyin, itertools.repeat(system.value, len(text))))


# The caches below are keyed by plain strings and tuples of them, the system by its name: Python's garbage collector
# stops tracking such keys, while a key holding an enum member stays tracked for good, and every tracked object
# makes each full collection longer (tens of milliseconds once the caches fill up).


@functools.lru_cache(maxsize=SYLLABLE_CACHE_SIZE)
def _syllable_piece(char: str, pinyin: str, system_name: str) -> _Piece:
    """One character's syllable: full cells, shorthand (or None), whether the shorthand needs an initial after.

    Cached: the answer depends only on the character, its reading and the system, and text repeats them.
    """
    system = ChineseSystem(system_name)
    parsed = parse_pinyin(pinyin)
    full = syllable_cells(parsed, system) if parsed else ()
    key = (char, pinyin.lower())
    if system is ChineseSystem.GF2018 and key in cc.SHORTHAND_CELLS:
        return _Piece(full, cc.SHORTHAND_CELLS[key], char in cc.SHORTHAND_NEEDS_INITIAL_AFTER)
    if parsed and parsed.final == APICAL_FINAL and parsed.tone != cc.NEUTRAL_TONE and len(full) == 1:
        # A bare zhi chi shi ri zi ci si before a zero-initial syllable would take its final (事业 ⠱⠑ "shie"):
        # there the omitted tone is written, as zhcn-cbs does (事业 ⠱⠆⠑⠆, 日月 ⠚⠆⠾).
        return _Piece((*full, cc.TONE_CELL[parsed.tone]), full, True)
    if system is ChineseSystem.CURRENT and key in cc.CURRENT_PRONOUN_CELLS:
        full = cc.CURRENT_PRONOUN_CELLS[key]
    return _Piece(full, None, char in cc.SHORTHAND_NEEDS_INITIAL_AFTER)


def _number_cells(text: str) -> tuple[int, ...]:
    """⠼ and the digits; a point or comma between digits becomes the decimal point or the numeric comma."""
    cells = [cc.NUMBER_SIGN]
    for char in unicodedata.normalize("NFKC", text):
        if char in cc.DIGIT_CELL:
            cells.append(cc.DIGIT_CELL[char])
        elif char in ".．":
            cells.append(cc.DECIMAL_POINT)
        elif char in ",，":
            cells.append(cc.NUMERIC_COMMA)
    return tuple(cells)


def _plain_letters(text: str) -> str:
    """The basic Latin letters of a run: accents removed (é → e), ß → ss, letters without a base letter dropped."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    return "".join(char for char in decomposed if char.isascii() and char.isalpha())


def _latin_cells(text: str) -> tuple[int, ...]:
    """Latin letters in plain braille letters: ⠠ before a capital, ⠠⠠ before a word of capitals."""
    letters = _plain_letters(text)
    if len(letters) >= MIN_CAPITAL_WORD and letters.isupper():
        return cc.CAPITAL_WORD + tuple(cc.LETTER_CELL[char] for char in letters.lower())
    cells: list[int] = []
    for char in letters:
        if char.isupper():
            cells.append(cc.CAPITAL_SIGN)
        cells.append(cc.LETTER_CELL[char.lower()])
    return tuple(cells)


def _punctuation_marks(text: str, quotes_open: dict[str, bool]) -> Iterator[tuple[int, str, str]]:
    """(offset, source text, Chinese mark or "" if unwritten) for each mark of a punctuation run."""
    index = 0
    while index < len(text):
        pair = text[index : index + 2]
        if len(pair) == len("——") and pair in cc.PUNCTUATION_CELLS:  # a doubled mark (—— ……) is one sign
            yield index, pair, pair
            index += 2
            continue
        char = text[index]
        mark = ""
        if char in cc.PUNCTUATION_CELLS:
            mark = char
        elif char in cc.ASCII_PUNCTUATION:
            mark = cc.ASCII_PUNCTUATION[char]
        elif char in cc.QUOTE_PAIRS:
            opening, closing = cc.QUOTE_PAIRS[char]
            kind = opening
            is_straight = char in "\"'"
            if is_straight and quotes_open.get(kind, False):
                mark = closing
                quotes_open[kind] = False
            else:
                mark = opening
                quotes_open[kind] = True
        elif char in cc.CLOSING_CORNER_QUOTES:
            mark = cc.CLOSING_CORNER_QUOTES[char]
        yield index, char, mark
        index += 1


def _punctuation_units(segment: Segment, quotes_open: dict[str, bool]) -> list[_Unit]:
    """One unit per punctuation mark of the segment; unwritten marks are left out."""
    # Without quotes, the marks do not depend on what came before, so they come from a cache.
    quoted = not _QUOTES.isdisjoint(segment.text)
    marks = _marks(segment.text, quotes_open) if quoted else _unquoted_marks(segment.text)
    start = segment.start
    return [
        _Unit(PUNCTUATION, source, start + offset, pieces, (), closing, opening, blank_after)
        for offset, source, pieces, closing, opening, blank_after in marks
    ]


_Mark = tuple[int, str, tuple["_Piece", ...], bool, bool, bool]
"""A written mark of a punctuation run: offset, source text, pieces, closing?, opening?, blank after?"""


def _marks(text: str, quotes_open: dict[str, bool]) -> tuple[_Mark, ...]:
    """The written marks of a punctuation run (straight quotes open or close by ``quotes_open``, which is updated)."""
    marks = []
    for offset, source, mark in _punctuation_marks(text, quotes_open):
        if mark:
            _dots, side, blank_after = cc.PUNCTUATION[mark]
            pieces = (_Piece(cc.PUNCTUATION_CELLS[mark]),)
            marks.append(
                (
                    offset,
                    source,
                    pieces,
                    side == cc.PunctuationKind.CLOSING,
                    side == cc.PunctuationKind.OPENING,
                    blank_after,
                )
            )
    return tuple(marks)


@functools.lru_cache(maxsize=PUNCTUATION_CACHE_SIZE)
def _unquoted_marks(text: str) -> tuple[_Mark, ...]:
    """:func:`_marks` of a run without quotes (cached: a text repeats its commas and full stops)."""
    return _marks(text, {})


def _units(reading: Reading, english: Callable[[str], tuple[int, ...]] | None) -> Iterator[_Unit | None]:
    """The Reading as units in order; ``None`` stands for a space (a word boundary)."""
    quotes_open: dict[str, bool] = {}
    for segment in reading.segments:
        if segment.kind is HAN:
            yield _Unit(HAN, segment.text, segment.start, (), segment.pinyin)
        elif segment.kind is DIGITS:
            yield _Unit(DIGITS, segment.text, segment.start, (_Piece(_number_cells(segment.text)),))
        elif segment.kind is LATIN:
            cells = tuple(english(segment.text)) if english is not None else _latin_cells(segment.text)
            if cells:
                yield _Unit(LATIN, segment.text, segment.start, (_Piece(cells),))
        elif segment.kind is PUNCTUATION:
            yield from _punctuation_units(segment, quotes_open)
        elif segment.kind is SPACE:
            yield None


def _is_particle(unit: _Unit) -> bool:
    """A one-syllable Han word in the neutral tone: a particle, written with the word before it."""
    return unit.kind is HAN and len(unit.pinyin) == 1 and unit.pinyin[0].endswith("5")


def _joins(previous: _Unit | None, unit: _Unit) -> bool:
    """Whether ``unit`` is written against ``previous`` without a blank (the 分词连写 rules of the module doc)."""
    if previous is None or previous.blank_after:
        return False
    if previous.opening:
        return True
    if unit.kind is PUNCTUATION:
        return unit.closing
    if unit.kind is HAN:
        return previous.kind is HAN and _is_particle(unit)
    if unit.kind is DIGITS:
        return previous.kind is LATIN or (previous.kind is HAN and previous.text in ORDINAL_PREFIXES)
    if unit.kind is LATIN:
        return previous.kind in (HAN, DIGITS)
    return False


def _announce_letters(previous: _Unit, unit: _Unit) -> None:
    """Put the letter sign before a Latin run written against Chinese or a number, unless a sign already starts it."""
    if unit.kind is not LATIN or previous.kind not in (HAN, DIGITS):
        return
    first, *rest = unit.pieces
    if first.cells and first.cells[0] not in (cc.LETTER_SIGN, cc.CAPITAL_SIGN):
        unit.pieces = (first._replace(cells=(cc.LETTER_SIGN, *first.cells)), *rest)


def _render(units: list[_Unit], text: str, system_name: str) -> BrailleWord:
    """A word's cells and break offsets, from a cache: they depend only on what its units are (see _unit_key)."""
    first = units[0]
    if len(units) == 1 and first.kind is HAN:
        cells, breaks = _han_word_cells(first.text, first.pinyin, system_name)
        return BrailleWord(first.text, first.start, cells, first.pinyin, breaks)
    cells, breaks, pinyin = _joined_word_cells(tuple(map(_unit_key, units)), system_name)
    last = units[-1]
    return BrailleWord(text[first.start : last.start + len(last.text)], first.start, cells, pinyin, breaks)


def _unit_key(unit: _Unit) -> tuple[Any, ...]:
    """What a unit contributes to its word's cells, as plain tuples (a cache key the collector does not track).

    A Han unit: (text, pinyin). Any other unit, which is always one piece without shorthand: (cells, whether it is
    closing punctuation, whether it is opening punctuation).
    """
    if unit.kind is HAN:
        return (unit.text, unit.pinyin)
    return (unit.pieces[0].cells, unit.kind is PUNCTUATION and unit.closing, unit.opening)


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def _han_word_cells(text: str, pinyin: tuple[str, ...], system_name: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Cells and break offsets of a word that is a single Han unit (its cells depend on nothing around it)."""
    pieces = _han_pieces(text, pinyin, ChineseSystem(system_name))
    return _cells_and_breaks(pieces, [True] * len(pieces))


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def _joined_word_cells(
    unit_keys: tuple[tuple[Any, ...], ...], system_name: str
) -> tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...]]:
    """Cells, break offsets and pinyin of a word of several units (:func:`_unit_key` of each).

    A line never breaks before closing punctuation or after opening punctuation; elsewhere it may break between
    units and between a Han unit's syllables.
    """
    system = ChineseSystem(system_name)
    pieces: list[_Piece] = []
    breakable: list[bool] = []
    pinyin: list[str] = []
    after_opening = False
    for index, key in enumerate(unit_keys):
        if len(key) == len(("text", "pinyin")):  # a Han unit
            unit_pieces = _han_pieces(key[0], key[1], system)
            pinyin.extend(key[1])
            closing = opening = False
        else:
            cells, closing, opening = key
            unit_pieces = (_Piece(cells),)
        breakable.append(index == 0 or not (closing or after_opening))
        breakable.extend([True] * (len(unit_pieces) - 1))
        pieces.extend(unit_pieces)
        after_opening = opening
    cells, breaks = _cells_and_breaks(pieces, breakable)
    return cells, breaks, tuple(pinyin)


def _cells_and_breaks(pieces: Sequence[_Piece], breakable: Sequence[bool]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The cells of a word's pieces, choosing each shorthand by the cell that follows it, and the break offsets.

    ``breakable[i]`` says whether a line may end before piece ``i`` (it never does before the first cell).
    """
    chosen: list[tuple[int, ...]] = [()] * len(pieces)
    next_first: int | None = None
    for index in range(len(pieces) - 1, -1, -1):
        piece = pieces[index]
        cells = piece.cells
        if piece.short is not None and not (piece.needs_initial_after and next_first in _FINAL_OR_TONE_CELLS):
            cells = piece.short
        chosen[index] = cells
        if cells:
            next_first = cells[0]
    all_cells: list[int] = []
    breaks: list[int] = []
    for cells, may_break in zip(chosen, breakable, strict=True):
        if all_cells and cells and may_break:
            breaks.append(len(all_cells))
        all_cells.extend(cells)
    return tuple(all_cells), tuple(breaks)


def write_chinese(
    reading: Reading,
    system: ChineseSystem = ChineseSystem.GF2018,
    *,
    english: Callable[[str], tuple[int, ...]] | None = None,
) -> list[BrailleWord]:
    """Chinese braille for a Reading, word by word (分词连写); ``english`` writes Latin runs when given (UEB).

    Units are joined into words by :func:`_joins` (a space always ends a word), then each word is rendered.
    """
    system_name = system.value  # the caches' key: see _syllable_piece
    words: list[BrailleWord] = []
    word: list[_Unit] = []
    previous: _Unit | None = None
    for unit in _units(reading, english):
        if unit is None:
            previous = None
            continue
        if previous is not None and _joins(previous, unit):
            _announce_letters(previous, unit)
            word.append(unit)
        else:
            if word:
                words.append(_render(word, reading.text, system_name))
            word = [unit]
        previous = unit
    if word:
        words.append(_render(word, reading.text, system_name))
    return [rendered for rendered in words if rendered.cells]


def to_cells(words: list[BrailleWord]) -> list[int]:
    """The words' cells on one line, one blank cell between words."""
    cells: list[int] = []
    for word in words:
        if cells:
            cells.append(BLANK)
        cells.extend(word.cells)
    return cells


def unwritten(reading: Reading) -> list[TextWarning]:
    """Punctuation and letters of the Reading that Chinese braille leaves out, one warning each (code ``no-braille``).

    Characters of OTHER segments are not repeated here: the Reading already warns about them.
    """
    warnings = []
    quotes_open: dict[str, bool] = {}
    for segment in reading.segments:
        missing: list[tuple[int, str]] = []
        if segment.kind is PUNCTUATION:
            missing = [
                (offset, source) for offset, source, mark in _punctuation_marks(segment.text, quotes_open) if not mark
            ]
        elif segment.kind is LATIN:
            missing = [
                (offset, char)
                for offset, char in enumerate(segment.text)
                if char.isalpha() and not _plain_letters(char)
            ]
        for offset, char in missing:
            message = _(UNWRITTEN_MESSAGE).format(char=char, code=f"{ord(char[0]):04X}")
            warnings.append(TextWarning(segment.start + offset, char, "no-braille", message, _(FALLBACK_LEFT_OUT)))
    return warnings
