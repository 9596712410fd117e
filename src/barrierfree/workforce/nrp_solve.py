"""A nurse-rostering solver for Curtois-Qu instances: DP lines per employee and CP-SAT on sub-problems (LNS).

Every hard rule binds one employee alone; only cover ties employees together. So a first roster is built one
employee at a time, each given its best line against the cover the others already have, by dynamic programming
over (day, run-automaton state, minutes) in ``_nrp_dp`` (a small CP-SAT model of that employee where the DP table
would be too large or finds no line); small problems are first solved whole by CP-SAT instead. On small instances
whose DP is exact for weekends, column generation (``_nrp_columns``: an LP over whole lines, priced by that DP)
and the whole model restricted to the cells that LP uses give a better roster next. It is then improved by two
kinds of moves: re-planning single employees
exactly by that DP (everyone else fixed); and re-solving sub-problems with CP-SAT and everything else fixed: a few
employees over the whole horizon, or more employees over a window of days, drawn uniformly or where the roster
pays penalties. A neighbourhood's size grows when CP-SAT proves its sub-problem optimal and shrinks when it runs
out of time; when one neighbourhood is the whole problem and is proved optimal, so is the roster. Where a shift
type is short (its cover asks for more than the contracts can give), the other types' cover is a hard rule in
the whole model and the neighbourhoods (``_whole_model``), and that model first runs restricted to the cells an LP
over whole lines uses (column generation priced exactly by CP-SAT, ``_guided_start``). Where no type is short,
the whole model starts from the fewest missing shifts, found by that guided start on the cover alone, and keeps
the under-cover at most that for a while (``_cover_first``). The model is exact: the
fewest-consecutive rules are clauses that forbid a short block only when it has a neighbour inside the horizon on
both sides (the boundary rule of the published optima). The returned roster is always checked by the independent
checker in ``nrp_check``.
"""

from __future__ import annotations

import enum
import logging
import math
import random
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from ortools.sat.python import cp_model

from barrierfree.workforce._nrp_columns import ColumnPool
from barrierfree.workforce._nrp_dp import LinePlanner, LineRules, restricted
from barrierfree.workforce._nrp_runs import BEGIN, RunRules, add_flow
from barrierfree.workforce.nrp_check import CheckReport, check
from barrierfree.workforce.nrp_instance import DAYS_PER_WEEK, WEEKEND_DAYS, Instance, Roster

LOG = logging.getLogger(__name__)
DEFAULT_WORKERS = 2
DEFAULT_SEED = 20_140_106
"""Any fixed number: the same seed and time give the same choices of neighbourhoods."""
OFF = -1
CONSTRUCTION_SHARE = 0.3
"""At most this share of the time goes to the first roster (the rest improves it)."""
CONSTRUCTION_MIN_SECONDS = 0.2
LONG_HORIZON_DAYS = 56
"""Beyond this horizon an employee's first line is the first one CP-SAT finds (optimising it takes too long)."""
"""Time one employee's first-roster model always gets."""
WHOLE_MODEL_VARIABLES = 3_500
"""A problem with at most this many shift variables (instances 1-9 and 16) is first solved whole, in the clause
formulation with the LP-first workers, for WHOLE_MODEL_SHARE of the time; neighbourhoods then start from its best
roster. Measured at 60 s, 2 workers: on Instances 6-9 that whole model alone beat neighbourhoods alone (1959 vs
2147, 1070 vs 1086, 1897 vs 1934, 588 vs 889), on Instance10 it lost (7777 vs 5618); it proves 1-3 optimal."""
WHOLE_MODEL_SHARE = 0.6
COVER_FIRST_SHARE = 1 / 6
"""Of the soft whole model's time, the part for the cover alone (``_cover_first``)."""
SUB_LIMIT_SECONDS = 1.0
"""Time one neighbourhood gets."""
START_CELLS = 150.0
"""Free employee-days in a neighbourhood at first; grows by GROW when CP-SAT proves one optimal, else shrinks."""
MIN_CELLS = 14.0
GROW = 1.15
SHRINK = 0.9
MIN_EMPLOYEES = 2
WINDOW_DAYS = 7
"""A window neighbourhood frees a week (cover is per day, and weekends are whole within a week)."""
WINDOW_SHARE = 0.85
"""Share of neighbourhoods that are windows of days (the others are employees over the whole horizon). Measured at
60 s on Instances 11 and 12 (five runs): windows gained 2,700-5,900 in 23-42 s, employee neighbourhoods 2-506 in
5-17 s."""
HARD_COVER_WINDOW_DAYS = 10
HARD_COVER_SUB_SECONDS = 2.0
"""With a hard cover (see ``_whole_model``) every neighbourhood is every employee over a window of this many days
with this much time: a shift given up must be taken by someone else the same day, so a repair is a chain through
many employees. Measured on Instance8 from twelve hard starts (24 s): median 1,434 against 1,533 for the adaptive
neighbourhoods; 7-, 8- and 12-day windows, two weekends apart, or the night-short employees freed over the whole
horizon did no better."""
GUIDED_SHARE = 0.5
"""Share of neighbourhoods drawn where the roster pays penalties (the others are drawn uniformly)."""
MIN_REMAINING_SECONDS = 0.1
FULL_LINEARIZATION = 2
SUBSOLVERS = ("max_lp", "quick_restart", "default_lp", "core", "no_lp", "reduced_costs", "pseudo_costs")
"""CP-SAT workers in order of use: the full linear relaxation first (measured: it proves Instance2 optimal in 2 s
where the default pair of workers has not in 20 s), then a fast restarting search for good rosters."""


class Status(enum.StrEnum):
    """How a solve ended."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    NO_SOLUTION = "no-solution"


@dataclass(frozen=True)
class SolveResult:
    """The best roster found (None if none), its objective, how the search ended, its time and a bound if known."""

    roster: Roster | None
    objective: int | None
    status: Status
    seconds: float
    bound: int | None = None
    report: CheckReport | None = None
    iterations: int = 0


ProgressCallback = Callable[[int, float], None]
"""Called with (objective, seconds since the start) whenever a better roster is found."""


@dataclass
class _Data:
    """The instance as indices, for fast model building."""

    horizon: int
    minutes: list[int]
    cannot_follow: list[list[int]]
    allowed: list[list[int]]
    max_shifts: list[list[int]]
    min_minutes: list[int]
    max_minutes: list[int]
    max_run: list[int]
    min_run: list[int]
    min_off: list[int]
    max_weekends: list[int]
    days_off: list[set[int]]
    on_requests: list[dict[tuple[int, int], int]]
    off_requests: list[dict[tuple[int, int], int]]
    cover: dict[tuple[int, int], tuple[int, int, int]]
    weekends: list[list[int]]
    shift_ids: list[str]
    employee_ids: list[str]
    follow_groups: list[tuple[list[int], frozenset[int]]] = field(default_factory=list)
    """Shifts grouped by their (non-empty) cannot-follow set: (shifts, the set)."""

    def __post_init__(self) -> None:
        groups: dict[frozenset[int], list[int]] = {}
        for shift, banned in enumerate(self.cannot_follow):
            if banned:
                groups.setdefault(frozenset(banned), []).append(shift)
        self.follow_groups = [(heads, banned) for banned, heads in groups.items()]

    @classmethod
    def of(cls, instance: Instance) -> _Data:
        """Index the instance."""
        shift_index = {shift.id: index for index, shift in enumerate(instance.shifts)}
        employee_index = {employee.id: index for index, employee in enumerate(instance.employees)}
        employees = instance.employees
        on: list[dict[tuple[int, int], int]] = [{} for _ in employees]
        off: list[dict[tuple[int, int], int]] = [{} for _ in employees]
        for requests, target in ((instance.on_requests, on), (instance.off_requests, off)):
            for request in requests:
                key = (request.day, shift_index[request.shift])
                table = target[employee_index[request.employee]]
                table[key] = table.get(key, 0) + request.weight
        weeks = (instance.horizon + DAYS_PER_WEEK - 1) // DAYS_PER_WEEK
        return cls(
            horizon=instance.horizon,
            minutes=[shift.minutes for shift in instance.shifts],
            cannot_follow=[sorted(shift_index[other] for other in shift.cannot_follow) for shift in instance.shifts],
            allowed=[[shift_index[s.id] for s in instance.shifts if e.allows(s.id)] for e in employees],
            max_shifts=[[e.max_shifts.get(s.id, 0) for s in instance.shifts] for e in employees],
            min_minutes=[e.min_minutes for e in employees],
            max_minutes=[e.max_minutes for e in employees],
            max_run=[e.max_consecutive_shifts for e in employees],
            min_run=[e.min_consecutive_shifts for e in employees],
            min_off=[e.min_consecutive_days_off for e in employees],
            max_weekends=[e.max_weekends for e in employees],
            days_off=[set(e.days_off) for e in employees],
            on_requests=on,
            off_requests=off,
            cover={
                (c.day, shift_index[c.shift]): (c.requirement, c.weight_under, c.weight_over) for c in instance.cover
            },
            weekends=[
                [week * DAYS_PER_WEEK + day for day in WEEKEND_DAYS if week * DAYS_PER_WEEK + day < instance.horizon]
                for week in range(weeks)
            ],
            shift_ids=[shift.id for shift in instance.shifts],
            employee_ids=[employee.id for employee in employees],
        )

    def cover_only(self) -> _Data:
        """The same rules with only the under-cover paying: no requests, no over-cover penalty."""
        return replace(
            self,
            on_requests=[{} for _ in self.allowed],
            off_requests=[{} for _ in self.allowed],
            cover={key: (requirement, under, 0) for key, (requirement, under, _over) in self.cover.items()},
        )

    def evaluate(self, current: list[list[int]]) -> int:
        """The objective of a roster given as shift indices (OFF for a day off)."""
        total = 0
        counts: dict[tuple[int, int], int] = {}
        for employee, line in enumerate(current):
            for (day, shift), weight in self.on_requests[employee].items():
                if line[day] != shift:
                    total += weight
            for (day, shift), weight in self.off_requests[employee].items():
                if line[day] == shift:
                    total += weight
            for day, shift in enumerate(line):
                if shift != OFF:
                    counts[(day, shift)] = counts.get((day, shift), 0) + 1
        for key, (requirement, under, over) in self.cover.items():
            count = counts.get(key, 0)
            total += under * max(0, requirement - count) + over * max(0, count - requirement)
        return total


_Literal = cp_model.IntVar | bool

DP_MAX_COST = 25_000_000
"""Largest DP table (cells per pricing round) for one employee's line; above it the planner keeps only the shifts
that forbid no other (a smaller table), and above that again the line comes from CP-SAT. Measured: Instance22
(364 days, all shifts 480 minutes, 232-234 shifts to place) about 0.5 s a line, where CP-SAT's per-employee model
needed 1-22 s to a first line; Instance24's full table (32 shift types, 937 minute units) about 15 s a line."""
ADAPT_SAMPLES = 3
"""Lines placed by each method (restricted DP, CP-SAT) before the first roster keeps to the faster one. Measured:
Instance23's restricted DP took about 1.5 s a line on a loaded machine (first roster at 230 s) where CP-SAT took
0.1-0.3 s; Instance24's took about 0.35 s a line."""
SWEEP_SHARE = 0.3
"""At most this share of the improvement time goes to re-planning single employees by DP (the rest to CP-SAT)."""
COLUMNS_MAX_CELLS = 2_000
"""Column generation (``_nrp_columns``) runs after the first roster where employees x days is at most this and
every employee's DP counts weekends exactly (instances 10-12): there a pricing round (one DP line per
employee) takes well under a second."""
PRICING_SHARE = 0.4
"""Column generation stops pricing at this share of the time (then the model restricted to the LP's cells) ..."""
DIVING_SHARE = 0.7
"""... and that model stops at this share; neighbourhoods follow."""
GUIDED_PRICING_SHARE = 0.55
"""Share of the guided start's time for column generation (``_guided_start``); the restricted model gets the
rest. Instance8, 60 s (whole model 36 s), seeds 1-3: pricing for 15 s gave 1,327-1,332, 20 s 1,315-1,316, 25 s
1,305, 1,307 and 1,399."""
EXACT_PRICE_SCALE = 1_000
"""Gains are scaled by this and rounded for CP-SAT's integer objective (duals are fractions)."""


class _Lines:
    """Per-employee DP planners and the gains of each (day, shift) for one employee against the others."""

    def __init__(self, data: _Data) -> None:
        self.data = data
        shape = (data.horizon, len(data.minutes))
        self.requirement = np.zeros(shape)
        self.under = np.zeros(shape)
        self.over = np.zeros(shape)
        for (day, shift), (requirement, under, over) in data.cover.items():
            self.requirement[day, shift] = requirement
            self.under[day, shift] = under
            self.over[day, shift] = over
        self.planners: dict[int, LinePlanner | None] = {}
        self.restricted: set[int] = set()
        self.contracts: dict[tuple[object, ...], LinePlanner] = {}
        self.requests: dict[int, np.ndarray] = {}

    def planner(self, employee: int) -> LinePlanner | None:
        """The employee's planner, None if its table is too large even with the restricted shifts."""
        if employee not in self.planners:
            data = self.data
            rules = LineRules(
                data.horizon,
                tuple(data.minutes),
                tuple(frozenset(banned) for banned in data.cannot_follow),
                tuple(data.allowed[employee]),
                tuple(data.max_shifts[employee]),
                data.min_minutes[employee],
                data.max_minutes[employee],
                RunRules(data.max_run[employee], data.min_run[employee], data.min_off[employee]),
                data.max_weekends[employee],
                frozenset(data.days_off[employee]),
                tuple(tuple(days) for days in data.weekends),
            )
            planner: LinePlanner | None = LinePlanner(rules)
            if planner is not None and planner.cost > DP_MAX_COST:
                planner = LinePlanner(restricted(rules))
                self.restricted.add(employee)
                if planner.cost > DP_MAX_COST or not planner.allowed:
                    planner = None
            if planner is not None:
                # Start its prices where the last planner of the same contract ended (fewer pricing rounds).
                contract = (
                    rules.allowed,
                    rules.max_shifts,
                    rules.min_minutes,
                    rules.max_minutes,
                    rules.runs,
                    rules.max_weekends,
                )
                twin = self.contracts.get(contract)
                if twin is not None:
                    planner.weekend_price, planner.type_price = twin.weekend_price, twin.type_price.copy()
                self.contracts[contract] = planner
            self.planners[employee] = planner
        return self.planners[employee]

    def request_gains(self, employee: int) -> np.ndarray:
        """What working each (day, shift) is worth for the employee's requests; -inf where not allowed."""
        data = self.data
        requests = self.requests.get(employee)
        if requests is None:
            requests = np.full((data.horizon, len(data.minutes)), -np.inf)
            requests[:, data.allowed[employee]] = 0.0
            for (day, shift), weight in data.on_requests[employee].items():
                requests[day, shift] += weight
            for (day, shift), weight in data.off_requests[employee].items():
                requests[day, shift] -= weight
            self.requests[employee] = requests
        return requests

    def gains(self, employee: int, others: np.ndarray) -> np.ndarray:
        """What each (day, shift) is worth for this employee given the others' counts; -inf where not allowed."""
        cover = np.where(others < self.requirement, self.under, -self.over)
        return cover + self.request_gains(employee)

    def best_line(self, employee: int, gains: np.ndarray) -> tuple[list[int], float] | None:
        """The employee's DP-best line for these gains; None without a planner or a line."""
        planner = self.planner(employee)
        return None if planner is None else planner.best_line(gains)


def _grid(data: _Data, lines: list[list[int]]) -> np.ndarray:
    """How many employees work each (day, shift), as a days x shifts array."""
    grid = np.zeros((data.horizon, len(data.minutes)))
    for line in lines:
        row = np.asarray(line)
        days = np.flatnonzero(row != OFF)
        np.add.at(grid, (days, row[days]), 1)
    return grid


def _counts(lines: list[list[int]]) -> dict[tuple[int, int], int]:
    """How many employees work each (day, shift) in a roster."""
    counts: dict[tuple[int, int], int] = {}
    for line in lines:
        for day, shift in enumerate(line):
            if shift != OFF:
                counts[(day, shift)] = counts.get((day, shift), 0) + 1
    return counts


class _SubModel:
    """CP-SAT model of some employees over a window of days, everything else fixed at the current roster.

    Restrictions (sub-models of the problem, whose optimum and bound are not the problem's): ``hard_cover``, shift
    types that must be fully covered; ``support``, the only cells that may be used; ``under_limit``, the most the
    whole roster may pay for under-cover.
    """

    def __init__(
        self,
        data: _Data,
        employees: Sequence[int],
        first: int,
        last: int,
        current: list[list[int]] | None,
        *,
        hint: bool = True,
        flow: bool = True,
        counts: dict[tuple[int, int], int] | None = None,
        hard_cover: frozenset[int] = frozenset(),
        support: np.ndarray | None = None,
        under_limit: int | None = None,
    ) -> None:
        self.data = data
        self.support = support
        """Cells the model may use, (employee, day, shift + day off) Booleans (``ColumnPool.support``); None: all."""
        self.flow = flow
        self.hint = hint and current is not None
        self.employees = list(employees)
        self.first, self.last = first, last
        self.model = cp_model.CpModel()
        self.x: dict[tuple[int, int, int], cp_model.IntVar] = {}
        self.variables = 0
        horizon = data.horizon
        lines = current if current is not None else [[OFF] * horizon for _ in data.allowed]
        self.current = lines
        model = self.model
        for employee in self.employees:
            self._employee(employee, lines[employee])
        # Cover: the free variables plus everyone else's fixed shifts.
        totals = counts if counts is not None else _counts(lines)
        by_cell: dict[tuple[int, int], list[cp_model.IntVar]] = {}
        for (_employee, day, shift), var in self.x.items():
            by_cell.setdefault((day, shift), []).append(var)
        terms: list[cp_model.IntVar] = []
        weights: list[int] = []
        constant = 0
        # The roster's whole under-cover penalty, for ``under_limit``.
        under_terms: list[Any] = []
        under_constant = 0
        for key, (requirement, weight_under, _over) in data.cover.items():
            if key in by_cell:
                continue
            if key[1] in hard_cover and totals.get(key, 0) < requirement:
                # A hard cell nobody free can work and the fixed shifts leave short: the restriction has no roster.
                model.add_bool_or([])
            under_constant += weight_under * max(0, requirement - totals.get(key, 0))
        for key, variables in by_cell.items():
            cover = data.cover.get(key)
            if cover is None:
                continue
            requirement, weight_under, weight_over = cover
            now = sum(1 for employee in self.employees if lines[employee][key[0]] == key[1])
            need = requirement - (totals.get(key, 0) - now)
            if key[1] in hard_cover:
                # Cover made a hard rule (a sub-model of the problem, not the problem: see _whole_model).
                model.add(sum(variables) >= need)
            if len(variables) == 1:
                # One variable: the penalty is linear in it, no helper variables needed.
                before = weight_under * max(0, need) + weight_over * max(0, -need)
                after = weight_under * max(0, need - 1) + weight_over * max(0, 1 - need)
                constant += before
                terms.append(variables[0])
                weights.append(after - before)
                if need > 0:
                    under_constant += weight_under * need
                    under_terms.append(-weight_under * variables[0])
                continue
            if weight_under:
                under = model.new_int_var(0, max(0, need), "")
                terms.append(under)
                weights.append(weight_under)
                under_terms.append(weight_under * under)
                if self.hint:
                    model.add_hint(under, max(0, need - now))
            if weight_over:
                over = model.new_int_var(0, len(variables) + max(0, -need), "")
                terms.append(over)
                weights.append(weight_over)
                if self.hint:
                    model.add_hint(over, max(0, now - need))
            if weight_under and weight_over:
                model.add(sum(variables) + under - over == need)
            elif weight_under:
                model.add(sum(variables) + under >= need)
            elif weight_over:
                model.add(sum(variables) - over <= need)
        for employee in self.employees:
            for (day, shift), weight in data.on_requests[employee].items():
                if first <= day <= last:
                    constant += weight
                    granted = self.x.get((employee, day, shift))
                    if granted is not None:
                        terms.append(granted)
                        weights.append(-weight)
            for (day, shift), weight in data.off_requests[employee].items():
                refused = self.x.get((employee, day, shift))
                if refused is not None:
                    terms.append(refused)
                    weights.append(weight)
        model.minimize(cp_model.LinearExpr.weighted_sum(terms, weights) + constant)
        if under_limit is not None:
            model.add(sum(under_terms) + under_constant <= under_limit)
        if self.hint:
            for (employee, day, shift), var in self.x.items():
                model.add_hint(var, lines[employee][day] == shift)

    def _employee(self, employee: int, line: list[int]) -> None:
        """One employee's variables and hard rules; days outside the window are constants."""
        data, model = self.data, self.model
        horizon, first, last = data.horizon, self.first, self.last
        allowed = data.allowed[employee]
        off_days = data.days_off[employee]
        x = self.x
        work: list[_Literal] = []
        per_day: list[dict[int, cp_model.IntVar]] = []
        for day in range(horizon):
            if first <= day <= last:
                cells: dict[int, cp_model.IntVar] = {}
                if day not in off_days:
                    for shift in allowed:
                        if self.support is not None and not self.support[employee, day, shift]:
                            continue
                        var = model.new_bool_var("")
                        x[(employee, day, shift)] = var
                        cells[shift] = var
                per_day.append(cells)
                if cells and self.support is not None and not self.support[employee, day, -1]:
                    model.add(sum(cells.values()) == 1)
                if not cells:
                    work.append(False)
                elif len(cells) == 1:
                    work.append(next(iter(cells.values())))
                else:
                    works = model.new_bool_var("")
                    model.add(sum(cells.values()) == works)
                    if self.hint:
                        model.add_hint(works, line[day] != OFF)
                    work.append(works)
                self.variables += len(cells)
            else:
                per_day.append({})
                work.append(line[day] != OFF)
        # Forbidden successions: shift s on day d, then a shift in cannot_follow[s] on day d + 1. Shifts with the
        # same cannot-follow set share one constraint per day (at most one of them is worked that day anyway).
        for day in range(max(0, first - 1), min(last, horizon - 2) + 1):
            today_free, tomorrow_free = first <= day <= last, first <= day + 1 <= last
            today, tomorrow = per_day[day], per_day[day + 1]
            if not today_free:
                if line[day] != OFF and tomorrow_free:
                    for other in data.cannot_follow[line[day]]:
                        if other in tomorrow:
                            model.add(tomorrow[other] == 0)
                continue
            for heads, banned in data.follow_groups:
                head_vars = [today[shift] for shift in heads if shift in today]
                if not head_vars:
                    continue
                if tomorrow_free:
                    tails = [tomorrow[other] for other in banned if other in tomorrow]
                    if tails:
                        model.add(cp_model.LinearExpr.sum(head_vars + tails) <= 1)
                elif line[day + 1] in banned:
                    for var in head_vars:
                        model.add(var == 0)
        # Most shifts per type and total minutes.
        fixed_count = [0] * len(data.minutes)
        for day in [*range(first), *range(last + 1, horizon)]:
            if line[day] != OFF:
                fixed_count[line[day]] += 1
        fixed_minutes = sum(data.minutes[shift] * count for shift, count in enumerate(fixed_count))
        by_shift: dict[int, list[cp_model.IntVar]] = {shift: [] for shift in allowed}
        for cells in per_day:
            for shift, var in cells.items():
                by_shift[shift].append(var)
        for shift, variables in by_shift.items():
            limit = data.max_shifts[employee][shift] - fixed_count[shift]
            if variables and limit < len(variables):
                model.add(sum(variables) <= limit)
        if any(by_shift.values()):
            load = sum(data.minutes[shift] * sum(variables) for shift, variables in by_shift.items() if variables)
            model.add_linear_constraint(
                load, data.min_minutes[employee] - fixed_minutes, data.max_minutes[employee] - fixed_minutes
            )
        if self.flow:
            self._runs_as_flow(employee, work, line)
        else:
            self._runs_as_clauses(employee, work)
        # Most weekends: a weekend is worked if its Saturday or Sunday is.
        weekend_terms: list[_Literal] = []
        for days in data.weekends:
            literals = [work[day] for day in days]
            if any(literal is True for literal in literals):
                weekend_terms.append(True)
                continue
            free = [literal for literal in literals if not isinstance(literal, bool)]
            if not free:
                continue
            if len(free) == 1:
                weekend_terms.append(free[0])
                continue
            worked = model.new_bool_var("")
            if self.hint:
                model.add_hint(worked, any(line[day] != OFF for day in days))
            for literal in free:
                model.add_implication(literal, worked)
            weekend_terms.append(worked)
        fixed_weekends = sum(1 for term in weekend_terms if term is True)
        free_weekends = [term for term in weekend_terms if not isinstance(term, bool)]
        limit = data.max_weekends[employee] - fixed_weekends
        if free_weekends and limit < len(free_weekends):
            model.add(sum(free_weekends) <= limit)
        elif limit < 0:
            model.add_bool_or([])

    def _runs_as_flow(self, employee: int, work: list[_Literal], line: list[int]) -> None:
        """The run rules as a flow through their automaton over the window, entered and left as the roster is."""
        data, first, last = self.data, self.first, self.last
        rules = RunRules(data.max_run[employee], data.min_run[employee], data.min_off[employee])
        entry = rules.run(BEGIN, (shift != OFF for shift in line[:first]))
        if entry is None:
            self.model.add_bool_or([])
            return
        suffix = [shift != OFF for shift in line[last + 1 :]]
        accept = None if not suffix else (lambda state: rules.run(state, suffix) is not None)
        hint = [shift != OFF for shift in line[first : last + 1]] if self.hint else None
        self.variables += add_flow(self.model, rules, entry, work[first : last + 1], accept, hint)

    def _runs_as_clauses(self, employee: int, work: list[_Literal]) -> None:
        """The run rules as windows and clauses (the plain formulation)."""
        data, first, last, horizon = self.data, self.first, self.last, self.data.horizon
        # Most consecutive shifts: every window of max_run + 1 days has a day off.
        run = data.max_run[employee]
        for start in range(max(0, first - run), min(last, horizon - run - 1) + 1):
            self._at_most(work[start : start + run + 1], run)
        # Fewest consecutive shifts and days off, for blocks with a neighbour inside the horizon on both sides.
        self._min_blocks(work, data.min_run[employee], working=True)
        self._min_blocks(work, data.min_off[employee], working=False)

    def _at_most(self, literals: list[_Literal], limit: int) -> None:
        """At most ``limit`` of these are true (constants folded in)."""
        free = [literal for literal in literals if not isinstance(literal, bool)]
        bound = limit - sum(1 for literal in literals if literal is True)
        if not free:
            if bound < 0:
                self.model.add_bool_or([])
            return
        if bound < len(free):
            self.model.add(sum(free) <= bound)

    def _min_blocks(self, work: list[_Literal], shortest: int, *, working: bool) -> None:
        """Forbid inner blocks shorter than ``shortest`` (of work, or of days off), touching the window."""
        horizon, first, last = self.data.horizon, self.first, self.last
        for start in range(max(1, first - shortest + 1), min(last + 1, horizon - 2) + 1):
            for length in range(1, shortest):
                end = start + length - 1
                if end + 1 > horizon - 1 or end + 1 < first:
                    continue
                # The block [start, end] with its two neighbours must not be the pattern other/block/other.
                clause: list[Any] = []
                satisfied = False
                for day, inside in (
                    (start - 1, False),
                    *((day, True) for day in range(start, end + 1)),
                    (end + 1, False),
                ):
                    literal = work[day]
                    is_block = inside if working else not inside
                    # The clause needs: literal differs from the pattern's value "worked == is_block".
                    if isinstance(literal, bool):
                        if literal != is_block:
                            satisfied = True
                            break
                        continue
                    clause.append(literal.Not() if is_block else literal)
                if not satisfied:
                    self.model.add_bool_or(clause)

    def read(self, solver: cp_model.CpSolver) -> list[list[int]]:
        """The current roster with this sub-problem's solution written in."""
        lines = [list(line) for line in self.current]
        for employee in self.employees:
            for day in range(self.first, self.last + 1):
                lines[employee][day] = OFF
        for (employee, day, shift), var in self.x.items():
            if solver.boolean_value(var):
                lines[employee][day] = shift
        return lines


def _solver(seconds: float, workers: int, seed: int, *, lp: bool = True) -> cp_model.CpSolver:
    """A CP-SAT solver with a time limit, a number of workers and a seed; ``lp`` puts the full relaxation first."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(seconds, MIN_REMAINING_SECONDS)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    if not lp:
        return solver
    if workers == 1:
        solver.parameters.linearization_level = FULL_LINEARIZATION
    else:
        solver.parameters.subsolvers.extend(SUBSOLVERS[:workers])
    return solver


def _light_presolve(solver: cp_model.CpSolver) -> None:
    """One presolve pass without probing or symmetry: on a 364-day employee model presolve takes most of the time
    to a first line (about 3 s of 3.2 s on Instance24, measured with the search log)."""
    solver.parameters.max_presolve_iterations = 1
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.symmetry_level = 0


def _roster(data: _Data, lines: list[list[int]]) -> Roster:
    """Shift indices back to a Roster of IDs."""
    return Roster(
        {
            employee: tuple(None if shift == OFF else data.shift_ids[shift] for shift in line)
            for employee, line in zip(data.employee_ids, lines, strict=True)
        }
    )


def solve_direct(
    instance: Instance, time_limit_s: float, *, workers: int = DEFAULT_WORKERS, seed: int = DEFAULT_SEED
) -> SolveResult:
    """The whole problem as one CP-SAT model, no start and no neighbourhoods: the plain baseline."""
    start = time.monotonic()
    data = _Data.of(instance)
    sub = _SubModel(data, range(len(data.allowed)), 0, data.horizon - 1, None, hint=False, flow=False)
    solver = _solver(time_limit_s - (time.monotonic() - start), workers, seed)
    status = solver.solve(sub.model)
    return _finish(instance, data, sub, solver, status, start)


def _finish(
    instance: Instance, data: _Data, sub: _SubModel, solver: cp_model.CpSolver, status: Any, start: float
) -> SolveResult:
    """A SolveResult from a whole-problem solve, checked."""
    seconds = time.monotonic() - start
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return SolveResult(None, None, Status.NO_SOLUTION, seconds, _bound(solver, status))
    roster = _roster(data, sub.read(solver))
    report = check(instance, roster)
    if not report.feasible:
        return SolveResult(None, None, Status.NO_SOLUTION, seconds, None, report)
    state = Status.OPTIMAL if status == cp_model.OPTIMAL else Status.FEASIBLE
    return SolveResult(roster, report.objective.total, state, seconds, _bound(solver, status), report)


def _bound(solver: cp_model.CpSolver, status: Any) -> int | None:
    """CP-SAT's lower bound of a whole-problem solve, if it has one."""
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return math.ceil(solver.best_objective_bound - 1e-6)
    return None


@dataclass
class _Search:
    """State of the neighbourhood search."""

    data: _Data
    deadline: float
    started: float
    workers: int
    rng: random.Random
    on_progress: ProgressCallback | None
    current: list[list[int]] = field(default_factory=list)
    counts: dict[tuple[int, int], int] = field(default_factory=dict)
    value: int = 0
    bound: int | None = None
    optimal: bool = False
    iterations: int = 0
    window_cells: float = START_CELLS
    employee_cells: float = START_CELLS
    planners: _Lines | None = None
    grid: np.ndarray | None = None
    sweep_seconds: float = 0.0
    hard_cover: frozenset[int] = frozenset()
    """Shift types every neighbourhood must keep fully covered (see ``_whole_model``)."""

    def lines(self) -> _Lines:
        """The per-employee DP planners, built on first use."""
        if self.planners is None:
            self.planners = _Lines(self.data)
        return self.planners

    def remaining(self) -> float:
        """Seconds left."""
        return self.deadline - time.monotonic()

    def accept(self, lines: list[list[int]]) -> bool:
        """Keep a roster at least as good as the current one; report an improvement."""
        value = self.data.evaluate(lines)
        if self.current and value > self.value:
            return False
        improved = not self.current or value < self.value
        self.current, self.value, self.counts = lines, value, _counts(lines)
        self.grid = None
        if improved and self.on_progress is not None:
            self.on_progress(value, time.monotonic() - self.started)
        return True

    def run(
        self,
        employees: Sequence[int],
        first: int,
        last: int,
        seconds: float,
        *,
        flow: bool = True,
        hard_cover: frozenset[int] | None = None,
        support: np.ndarray | None = None,
        under_limit: int | None = None,
    ) -> int | None:
        """Solve one sub-problem from the current roster; returns the CP-SAT status (None if not run). Shift types
        in ``hard_cover`` must be fully covered, only the cells in ``support`` may be used and the under-cover
        penalty of the free cells may not exceed ``under_limit`` (restrictions: their optimum and bound are not
        the problem's)."""
        seconds = min(seconds, self.remaining())
        if seconds < MIN_REMAINING_SECONDS:
            return None
        if hard_cover is None:
            hard_cover = self.hard_cover
        sub = _SubModel(
            self.data,
            employees,
            first,
            last,
            self.current or None,
            flow=flow,
            counts=self.counts or None,
            hard_cover=hard_cover,
            support=support,
            under_limit=under_limit,
        )
        solver = _solver(min(seconds, self.remaining()), self.workers, self.rng.randrange(1 << 30))
        status = solver.solve(sub.model)
        self.iterations += 1
        LOG.debug(
            "%d employees, days %d-%d, %d variables: %s in %.2f s, %s",
            len(sub.employees),
            first,
            last,
            sub.variables,
            solver.status_name(status),
            solver.wall_time,
            solver.objective_value if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None,
        )
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            self.accept(sub.read(solver))
        whole = len(sub.employees) == len(self.data.allowed) and first == 0 and last == self.data.horizon - 1
        narrowed = bool(hard_cover) or support is not None or under_limit is not None
        if whole and not narrowed and status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            self.bound = max(self.bound or 0, _bound(solver, status) or 0)
            self.optimal = status == cp_model.OPTIMAL
        return int(status)


def solve(
    instance: Instance,
    time_limit_s: float,
    *,
    workers: int = DEFAULT_WORKERS,
    seed: int = DEFAULT_SEED,
    on_progress: ProgressCallback | None = None,
) -> SolveResult:
    """The best roster found within ``time_limit_s`` seconds, checked by ``nrp_check`` before it is returned."""
    started = time.monotonic()
    data = _Data.of(instance)
    search = _Search(data, started + time_limit_s, started, workers, random.Random(seed), on_progress)  # noqa: S311 (neighbourhood choice, not security)
    size = sum(len(allowed) for allowed in data.allowed) * data.horizon
    if size <= WHOLE_MODEL_VARIABLES:
        # Without a hint: measured on Instance8, the whole model hinted with the DP roster (21,625, improved by DP
        # moves for 2 s) found nothing better than the hint in 36 s, where unhinted it reached 2,295-3,320.
        _whole_model(search, time_limit_s * WHOLE_MODEL_SHARE)
    if not search.current:
        _construct(search, time_limit_s * CONSTRUCTION_SHARE)
    if search.current and size > WHOLE_MODEL_VARIABLES and _columns_pay(search):
        _price_and_restrict(search, started + time_limit_s * PRICING_SHARE, started + time_limit_s * DIVING_SHARE)
    if search.current and not search.optimal:
        _improve(search, search.deadline)
    return _result(instance, search)


def _short_types(data: _Data) -> frozenset[int]:
    """Shift types whose cover asks for more shifts than the contracts can give (max shifts of the type, days
    available, most minutes), summed over employees: their under-cover is forced."""
    short = set()
    for shift, minutes in enumerate(data.minutes):
        demand = sum(cover[0] for (_day, cell_shift), cover in data.cover.items() if cell_shift == shift)
        supply = sum(
            min(data.max_shifts[employee][shift], data.horizon - len(data.days_off[employee]), maximum // minutes)
            for employee, maximum in enumerate(data.max_minutes)
            if shift in data.allowed[employee]
        )
        if demand > supply:
            short.add(shift)
    return frozenset(short)


def _whole_model(search: _Search, budget: float) -> None:
    """The whole problem in one CP-SAT model for ``budget`` seconds; cover first where some types are short.

    Where some shift types are short (``_short_types``), every roster pays their missing shifts, and the soft
    model spends its search moving that shortage around while it leaves other types short as well. Then the types
    that can be covered are hard rules first (the short ones stay soft), and the neighbourhoods that follow keep
    them covered; the first roster of that restriction comes from where its LP points (``_guided_start``). If the
    restriction has no roster in its time, the soft model gets what is left of the budget; if it is proved optimal
    early, the soft model, hinted with its roster, may prove the problem optimal. Where no type is short, the
    restriction is to the fewest missing shifts instead (``_cover_first``), with the same fallbacks.
    """
    data = search.data
    everyone = list(range(len(data.allowed)))
    short = _short_types(data)
    until = time.monotonic() + budget
    if short and len(short) < len(data.minutes):
        coverable = frozenset(range(len(data.minutes))) - short
        _guided_start(search, until, coverable)
        # Whatever time the guided start left (it stops early when proved optimal within the LP's cells).
        status = search.run(everyone, 0, data.horizon - 1, until - time.monotonic(), flow=False, hard_cover=coverable)
        if search.current:
            search.hard_cover = coverable
    else:
        status = _cover_first(search, until)
    if search.current and status != cp_model.OPTIMAL:
        return
    search.run(everyone, 0, data.horizon - 1, until - time.monotonic(), flow=False, hard_cover=frozenset())


def _cover_first(search: _Search, until: float) -> int | None:
    """The cover alone first, then the whole objective without more under-cover: the status of that second model
    (None if the first found no roster).

    The under-cover weights dominate the objective (100 a missing shift against 1-3 a request on Instances 1-24),
    yet the soft whole model can settle where one shift more is missing than needed: on Instance5 half its 36 s
    runs ended at 1,248-1,255 and the others at 1,146-1,157, and the neighbourhoods after it never mended that one
    shift. So the fewest missing shifts (weighted; requests and over-cover left out) come first, from the guided
    start (``_guided_start``) on that cover-only problem, within COVER_FIRST_SHARE of the time to ``until``; if
    that is proved within the LP's cells, the whole objective with the roster's under-cover kept at most that,
    hinted with the cover roster, gets the rest (a restriction: its optimum is not the problem's). On Instance5 the first part takes about 2 s and always
    found 11 missing shifts, where the cover-only model alone needed 5-20 s and sometimes ended at 12.
    """
    data = search.data
    cover = _Search(data.cover_only(), search.deadline, search.started, search.workers, search.rng, None)
    status = _guided_start(cover, time.monotonic() + COVER_FIRST_SHARE * (until - time.monotonic()), frozenset())
    search.iterations += cover.iterations
    if status != cp_model.OPTIMAL:
        # Not proved even within the LP's cells: a cover the soft model itself finds as well or better (Instance9:
        # 5-6 missing at 12 s here, 4 in the soft model's best rosters).
        return None
    search.accept(cover.current)
    everyone = list(range(len(data.allowed)))
    return search.run(everyone, 0, data.horizon - 1, until - time.monotonic(), flow=False, under_limit=cover.value)


def _guided_start(search: _Search, until: float, hard_cover: frozenset[int]) -> int | None:
    """A roster where the LP over whole lines points: column generation with exact pricing (``_ExactLines``) for
    GUIDED_PRICING_SHARE of the time to ``until``, then the whole model with ``hard_cover``, restricted to the cells
    the LP uses, for the rest (or until it is proved optimal within them): the status of that model. No roster
    (and None) if pricing finds no line.

    Measured on Instance8 (ten solves of 60 s): 1,310-1,326 and once 1,416, median 1,317.5 (best published 1,308),
    where the hard-cover model alone reached 1,310-1,650, median about 1,420. The LP is not run to the end on
    purpose: converged (1,296.6 after 47 s) its support is so narrow that the restricted model's optimum is 1,401
    (13 nights short); after 20 s (LP 1,340) the support is wider and holds rosters of 1,305-1,321.
    """
    data = search.data
    planners = search.lines()
    employees = range(len(data.allowed))
    pricing_until = time.monotonic() + GUIDED_PRICING_SHARE * (until - time.monotonic())
    exact = _ExactLines(data, pricing_until)
    # The LP must want the hard types covered as much as the short ones, or its cells may not hold a roster that
    # covers them (a penalty, not a rule: where it still leaves them short the restricted model has no roster and
    # the unrestricted one gets the time). Instance8's weights are all 100 already; making its hard types 100 times
    # heavier instead gave no better rosters (ten 60 s runs each: medians 1,331 against 1,317.5).
    under = planners.under.copy()
    short = [shift for shift in range(len(data.minutes)) if shift not in hard_cover]
    hard = np.zeros_like(under, dtype=bool)
    hard[:, sorted(hard_cover)] = True
    hard &= planners.requirement > 0
    if short:
        under[hard] = np.maximum(under[hard], under[:, short].max())
    pool = ColumnPool(planners.requirement, under, planners.over, [planners.request_gains(e) for e in employees])
    with ThreadPoolExecutor(search.workers) as threads:
        # The models are independent and CP-SAT releases the interpreter while it solves: one per worker
        # (Instance8, 30 lines: 1.28 s on one thread, 0.64 s on two).
        for employee, found in zip(employees, threads.map(exact.request_line, employees), strict=True):
            if found is None:
                return None
            pool.add(employee, found[0])
        search.iterations += pool.generate(exact, pricing_until, threads.map)
    relaxation = pool.relax()
    if relaxation is None:
        return None
    everyone = list(employees)
    last = data.horizon - 1
    support = pool.support(relaxation)
    return search.run(everyone, 0, last, until - time.monotonic(), flow=False, hard_cover=hard_cover, support=support)


class _ExactLines:
    """Each employee's best line against gains per (day, shift), exactly: a CP-SAT model of that employee alone
    with every rule of its contract, built once, its objective replaced per call. Unlike the DP (``_nrp_dp``),
    which prices the per-type limits it does not count, this finds the best line whatever limits bind, so column
    generation converges (Instance8: LP 1,296.6, against 1,640.6 with the DP); about 50 ms a line there."""

    def __init__(self, data: _Data, until: float) -> None:
        self.data = data
        self.until = until
        empty = [[OFF] * data.horizon for _ in data.allowed]
        self.models = [
            _SubModel(data, [employee], 0, data.horizon - 1, empty, hint=False, flow=False)
            for employee in range(len(data.allowed))
        ]

    def request_line(self, employee: int) -> tuple[list[int], float] | None:
        """The employee's best line for its requests alone."""
        gains = np.zeros((self.data.horizon, len(self.data.minutes)))
        for (day, shift), weight in self.data.on_requests[employee].items():
            gains[day, shift] += weight
        for (day, shift), weight in self.data.off_requests[employee].items():
            gains[day, shift] -= weight
        return self(employee, gains)

    def __call__(self, employee: int, gains: np.ndarray) -> tuple[list[int], float] | None:
        """The best line and its value; None if the employee has no line or time is up before one is found."""
        sub = self.models[employee]
        cells = list(sub.x.items())
        sub.model.clear_objective()
        scaled = [round(EXACT_PRICE_SCALE * float(gains[day, shift])) for (_employee, day, shift), _var in cells]
        sub.model.maximize(cp_model.LinearExpr.weighted_sum([var for _key, var in cells], scaled))
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        # Presolve costs more than it saves on a model this small (Instance8: 55 ms a line without, 69 ms with).
        solver.parameters.cp_model_presolve = False
        solver.parameters.max_time_in_seconds = max(MIN_REMAINING_SECONDS, self.until - time.monotonic())
        status = solver.solve(sub.model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        line = sub.read(solver)[employee]
        return line, sum(float(gains[day, shift]) for day, shift in enumerate(line) if shift != OFF)


def _construct(search: _Search, budget: float) -> None:
    """A first roster, one employee at a time, each placed against the cover the others left.

    Each line is the employee's DP-best line (``_nrp_dp``) against the cover so far; where the DP table is too
    large or the pricing of weekends and per-type limits finds no line, a small CP-SAT model of that employee. That
    model uses the plain clauses and CP-SAT's default workers (measured on Instance24: its feasibility-jump worker
    finds a first line in about 2 s, where the flow model with the LP-first workers takes 5 to 20 s). On a long
    horizon the first line found is kept; otherwise the employee gets its share of the budget.
    """
    data = search.data
    order = sorted(range(len(data.allowed)), key=lambda employee: (len(data.allowed[employee]), employee))
    lines = [[OFF] * data.horizon for _ in data.allowed]
    deadline = time.monotonic() + budget
    first_only = data.horizon > LONG_HORIZON_DAYS
    counts: dict[tuple[int, int], int] = {}
    grid = np.zeros((data.horizon, len(data.minutes)))
    planners = search.lines()
    # Seconds and lines per method for employees with a restricted planner, which CP-SAT may place faster.
    spent = {"dp": [0.0, 0], "cp": [0.0, 0]}
    for placed, employee in enumerate(order):
        if search.remaining() < MIN_REMAINING_SECONDS:
            return
        planner = planners.planner(employee)
        method = "dp"
        if planner is not None and employee in planners.restricted:
            dp_seconds, dp_lines = spent["dp"]
            cp_seconds, cp_lines = spent["cp"]
            if cp_lines < ADAPT_SAMPLES:
                method = "cp" if dp_lines >= ADAPT_SAMPLES or placed % 2 else "dp"
            elif dp_lines >= ADAPT_SAMPLES and cp_seconds / cp_lines < dp_seconds / dp_lines:
                method = "cp"
        moment = time.monotonic()
        found = None
        if planner is not None and method == "dp":
            found = planner.best_line(planners.gains(employee, grid))
        # A clean sample: a DP line found, or CP-SAT chosen without a DP attempt first.
        clean = found is not None or method == "cp"
        if found is not None:
            lines[employee] = found[0]
            LOG.debug("placed %s by DP", data.employee_ids[employee])
        else:
            share = max(CONSTRUCTION_MIN_SECONDS, (deadline - time.monotonic()) / (len(order) - placed))
            sub = _SubModel(data, [employee], 0, data.horizon - 1, lines, hint=False, flow=False, counts=counts)
            solver = _solver(
                search.remaining() if first_only else share, search.workers, search.rng.randrange(1 << 30), lp=False
            )
            solver.parameters.stop_after_first_solution = first_only
            if first_only:
                _light_presolve(solver)
            status = solver.solve(sub.model)
            if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                # Nothing in its share of time: the first feasible line will do, with what time is left.
                solver = _solver(search.remaining(), search.workers, search.rng.randrange(1 << 30), lp=False)
                solver.parameters.stop_after_first_solution = True
                status = solver.solve(sub.model)
            if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                LOG.debug("no first roster for %s: %s", data.employee_ids[employee], solver.status_name(status))
                return
            LOG.debug("placed %s by CP-SAT in %.2f s", data.employee_ids[employee], solver.wall_time)
            lines = sub.read(solver)
        if employee in planners.restricted and clean:
            spent[method][0] += time.monotonic() - moment
            spent[method][1] += 1
        for day, shift in enumerate(lines[employee]):
            if shift != OFF:
                counts[(day, shift)] = counts.get((day, shift), 0) + 1
                grid[day, shift] += 1
    search.accept(lines)


def _columns_pay(search: _Search) -> bool:
    """Whether column generation is worth its time: a small problem, and a DP line per employee that keeps the
    weekend limit exactly (with a priced limit it misses lines and the generation stalls far above the LP)."""
    data = search.data
    if len(data.allowed) * data.horizon > COLUMNS_MAX_CELLS:
        return False
    planners = search.lines()
    for employee in range(len(data.allowed)):
        planner = planners.planner(employee)
        if planner is None or not planner.weekends_exact:
            return False
    return True


def _price_and_restrict(search: _Search, pricing_until: float, until: float) -> None:
    """Generate lines by column generation (``_nrp_columns``) until ``pricing_until``, then solve the whole model
    restricted to the cells the LP uses (``ColumnPool.support``), hinted with the current roster, until ``until``;
    if that finds no roster, dive on the LP alone. A roster is kept when it is at least as good as the current one.

    Measured (60 s, benchmark seeds, this machine): the restricted model gave Instance12 4,176, 4,076 and 4,076
    where the dive (pricing while it held employees to lines) gave 4,543, 4,947 and 4,477; Instance10 4,632 (the
    model proved optimal within the LP's cells) against 4,732-4,834; Instance11 3,443 as before.
    """
    planners = search.lines()
    employees = range(len(search.data.allowed))
    pool = ColumnPool(
        planners.requirement, planners.under, planners.over, [planners.request_gains(e) for e in employees]
    )
    pool.add_roster(search.current)
    rounds = pool.generate(planners.best_line, pricing_until)
    search.iterations += rounds
    relaxation = pool.relax()
    if relaxation is not None:
        everyone = list(employees)
        last = search.data.horizon - 1
        status = search.run(everyone, 0, last, until - time.monotonic(), flow=False, support=pool.support(relaxation))
        LOG.debug("%d pricing rounds, LP %.1f, restricted model: %s", rounds, relaxation.value, status)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return
    picked = pool.dive(planners.best_line, time.monotonic())
    if picked is not None:
        search.accept(picked)


def _replan(search: _Search, employee: int) -> bool:
    """Replace one employee's line by its DP-best line against everyone else, if that is strictly better."""
    planners = search.lines()
    planner = planners.planner(employee)
    if planner is None:
        return False
    if search.grid is None:
        search.grid = _grid(search.data, search.current)
    line = search.current[employee]
    others = search.grid.copy()
    worked = [(day, shift) for day, shift in enumerate(line) if shift != OFF]
    for day, shift in worked:
        others[day, shift] -= 1
    gains = planners.gains(employee, others)
    found = planner.best_line(gains)
    if found is None:
        return False
    new_line, value = found
    if value <= sum(gains[day, shift] for day, shift in worked) + 0.5:
        return False
    lines = list(search.current)
    lines[employee] = new_line
    return search.accept(lines)


def _sweep(search: _Search, until: float) -> bool:
    """Re-plan every employee once by DP, in random order; True if the roster improved."""
    started = time.monotonic()
    order = list(range(len(search.data.allowed)))
    search.rng.shuffle(order)
    improved = False
    for employee in order:
        if until - time.monotonic() < MIN_REMAINING_SECONDS:
            break
        improved = _replan(search, employee) or improved
    search.sweep_seconds += time.monotonic() - started
    return improved


def _improve(search: _Search, until: float) -> None:
    """Re-solve neighbourhoods until ``until`` (monotonic seconds) or until the whole problem is proved optimal."""
    data = search.data
    count = len(data.allowed)
    horizon = data.horizon
    started = time.monotonic()
    swept_at = -1
    while until - time.monotonic() > MIN_REMAINING_SECONDS and not search.optimal:
        spent = time.monotonic() - started
        if search.hard_cover:
            _hard_cover_window(search, until)
            continue
        if swept_at != search.value and search.sweep_seconds <= SWEEP_SHARE * spent:
            # Re-plan single employees exactly while that keeps paying (and takes its share of the time only).
            while _sweep(search, until) and search.sweep_seconds <= SWEEP_SHARE * (time.monotonic() - started):
                pass
            swept_at = search.value
            continue
        window = search.rng.random() < WINDOW_SHARE
        cells = search.window_cells if window else search.employee_cells
        if window:
            size = count if count * WINDOW_DAYS <= cells else max(MIN_EMPLOYEES, round(cells / WINDOW_DAYS))
            days = min(horizon, max(WINDOW_DAYS, round(cells / size)))
            first = search.rng.randrange(horizon - days + 1)
            last = first + days - 1
        else:
            size = min(count, max(MIN_EMPLOYEES, round(cells / horizon)))
            first, last = 0, horizon - 1
        guided = search.rng.random() < GUIDED_SHARE
        if guided and window:
            days = last - first + 1
            first, chosen = _guided_window(search, days, size)
            last = first + days - 1
        elif guided:
            chosen = _guided_employees(search, size)
        else:
            chosen = search.rng.sample(range(count), size)
        status = search.run(chosen, first, last, min(SUB_LIMIT_SECONDS, until - time.monotonic()))
        if status == cp_model.OPTIMAL:
            cells = min(float(count * horizon), cells * GROW)
        elif status is not None:
            cells = max(MIN_CELLS, cells * SHRINK)
        if window:
            search.window_cells = cells
        else:
            search.employee_cells = cells


def _hard_cover_window(search: _Search, until: float) -> None:
    """Every employee over a random window (HARD_COVER_WINDOW_DAYS), keeping the hard cover. No single employee
    can move without breaking that cover: no DP sweeps either."""
    horizon = search.data.horizon
    days = min(horizon, HARD_COVER_WINDOW_DAYS)
    first = search.rng.randrange(horizon - days + 1)
    everyone = range(len(search.data.allowed))
    search.run(everyone, first, first + days - 1, min(HARD_COVER_SUB_SECONDS, until - time.monotonic()))


def _penalties(search: _Search) -> tuple[np.ndarray, np.ndarray]:
    """What the current roster pays, per (day, shift) for the cover and per (employee, day) for the requests."""
    lines = search.lines()
    if search.grid is None:
        search.grid = _grid(search.data, search.current)
    grid = search.grid
    cover = lines.under * np.maximum(0, lines.requirement - grid) + lines.over * np.maximum(0, grid - lines.requirement)
    requests = np.zeros((len(search.current), search.data.horizon))
    for employee, line in enumerate(search.current):
        for (day, shift), weight in search.data.on_requests[employee].items():
            if line[day] != shift:
                requests[employee, day] += weight
        for (day, shift), weight in search.data.off_requests[employee].items():
            if line[day] == shift:
                requests[employee, day] += weight
    return cover, requests


def _weighted_sample(rng: random.Random, weights: np.ndarray, size: int) -> list[int]:
    """``size`` distinct indices, each drawn with probability proportional to its weight (all positive)."""
    keys = [rng.random() ** (1.0 / weight) for weight in weights.tolist()]
    return sorted(range(len(keys)), key=keys.__getitem__, reverse=True)[:size]


def _takers(search: _Search) -> np.ndarray:
    """Employees x days x shifts: who could take one more of that shift that day (allowed, not a day off, below the
    most shifts of its type). An under-covered cell nobody could take is stuck (a short type, see ``_short_types``):
    neighbourhoods drawn to it cannot mend it."""
    data = search.data
    takers = np.zeros((len(data.allowed), data.horizon, len(data.minutes)), dtype=bool)
    for employee, line in enumerate(search.current):
        worked = np.bincount([shift for shift in line if shift != OFF], minlength=len(data.minutes))
        room = [shift for shift in data.allowed[employee] if worked[shift] < data.max_shifts[employee][shift]]
        takers[employee][:, room] = True
        takers[employee][sorted(data.days_off[employee])] = False
    return takers


def _guided_window(search: _Search, days: int, size: int) -> tuple[int, list[int]]:
    """A window of ``days`` and ``size`` employees where the roster pays: the window drawn by the penalties in it
    (under-cover only where someone could take it), the employees by their unmet requests there and the
    under-covered shifts there they could take."""
    data = search.data
    cover, requests = _penalties(search)
    lines = search.lines()
    grid = search.grid if search.grid is not None else _grid(data, search.current)
    takers = _takers(search)
    short = (lines.requirement - grid) > 0
    mendable = np.where(short & ~takers.any(axis=0), 0.0, cover)
    per_day = mendable.sum(axis=1) + requests.sum(axis=0)
    sums = np.convolve(per_day, np.ones(days), mode="valid")
    first = _weighted_sample(search.rng, sums + 1.0 + sums.mean(), 1)[0]
    last = first + days - 1
    weights = requests[:, first : last + 1].sum(axis=1) + 1.0
    weights += (takers & short)[:, first : last + 1].sum(axis=(1, 2)) * 10.0
    return first, _weighted_sample(search.rng, weights, size)


def _guided_employees(search: _Search, size: int) -> list[int]:
    """``size`` employees over the whole horizon: one drawn by the requests it leaves unmet and the under-covered
    shifts it could take, the others by how many shift types they share with it (who can swap shifts with whom)."""
    data = search.data
    _cover, requests = _penalties(search)
    grid = search.grid if search.grid is not None else _grid(data, search.current)
    short = (search.lines().requirement - grid) > 0
    pays = requests.sum(axis=1) + (_takers(search) & short).sum(axis=(1, 2)) * 10.0
    seed = _weighted_sample(search.rng, pays + 1.0 + pays.mean(), 1)[0]
    mine = set(data.allowed[seed])
    overlap = np.array([len(mine & set(allowed)) / max(1, len(mine | set(allowed))) for allowed in data.allowed])
    overlap[seed] = 0.0
    others = _weighted_sample(search.rng, overlap + 0.05, size - 1)
    return [seed, *others]


def _result(instance: Instance, search: _Search) -> SolveResult:
    """The search's best roster, checked."""
    seconds = time.monotonic() - search.started
    if not search.current:
        return SolveResult(None, None, Status.NO_SOLUTION, seconds, search.bound, iterations=search.iterations)
    roster = _roster(search.data, search.current)
    report = check(instance, roster)
    if not report.feasible:
        return SolveResult(None, None, Status.NO_SOLUTION, seconds, None, report, search.iterations)
    status = Status.OPTIMAL if search.optimal else Status.FEASIBLE
    return SolveResult(roster, report.objective.total, status, seconds, search.bound, report, search.iterations)
