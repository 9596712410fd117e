"""Named size profiles for braille on packaging labels: where every dot goes, in millimetres.

A profile fixes the physical braille grid (dot base diameter, dot height, dot spacing inside a cell, cell-to-cell
and line-to-line distance) and the print around it (margins, font sizes). All distances are between dot
*centres*: ``cell_spacing_mm`` is dot 1 of one cell to dot 1 of the next, ``line_spacing_mm`` dot 1 of one line
to dot 1 of the next.

Sources, and how far each figure was verified (public standards text is paywalled; what could be read is cited):

``marburg-medium`` (the default; the braille type EN 15823:2010 / ISO 17351:2013 ask for on medicine packs)
    - Dot spacing 2.5 mm (horizontal and vertical), cell spacing 6.0 mm, line spacing 10.0 mm, dot base
      diameter 1.3-1.6 mm: the Marburg Medium specification as restated by the font maker Kentype
      (https://kentype.pl/?menu=30&group=mix&article=176, "PharmaBraille ... Marburg Medium") and, for
      2.5 / 2.5 / 6.0 / 10.0 (+0.0/-0.1) mm, by the packaging printer plm's braille sheet
      (https://br.doczz.net/doc/1264093/blindenschrift). The blista (Marburg) data sheet that defines Marburg
      Medium is only available by e-mail and was NOT read; the diameter 1.5 mm we use is the middle of the
      quoted 1.3-1.6 mm range, not a single figure from the standard.
    - Dot height 0.20 mm: ISO 17351:2013 (content-identical to EN 15823/DIN 32986 for this figure), quoted by
      in-situ GmbH (https://in-situ.de/de/blog/normen-definitionen-braille-pruefung): "the target Braille cell
      dot height shall be 0.20 mm", no more than 5 % of measurements below 0.12 mm. Verified as a quotation,
      not against the standard itself.

``gbt-15720`` (GB/T 15720-2008 《中国盲文》, Annex A "盲符的技术参数", normative)
    - NOT verified: the table of contents (which names Annex A) was readable, the annex itself was not found
      in any public copy we could search. The figures used are the ones common in Chinese braille
      printing and restated without attribution in public code (2.5 mm dot spacing, 6.0 mm cell spacing,
      10.0 mm line spacing, dot diameter 1.2-1.5 mm, dot height 0.4-0.6 mm): we take 1.5 mm and 0.5 mm.
      Check them against a purchased copy of the standard before relying on this profile for production.

``custom``: any figures inside the sane ranges below (:data:`LIMITS`), checked by :func:`custom_profile`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from typing import Any, Final

from barrierfree.braille.errors import InvalidBrailleRequest
from barrierfree.core.i18n import _

MARBURG_MEDIUM: Final = "marburg-medium"
GBT_15720: Final = "gbt-15720"
CUSTOM: Final = "custom"
DEFAULT_PROFILE: Final = MARBURG_MEDIUM

# Sane ranges (inclusive) for every number a profile holds. They are wide enough for every braille standard
# we know of (US signage, UK, Japan, EN 15823, GB/T 15720) and narrow enough to refuse typos (25 for 2.5).
LIMITS: Final[dict[str, tuple[float, float]]] = {
    "dot_diameter_mm": (0.8, 2.5),
    "dot_height_mm": (0.05, 1.5),
    "dot_spacing_mm": (1.8, 4.0),
    "cell_spacing_mm": (4.0, 12.0),
    "line_spacing_mm": (6.0, 20.0),
    "cells_per_line": (1, 60),
    "margin_mm": (0.0, 50.0),
    "zh_font_size_mm": (2.0, 30.0),
    "pinyin_font_size_mm": (1.5, 20.0),
    "en_font_size_mm": (1.5, 20.0),
}
# The smallest clear gap (mm) between the edges of two dots: below it dots merge to the touch.
MIN_DOT_GAP_MM: Final = 0.3
DOT_ROWS: Final = 3  # a six-dot cell is three rows high; the gaps between cells and lines are checked on it


@dataclass(frozen=True)
class LabelProfile:
    """The physical braille grid and print sizes of a label; every figure in millimetres, checked on creation."""

    name: str
    dot_diameter_mm: float
    dot_height_mm: float
    dot_spacing_mm: float
    cell_spacing_mm: float
    line_spacing_mm: float
    cells_per_line: int = 20
    margin_mm: float = 5.0
    zh_font_size_mm: float = 6.0
    pinyin_font_size_mm: float = 3.0
    en_font_size_mm: float = 3.5
    source: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        """Refuse a profile whose dots would be unreadable or overlap (see :func:`check_dimensions`)."""
        check_dimensions({f.name: getattr(self, f.name) for f in fields(self) if f.name in LIMITS})

    @property
    def dot_radius_mm(self) -> float:
        """Half the dot base diameter: the radius of the circles that are drawn."""
        return self.dot_diameter_mm / 2

    def as_dict(self) -> dict[str, object]:
        """The profile as JSON-able data (for the dot report and the API)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def check_dimensions(dims: dict[str, object]) -> None:
    """Raise InvalidBrailleRequest naming the first figure that is not a number in its range or breaks the grid."""
    for key, value in dims.items():
        low, high = LIMITS[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidBrailleRequest(_("Label profile value “{key}” must be a number.").format(key=key), field=key)
        if key == "cells_per_line" and not isinstance(value, int):
            raise InvalidBrailleRequest(
                _("Label profile value “{key}” must be a whole number.").format(key=key), field=key
            )
        if not math.isfinite(value) or not low <= value <= high:
            raise InvalidBrailleRequest(
                _("Label profile value “{key}” is {value}; it must be between {low} and {high}.").format(
                    key=key, value=value, low=low, high=high
                ),
                field=key,
            )
    diameter = _number(dims, "dot_diameter_mm")
    spacing = _number(dims, "dot_spacing_mm")
    if spacing - diameter < MIN_DOT_GAP_MM:
        raise InvalidBrailleRequest(
            _(
                "Dots of {diameter} mm at {spacing} mm spacing would touch: leave at least {gap} mm between them."
            ).format(diameter=diameter, spacing=spacing, gap=MIN_DOT_GAP_MM),
            field="dot_spacing_mm",
        )
    cell = _number(dims, "cell_spacing_mm")
    if cell - spacing - diameter < MIN_DOT_GAP_MM:
        raise InvalidBrailleRequest(
            _("Cell spacing {cell} mm is too small for dots {spacing} mm apart: cells would run together.").format(
                cell=cell, spacing=spacing
            ),
            field="cell_spacing_mm",
        )
    line = _number(dims, "line_spacing_mm")
    if line - (DOT_ROWS - 1) * spacing - diameter < MIN_DOT_GAP_MM:
        raise InvalidBrailleRequest(
            _("Line spacing {line} mm is too small for dots {spacing} mm apart: lines would run together.").format(
                line=line, spacing=spacing
            ),
            field="line_spacing_mm",
        )


def _number(dims: dict[str, object], key: str) -> float:
    """A figure already checked to be a finite number, as float."""
    value = dims[key]
    assert isinstance(value, int | float)
    return float(value)


PROFILES: Final[dict[str, LabelProfile]] = {
    MARBURG_MEDIUM: LabelProfile(
        name=MARBURG_MEDIUM,
        dot_diameter_mm=1.5,
        dot_height_mm=0.2,
        dot_spacing_mm=2.5,
        cell_spacing_mm=6.0,
        line_spacing_mm=10.0,
        source="Marburg Medium (EN 15823:2010, ISO 17351:2013); see barrierfree.braille.profiles",
    ),
    GBT_15720: LabelProfile(
        name=GBT_15720,
        dot_diameter_mm=1.5,
        dot_height_mm=0.5,
        dot_spacing_mm=2.5,
        cell_spacing_mm=6.0,
        line_spacing_mm=10.0,
        source="GB/T 15720-2008 Annex A (figures not verified against the standard text)",
    ),
}


def profile_names() -> list[str]:
    """The names :func:`get_profile` accepts, the default first."""
    return [DEFAULT_PROFILE, *sorted(name for name in PROFILES if name != DEFAULT_PROFILE)]


def get_profile(name: str | None = None) -> LabelProfile:
    """The named profile (case-insensitive, ``_`` or ``-``); None is the default, Marburg Medium."""
    if name is None:
        return PROFILES[DEFAULT_PROFILE]
    key = name.strip().lower().replace("_", "-")
    if key in PROFILES:
        return PROFILES[key]
    raise InvalidBrailleRequest(
        _("Unknown label profile “{name}”. Choose one of: {names}, or give custom dimensions.").format(
            name=name[:40], names=", ".join(profile_names())
        ),
        field="profile",
    )


def custom_profile(base: str | None = None, /, **dims: float) -> LabelProfile:
    """A profile from user-given dimensions (mm), the rest taken from ``base`` (default Marburg Medium), checked."""
    allowed = sorted(LIMITS)
    unknown = sorted(set(dims) - set(allowed))
    if unknown:
        raise InvalidBrailleRequest(
            _("Unknown label dimension “{key}”. Known dimensions: {known}.").format(
                key=unknown[0][:40], known=", ".join(allowed)
            ),
            field=unknown[0][:40],
        )
    start = get_profile(base)
    values: dict[str, object] = {key: getattr(start, key) for key in LIMITS}
    values.update(dims)
    check_dimensions(values)
    changes: dict[str, Any] = {**dims, "name": CUSTOM, "source": "custom dimensions"}
    return replace(start, **changes)
