"""Chinese braille writer: syllable cells, GF 0019-2018 tones and shorthands, word spacing, signs, bad input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from barrierfree.braille.cells import from_unicode, to_unicode
from barrierfree.braille.chinese import (
    BrailleWord,
    ChineseSystem,
    parse_pinyin,
    parse_system,
    syllable_cells,
    to_cells,
    unwritten,
    write_chinese,
)
from barrierfree.braille.errors import InvalidBrailleRequest
from barrierfree.braille.pinyin import read
from barrierfree.braille.text import Reading, Segment, SegmentKind
from barrierfree.core.i18n import use_language

GF = ChineseSystem.GF2018
CURRENT = ChineseSystem.CURRENT


def han(*words: tuple[str, tuple[str, ...]]) -> Reading:
    """A Reading made by hand: Han words with their syllables, one after the other."""
    segments = []
    offset = 0
    for text, syllables in words:
        assert len(syllables) == len(text)
        segments.append(Segment(text, offset, SegmentKind.HAN, tuple(syllables)))
        offset += len(text)
    return Reading("".join(text for text, _ in words), segments)


def braille(reading: Reading, system: ChineseSystem = GF) -> str:
    return to_unicode(to_cells(write_chinese(reading, system))).replace("\u2800", " ")


def cells(pinyin: str, system: ChineseSystem = GF) -> str:
    parsed = parse_pinyin(pinyin)
    assert parsed is not None
    return to_unicode(list(syllable_cells(parsed, system)))


def test_parse_system_accepts_both_names_and_lists_them_when_wrong() -> None:
    assert parse_system(" GF2018 ") is GF
    assert parse_system("current") is CURRENT
    with pytest.raises(InvalidBrailleRequest, match="gf2018, current"):
        parse_system("g2")


@pytest.mark.parametrize(
    ("pinyin", "initial", "final", "tone"),
    [
        ("zhuang4", "zh", "uang", 4),
        ("ju4", "j", "ü", 4),
        ("lv4", "l", "ü", 4),
        ("nüe4", "n", "üe", 4),
        ("you3", "", "iou", 3),
        ("gui4", "g", "uei", 4),
        ("lun2", "l", "uen", 2),
        ("xun2", "x", "ün", 2),
        ("si1", "s", "-i", 1),
        ("de", "d", "e", 5),
        ("weng1", "", "ueng", 1),
    ],
)
def test_pinyin_splits_as_braille_writes_it(pinyin: str, initial: str, final: str, tone: int) -> None:
    parsed = parse_pinyin(pinyin)
    assert parsed is not None
    assert (parsed.initial, parsed.final, parsed.tone) == (initial, final, tone)


def test_not_pinyin_is_refused() -> None:
    assert parse_pinyin("xyz3") is None
    assert parse_pinyin("ma7") is None


@pytest.mark.parametrize(
    ("pinyin", "gf2018", "current"),
    [
        ("ren2", "⠚⠴", "⠚⠴⠂"),  # r: rising tone left out
        ("da4", "⠙⠔", "⠙⠔⠆"),  # d: falling tone left out
        ("fa1", "⠋⠔", "⠋⠔⠁"),  # f: level tone left out
        ("fa2", "⠋⠔⠂", "⠋⠔⠂"),
        ("yi1", "⠊", "⠊⠁"),  # zero initial exceptions
        ("wo3", "⠕", "⠕⠄"),
        ("er2", "⠗", "⠗⠂"),
        ("ai4", "⠪", "⠪⠆"),  # zero initial: falling tone left out
        ("e4", "⠢⠆", "⠢⠆"),  # e writes every tone
        ("zi4", "⠵⠆", "⠵⠆"),  # zi and le write every tone (子 zi and 了 le stay bare)
        ("le4", "⠇⠢⠆", "⠇⠢⠆"),
        ("zi5", "⠵", "⠵"),
        ("shi4", "⠱", "⠱⠆"),  # apical vowel: initial alone
        ("xue2", "⠓⠾⠂", "⠓⠾⠂"),
        ("lv4", "⠇⠬", "⠇⠬⠆"),
    ],
)
def test_syllable_cells_in_both_systems(pinyin: str, gf2018: str, current: str) -> None:
    assert cells(pinyin, GF) == gf2018
    assert cells(pinyin, CURRENT) == current


def test_shorthands_in_gf2018_only() -> None:
    reading = han(("你们", ("ni3", "men5")), ("它", ("ta1",)))
    assert braille(reading, GF) == "⠝⠍⠴ ⠈⠞"
    assert braille(reading, CURRENT) == "⠝⠊⠄⠍⠴ ⠈⠞⠔⠁"


def test_shorthand_is_spelled_out_before_a_final() -> None:
    # ⠝⠪ would read "nai": 你 is written in full before a zero-initial syllable in the same word
    assert braille(han(("你爱", ("ni3", "ai4"))), GF) == "⠝⠊⠄⠪"
    assert braille(han(("的确", ("di2", "que4"))), GF) == "⠙⠊⠂⠅⠾⠆"  # 的 dí is not the shorthand (as zhcn-cbs 的确)


def test_neutral_particle_joins_the_word_before() -> None:
    reading = han(("今天", ("jin1", "tian1")), ("的", ("de5",)), ("天气", ("tian1", "qi4")))
    words = write_chinese(reading, GF)
    assert [word.text for word in words] == ["今天的", "天气"]
    assert words[0].pinyin == ("jin1", "tian1", "de5")
    assert words[0].breaks == (3, 6)


def test_numbers_letters_and_punctuation_follow_liblouis_spacing() -> None:
    assert braille(read("第3次"), CURRENT) == "⠙⠊⠆⠼⠉ ⠉⠆"
    assert braille(read("五A级"), CURRENT) == "⠥⠄⠠⠁ ⠛⠊⠂"
    assert braille(read("带u盘"), CURRENT) == "⠙⠪⠆⠰⠥ ⠏⠧⠂"
    assert braille(read("Hello World")) == "⠠⠓⠑⠇⠇⠕ ⠠⠺⠕⠗⠇⠙"
    assert braille(read("3.5")) == "⠼⠉⠨⠑"
    assert braille(read("5mg")) == "⠼⠑⠰⠍⠛"
    assert braille(read("DNA")) == "⠠⠠⠙⠝⠁"


def test_punctuation_sides_and_blanks() -> None:
    reading = han(("说", ("shuo1",)))
    reading = Reading(
        "说：“好”，",
        [
            *reading.segments,
            Segment("：“", 1, SegmentKind.PUNCTUATION),
            Segment("好", 3, SegmentKind.HAN, ("hao3",)),
            Segment("”，", 4, SegmentKind.PUNCTUATION),
        ],
    )
    # ： is against 说 and needs a blank; “ is against 好; ” is against 好 and needs a blank before ，
    assert braille(reading) == "⠱⠕⠁⠤ ⠘⠓⠖⠄⠘ ⠐"


def test_english_callable_writes_latin_runs_with_the_letter_sign_added_when_needed() -> None:
    def english(text: str) -> tuple[int, ...]:
        return tuple(from_unicode("⠿" * len(text)))

    reading = read("用abc")
    assert braille(reading).endswith("⠰⠁⠃⠉")
    assert to_unicode(to_cells(write_chinese(reading, english=english))).endswith("⠰⠿⠿⠿")


def test_characters_without_braille_are_left_out_and_warned() -> None:
    reading = read("药😀·x")
    words = write_chinese(reading)
    assert all(word.cells for word in words)
    assert "😀" in {warning.char for warning in reading.warnings}  # the Reading's own warning
    with use_language("en"):
        warned = unwritten(reading)
    assert [(w.char, w.code) for w in warned] == [("·", "no-braille")]
    assert warned[0].fallback == "left out"


def test_words_cover_the_text_in_order() -> None:
    words = write_chinese(read("阿莫西林胶囊，每日3次，每次2粒。"))
    starts = [word.start for word in words]
    assert starts == sorted(starts)
    assert all(isinstance(word, BrailleWord) and word.cells for word in words)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=30), st.sampled_from(list(ChineseSystem)))
def test_any_text_gives_six_dot_cells_without_crashing(text: str, system: ChineseSystem) -> None:
    words = write_chinese(read(text), system)
    for word in words:
        assert word.cells
        assert all(0 < cell < 64 for cell in word.cells)
        assert all(0 < cut < len(word.cells) for cut in word.breaks)
