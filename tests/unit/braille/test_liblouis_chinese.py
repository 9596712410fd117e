"""liblouis's own Chinese test cases and its zhcn-cbs table, run through OUR pipeline (never through liblouis).

Cases: ``../shared/data/braille/liblouis-tests/zhcn-cbs.yaml`` (GF 0019-2018 and, in its second block, Current
Braille) and ``zhcn-g1.yaml`` (Current Braille), parsed with ``yaml.compose`` because the files repeat the keys
``table`` and ``tests``. Each case goes ``pinyin.read`` -> ``write_chinese`` -> ``to_cells`` -> ``to_unicode``.
A case either gives liblouis's exact cells or is listed below with its reason, and then the test checks our exact
output and the nature of the difference.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from barrierfree.braille.cells import from_unicode, to_unicode
from barrierfree.braille.chinese import ChineseSystem, to_cells, write_chinese
from barrierfree.braille.pinyin import read
from barrierfree.braille.text import Reading, Segment, SegmentKind

REPO = Path(__file__).resolve().parents[3]
CASES = REPO.parent / "shared" / "data" / "braille" / "liblouis-tests"
CBS_TABLE = Path("/usr/share/liblouis/tables/zhcn-cbs.ctb")
SYSTEM_OF_TABLE = {"zhcn-cbs.ctb": ChineseSystem.GF2018, "zhcn-g1.ctb": ChineseSystem.CURRENT}

SPACING_DIFFERENCES: dict[str, str] = {
    # liblouis does no word segmentation: it writes every syllable together and puts a blank only after 的 and
    # after some punctuation. GF 0019-2018 and GB/T 15720 write word by word (分词连写); our words are the
    # Reading's (jieba) words with particles attached. The cells are the same; only the blanks differ.
    "今天的天气不错": "⠛⠣⠁⠞⠩⠁⠙ ⠞⠩⠁⠅⠊⠆ ⠃⠥⠉⠕⠆",
    "做人要有梦想": "⠵⠕⠚⠴ ⠜ ⠳ ⠍⠼⠆⠓⠭⠄",
    "朝月亮出发": "⠟⠖ ⠾⠇⠭ ⠟⠥⠁⠋⠔",
    "最深最重的爱，须与时日共成长。": "⠵⠺⠱⠴⠁ ⠵⠺⠌⠲⠙ ⠪⠐ ⠓⠬⠁ ⠬⠄ ⠱⠂⠚⠆ ⠛⠲ ⠟⠼⠌⠦⠄⠐⠆",
    "这是我的国土": "⠌⠢ ⠱ ⠕⠙ ⠛⠕⠂⠞⠥⠄",
    "战略合作协议": "⠌⠧⠇⠾ ⠓⠢⠵⠕ ⠓⠑⠂⠊⠆",
    "中国是发展中国家": "⠌⠲⠁⠛⠕⠂ ⠱ ⠋⠔⠌⠧⠄⠌⠲⠁⠛⠕⠂⠛⠫⠁",
    "尊老爱幼是中华民族的传统美德": "⠵⠒⠁⠇⠖⠄⠪⠳⠆ ⠱ ⠌⠲⠁⠓⠿⠍⠣⠵⠥⠂⠙ ⠟⠻⠞⠲⠄⠍⠮⠄⠙⠢⠂",
}
SPACING_DIFFERENCES_BY_SYSTEM: dict[tuple[str, ChineseSystem], str] = {
    ("好朋友", ChineseSystem.GF2018): "⠓⠖⠄ ⠏⠼⠳",  # 好 朋友: two words (same cells as liblouis)
    ("好朋友", ChineseSystem.CURRENT): "⠓⠖⠄ ⠏⠼⠂⠳⠄",
}
NEUTRAL_TONE_DIFFERENCES: dict[tuple[str, ChineseSystem], tuple[str, str]] = {
    # Current Braille never marks the neutral tone. 句子 is jùzi with a neutral 子 (现代汉语词典; liblouis's own
    # zhcn-cbs case writes it bare, ⠛⠬⠵); zhcn-g1 writes the citation tone of 子 (zǐ ⠵⠄) everywhere.
    ("句子", ChineseSystem.CURRENT): ("⠛⠬⠆⠵", "zhcn-g1 marks the citation tone of the neutral suffix 子"),
}
READING_DIFFERENCES: dict[str, tuple[tuple[str, ...], str]] = {
    # Cases where OUR pinyin reading (barrierfree.braille.pinyin, owned elsewhere) may differ from liblouis's.
    # The braille is checked exactly for liblouis's reading (a Reading built by hand), so only the reading differs.
    "1只": (("zhi1",), "只 after a number is the measure word zhī; a reading of zhǐ is a polyphone error upstream"),
    "橘子": (("ju2", "zi5"), "橘子 is júzi with a neutral 子 (zhcn-cbs writes it bare); zǐ is an error upstream"),
    "句子": (("ju4", "zi5"), "句子 is jùzi with a neutral 子; zǐ would be an error upstream"),
    "参差": (("cen1", "ci1"), "参差 is cēncī; another reading is a polyphone error upstream"),
}


def _cases() -> list[tuple[str, str, str, ChineseSystem]]:
    """(file:line, input, expected, system) of every zhcn-cbs/zhcn-g1 case, walking the YAML mapping in order."""
    if not CASES.is_dir():
        return []
    found = []
    for name in ("zhcn-cbs.yaml", "zhcn-g1.yaml"):
        root = yaml.compose((CASES / name).read_text(encoding="utf-8"))
        assert isinstance(root, yaml.MappingNode)
        system = None
        for key, value in root.value:
            if key.value == "table":
                if isinstance(value, yaml.MappingNode):
                    fields = {k.value: v.value for k, v in value.value}
                    assert_match = fields.get("__assert-match")
                    # the second block of zhcn-cbs.yaml names only {system: cmn-traditional}: zhcn-g1.ctb
                    system = SYSTEM_OF_TABLE.get(str(assert_match), ChineseSystem.CURRENT)
                else:
                    system = SYSTEM_OF_TABLE[value.value]
            elif key.value == "tests":
                assert system is not None
                for test in value.value:
                    source, expected = test.value[0].value, test.value[1].value
                    found.append((f"{name}:{test.start_mark.line + 1}", source, expected.strip(), system))
    return found


CASE_LIST = _cases()


def _ours(text: str, system: ChineseSystem, reading: Reading | None = None) -> str:
    """Our pipeline's output as liblouis displays it (unicode-without-blank: a blank is a space)."""
    return to_unicode(to_cells(write_chinese(reading or read(text), system))).replace("\u2800", " ")


def _hand_reading(text: str, syllables: tuple[str, ...]) -> Reading:
    """A Reading of one Han word (digits first if any) with the given syllables."""
    segments = []
    offset = 0
    digits = "".join(char for char in text if char.isdigit())
    if digits:
        segments.append(Segment(digits, 0, SegmentKind.DIGITS))
        offset = len(digits)
    han = text[offset:]
    segments.append(Segment(han, offset, SegmentKind.HAN, tuple(syllables)))
    return Reading(text, segments)


@pytest.mark.skipif(not CASE_LIST, reason="../shared/data/braille/liblouis-tests is absent")
def test_the_yaml_holds_all_liblouis_chinese_cases() -> None:
    systems = [case[3] for case in CASE_LIST]
    assert len(CASE_LIST) == 55  # 45 zhcn-cbs (33 GF 0019-2018, 12 Current) + 10 zhcn-g1
    assert systems.count(ChineseSystem.GF2018) == 33


@pytest.mark.skipif(not CASE_LIST, reason="../shared/data/braille/liblouis-tests is absent")
@pytest.mark.parametrize(("where", "source", "expected", "system"), CASE_LIST, ids=[c[0] for c in CASE_LIST])
def test_liblouis_case_through_our_pipeline(where: str, source: str, expected: str, system: ChineseSystem) -> None:
    ours = _ours(source, system)
    if ours == expected:
        return
    if source in SPACING_DIFFERENCES or (source, system) in SPACING_DIFFERENCES_BY_SYSTEM:
        documented = SPACING_DIFFERENCES.get(source) or SPACING_DIFFERENCES_BY_SYSTEM[(source, system)]
        assert ours == documented
        assert ours.replace(" ", "") == expected.replace(" ", "")  # same cells, word blanks only
    elif (source, system) in NEUTRAL_TONE_DIFFERENCES:
        assert ours == NEUTRAL_TONE_DIFFERENCES[(source, system)][0]
    elif source in READING_DIFFERENCES:
        syllables, _reason = READING_DIFFERENCES[source]
        assert _ours(source, system, _hand_reading(source, syllables)) == expected
    else:
        pytest.fail(f"{where}: {source} gave {ours}, liblouis {expected}, and no documented reason")


def _agreement_module() -> ModuleType:
    """benchmarks/braille_chinese_agreement.py, imported from its path."""
    spec = importlib.util.spec_from_file_location(
        "braille_chinese_agreement", REPO / "benchmarks" / "braille_chinese_agreement.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not CBS_TABLE.exists(), reason="Debian liblouis-data (zhcn-cbs.ctb) is not installed")
def test_agreement_with_zhcn_cbs_on_single_reading_characters() -> None:
    agreement = _agreement_module()
    results = agreement.compare(CBS_TABLE)
    differing = {result.char for result in results if not result.agrees}
    assert differing <= set(agreement.KNOWN_DIFFERENCES), sorted(differing - set(agreement.KNOWN_DIFFERENCES))
    rule_differences = {char for char in differing if agreement.KNOWN_DIFFERENCES[char].startswith("rule")}
    reading_differences = differing - rule_differences
    same_reading = len(results) - len(reading_differences)
    assert len(results) > 4600
    assert (same_reading - len(rule_differences)) / same_reading >= agreement.RULE_AGREEMENT_TARGET
    assert (len(results) - len(differing)) / len(results) >= agreement.OVERALL_AGREEMENT_FLOOR


def test_documented_cells_parse_as_unicode_braille() -> None:
    for text in [*SPACING_DIFFERENCES.values(), *SPACING_DIFFERENCES_BY_SYSTEM.values()]:
        assert from_unicode(text)
