"""Tests of the medicine lexicon: every entry reads exactly as listed, alone and inside sentences."""

from __future__ import annotations

import pytest

from barrierfree.braille import lexicon, pinyin

MINIMUM_ENTRIES = 300
SENTENCES = ("每日服用{}两次。", "请将{}放在阴凉处，", "{}的用法用量见说明书")
ISSUE_EXAMPLES = {
    "阿胶": ("e1", "jiao1"),
    "白术": ("bai2", "zhu2"),
    "人参": ("ren2", "shen1"),
    "还原型": ("huan2", "yuan2", "xing2"),
    "藏红花": ("zang4", "hong2", "hua1"),
    "川芎": ("chuan1", "xiong1"),
    "蛤蚧": ("ge2", "jie4"),
    "薄荷": ("bo4", "he5"),
    "厚朴": ("hou4", "po4"),
    "没药": ("mo4", "yao4"),
    "桔梗": ("jie2", "geng3"),
    "莪术": ("e2", "zhu2"),
    "仔细": ("zi3", "xi4"),
}


def _reading_of(text: str, start: int, length: int) -> tuple[str, ...]:
    by_position = {syllable.position: syllable.pinyin for syllable in pinyin.read(text).syllables}
    return tuple(by_position.get(position, "") for position in range(start, start + length))


def test_lexicon_has_enough_entries_each_with_a_source() -> None:
    entries = lexicon.medicines()
    assert len(entries) >= MINIMUM_ENTRIES
    assert all(entry.source and entry.category for entry in entries)


def test_issue_examples_and_classic_traps_are_listed_with_their_readings() -> None:
    table = {entry.word: entry.pinyin for entry in lexicon.medicines()}
    for word, expected in ISSUE_EXAMPLES.items():
        assert table[word] == expected, word


def test_every_entry_reads_as_listed_in_isolation() -> None:
    wrong = [
        (entry.word, _reading_of(entry.word, 0, len(entry.word)))
        for entry in lexicon.medicines()
        if _reading_of(entry.word, 0, len(entry.word)) != entry.pinyin
    ]
    assert wrong == []


@pytest.mark.parametrize("template", SENTENCES)
def test_every_entry_reads_as_listed_inside_a_sentence(template: str) -> None:
    wrong = []
    for entry in lexicon.medicines():
        text = template.format(entry.word)
        reading = _reading_of(text, template.index("{}"), len(entry.word))
        if reading != entry.pinyin:
            wrong.append((entry.word, reading))
    assert wrong == []


def test_medicine_names_segment_as_one_word() -> None:
    words = [segment.text for segment in pinyin.read("每日服用阿胶和还原型谷胱甘肽。").segments]
    assert "阿胶" in words and "还原型谷胱甘肽" in words


def test_marked_reading_of_a_lexicon_entry() -> None:
    assert [s.marked for s in pinyin.read("薄荷与白术").syllables] == ["bò", "he", "yǔ", "bái", "zhú"]
