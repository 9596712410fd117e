"""The rostering solver: its rosters pass the independent checker, its run automaton agrees with the checker."""

from __future__ import annotations

import random
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from barrierfree.workforce import _nrp_dp, nrp_solve
from barrierfree.workforce._nrp_runs import BEGIN, RunRules
from barrierfree.workforce.nrp_check import Rule, check, employee_violations
from barrierfree.workforce.nrp_instance import Employee, Instance, Shift, read_instance
from barrierfree.workforce.nrp_solve import Status, solve, solve_direct

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "scheduling" / "curtois"
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data/scheduling/curtois is absent")

TOY = """\
SECTION_HORIZON
14
SECTION_SHIFTS
E,480,
L,600,E
SECTION_STAFF
A,E=14|L=3,6000,960,5,2,2,1
B,E=14|L=0,4800,0,4,1,1,2
C,E=5|L=14,6000,2400,3,2,1,2
SECTION_DAYS_OFF
A,3,4
B,0
SECTION_SHIFT_ON_REQUESTS
A,0,E,2
C,6,L,4
SECTION_SHIFT_OFF_REQUESTS
B,1,E,3
SECTION_COVER
""" + "".join(f"{day},E,1,100,1\n{day},L,1,100,1\n" for day in range(14))
CHEAP_COVER = TOY.replace("1,E,1,100,1\n", "1,E,1,1,1\n").replace("B,1,E,3\n", "A,1,E,3\nB,1,E,3\nC,1,E,3\n")
"""The toy where covering E on day 1 costs more (an off request of 3) than leaving it short (1)."""
RUN_RULES = (Rule.MAX_CONSECUTIVE, Rule.MIN_CONSECUTIVE, Rule.MIN_DAYS_OFF)


@pytest.fixture(scope="module")
def toy() -> Instance:
    return read_instance(TOY, "toy")


def test_toy_is_solved_to_optimality_and_the_checker_agrees(toy: Instance) -> None:
    seen: list[int] = []
    result = solve(toy, 20.0, on_progress=lambda value, _seconds: seen.append(value))
    assert result.status is Status.OPTIMAL and result.roster is not None
    report = check(toy, result.roster)
    assert report.feasible
    assert result.objective == report.objective.total == result.bound
    assert seen and seen == sorted(seen, reverse=True) and seen[-1] == result.objective
    direct = solve_direct(toy, 20.0)
    assert direct.status is Status.OPTIMAL and direct.objective == result.objective


def test_neighbourhood_search_alone_keeps_the_roster_feasible(toy: Instance, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nrp_solve, "WHOLE_MODEL_VARIABLES", 0)
    seen: list[int] = []
    result = solve(toy, 3.0, on_progress=lambda value, _seconds: seen.append(value))
    assert result.roster is not None and result.iterations > 0
    report = check(toy, result.roster)
    assert report.feasible and result.objective == report.objective.total == seen[-1]


def test_impossible_contract_gives_no_roster(toy: Instance) -> None:
    text = TOY.replace("B,E=14|L=0,4800,0,4,1,1,2", "B,E=14|L=0,6720,6720,4,1,1,2")
    result = solve(read_instance(text, "impossible"), 5.0)
    assert result.status is Status.NO_SOLUTION
    assert result.roster is None and result.objective is None


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, 6),
    st.integers(0, 4),
    st.integers(0, 4),
    st.lists(st.booleans(), min_size=1, max_size=21),
)
def test_run_automaton_accepts_exactly_what_the_checker_accepts(
    max_run: int, min_run: int, min_off: int, days: list[bool]
) -> None:
    shift = Shift("D", 480)
    employee = Employee("A", {"D": len(days)}, 10**6, 0, max_run, min_run, min_off, len(days))
    instance = Instance("runs", len(days), (shift,), (employee,))
    cells = tuple("D" if worked else None for worked in days)
    broken = [v for v in employee_violations(instance, employee, cells) if v.rule in RUN_RULES]
    accepted = RunRules(max_run, min_run, min_off).run(BEGIN, days) is not None
    assert accepted == (not broken)


@needs_data
@pytest.mark.parametrize(("name", "seconds"), [("Instance5", 8.0), ("Instance10", 20.0)])
def test_benchmark_rosters_pass_the_checker_with_the_reported_objective(name: str, seconds: float) -> None:
    instance = read_instance((DATA / "txt" / f"{name}.txt").read_text(), name)
    result = solve(instance, seconds)
    assert result.status is Status.FEASIBLE and result.roster is not None
    report = check(instance, result.roster)
    assert report.feasible
    assert result.objective == report.objective.total


def _search(toy: Instance, seconds: float) -> nrp_solve._Search:
    data = nrp_solve._Data.of(toy)
    now = time.monotonic()
    return nrp_solve._Search(data, now + seconds, now, 2, random.Random(1), None)


def test_first_roster_comes_from_the_line_planner_without_cp_sat(
    toy: Instance, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_cp_sat(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("CP-SAT was used")

    monkeypatch.setattr(nrp_solve, "_SubModel", no_cp_sat)
    search = _search(toy, 10.0)
    nrp_solve._construct(search, 5.0)
    assert search.current
    assert check(toy, nrp_solve._roster(search.data, search.current)).feasible


def test_replanning_by_dp_never_worsens_the_roster(toy: Instance) -> None:
    search = _search(toy, 10.0)
    nrp_solve._construct(search, 5.0)
    values = [search.value]
    for _round in range(4):
        nrp_solve._sweep(search, time.monotonic() + 5.0)
        values.append(search.value)
        report = check(toy, nrp_solve._roster(search.data, search.current))
        assert report.feasible and report.objective.total == search.value
    assert values == sorted(values, reverse=True)


def test_price_and_restrict_keeps_the_roster_feasible_and_no_worse(toy: Instance) -> None:
    search = _search(toy, 10.0)
    nrp_solve._construct(search, 5.0)
    start = search.value
    assert nrp_solve._columns_pay(search)
    nrp_solve._price_and_restrict(search, time.monotonic() + 2.0, time.monotonic() + 4.0)
    report = check(toy, nrp_solve._roster(search.data, search.current))
    assert report.feasible and report.objective.total == search.value <= start


def test_columns_are_skipped_where_the_dp_only_prices_weekends(toy: Instance, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_nrp_dp, "EXACT_COUNT_MAX_COST", 0)
    assert not nrp_solve._columns_pay(_search(toy, 10.0))


def test_short_types_are_those_the_contracts_cannot_supply(toy: Instance) -> None:
    # L: 14 asked; A may work 3, C at most 10 (6,000 minutes of 600-minute shifts), B none.
    # E: 14 asked; A 12 days, B 10 shifts of its 4,800 minutes, C 5.
    data = nrp_solve._Data.of(toy)
    assert nrp_solve._short_types(data) == frozenset({data.shift_ids.index("L")})


def test_hard_cover_covers_every_cell_of_its_types_and_claims_no_optimum() -> None:
    # Covering E on day 1 saves 1 and costs an off request of 3 whoever works it: the soft optimum leaves it short.
    instance = read_instance(CHEAP_COVER, "toy-cheap-cover")
    soft = solve_direct(instance, 10.0)
    assert soft.status is Status.OPTIMAL and soft.roster is not None
    assert not any(line[1] == "E" for line in soft.roster.assignments.values())
    search = _search(instance, 10.0)
    everyone = range(len(instance.employees))
    search.run(everyone, 0, instance.horizon - 1, 5.0, flow=False, hard_cover=frozenset({0}))
    roster = nrp_solve._roster(search.data, search.current)
    assert check(instance, roster).feasible
    assert all(any(line[day] == "E" for line in roster.assignments.values()) for day in range(instance.horizon))
    # The restriction's optimum and bound are not the problem's.
    assert search.value > soft.objective
    assert not search.optimal and search.bound is None


def test_whole_model_proves_the_problem_after_a_proved_restriction() -> None:
    instance = read_instance(CHEAP_COVER, "toy-cheap-cover")
    search = _search(instance, 10.0)
    nrp_solve._whole_model(search, 8.0)
    # L is short, so E was covered first; that restriction was proved, then the soft model proved the problem.
    assert search.hard_cover == frozenset({0})
    assert search.optimal and search.value == solve_direct(instance, 10.0).objective


def test_whole_model_falls_back_to_soft_cover_when_the_hard_one_has_no_roster() -> None:
    # Day 5 asks for an E shift while everybody has the day off: full E cover is impossible.
    text = TOY.replace("A,3,4\nB,0\n", "A,3,4,5\nB,0,5\nC,5\n")
    instance = read_instance(text, "toy-day-off")
    search = _search(instance, 10.0)
    nrp_solve._whole_model(search, 5.0)
    report = check(instance, nrp_solve._roster(search.data, search.current))
    assert report.feasible and report.objective.under_cover >= 200
    assert not search.hard_cover


def test_cover_only_data_pays_the_under_cover_alone() -> None:
    data = nrp_solve._Data.of(read_instance(CHEAP_COVER, "toy-cheap-cover"))
    cover = data.cover_only()
    assert not any(cover.on_requests) and not any(cover.off_requests)
    assert all(over == 0 for _requirement, _under, over in cover.cover.values())
    idle = [[nrp_solve.OFF] * data.horizon for _ in data.allowed]
    assert cover.evaluate(idle) == sum(requirement * under for requirement, under, _over in data.cover.values())


def test_an_under_limit_keeps_the_cover_and_claims_no_optimum() -> None:
    # The soft optimum leaves E short on day 1 (1 a shift) to spare an off request (3): a limit of the fewest
    # missing shifts (the cover-only optimum) makes it cover that day and pay the request.
    instance = read_instance(CHEAP_COVER, "toy-cheap-cover")
    soft = solve_direct(instance, 10.0)
    assert soft.objective is not None
    search = _search(instance, 10.0)
    everyone = range(len(instance.employees))
    fewest = nrp_solve._SubModel(search.data.cover_only(), everyone, 0, instance.horizon - 1, None, flow=False)
    solver = nrp_solve._solver(5.0, 2, 1)
    assert solver.solve(fewest.model) == cp_model.OPTIMAL
    limit = round(solver.objective_value)
    status = search.run(everyone, 0, instance.horizon - 1, 5.0, flow=False, under_limit=limit)
    assert status == cp_model.OPTIMAL
    report = check(instance, nrp_solve._roster(search.data, search.current))
    assert report.feasible and report.objective.under_cover == limit
    assert search.value > soft.objective
    assert not search.optimal and search.bound is None


NOTHING_SHORT = CHEAP_COVER.replace("13,L,1,100,1\n", "13,L,0,100,1\n")
"""The cheap-cover toy asking for 13 L shifts, as many as A (3) and C (10 of its 6,000 minutes) can work."""


def test_whole_model_puts_the_cover_first_where_no_type_is_short_and_still_proves_the_problem(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    instance = read_instance(NOTHING_SHORT, "toy-nothing-short")
    search = _search(instance, 10.0)
    assert not nrp_solve._short_types(search.data)
    statuses: list[int | None] = []
    cover_first = nrp_solve._cover_first

    def recorded(*args: object) -> int | None:
        statuses.append(cover_first(*args))  # type: ignore[arg-type]
        return statuses[-1]

    monkeypatch.setattr(nrp_solve, "_cover_first", recorded)
    nrp_solve._whole_model(search, 8.0)
    # The restriction was proved within its time, then the soft model, hinted with it, proved the problem.
    assert statuses == [cp_model.OPTIMAL]
    assert not search.hard_cover
    assert search.optimal and search.value == solve_direct(instance, 10.0).objective


@pytest.mark.parametrize("proved", [None, cp_model.FEASIBLE])
def test_whole_model_runs_soft_when_the_cover_first_proves_no_cover(
    proved: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No cover roster, or one not proved even within the LP's cells: nothing is kept and the soft model runs.
    instance = read_instance(NOTHING_SHORT, "toy-nothing-short")
    start = _search(instance, 10.0)
    nrp_solve._construct(start, 2.0)

    def guided(cover: nrp_solve._Search, _until: float, _hard_cover: frozenset[int]) -> int | None:
        if proved is not None:
            cover.accept(start.current)
        return proved

    monkeypatch.setattr(nrp_solve, "_guided_start", guided)
    search = _search(instance, 10.0)
    assert nrp_solve._cover_first(search, time.monotonic() + 1.0) is None and not search.current
    nrp_solve._whole_model(search, 8.0)
    assert search.optimal and search.value == solve_direct(instance, 10.0).objective


def test_hard_cover_neighbourhoods_free_everyone_over_a_window_and_keep_the_cover(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    instance = read_instance(CHEAP_COVER, "toy-cheap-cover")
    search = _search(instance, 10.0)
    everyone = range(len(instance.employees))
    search.run(everyone, 0, instance.horizon - 1, 5.0, flow=False, hard_cover=frozenset({0}))
    search.hard_cover = frozenset({0})
    start = search.value
    windows: list[tuple[list[int], int, int]] = []
    run = search.run

    def recorded(employees: list[int], first: int, last: int, seconds: float, **options: object) -> int | None:
        windows.append((list(employees), first, last))
        return run(employees, first, last, seconds, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(search, "run", recorded)
    nrp_solve._improve(search, time.monotonic() + 1.5)
    assert windows
    assert all(employees == list(everyone) for employees, _first, _last in windows)
    assert all(last - first + 1 == nrp_solve.HARD_COVER_WINDOW_DAYS for _employees, first, last in windows)
    roster = nrp_solve._roster(search.data, search.current)
    assert check(instance, roster).feasible and search.value <= start
    assert all(any(line[day] == "E" for line in roster.assignments.values()) for day in range(instance.horizon))


def _line_violations(instance: Instance, data: nrp_solve._Data, employee: int, line: list[int]) -> list[object]:
    cells = tuple(None if shift == nrp_solve.OFF else data.shift_ids[shift] for shift in line)
    return list(employee_violations(instance, instance.employees[employee], cells))


@pytest.mark.parametrize("counted", [True, False])
def test_exact_lines_are_valid_and_at_least_as_good_as_the_dp(
    toy: Instance, monkeypatch: pytest.MonkeyPatch, counted: bool
) -> None:
    # Counted, the toy's DP is exact (weekends and A's limit of 3 L shifts are counted): both agree. Priced
    # (nothing counted), the DP may miss the best line; the CP-SAT line never does.
    if not counted:
        monkeypatch.setattr(_nrp_dp, "EXACT_COUNT_MAX_COST", 0)
    data = nrp_solve._Data.of(toy)
    exact = nrp_solve._ExactLines(data, time.monotonic() + 30.0)
    planners = nrp_solve._Lines(data)
    rng = np.random.default_rng(7)
    for employee in range(len(data.allowed)):
        for _sample in range(4):
            gains = planners.request_gains(employee) + rng.uniform(-60.0, 100.0, (data.horizon, len(data.minutes)))
            found = exact(employee, gains)
            dp = planners.best_line(employee, gains)
            assert found is not None and dp is not None
            line, value = found
            assert not _line_violations(toy, data, employee, line)
            assert value == pytest.approx(sum(gains[day, shift] for day, shift in enumerate(line) if shift >= 0))
            if counted:
                assert value == pytest.approx(dp[1], abs=0.05)
            else:
                assert value >= dp[1] - 0.05


def test_a_support_restricts_the_model_to_its_cells_and_claims_no_optimum(toy: Instance) -> None:
    search = _search(toy, 10.0)
    nrp_solve._construct(search, 5.0)
    lines = [list(line) for line in search.current]
    support = np.zeros((len(lines), toy.horizon, len(toy.shifts) + 1), dtype=bool)
    for employee, line in enumerate(lines):
        for day, shift in enumerate(line):
            support[employee, day, shift] = True  # OFF (-1) is the last index: the day off
    fresh = _search(toy, 10.0)
    everyone = range(len(lines))
    status = fresh.run(everyone, 0, toy.horizon - 1, 5.0, flow=False, support=support)
    assert status == cp_model.OPTIMAL and fresh.current == lines
    assert not fresh.optimal and fresh.bound is None


def test_guided_start_covers_the_hard_types_where_the_lp_points() -> None:
    instance = read_instance(CHEAP_COVER, "toy-cheap-cover")
    search = _search(instance, 10.0)
    nrp_solve._guided_start(search, time.monotonic() + 5.0, frozenset({0}))
    assert search.current and search.iterations >= 1
    roster = nrp_solve._roster(search.data, search.current)
    assert check(instance, roster).feasible
    assert all(any(line[day] == "E" for line in roster.assignments.values()) for day in range(instance.horizon))
    assert not search.optimal and search.bound is None


def test_guided_start_gives_up_without_a_roster_when_an_employee_has_no_line(toy: Instance) -> None:
    text = TOY.replace("B,E=14|L=0,4800,0,4,1,1,2", "B,E=14|L=0,6720,6720,4,1,1,2")  # more minutes than days
    instance = read_instance(text, "impossible")
    search = _search(instance, 10.0)
    nrp_solve._guided_start(search, time.monotonic() + 3.0, frozenset({0}))
    assert not search.current


def test_price_and_restrict_dives_when_the_restricted_model_finds_no_roster(
    toy: Instance, monkeypatch: pytest.MonkeyPatch
) -> None:
    search = _search(toy, 10.0)
    nrp_solve._construct(search, 5.0)
    start = search.value
    monkeypatch.setattr(search, "run", lambda *_args, **_options: None)
    nrp_solve._price_and_restrict(search, time.monotonic() + 2.0, time.monotonic() + 4.0)
    report = check(toy, nrp_solve._roster(search.data, search.current))
    assert report.feasible and report.objective.total == search.value <= start
