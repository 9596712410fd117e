"""The independent roster checker: each hard rule caught on a toy instance, the boundary rule, the objective."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from barrierfree.core.i18n import use_language
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.nrp_check import Rule, check
from barrierfree.workforce.nrp_instance import Instance, Roster, read_instance, read_roster
from barrierfree.workforce.nrp_solve import Status, solve
from tests.workforce_data import TOY_INSTANCE as TOY

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "scheduling" / "curtois"
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data/scheduling/curtois is absent")

GOOD_A = "E E - - - E E - - E E - - -"
GOOD_B = "- E E E E - - E E E E - - -"

INSTANCE2_OPTIMAL = """\
A L L L - - L L L L L - - - -
B - - E E E - - E E E - - E L
C L - - E E E L - - E E E - -
D E E E E E - - - E E E - - E
E L - - L L L L L - - L L - -
F - - L L L L L - - L L L - -
G E E E E L - - - - - E E E L
H E E L - - E E E L L - - - -
I - E L L L - - E E L - - E E
J L L L L - - - - - E E L L L
K - - L - - - - - L - - - L L
L - - - - - - - - L - L - L L
M - L - E - L L - - - - - - -
N E - - - - - - - E - - - E E
"""
"""An optimal roster of Instance2 found by our solver (objective 828, proved optimal by CP-SAT)."""


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in English; the zh-CN catalog is checked by the catalog tests."""
    with use_language("en"):
        yield


@pytest.fixture(scope="module")
def toy() -> Instance:
    return read_instance(TOY, "toy")


def _roster(instance: Instance, a: str = GOOD_A, b: str = GOOD_B) -> Roster:
    return read_roster(f"A {a}\nB {b}\n", instance)


def test_good_roster_has_no_violation(toy: Instance) -> None:
    report = check(toy, _roster(toy))
    assert report.feasible and report.violations == ()


@pytest.mark.parametrize(
    ("a", "b", "rule", "employee", "days", "value", "limit"),
    [
        (GOOD_A, "E E E E - - - E E E E - - -", Rule.DAY_OFF, "B", (0,), 1, 0),
        ("L E - - - E E - - E E - - -", GOOD_B, Rule.SUCCESSION, "A", (0, 1), 1, 0),
        ("L L - - - L L - - E E - - -", GOOD_B, Rule.MAX_SHIFTS, "A", (0, 1, 5, 6), 4, 3),
        (GOOD_A, "- E E E E - E E E E - E E E", Rule.MAX_MINUTES, "B", (), 5280, 4800),
        ("E - - - - - - - - - - - - -", GOOD_B, Rule.MIN_MINUTES, "A", (), 480, 960),
        (GOOD_A, "- E E E E E - - - - - - - -", Rule.MAX_CONSECUTIVE, "B", (1, 2, 3, 4, 5), 5, 4),
        ("E E - - - E - - - E E - - -", GOOD_B, Rule.MIN_CONSECUTIVE, "A", (5,), 1, 2),
        ("E E - - - E E - E E - - - -", GOOD_B, Rule.MIN_DAYS_OFF, "A", (7,), 1, 2),
        ("E E - - - E E - - - - E E -", GOOD_B, Rule.MAX_WEEKENDS, "A", (5, 12), 2, 1),
    ],
)
def test_each_hard_rule_is_caught_with_employee_and_days(
    toy: Instance, a: str, b: str, rule: Rule, employee: str, days: tuple[int, ...], value: int, limit: int
) -> None:
    report = check(toy, _roster(toy, a, b))
    assert not report.feasible
    assert [(v.rule, v.employee, v.days, v.value, v.limit) for v in report.violations] == [
        (rule, employee, days, value, limit)
    ]
    assert employee in report.violations[0].describe()


def test_short_blocks_touching_the_horizon_ends_are_not_violations(toy: Instance) -> None:
    edges = check(toy, _roster(toy, "E - - - - - - - E E - - - E"))
    assert edges.feasible
    inner = check(toy, _roster(toy, "- E - - - E E - - - - - - -"))
    assert [(v.rule, v.days) for v in inner.violations] == [(Rule.MIN_CONSECUTIVE, (1,))]
    off_edges = check(toy, _roster(toy, "- E E - - E E - - E E - - -"))
    assert off_edges.feasible


def test_objective_is_split_by_kind(toy: Instance) -> None:
    report = check(toy, _roster(toy))
    # Day 0: A works E (on-request granted), nobody works L (under: 100). Day 1: A and B both work E (over: 1), and
    # B asked not to (off-request: 3).
    assert (report.objective.on_requests, report.objective.off_requests) == (0, 3)
    assert (report.objective.under_cover, report.objective.over_cover) == (100, 1)
    assert report.objective.total == 104
    late = check(toy, _roster(toy, "L L - - - E E - - E E - - -", "- - E E E - - E E E E - - -"))
    assert (late.objective.on_requests, late.objective.off_requests) == (2, 0)
    assert (late.objective.under_cover, late.objective.over_cover) == (200, 0)


def test_roster_for_another_instance_is_refused(toy: Instance) -> None:
    with pytest.raises(InvalidWorkforceInput, match="needs 14 days"):
        check(toy, Roster({"A": ("E",) * 7, "B": (None,) * 14}))
    with pytest.raises(InvalidWorkforceInput, match="unknown employee “C”"):
        check(toy, Roster({"A": (None,) * 14, "B": (None,) * 14, "C": (None,) * 14}))


@needs_data
def test_published_optimum_of_instance2_is_reproduced() -> None:
    instance = read_instance((DATA / "txt" / "Instance2.txt").read_text(), "Instance2")
    report = check(instance, read_roster(INSTANCE2_OPTIMAL, instance))
    assert report.feasible
    assert report.objective.total == 828


@needs_data
def test_published_optimum_of_instance1_is_reproduced_on_a_roster_our_solver_finds() -> None:
    instance = read_instance((DATA / "txt" / "Instance1.txt").read_text(), "Instance1")
    result = solve(instance, 20.0)
    assert result.status is Status.OPTIMAL and result.roster is not None
    report = check(instance, result.roster)
    assert report.feasible
    assert report.objective.total == 607
