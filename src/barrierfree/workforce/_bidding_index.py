"""The bidding problem in integers, and the quick heuristics around the CP-SAT solves (a greedy start, seat filling).

Private to :mod:`barrierfree.workforce.bidding_solve`: shifts as minutes since the epoch with their local day and
week, each agent's bids by start, the rest-rule clash test and the most of some bids an agent may hold alone.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from barrierfree.workforce.bidding import INTERVAL, MIN_REST, BiddingProblem

MINUTE = 60


@dataclass
class Index:
    """The problem in integers: minutes since the epoch, local day and week of each shift, bids per agent."""

    problem: BiddingProblem
    start: dict[str, int] = field(default_factory=dict)
    end: dict[str, int] = field(default_factory=dict)
    day: dict[str, dt.date] = field(default_factory=dict)
    week: dict[str, dt.date] = field(default_factory=dict)
    slots: dict[str, list[int]] = field(default_factory=dict)  # requirement slots (minutes) the shift covers
    need: dict[int, int] = field(default_factory=dict)
    bids: dict[str, list[str]] = field(default_factory=dict)  # agent -> bid shifts by start
    heuristics: bool = True  # greedy start and filling of free seats around the solves

    @classmethod
    def of(cls, problem: BiddingProblem) -> Index:
        """Index a problem once; everything the models need is looked up here."""
        index = cls(problem)
        index.need = {minutes(start): count for start, count in problem.requirement.items() if count > 0}
        step = int(INTERVAL.total_seconds()) // MINUTE
        for shift in problem.shifts.values():
            index.start[shift.id] = minutes(shift.start)
            index.end[shift.id] = minutes(shift.end)
            index.day[shift.id] = problem.day(shift)
            index.week[shift.id] = problem.week(shift)
            index.slots[shift.id] = [
                slot for slot in range(index.start[shift.id], index.end[shift.id], step) if slot in index.need
            ]
        by_agent: defaultdict[str, list[str]] = defaultdict(list)
        for bid in problem.bids:
            by_agent[bid.agent].append(bid.shift)
        index.bids = {agent: sorted(shifts, key=lambda s: (index.start[s], s)) for agent, shifts in by_agent.items()}
        return index

    def clash(self, first: str, second: str) -> bool:
        """Whether two shifts overlap or leave less than the minimum rest between them."""
        rest = int(MIN_REST.total_seconds()) // MINUTE
        if self.start[first] > self.start[second]:
            first, second = second, first
        return self.start[second] < self.end[first] + rest

    def allowed(self, agent: str, shifts: Sequence[str]) -> int:
        """Most of ``shifts`` (sorted by start) the agent could hold alone under the day, week and rest rules."""
        rules = self.problem.agents[agent]
        # Chains sorted by start: a shift that keeps the rest after the chain's last keeps it after all of them.
        best_at: dict[tuple[str, int], int] = {}  # (last shift, shifts on its day) -> most shifts in such a chain
        for shift in shifts:
            new = {(shift, 1): 1}
            for (last, on_day), count in best_at.items():
                if self.clash(last, shift):
                    continue
                if self.day[last] == self.day[shift]:
                    if on_day >= rules.max_per_day:
                        continue
                    key = (shift, on_day + 1)
                else:
                    key = (shift, 1)
                new[key] = max(new.get(key, 0), count + 1)
            best_at.update(new)
        return min(max(best_at.values(), default=0), rules.max_per_week)


def minutes(moment: dt.datetime) -> int:
    """Whole minutes since the epoch."""
    return int(moment.timestamp()) // MINUTE


def greedy(
    index: Index,
    candidates: Mapping[str, list[str]],
    caps: Mapping[tuple[str, dt.date], int],
    start: Mapping[tuple[str, str], int],
) -> dict[tuple[str, str], int]:
    """A quick complete allocation to start the search from: rounds in which each agent (higher tier first) gets
    the free bid covering most of the remaining need, on top of ``start`` (the protected stage's grants)."""
    rules = index.problem.agents
    granted = {key for key, value in start.items() if value}
    need = dict(index.need)
    seats = {shift_id: shift.seats for shift_id, shift in index.problem.shifts.items()}
    mine: defaultdict[str, list[str]] = defaultdict(list)
    for agent, shift in granted:
        seats[shift] -= 1
        mine[agent].append(shift)
        for slot in index.slots[shift]:
            need[slot] -= 1
    order = sorted(candidates, key=lambda agent: (-rules[agent].tier, agent))
    for _round in range(max(caps.values(), default=0)):
        for agent in order:
            best, gain = None, -1
            for shift in candidates[agent]:
                if (agent, shift) in granted or seats[shift] <= 0 or not fits(index, agent, shift, mine[agent]):
                    continue
                value = sum(1 for slot in index.slots[shift] if need[slot] > 0)
                if value > gain:
                    best, gain = shift, value
            if best is not None:
                granted.add((agent, best))
                seats[best] -= 1
                mine[agent].append(best)
                for slot in index.slots[best]:
                    need[slot] -= 1
    return {key: int(key in granted) for key in ((a, s) for a, shifts in candidates.items() for s in shifts)}


def covered_count(index: Index, granted: Iterable[tuple[str, str]]) -> int:
    """Covered agent-intervals of the requirement under some grants."""
    on_duty: defaultdict[int, int] = defaultdict(int)
    for _agent, shift in granted:
        for slot in index.slots[shift]:
            on_duty[slot] += 1
    return sum(min(count, index.need[slot]) for slot, count in on_duty.items())


def fill(index: Index, candidates: Mapping[str, list[str]], granted: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Add every bid that still breaks no rule and has a free seat (a solve stopped early may leave some): each one
    only adds coverage and fairness, and takes nothing from anyone."""
    held: defaultdict[str, list[str]] = defaultdict(list)
    seats = {shift_id: shift.seats for shift_id, shift in index.problem.shifts.items()}
    for agent, shift in granted:
        held[agent].append(shift)
        seats[shift] -= 1
    added = list(granted)
    for agent in sorted(candidates, key=lambda name: (len(held[name]), -index.problem.agents[name].tier, name)):
        for shift in candidates[agent]:
            if shift not in held[agent] and seats[shift] > 0 and fits(index, agent, shift, held[agent]):
                held[agent].append(shift)
                seats[shift] -= 1
                added.append((agent, shift))
    return added


def fits(index: Index, agent: str, shift: str, held: list[str]) -> bool:
    """Whether the agent may take ``shift`` next to the shifts held: rest, daily and weekly most."""
    rules = index.problem.agents[agent]
    if any(index.clash(other, shift) for other in held):
        return False
    if sum(index.day[other] == index.day[shift] for other in held) >= rules.max_per_day:
        return False
    return sum(index.week[other] == index.week[shift] for other in held) < rules.max_per_week
