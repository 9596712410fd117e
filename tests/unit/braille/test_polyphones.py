"""Tests of polyphone disambiguation: frequent polyphones in context, and accuracy on a CPP dev sample."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from barrierfree.braille import lexicon, pinyin, polyphones

CPP = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "braille" / "cpp-polyphones"
BENCHMARK = Path(__file__).resolve().parents[3] / "benchmarks" / "braille_polyphones.py"
DEV_SAMPLE_EVERY = 10
"""Every 10th dev sentence (990 cases, a few seconds of CPU): the full dev run lives in benchmarks/braille_polyphones.py."""
DEV_SAMPLE_FLOOR = 0.975
"""Slightly under the 97.98% measured on that sample, so a regression fails."""

needs_cpp = pytest.mark.skipif(not (CPP / "dev.sent").exists(), reason=f"CPP polyphone data not found in {CPP}")

CASES = [
    ("他吃了饭", 2, "le5"),
    ("这件事我了解", 4, "liao3"),
    ("银行在前面", 1, "hang2"),
    ("我们一起步行", 5, "xing2"),
    ("他的头发很长", 5, "chang2"),
    ("他是班长", 3, "zhang3"),
    ("这个箱子很重", 5, "zhong4"),
    ("请重新输入", 1, "chong2"),
    ("我还没到", 1, "hai2"),
    ("请按时还书", 3, "huan2"),
    ("北京是中国的首都", 7, "du1"),
    ("我们都去", 2, "dou1"),
    ("音乐很好听", 1, "yue4"),
    ("快乐的孩子", 1, "le4"),
    ("他跑得很快", 2, "de5"),
    ("你得去医院", 1, "dei3"),
    ("慢慢地走", 2, "de5"),
    ("种子发芽了", 0, "zhong3"),
    ("农民种地", 2, "zhong4"),
]


def _syllable_at(text: str, index: int) -> str:
    return {s.position: s.pinyin for s in pinyin.read(text).syllables}[index]


@pytest.mark.parametrize(("text", "index", "expected"), CASES)
def test_frequent_polyphones_read_by_context(text: str, index: int, expected: str) -> None:
    assert _syllable_at(text, index) == expected


def test_resolve_gives_one_syllable_per_character_of_each_word() -> None:
    words = [(0, "银行"), (2, "行长"), (4, "了")]
    assert polyphones.resolve("银行行长了", words) == [("yin2", "hang2"), ("hang2", "zhang3"), ("le5",)]


def test_sandhi_of_yi_and_bu_from_phrase_data_is_undone() -> None:
    assert [s.pinyin for s in pinyin.read("一定不要").syllables] == ["yi1", "ding4", "bu4", "yao4"]


def test_long_text_is_read_in_windows() -> None:
    text = "他行了。" * 200
    readings = [s.pinyin for s in pinyin.read(text).syllables]
    assert len(readings) == 600 and set(readings[1::3]) == {"xing2"}


@needs_cpp
def test_accuracy_on_a_cpp_dev_sample_stays_above_the_floor() -> None:
    spec = importlib.util.spec_from_file_location("braille_polyphones", BENCHMARK)
    assert spec is not None and spec.loader is not None
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    cases = benchmark.load(CPP, "dev", DEV_SAMPLE_EVERY)
    score, _errors = benchmark.accuracy(cases)
    assert score >= DEV_SAMPLE_FLOOR


@needs_cpp
def test_our_run_of_the_network_agrees_with_g2pms_own() -> None:
    """Our batched float32 BiLSTM picks what g2pM's own code picks, whenever g2pM picks one of the char's readings."""
    model = polyphones.context_model()
    g2pm = model._model
    sentences = [line.replace("\u2581", "") for line in (CPP / "dev.sent").read_text(encoding="utf-8").splitlines()]
    sentences = sentences[:: DEV_SAMPLE_EVERY * 5][:150]
    compared = 0
    for sentence in sentences:
        theirs = g2pm(sentence, char_split=True)
        targets = [index for index, char in enumerate(sentence) if char in model.readings]
        for index, scores in zip(targets, model.log_probabilities(sentence, targets), strict=True):
            choice = theirs[index].replace("u:", "v")
            if scores and choice in scores:
                assert max(scores, key=lambda reading: scores[reading]) == choice, (sentence, index)
                compared += 1
    assert compared > len(sentences)


def test_direct_dictionary_reading_equals_pypinyins_own_for_every_character_and_phrase() -> None:
    """pypinyin_reading skips pypinyin's converter pipeline; the readings must stay exactly pypinyin's (except for
    the characters whose reading we set ourselves)."""
    from pypinyin import Style
    from pypinyin import pinyin as pypinyin_pinyin
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

    ours = lexicon.characters()
    words = [chr(point) for point in PINYIN_DICT if pinyin._is_han(chr(point)) and chr(point) not in ours]
    words += [phrase for phrase in PHRASES_DICT if all(pinyin._is_han(char) for char in phrase)]
    assert len(words) > 80_000
    differing = [
        word
        for word in words
        if polyphones.pypinyin_reading(word)
        != tuple(item[0] for item in pypinyin_pinyin(word, style=Style.TONE3, neutral_tone_with_five=True))
    ]
    assert differing == []


def test_our_character_readings_hold_alone_and_in_a_sentence() -> None:
    for char, reading in lexicon.characters().items():
        assert [s.pinyin for s in pinyin.read(char).syllables] == [reading], char
        sentence = f"我们今天看到{char}这个字。"
        assert _syllable_at(sentence, sentence.index(char)) == reading, char


def _windows_by_walking(text: str, targets: list[int]) -> list[tuple[int, int, list[int]]]:
    """The window rule written the slow, obvious way: walk out from the target character by character."""
    windows: list[tuple[int, int, list[int]]] = []
    for position in targets:
        if windows and position < windows[-1][1]:
            windows[-1][2].append(position)
            continue
        start = position
        while start > 0 and text[start - 1] not in polyphones.SENTENCE_ENDS and position - start < 16:
            start -= 1
        end = position + 1
        while end < len(text) and text[end - 1] not in polyphones.SENTENCE_ENDS and end - start < 32:
            end += 1
        windows.append((start, end, [position]))
    return windows


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="的了行长。！？；!?;\n，好", max_size=120), st.data())
def test_windows_follow_the_walking_rule(text: str, data: st.DataObject) -> None:
    assert polyphones.CONTEXT_LIMIT == 32
    han = [index for index, char in enumerate(text) if char not in polyphones.SENTENCE_ENDS]
    targets = sorted(data.draw(st.sets(st.sampled_from(han))) if han else set())
    assert polyphones._windows(text, targets) == _windows_by_walking(text, targets)
