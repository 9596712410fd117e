"""Line breaking: words kept whole, one blank between them, long words cut at syllables with ⠤."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from barrierfree.braille.cells import BLANK
from barrierfree.braille.chinese import BrailleWord, to_cells
from barrierfree.braille.chinese_cells import CONTINUATION
from barrierfree.braille.errors import InvalidBrailleRequest
from barrierfree.braille.layout import MIN_CELLS_PER_LINE, wrap


def word(length: int, breaks: tuple[int, ...] = ()) -> BrailleWord:
    return BrailleWord("x", 0, tuple(range(1, length + 1)), (), breaks)


def test_words_move_to_the_next_line_whole() -> None:
    lines = wrap([word(3), word(3), word(2)], 7)
    assert lines == [[1, 2, 3, BLANK, 1, 2, 3], [1, 2]]


def test_a_too_narrow_line_is_refused() -> None:
    with pytest.raises(InvalidBrailleRequest):
        wrap([word(2)], MIN_CELLS_PER_LINE - 1)


def test_a_long_word_is_cut_at_its_last_syllable_boundary_with_the_continuation_sign() -> None:
    lines = wrap([word(2), word(9, breaks=(3, 5, 7))], 6)
    assert lines == [[1, 2], [1, 2, 3, 4, 5, CONTINUATION], [6, 7, 8, 9]]


def test_a_long_word_without_boundaries_is_cut_anywhere() -> None:
    assert wrap([word(9)], 4) == [[1, 2, 3, CONTINUATION], [4, 5, 6, CONTINUATION], [7, 8, 9]]


lengths = st.lists(st.integers(min_value=1, max_value=12), max_size=20)


@given(lengths, st.integers(min_value=MIN_CELLS_PER_LINE, max_value=40))
def test_lines_fit_and_keep_every_cell_in_order(sizes: list[int], width: int) -> None:
    words = [word(size, tuple(range(3, size, 3))) for size in sizes]
    lines = wrap(words, width)
    assert all(0 < len(line) <= width for line in lines)
    assert all(line[0] != BLANK and line[-1] != BLANK for line in lines)
    if all(size <= width for size in sizes):
        joined = [cell for index, line in enumerate(lines) for cell in ([BLANK] if index else []) + line]
        assert joined == to_cells(words)
