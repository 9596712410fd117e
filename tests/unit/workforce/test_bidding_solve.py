"""The allocation: hand-checked cases for every rule and priority, named shortfalls, and hard-rule properties."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from barrierfree.core.i18n import use_language
from barrierfree.workforce import _bidding_index, bidding_solve
from barrierfree.workforce.bidding import (
    DEFAULT_TIMEZONE,
    MIN_REST,
    Agent,
    Bid,
    BiddingProblem,
    Shift,
    check_allocation,
    make_problem,
)
from barrierfree.workforce.bidding_solve import Allocation, BiddingUnsolved, ShortfallKind, allocate

MONDAY = dt.date(2026, 12, 7)
LIMIT = 20.0


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in English."""
    with use_language("en"):
        yield


def _shift(shift_id: str, day: int, hour: float, hours: float = 8, seats: int = 1) -> Shift:
    """A shift ``day`` days after MONDAY at ``hour`` local time."""
    start = dt.datetime.combine(MONDAY, dt.time(), DEFAULT_TIMEZONE) + dt.timedelta(days=day, hours=hour)
    return Shift(shift_id, start, start + dt.timedelta(hours=hours), seats)


def _need(day: int, hour: float, hours: float, count: int) -> dict[dt.datetime, int]:
    """A requirement of ``count`` agents over a stretch of half-hours."""
    start = dt.datetime.combine(MONDAY, dt.time(), DEFAULT_TIMEZONE) + dt.timedelta(days=day, hours=hour)
    return {start + dt.timedelta(minutes=30 * k): count for k in range(int(hours * 2))}


def _solve(agents: list[Agent], shifts: list[Shift], bids: list[tuple[str, str]], need=None) -> Allocation:  # type: ignore[no-untyped-def]
    problem = make_problem(agents, shifts, [Bid(a, s) for a, s in bids], need or {})
    allocation = allocate(problem, time_limit=LIMIT)
    assert check_allocation(problem, allocation.grants) == []
    return allocation


def test_a_protected_agent_gets_the_seat_before_a_higher_tier() -> None:
    allocation = _solve(
        [Agent("p", protected=True, base=1, tier=1), Agent("t3", tier=3)],
        [_shift("s", 0, 8)],
        [("p", "s"), ("t3", "s")],
    )
    assert allocation.grants == {"p": ("s",), "t3": ()}
    assert allocation.protected_met and allocation.optimal


def test_a_contested_seat_goes_to_the_higher_tier() -> None:
    allocation = _solve([Agent("t1", tier=1), Agent("t3", tier=3)], [_shift("s", 0, 8)], [("t1", "s"), ("t3", "s")])
    assert allocation.grants == {"t1": (), "t3": ("s",)}


def test_coverage_comes_before_tier() -> None:
    # t3 may work one shift a day; only t3 bid on the needed afternoon, so t3 gets it and t1 the morning.
    shifts = [_shift("morning", 0, 8, 4), _shift("afternoon", 0, 12, 4)]
    bids = [("t3", "morning"), ("t3", "afternoon"), ("t1", "morning")]
    allocation = _solve([Agent("t3", tier=3), Agent("t1", tier=1)], shifts, bids, _need(0, 12, 4, 1))
    assert allocation.grants == {"t3": ("afternoon",), "t1": ("morning",)}
    assert allocation.uncovered == {}


def test_fairness_gives_a_shift_to_the_agent_with_none_before_a_second_to_another() -> None:
    # Two one-seat shifts on two days; "busy" (tier 3) bid both, "idle" (tier 1) bid one: one each, not two to busy.
    shifts = [_shift("mon", 0, 8), _shift("tue", 1, 8)]
    allocation = _solve(
        [Agent("busy", tier=3), Agent("idle", tier=1)], shifts, [("busy", "mon"), ("busy", "tue"), ("idle", "tue")]
    )
    assert allocation.grants == {"busy": ("mon",), "idle": ("tue",)}


def test_rest_of_ten_hours_is_kept_and_exactly_ten_is_enough() -> None:
    shifts = [_shift("mon-late", 0, 14), _shift("tue-early", 1, 6), _shift("tue-ten", 1, 8)]
    allocation = _solve([Agent("a", max_per_week=3)], shifts, [("a", "mon-late"), ("a", "tue-early"), ("a", "tue-ten")])
    # mon-late ends 22:00: tue 06:00 leaves 8 hours, tue 08:00 exactly 10.
    assert allocation.grants["a"] == ("mon-late", "tue-ten")


def test_rest_holds_across_the_week_boundary() -> None:
    shifts = [_shift("sun-late", 6, 14), _shift("mon-early", 7, 6)]
    problem = make_problem([Agent("a")], shifts, [Bid("a", "sun-late"), Bid("a", "mon-early")])
    allocation = allocate(problem, time_limit=LIMIT)
    assert allocation.grants["a"] == ("sun-late",)
    assert allocation.blocked == {("a", "mon-early"): "sun-late"}
    assert len(allocation.outcomes) == 2


def test_daily_and_weekly_most_are_kept() -> None:
    shifts = [_shift("early", 0, 6, 4), _shift("late", 0, 20, 4)] + [_shift(f"d{d}", d, 10) for d in range(1, 5)]
    bids = [("a", s.id) for s in shifts]
    one_a_day = _solve([Agent("a", max_per_day=1, max_per_week=3)], shifts, bids)
    assert len(one_a_day.grants["a"]) == 3
    assert not {"early", "late"} <= set(one_a_day.grants["a"])
    two_a_day = _solve([Agent("a", max_per_day=2, max_per_week=6)], shifts, bids)
    assert set(two_a_day.grants["a"]) == {s.id for s in shifts}  # 06-10 and 20-24 leave exactly 10 hours


def test_protected_target_is_base_or_bids_or_what_the_rules_allow() -> None:
    shifts = [_shift(f"d{d}", d, 8) for d in range(3)] + [_shift("d0-late", 0, 14)]
    agents = [
        Agent("base-bound", protected=True, base=2),
        Agent("few-bids", protected=True, base=3),
        Agent("rule-bound", protected=True, base=3, max_per_day=1),
    ]
    bids = [("base-bound", "d0"), ("base-bound", "d1"), ("base-bound", "d2"), ("few-bids", "d0")]
    bids += [("rule-bound", "d0"), ("rule-bound", "d0-late")]
    problem = make_problem(agents, [*shifts[:3], _shift("d0-late", 0, 14, seats=1)], [Bid(a, s) for a, s in bids])
    allocation = allocate(problem, time_limit=LIMIT)
    targets = {week.agent: (week.bids, week.allowed, week.target) for week in allocation.protected}
    assert targets == {"base-bound": (3, 3, 2), "few-bids": (1, 1, 1), "rule-bound": (2, 1, 1)}
    kinds = {shortfall.agent: shortfall.kind for shortfall in allocation.shortfalls}
    assert kinds == {"few-bids": ShortfallKind.BID_TOO_FEW, "rule-bound": ShortfallKind.RULES}
    assert allocation.protected_met


def test_over_subscribed_protected_agents_share_by_max_min_and_are_named() -> None:
    # Two one-seat shifts, two protected agents with base 2 who bid both: one each (share 1/2), not 2 and 0.
    shifts = [_shift("mon", 0, 8), _shift("tue", 1, 8)]
    agents = [Agent("p1", protected=True, base=2), Agent("p2", protected=True, base=2), Agent("t3", tier=3)]
    bids = [("p1", "mon"), ("p1", "tue"), ("p2", "mon"), ("p2", "tue"), ("t3", "mon")]
    allocation = _solve(agents, shifts, bids)
    assert sorted(len(allocation.grants[p]) for p in ("p1", "p2")) == [1, 1]
    assert allocation.grants["t3"] == ()
    assert not allocation.protected_met
    short = {s.agent: s for s in allocation.shortfalls}
    assert set(short) == {"p1", "p2"}
    assert all(s.kind is ShortfallKind.OVERSUBSCRIBED and s.target == 2 and s.granted == 1 for s in short.values())
    assert allocation.outcomes[0].protected_share == 0.5


def test_max_min_then_total_among_protected() -> None:
    # p1 (base 2) bid mon and tue, p2 (base 1) bid mon only: p2 gets mon, p1 tue (shares 1/2 and 1, not 1 and 0).
    shifts = [_shift("mon", 0, 8), _shift("tue", 1, 8)]
    agents = [Agent("p1", protected=True, base=2), Agent("p2", protected=True, base=1)]
    allocation = _solve(agents, shifts, [("p1", "mon"), ("p1", "tue"), ("p2", "mon")])
    assert allocation.grants == {"p1": ("tue",), "p2": ("mon",)}
    (short,) = allocation.shortfalls
    assert (short.agent, short.kind, short.shifts) == ("p1", ShortfallKind.OVERSUBSCRIBED, ("mon",))


def test_one_model_over_all_weeks_keeps_the_same_rules() -> None:
    shifts = [_shift("sun-late", 6, 14), _shift("mon-early", 7, 6), _shift("mon", 7, 8)]
    problem = make_problem([Agent("a")], shifts, [Bid("a", s.id) for s in shifts])
    allocation = allocate(problem, time_limit=LIMIT, decompose=False)
    assert check_allocation(problem, allocation.grants) == []
    assert len(allocation.grants["a"]) == 2 and len(allocation.outcomes) == 1


def test_a_solve_that_finds_nothing_raises_and_returns_no_schedule(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cp_model.CpSolver, "solve", lambda self, model, callback=None: cp_model.UNKNOWN)
    problem = make_problem([Agent("p", protected=True, base=1)], [_shift("s", 0, 8)], [Bid("p", "s")])
    with pytest.raises(BiddingUnsolved, match="the published schedule stands"):
        allocate(problem, time_limit=LIMIT)


def test_allowed_counts_the_best_chain_not_the_first() -> None:
    # Taking mon-late first would block both tuesday shifts; the most is mon-early + tue-late = 2.
    shifts = [
        _shift("mon-early", 0, 6, 4),
        _shift("mon-late", 0, 14),
        _shift("tue-early", 1, 6),
        _shift("tue-late", 1, 14),
    ]
    problem = make_problem([Agent("a", max_per_day=1)], shifts, [Bid("a", s.id) for s in shifts])
    index = _bidding_index.Index.of(problem)
    assert index.allowed("a", index.bids["a"]) == 2


# --- properties -------------------------------------------------------------------------------------------------

_HOURS = (0, 6, 8, 14, 16, 20)


@st.composite
def _problems(draw: st.DrawFn, protected_seats: bool = False) -> BiddingProblem:
    """Small two-week problems; with ``protected_seats`` every shift seats all its protected bidders."""
    templates = draw(
        st.lists(
            st.tuples(st.integers(0, 13), st.sampled_from(_HOURS), st.sampled_from((4, 8)), st.integers(1, 2)),
            min_size=2,
            max_size=9,
            unique_by=lambda t: t[:3],
        )
    )
    shifts = [_shift(f"s{n}", day, hour, hours, seats) for n, (day, hour, hours, seats) in enumerate(templates)]
    agents = []
    bids = []
    for number in range(draw(st.integers(2, 5))):
        max_week = draw(st.integers(1, 4))
        agent = Agent(
            f"a{number}",
            draw(st.booleans()),
            draw(st.integers(0, max_week)),
            draw(st.integers(1, 3)),
            draw(st.integers(1, 2)),
            max_week,
        )
        agents.append(agent)
        chosen = draw(st.lists(st.sampled_from(shifts), max_size=6, unique_by=lambda s: s.id))
        bids += [Bid(agent.id, shift.id) for shift in chosen]
    if protected_seats:
        protected = {a.id for a in agents if a.protected}
        count = {s.id: sum(b.shift == s.id and b.agent in protected for b in bids) for s in shifts}
        shifts = [Shift(s.id, s.start, s.end, max(s.seats, count[s.id])) for s in shifts]
    need = {}
    for day, hour, count in draw(st.lists(st.tuples(st.integers(0, 13), st.integers(0, 23), st.integers(0, 3)))):
        need |= _need(day, hour, 2, count)
    return make_problem(agents, shifts, bids, need)


def _most_alone(problem: BiddingProblem, agent: Agent, shifts: list[Shift]) -> int:
    """The most of ``shifts`` one agent can hold under the day, week and rest rules, by trying every subset."""
    for size in range(len(shifts), 0, -1):
        for subset in itertools.combinations(shifts, size):
            ordered = sorted(subset, key=lambda s: s.start)
            rest_ok = all(b.start >= a.end + MIN_REST for a, b in itertools.pairwise(ordered))
            days = [problem.day(s) for s in subset]
            if rest_ok and max(days.count(d) for d in days) <= agent.max_per_day and size <= agent.max_per_week:
                return size
    return 0


@settings(max_examples=40, deadline=None)
@given(_problems())
def test_every_allocation_keeps_every_hard_rule(problem: BiddingProblem) -> None:
    for decompose in (True, False):
        allocation = allocate(problem, time_limit=LIMIT, decompose=decompose)
        assert check_allocation(problem, allocation.grants) == []
        assert all(week.granted >= week.target for week in allocation.protected) == allocation.protected_met


@settings(max_examples=40, deadline=None)
@given(_problems(protected_seats=True))
def test_protected_agents_get_min_of_base_and_feasible_bids_when_feasible(problem: BiddingProblem) -> None:
    allocation = allocate(problem, time_limit=LIMIT)
    grants = {agent: [problem.shifts[s] for s in shifts] for agent, shifts in allocation.grants.items()}
    for agent in (a for a in problem.agents.values() if a.protected and a.base):
        bid = [problem.shifts[b.shift] for b in problem.bids if b.agent == agent.id]
        for week in sorted({problem.week(s) for s in bid}):
            earlier = [g for g in grants[agent.id] if problem.week(g) < week]
            this_week = [s for s in bid if problem.week(s) == week]
            free = [
                s for s in this_week if all(s.start >= e.end + MIN_REST or e.start >= s.end + MIN_REST for e in earlier)
            ]
            expected = min(agent.base, len(this_week), _most_alone(problem, agent, free))
            assert sum(problem.week(g) == week for g in grants[agent.id]) >= expected
    assert allocation.protected_met


def test_when_coverage_and_fairness_find_nothing_the_greedy_start_stands(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bidding_solve, "_run", lambda *args: (cp_model.UNKNOWN, None))
    shifts = [_shift("mon", 0, 8), _shift("tue", 1, 8, seats=2)]
    agents = [Agent("p", protected=True, base=1), Agent("a"), Agent("b", tier=3)]
    problem = make_problem(agents, shifts, [Bid(a.id, s.id) for a in agents for s in shifts])
    allocation = allocate(problem, time_limit=LIMIT)
    assert check_allocation(problem, allocation.grants) == []
    assert allocation.protected_met and not allocation.optimal
    assert sum(len(shifts) for shifts in allocation.grants.values()) == 3  # every seat filled


def test_an_allocation_that_breaks_a_rule_is_never_returned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bidding_solve, "fill", lambda index, candidates, granted: [*granted, ("a", "tue")])
    problem = make_problem([Agent("a")], [_shift("mon", 0, 8), _shift("tue", 1, 8)], [Bid("a", "mon")])
    with pytest.raises(BiddingUnsolved, match="broke a hard rule"):
        allocate(problem, time_limit=LIMIT)
