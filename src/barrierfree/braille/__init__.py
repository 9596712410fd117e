"""The Health Font: Chinese with pinyin, English and braille for medicine packaging.

Chinese text is read into tone-marked pinyin (segmentation, polyphones, a checked lexicon of medicine names),
written in Chinese braille (National Common Braille GF 0019-2018 or Current Braille), English through liblouis
(UEB grade 1 or 2), and laid out on packaging labels at physical size.
"""

from barrierfree.braille.chinese import BrailleWord, ChineseSystem, write_chinese
from barrierfree.braille.english import EnglishGrade, translate_english
from barrierfree.braille.errors import BrailleEngineUnavailable, BrailleError, InvalidBrailleRequest
from barrierfree.braille.pinyin import read
from barrierfree.braille.services import (
    LabelFile,
    OutputFormat,
    Translation,
    make_label,
    read_pinyin,
    render_translation,
    translate,
)
from barrierfree.braille.text import Reading, Segment, SegmentKind, Syllable, TextWarning

__all__ = [
    "BrailleEngineUnavailable",
    "BrailleError",
    "BrailleWord",
    "ChineseSystem",
    "EnglishGrade",
    "InvalidBrailleRequest",
    "LabelFile",
    "OutputFormat",
    "Reading",
    "Segment",
    "SegmentKind",
    "Syllable",
    "TextWarning",
    "Translation",
    "make_label",
    "read",
    "read_pinyin",
    "render_translation",
    "translate",
    "translate_english",
    "write_chinese",
]
