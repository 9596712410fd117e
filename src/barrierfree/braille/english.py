"""English braille, UEB grade 1 (uncontracted) or grade 2 (contracted), through liblouis.

The engine sits behind :class:`EnglishBrailleEngine`, a small protocol, so it can be swapped; the real engine,
:class:`LiblouisEnglish` (Debian ``liblouis20`` with the ``liblouis-data`` tables ``en-ueb-g1.ctb`` and
``en-ueb-g2.ctb``), is the default. Braille is exchanged as cells (dot bit masks, 0 for a blank cell).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Protocol

from barrierfree.braille import _louis
from barrierfree.braille.cells import MAX_DOTS
from barrierfree.braille.errors import InvalidBrailleRequest
from barrierfree.core.i18n import _

MAX_CELL = (1 << MAX_DOTS) - 1  # dots 1-8 all raised


class EnglishGrade(enum.StrEnum):
    """Unified English Braille grade: 1 spells every letter, 2 uses the standard contractions."""

    UEB1 = "ueb1"
    UEB2 = "ueb2"


TABLES: dict[EnglishGrade, str] = {
    EnglishGrade.UEB1: "en-ueb-g1.ctb",
    EnglishGrade.UEB2: "en-ueb-g2.ctb",
}
"""The liblouis table of each grade."""


def parse_grade(name: str) -> EnglishGrade:
    """``"ueb2"`` (any case, spaces ignored) -> EnglishGrade.UEB2; an unknown name is refused with the valid ones."""
    wanted = str(name).strip().lower()
    for grade in EnglishGrade:
        if grade.value == wanted:
            return grade
    valid = ", ".join(grade.value for grade in EnglishGrade)
    raise InvalidBrailleRequest(
        _("Unknown English braille grade “{name}”. Choose one of: {valid}.").format(name=str(name)[:40], valid=valid),
        field="english",
    )


class EnglishBrailleEngine(Protocol):
    """What the converter needs from an English braille engine."""

    def translate(self, text: str, grade: EnglishGrade) -> tuple[int, ...]:
        """Print to cells."""
        ...

    def back_translate(self, cells: Sequence[int], grade: EnglishGrade) -> str:
        """Cells back to print."""
        ...


class LiblouisEnglish:
    """The real engine: liblouis through the private ctypes adapter, loaded on first use."""

    def translate(self, text: str, grade: EnglishGrade) -> tuple[int, ...]:
        """Print to cells with the grade's UEB table."""
        return _louis.engine().translate_cells(text, TABLES[grade])

    def back_translate(self, cells: Sequence[int], grade: EnglishGrade) -> str:
        """Cells back to print with the grade's UEB table."""
        return _louis.engine().back_translate_cells(cells, TABLES[grade])


DEFAULT_ENGINE: EnglishBrailleEngine = LiblouisEnglish()


def translate_english(
    text: str, grade: EnglishGrade = EnglishGrade.UEB2, *, engine: EnglishBrailleEngine | None = None
) -> tuple[int, ...]:
    """English text as UEB cells (a blank cell for each space), for the braille line of a label or a display."""
    return (engine or DEFAULT_ENGINE).translate(text, parse_grade(grade))


def back_translate_english(
    cells: Sequence[int], grade: EnglishGrade = EnglishGrade.UEB2, *, engine: EnglishBrailleEngine | None = None
) -> str:
    """UEB cells back to English print, to check a translation or read a braille input."""
    for position, cell in enumerate(cells):
        if not isinstance(cell, int) or not 0 <= cell <= MAX_CELL:
            raise InvalidBrailleRequest(
                _("Cell {n} (“{cell}”) is not a braille cell (an integer 0-255).").format(
                    n=position + 1, cell=str(cell)[:20]
                ),
                field="braille",
            )
    return (engine or DEFAULT_ENGINE).back_translate(cells, parse_grade(grade))
