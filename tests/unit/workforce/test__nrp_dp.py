"""The per-employee DP: its lines keep every hard rule, and it finds the best line where the counting rules are slack."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from barrierfree.workforce._nrp_dp import OFF, LinePlanner, LineRules, restricted
from barrierfree.workforce._nrp_runs import RunRules
from barrierfree.workforce.nrp_check import employee_violations
from barrierfree.workforce.nrp_instance import Employee, Instance, Shift

SHIFTS = (Shift("E", 480, frozenset()), Shift("L", 600, frozenset({"E"})))
DAYS = 8


def _setup(employee: Employee) -> tuple[Instance, LineRules]:
    instance = Instance("dp", DAYS, SHIFTS, (employee,))
    ids = [shift.id for shift in SHIFTS]
    rules = LineRules(
        DAYS,
        tuple(shift.minutes for shift in SHIFTS),
        tuple(frozenset(ids.index(other) for other in shift.cannot_follow) for shift in SHIFTS),
        tuple(index for index, shift in enumerate(SHIFTS) if employee.allows(shift.id)),
        tuple(employee.max_shifts.get(shift.id, 0) for shift in SHIFTS),
        employee.min_minutes,
        employee.max_minutes,
        RunRules(employee.max_consecutive_shifts, employee.min_consecutive_shifts, employee.min_consecutive_days_off),
        employee.max_weekends,
        frozenset(employee.days_off),
        ((5, 6),),
    )
    return instance, rules


def _cells(line: list[int]) -> tuple[str | None, ...]:
    return tuple(None if shift == OFF else SHIFTS[shift].id for shift in line)


def _brute_force(instance: Instance, employee: Employee, gains: np.ndarray) -> float | None:
    best: float | None = None
    for line in itertools.product((OFF, 0, 1), repeat=DAYS):
        if employee_violations(instance, employee, _cells(list(line))):
            continue
        value = float(sum(gains[day, shift] for day, shift in enumerate(line) if shift != OFF))
        best = value if best is None else max(best, value)
    return best


@pytest.mark.parametrize("seed", range(6))
def test_best_line_is_optimal_and_keeps_the_rules(seed: int) -> None:
    employee = Employee("A", {"E": DAYS, "L": DAYS}, 3600, 1920, 4, 2, 2, 1, frozenset({2}))
    instance, rules = _setup(employee)
    gains = np.random.default_rng(seed).integers(-5, 10, size=(DAYS, 2)).astype(float)
    found = LinePlanner(rules).best_line(gains)
    assert found is not None
    line, value = found
    assert not employee_violations(instance, employee, _cells(line))
    assert value == _brute_force(instance, employee, gains)


@pytest.mark.parametrize("seed", range(4))
def test_priced_limits_are_kept(seed: int) -> None:
    # At most 2 late shifts and no weekend, while the gains favour both.
    employee = Employee("A", {"E": DAYS, "L": 2}, 4800, 2400, 5, 1, 1, 0)
    instance, rules = _setup(employee)
    gains = np.random.default_rng(seed).integers(0, 10, size=(DAYS, 2)).astype(float)
    gains[:, 1] += 20
    gains[5:7, :] += 30
    found = LinePlanner(rules).best_line(gains)
    assert found is not None
    line, value = found
    assert not employee_violations(instance, employee, _cells(line))
    brute = _brute_force(instance, employee, gains)
    assert brute is not None and value <= brute


def test_no_line_when_the_minutes_cannot_be_reached() -> None:
    employee = Employee("A", {"E": DAYS, "L": DAYS}, 6000, 5000, 2, 1, 1, 1)
    _instance, rules = _setup(employee)
    assert LinePlanner(rules).best_line(np.zeros((DAYS, 2))) is None


def test_restricted_rules_keep_only_shifts_that_forbid_nothing() -> None:
    employee = Employee("A", {"E": DAYS, "L": DAYS}, 4800, 0, 5, 1, 1, 1)
    _instance, rules = _setup(employee)
    assert restricted(rules).allowed == (0,)
