"""Every bid's explanation: the right reason codes and parameters, and sentences in English and Chinese."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from hypothesis import given, settings

from barrierfree.core.i18n import use_language
from barrierfree.workforce.bidding import DEFAULT_TIMEZONE, Agent, Bid, BiddingProblem, Shift, make_problem
from barrierfree.workforce.bidding_explain import BidDecision, Reason, ReasonCode, explain, shortfall_sentence
from barrierfree.workforce.bidding_solve import allocate
from tests.unit.workforce.test_bidding_solve import _problems

MONDAY = dt.date(2026, 12, 7)
LIMIT = 20.0


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in English."""
    with use_language("en"):
        yield


def _shift(shift_id: str, day: int, hour: float, hours: float = 8, seats: int = 1) -> Shift:
    start = dt.datetime.combine(MONDAY, dt.time(), DEFAULT_TIMEZONE) + dt.timedelta(days=day, hours=hour)
    return Shift(shift_id, start, start + dt.timedelta(hours=hours), seats)


def _decisions(problem: BiddingProblem) -> dict[tuple[str, str], BidDecision]:
    allocation = allocate(problem, time_limit=LIMIT)
    return {(d.agent, d.shift): d for d in explain(problem, allocation)}


def test_granted_bids_say_protected_minimum_coverage_or_tier_extra() -> None:
    shifts = [_shift("mon", 0, 8), _shift("tue", 1, 8), _shift("wed", 2, 8)]
    need = {dt.datetime(2026, 12, 8, 8, tzinfo=DEFAULT_TIMEZONE): 1}
    agents = [Agent("p", protected=True, base=1, tier=2)]
    problem = make_problem(agents, shifts, [Bid("p", s.id) for s in shifts], need)
    decisions = _decisions(problem)
    assert decisions[("p", "mon")].reasons == (
        Reason(ReasonCode.PROTECTED_MINIMUM, {"target": 1, "week": "2026-12-07"}),
    )
    assert decisions[("p", "tue")].reasons == (Reason(ReasonCode.COVERAGE, {"intervals": 1}),)
    assert decisions[("p", "wed")].reasons == (Reason(ReasonCode.EXTRA_TIER, {"tier": 2}),)
    assert decisions[("p", "tue")].sentences() == [
        "Granted for coverage: without you 1 half-hours of this shift would be short of agents."
    ]


def test_refused_bids_name_the_rule_and_the_other_shift() -> None:
    shifts = [_shift("mon-late", 0, 14), _shift("tue-early", 1, 6), _shift("wed", 2, 8), _shift("wed-late", 2, 20, 4)]
    need = {shifts[0].start: 1, shifts[2].start: 1}  # coverage decides which two of the four
    problem = make_problem([Agent("a", max_per_day=1, max_per_week=2)], shifts, [Bid("a", s.id) for s in shifts], need)
    decisions = _decisions(problem)
    granted = {shift for (_agent, shift), d in decisions.items() if d.granted}
    assert granted == {"mon-late", "wed"}
    early = decisions[("a", "tue-early")]
    assert early.reasons[0] == Reason(ReasonCode.REST, {"other": "mon-late", "gap": "8", "hours": 10})
    assert (
        early.sentences()[0]
        == "Not granted: only 8 hours from your shift mon-late; at least 10 hours of rest are kept."
    )
    assert ReasonCode.WEEKLY_MAX in {r.code for r in early.reasons}
    late = decisions[("a", "wed-late")]
    assert [r.code for r in late.reasons] == [ReasonCode.REST, ReasonCode.DAILY_MAX, ReasonCode.WEEKLY_MAX]
    assert late.reasons[0].params["other"] == "wed"  # 16:00 to 20:00 is 4 hours
    assert "the most shifts a day (1) on 2026-12-09" in late.sentences()[1]


def test_a_full_shift_says_who_holds_the_seats() -> None:
    shifts = [_shift("s", 0, 8, seats=2)]
    agents = [Agent("p", protected=True, base=1), Agent("t3", tier=3), Agent("t2", tier=2)]
    problem = make_problem(agents, shifts, [Bid(a.id, "s") for a in agents])
    refused = _decisions(problem)[("t2", "s")]
    assert not refused.granted
    assert refused.reasons == (
        Reason(ReasonCode.SHIFT_FULL, {"protected": 1, "higher": 1, "same": 0, "others": 0, "seats": 2}),
    )


def test_shortfalls_and_reasons_read_in_chinese_too() -> None:
    shifts = [_shift("mon", 0, 8), _shift("tue", 1, 8)]
    agents = [Agent("p1", protected=True, base=2), Agent("p2", protected=True, base=2)]
    problem = make_problem(agents, shifts, [Bid(a.id, s.id) for a in agents for s in shifts])
    allocation = allocate(problem, time_limit=LIMIT)
    sentence = shortfall_sentence(allocation.shortfalls[0])
    assert "1 of 2 protected shifts in the week of 2026-12-07" in sentence
    with use_language("zh-CN"):
        chinese = shortfall_sentence(allocation.shortfalls[0])
        refused = next(d for d in explain(problem, allocation) if not d.granted)
        assert chinese != sentence and "2026-12-07" in chinese
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in text) for text in refused.sentences())


@settings(max_examples=25, deadline=None)
@given(_problems())
def test_every_bid_gets_a_true_reason(problem: BiddingProblem) -> None:
    allocation = allocate(problem, time_limit=LIMIT)
    decisions = explain(problem, allocation)
    assert len(decisions) == len(problem.bids)
    for decision in decisions:
        assert decision.granted == allocation.granted(decision.agent, decision.shift)
        assert decision.reasons and all(decision.sentences())
        codes = {reason.code for reason in decision.reasons}
        if decision.granted:
            assert codes <= {ReasonCode.PROTECTED_MINIMUM, ReasonCode.COVERAGE, ReasonCode.EXTRA_TIER}
        else:
            # The solver proves these small cases optimal: a refused bid always has a rule in its way.
            assert ReasonCode.SOLVER_LIMIT not in codes
            shift = problem.shifts[decision.shift]
            held = [problem.shifts[s] for s in allocation.grants[decision.agent]]
            if ReasonCode.SHIFT_FULL in codes:
                holders = sum(shift.id in shifts for shifts in allocation.grants.values())
                assert holders >= shift.seats
            if codes == {ReasonCode.REST}:
                assert any(abs((other.start - shift.start).total_seconds()) < 30 * 3600 for other in held)
