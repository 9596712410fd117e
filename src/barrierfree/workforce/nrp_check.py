"""An independent checker of rosters for Curtois-Qu instances: hard-rule violations and the objective.

It shares no model code with the solver (``nrp_solve``): it walks the roster day by day, so the two can check each
other. Hard rules, per employee: fixed days off, forbidden successions, the most shifts of each type, total minutes
within [fewest, most], the most consecutive shifts, the fewest consecutive shifts and days off, the most weekends
worked (a weekend is worked if its Saturday or Sunday is). One shift per day is built into the roster format.

Boundary rule (it reproduces the published optima): the fewest-consecutive rules apply only to a block of work or
of days off with a neighbour inside the horizon on both sides; a block touching day 0 or the last day is never a
violation.
"""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass

from barrierfree.core.i18n import _
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.nrp_instance import DAYS_PER_WEEK, WEEKEND_DAYS, Employee, Instance, Roster


class Rule(enum.StrEnum):
    """The hard rules a roster can break."""

    DAY_OFF = "day-off"
    SUCCESSION = "succession"
    MAX_SHIFTS = "max-shifts"
    MAX_MINUTES = "max-minutes"
    MIN_MINUTES = "min-minutes"
    MAX_CONSECUTIVE = "max-consecutive-shifts"
    MIN_CONSECUTIVE = "min-consecutive-shifts"
    MIN_DAYS_OFF = "min-consecutive-days-off"
    MAX_WEEKENDS = "max-weekends"


@dataclass(frozen=True)
class Violation:
    """One broken hard rule: whose roster, on which days, and the value against the limit."""

    rule: Rule
    employee: str
    days: tuple[int, ...]
    value: int
    limit: int
    shift: str | None = None

    def describe(self) -> str:
        """The violation in the reader's language."""
        days = ", ".join(str(day) for day in self.days)
        texts = {
            Rule.DAY_OFF: _("{employee} works {shift} on day {days}, a fixed day off."),
            Rule.SUCCESSION: _("{employee}: days {days}, shift {shift} may not be followed by the next day's shift."),
            Rule.MAX_SHIFTS: _("{employee} works {value} {shift} shifts, at most {limit} allowed."),
            Rule.MAX_MINUTES: _("{employee} works {value} minutes, at most {limit} allowed."),
            Rule.MIN_MINUTES: _("{employee} works {value} minutes, at least {limit} needed."),
            Rule.MAX_CONSECUTIVE: _("{employee} works {value} days in a row (days {days}), at most {limit}."),
            Rule.MIN_CONSECUTIVE: _("{employee} works only {value} days in a row (days {days}), at least {limit}."),
            Rule.MIN_DAYS_OFF: _("{employee} has only {value} days off in a row (days {days}), at least {limit}."),
            Rule.MAX_WEEKENDS: _("{employee} works {value} weekends, at most {limit}."),
        }
        return texts[self.rule].format(
            employee=self.employee, shift=self.shift or "", days=days, value=self.value, limit=self.limit
        )


@dataclass(frozen=True)
class Objective:
    """The soft-constraint penalty, split by kind."""

    on_requests: int
    off_requests: int
    under_cover: int
    over_cover: int

    @property
    def total(self) -> int:
        """The objective value to minimise."""
        return self.on_requests + self.off_requests + self.under_cover + self.over_cover


@dataclass(frozen=True)
class CheckReport:
    """Everything the checker found: hard violations (none means feasible) and the objective."""

    violations: tuple[Violation, ...]
    objective: Objective

    @property
    def feasible(self) -> bool:
        """True when no hard rule is broken."""
        return not self.violations


def check(instance: Instance, roster: Roster) -> CheckReport:
    """Every hard-rule violation of ``roster`` and its objective; refuses a roster that does not fit the instance."""
    _fits(instance, roster)
    violations: list[Violation] = []
    for employee in instance.employees:
        violations.extend(employee_violations(instance, employee, roster.assignments[employee.id]))
    return CheckReport(tuple(violations), objective(instance, roster))


def _fits(instance: Instance, roster: Roster) -> None:
    """Refuse a roster for other employees, another horizon or unknown shifts."""
    for employee in instance.employees:
        cells = roster.assignments.get(employee.id)
        if cells is None or len(cells) != instance.horizon:
            raise InvalidWorkforceInput(
                _("The roster needs {days} days for employee “{employee}”.").format(
                    days=instance.horizon, employee=employee.id
                ),
                field="roster",
            )
        for cell in cells:
            if cell is not None and cell not in instance.shift_by_id:
                raise InvalidWorkforceInput(
                    _("The roster names unknown shift “{shift}”.").format(shift=cell), field="roster"
                )
    extra = sorted(set(roster.assignments) - set(instance.employee_by_id))
    if extra:
        raise InvalidWorkforceInput(
            _("The roster names unknown employee “{employee}”.").format(employee=extra[0]), field="roster"
        )


def employee_violations(instance: Instance, employee: Employee, cells: tuple[str | None, ...]) -> list[Violation]:
    """The hard-rule violations in one employee's line of the roster."""
    found: list[Violation] = []
    who = employee.id
    horizon = len(cells)
    for day, cell in enumerate(cells):
        if cell is not None and day in employee.days_off:
            found.append(Violation(Rule.DAY_OFF, who, (day,), 1, 0, cell))
        if cell is not None and day + 1 < horizon:
            after = cells[day + 1]
            if after is not None and after in instance.shift_by_id[cell].cannot_follow:
                found.append(Violation(Rule.SUCCESSION, who, (day, day + 1), 1, 0, cell))
    counts = Counter(cell for cell in cells if cell is not None)
    for shift, count in sorted(counts.items()):
        limit = employee.max_shifts.get(shift, 0)
        if count > limit:
            days = tuple(day for day, cell in enumerate(cells) if cell == shift)
            found.append(Violation(Rule.MAX_SHIFTS, who, days, count, limit, shift))
    minutes = sum(instance.shift_by_id[shift].minutes * count for shift, count in counts.items())
    if minutes > employee.max_minutes:
        found.append(Violation(Rule.MAX_MINUTES, who, (), minutes, employee.max_minutes))
    if minutes < employee.min_minutes:
        found.append(Violation(Rule.MIN_MINUTES, who, (), minutes, employee.min_minutes))
    for working, start, end in _blocks(cells):
        length = end - start + 1
        inner = start > 0 and end < horizon - 1
        days = tuple(range(start, end + 1))
        if working and length > employee.max_consecutive_shifts:
            found.append(Violation(Rule.MAX_CONSECUTIVE, who, days, length, employee.max_consecutive_shifts))
        if working and inner and length < employee.min_consecutive_shifts:
            found.append(Violation(Rule.MIN_CONSECUTIVE, who, days, length, employee.min_consecutive_shifts))
        if not working and inner and length < employee.min_consecutive_days_off:
            found.append(Violation(Rule.MIN_DAYS_OFF, who, days, length, employee.min_consecutive_days_off))
    weekends = [
        week
        for week in range((horizon + DAYS_PER_WEEK - 1) // DAYS_PER_WEEK)
        if any(
            week * DAYS_PER_WEEK + day < horizon and cells[week * DAYS_PER_WEEK + day] is not None
            for day in WEEKEND_DAYS
        )
    ]
    if len(weekends) > employee.max_weekends:
        days = tuple(week * DAYS_PER_WEEK + WEEKEND_DAYS[0] for week in weekends)
        found.append(Violation(Rule.MAX_WEEKENDS, who, days, len(weekends), employee.max_weekends))
    return found


def _blocks(cells: tuple[str | None, ...]) -> list[tuple[bool, int, int]]:
    """Maximal runs of work or of days off: (working, first day, last day)."""
    blocks: list[tuple[bool, int, int]] = []
    start = 0
    for day in range(1, len(cells) + 1):
        if day == len(cells) or (cells[day] is None) != (cells[start] is None):
            blocks.append((cells[start] is not None, start, day - 1))
            start = day
    return blocks


def objective(instance: Instance, roster: Roster) -> Objective:
    """The penalty of a roster: requests not granted and cover missed or exceeded, each times its weight."""
    cells = roster.assignments
    on = sum(
        request.weight for request in instance.on_requests if cells[request.employee][request.day] != request.shift
    )
    off = sum(
        request.weight for request in instance.off_requests if cells[request.employee][request.day] == request.shift
    )
    assigned = Counter((day, cell) for line in cells.values() for day, cell in enumerate(line) if cell is not None)
    under = over = 0
    for cover in instance.cover:
        count = assigned[(cover.day, cover.shift)]
        under += cover.weight_under * max(0, cover.requirement - count)
        over += cover.weight_over * max(0, count - cover.requirement)
    return Objective(on, off, under, over)
