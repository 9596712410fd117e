"""Curtois-Qu instance parsing (every bad line named, size limits) and the roster text format."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from barrierfree.core.i18n import use_language
from barrierfree.workforce import nrp_instance
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.nrp_instance import Roster, read_instance, read_roster, write_roster

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "scheduling" / "curtois"
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data/scheduling/curtois is absent")

SMALL = """\
# a two-week toy instance
SECTION_HORIZON
14

SECTION_SHIFTS
E,480,
L,600,E

SECTION_STAFF
A,E=14|L=3,6000,960,5,2,2,1
B,E=14|L=0,4800,0,4,1,1,2

SECTION_DAYS_OFF
A,3,4
B,0

SECTION_SHIFT_ON_REQUESTS
A,0,E,2

SECTION_SHIFT_OFF_REQUESTS
B,1,E,3

SECTION_COVER
0,E,1,100,1
0,L,1,100,1
"""
"""Line numbers used below: 3 horizon, 6-7 shifts, 10-11 staff, 14-15 days off, 18 on, 21 off, 24-25 cover."""


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in English; the zh-CN catalog is checked by the catalog tests."""
    with use_language("en"):
        yield


def _replace_line(number: int, text: str) -> str:
    lines = SMALL.splitlines()
    lines[number - 1] = text
    return "\n".join(lines) + "\n"


def test_small_instance_is_read_completely() -> None:
    instance = read_instance(SMALL, "toy")
    assert instance.name == "toy" and instance.horizon == 14
    assert [(shift.id, shift.minutes) for shift in instance.shifts] == [("E", 480), ("L", 600)]
    assert instance.shift_by_id["L"].cannot_follow == frozenset({"E"})
    a, b = instance.employees
    assert a.id == "A" and a.max_shifts == {"E": 14, "L": 3} and a.days_off == frozenset({3, 4})
    assert (a.max_minutes, a.min_minutes, a.max_consecutive_shifts, a.min_consecutive_shifts) == (6000, 960, 5, 2)
    assert (a.min_consecutive_days_off, a.max_weekends) == (2, 1)
    assert not b.allows("L") and b.allows("E") and b.days_off == frozenset({0})
    assert [(r.employee, r.day, r.shift, r.weight) for r in instance.on_requests] == [("A", 0, "E", 2)]
    assert [(r.employee, r.day, r.shift, r.weight) for r in instance.off_requests] == [("B", 1, "E", 3)]
    assert [(c.day, c.shift, c.requirement, c.weight_under, c.weight_over) for c in instance.cover] == [
        (0, "E", 1, 100, 1),
        (0, "L", 1, 100, 1),
    ]


@pytest.mark.parametrize(
    ("line", "text", "fragment"),
    [
        (3, "-4", "Line 3: the horizon “-4” must be a whole number"),
        (3, "lots", "Line 3: the horizon “lots”"),
        (6, "E,480", "Line 6: a shift line needs 3 fields, found 2"),
        (6, "E,-480,", "Line 6: the shift length “-480”"),
        (7, "L,600,N", "Line 7: unknown shift “N”"),
        (7, "E,600,", "Line 7: the shift “E” is defined twice"),
        (7, "L L,600,", "Line 7: shift “L L” is not a valid ID"),
        (10, "A,E=14|X=3,6000,960,5,2,2,1", "Line 10: unknown shift “X”"),
        (10, "A,E14,6000,960,5,2,2,1", "Line 10: “E14” should be ShiftID=most shifts"),
        (10, "A,E=14,6000,960,5,2,2", "Line 10: a staff line needs 8 fields, found 7"),
        (10, "A,E=14,6000,960,-5,2,2,1", "Line 10: the most consecutive shifts “-5”"),
        (10, "A,E=14,600,960,5,2,2,1", "Line 10: the fewest minutes (960) exceed the most minutes (600)"),
        (11, "A,E=14,4800,0,4,1,1,2", "Line 11: the employee “A” is defined twice"),
        (14, "Z,3", "Line 14: unknown employee “Z”"),
        (14, "A,14", "Line 14: day “14” is outside the horizon (0 to 13)"),
        (14, "A", "Line 14: a days-off line needs 2 fields, found 1"),
        (18, "A,0,N,2", "Line 18: unknown shift “N”"),
        (18, "A,-1,E,2", "Line 18: day “-1” is outside the horizon"),
        (18, "A,0,E,-2", "Line 18: the weight “-2”"),
        (21, "B,1,E", "Line 21: a request line needs 4 fields, found 3"),
        (25, "0,E,1,100,1", "Line 25: the cover of shift “E” on day 0 is given twice"),
        (25, "0,L,1,100", "Line 25: a cover line needs 5 fields, found 4"),
        (25, "SECTION_WHATEVER", "Line 25: unknown section “SECTION_WHATEVER”"),
        (25, "SECTION_COVER", "Line 25: the section SECTION_COVER appears twice"),
    ],
)
def test_bad_line_is_named_with_what_is_wrong(line: int, text: str, fragment: str) -> None:
    with pytest.raises(InvalidWorkforceInput) as raised:
        read_instance(_replace_line(line, text), "bad")
    assert fragment in raised.value.message
    assert raised.value.field == "instance"


def test_missing_section_and_stray_data_are_refused() -> None:
    with pytest.raises(InvalidWorkforceInput, match="no SECTION_STAFF section"):
        read_instance(SMALL.replace("SECTION_STAFF", "# no staff").replace("A,E=14", "# A").replace("B,E", "# B"), "x")
    with pytest.raises(InvalidWorkforceInput, match="Line 1: data before the first section"):
        read_instance("14\n" + SMALL, "x")


def test_size_limits_refuse_a_huge_file_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nrp_instance, "MAX_LINES", 10)
    with pytest.raises(InvalidWorkforceInput, match="more than 10 lines"):
        read_instance(SMALL, "big")
    monkeypatch.setattr(nrp_instance, "MAX_TEXT_CHARS", 100)
    with pytest.raises(InvalidWorkforceInput, match="more than 100 characters"):
        read_instance(SMALL, "big")
    monkeypatch.undo()
    with pytest.raises(InvalidWorkforceInput, match="Line 3: the horizon “800” must be a whole number from 1 to 731"):
        read_instance(_replace_line(3, "800"), "long")


def test_roster_round_trip_and_instance_checks() -> None:
    instance = read_instance(SMALL, "toy")
    text = "A E E L - - E E E E E - - E E\nB - E E E E - - E E E E - - -\n"
    roster = read_roster(text, instance)
    assert roster.assignments["A"][:4] == ("E", "E", "L", None)
    assert write_roster(roster) == text
    assert roster.horizon == instance.horizon


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("A " + "E " * 13 + "\n", "Line 1: expected 14 days after the employee, found 13"),
        ("A " + "E " * 14 + "\nA " + "E " * 14, "Line 2: the employee “A” is listed twice"),
        ("# x\nZ " + "E " * 14, "Line 2: unknown employee “Z”"),
        ("A " + "N " * 14, "Line 1: unknown shift “N”"),
        ("A " + "E " * 14, "no line for employee “B”"),
        ("A E,L" + " E" * 13, "Line 1: “E,L” is not a valid ID"),
    ],
)
def test_bad_roster_names_the_line(text: str, fragment: str) -> None:
    with pytest.raises(InvalidWorkforceInput) as raised:
        read_roster(text, read_instance(SMALL, "toy"))
    assert fragment in raised.value.message
    assert raised.value.field == "roster"


IDS = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.]{0,5}", fullmatch=True)


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=1, max_value=20).flatmap(
        lambda days: st.dictionaries(IDS, st.lists(st.none() | IDS, min_size=days, max_size=days), min_size=1)
    )
)
def test_any_roster_survives_write_then_read(assignments: dict[str, list[str | None]]) -> None:
    roster = Roster({employee: tuple(cells) for employee, cells in assignments.items()})
    assert read_roster(write_roster(roster)) == roster


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=1, max_value=30),
    st.lists(st.tuples(IDS, st.integers(1, 1440)), min_size=1, max_size=4, unique_by=lambda shift: shift[0]),
    st.lists(IDS, min_size=1, max_size=4, unique=True),
    st.integers(0, 10_000),
)
def test_generated_instances_read_back_what_was_written(
    horizon: int, shifts: list[tuple[str, int]], staff: list[str], weight: int
) -> None:
    shift_ids = [shift for shift, _minutes in shifts]
    lines = ["SECTION_HORIZON", str(horizon), "", "SECTION_SHIFTS"]
    lines += [f"{shift},{minutes},{'|'.join(shift_ids[:index])}" for index, (shift, minutes) in enumerate(shifts)]
    lines += ["", "SECTION_STAFF"]
    lines += [f"{employee},{shift_ids[0]}={horizon},9000,0,5,1,1,2" for employee in staff]
    lines += ["", "SECTION_SHIFT_ON_REQUESTS", f"{staff[-1]},{horizon - 1},{shift_ids[-1]},{weight}"]
    lines += ["", "SECTION_COVER", f"0,{shift_ids[0]},{len(staff)},{weight},1"]
    instance = read_instance("\n".join(lines), "generated")
    assert instance.horizon == horizon
    assert [(shift.id, shift.minutes) for shift in instance.shifts] == shifts
    assert [shift.cannot_follow for shift in instance.shifts] == [frozenset(shift_ids[:i]) for i in range(len(shifts))]
    assert [employee.id for employee in instance.employees] == staff
    assert instance.on_requests[0].weight == weight and instance.cover[0].requirement == len(staff)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_read_or_refused_with_a_clear_error(text: str) -> None:
    try:
        instance = read_instance(SMALL.replace("A,0,E,2", text), "fuzz")
    except InvalidWorkforceInput as error:
        assert error.message
    else:
        assert all(0 <= request.day < instance.horizon for request in instance.on_requests)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_roster_text_is_read_or_refused_with_a_clear_error(text: str) -> None:
    try:
        roster = read_roster(text)
    except InvalidWorkforceInput as error:
        assert error.message
    else:
        assert len({len(cells) for cells in roster.assignments.values()}) <= 1


@needs_data
def test_all_benchmark_instances_are_read_with_the_published_sizes() -> None:
    with (DATA / "best_known.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 24
    for row in rows:
        instance = read_instance((DATA / "txt" / f"{row['instance']}.txt").read_text(), row["instance"])
        assert instance.horizon == int(row["horizon_days"])
        assert len(instance.employees) == int(row["employees"])
        assert len(instance.shifts) == int(row["shift_types"])
