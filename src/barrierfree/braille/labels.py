"""Packaging labels: the Chinese name with pinyin above each character, the English name and braille at size.

One layout, computed only from the profile's figures and the content, feeds every output, so the full label, the
dots-only layer (for embossing dies or tactile varnish) and the dot report are in registration by construction:
the same page size, the same origin (top-left corner, x to the right, y down, millimetres) and the same dot
centres.

- SVG: ``viewBox`` in millimetres and ``width``/``height`` with ``mm`` units; text stays text with a list of
  font-family fallbacks (nothing is embedded or downloaded); ``role="img"`` with ``<title>``/``<desc>`` giving
  the Chinese, the pinyin, the English and the braille as Unicode.
- PDF: drawn with cairo (PyPI ``cairocffi`` over Debian ``libcairo2``), which embeds a subset of the CFF-based
  Noto Sans CJK collection (Debian ``fonts-noto-cjk``) with a ToUnicode map, so the text can be searched and
  extracted. A character Noto Sans CJK SC lacks is drawn with DejaVu Sans (Debian ``fonts-dejavu-core``: Arabic,
  Hebrew, braille patterns, many symbols and emoji in outline); a character neither font has (for example
  CJK Extension B and later ideographs, most emoji sequences) is drawn as the font's empty box. It is still in
  the SVG as text and in the accessible description.
- Text widths are estimated (an ideograph is 1 em, other characters :data:`NARROW_EM` em), not measured, so that
  SVG and PDF share one layout; text is centred on its column, so estimates only change the spacing.
- Characters XML cannot hold (control characters other than tab and line breaks, lone surrogates, U+FFFE/FFFF)
  are printed as U+FFFD; tabs and line breaks become spaces. Positions are kept one for one, so pinyin still
  lines up with its character.
"""

from __future__ import annotations

import functools
import hashlib
import io
import math
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from barrierfree.braille.cells import dots_of, to_unicode
from barrierfree.braille.errors import BrailleEngineUnavailable, InvalidBrailleRequest
from barrierfree.braille.profiles import LabelProfile
from barrierfree.core.i18n import _, current_language

if TYPE_CHECKING:
    from barrierfree.braille.text import Reading

MAX_NAME_CHARS: Final = 200
MAX_PINYIN_CHARS: Final = 16  # the longest tone-marked syllable is 6 letters; room for erhua and odd input
MAX_BRAILLE_LINES: Final = 20
MAX_CELL: Final = 0xFF

MM_PER_INCH: Final = 25.4
PT_PER_INCH: Final = 72.0
PT_PER_MM: Final = PT_PER_INCH / MM_PER_INCH
COORD_DECIMALS: Final = 4  # 0.1 µm: far below any printing or embossing tolerance

NARROW_EM: Final = 0.6  # estimated advance of a non-wide character (Latin, pinyin) in em
COLUMN_GAP_EM: Final = 0.15  # space between two character columns, in em of the Chinese font
PINYIN_ASCENT_EM: Final = 1.0  # tone marks sit above the x-height: a full em from the top of the band
PINYIN_TO_HAN_EM: Final = 0.35  # from the pinyin baseline to the top of the characters, in em of pinyin
HAN_ASCENT_EM: Final = 0.88  # Noto Sans CJK: ideographs rise 0.88 em above the baseline ...
HAN_DESCENT_EM: Final = 0.12  # ... and go 0.12 em below it
ROW_GAP_EM: Final = 0.3  # between two rows of a wrapped Chinese name, in em of the Chinese font
EN_ASCENT_EM: Final = 0.95
EN_LINE_EM: Final = 1.3
TEXT_TO_BRAILLE_MM: Final = 4.0  # clear space between print and the braille block
MIN_TEXT_WIDTH_MM: Final = 40.0  # text may wrap only once it is this wide, even for a one-cell braille block
MIN_LABEL_SIDE_MM: Final = 10.0
OUTLINE_STROKE_MM: Final = 0.1

TEXT_COLOUR: Final = "#000000"
DOT_COLOUR: Final = "#000000"
OUTLINE_COLOUR: Final = "#808080"
FONT_FAMILIES: Final = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "PingFang SC",
    "Microsoft YaHei",
    "WenQuanYi Micro Hei",
    "DejaVu Sans",
)
PDF_PRIMARY_FONT: Final = "Noto Sans CJK SC"  # Debian fonts-noto-cjk
PDF_FALLBACK_FONT: Final = "DejaVu Sans"  # Debian fonts-dejavu-core
FONT_PROBE: Final = "中"

SVG_NS: Final = "http://www.w3.org/2000/svg"
REPLACEMENT: Final = "\ufffd"
# Dot number -> (column, row) in the cell; dots 7 and 8 are the fourth row of eight-dot braille.
DOT_GRID: Final[dict[int, tuple[int, int]]] = {
    1: (0, 0),
    2: (0, 1),
    3: (0, 2),
    4: (1, 0),
    5: (1, 1),
    6: (1, 2),
    7: (0, 3),
    8: (1, 3),
}
SIX_DOT_ROWS: Final = 3
EIGHT_DOT_MASK: Final = 0xC0


@dataclass(frozen=True)
class LabelContent:
    """What a label says: the Chinese name, one pinyin per character ("" for non-Han), English, braille lines."""

    zh_name: str
    pinyin: tuple[str, ...]
    en_name: str | None = None
    braille_lines: tuple[tuple[int, ...], ...] = ()

    def __post_init__(self) -> None:
        """Refuse content that cannot be laid out: mismatched pinyin, oversize names, cells that are not cells."""
        if len(self.zh_name) > MAX_NAME_CHARS or len(self.en_name or "") > MAX_NAME_CHARS:
            raise InvalidBrailleRequest(
                _("A label name may have at most {n} characters.").format(n=MAX_NAME_CHARS), field="name"
            )
        if len(self.pinyin) != len(self.zh_name):
            raise InvalidBrailleRequest(
                _("Give one pinyin per character of the Chinese name ({n}), not {m}; use “” for non-Han.").format(
                    n=len(self.zh_name), m=len(self.pinyin)
                ),
                field="pinyin",
            )
        if any(not isinstance(item, str) or len(item) > MAX_PINYIN_CHARS for item in self.pinyin):
            raise InvalidBrailleRequest(
                _("Each pinyin must be a syllable of at most {n} letters.").format(n=MAX_PINYIN_CHARS), field="pinyin"
            )
        if len(self.braille_lines) > MAX_BRAILLE_LINES:
            raise InvalidBrailleRequest(
                _("A label may have at most {n} lines of braille.").format(n=MAX_BRAILLE_LINES), field="braille"
            )
        for line in self.braille_lines:
            for cell in line:
                if isinstance(cell, bool) or not isinstance(cell, int) or not 0 <= cell <= MAX_CELL:
                    raise InvalidBrailleRequest(
                        _("“{cell}” is not a braille cell (a number from 0 to 255).").format(cell=str(cell)[:20]),
                        field="braille",
                    )


@dataclass(frozen=True)
class DotPosition:
    """One raised dot: its line, cell (0-based) and dot number (1-8), and its centre in mm from the top-left."""

    line: int
    cell: int
    dot: int
    x_mm: float
    y_mm: float

    def as_dict(self) -> dict[str, int | float]:
        """The dot as JSON-able data."""
        return {"line": self.line, "cell": self.cell, "dot": self.dot, "x_mm": self.x_mm, "y_mm": self.y_mm}


@dataclass(frozen=True)
class _Text:
    """One piece of print: a baseline point, how it is anchored, its size and what it is."""

    x: float
    y: float
    text: str
    size: float
    role: str  # "zh", "pinyin" or "en"
    anchor: str  # "start" or "middle"


@dataclass(frozen=True)
class _Layout:
    """Everything the renderers draw, in millimetres from the top-left corner."""

    width: float
    height: float
    texts: tuple[_Text, ...]
    dots: tuple[DotPosition, ...]


LANG_OF_ROLE: Final = {"zh": "zh-Hans", "pinyin": "zh-Latn-pinyin", "en": "en"}


def pinyin_for(reading: Reading) -> tuple[str, ...]:
    """One tone-marked pinyin per character of ``reading.text`` ("" where the character has no reading)."""
    marked = [""] * len(reading.text)
    for syllable in reading.syllables:
        if 0 <= syllable.position < len(marked):
            marked[syllable.position] = syllable.marked
    return tuple(marked)


def printable(text: str) -> str:
    """``text`` with every character XML 1.0 cannot hold replaced one for one (tab, CR, LF become spaces)."""
    return "".join(_printable_char(char) for char in text)


def _printable_char(char: str) -> str:
    """The character itself, a space for tab/CR/LF, or U+FFFD for what XML refuses."""
    if char in "\t\r\n":
        return " "
    code = ord(char)
    allowed = code >= 0x20 and not 0xD800 <= code <= 0xDFFF and code not in (0xFFFE, 0xFFFF)
    return char if allowed else REPLACEMENT


def _is_wide(char: str) -> bool:
    """East Asian wide or full-width characters take a full em."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def _is_joining(char: str) -> bool:
    """Marks, joiners and variation selectors belong to the character before them."""
    return (
        unicodedata.category(char) in ("Mn", "Mc", "Me")
        or char in "\u200d\ufe0e\ufe0f"
        or (0xE0100 <= ord(char) <= 0xE01EF)
    )


def _clusters(zh_name: str, pinyin: Sequence[str]) -> Iterator[tuple[str, str]]:
    """The name as (characters, pinyin) clusters: a base character with its marks keeps one column."""
    text, reading = "", ""
    previous = ""
    for char, syllable in zip(zh_name, pinyin, strict=True):
        if text and (_is_joining(char) or previous == "\u200d"):
            text += char
        else:
            if text:
                yield text, reading
            text, reading = char, printable(syllable).strip()
        previous = char
    if text:
        yield text, reading


def _estimate(text: str, size: float) -> float:
    """Estimated advance (mm) of ``text`` at font size ``size`` mm."""
    return sum(0.0 if _is_joining(char) else (1.0 if _is_wide(char) else NARROW_EM) for char in text) * size


def _wrap_words(text: str, size: float, width: float) -> list[str]:
    """Greedy word wrap by estimated width; a word longer than a line is cut between characters."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if not current or _estimate(candidate, size) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
        while _estimate(current, size) > width and len(current) > 1:
            cut = len(current) - 1
            while cut > 1 and _estimate(current[:cut], size) > width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    return lines


def _braille_width(cells: int, profile: LabelProfile) -> float:
    """Width (mm) from the left edge of the first dot to the right edge of the last column of ``cells`` cells."""
    if cells == 0:
        return 0.0
    return (cells - 1) * profile.cell_spacing_mm + profile.dot_spacing_mm + profile.dot_diameter_mm


def _units(clusters: list[tuple[str, str]], profile: LabelProfile) -> list[list[tuple[str, str, float]]]:
    """Columns (text, pinyin, advance) grouped into what must not be split across rows.

    A Latin word stays whole; closing punctuation never starts a row and opening punctuation never ends one.
    """
    zh, py = profile.zh_font_size_mm, profile.pinyin_font_size_mm
    units: list[list[tuple[str, str, float]]] = []
    for text, reading in clusters:
        column = (text, reading, max(_estimate(text, zh), _estimate(reading, py)) + COLUMN_GAP_EM * zh)
        previous = units[-1][-1] if units else None
        joins = previous is not None and (
            unicodedata.category(text[0]) in ("Pe", "Pf", "Po")
            or (len(units[-1]) == 1 and unicodedata.category(previous[0][0]) in ("Ps", "Pi"))
            or (_in_word(text, reading) and _in_word(previous[0], previous[1]))
        )
        if joins:
            units[-1].append(column)
        else:
            units.append([column])
    return units


def _in_word(text: str, reading: str) -> bool:
    """A narrow character without a reading, not a space: part of a Latin word or a number."""
    return not reading and not text.isspace() and not _is_wide(text[0])


def _layout_name(content: LabelContent, profile: LabelProfile, top: float, width: float) -> tuple[list[_Text], float]:
    """Rows of character columns, pinyin centred above each; returns the texts and the y below the last row."""
    zh, py = profile.zh_font_size_mm, profile.pinyin_font_size_mm
    clusters = list(_clusters(printable(content.zh_name), content.pinyin))
    if not clusters:
        return [], top
    rows: list[list[tuple[str, str, float]]] = [[]]
    used = 0.0
    for unit in _units(clusters, profile):
        unit_width = sum(column[2] for column in unit)
        if rows[-1] and used + unit_width > width:
            rows.append([])
            used = 0.0
        for column in unit:
            if rows[-1] and used + column[2] > width:  # only a unit wider than a whole row is cut
                rows.append([])
                used = 0.0
            rows[-1].append(column)
            used += column[2]
    texts: list[_Text] = []
    y = top
    for index, row in enumerate(rows):
        if index:
            y += ROW_GAP_EM * zh
        band = (PINYIN_ASCENT_EM + PINYIN_TO_HAN_EM) * py if any(reading for _t, reading, _a in row) else 0.0
        pinyin_y = y + PINYIN_ASCENT_EM * py
        han_y = y + band + HAN_ASCENT_EM * zh
        above: list[_Text] = []  # the row's pinyin comes first, so PDF text extracts line by line
        line: list[_Text] = []
        x = profile.margin_mm
        run, run_x = "", x
        for text, reading, advance in row:
            if reading:
                if run.strip():
                    line.append(_Text(run_x, han_y, run, zh, "zh", "start"))
                run = ""
                centre = x + advance / 2
                above.append(_Text(centre, pinyin_y, reading, py, "pinyin", "middle"))
                line.append(_Text(centre, han_y, text, zh, "zh", "middle"))
            else:
                if not run:
                    run_x = x + COLUMN_GAP_EM * zh / 2
                run += text
            x += advance
        if run.strip():
            line.append(_Text(run_x, han_y, run, zh, "zh", "start"))
        texts += above + line
        y += band + (HAN_ASCENT_EM + HAN_DESCENT_EM) * zh
    return texts, y


def _layout(content: LabelContent, profile: LabelProfile) -> _Layout:
    """Place the print, then the braille block below it; size the label to fit both."""
    longest = max((len(line) for line in content.braille_lines), default=0)
    if longest > profile.cells_per_line:
        raise InvalidBrailleRequest(
            _("A braille line has {n} cells; profile “{profile}” allows {limit} per line.").format(
                n=longest, profile=profile.name, limit=profile.cells_per_line
            ),
            field="braille",
        )
    margin = profile.margin_mm
    text_width = max(_braille_width(profile.cells_per_line, profile), MIN_TEXT_WIDTH_MM)
    texts, y = _layout_name(content, profile, margin, text_width)
    en = profile.en_font_size_mm
    for index, en_line in enumerate(_wrap_words(printable(content.en_name or ""), en, text_width)):
        if index == 0 and texts:
            y += ROW_GAP_EM * profile.zh_font_size_mm
        texts.append(_Text(margin, y + EN_ASCENT_EM * en, en_line, en, "en", "start"))
        y += EN_LINE_EM * en
    dots: list[DotPosition] = []
    bottom = y
    if content.braille_lines:
        radius, spacing = profile.dot_radius_mm, profile.dot_spacing_mm
        x0 = margin + radius
        y0 = (y + TEXT_TO_BRAILLE_MM if texts else margin) + radius
        for line_index, line in enumerate(content.braille_lines):
            for cell_index, cell in enumerate(line):
                for dot in (int(digit) for digit in dots_of(cell) if digit != "0"):
                    column, row = DOT_GRID[dot]
                    dots.append(
                        DotPosition(
                            line=line_index,
                            cell=cell_index,
                            dot=dot,
                            x_mm=round(x0 + cell_index * profile.cell_spacing_mm + column * spacing, COORD_DECIMALS),
                            y_mm=round(y0 + line_index * profile.line_spacing_mm + row * spacing, COORD_DECIMALS),
                        )
                    )
        last = content.braille_lines[-1]
        rows = SIX_DOT_ROWS + (1 if any(cell & EIGHT_DOT_MASK for cell in last) else 0)
        bottom = y0 + (len(content.braille_lines) - 1) * profile.line_spacing_mm + (rows - 1) * spacing + radius
    text_right = max((_text_right(text) for text in texts), default=0.0)
    width = max(text_right + margin, margin + _braille_width(longest, profile) + margin, MIN_LABEL_SIDE_MM)
    height = max(bottom + margin, MIN_LABEL_SIDE_MM)
    return _Layout(
        width=round(width, COORD_DECIMALS), height=round(height, COORD_DECIMALS), texts=tuple(texts), dots=tuple(dots)
    )


def _text_right(text: _Text) -> float:
    """Estimated right edge of a piece of print."""
    advance = _estimate(text.text, text.size)
    return text.x + (advance / 2 if text.anchor == "middle" else advance)


def dot_positions(content: LabelContent, profile: LabelProfile) -> list[DotPosition]:
    """Every raised dot's centre, line by line and cell by cell, in mm from the label's top-left corner."""
    return list(_layout(content, profile).dots)


def dot_report(content: LabelContent, profile: LabelProfile) -> dict[str, Any]:
    """The dot positions with the label size and the profile, as JSON-able data for the embossing die maker."""
    layout = _layout(content, profile)
    return {
        "profile": profile.as_dict(),
        "label_width_mm": layout.width,
        "label_height_mm": layout.height,
        "origin": "top-left corner of the label; x to the right, y down; millimetres; dot centres",
        "dot_base_diameter_mm": profile.dot_diameter_mm,
        "dot_height_mm": profile.dot_height_mm,
        "dots": [dot.as_dict() for dot in layout.dots],
    }


def _braille_text(content: LabelContent) -> str:
    """The braille lines as Unicode braille, lines separated by " / "."""
    return " / ".join(to_unicode(list(line)) for line in content.braille_lines)


def _pinyin_text(content: LabelContent) -> str:
    """The readings of the name, space-separated."""
    return " ".join(reading for _text, reading in _clusters(printable(content.zh_name), content.pinyin) if reading)


def describe(content: LabelContent, profile: LabelProfile, *, dots_only: bool = False) -> tuple[str, str]:
    """The accessible title and description of a label (or of its dots-only layer)."""
    zh = printable(content.zh_name)
    if dots_only:
        title = _("Braille dots layer for the label “{zh}”").format(zh=zh)
    else:
        title = _("Medicine label: {zh}").format(zh=zh)
    desc = _(
        "Chinese name: {zh}. Pinyin: {pinyin}. English name: {en}. Braille: {braille}. "
        "Braille size: {profile}, dots {diameter} mm, {spacing} mm apart, cells {cell} mm, lines {line} mm."
    ).format(
        zh=zh,
        pinyin=_pinyin_text(content) or "-",
        en=printable(content.en_name or "") or "-",
        braille=_braille_text(content) or "-",
        profile=profile.name,
        diameter=profile.dot_diameter_mm,
        spacing=profile.dot_spacing_mm,
        cell=profile.cell_spacing_mm,
        line=profile.line_spacing_mm,
    )
    return title, desc


def _num(value: float) -> str:
    """A coordinate for SVG: at most four decimals, no trailing zeros."""
    text = f"{value:.{COORD_DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def render_svg(content: LabelContent, profile: LabelProfile, *, dots_only: bool = False) -> str:
    """The label (or only its dots) as a standalone, accessible SVG document sized in millimetres."""
    layout = _layout(content, profile)
    title, desc = describe(content, profile, dots_only=dots_only)
    digest = hashlib.sha256(repr((content, profile.name, dots_only)).encode("utf-8", "replace")).hexdigest()[:10]
    ident = f"bf-label-{digest}"
    ET.register_namespace("", SVG_NS)
    root = ET.Element(
        f"{{{SVG_NS}}}svg",
        {
            "version": "1.1",
            "width": f"{_num(layout.width)}mm",
            "height": f"{_num(layout.height)}mm",
            "viewBox": f"0 0 {_num(layout.width)} {_num(layout.height)}",
            "role": "img",
            "aria-labelledby": f"{ident}-title {ident}-desc",
            # The title and description are in the reader's language; each <text> carries its own.
            "lang": current_language(),
            "data-profile": profile.name,
            "data-layer": "dots" if dots_only else "label",
        },
    )
    ET.SubElement(root, f"{{{SVG_NS}}}title", {"id": f"{ident}-title"}).text = title
    ET.SubElement(root, f"{{{SVG_NS}}}desc", {"id": f"{ident}-desc"}).text = desc
    if not dots_only:
        inset = OUTLINE_STROKE_MM / 2
        ET.SubElement(
            root,
            f"{{{SVG_NS}}}rect",
            {
                "class": "label-outline",
                "x": _num(inset),
                "y": _num(inset),
                "width": _num(layout.width - OUTLINE_STROKE_MM),
                "height": _num(layout.height - OUTLINE_STROKE_MM),
                "fill": "none",
                "stroke": OUTLINE_COLOUR,
                "stroke-width": _num(OUTLINE_STROKE_MM),
            },
        )
        families = ", ".join(f"'{family}'" for family in FONT_FAMILIES) + ", sans-serif"
        group = ET.SubElement(root, f"{{{SVG_NS}}}g", {"class": "print", "fill": TEXT_COLOUR, "font-family": families})
        for text in layout.texts:
            ET.SubElement(
                group,
                f"{{{SVG_NS}}}text",
                {
                    "class": text.role,
                    "x": _num(text.x),
                    "y": _num(text.y),
                    "font-size": _num(text.size),
                    "text-anchor": text.anchor,
                    "lang": LANG_OF_ROLE[text.role],
                },
            ).text = text.text
    dots = ET.SubElement(root, f"{{{SVG_NS}}}g", {"class": "braille-dots", "fill": DOT_COLOUR})
    radius = _num(profile.dot_radius_mm)
    for dot in layout.dots:
        ET.SubElement(
            dots,
            f"{{{SVG_NS}}}circle",
            {
                "class": "dot",
                "cx": _num(dot.x_mm),
                "cy": _num(dot.y_mm),
                "r": radius,
                "data-line": str(dot.line),
                "data-cell": str(dot.cell),
                "data-dot": str(dot.dot),
            },
        )
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _cairo() -> Any:
    """Import cairocffi (PyPI) over Debian's libcairo2, or say what is missing."""
    try:
        import cairocffi
    except (ImportError, OSError) as error:
        raise BrailleEngineUnavailable(
            _("PDF labels need cairo: install the Debian package libcairo2 and the Python package cairocffi.")
        ) from error
    return cairocffi


@functools.lru_cache(maxsize=4096)
def _has_glyph(family: str, char: str) -> bool:
    """Whether fontconfig's match for ``family`` has a glyph for ``char`` (glyph 0 is the empty box)."""
    cairo = _cairo()
    surface = cairo.RecordingSurface(cairo.CONTENT_COLOR_ALPHA, None)
    context = cairo.Context(surface)
    context.select_font_face(family)
    glyphs = context.get_scaled_font().text_to_glyphs(0, 0, char, False)
    return bool(glyphs) and all(glyph[0] != 0 for glyph in glyphs)


def _font_runs(text: str) -> list[tuple[str, str]]:
    """Split ``text`` into (font family, text) runs: Noto Sans CJK SC where it has the glyph, else DejaVu Sans."""
    runs: list[tuple[str, str]] = []
    for char in text:
        family = PDF_PRIMARY_FONT
        if not _has_glyph(PDF_PRIMARY_FONT, char) and _has_glyph(PDF_FALLBACK_FONT, char):
            family = PDF_FALLBACK_FONT
        if runs and runs[-1][0] == family:
            runs[-1] = (family, runs[-1][1] + char)
        else:
            runs.append((family, char))
    return runs


def _draw_text(context: Any, text: _Text) -> None:
    """Draw one piece of print, font run by font run, anchored as in the SVG."""
    runs = _font_runs(text.text)
    advances = []
    for family, run in runs:
        context.select_font_face(family)
        context.set_font_size(text.size)
        advances.append(context.text_extents(run)[4])
    x = text.x - (sum(advances) / 2 if text.anchor == "middle" else 0.0)
    for (family, run), advance in zip(runs, advances, strict=True):
        context.select_font_face(family)
        context.set_font_size(text.size)
        context.move_to(x, text.y)
        context.show_text(run)
        x += advance


def render_pdf(content: LabelContent, profile: LabelProfile, *, dots_only: bool = False) -> bytes:
    """The label (or only its dots) as a one-page PDF at physical size, CJK text embedded and extractable."""
    cairo = _cairo()
    if not dots_only and not _has_glyph(PDF_PRIMARY_FONT, FONT_PROBE):
        raise BrailleEngineUnavailable(
            _("The Chinese font “{font}” is missing: install the Debian package fonts-noto-cjk.").format(
                font=PDF_PRIMARY_FONT
            )
        )
    layout = _layout(content, profile)
    title, desc = describe(content, profile, dots_only=dots_only)
    buffer = io.BytesIO()
    surface = cairo.PDFSurface(buffer, layout.width * PT_PER_MM, layout.height * PT_PER_MM)
    surface.set_metadata(cairo.PDF_METADATA_TITLE, title)
    surface.set_metadata(cairo.PDF_METADATA_SUBJECT, desc)
    surface.set_metadata(cairo.PDF_METADATA_CREATOR, "barrierfree")
    context = cairo.Context(surface)
    context.scale(PT_PER_MM, PT_PER_MM)
    if not dots_only:
        context.set_source_rgb(*_rgb(OUTLINE_COLOUR))
        context.set_line_width(OUTLINE_STROKE_MM)
        inset = OUTLINE_STROKE_MM / 2
        context.rectangle(inset, inset, layout.width - OUTLINE_STROKE_MM, layout.height - OUTLINE_STROKE_MM)
        context.stroke()
        context.set_source_rgb(*_rgb(TEXT_COLOUR))
        for text in layout.texts:
            _draw_text(context, text)
    context.set_source_rgb(*_rgb(DOT_COLOUR))
    for dot in layout.dots:
        context.new_sub_path()
        context.arc(dot.x_mm, dot.y_mm, profile.dot_radius_mm, 0, math.tau)
        context.close_path()
    context.fill()
    surface.finish()
    return buffer.getvalue()


def _rgb(colour: str) -> tuple[float, float, float]:
    """``#rrggbb`` as cairo's 0..1 floats."""
    return (int(colour[1:3], 16) / 255, int(colour[3:5], 16) / 255, int(colour[5:7], 16) / 255)
