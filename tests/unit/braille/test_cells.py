"""Braille cells: dot numbers, Unicode braille and BRF (North American ASCII braille) convert both ways."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from barrierfree.braille.cells import (
    BLANK,
    cell_from_dots,
    dots_of,
    from_brf,
    from_unicode,
    to_brf,
    to_unicode,
)
from barrierfree.braille.errors import InvalidBrailleRequest

NABCC_TABLE = Path("/usr/share/liblouis/tables/text_nabcc.dis")

six_dot_cells = st.lists(st.integers(min_value=0, max_value=63), max_size=60)
eight_dot_cells = st.lists(st.integers(min_value=0, max_value=255), max_size=60)


def test_dots_and_cells() -> None:
    assert cell_from_dots("1245") == 0b11011
    assert dots_of(cell_from_dots("1245")) == "1245"
    assert cell_from_dots("0") == BLANK == cell_from_dots("")
    assert dots_of(BLANK) == "0"
    assert to_unicode([cell_from_dots("1"), BLANK, cell_from_dots("123456")]) == "⠁⠀⠿"


@pytest.mark.parametrize("dots", ["9", "12a", "-1"])
def test_bad_dot_numbers_are_refused(dots: str) -> None:
    with pytest.raises(InvalidBrailleRequest):
        cell_from_dots(dots)


@given(eight_dot_cells)
def test_unicode_round_trip(cells: list[int]) -> None:
    assert from_unicode(to_unicode(cells)) == cells


@given(six_dot_cells)
def test_brf_round_trip(cells: list[int]) -> None:
    assert from_brf(to_brf(cells)) == cells


def test_text_that_is_not_braille_is_refused_with_its_position() -> None:
    with pytest.raises(InvalidBrailleRequest, match="Character 2"):
        from_unicode("⠁a")
    with pytest.raises(InvalidBrailleRequest, match="Character 1"):
        from_brf("~")


@pytest.mark.skipif(not NABCC_TABLE.exists(), reason="Debian's liblouis-data is not installed (scripts/bootstrap.sh)")
def test_brf_matches_liblouis_north_american_table() -> None:
    table: dict[int, str] = {}
    for line in NABCC_TABLE.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0] == "display" and parts[1].startswith("\\x"):
            char, dots = chr(int(parts[1][2:], 16)), parts[2]
            # BRF is upper-case ASCII (0x20-0x5F): liblouis's six-dot letters are lower-case (its capitals add
            # dot 7), and its `{|}~ are the lower-case forms of BRF's @[\]^ (one bit apart in ASCII).
            if "7" not in dots and "8" not in dots:
                table[cell_from_dots(dots)] = chr(ord(char) - 0x20) if char >= "`" else char
    assert len(table) == 64
    assert {cell: to_brf([cell]) for cell in table} == table
