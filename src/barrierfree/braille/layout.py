"""Braille lines of a given width: words are never split unless one is longer than a line.

Rules:

* words are separated by one blank cell; a line never starts or ends with a blank;
* a word that does not fit on the rest of the line moves to the next line;
* a word longer than a whole line starts on a new line and is cut into pieces: each piece but the last ends
  with the continuation sign ⠤ (dots 3-6, 连接号, as Chinese braille marks a word carried over to the next
  line). The cut is made at the last syllable boundary (``BrailleWord.breaks``) that leaves room for ⠤; only a
  stretch without any boundary that fits (a long number or Latin word) is cut between any two cells. The last piece
  is an ordinary word: the next word may follow it on the same line.

``cells_per_line`` must be at least :data:`MIN_CELLS_PER_LINE`: a full syllable (initial, final, tone: three cells)
and the continuation sign.
"""

from __future__ import annotations

from barrierfree.braille import chinese_cells as cc
from barrierfree.braille.cells import BLANK
from barrierfree.braille.chinese import BrailleWord
from barrierfree.braille.errors import InvalidBrailleRequest
from barrierfree.core.i18n import N_, _

MIN_CELLS_PER_LINE = 4
"""Three cells of the longest syllable plus the continuation sign."""

TOO_NARROW_MESSAGE = N_("A braille line needs at least {minimum} cells; {cells} were asked for.")


def _pieces(word: BrailleWord, cells_per_line: int) -> list[list[int]]:
    """A word longer than a line cut into lines, each but the last ending with the continuation sign."""
    cells = list(word.cells)
    breaks = sorted(word.breaks)
    pieces: list[list[int]] = []
    offset = 0
    room = cells_per_line - 1  # one cell for ⠤
    while len(cells) - offset > cells_per_line:
        fitting = [cut for cut in breaks if offset < cut <= offset + room]
        cut = fitting[-1] if fitting else offset + room
        pieces.append([*cells[offset:cut], cc.CONTINUATION])
        offset = cut
    pieces.append(cells[offset:])
    return pieces


def wrap(words: list[BrailleWord], cells_per_line: int) -> list[list[int]]:
    """The words laid out in lines of at most ``cells_per_line`` cells (see the module doc for the rules)."""
    if cells_per_line < MIN_CELLS_PER_LINE:
        raise InvalidBrailleRequest(
            _(TOO_NARROW_MESSAGE).format(minimum=MIN_CELLS_PER_LINE, cells=cells_per_line), field="cells_per_line"
        )
    lines: list[list[int]] = []
    line: list[int] = []
    for word in words:
        if not word.cells:
            continue
        if len(word.cells) > cells_per_line:
            if line:
                lines.append(line)
            pieces = _pieces(word, cells_per_line)
            lines.extend(pieces[:-1])
            line = pieces[-1]
            continue
        needed = len(word.cells) + (1 if line else 0)
        if len(line) + needed > cells_per_line:
            lines.append(line)
            line = []
        if line:
            line.append(BLANK)
        line.extend(word.cells)
    if line:
        lines.append(line)
    return lines
