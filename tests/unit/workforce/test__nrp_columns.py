"""Column generation: line costs, LP duals that price the pool, generation to the full LP, and a dive to a roster."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Sequence

import numpy as np
import pytest

from barrierfree.workforce._nrp_columns import OFF, ColumnPool, Planner, Relaxation

DAYS = 3
MOST_DAYS = 2
"""Each toy employee works at most this many of the days (the stub planner's only rule)."""
LINES = [line for line in itertools.product((OFF, 0), repeat=DAYS) if sum(shift != OFF for shift in line) <= MOST_DAYS]


def _toy() -> ColumnPool:
    """Two employees, one shift, one needed each day (10 per missing or extra employee); employee 0 asks for day
    0 (weight 5), employee 1 asks not to work day 2 (weight 5). Best roster: 0 works days 0 and 2, 1 works day 1."""
    requirement = np.ones((DAYS, 1))
    weights = np.full((DAYS, 1), 10.0)
    wants, avoids = np.zeros((DAYS, 1)), np.zeros((DAYS, 1))
    wants[0, 0] = 5.0
    avoids[2, 0] = -5.0
    return ColumnPool(requirement, weights, weights.copy(), [wants, avoids])


def _planner() -> tuple[list[tuple[int, np.ndarray]], Planner]:
    """A stub pricer: the best of all allowed lines by enumeration (exact), recording its calls."""
    calls: list[tuple[int, np.ndarray]] = []

    def best(employee: int, gains: np.ndarray) -> tuple[list[int], float]:
        calls.append((employee, gains))
        value, line = max((sum(gains[d, s] for d, s in enumerate(line) if s != OFF), line) for line in LINES)
        return list(line), float(value)

    return calls, best


def _total(pool: ColumnPool, roster: list[list[int]]) -> float:
    """The roster's objective: requests (by the pool's costs) plus cover."""
    count = np.zeros_like(pool.requirement)
    for line in roster:
        for day, shift in enumerate(line):
            if shift != OFF:
                count[day, shift] += 1
    short = np.maximum(0, pool.requirement - count) * pool.under
    extra = np.maximum(0, count - pool.requirement) * pool.over
    requests = sum(pool.cost(employee, line) for employee, line in enumerate(roster))
    return float(short.sum() + extra.sum() + requests)


def _reduced_costs(pool: ColumnPool, relaxation: Relaxation) -> list[float]:
    costs = []
    for employee, lines in enumerate(pool.lines):
        for line, cost in zip(lines, pool.costs[employee], strict=True):
            covered = sum(relaxation.cell_duals[day, shift] for day, shift in enumerate(line) if shift != OFF)
            costs.append(cost - covered - relaxation.employee_duals[employee])
    return costs


def test_a_line_costs_its_unmet_and_broken_requests() -> None:
    pool = _toy()
    assert pool.cost(0, (OFF, OFF, OFF)) == 5
    assert pool.cost(0, (0, OFF, OFF)) == 0
    assert pool.cost(1, (OFF, OFF, 0)) == 5
    assert pool.cost(1, (0, 0, OFF)) == 0
    assert pool.add(0, (0, OFF, OFF)) and not pool.add(0, [0, OFF, OFF])


def test_lp_duals_price_every_pooled_line_at_zero_or_more() -> None:
    pool = _toy()
    pool.add_roster([[OFF] * DAYS, [OFF] * DAYS])
    pool.add(0, (0, 0, OFF))
    pool.add(1, (OFF, 0, 0))
    relaxation = pool.relax()
    assert relaxation is not None
    assert min(_reduced_costs(pool, relaxation)) >= -1e-6
    # The basis prices the lines it uses at zero, and the weights of each employee sum to one.
    assert all(abs(weights.sum() - 1.0) < 1e-9 for weights in relaxation.weights)


def test_generation_reaches_the_lp_over_every_line_and_the_dive_the_best_roster() -> None:
    pool = _toy()
    pool.add_roster([[OFF] * DAYS, [OFF] * DAYS])
    start = pool.relax()
    calls, planner = _planner()
    rounds = pool.generate(planner, time.monotonic() + 10.0)
    assert rounds >= 2 and calls
    generated = pool.relax()
    full = _toy()
    for employee, line in itertools.product(range(2), LINES):
        full.add(employee, line)
    everything = full.relax()
    assert start is not None and generated is not None and everything is not None
    assert generated.value == pytest.approx(everything.value) and generated.value < start.value
    roster = pool.dive(planner, time.monotonic() + 10.0)
    assert roster is not None
    best = min(_total(full, [list(a), list(b)]) for a, b in itertools.product(LINES, repeat=2))
    assert _total(pool, roster) == best == 0.0


def test_the_dive_prices_only_employees_split_between_lines() -> None:
    pool = _toy()
    pool.add_roster([[0, OFF, 0], [OFF, 0, OFF]])  # already the best roster: the LP is whole at once
    calls, planner = _planner()
    roster = pool.dive(planner, time.monotonic() + 10.0)
    assert roster == [[0, OFF, 0], [OFF, 0, OFF]]
    assert not calls and not pool.fixed


def test_the_support_is_every_cell_of_the_lines_the_lp_uses() -> None:
    pool = _toy()
    pool.add_roster([[0, OFF, 0], [OFF, 0, OFF]])
    pool.add(0, (OFF, 0, OFF))  # costs employee 0 its request and leaves days 0 and 2 short: weight 0
    relaxation = pool.relax()
    assert relaxation is not None
    support = pool.support(relaxation)
    # Per employee and day: (works shift 0, has the day off).
    assert support.tolist() == [
        [[True, False], [False, True], [True, False]],
        [[False, True], [True, False], [False, True]],
    ]


def test_a_round_prices_its_employees_through_the_given_map() -> None:
    pool = _toy()
    pool.add_roster([[OFF] * DAYS, [OFF] * DAYS])
    _calls, planner = _planner()
    mapped: list[list[int]] = []

    def recording_map(price: Callable[[int], object], employees: Sequence[int]) -> list[object]:
        mapped.append(list(employees))
        return [price(employee) for employee in employees]

    pool.generate(planner, time.monotonic() + 10.0, recording_map)
    assert mapped and all(employees == [0, 1] for employees in mapped)
