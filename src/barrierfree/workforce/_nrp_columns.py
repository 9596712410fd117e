"""Column generation for nurse rostering: whole lines per employee, priced by the DP against LP duals (solver only).

Only cover ties employees together, so a roster is one line per employee and the problem is a set-partitioning
master: choose one line (column) per employee, paying each line's requests and the cover penalties of all lines
together. Its linear relaxation over a pool of lines is a small LP (HiGHS through SciPy); its duals price the
cover cells, and the employee's best line against "its requests plus the dual of each cell" is exactly what the
per-employee DP (``_nrp_dp``) computes, so each round adds, per employee, the line with the most negative reduced
cost. That is how the best published results on these instances were obtained (branch-and-price). Here the
pool is then solved as an integer problem by CP-SAT (one Boolean per line): price-and-branch, a heuristic.

The module knows only arrays: cover requirement and weights per (day, shift), each employee's request gains per
(day, shift) (-inf where the contract forbids the shift), and a callable that plans one employee's best line.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import coo_matrix, csr_matrix

OFF = -1
REDUCED_COST_EPSILON = 1e-6
WHOLE = 0.999
"""A line weight at least this in the LP counts as whole when diving."""
DIVE_PRICING_ROUNDS = 2
"""Pricing rounds after each dive step (the LP after a step needs only a few new lines)."""
DIVE_FIX_SHARE = 1 / 8
"""Share of the free employees held to their heaviest line per dive step, besides those already whole (at least
one): fewer LPs on the larger instances."""
"""A line enters the pool only if its reduced cost is below minus this (LP tolerances)."""

Line = tuple[int, ...]
Planner = Callable[[int, np.ndarray], tuple[list[int], float] | None]
"""(employee, gains per day and shift) -> that employee's best line and its value, or None if the DP finds none."""


@dataclass(frozen=True)
class Relaxation:
    """The LP over the pool: its value, the dual of each cover cell (days x shifts, 0 where no cover) and of each
    employee's one-line row, and the weight of each pooled line per employee."""

    value: float
    cell_duals: np.ndarray
    employee_duals: np.ndarray
    weights: list[np.ndarray]


class ColumnPool:
    """Lines per employee with their request cost, and the master problem over them (LP and integer)."""

    def __init__(
        self, requirement: np.ndarray, under: np.ndarray, over: np.ndarray, requests: Sequence[np.ndarray]
    ) -> None:
        self.requirement, self.under, self.over = requirement, under, over
        self.requests = list(requests)
        # Only cells with a cover weight are rows of the master; the others cost nothing either way.
        self.cells = [(int(day), int(shift)) for day, shift in zip(*np.nonzero((under > 0) | (over > 0)), strict=True)]
        self.row = {cell: index for index, cell in enumerate(self.cells)}
        # A line's request cost is the on-request weight it leaves unmet plus the off-request weight it breaks:
        # all on-requests unmet (the base) less the request gain of each shift it works.
        self.base = [float(np.where(gains > 0, gains, 0.0).sum()) for gains in self.requests]
        self.lines: list[list[Line]] = [[] for _ in self.requests]
        self.costs: list[list[int]] = [[] for _ in self.requests]
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
        for employee, lines in enumerate(self.lines):
            for line, cost in zip(lines, self.costs[employee], strict=True):
                rows.append(cells + employee)
                columns.append(column)
                for day, shift in enumerate(line):
                    row = self.row.get((day, shift)) if shift != OFF else None
                    if row is not None:
                        rows.append(row)
                        columns.append(column)
                costs.append(cost)
                column += 1
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

    def dive(self, planner: Planner, pricing_until: float) -> list[list[int]] | None:
        """A roster by diving: solve the LP, hold every employee whose line is (nearly) whole in it, plus the free
        employee with the largest line weight, to that line, re-price the free employees, and repeat until every
        employee is held. Pricing stops at ``pricing_until`` (the LP alone then finishes the dive)."""
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

    def solve_integer(self, seconds: float) -> list[list[int]] | None:
        """The integer master over the pool by HiGHS's branch and bound (its LP bound is what makes it fast: the
        pool's LP is tight on these instances); the best roster found in ``seconds``, None if none."""
        costs, matrix, right = self._program()
        lines = self.size()
        integrality = np.zeros(len(costs))
        integrality[:lines] = 1
        bounds = self._bounds(len(costs))
        bounds[:lines, 1] = np.minimum(bounds[:lines, 1], 1.0)
        result = milp(
            costs,
            constraints=LinearConstraint(matrix, right, right),
            integrality=integrality,
            bounds=Bounds(bounds[:, 0], bounds[:, 1]),
            options={"time_limit": max(seconds, 0.1), "disp": False},
        )
        if result.x is None:
            return None
        picked = []
        start = 0
        for employee, pooled in enumerate(self.lines):
            index = int(np.argmax(result.x[start : start + len(pooled)]))
            picked.append(list(self.lines[employee][index]))
            start += len(pooled)
        return picked

    def price(self, relaxation: Relaxation, planner: Planner, employees: Sequence[int]) -> int:
        """Add each employee's best line against the duals where its reduced cost is negative; lines added.

        (Wentges smoothing of the duals was tried and dropped: its centre is chosen by a Lagrangian bound, which
        is not a bound here because the DP only prices the per-type limits; on Instance12 it stalled at LP 7,700
        after 17 rounds where plain pricing reached 4,600.)
        """
        added = 0
        for employee in employees:
            found = planner(employee, self.requests[employee] + relaxation.cell_duals)
            if found is None:
                continue
            line, value = found
            reduced = self.base[employee] - relaxation.employee_duals[employee] - value
            if reduced < -REDUCED_COST_EPSILON and self.add(employee, line):
                added += 1
        return added

    def master(self, hint: Sequence[Sequence[int]] | None) -> tuple[cp_model.CpModel, list[list[cp_model.IntVar]]]:
        """The integer master over the pool: one Boolean per line, exactly one per employee; cover as in the LP."""
        model = cp_model.CpModel()
        chosen = [[model.new_bool_var("") for _line in lines] for lines in self.lines]
        by_cell: dict[int, list[cp_model.IntVar]] = {}
        terms: list[cp_model.IntVar] = []
        weights: list[int] = []
        for employee, lines in enumerate(self.lines):
            model.add_exactly_one(chosen[employee])
            hinted = tuple(hint[employee]) if hint is not None else None
            for line, cost, var in zip(lines, self.costs[employee], chosen[employee], strict=True):
                if hinted is not None:
                    model.add_hint(var, line == hinted)
                if cost:
                    terms.append(var)
                    weights.append(cost)
                for day, shift in enumerate(line):
                    row = self.row.get((day, shift)) if shift != OFF else None
                    if row is not None:
                        by_cell.setdefault(row, []).append(var)
        for row, (day, shift) in enumerate(self.cells):
            requirement = int(self.requirement[day, shift])
            variables = by_cell.get(row, [])
            short = model.new_int_var(0, requirement, "")
            extra = model.new_int_var(0, len(variables), "")
            model.add(sum(variables) + short - extra == requirement)
            terms.extend((short, extra))
            weights.extend((int(self.under[day, shift]), int(self.over[day, shift])))
        model.minimize(cp_model.LinearExpr.weighted_sum(terms, weights))
        return model, chosen

    def read(self, solver: cp_model.CpSolver, chosen: list[list[cp_model.IntVar]]) -> list[list[int]]:
        """The roster a solved master picked."""
        picked = []
        for employee, variables in enumerate(chosen):
            index = next(index for index, var in enumerate(variables) if solver.boolean_value(var))
            picked.append(list(self.lines[employee][index]))
        return picked


def lower_bound(relaxation: Relaxation) -> int:
    """The LP value rounded up: a bound for the pool's integer master only (pricing is not exact)."""
    return math.ceil(relaxation.value - REDUCED_COST_EPSILON)
