"""Tests of the pinyin reader: segments, readings, tone marks and warnings for any Unicode."""

from __future__ import annotations

import threading

from hypothesis import given, settings
from hypothesis import strategies as st

from barrierfree.braille import pinyin, text
from barrierfree.braille.text import SegmentKind

PROPERTY_EXAMPLES = 200


def _kinds(text: str) -> list[tuple[str, SegmentKind]]:
    return [(segment.text, segment.kind) for segment in pinyin.read(text).segments]


def test_han_segments_are_words_with_one_syllable_per_character() -> None:
    reading = pinyin.read("每日服用阿胶两次。")
    assert [segment.text for segment in reading.segments] == ["每日", "服用", "阿胶", "两次", "。"]
    assert [syllable.pinyin for syllable in reading.syllables] == [
        "mei3",
        "ri4",
        "fu2",
        "yong4",
        "e1",
        "jiao1",
        "liang3",
        "ci4",
    ]
    assert [syllable.marked for syllable in reading.syllables][4:6] == ["ē", "jiāo"]
    assert reading.warnings == []


def test_syllable_positions_point_at_their_characters() -> None:
    text = "服用2片，Vitamin C 很好"
    for syllable in pinyin.read(text).syllables:
        assert text[syllable.position] == syllable.char


def test_latin_digits_punctuation_and_spaces_are_their_own_runs() -> None:
    assert _kinds("维生素C 3.5mg, 1,000片！") == [
        ("维生素", SegmentKind.HAN),
        ("C", SegmentKind.LATIN),
        (" ", SegmentKind.SPACE),
        ("3.5", SegmentKind.DIGITS),
        ("mg", SegmentKind.LATIN),
        (",", SegmentKind.PUNCTUATION),
        (" ", SegmentKind.SPACE),
        ("1,000", SegmentKind.DIGITS),
        ("片", SegmentKind.HAN),
        ("！", SegmentKind.PUNCTUATION),
    ]


def test_a_trailing_point_is_punctuation_not_part_of_the_number() -> None:
    assert _kinds("3.") == [("3", SegmentKind.DIGITS), (".", SegmentKind.PUNCTUATION)]


def test_accented_latin_letters_and_combining_marks_stay_in_the_word() -> None:
    assert _kinds("café cafe\u0301") == [
        ("café", SegmentKind.LATIN),
        (" ", SegmentKind.SPACE),
        ("cafe\u0301", SegmentKind.LATIN),
    ]


def test_neutral_tone_is_five_and_u_umlaut_is_v() -> None:
    syllables = pinyin.read("我的绿色").syllables
    assert [syllable.pinyin for syllable in syllables] == ["wo3", "de5", "lv4", "se4"]
    assert [syllable.marked for syllable in syllables] == ["wǒ", "de", "lǜ", "sè"]


def test_tone_sandhi_is_not_written() -> None:
    readings = [syllable.pinyin for syllable in pinyin.read("一个不对，一样不用").syllables]
    assert readings == ["yi1", "ge4", "bu4", "dui4", "yi1", "yang4", "bu4", "yong4"]


def test_marked_converts_tone_numbers_to_marks() -> None:
    assert [text.marked(s) for s in ("e1", "jiao1", "lv4", "nve4", "he5", "zhuang4")] == [
        "ē",
        "jiāo",
        "lǜ",
        "nüè",
        "he",
        "zhuàng",
    ]


def test_emoji_sequence_gives_one_warning_per_emoji() -> None:
    reading = pinyin.read("药😀👨\u200d👩")
    assert [(w.position, w.code) for w in reading.warnings] == [(1, "emoji"), (2, "emoji"), (4, "emoji")]
    assert all(w.fallback and w.message for w in reading.warnings)
    assert reading.segments[-1].kind is SegmentKind.OTHER


def test_rare_extension_character_without_reading_warns() -> None:
    rare = "\U0002b740"  # CJK extension D, unknown to pypinyin
    reading = pinyin.read(f"药{rare}片")
    assert [(w.position, w.code) for w in reading.warnings] == [(1, "no-reading")]
    assert [segment.kind for segment in reading.segments] == [SegmentKind.HAN, SegmentKind.OTHER, SegmentKind.HAN]


def test_control_unassigned_and_private_use_characters_warn_with_their_codes() -> None:
    reading = pinyin.read("a\x00b\u0378c\ue000d\u200b")
    assert [(w.position, w.code) for w in reading.warnings] == [
        (1, "control"),
        (3, "unassigned"),
        (5, "private-use"),
        (7, "control"),
    ]


def test_white_space_controls_are_spaces_without_warning() -> None:
    reading = pinyin.read("药\n片\t")
    assert reading.warnings == []
    assert [segment.kind for segment in reading.segments][1] is SegmentKind.SPACE


def test_empty_text_reads_to_nothing() -> None:
    reading = pinyin.read("")
    assert reading.segments == [] and reading.warnings == []


def test_tokenizer_loads_once_across_threads() -> None:
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(pinyin.tokenizer())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(item) for item in seen}) == 1


@settings(max_examples=PROPERTY_EXAMPLES, deadline=None)
@given(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40))
def test_any_text_is_covered_exactly_by_segments(text: str) -> None:
    reading = pinyin.read(text)
    assert "".join(segment.text for segment in reading.segments) == text
    position = 0
    for segment in reading.segments:
        assert segment.start == position and segment.text
        position = segment.end
        if segment.kind is SegmentKind.HAN:
            assert [s.char for s in segment.syllables] == list(segment.text)
            assert [s.position for s in segment.syllables] == list(range(segment.start, segment.end))
            assert all(s.pinyin[-1] in "12345" for s in segment.syllables)
        else:
            assert segment.syllables == ()
    for warning in reading.warnings:
        assert text[warning.position] == warning.char


UNREAD_UNIFIED_IDEOGRAPHS = "兙兡嗧桛烪瓧瓰瓱瓼甅"
"""The characters of U+4E00-U+9FA5 pypinyin has no reading for: Japanese-made unit characters (兙 is 十克,
two syllables) and 桛. They warn ``no-reading`` like any character without a reading."""


@settings(max_examples=PROPERTY_EXAMPLES, deadline=None)
@given(
    st.text(
        alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5).filter(
            lambda char: char not in UNREAD_UNIFIED_IDEOGRAPHS
        ),
        min_size=1,
        max_size=30,
    )
)
def test_common_han_text_always_has_a_reading_per_character(text: str) -> None:
    reading = pinyin.read(text)
    assert len(reading.syllables) == len(text)
    assert reading.warnings == []


def test_unread_unified_ideographs_are_exactly_the_ones_pypinyin_lacks() -> None:
    from pypinyin.pinyin_dict import pinyin_dict

    assert (
        "".join(chr(point) for point in range(0x4E00, 0x9FA6) if point not in pinyin_dict) == UNREAD_UNIFIED_IDEOGRAPHS
    )
    reading = pinyin.read("桛")
    assert reading.syllables == [] and [warning.code for warning in reading.warnings] == ["no-reading"]


def test_every_character_pypinyin_reads_is_in_the_ideograph_runs() -> None:
    from pypinyin.pinyin_dict import pinyin_dict

    readable = [chr(point) for point in pinyin_dict if pinyin._is_han(chr(point))]
    assert len(readable) > 40_000
    assert all(pinyin.IDEOGRAPH_RUN.fullmatch(char) for char in readable)
