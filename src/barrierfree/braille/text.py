"""What every step of the converter passes on: text read into segments, syllables and warnings.

``pinyin.read(text)`` produces a :class:`Reading`; the Chinese braille writer, the English adapter, the JSON
output and the label maker all consume it. Positions are indexes into the original text (code points), so a
warning or a cell can always be traced back to the character it came from.
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass, field
from typing import NamedTuple

from pypinyin.contrib.tone_convert import to_tone


class SegmentKind(enum.StrEnum):
    """What a run of the input is."""

    HAN = "han"  # Chinese characters: one word of the segmentation (分词连写 keeps a word's syllables together)
    LATIN = "latin"  # a run of Latin letters (English words inside Chinese, drug names, units)
    DIGITS = "digits"  # a number, with its decimal point or separators
    PUNCTUATION = "punctuation"
    SPACE = "space"
    OTHER = "other"  # emoji, symbols, control characters, characters without a reading


class Syllable(NamedTuple):
    """The reading of one Han character (a named tuple: a long text makes one per character, and tuples are cheap).

    ``pinyin`` is lower-case with a tone number, ``v`` for ü and ``5`` for the neutral tone (``lv4``, ``de5``);
    ``marked`` is the same reading with tone marks, as printed above the character (``lǜ``, ``de``).
    """

    char: str
    position: int
    pinyin: str
    marked: str


@dataclass(frozen=True)
class TextWarning:
    """A character the converter could not read as it is, with what it did instead.

    ``code`` is stable for programs (``no-reading``, ``emoji``, ``control``, ``unassigned`` ...); ``message`` is
    for people; ``fallback`` says what was output instead (for example "left out", or the cells used).
    """

    position: int
    char: str
    code: str
    message: str
    fallback: str


class Segment(NamedTuple):
    """A run of the input of one kind; a HAN segment is one word and carries one reading per character.

    ``pinyin`` holds the readings as in :class:`Syllable` (``lv4``, ``de5``); :attr:`syllables` spells them out
    with positions and tone marks. A named tuple, and syllables made on demand: a long text has tens of thousands
    of segments, and the braille writer needs only the readings.
    """

    text: str
    start: int
    kind: SegmentKind
    pinyin: tuple[str, ...] = ()

    @property
    def end(self) -> int:
        """Index just after the segment's last character."""
        return self.start + len(self.text)

    @property
    def syllables(self) -> tuple[Syllable, ...]:
        """Each Han character with its position, reading and tone-marked reading."""
        start = self.start
        return tuple(
            map(Syllable, self.text, range(start, start + len(self.text)), self.pinyin, map(marked, self.pinyin))
        )


@functools.lru_cache(maxsize=4096)  # about 1,600 syllables x 5 tones: every one fits
def marked(pinyin_tone3: str) -> str:
    """The tone-marked form of a TONE3 syllable (``lv4`` -> ``lǜ``, ``de5`` -> ``de``), as printed above a character."""
    return to_tone(pinyin_tone3)


@dataclass
class Reading:
    """A text split into segments, in order, covering every character, with warnings for what had no reading."""

    text: str
    segments: list[Segment] = field(default_factory=list)
    warnings: list[TextWarning] = field(default_factory=list)

    @property
    def syllables(self) -> list[Syllable]:
        """Every Han character's reading, in order."""
        return [syllable for segment in self.segments for syllable in segment.syllables]
