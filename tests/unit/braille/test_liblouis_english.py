"""liblouis's own UEB test cases: every case Debian's liblouis 3.24 passes must pass through our adapter.

The cases come pre-extracted in ``../shared/data/braille/liblouis-tests/cases.jsonl`` (see README.txt there),
with ``liblouis_3_24`` = what Debian's liblouis produced for each forward case through its Python bindings.
That column is meaningless for the cases written with liblouis escapes (``\\x00a0``, ``\\\\``) and absent for
backward cases, so for those the reference is Debian's own ``lou_translate`` (``liblouis-bin``), which reads
the escapes itself: one process per table list, all cases at once. Cases with typeform or mode options are
left out (the adapter has no emphasis input). Every test runs all cases in one process, in seconds.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from barrierfree.braille import _louis
from barrierfree.braille.cells import from_unicode
from barrierfree.braille.english import EnglishGrade, back_translate_english, translate_english

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "braille" / "liblouis-tests"
CASES = DATA / "cases.jsonl"
NABCC_TABLE = Path("/usr/share/liblouis/tables/text_nabcc.dis")
LOU_TRANSLATE = shutil.which("lou_translate")
CLI_TIMEOUT_SECONDS = 60
ALLOWED_OPTIONS = {"xfail"}  # a case's xfail note does not change its input; typeform/mode options do
GRADE_OF_TABLE = {"en-ueb-g1.ctb": EnglishGrade.UEB1, "en-ueb-g2.ctb": EnglishGrade.UEB2}
# Cases whose expectation Debian's liblouis 3.24 meets, per file and direction (measured 2026, liblouis 3.24.0-1).
# A floor, so the suite cannot pass by silently selecting fewer cases.
MIN_PASSING = {
    ("en-ueb.yaml", "forward"): 1856,
    ("en-ueb-symbols_harness.yaml", "forward"): 590,
    ("en-ueb-g1_harness.yaml", "forward"): 58,
    ("en-ueb-math.yaml", "forward"): 8,
    ("en-ueb-g2_backward.yaml", "forward"): 153,
    ("en-ueb-g2_backward.yaml", "backward"): 160,
    ("en-ueb-g1_backward.yaml", "backward"): 17,
    ("en-ueb-g2_backward_no_dis.yaml", "backward"): 1,
}
MIN_ESCAPED_PASSING = 20  # of the 39 case directions written with escapes, Debian's liblouis passes 20

pytestmark = pytest.mark.skipif(
    not CASES.exists(), reason=f"liblouis test cases not found at {CASES} (../shared/data is not beside the repo)"
)

_SIMPLE_ESCAPES = {"\\": "\\", "e": "\x1b", "f": "\f", "n": "\n", "r": "\r", "s": " ", "t": "\t", "v": "\v"}
_SIMPLE_ESCAPES |= {"w": "\uffff", '"': "\x1c"}  # LOU_ENDSEGMENT, QUOTESUB
_HEX_ESCAPES = {"x": 4, "X": 4, "y": 5, "Y": 5, "z": 8, "Z": 8}


def unescape(text: str) -> str:
    """liblouis's escapes (parseChars in compileTranslationTable.c): ``\\\\``, ``\\s``, ``\\t``, ``\\xHHHH`` ..."""
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        index += 1
        if char != "\\" or index >= len(text):
            out.append(char)
            continue
        code = text[index]
        index += 1
        if code in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[code])
        elif code in _HEX_ESCAPES and len(text) - index >= _HEX_ESCAPES[code]:
            digits = text[index : index + _HEX_ESCAPES[code]]
            out.append(chr(int(digits, 16)))
            index += _HEX_ESCAPES[code]
        elif code in _HEX_ESCAPES:
            out.append(code)  # too short: liblouis keeps the letter
        else:
            raise ValueError(f"invalid liblouis escape \\{code} in {text!r}")
    return "".join(out)


@dataclass(frozen=True)
class Case:
    """One direction of one liblouis test: ``source`` should become ``expected`` (both unescaped)."""

    file: str
    line: int
    table: str
    display: str
    direction: str  # forward or backward
    raw_source: str  # as written in the YAML, escapes and all (what lou_translate reads)
    source: str
    expected: str
    bindings_result: str | None  # liblouis_3_24, when it is meaningful
    escaped: bool  # the YAML wrote the input or the expectation with liblouis escapes

    @property
    def tables(self) -> str:
        """The table list, display table first."""
        return _louis.table_list(self.display, self.table)


@cache
def load_cases() -> tuple[Case, ...]:
    """Every en-ueb* case without typeform/mode options, bothDirections ones split into two."""
    cases = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if not record["file"].startswith("en-ueb") or set(record["options"]) - ALLOWED_OPTIONS:
            continue
        escaped = "\\" in record["input"] or "\\" in record["expected"]
        common = {"file": record["file"], "line": record["line"], "table": record["table"]}
        common |= {"display": record["display"], "escaped": escaped}
        if record["testmode"] in ("forward", "bothDirections"):
            bindings = None if escaped else record.get("liblouis_3_24")
            cases.append(
                Case(
                    **common,
                    direction="forward",
                    raw_source=record["input"],
                    source=unescape(record["input"]),
                    expected=unescape(record["expected"]),
                    bindings_result=bindings,
                )
            )
        if record["testmode"] == "bothDirections":
            cases.append(
                Case(
                    **common,
                    direction="backward",
                    raw_source=record["expected"],
                    source=unescape(record["expected"]),
                    expected=unescape(record["input"]),
                    bindings_result=None,
                )
            )
        elif record["testmode"] == "backward":
            cases.append(
                Case(
                    **common,
                    direction="backward",
                    raw_source=record["input"],
                    source=unescape(record["input"]),
                    expected=unescape(record["expected"]),
                    bindings_result=None,
                )
            )
    return tuple(cases)


@cache
def debian_results() -> dict[Case, str]:
    """What Debian's liblouis 3.24 gives for every case: the bindings' column, else lou_translate's output."""
    results: dict[Case, str] = {}
    groups: dict[tuple[str, str], list[Case]] = {}
    for case in load_cases():
        if case.bindings_result is not None:
            results[case] = case.bindings_result
        else:
            groups.setdefault((case.direction, case.tables), []).append(case)
    if groups and LOU_TRANSLATE is None:
        pytest.skip("lou_translate (Debian liblouis-bin) is not installed: it is the reference for these cases")
    for (direction, tables), group in groups.items():
        assert all("\n" not in case.raw_source for case in group)
        completed = subprocess.run(
            [str(LOU_TRANSLATE), f"--{direction}", tables],
            input="".join(case.raw_source + "\n" for case in group),
            capture_output=True,
            text=True,
            check=True,
            timeout=CLI_TIMEOUT_SECONDS,
        )
        lines = completed.stdout.split("\n")[: len(group)]
        assert len(lines) == len(group), completed.stderr
        results.update(zip(group, lines, strict=True))
    return results


@cache
def our_results() -> dict[Case, str]:
    """Our adapter's output for every case, with the case's display table."""
    engine = _louis.engine()
    return {
        case: (engine.translate if case.direction == "forward" else engine.back_translate)(case.source, case.tables)
        for case in load_cases()
    }


@cache
def nabcc_cells() -> dict[str, int]:
    """The character -> cell map of liblouis's text_nabcc.dis (the ASCII braille of en-ueb.yaml)."""
    cells: dict[str, int] = {}
    for line in NABCC_TABLE.read_text(encoding="utf-8").splitlines():
        match = re.match(r"display\s+(\\x[0-9a-fA-F]{4}|\\s|\S)\s+(\d+)", line)
        if match:
            char = unescape(match.group(1))
            cells.setdefault(char, sum(1 << (int(dot) - 1) for dot in match.group(2) if dot != "0"))
    return cells


def as_cells(braille: str, display: str) -> list[int]:
    """A case's braille string as cells, read through its display table."""
    if display == "text_nabcc.dis":
        table = nabcc_cells()
        return [table[char] for char in braille]
    return from_unicode(braille)


def passing_cases() -> list[Case]:
    """The cases where Debian's liblouis 3.24 gives the expected result."""
    reference = debian_results()
    return [case for case in load_cases() if reference[case] == case.expected]


def test_every_ueb_case_debian_liblouis_passes_passes_through_our_adapter() -> None:
    ours = our_results()
    passing = passing_cases()
    failures = [(case.file, case.line, case.direction, case.source, ours[case]) for case in passing]
    failures = [failure for failure, case in zip(failures, passing, strict=True) if ours[case] != case.expected]
    assert failures == []
    counted = Counter((case.file, case.direction) for case in passing)
    for key, floor in MIN_PASSING.items():
        assert counted[key] >= floor, key


def test_adapter_gives_exactly_what_debian_liblouis_gives_on_every_case() -> None:
    reference = debian_results()
    ours = our_results()
    differences = [(case.file, case.line, case.direction) for case in load_cases() if ours[case] != reference[case]]
    assert differences == []


def test_escaped_cases_are_unescaped_and_checked() -> None:
    escaped = [case for case in load_cases() if case.escaped]
    assert any(case.source == "1\u00a02\u00a03\u00a04" for case in escaped)
    assert any(case.expected == "\\45/" for case in escaped)
    assert sum(1 for case in passing_cases() if case.escaped) >= MIN_ESCAPED_PASSING


def test_cells_api_matches_every_passing_case() -> None:
    mismatches = []
    for case in passing_cases():
        grade = GRADE_OF_TABLE[case.table]
        if case.direction == "forward":
            if translate_english(case.source, grade) != tuple(as_cells(case.expected, case.display)):
                mismatches.append((case.file, case.line, case.direction))
        elif back_translate_english(as_cells(case.source, case.display), grade) != case.expected:
            mismatches.append((case.file, case.line, case.direction))
    assert mismatches == []


def test_unescape_follows_liblouis() -> None:
    assert unescape(r"c:\\x") == "c:\\x"
    assert unescape(r"1\x00a02") == "1\u00a02"
    assert unescape(r"a\sb\tc") == "a b\tc"
    assert unescape(r"\y1f600") == "😀"
    with pytest.raises(ValueError, match="escape"):
        unescape(r"\q")
