"""Granting bids with OR-Tools CP-SAT, one week at a time, in lexicographic stages.

Hard rules: only bid shifts are granted, no shift gets more agents than seats, an agent gets at most ``max_per_day``
shifts a local day and ``max_per_week`` a local week, and at least :data:`~barrierfree.workforce.bidding.MIN_REST`
lies between any two granted shifts of one agent. Each week is solved on its own, the earlier weeks' grants fixed
(so the rest rule holds across the week boundary), in three solves that each start from the last one's solution:

1. *protected*: only protected agents' bids. Each protected agent's target for the week is
   ``min(base, shifts they bid, what the hard rules allow them alone)``. The model maximises the smallest share of
   target met over protected agents (max-min, linear), then the total met. When every target is met the targets
   become hard constraints of the next models; when not, the agents below target are named (see ``shortfalls``)
   and the next models keep the same smallest share and total.
2. *coverage*: every bid; maximise the covered agent-intervals of the requirement (from a greedy start).
3. *fairness*: coverage kept; each agent's k-th shift of the week weighs twice their (k+1)-th, so shifts go to
   those with fewer first (a linear, leximin-style max-min objective, no variance), and the tier of each grant
   breaks ties (a contested seat between equals goes to the higher tier).

Coverage and fairness stop within :data:`RELATIVE_GAP` of their bound or at their share of the time; bids that
still have a free seat and break no rule are then granted.

A solve that ends without any solution raises :class:`BiddingUnsolved`: no partial schedule is ever returned as if
complete. A solution cut short by the time limit is complete (every hard rule holds) and says ``optimal=False``.
``decompose=False`` puts all weeks in one model, the peer method measured in ``benchmarks/bidding_scale.py``.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ortools.sat.python import cp_model

from barrierfree.core.i18n import _
from barrierfree.workforce._bidding_index import MINUTE, Index, covered_count, fill, greedy, minutes
from barrierfree.workforce.bidding import MIN_REST, BiddingProblem, check_allocation
from barrierfree.workforce.errors import WorkforceError

DEFAULT_TIME_LIMIT = 240.0
"""Seconds for the whole allocation, shared among the weeks."""
DEFAULT_WORKERS = 2
PROTECTED_SHARE = 0.3
"""Share of a week's time budget the protected model may use; the main model gets the rest."""
MIN_SOLVE_SECONDS = 1.0
SUBSOLVERS = ("max_lp", "default_lp")
RATIO_SCALE = 1000
"""Shares of a target are whole thousandths in the model (CP-SAT works in integers)."""
COVERAGE_SHARE = 0.5
"""Share of the main model's time for its first objective, coverage; fairness and tiers get the rest."""
FAIRNESS_RATIO = 2
RELATIVE_GAP = 0.001
"""Coverage and fairness solves stop within 0.1 % of the proven bound (the protected stage is solved exactly)."""
"""An agent's k-th shift of a week weighs this many times their (k+1)-th in the fairness objective."""


class BiddingUnsolved(WorkforceError):
    """The solver found no allocation in time (or none exists): nothing is published, the last schedule stands."""

    code = "workforce-bidding-unsolved"


class ShortfallKind(StrEnum):
    """Why a protected agent got fewer than ``base`` shifts in a week."""

    BID_TOO_FEW = "bid-too-few"  # fewer bids than base: the target is the bids
    RULES = "rules"  # the hard rules allow fewer of their bids than base
    OVERSUBSCRIBED = "over-subscribed"  # below the target: other protected agents hold the seats


@dataclass(frozen=True)
class ProtectedWeek:
    """A protected agent's week: base, bids, what the rules allow alone, the target and what was granted."""

    agent: str
    week: dt.date
    base: int
    bids: int
    allowed: int
    target: int
    granted: int


@dataclass(frozen=True)
class Shortfall:
    """A protected agent below base in a week, and why; ``shifts`` names the contested or blocked shifts."""

    agent: str
    week: dt.date
    kind: ShortfallKind
    base: int
    target: int
    granted: int
    shifts: tuple[str, ...] = ()


@dataclass(frozen=True)
class StageResult:
    """One CP-SAT solve: which stage, its status name, the objective reached and the proven bound, the time taken."""

    stage: str
    status: str
    objective: float
    bound: float
    seconds: float


@dataclass(frozen=True)
class WeekOutcome:
    """How one group of weeks went: whether each stage was proven optimal, what it covered, the time taken."""

    weeks: tuple[dt.date, ...]
    protected_optimal: bool
    main_optimal: bool
    protected_share: float  # smallest share of target met over protected agents (1.0 = all met)
    covered: int  # agent-intervals of the requirement the weeks' grants cover
    seconds: float
    stages: tuple[StageResult, ...] = ()


@dataclass(frozen=True)
class Allocation:
    """A complete allocation: granted shifts per agent, protected targets, named shortfalls, what is uncovered."""

    grants: Mapping[str, tuple[str, ...]]
    protected: tuple[ProtectedWeek, ...]
    shortfalls: tuple[Shortfall, ...]
    uncovered: Mapping[dt.datetime, int]
    blocked: Mapping[tuple[str, str], str]  # (agent, shift) -> granted shift of an earlier week it is too close to
    outcomes: tuple[WeekOutcome, ...]
    seconds: float
    optimal: bool = field(default=False)

    def granted(self, agent: str, shift: str) -> bool:
        """Whether the agent got the shift."""
        return shift in self.grants.get(agent, ())

    @property
    def protected_met(self) -> bool:
        """Whether every protected agent got their target in every week."""
        return all(week.granted >= week.target for week in self.protected)


def allocate(
    problem: BiddingProblem,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    num_workers: int = DEFAULT_WORKERS,
    decompose: bool = True,
    heuristics: bool = True,
) -> Allocation:
    """Grant bids under the hard rules (see the module docstring); BiddingUnsolved when no allocation is found in time.

    ``heuristics=False`` leaves out the greedy start and the filling of free seats (CP-SAT alone, for comparison).
    """
    began = time.monotonic()
    deadline = began + time_limit
    index = Index.of(problem)
    index.heuristics = heuristics
    weeks = sorted({index.week[bid.shift] for bid in problem.bids})
    groups = [[week] for week in weeks] if decompose else ([weeks] if weeks else [])
    grants: defaultdict[str, list[str]] = defaultdict(list)
    protected: list[ProtectedWeek] = []
    blocked: dict[tuple[str, str], str] = {}
    outcomes = []
    for number, group in enumerate(groups):
        budget = (deadline - time.monotonic()) / (len(groups) - number)
        outcome, granted, group_protected = _solve_group(index, group, grants, blocked, budget, num_workers)
        for agent, shift in granted:
            grants[agent].append(shift)
        protected += group_protected
        outcomes.append(outcome)
    counted = defaultdict(int, {(agent, index.week[s]): 0 for agent, shifts in grants.items() for s in shifts})
    for agent, shifts in grants.items():
        for shift in shifts:
            counted[(agent, index.week[shift])] += 1
    protected = [_with_granted(week, counted[(week.agent, week.week)]) for week in protected]
    final = {agent: tuple(sorted(grants.get(agent, ()), key=index.start.__getitem__)) for agent in index.bids}
    if check_allocation(problem, final):
        raise BiddingUnsolved(
            _("The allocation broke a hard rule and was not published: the published schedule stands.")
        )
    return Allocation(
        grants=final,
        protected=tuple(protected),
        shortfalls=tuple(_shortfalls(index, protected, final, blocked)),
        uncovered=_uncovered(index, final),
        blocked=blocked,
        outcomes=tuple(outcomes),
        seconds=time.monotonic() - began,
        optimal=all(outcome.protected_optimal and outcome.main_optimal for outcome in outcomes),
    )


def _with_granted(week: ProtectedWeek, granted: int) -> ProtectedWeek:
    """The same protected week with its granted count filled in."""
    return ProtectedWeek(week.agent, week.week, week.base, week.bids, week.allowed, week.target, granted)


@dataclass
class _Model:
    """One CP-SAT model over some agents' candidate bids, with the hard rules in place."""

    model: cp_model.CpModel
    chosen: dict[tuple[str, str], cp_model.IntVar]
    totals: dict[tuple[str, dt.date], cp_model.LinearExprT]
    week: Mapping[str, dt.date]
    covering: defaultdict[int, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    cover: list[tuple[int, cp_model.IntVar]] = field(default_factory=list)
    met: dict[tuple[str, dt.date], tuple[cp_model.IntVar, int]] = field(default_factory=dict)
    levels: list[tuple[int, cp_model.IntVar, tuple[str, dt.date], int]] = field(default_factory=list)


def _rules_model(index: Index, candidates: Mapping[str, list[str]]) -> _Model:
    """Boolean per candidate bid; seats, day and week most, and the rest rule as at-most-one cliques."""
    model = cp_model.CpModel()
    chosen: dict[tuple[str, str], cp_model.IntVar] = {}
    by_shift: defaultdict[str, list[cp_model.IntVar]] = defaultdict(list)
    totals: dict[tuple[str, dt.date], cp_model.LinearExprT] = {}
    rest = int(MIN_REST.total_seconds()) // MINUTE
    for agent, shifts in candidates.items():
        rules = index.problem.agents[agent]
        per_day: defaultdict[dt.date, list[cp_model.IntVar]] = defaultdict(list)
        per_week: defaultdict[dt.date, list[cp_model.IntVar]] = defaultdict(list)
        for shift in shifts:
            var = model.new_bool_var(f"x[{agent},{shift}]")
            chosen[(agent, shift)] = var
            by_shift[shift].append(var)
            per_day[index.day[shift]].append(var)
            per_week[index.week[shift]].append(var)
        for day_vars in per_day.values():
            if len(day_vars) > rules.max_per_day:
                model.add(sum(day_vars) <= rules.max_per_day)
        for week, week_vars in per_week.items():
            if len(week_vars) > rules.max_per_week:
                model.add(sum(week_vars) <= rules.max_per_week)
            totals[(agent, week)] = sum(week_vars)
        # Shifts clash exactly when their spans extended by the rest overlap: an interval graph, whose maximal
        # cliques are the shifts running (with rest) at some shift's start.
        cliques: set[tuple[str, ...]] = set()
        for shift in shifts:
            moment = index.start[shift]
            clique = tuple(s for s in shifts if index.start[s] <= moment < index.end[s] + rest)
            if len(clique) > 1:
                cliques.add(clique)
        for clique in cliques:
            model.add_at_most_one(chosen[(agent, s)] for s in clique)
    for shift, shift_vars in by_shift.items():
        if len(shift_vars) > index.problem.shifts[shift].seats:
            model.add(sum(shift_vars) <= index.problem.shifts[shift].seats)
    return _Model(model, chosen, totals, index.week)


def _solver(seconds: float, num_workers: int, gap: float = 0.0) -> cp_model.CpSolver:
    """A CP-SAT solver with a time limit and a fixed number of workers, its full worker on the complete LP.

    With two workers CP-SAT's default full worker leaves the at-most-one (rest) constraints out of its LP and never
    raises the bound; ``max_lp`` linearises everything, and proves optimality in a fraction of the time.
    """
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(seconds, MIN_SOLVE_SECONDS)
    solver.parameters.num_workers = num_workers
    solver.parameters.relative_gap_limit = gap
    for name in SUBSOLVERS:
        solver.parameters.subsolvers.append(name)
    return solver


def _solve_group(
    index: Index,
    weeks: list[dt.date],
    earlier: Mapping[str, list[str]],
    blocked: dict[tuple[str, str], str],
    budget: float,
    num_workers: int,
) -> tuple[WeekOutcome, list[tuple[str, str]], list[ProtectedWeek]]:
    """Solve the weeks of one group (both models), the earlier grants fixed."""
    began = time.monotonic()
    in_group = set(weeks)
    candidates: dict[str, list[str]] = {}
    protected: list[ProtectedWeek] = []
    caps: dict[tuple[str, dt.date], int] = {}
    for agent, shifts in index.bids.items():
        mine = [shift for shift in shifts if index.week[shift] in in_group]
        usable = []
        for shift in mine:
            clash = next((fixed for fixed in earlier.get(agent, ()) if index.clash(fixed, shift)), None)
            if clash is None:
                usable.append(shift)
            else:
                blocked[(agent, shift)] = clash
        if usable:
            candidates[agent] = usable
        rules = index.problem.agents[agent]
        for week in weeks:
            bid = [shift for shift in mine if index.week[shift] == week]
            if not bid:
                continue
            caps[(agent, week)] = index.allowed(agent, [shift for shift in usable if index.week[shift] == week])
            if rules.protected and rules.base:
                allowed = caps[(agent, week)]
                target = min(rules.base, len(bid), allowed)
                protected.append(ProtectedWeek(agent, week, rules.base, len(bid), allowed, target, 0))
    targets = {(week.agent, week.week): week.target for week in protected if week.target}
    stages: list[StageResult] = []
    share, total, protected_optimal, hint = _protected_stage(
        index, candidates, targets, budget * PROTECTED_SHARE, (num_workers, stages)
    )
    remaining = budget - (time.monotonic() - began)
    granted, covered, main_optimal = _main_stage(
        index, candidates, targets, (share, total), caps, hint, remaining, (num_workers, stages)
    )
    outcome = WeekOutcome(
        tuple(weeks),
        protected_optimal,
        main_optimal,
        share / RATIO_SCALE,
        covered,
        time.monotonic() - began,
        tuple(stages),
    )
    return outcome, granted, protected


def _protected_stage(
    index: Index,
    candidates: Mapping[str, list[str]],
    targets: Mapping[tuple[str, dt.date], int],
    seconds: float,
    run: tuple[int, list[StageResult]],
) -> tuple[int, int, bool, dict[tuple[str, str], int]]:
    """Max-min share of target over protected agents, then the total met: (share, total, optimal, solution)."""
    if not targets:
        return RATIO_SCALE, 0, True, {}
    agents = {agent for agent, _week in targets}
    built = _rules_model(index, {agent: shifts for agent, shifts in candidates.items() if agent in agents})
    floor = built.model.new_int_var(0, RATIO_SCALE, "share")
    met = _met_vars(built, targets)
    for key, target in targets.items():
        built.model.add(RATIO_SCALE * met[key] >= target * floor)
    total = sum(met.values())
    built.model.maximize((sum(targets.values()) + 1) * floor + total)
    solver = _solver(seconds, run[0])
    began = time.monotonic()
    status = solver.solve(built.model)
    run[1].append(_stage("protected", solver, status, began))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise BiddingUnsolved(
            _(
                "No allocation of the protected shifts was found in {seconds} seconds: the published schedule stands."
            ).format(seconds=round(seconds))
        )
    hint = {key: int(solver.value(var)) for key, var in built.chosen.items()}
    return int(solver.value(floor)), int(solver.value(total)), status == cp_model.OPTIMAL, hint


def _stage(name: str, solver: cp_model.CpSolver, status: Any, began: float) -> StageResult:
    """What one solve (started at ``began``, monotonic seconds) reached."""
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return StageResult(
        name,
        solver.status_name(status),
        solver.objective_value if found else math.nan,
        solver.best_objective_bound if found else math.nan,
        time.monotonic() - began,
    )


def _met_vars(built: _Model, targets: Mapping[tuple[str, dt.date], int]) -> dict[tuple[str, dt.date], cp_model.IntVar]:
    """``met = min(granted, target)`` for each protected week, as ``met <= granted`` with ``met`` at most target."""
    met = {}
    for key, target in targets.items():
        var = built.model.new_int_var(0, target, f"met[{key[0]},{key[1]}]")
        built.model.add(var <= built.totals.get(key, 0))
        met[key] = var
        built.met[key] = (var, target)
    return met


def _main_stage(
    index: Index,
    candidates: Mapping[str, list[str]],
    targets: Mapping[tuple[str, dt.date], int],
    protected: tuple[int, int],
    caps: Mapping[tuple[str, dt.date], int],
    hint: Mapping[tuple[str, str], int],
    seconds: float,
    run: tuple[int, list[StageResult]],
) -> tuple[list[tuple[str, str]], int, bool]:
    """Coverage first, then fairness with tiers breaking ties, protected results kept: (grants, covered, optimal)."""
    began = time.monotonic()
    built = _rules_model(index, candidates)
    model = built.model
    share, total = protected
    if share >= RATIO_SCALE:
        for key, target in targets.items():
            model.add(built.totals.get(key, 0) >= target)
    elif targets:
        met = _met_vars(built, targets)
        for key, target in targets.items():
            model.add(RATIO_SCALE * met[key] >= target * share)
        model.add(sum(met.values()) >= total)
    cover_vars = _coverage(index, built)
    covered = sum(var for _slot, var in cover_vars)
    model.maximize(covered)
    start = greedy(index, candidates, caps, hint) if index.heuristics else hint
    _hint(built, index, start)
    cover_status, solution = _run(built, "coverage", seconds * COVERAGE_SHARE, run)
    if solution is None and index.heuristics:
        # The greedy start is itself complete: every hard rule and the protected result hold in it.
        solution = (dict(start), covered_count(index, [key for key, value in start.items() if value]))
    if solution is None:
        raise BiddingUnsolved(
            _("No allocation was found in {seconds} seconds: the published schedule stands.").format(
                seconds=round(seconds * COVERAGE_SHARE)
            )
        )
    model.add(covered >= solution[1])
    levels = _fairness_levels(built, caps)
    tier_total = sum(index.problem.agents[agent].tier for agent, _shift in built.chosen) + 1
    model.maximize(
        tier_total * sum(weight * level for weight, level, _key, _k in levels)
        + sum(index.problem.agents[agent].tier * var for (agent, _shift), var in built.chosen.items())
    )
    _hint(built, index, solution[0])
    fair_status, final = _run(built, "fairness", seconds - (time.monotonic() - began), run)
    # The fairness stage starts from the coverage stage's complete solution; should it still find none in time, that
    # solution stands (every hard rule and protected result holds), marked as not optimal.
    chosen = final if final is not None else solution
    granted = [key for key, value in chosen[0].items() if value]
    if index.heuristics:
        granted = fill(index, candidates, granted)
    return granted, solution[1], cover_status == fair_status == cp_model.OPTIMAL


def _hint(built: _Model, index: Index, values: Mapping[tuple[str, str], int]) -> None:
    """Start the search from a complete known solution: the bids, and what they imply for every helper variable."""
    built.model.clear_hints()
    for key, var in built.chosen.items():
        built.model.add_hint(var, values.get(key, 0))
    counts: defaultdict[tuple[str, dt.date], int] = defaultdict(int)
    for (agent, shift), value in values.items():
        if (agent, shift) in built.chosen:
            counts[(agent, built.week[shift])] += value
    for _weight, level, week_key, k in built.levels:
        built.model.add_hint(level, int(counts[week_key] >= k))
    for week_key, (var, target) in built.met.items():
        built.model.add_hint(var, min(counts[week_key], target))
    for slot, var in built.cover:
        on_duty = sum(values.get(key, 0) for key in built.covering[slot])
        built.model.add_hint(var, min(on_duty, index.need[slot]))


def _run(
    built: _Model, stage: str, seconds: float, run: tuple[int, list[StageResult]]
) -> tuple[Any, tuple[dict[tuple[str, str], int], int] | None]:
    """Solve; (status, (value of each bid, objective)), or (status, None) when no solution was found in time."""
    solver = _solver(seconds, run[0], RELATIVE_GAP)
    began = time.monotonic()
    status = solver.solve(built.model)
    run[1].append(_stage(stage, solver, status, began))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return status, None
    values = {key: int(solver.boolean_value(var)) for key, var in built.chosen.items()}
    return status, (values, round(solver.objective_value))


def _fairness_levels(
    built: _Model, caps: Mapping[tuple[str, dt.date], int]
) -> list[tuple[int, cp_model.IntVar, tuple[str, dt.date], int]]:
    """(weight, level, agent's week, k): level k of an agent's week is on when they hold k shifts; earlier levels weigh more.

    Weights fall geometrically (:data:`FAIRNESS_RATIO`), so a shift to an agent with fewer shifts outweighs shifts to
    agents with more: a linear stand-in for max-min (leximin) fairness, with no variance term.
    """
    top = max(caps.values(), default=0)
    levels = []
    for key, cap in caps.items():
        if key not in built.totals or not cap:
            continue
        steps = [built.model.new_bool_var(f"level[{key[0]},{key[1]},{k}]") for k in range(cap)]
        for higher, lower in zip(steps[1:], steps, strict=False):
            built.model.add_implication(higher, lower)
        built.model.add(built.totals[key] == sum(steps))
        levels += [(FAIRNESS_RATIO ** (top - k), step, key, k) for k, step in enumerate(steps, start=1)]
    built.levels = levels
    return levels


def _coverage(index: Index, built: _Model) -> list[tuple[int, cp_model.IntVar]]:
    """Covered agents per requirement slot: at most the need, at most the granted shifts over it."""
    for key in built.chosen:
        for slot in index.slots[key[1]]:
            built.covering[slot].append(key)
    covered = []
    for slot, keys in built.covering.items():
        var = built.model.new_int_var(0, min(index.need[slot], len(keys)), f"cover[{slot}]")
        built.model.add(var <= sum(built.chosen[key] for key in keys))
        covered.append((slot, var))
    built.cover = covered
    return covered


def _uncovered(index: Index, grants: Mapping[str, Iterable[str]]) -> dict[dt.datetime, int]:
    """Agents missing per requirement interval under the grants (intervals fully covered are left out)."""
    on_duty: defaultdict[int, int] = defaultdict(int)
    for shifts in grants.values():
        for shift in shifts:
            for slot in index.slots[shift]:
                on_duty[slot] += 1
    missing = {}
    for start, count in index.problem.requirement.items():
        short = count - on_duty.get(minutes(start), 0)
        if short > 0:
            missing[start] = short
    return missing


def _shortfalls(
    index: Index,
    protected: list[ProtectedWeek],
    grants: Mapping[str, tuple[str, ...]],
    blocked: Mapping[tuple[str, str], str],
) -> list[Shortfall]:
    """Protected agents below base, with the reason: too few bids, the rules, or seats held by other protected agents."""
    holders: defaultdict[str, list[str]] = defaultdict(list)
    for agent, shifts in grants.items():
        for shift in shifts:
            holders[shift].append(agent)
    found = []
    for week in protected:
        bid = [shift for shift in index.bids[week.agent] if index.week[shift] == week.week]
        if week.granted < week.target:
            full = tuple(
                shift
                for shift in bid
                if shift not in grants[week.agent] and len(holders[shift]) >= index.problem.shifts[shift].seats
            )
            kind = ShortfallKind.OVERSUBSCRIBED
            shifts = full
        elif week.granted < week.base and week.allowed < min(week.base, week.bids):
            kind, shifts = ShortfallKind.RULES, tuple(s for s in bid if (week.agent, s) in blocked)
        elif week.granted < week.base and week.bids < week.base:
            kind, shifts = ShortfallKind.BID_TOO_FEW, ()
        else:
            continue
        found.append(Shortfall(week.agent, week.week, kind, week.base, week.target, week.granted, shifts))
    return found


def coverage(problem: BiddingProblem, allocation: Allocation) -> tuple[int, int]:
    """(covered, required) agent-intervals of the requirement under the allocation."""
    required = sum(problem.requirement.values())
    return required - sum(allocation.uncovered.values()), required


def coverage_ceiling(problem: BiddingProblem) -> tuple[int, int]:
    """(coverable, required): covered agent-intervals if every shift were filled with as many bidders as it has seats."""
    index = Index.of(problem)
    bidders: defaultdict[str, int] = defaultdict(int)
    for bid in problem.bids:
        bidders[bid.shift] += 1
    on_duty: defaultdict[int, int] = defaultdict(int)
    for shift_id, count in bidders.items():
        for slot in index.slots[shift_id]:
            on_duty[slot] += min(count, problem.shifts[shift_id].seats)
    required = sum(problem.requirement.values())
    return sum(min(need, on_duty[slot]) for slot, need in index.need.items()), required
