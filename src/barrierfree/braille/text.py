"""What every step of the converter passes on: text read into segments, syllables and warnings.

``pinyin.read(text)`` produces a :class:`Reading`; the Chinese braille writer, the English adapter, the JSON
output and the label maker all consume it. Positions are indexes into the original text (code points), so a
warning or a cell can always be traced back to the character it came from.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class SegmentKind(enum.StrEnum):
    """What a run of the input is."""

    HAN = "han"  # Chinese characters: one word of the segmentation (分词连写 keeps a word's syllables together)
    LATIN = "latin"  # a run of Latin letters (English words inside Chinese, drug names, units)
    DIGITS = "digits"  # a number, with its decimal point or separators
    PUNCTUATION = "punctuation"
    SPACE = "space"
    OTHER = "other"  # emoji, symbols, control characters, characters without a reading


@dataclass(frozen=True)
class Syllable:
    """The reading of one Han character.

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


@dataclass(frozen=True)
class Segment:
    """A run of the input of one kind; a HAN segment is one word and carries one syllable per character."""

    text: str
    start: int
    kind: SegmentKind
    syllables: tuple[Syllable, ...] = ()

    @property
    def end(self) -> int:
        """Index just after the segment's last character."""
        return self.start + len(self.text)


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
