"""The per-employee DP: its lines keep every hard rule, and it finds the best line where the counting rules are slack."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest

from barrierfree.workforce import _nrp_dp
from barrierfree.workforce._nrp_dp import OFF, LinePlanner, LineRules, restricted
from barrierfree.workforce._nrp_runs import RunRules
from barrierfree.workforce.nrp_check import Rule, employee_violations
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


def _limited_case(seed: int) -> tuple[Instance, Employee, LineRules, np.ndarray]:
    """At most 2 late shifts and no weekend, while the gains favour both."""
    employee = Employee("A", {"E": DAYS, "L": 2}, 4800, 2400, 5, 1, 1, 0)
    instance, rules = _setup(employee)
    gains = np.random.default_rng(seed).integers(0, 10, size=(DAYS, 2)).astype(float)
    gains[:, 1] += 20
    gains[5:7, :] += 30
    return instance, employee, rules, gains


@pytest.mark.parametrize("seed", range(4))
def test_binding_type_limits_are_counted_exactly(seed: int) -> None:
    instance, employee, rules, gains = _limited_case(seed)
    planner = LinePlanner(rules)
    assert planner.exact and planner.counted == (1,) and planner.slots == (1, 3)
    found = planner.best_line(gains)
    assert found is not None
    line, value = found
    assert not employee_violations(instance, employee, _cells(line))
    assert value == _brute_force(instance, employee, gains)


@pytest.mark.parametrize("seed", range(4))
def test_priced_limits_are_kept(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # With no room for counters, both limits are priced: the line keeps them, maybe not at its best.
    monkeypatch.setattr(_nrp_dp, "EXACT_COUNT_MAX_COST", 0)
    instance, employee, rules, gains = _limited_case(seed)
    planner = LinePlanner(rules)
    assert not planner.exact and planner.slots == (1,)
    found = planner.best_line(gains)
    assert found is not None
    line, value = found
    assert not employee_violations(instance, employee, _cells(line))
    brute = _brute_force(instance, employee, gains)
    assert brute is not None and value <= brute


@pytest.mark.parametrize("seed", range(4))
def test_two_type_limits_and_weekends_are_counted_together(seed: int) -> None:
    employee = Employee("A", {"E": 3, "L": 2}, 4800, 960, 5, 1, 1, 0)
    instance, rules = _setup(employee)
    planner = LinePlanner(rules)
    assert planner.exact and planner.counted == (1, 0) and planner.slots == (1, 3, 4)
    gains = np.random.default_rng(seed).integers(-3, 12, size=(DAYS, 2)).astype(float)
    found = planner.best_line(gains)
    assert found is not None
    line, value = found
    assert not employee_violations(instance, employee, _cells(line))
    assert value == _brute_force(instance, employee, gains)


def test_slack_type_limits_are_not_counted() -> None:
    # Eight days of 480 minutes at most: a limit of eight early shifts can never bind.
    employee = Employee("A", {"E": DAYS, "L": 2}, 3840, 0, 8, 1, 1, 1)
    _instance, rules = _setup(employee)
    assert LinePlanner(rules).counted == (1,)


def test_no_line_when_the_minutes_cannot_be_reached() -> None:
    employee = Employee("A", {"E": DAYS, "L": DAYS}, 6000, 5000, 2, 1, 1, 1)
    _instance, rules = _setup(employee)
    assert LinePlanner(rules).best_line(np.zeros((DAYS, 2))) is None


def test_restricted_rules_keep_only_shifts_that_forbid_nothing() -> None:
    employee = Employee("A", {"E": DAYS, "L": DAYS}, 4800, 0, 5, 1, 1, 1)
    _instance, rules = _setup(employee)
    assert restricted(rules).allowed == (0,)


def _brute_force_weekends(
    instance: Instance, employee: Employee, gains: np.ndarray, weekends: tuple[tuple[int, ...], ...]
) -> float | None:
    """The best line by enumeration, with worked weekends counted over ``weekends`` (not the instance's)."""
    best: float | None = None
    for line in itertools.product((OFF, 0, 1), repeat=DAYS):
        broken = [v for v in employee_violations(instance, employee, _cells(list(line))) if v.rule != Rule.MAX_WEEKENDS]
        worked = sum(1 for days in weekends if any(line[day] != OFF for day in days))
        if broken or worked > employee.max_weekends:
            continue
        value = float(sum(gains[day, shift] for day, shift in enumerate(line) if shift != OFF))
        best = value if best is None else max(best, value)
    return best


@pytest.mark.parametrize("seed", range(5))
def test_weekends_are_counted_exactly_where_the_limit_binds(seed: int) -> None:
    # Two weekends, one allowed, the gains favour working both: the priced limit used to give up too much.
    employee = Employee("A", {"E": DAYS, "L": DAYS}, 4800, 960, 5, 1, 1, 1)
    instance, rules = _setup(employee)
    weekends = ((0, 1), (5, 6))
    rules = dataclasses.replace(rules, weekends=weekends)
    planner = LinePlanner(rules)
    assert planner.count_weekends and planner.slots[0] == 2
    gains = np.random.default_rng(seed).integers(-5, 10, size=(DAYS, 2)).astype(float)
    gains[[0, 1, 5, 6], :] += 40
    found = planner.best_line(gains)
    assert found is not None
    line, value = found
    assert sum(1 for days in weekends if any(line[day] != OFF for day in days)) <= 1
    assert value == _brute_force_weekends(instance, employee, gains, weekends)


def test_no_weekend_at_all_is_counted_too() -> None:
    employee = Employee("A", {"E": DAYS, "L": DAYS}, 4800, 0, 5, 1, 1, 0)
    _instance, rules = _setup(employee)
    planner = LinePlanner(rules)
    assert planner.count_weekends and planner.slots[0] == 1
    found = planner.best_line(np.full((DAYS, 2), 5.0))
    assert found is not None and found[0][5] == found[0][6] == OFF
