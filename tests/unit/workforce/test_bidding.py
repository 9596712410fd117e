"""Shift bidding inputs: every bad CSV line named with its reason, availability windows, the independent checker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from barrierfree.core.i18n import use_language
from barrierfree.workforce import bidding
from barrierfree.workforce.bidding import Agent, Bid, Shift, Window
from barrierfree.workforce.errors import InvalidWorkforceInput

AGENTS = """agent,protected,base,tier,max_day,max_week,availability
# a comment
a1,yes,3,2,1,5,mon-fri 08:00-18:00
a2,no,0,3,1,5,
a3,no,0,1,1,5,sat-sun 22:00-06:00
"""
SHIFTS = """shift,start,end,seats
mon-day,2026-12-07T08:00+08:00,2026-12-07T16:00+08:00,2
sat-night,2026-12-12T22:00+08:00,2026-12-13T06:00+08:00,1
"""
REQUIREMENT = """start,agents
2026-12-07T08:00+08:00,2
2026-12-07T08:30+08:00,1
"""


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in English (the platform's default language is zh-CN)."""
    with use_language("en"):
        yield


def _error(call: object) -> str:
    """The message of the InvalidWorkforceInput a call raises."""
    with pytest.raises(InvalidWorkforceInput) as raised:
        call()  # type: ignore[operator]
    return raised.value.message


def test_valid_files_make_a_problem() -> None:
    problem = bidding.parse_problem(
        AGENTS, SHIFTS, "agent,shift\na1,mon-day\na2,sat-night\na3,sat-night\n", REQUIREMENT
    )
    assert problem.agents["a1"] == Agent("a1", True, 3, 2, 1, 5, (Window(frozenset(range(5)), 8 * 60, 18 * 60),))
    assert problem.agents["a2"].availability == ()
    assert problem.shifts["sat-night"].seats == 1
    assert len(problem.bids) == 3
    assert sum(problem.requirement.values()) == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("agent,protected,base,tier,max_day,max_week,availability\na,maybe,0,1,1,5,\n", "line 2: protected must be"),
        ("agent,protected,base,tier,max_day,max_week,availability\na,no,0,9,1,5,\n", "line 2: Agent a: the tier"),
        ("agent,protected,base,tier,max_day,max_week,availability\n\na,yes,6,1,1,5,\n", "line 3: Agent a: the base"),
        ("agent,protected,base,tier,max_day,max_week,availability\na,no,x,1,1,5,\n", "line 2: the base “x”"),
        (
            "agent,protected,base,tier,max_day,max_week,availability\na,no,0,1,1,5,mon 8-18\n",
            "line 2: the availability",
        ),
        (
            "agent,protected,base,tier,max_day,max_week,availability\na,no,0,1,1,5,\na,no,0,1,1,5,\n",
            "line 3: the agent a",
        ),
        ("agent,protected,base,tier,max_day,max_week,availability\na,no,0,1,1\n", "line 2: expected 7 fields"),
        ("agent,protected\n", "line 1: the first row must be the header"),
        ("", "agents is empty"),
    ],
)
def test_agents_errors_name_the_line_and_the_reason(text: str, expected: str) -> None:
    assert expected in _error(lambda: bidding.parse_agents(text))


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "s,2026-12-07T08:00,2026-12-07T16:00+08:00,1",
            "line 2: “2026-12-07T08:00” is not a date and time with its UTC",
        ),
        ("s,2026-12-07T08:10+08:00,2026-12-07T16:00+08:00,1", "line 2: Shift s: start and end must be on 30-minute"),
        ("s,2026-12-07T16:00+08:00,2026-12-07T08:00+08:00,1", "line 2: Shift s: the end must come after the start"),
        ("s,2026-12-07T00:00+08:00,2026-12-07T16:00+08:00,1", "at most 12 hours later"),
        ("s,2026-12-07T08:00+08:00,2026-12-07T16:00+08:00,0", "line 2: Shift s: the seats must be from 1"),
        ("s,2026-12-07T08:00+08:00,2026-12-07T16:00+08:00,two", "line 2: the seats “two” is not a whole number"),
    ],
)
def test_shift_errors_name_the_line_and_the_reason(row: str, expected: str) -> None:
    assert expected in _error(lambda: bidding.parse_shifts("shift,start,end,seats\n" + row + "\n"))


def test_a_shift_listed_twice_is_named() -> None:
    text = SHIFTS + "mon-day,2026-12-08T08:00+08:00,2026-12-08T16:00+08:00,2\n"
    assert "shifts, line 4: the shift mon-day is listed twice." in _error(lambda: bidding.parse_shifts(text))


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ("a1,mon-day\nzz,mon-day\n", "bids, line 3: The agent zz is not in the agents list."),
        ("a1,tue-day\n", "bids, line 2: The shift tue-day is not in the shifts list."),
        ("a1,sat-night\n", "bids, line 2: Agent a1 bid on shift sat-night, which is outside their availability."),
        ("a3,mon-day\n", "bids, line 2: Agent a3 bid on shift mon-day, which is outside their availability."),
        ("a2,mon-day\n#\na2,mon-day\n", "bids, line 4: Agent a2 bid on shift mon-day twice."),
    ],
)
def test_bid_errors_name_the_line_and_the_reason(rows: str, expected: str) -> None:
    agents, shifts = bidding.parse_agents(AGENTS), bidding.parse_shifts(SHIFTS)
    assert expected in _error(lambda: bidding.parse_bids("agent,shift\n" + rows, agents, shifts))


def test_an_overnight_window_takes_a_shift_into_the_next_morning() -> None:
    agents, shifts = bidding.parse_agents(AGENTS), bidding.parse_shifts(SHIFTS)
    assert bidding.parse_bids("agent,shift\na3,sat-night\n", agents, shifts) == (Bid("a3", "sat-night"),)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ("2026-12-07T08:00+08:00,-1\n", "requirement, line 2: The interval 2026-12-07T08:00+08:00 needs -1 agents"),
        ("2026-12-07T08:00+08:00,1\n2026-12-07T00:00Z,1\n", "requirement, line 3: the interval"),
        ("2026-12-07T08:15+08:00,1\n", "requirement, line 2: The interval 2026-12-07T08:15:00+08:00 must be"),
        ("2026-12-07T08:00+08:00,1.5\n", "requirement, line 2: the agents “1.5” is not a whole number"),
        ("2026-12-07T08:00+08:00,1,2\n", "requirement, line 2: expected 2 fields"),
    ],
)
def test_requirement_errors_name_the_line_and_the_reason(rows: str, expected: str) -> None:
    assert expected in _error(lambda: bidding.parse_requirement("start,agents\n" + rows))


def test_problems_built_in_code_are_checked_too() -> None:
    start = dt.datetime(2026, 12, 7, 8, tzinfo=bidding.DEFAULT_TIMEZONE)
    shift = Shift("s", start, start + dt.timedelta(hours=8))
    assert "not in the agents list" in _error(lambda: bidding.make_problem([], [shift], [Bid("x", "s")]))
    assert "needs -2 agents" in _error(lambda: bidding.make_problem([], [shift], [], {start: -2}))
    assert "listed twice" in _error(lambda: bidding.make_problem([Agent("a"), Agent("a")], [], []))


_IDS = st.text(alphabet="abcxyz019_-", min_size=1, max_size=8)
_WINDOWS = st.builds(
    Window,
    st.frozensets(st.integers(0, 6), min_size=1),
    st.integers(0, 47).map(lambda half: half * 30),
    st.integers(1, 48).map(lambda half: half * 30 % 1440),
)


def _window_text(window: Window) -> str:
    """A window as the CSV writes it."""
    days = ",".join(bidding.DAY_NAMES[day] for day in sorted(window.days))
    return f"{days} {window.start // 60:02d}:{window.start % 60:02d}-{window.end // 60:02d}:{window.end % 60:02d}"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            _IDS, st.booleans(), st.integers(1, 3), st.integers(1, 3), st.integers(3, 7), st.lists(_WINDOWS, max_size=3)
        ),
        max_size=6,
        unique_by=lambda row: row[0],
    )
)
def test_agents_written_as_csv_parse_back_the_same(rows: list[tuple[str, bool, int, int, int, list[Window]]]) -> None:
    lines = [",".join(bidding.AGENT_HEADER)]
    for agent_id, protected, tier, max_day, max_week, windows in rows:
        availability = "; ".join(_window_text(window) for window in windows)
        flag = "yes" if protected else "no"
        lines.append(f'{agent_id},{flag},{max_week - 1},{tier},{max_day},{max_week},"{availability}"')
    parsed = bidding.parse_agents("\n".join(lines))
    assert [agent.id for agent in parsed.values()] == [row[0] for row in rows]
    for agent_id, protected, tier, _max_day, _max_week, windows in rows:
        assert parsed[agent_id].protected is protected
        assert parsed[agent_id].tier == tier
        assert parsed[agent_id].availability == tuple(windows)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=120))
def test_any_text_either_parses_or_raises_the_domain_error(text: str) -> None:
    for parse in (bidding.parse_agents, bidding.parse_shifts, bidding.parse_requirement):
        try:
            parse(text)
        except InvalidWorkforceInput as error:
            assert error.message


def _shift(shift_id: str, day: int, hour: float, hours: float, seats: int = 1) -> Shift:
    """A shift on December 2026 ``day`` (local time)."""
    start = dt.datetime(2026, 12, day, tzinfo=bidding.DEFAULT_TIMEZONE) + dt.timedelta(hours=hour)
    return Shift(shift_id, start, start + dt.timedelta(hours=hours), seats)


def test_checker_finds_every_broken_rule() -> None:
    shifts = [_shift("mon-late", 7, 14, 8), _shift("tue-early", 8, 6, 8), _shift("tue-late", 8, 14, 8, seats=1)]
    agents = [Agent("a", max_per_day=1, max_per_week=1), Agent("b")]
    bids = [Bid("a", "mon-late"), Bid("a", "tue-early"), Bid("a", "tue-late"), Bid("b", "tue-late")]
    problem = bidding.make_problem(agents, shifts, bids)
    assert bidding.check_allocation(problem, {"a": ["mon-late"], "b": []}) == []
    rules = {violation.rule for violation in bidding.check_allocation(problem, {"a": ["mon-late", "tue-early"]})}
    assert rules == {"rest", "max-per-week"}
    found = bidding.check_allocation(problem, {"a": ["tue-early", "tue-late"], "b": ["tue-late", "mon-late"]})
    assert {violation.rule for violation in found} == {"max-per-day", "max-per-week", "seats", "not-a-bid", "rest"}


def test_gini_is_zero_for_equal_shares_and_grows_with_inequality() -> None:
    assert bidding.gini([3, 3, 3]) == 0
    assert bidding.gini([0, 0, 0, 4]) == pytest.approx(0.75)
    assert bidding.gini([]) == 0
