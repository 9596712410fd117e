"""English braille: grades, cells both ways, a swappable engine, and any Unicode without a crash."""

from __future__ import annotations

import string
import threading
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from barrierfree.braille import _louis
from barrierfree.braille.cells import BLANK, from_brf, from_unicode, to_unicode
from barrierfree.braille.english import (
    TABLES,
    EnglishBrailleEngine,
    EnglishGrade,
    LiblouisEnglish,
    back_translate_english,
    parse_grade,
    translate_english,
)
from barrierfree.braille.errors import BrailleEngineUnavailable, InvalidBrailleRequest
from barrierfree.core.i18n import use_language

PROPERTY_EXAMPLES = 150
THREADS = 8
ROUNDS_PER_THREAD = 25
LONG_TEXT_REPEATS = 3000  # ~130 KB in one liblouis call

words = st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=12)
sentences = st.lists(words, min_size=1, max_size=8).map(" ".join)


def test_grades_parse_case_insensitively() -> None:
    assert parse_grade("ueb1") is EnglishGrade.UEB1
    assert parse_grade(" UEB2 ") is EnglishGrade.UEB2
    assert parse_grade(EnglishGrade.UEB1) is EnglishGrade.UEB1


def test_unknown_grade_is_refused_with_the_valid_names() -> None:
    with pytest.raises(InvalidBrailleRequest, match="ueb1, ueb2") as caught:
        parse_grade("grade3")
    assert caught.value.field == "english"


@given(st.text(max_size=20))
@settings(max_examples=PROPERTY_EXAMPLES)
def test_any_grade_name_parses_or_is_refused(name: str) -> None:
    try:
        grade = parse_grade(name)
    except InvalidBrailleRequest:
        assert name.strip().lower() not in {"ueb1", "ueb2"}
    else:
        assert grade.value == name.strip().lower()


def test_grade_two_contracts_and_grade_one_spells() -> None:
    assert to_unicode(list(translate_english("The quick brown fox, 12 cats."))) == "⠠⠮⠀⠟⠅⠀⠃⠗⠪⠝⠀⠋⠕⠭⠂⠀⠼⠁⠃⠀⠉⠁⠞⠎⠲"
    # uncontracted text needs no grade 1 indicators
    assert translate_english("and the", EnglishGrade.UEB1) == tuple(from_brf("AND THE"))
    assert translate_english("and the", EnglishGrade.UEB2) == tuple(from_brf("& !"))


def test_spaces_are_blank_cells() -> None:
    cells = translate_english("a b", EnglishGrade.UEB1)
    assert cells[1] == BLANK
    assert len(cells) == len("a b")


def test_medicine_label_english_back_translates() -> None:
    cells = translate_english("Take 2 tablets twice daily.")
    assert back_translate_english(cells) == "Take 2 tablets twice daily."


def test_grade_name_strings_are_accepted() -> None:
    assert translate_english("cat", "ueb1") == translate_english("cat", EnglishGrade.UEB1)  # type: ignore[arg-type]


@given(sentences)
@settings(max_examples=PROPERTY_EXAMPLES, deadline=None)
def test_grade_one_round_trips_lower_case_words(text: str) -> None:
    cells = translate_english(text, EnglishGrade.UEB1)
    assert back_translate_english(cells, EnglishGrade.UEB1) == text


@given(st.text(max_size=40))
@settings(max_examples=PROPERTY_EXAMPLES, deadline=None)
def test_any_unicode_translates_to_cells_without_a_crash(text: str) -> None:
    for grade in EnglishGrade:
        cells = translate_english(text, grade)
        assert all(0 <= cell <= 0xFF for cell in cells)
        assert isinstance(back_translate_english(cells, grade), str)


def test_characters_liblouis_cannot_take_in_do_not_cut_the_text() -> None:
    cells = translate_english("a\x00b\uffffc", EnglishGrade.UEB1)
    assert to_unicode(list(cells)).endswith("⠉")  # "c" is still there after U+0000 and U+FFFF
    assert translate_english("", EnglishGrade.UEB2) == ()
    assert back_translate_english([], EnglishGrade.UEB2) == ""


def test_cells_out_of_range_are_refused() -> None:
    with use_language("en"), pytest.raises(InvalidBrailleRequest, match="Cell 2"):
        back_translate_english([1, 256])
    with pytest.raises(InvalidBrailleRequest):
        back_translate_english([1, -1])


def test_a_too_small_output_buffer_is_grown_until_the_text_fits(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Each capsule contains 250 mg of amoxicillin. " * 20
    expected = translate_english(text, EnglishGrade.UEB1)
    monkeypatch.setattr(_louis, "OUTPUT_FACTOR", 0)  # first buffer: OUTPUT_SLACK cells only
    assert len(expected) > _louis.OUTPUT_SLACK
    assert translate_english(text, EnglishGrade.UEB1) == expected
    assert back_translate_english(expected, EnglishGrade.UEB1) == text


def test_long_text_translates_and_back_translates_in_one_call() -> None:
    text = "Each capsule contains 250 mg of amoxicillin. " * LONG_TEXT_REPEATS
    cells = translate_english(text, EnglishGrade.UEB1)
    assert len(cells) > len(text)  # number signs and capitals make grade 1 longer than print
    assert back_translate_english(cells, EnglishGrade.UEB1) == text


def test_parallel_threads_get_the_same_braille() -> None:
    samples = ["Take with food.", "Keep out of reach of children.", "Store below 25 °C."]
    expected = {text: translate_english(text) for text in samples}
    errors: list[str] = []

    def work() -> None:
        for _round in range(ROUNDS_PER_THREAD):
            for text in samples:
                if translate_english(text) != expected[text]:
                    errors.append(text)

    threads = [threading.Thread(target=work) for _thread in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_display_table_output_matches_the_cells() -> None:
    engine = _louis.engine()
    text = "Paracetamol 500 mg"
    unicode_braille = engine.translate(text, _louis.table_list("unicode.dis", TABLES[EnglishGrade.UEB2]))
    assert tuple(from_unicode(unicode_braille)) == translate_english(text)
    ascii_braille = engine.translate(text, _louis.table_list("text_nabcc.dis", TABLES[EnglishGrade.UEB2]))
    assert engine.back_translate(ascii_braille, _louis.table_list("text_nabcc.dis", "en-ueb-g2.ctb")) == text


def test_engine_reports_its_version_and_widechar() -> None:
    engine = _louis.engine()
    assert engine.version.startswith("3.")
    assert engine.char_size in (2, 4)


def test_missing_table_names_the_debian_package() -> None:
    with pytest.raises(BrailleEngineUnavailable, match="liblouis-data"):
        _louis.engine().translate("a", "no-such-table.ctb")


def test_missing_library_names_the_debian_package() -> None:
    with pytest.raises(BrailleEngineUnavailable, match="liblouis20"):
        _louis.Louis("liblouis-not-here.so.0")


class Reversed:
    """A stand-in engine: proves the public functions go through the protocol."""

    def translate(self, text: str, grade: EnglishGrade) -> tuple[int, ...]:
        return tuple(ord(char) & 0x3F for char in reversed(text))

    def back_translate(self, cells: Sequence[int], grade: EnglishGrade) -> str:
        return f"{grade}:{len(cells)}"


def test_engine_is_swappable_behind_the_protocol() -> None:
    engine: EnglishBrailleEngine = Reversed()
    assert translate_english("ab", engine=engine) == (ord("b") & 0x3F, ord("a") & 0x3F)
    assert back_translate_english([1, 2], EnglishGrade.UEB1, engine=engine) == "ueb1:2"
    real: EnglishBrailleEngine = LiblouisEnglish()
    assert real.translate("ab", EnglishGrade.UEB1) == translate_english("ab", EnglishGrade.UEB1)
