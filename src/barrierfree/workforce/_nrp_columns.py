"""Column generation for nurse rostering: whole lines per employee, priced by the DP against LP duals (solver only).

Only cover ties employees together, so a roster is one line per employee and the problem is a set-partitioning
master: choose one line (column) per employee, paying each line's requests and the cover penalties of all lines
together. Its linear relaxation over a pool of lines is a small LP (HiGHS through SciPy); its duals price the
cover cells, and the employee's best line against "its requests plus the dual of each cell" is exactly what the
per-employee DP (``_nrp_dp``) computes, so each round adds, per employee, the line with the most negative reduced
cost. That is how the best published results on these instances were obtained (branch-and-price). Here a
roster is then taken from the LP by diving (hold the employees whose LP line is whole or heaviest to that line,
re-price the others, repeat): a heuristic, with no branching back.

Measured, and dropped: the integer master over the pool (one Boolean per pooled line) solved by CP-SAT or by
HiGHS's MIP found much worse rosters in 10-17 s than the dive (Instance10: 7,060 and 5,751 against 4,645, the LP
being 4,631), and CP-SAT found nothing better than its hint when hinted with a good roster (Instance12).

The module knows only arrays: cover requirement and weights per (day, shift), each employee's request gains per
(day, shift) (-inf where the contract forbids the shift), and a callable that plans one employee's best line.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix, csr_matrix

OFF = -1
REDUCED_COST_EPSILON = 1e-6
"""A line enters the pool only if its reduced cost is below minus this (LP tolerances)."""
WHOLE = 0.999
"""A line weight at least this in the LP counts as whole when diving."""
SUPPORT_WEIGHT = 1e-6
"""A line weight above this in the LP puts the line's cells in the LP's support."""
DIVE_PRICING_ROUNDS = 2
"""Pricing rounds after each dive step (the LP after a step needs only a few new lines)."""
DIVE_FIX_SHARE = 1 / 8
"""Share of the free employees held to their heaviest line per dive step, besides those already whole (at least
one): fewer LPs on the larger instances. Measured on Instance12: the LP stays within 1 % of its root value
until about half the employees are held, then rises quickly whatever the share."""

Line = tuple[int, ...]
Planner = Callable[[int, np.ndarray], tuple[list[int], float] | None]
"""(employee, gains per day and shift) -> that employee's best line and its value, or None if the DP finds none."""
Mapper = Callable[[Callable[[int], Any], Sequence[int]], Iterable[Any]]
"""Like the builtin ``map`` (the default) or an executor's ``map``: how one round prices its employees."""


@dataclass(frozen=True)
class Relaxation:
    """The LP over the pool: its value, the dual of each cover cell (days x shifts, 0 where no cover) and of each
    employee's one-line row, and the weight of each pooled line per employee."""

    value: float
    cell_duals: np.ndarray
    employee_duals: np.ndarray
    weights: list[np.ndarray]


class ColumnPool:
    """Lines per employee with their request cost, and the master problem over them."""

    def __init__(
        self, requirement: np.ndarray, under: np.ndarray, over: np.ndarray, requests: Sequence[np.ndarray]
    ) -> None:
        self.requirement, self.under, self.over = requirement, under, over
        self.requests = list(requests)
        # Only cells with a cover weight are rows of the master; the others cost nothing either way.
        self.cells = [(int(day), int(shift)) for day, shift in zip(*np.nonzero((under > 0) | (over > 0)), strict=True)]
        self.row = {cell: index for index, cell in enumerate(self.cells)}
        # A line's request cost is the on-request weight it leaves unmet plus the off-request weight it breaks:
        # all on-requests unmet (the base) less the request gain of each shift it works (up to a constant per
        # employee, which no choice changes: requests on a shift it may never work).
        self.base = [float(np.where(gains > 0, gains, 0.0).sum()) for gains in self.requests]
        self.lines: list[list[Line]] = [[] for _ in self.requests]
        self.costs: list[list[int]] = [[] for _ in self.requests]
        self.covers: list[list[list[int]]] = [[] for _ in self.requests]
        """Per pooled line, the master rows (cover cells) it works: built once, read by every LP."""
        self.known: list[set[Line]] = [set() for _ in self.requests]
        self.fixed: dict[int, int] = {}
        """Employees held to one pooled line (by index) while diving."""

    def cost(self, employee: int, line: Sequence[int]) -> int:
        """What the employee's requests cost when it works this line."""
        gains = self.requests[employee]
        granted = sum(float(gains[day, shift]) for day, shift in enumerate(line) if shift != OFF)
        return round(self.base[employee] - granted)

    def add(self, employee: int, line: Sequence[int]) -> bool:
        """Pool a line for an employee; False if it was already there."""
        key = tuple(line)
        if key in self.known[employee]:
            return False
        self.known[employee].add(key)
        self.lines[employee].append(key)
        self.costs[employee].append(self.cost(employee, key))
        rows = (self.row.get((day, shift)) for day, shift in enumerate(key) if shift != OFF)
        self.covers[employee].append([row for row in rows if row is not None])
        return True

    def add_roster(self, lines: Sequence[Sequence[int]]) -> int:
        """Pool every line of a roster; the number that were new."""
        return sum(self.add(employee, line) for employee, line in enumerate(lines))

    def size(self) -> int:
        """Lines pooled, all employees together."""
        return sum(len(lines) for lines in self.lines)

    def _program(self) -> tuple[np.ndarray, csr_matrix, np.ndarray]:
        """The master as costs, equality matrix and right-hand side: one column per pooled line, then a shortfall
        and an excess column per cover cell; one row per cover cell (lines + shortfall - excess == requirement),
        then one row per employee (its lines sum to one)."""
        employees, cells = len(self.lines), len(self.cells)
        rows: list[int] = []
        columns: list[int] = []
        costs: list[float] = []
        column = 0
        for employee, covers in enumerate(self.covers):
            for covered in covers:
                rows.append(cells + employee)
                rows.extend(covered)
                columns.extend([column] * (len(covered) + 1))
                column += 1
            costs.extend(self.costs[employee])
        for index in range(cells):
            rows.extend((index, index))
            columns.extend((column + 2 * index, column + 2 * index + 1))
        day_of = [day for day, _shift in self.cells]
        shift_of = [shift for _day, shift in self.cells]
        slack_costs = np.column_stack((self.under[day_of, shift_of], self.over[day_of, shift_of])).ravel()
        values = np.ones(len(rows))
        values[len(rows) - 2 * cells + 1 :: 2] = -1.0
        matrix = coo_matrix((values, (rows, columns)), shape=(cells + employees, column + 2 * cells)).tocsr()
        right = np.concatenate((self.requirement[day_of, shift_of], np.ones(employees)))
        return np.concatenate((costs, slack_costs)), matrix, right

    def relax(self) -> Relaxation | None:
        """Solve the LP master: each employee a convex mix of its lines, cover shortfall and excess paid."""
        costs, matrix, right = self._program()
        result = linprog(costs, A_eq=matrix, b_eq=right, bounds=self._bounds(len(costs)), method="highs")
        if result.status != 0:
            return None
        cells = len(self.cells)
        duals = np.asarray(result.eqlin.marginals)
        cell_duals = np.zeros_like(self.requirement, dtype=float)
        for index, (day, shift) in enumerate(self.cells):
            cell_duals[day, shift] = duals[index]
        weights = []
        start = 0
        for lines in self.lines:
            weights.append(np.asarray(result.x[start : start + len(lines)]))
            start += len(lines)
        return Relaxation(float(result.fun), cell_duals, duals[cells:], weights)

    def _bounds(self, columns: int) -> np.ndarray:
        """Column bounds: all from 0 up, except the lines of a fixed employee other than its chosen one (0)."""
        bounds = np.zeros((columns, 2))
        bounds[:, 1] = np.inf
        start = 0
        for employee, lines in enumerate(self.lines):
            chosen = self.fixed.get(employee)
            if chosen is not None:
                bounds[start : start + len(lines), 1] = 0.0
                bounds[start + chosen, 1] = 1.0
            start += len(lines)
        return bounds

    def generate(self, planner: Planner, until: float, mapper: Mapper = map) -> int:
        """Column generation: solve the LP, price every employee, until no line prices out or ``until``
        (monotonic seconds); the rounds run."""
        rounds = 0
        while time.monotonic() < until:
            relaxation = self.relax()
            if relaxation is None:
                break
            rounds += 1
            if not self.price(relaxation, planner, range(len(self.lines)), mapper):
                break
        return rounds

    def support(self, relaxation: Relaxation) -> np.ndarray:
        """Which (employee, day, shift) the LP uses, as Booleans of shape (employees, days, shifts + 1); the last
        shift index is the day off. A whole model restricted to these cells is where the LP points."""
        employees = len(self.lines)
        days, shifts = self.requirement.shape
        used = np.zeros((employees, days, shifts + 1), dtype=bool)
        for employee, weights in enumerate(relaxation.weights):
            for weight, line in zip(weights, self.lines[employee], strict=True):
                if weight > SUPPORT_WEIGHT:
                    cells = np.asarray(line)
                    used[employee, np.arange(days), np.where(cells == OFF, shifts, cells)] = True
        return used

    def dive(self, planner: Planner, pricing_until: float) -> list[list[int]] | None:
        """A roster by diving: solve the LP, hold every employee whose line is (nearly) whole in it, and the
        DIVE_FIX_SHARE of the others with the heaviest lines, to that line, re-price the free employees, and
        repeat until every employee is held. Pricing stops at ``pricing_until`` (then the LP alone finishes)."""
        employees = range(len(self.lines))
        self.fixed = {}
        try:
            while len(self.fixed) < len(self.lines):
                free = [employee for employee in employees if employee not in self.fixed]
                relaxation = self.relax()
                for _round in range(DIVE_PRICING_ROUNDS):
                    if relaxation is None or time.monotonic() >= pricing_until:
                        break
                    # Only employees split between lines are priced: the others rarely gain a line after a
                    # step, and pricing everyone is most of a step's time.
                    split = [employee for employee in free if relaxation.weights[employee].max() < WHOLE]
                    if not self.price(relaxation, planner, split):
                        break
                    relaxation = self.relax()
                if relaxation is None:
                    return None
                heaviest = sorted(free, key=lambda employee: -float(relaxation.weights[employee].max()))
                chosen = set(heaviest[: max(1, round(len(free) * DIVE_FIX_SHARE))])
                for employee in free:
                    weights = relaxation.weights[employee]
                    if employee in chosen or weights.max() >= WHOLE:
                        self.fixed[employee] = int(np.argmax(weights))
            return [list(self.lines[employee][self.fixed[employee]]) for employee in employees]
        finally:
            self.fixed = {}

    def price(self, relaxation: Relaxation, planner: Planner, employees: Sequence[int], mapper: Mapper = map) -> int:
        """Add each employee's best line against the duals where its reduced cost is negative; lines added.

        (Wentges smoothing of the duals was tried and dropped: its centre is chosen by a Lagrangian bound, which
        is not a bound here because the DP only prices the per-type limits; on Instance12 it stalled at LP 7,700
        after 17 rounds where plain pricing reached 4,600.)
        """
        added = 0
        priced = mapper(lambda employee: planner(employee, self.requests[employee] + relaxation.cell_duals), employees)
        for employee, found in zip(employees, priced, strict=True):
            if found is None:
                continue
            line, value = found
            reduced = self.base[employee] - relaxation.employee_duals[employee] - value
            if reduced < -REDUCED_COST_EPSILON and self.add(employee, line):
                added += 1
        return added
