"""What the web page, the API and the command line call: translate, read pinyin, make a label.

Each function checks its input against the limits below and raises :class:`InvalidBrailleRequest` with a message
that says what to change; none of them touches the database (nothing here is stored).
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from typing import Any

from barrierfree.braille import chinese, english, labels, layout, pinyin, profiles
from barrierfree.braille.cells import dots_of, to_brf, to_unicode
from barrierfree.braille.chinese import BrailleWord, ChineseSystem
from barrierfree.braille.english import EnglishGrade
from barrierfree.braille.errors import InvalidBrailleRequest
from barrierfree.braille.text import Reading, TextWarning, marked
from barrierfree.core.i18n import _

MAX_TEXT_CHARS = 20_000
"""Longest text one web or API request may translate (about ten pages of a leaflet)."""
MAX_CLI_TEXT_CHARS = 5_000_000
"""The command line reads files: it allows far more, still bounded so a wrong pipe cannot exhaust memory."""
MAX_NAME_CHARS = 60
"""Longest medicine name on a label: more does not fit a pack at a legible size."""
DEFAULT_CELLS_PER_LINE = 0
"""0 keeps each paragraph on one line; embossers and labels pass their line length."""
MAX_CELLS_PER_LINE = 200
JSON_SCHEMA_VERSION = 1


class OutputFormat(enum.StrEnum):
    """How translated braille is written out."""

    UNICODE = "unicode"
    BRF = "brf"
    JSON = "json"


class LabelFormat(enum.StrEnum):
    """Label file types."""

    SVG = "svg"
    PDF = "pdf"


LABEL_MEDIA_TYPES = {LabelFormat.SVG: "image/svg+xml", LabelFormat.PDF: "application/pdf"}


@dataclass
class Translation:
    """A text read and written in braille, wrapped into lines of cells."""

    reading: Reading
    words: list[BrailleWord]
    system: ChineseSystem
    grade: EnglishGrade
    lines: list[list[int]]
    warnings: list[TextWarning]


@dataclass(frozen=True)
class LabelFile:
    """A rendered label with its media type and a file name to save it under."""

    content: bytes
    media_type: str
    filename: str


def _choice(enum_type: type[enum.StrEnum], value: str, field: str) -> Any:
    try:
        return enum_type(value.strip().lower())
    except ValueError:
        names = ", ".join(member.value for member in enum_type)
        raise InvalidBrailleRequest(
            _("Unknown format “{value}”: choose one of {names}.").format(value=value[:40], names=names), field=field
        ) from None


def _checked_text(text: str, max_chars: int) -> str:
    if not text.strip():
        raise InvalidBrailleRequest(_("Enter some text to convert."), field="text")
    if len(text) > max_chars:
        raise InvalidBrailleRequest(
            _("The text has {n} characters; at most {max} can be converted at once. Split it into parts.").format(
                n=len(text), max=max_chars
            ),
            field="text",
        )
    return text


def parse_format(value: str) -> OutputFormat:
    """``"brf"`` -> OutputFormat.BRF, with a clear error listing the formats."""
    output_format: OutputFormat = _choice(OutputFormat, value, "format")
    return output_format


def translate(
    text: str,
    *,
    system: str = ChineseSystem.GF2018.value,
    english_grade: str = EnglishGrade.UEB2.value,
    cells_per_line: int = DEFAULT_CELLS_PER_LINE,
    max_chars: int = MAX_TEXT_CHARS,
) -> Translation:
    """Chinese (and English inside it) to braille: pinyin reading, then Chinese braille, English by liblouis."""
    text = _checked_text(text, max_chars)
    chinese_system = chinese.parse_system(system)
    grade = english.parse_grade(english_grade)
    if not 0 <= cells_per_line <= MAX_CELLS_PER_LINE:
        raise InvalidBrailleRequest(
            _("Cells per line must be between {min} and {max} (0 keeps paragraphs on one line).").format(
                min=layout.MIN_CELLS_PER_LINE, max=MAX_CELLS_PER_LINE
            ),
            field="cells_per_line",
        )
    reading = pinyin.read(text)
    words = chinese.write_chinese(
        reading, chinese_system, english=lambda latin: english.translate_english(latin, grade)
    )
    lines = layout.wrap(words, cells_per_line) if cells_per_line else [chinese.to_cells(words)]
    warnings = sorted([*reading.warnings, *chinese.unwritten(reading)], key=lambda warning: warning.position)
    return Translation(reading=reading, words=words, system=chinese_system, grade=grade, lines=lines, warnings=warnings)


def render_translation(translation: Translation, output_format: OutputFormat) -> str:
    """The translation as Unicode braille or BRF (one line per line of cells) or as aligned JSON."""
    if output_format is OutputFormat.JSON:
        return json.dumps(translation_document(translation), ensure_ascii=False, indent=1)
    write = to_unicode if output_format is OutputFormat.UNICODE else to_brf
    return "\n".join(write(line) for line in translation.lines)


def _warnings(warnings: list[TextWarning]) -> list[dict[str, Any]]:
    return [
        {"position": w.position, "char": w.char, "code": w.code, "message": w.message, "fallback": w.fallback}
        for w in warnings
    ]


def translation_document(translation: Translation) -> dict[str, Any]:
    """What a font or a screen needs: every word with its pinyin and cells, aligned to the input by position."""
    return {
        "schema_version": JSON_SCHEMA_VERSION,
        "text": translation.reading.text,
        "system": translation.system.value,
        "english": translation.grade.value,
        "braille": "\n".join(to_unicode(line) for line in translation.lines),
        "words": [
            {
                "text": word.text,
                "start": word.start,
                "end": word.start + len(word.text),
                "pinyin": list(word.pinyin),
                "marked": [marked(syllable) for syllable in word.pinyin],
                "braille": to_unicode(list(word.cells)),
                "dots": [dots_of(cell) for cell in word.cells],
            }
            for word in translation.words
        ],
        "characters": pinyin_document(translation.reading)["characters"],
        "warnings": _warnings(translation.warnings),
    }


def read_pinyin(text: str, *, max_chars: int = MAX_TEXT_CHARS) -> Reading:
    """Tone-marked pinyin for Chinese text, word by word."""
    return pinyin.read(_checked_text(text, max_chars))


def pinyin_text(reading: Reading) -> str:
    """Words of tone-marked pinyin separated by spaces; text that is not Chinese is kept as it is."""
    parts = []
    for segment in reading.segments:
        if segment.pinyin:
            parts.append("".join(map(marked, segment.pinyin)))
        elif segment.text.strip():
            parts.append(segment.text)
    return " ".join(parts)


def pinyin_document(reading: Reading) -> dict[str, Any]:
    """Every Han character with its reading, and the words, as JSON-ready data."""
    return {
        "schema_version": JSON_SCHEMA_VERSION,
        "text": reading.text,
        "pinyin": pinyin_text(reading),
        "characters": [
            {"char": s.char, "position": s.position, "pinyin": s.pinyin, "marked": s.marked} for s in reading.syllables
        ],
        "words": [
            {"text": segment.text, "start": segment.start, "kind": segment.kind.value}
            for segment in reading.segments
            if segment.text.strip()
        ],
        "warnings": _warnings(reading.warnings),
    }


def make_label(
    zh_name: str,
    en_name: str = "",
    *,
    profile: str = profiles.DEFAULT_PROFILE,
    label_format: str = LabelFormat.SVG.value,
    dots_only: bool = False,
    system: str = ChineseSystem.GF2018.value,
) -> LabelFile:
    """A packaging label: the Chinese name with pinyin above each character, the English name, and braille."""
    zh_name = zh_name.strip()
    en_name = en_name.strip()
    if not zh_name:
        raise InvalidBrailleRequest(_("Enter the medicine's Chinese name."), field="zh")
    for field, value in (("zh", zh_name), ("en", en_name)):
        if len(value) > MAX_NAME_CHARS:
            raise InvalidBrailleRequest(
                _("A name on a label may have at most {max} characters.").format(max=MAX_NAME_CHARS), field=field
            )
    fmt = _choice(LabelFormat, label_format, "label_format")
    label_profile = profiles.get_profile(profile)
    text = f"{zh_name} {en_name}".strip()
    translation = translate(text, system=system, cells_per_line=label_profile.cells_per_line)
    reading = pinyin.read(zh_name)
    marks: dict[int, str] = {s.position: s.marked for s in reading.syllables}
    content = labels.LabelContent(
        zh_name=zh_name,
        pinyin=tuple(marks.get(position, "") for position in range(len(zh_name))),
        en_name=en_name or None,
        braille_lines=tuple(tuple(line) for line in translation.lines),
    )
    if fmt is LabelFormat.SVG:
        data = labels.render_svg(content, label_profile, dots_only=dots_only).encode("utf-8")
    else:
        data = labels.render_pdf(content, label_profile, dots_only=dots_only)
    suffix = "-dots" if dots_only else ""
    return LabelFile(content=data, media_type=LABEL_MEDIA_TYPES[fmt], filename=f"label{suffix}.{fmt.value}")
