"""Why each bid was or was not granted: structured reasons (a code and its parameters) and a translated sentence.

Granted bids are explained by the first of: part of the agent's protected minimum (their earliest shifts of the
week up to the target), needed for coverage (some half-hour of the shift would be short without it), or an extra
shift for the agent's tier. A bid not granted lists every rule that stands in the way, from the allocation as
published: the rest rule against a granted shift (named), the daily or weekly most, a full shift (who holds the
seats, by priority). When nothing stands in the way, which only happens when the solver ran out of time, it says so.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from barrierfree.core.i18n import _
from barrierfree.workforce.bidding import INTERVAL, MIN_REST, BiddingProblem, Shift, gini
from barrierfree.workforce.bidding_solve import Allocation, Shortfall, ShortfallKind, coverage, coverage_ceiling

SECONDS_PER_HOUR = 3600


class ReasonCode(StrEnum):
    """What decided a bid."""

    PROTECTED_MINIMUM = "protected-minimum"
    COVERAGE = "coverage"
    EXTRA_TIER = "extra-tier"
    REST = "rest"
    DAILY_MAX = "daily-max"
    WEEKLY_MAX = "weekly-max"
    SHIFT_FULL = "shift-full"
    SOLVER_LIMIT = "solver-limit"


@dataclass(frozen=True)
class Reason:
    """One reason, with the parameters its sentence needs (all JSON-ready)."""

    code: ReasonCode
    params: Mapping[str, str | int] = field(default_factory=dict)

    def sentence(self) -> str:
        """The reason in the reader's language."""
        return reason_sentence(self)


@dataclass(frozen=True)
class BidDecision:
    """A bid, whether it was granted, and why."""

    agent: str
    shift: str
    granted: bool
    reasons: tuple[Reason, ...]

    def sentences(self) -> list[str]:
        """The reasons in the reader's language."""
        return [reason.sentence() for reason in self.reasons]


def explain(problem: BiddingProblem, allocation: Allocation, agent: str | None = None) -> list[BidDecision]:
    """A decision with reasons for every bid (or only ``agent``'s), in bid order."""
    holders: defaultdict[str, list[str]] = defaultdict(list)
    for holder, shifts in allocation.grants.items():
        for shift_id in shifts:
            holders[shift_id].append(holder)
    on_duty: defaultdict[dt.datetime, int] = defaultdict(int)
    for shift_id, names in holders.items():
        for moment in _half_hours(problem.shifts[shift_id]):
            on_duty[moment] += len(names)
    targets = {(week.agent, week.week): week.target for week in allocation.protected}
    need = {moment.astimezone(dt.UTC): count for moment, count in problem.requirement.items()}
    decisions = []
    for bid in problem.bids:
        if agent is not None and bid.agent != agent:
            continue
        shift = problem.shifts[bid.shift]
        if allocation.granted(bid.agent, bid.shift):
            reason = _granted_reason(problem, allocation, targets, (need, on_duty), bid.agent, shift)
            decisions.append(BidDecision(bid.agent, bid.shift, True, (reason,)))
        else:
            reasons = _refusal_reasons(problem, allocation, holders, bid.agent, shift)
            decisions.append(BidDecision(bid.agent, bid.shift, False, tuple(reasons)))
    return decisions


def _half_hours(shift: Shift) -> list[dt.datetime]:
    """The starts of the 30-minute intervals a shift covers, in UTC (so requirement keys compare equal)."""
    moments = []
    moment = shift.start.astimezone(dt.UTC)
    while moment < shift.end:
        moments.append(moment)
        moment += INTERVAL
    return moments


def _granted_reason(
    problem: BiddingProblem,
    allocation: Allocation,
    targets: Mapping[tuple[str, dt.date], int],
    duty: tuple[Mapping[dt.datetime, int], Mapping[dt.datetime, int]],
    agent: str,
    shift: Shift,
) -> Reason:
    """Why a granted bid was granted: protected minimum, coverage, or an extra for the tier."""
    week = problem.week(shift)
    target = targets.get((agent, week), 0)
    same_week = [s for s in allocation.grants[agent] if problem.week(problem.shifts[s]) == week]
    if same_week.index(shift.id) < target:
        return Reason(ReasonCode.PROTECTED_MINIMUM, {"target": target, "week": week.isoformat()})
    need, on_duty = duty
    short_without = sum(1 for moment in _half_hours(shift) if 0 < need.get(moment, 0) >= on_duty[moment])
    if short_without:
        return Reason(ReasonCode.COVERAGE, {"intervals": short_without})
    return Reason(ReasonCode.EXTRA_TIER, {"tier": problem.agents[agent].tier})


def _refusal_reasons(
    problem: BiddingProblem, allocation: Allocation, holders: Mapping[str, list[str]], agent: str, shift: Shift
) -> list[Reason]:
    """Every rule that stands in the way of a bid that was not granted."""
    rules = problem.agents[agent]
    mine = [problem.shifts[s] for s in allocation.grants.get(agent, ())]
    reasons = []
    for other in mine:
        first, second = (other, shift) if other.start <= shift.start else (shift, other)
        if second.start < first.end + MIN_REST:
            gap = max((second.start - first.end).total_seconds(), 0) / SECONDS_PER_HOUR
            reasons.append(
                Reason(
                    ReasonCode.REST,
                    {"other": other.id, "gap": f"{gap:g}", "hours": int(MIN_REST.total_seconds() // SECONDS_PER_HOUR)},
                )
            )
    day = problem.day(shift)
    if sum(problem.day(other) == day for other in mine) >= rules.max_per_day:
        reasons.append(Reason(ReasonCode.DAILY_MAX, {"day": day.isoformat(), "limit": rules.max_per_day}))
    week = problem.week(shift)
    if sum(problem.week(other) == week for other in mine) >= rules.max_per_week:
        reasons.append(Reason(ReasonCode.WEEKLY_MAX, {"week": week.isoformat(), "limit": rules.max_per_week}))
    taken = holders.get(shift.id, [])
    if len(taken) >= shift.seats:
        reasons.append(Reason(ReasonCode.SHIFT_FULL, _holders(problem, taken, rules.tier) | {"seats": shift.seats}))
    if not reasons:
        reasons.append(Reason(ReasonCode.SOLVER_LIMIT))
    return reasons


def _holders(problem: BiddingProblem, taken: list[str], tier: int) -> dict[str, str | int]:
    """Who holds a full shift's seats, by priority relative to an agent of ``tier``."""
    counts: dict[str, str | int] = {"protected": 0, "higher": 0, "same": 0, "others": 0}
    for name in taken:
        holder = problem.agents[name]
        if holder.protected:
            key = "protected"
        elif holder.tier > tier:
            key = "higher"
        elif holder.tier == tier:
            key = "same"
        else:
            key = "others"
        counts[key] = int(counts[key]) + 1
    return counts


def reason_sentence(reason: Reason) -> str:
    """One reason as a sentence in the reader's language."""
    params = reason.params
    match reason.code:
        case ReasonCode.PROTECTED_MINIMUM:
            text = _("Granted: part of your protected minimum of {target} shifts in the week of {week}.")
        case ReasonCode.COVERAGE:
            text = _("Granted for coverage: without you {intervals} half-hours of this shift would be short of agents.")
        case ReasonCode.EXTRA_TIER:
            text = _("Granted as an extra shift for performance tier {tier}.")
        case ReasonCode.REST:
            text = _("Not granted: only {gap} hours from your shift {other}; at least {hours} hours of rest are kept.")
        case ReasonCode.DAILY_MAX:
            text = _("Not granted: you already have the most shifts a day ({limit}) on {day}.")
        case ReasonCode.WEEKLY_MAX:
            text = _("Not granted: you already have the most shifts a week ({limit}) in the week of {week}.")
        case ReasonCode.SHIFT_FULL:
            text = _(
                "Not granted: all {seats} seats are taken: {protected} by protected agents, {higher} by a higher "
                "tier, {same} by your tier, {others} by agents with fewer shifts or needed for coverage."
            )
        case _other:
            text = _("Not granted: no rule stood in the way, but the solver ran out of time; ask for a new run.")
    return text.format(**params)


def shortfall_sentence(shortfall: Shortfall) -> str:
    """Why a protected agent got fewer shifts than base in a week, in the reader's language."""
    values = {
        "agent": shortfall.agent,
        "week": shortfall.week.isoformat(),
        "base": shortfall.base,
        "target": shortfall.target,
        "granted": shortfall.granted,
        "shifts": ", ".join(shortfall.shifts) or "-",
    }
    match shortfall.kind:
        case ShortfallKind.OVERSUBSCRIBED:
            text = _(
                "{agent}: {granted} of {target} protected shifts in the week of {week}: other protected agents hold "
                "the seats of the shifts they bid ({shifts})."
            )
        case ShortfallKind.BID_TOO_FEW:
            text = _("{agent}: base {base} in the week of {week}, but bid on too few shifts; granted {granted}.")
        case _other:
            text = _(
                "{agent}: base {base} in the week of {week}, but the rest, daily and weekly rules allow only "
                "{target} of their bids (blocked: {shifts}); granted {granted}."
            )
    return text.format(**values)


def schedule_document(problem: BiddingProblem, allocation: Allocation, agent: str | None = None) -> dict[str, Any]:
    """The published form of an allocation: figures, grants, named shortfalls and every bid's decision with reasons.

    With ``agent``, only that agent's grants and decisions (what the agent is shown).
    """
    covered, required = coverage(problem, allocation)
    coverable, _required = coverage_ceiling(problem)
    counts = [len(allocation.grants.get(name, ())) for name in problem.agents]
    chosen = [agent] if agent is not None else sorted(problem.agents)
    return {
        "seconds": round(allocation.seconds, 1),
        "optimal": allocation.optimal,
        "protected_met": allocation.protected_met,
        "coverage": {"covered": covered, "required": required, "coverable": coverable},
        "gini": round(gini(counts), 4),
        "grants": {name: list(allocation.grants.get(name, ())) for name in chosen},
        "shortfalls": [
            {
                "agent": shortfall.agent,
                "week": shortfall.week.isoformat(),
                "kind": shortfall.kind.value,
                "base": shortfall.base,
                "target": shortfall.target,
                "granted": shortfall.granted,
                "shifts": list(shortfall.shifts),
                "sentence": shortfall_sentence(shortfall),
            }
            for shortfall in allocation.shortfalls
            if agent is None or shortfall.agent == agent
        ],
        "decisions": [
            {
                "agent": decision.agent,
                "shift": decision.shift,
                "granted": decision.granted,
                "reasons": [
                    {"code": reason.code.value, "params": dict(reason.params), "sentence": reason.sentence()}
                    for reason in decision.reasons
                ],
            }
            for decision in explain(problem, allocation, agent)
        ],
    }
