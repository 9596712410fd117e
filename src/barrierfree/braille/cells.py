"""Braille cells: dot numbers, Unicode braille (U+2800) and BRF, the North American ASCII braille of embossers.

A cell is an int bit mask: dot n is bit n - 1 (dots 1-8), exactly as in Unicode's braille block, so a cell's
Unicode character is ``chr(0x2800 + cell)``. A blank cell (0) is a space between words.
"""

from __future__ import annotations

from barrierfree.braille.errors import InvalidBrailleRequest

UNICODE_BASE = 0x2800
BLANK = 0
MAX_DOTS = 8

# North American ASCII braille (the BRF files embossers read): the character for each six-dot cell, 0..63.
_BRF = " A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)="
_CELL_OF_BRF = {char: cell for cell, char in enumerate(_BRF)}


def cell_from_dots(dots: str) -> int:
    """``"1245"`` -> the cell with dots 1, 2, 4 and 5 raised; ``"0"`` or ``""`` is the blank cell."""
    cell = 0
    for digit in dots:
        if digit == "0":
            continue
        if not digit.isdigit() or not 1 <= int(digit) <= MAX_DOTS:
            raise InvalidBrailleRequest(f"“{dots}” is not a list of braille dot numbers 1-8.", field="dots")
        cell |= 1 << (int(digit) - 1)
    return cell


def dots_of(cell: int) -> str:
    """The raised dots of a cell as digits, ``"0"`` for a blank cell: 27 -> ``"1245"``."""
    return "".join(str(n) for n in range(1, MAX_DOTS + 1) if cell & (1 << (n - 1))) or "0"


def to_unicode(cells: list[int]) -> str:
    """Cells as Unicode braille patterns (U+2800 is the blank cell)."""
    return "".join(chr(UNICODE_BASE + cell) for cell in cells)


def from_unicode(text: str) -> list[int]:
    """Unicode braille patterns back to cells; a space counts as a blank cell, anything else is refused."""
    cells = []
    for position, char in enumerate(text):
        if char == " ":
            cells.append(BLANK)
        elif UNICODE_BASE <= ord(char) <= UNICODE_BASE + 0xFF:
            cells.append(ord(char) - UNICODE_BASE)
        else:
            raise InvalidBrailleRequest(
                f"Character {position + 1} (“{char}”) is not a braille pattern (U+2800-U+28FF).", field="braille"
            )
    return cells


def to_brf(cells: list[int]) -> str:
    """Cells as BRF characters. Dots 7 and 8 have no BRF form: they are dropped (six-dot embossers)."""
    return "".join(_BRF[cell & 0x3F] for cell in cells)


def from_brf(text: str) -> list[int]:
    """BRF characters back to cells (lower-case letters are read as upper-case, as embossers do)."""
    cells = []
    for position, char in enumerate(text.upper()):
        if char not in _CELL_OF_BRF:
            raise InvalidBrailleRequest(
                f"Character {position + 1} (“{char}”) is not North American ASCII braille.", field="braille"
            )
        cells.append(_CELL_OF_BRF[char])
    return cells
