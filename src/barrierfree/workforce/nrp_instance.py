"""Nurse-rostering instances in the Curtois-Qu text format, and rosters in a one-line-per-employee text format.

An instance (``SECTION_HORIZON``, ``SECTION_SHIFTS``, ``SECTION_STAFF``, ``SECTION_DAYS_OFF``,
``SECTION_SHIFT_ON_REQUESTS``, ``SECTION_SHIFT_OFF_REQUESTS``, ``SECTION_COVER``; ``#`` lines are comments, fields
are separated by commas) is read into frozen dataclasses; every malformed line is refused with its line number and
what is wrong, so a scheduler can fix the file instead of guessing. Sections may come in any order: they are read
in the order their references need (shifts, then staff, then the rest).

A roster is one line per employee: the employee's ID, then one cell per day, separated by spaces or tabs, with the
shift ID worked that day or ``-`` for a day off.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from barrierfree.core.i18n import _
from barrierfree.workforce.errors import InvalidWorkforceInput

MAX_TEXT_CHARS = 20_000_000
"""About six times the largest benchmark instance (Instance24, 3 MB): more is refused before it is read."""
MAX_LINES = 500_000
MAX_HORIZON_DAYS = 731
"""Two years of days; the largest benchmark instance has 364."""
MAX_EMPLOYEES = 1_000
MAX_SHIFT_TYPES = 100
MAX_SHIFT_MINUTES = 24 * 60
MAX_NUMBER = 1_000_000_000
"""Largest weight, requirement or minute total accepted: keeps every objective far inside 64-bit integers."""
MAX_ID_CHARS = 40
ID_PATTERN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.]*")
OFF_CELL = "-"
FIELD_SEPARATOR = ","
LIST_SEPARATOR = "|"
PAIR_SEPARATOR = "="
COMMENT = "#"
DAYS_PER_WEEK = 7
WEEKEND_DAYS = (5, 6)
"""Saturday and Sunday: every horizon starts on a Monday (day 0)."""

HORIZON = "SECTION_HORIZON"
SHIFTS = "SECTION_SHIFTS"
STAFF = "SECTION_STAFF"
DAYS_OFF = "SECTION_DAYS_OFF"
ON_REQUESTS = "SECTION_SHIFT_ON_REQUESTS"
OFF_REQUESTS = "SECTION_SHIFT_OFF_REQUESTS"
COVER = "SECTION_COVER"
SECTIONS = (HORIZON, SHIFTS, STAFF, DAYS_OFF, ON_REQUESTS, OFF_REQUESTS, COVER)
REQUIRED_SECTIONS = (HORIZON, SHIFTS, STAFF)
SHIFT_FIELDS = 3
STAFF_FIELDS = 8
REQUEST_FIELDS = 4
COVER_FIELDS = 5
FIELD = "instance"
ROSTER_FIELD = "roster"


@dataclass(frozen=True)
class Shift:
    """A shift type: its length and the shift types that may not be worked the day after it."""

    id: str
    minutes: int
    cannot_follow: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Employee:
    """One employee's contract (limits on shifts, minutes, runs and weekends) and fixed days off."""

    id: str
    max_shifts: Mapping[str, int]
    max_minutes: int
    min_minutes: int
    max_consecutive_shifts: int
    min_consecutive_shifts: int
    min_consecutive_days_off: int
    max_weekends: int
    days_off: frozenset[int] = frozenset()

    def allows(self, shift: str) -> bool:
        """Whether the contract lets this employee work the shift at all (a maximum of 0 forbids it)."""
        return self.max_shifts.get(shift, 0) > 0


@dataclass(frozen=True)
class Request:
    """A wish to work (on-request) or not to work (off-request) a shift on a day; ``weight`` if it is not met."""

    employee: str
    day: int
    shift: str
    weight: int


@dataclass(frozen=True)
class Cover:
    """How many employees a shift needs on a day, and the penalty per missing or extra employee."""

    day: int
    shift: str
    requirement: int
    weight_under: int
    weight_over: int


@dataclass(frozen=True)
class Instance:
    """A whole rostering problem: horizon, shift types, staff, requests and cover."""

    name: str
    horizon: int
    shifts: tuple[Shift, ...]
    employees: tuple[Employee, ...]
    on_requests: tuple[Request, ...] = ()
    off_requests: tuple[Request, ...] = ()
    cover: tuple[Cover, ...] = ()
    shift_by_id: Mapping[str, Shift] = field(init=False, repr=False, compare=False)
    employee_by_id: Mapping[str, Employee] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "shift_by_id", MappingProxyType({shift.id: shift for shift in self.shifts}))
        object.__setattr__(
            self, "employee_by_id", MappingProxyType({employee.id: employee for employee in self.employees})
        )


@dataclass(frozen=True)
class Roster:
    """Who works what: employee ID -> one cell per day, a shift ID or None for a day off."""

    assignments: Mapping[str, tuple[str | None, ...]]

    def __post_init__(self) -> None:
        object.__setattr__(self, "assignments", MappingProxyType(dict(self.assignments)))

    @property
    def horizon(self) -> int:
        """Number of days (0 for a roster without employees)."""
        return len(next(iter(self.assignments.values()), ()))


def read_instance(text: str, name: str) -> Instance:
    """Parse an instance in the Curtois-Qu text format; InvalidWorkforceInput names the bad line and what is wrong."""
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidWorkforceInput(
            _("The instance has more than {limit} characters. Send at most {limit}.").format(limit=MAX_TEXT_CHARS),
            field=FIELD,
        )
    sections = _sections(text)
    for section in REQUIRED_SECTIONS:
        if section not in sections:
            raise InvalidWorkforceInput(
                _("The instance has no {section} section.").format(section=section), field=FIELD
            )
    horizon = _horizon(sections[HORIZON])
    shifts = _shifts(sections[SHIFTS])
    shift_ids = {shift.id for shift in shifts}
    employees = _staff(sections[STAFF], shift_ids, horizon)
    employees = _days_off(sections.get(DAYS_OFF, []), employees, horizon)
    employee_ids = {employee.id for employee in employees}
    on_requests = _requests(sections.get(ON_REQUESTS, []), employee_ids, shift_ids, horizon)
    off_requests = _requests(sections.get(OFF_REQUESTS, []), employee_ids, shift_ids, horizon)
    cover = _cover(sections.get(COVER, []), shift_ids, horizon)
    return Instance(name, horizon, shifts, employees, on_requests, off_requests, cover)


_Line = tuple[int, list[str]]


def _sections(text: str) -> dict[str, list[_Line]]:
    """Section name -> its data lines (line number, stripped fields), comments and blank lines dropped."""
    sections: dict[str, list[_Line]] = {}
    current: list[_Line] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        if number > MAX_LINES:
            raise InvalidWorkforceInput(
                _("The instance has more than {limit} lines. Send at most {limit}.").format(limit=MAX_LINES),
                field=FIELD,
            )
        line = raw.strip()
        if not line or line.startswith(COMMENT):
            continue
        if line.startswith("SECTION_"):
            if line not in SECTIONS:
                raise InvalidWorkforceInput(
                    _("Line {line}: unknown section “{section}”.").format(line=number, section=line[:MAX_ID_CHARS]),
                    field=FIELD,
                )
            if line in sections:
                raise InvalidWorkforceInput(
                    _("Line {line}: the section {section} appears twice.").format(line=number, section=line),
                    field=FIELD,
                )
            current = sections[line] = []
            continue
        if current is None:
            raise InvalidWorkforceInput(
                _("Line {line}: data before the first section.").format(line=number), field=FIELD
            )
        current.append((number, [cell.strip() for cell in line.split(FIELD_SEPARATOR)]))
    return sections


def _count(number: int, row: list[str], expected: int, what: str, *, at_least: bool = False) -> None:
    """Refuse a row with the wrong number of fields."""
    if len(row) < expected if at_least else len(row) != expected:
        raise InvalidWorkforceInput(
            _("Line {line}: a {what} line needs {expected} fields, found {count}.").format(
                line=number, what=what, expected=expected, count=len(row)
            ),
            field=FIELD,
        )


def _integer(number: int, value: str, what: str, *, low: int = 0, high: int = MAX_NUMBER) -> int:
    """A whole number within [low, high], or an error naming the line and the field."""
    try:
        parsed = int(value)
    except ValueError:
        parsed = None
    if parsed is None or not low <= parsed <= high:
        raise InvalidWorkforceInput(
            _("Line {line}: {what} “{value}” must be a whole number from {low} to {high}.").format(
                line=number, what=what, value=value[:MAX_ID_CHARS], low=low, high=high
            ),
            field=FIELD,
        )
    return parsed


def _identifier(number: int, value: str, what: str) -> str:
    """An ID: letters, digits, ``_`` and ``.`` (so it stays one cell of a roster line), at most 40 characters."""
    if len(value) > MAX_ID_CHARS or not ID_PATTERN.fullmatch(value):
        raise InvalidWorkforceInput(
            _("Line {line}: {what} “{value}” is not a valid ID (letters, digits, _ and ., at most {limit}).").format(
                line=number, what=what, value=value[:MAX_ID_CHARS], limit=MAX_ID_CHARS
            ),
            field=FIELD,
        )
    return value


def _known(number: int, value: str, known: set[str], what: str) -> str:
    """A reference to a shift or employee defined elsewhere in the file."""
    if value not in known:
        raise InvalidWorkforceInput(
            _("Line {line}: unknown {what} “{value}”.").format(line=number, what=what, value=value[:MAX_ID_CHARS]),
            field=FIELD,
        )
    return value


def _day(number: int, value: str, horizon: int) -> int:
    """A day index inside the horizon."""
    try:
        day = int(value)
    except ValueError:
        day = -1
    if not 0 <= day < horizon:
        raise InvalidWorkforceInput(
            _("Line {line}: day “{value}” is outside the horizon (0 to {last}).").format(
                line=number, value=value[:MAX_ID_CHARS], last=horizon - 1
            ),
            field=FIELD,
        )
    return day


def _horizon(lines: list[_Line]) -> int:
    """The number of days."""
    if len(lines) != 1 or len(lines[0][1]) != 1:
        where = lines[0][0] if lines else 0
        raise InvalidWorkforceInput(
            _("Line {line}: SECTION_HORIZON holds exactly one number, the days in the horizon.").format(line=where),
            field=FIELD,
        )
    number, row = lines[0]
    return _integer(number, row[0], _("the horizon"), low=1, high=MAX_HORIZON_DAYS)


def _shifts(lines: list[_Line]) -> tuple[Shift, ...]:
    """The shift types, with forward references in cannot-follow lists resolved after the section is read."""
    if not lines or len(lines) > MAX_SHIFT_TYPES:
        raise InvalidWorkforceInput(
            _("The instance needs 1 to {limit} shift types, found {count}.").format(
                limit=MAX_SHIFT_TYPES, count=len(lines)
            ),
            field=FIELD,
        )
    raw: list[tuple[int, str, int, list[str]]] = []
    seen: set[str] = set()
    for number, row in lines:
        _count(number, row, SHIFT_FIELDS, _("shift"))
        shift_id = _identifier(number, row[0], _("shift"))
        if shift_id in seen:
            raise InvalidWorkforceInput(
                _("Line {line}: the shift “{shift}” is defined twice.").format(line=number, shift=shift_id),
                field=FIELD,
            )
        seen.add(shift_id)
        minutes = _integer(number, row[1], _("the shift length"), low=1, high=MAX_SHIFT_MINUTES)
        raw.append((number, shift_id, minutes, [cell.strip() for cell in row[2].split(LIST_SEPARATOR) if cell.strip()]))
    return tuple(
        Shift(shift_id, minutes, frozenset(_known(number, other, seen, _("shift")) for other in following))
        for number, shift_id, minutes, following in raw
    )


def _staff(lines: list[_Line], shift_ids: set[str], horizon: int) -> tuple[Employee, ...]:
    """The employees and their contracts."""
    if not lines or len(lines) > MAX_EMPLOYEES:
        raise InvalidWorkforceInput(
            _("The instance needs 1 to {limit} employees, found {count}.").format(
                limit=MAX_EMPLOYEES, count=len(lines)
            ),
            field=FIELD,
        )
    employees: list[Employee] = []
    seen: set[str] = set()
    for number, row in lines:
        _count(number, row, STAFF_FIELDS, _("staff"))
        employee_id = _identifier(number, row[0], _("employee"))
        if employee_id in seen:
            raise InvalidWorkforceInput(
                _("Line {line}: the employee “{employee}” is defined twice.").format(line=number, employee=employee_id),
                field=FIELD,
            )
        seen.add(employee_id)
        max_shifts: dict[str, int] = {}
        for pair in (cell.strip() for cell in row[1].split(LIST_SEPARATOR) if cell.strip()):
            shift, separator, value = pair.partition(PAIR_SEPARATOR)
            if not separator:
                raise InvalidWorkforceInput(
                    _("Line {line}: “{value}” should be ShiftID=most shifts of that type.").format(
                        line=number, value=pair[:MAX_ID_CHARS]
                    ),
                    field=FIELD,
                )
            shift = _known(number, shift.strip(), shift_ids, _("shift"))
            max_shifts[shift] = _integer(number, value.strip(), _("the most shifts"))
        max_minutes, min_minutes, max_run, min_run, min_off, max_weekends = (
            _integer(number, value, what)
            for value, what in zip(
                row[2:],
                (
                    _("the most minutes"),
                    _("the fewest minutes"),
                    _("the most consecutive shifts"),
                    _("the fewest consecutive shifts"),
                    _("the fewest consecutive days off"),
                    _("the most weekends"),
                ),
                strict=True,
            )
        )
        if min_minutes > max_minutes:
            raise InvalidWorkforceInput(
                _("Line {line}: the fewest minutes ({low}) exceed the most minutes ({high}).").format(
                    line=number, low=min_minutes, high=max_minutes
                ),
                field=FIELD,
            )
        employees.append(
            Employee(
                employee_id,
                MappingProxyType(max_shifts),
                max_minutes,
                min_minutes,
                max_run,
                min_run,
                min_off,
                max_weekends,
            )
        )
    return tuple(employees)


def _days_off(lines: list[_Line], employees: tuple[Employee, ...], horizon: int) -> tuple[Employee, ...]:
    """The employees with their fixed days off added."""
    by_id = {employee.id: set(employee.days_off) for employee in employees}
    for number, row in lines:
        _count(number, row, 2, _("days-off"), at_least=True)
        employee = _known(number, row[0], set(by_id), _("employee"))
        by_id[employee].update(_day(number, value, horizon) for value in row[1:])
    return tuple(
        Employee(
            employee.id,
            employee.max_shifts,
            employee.max_minutes,
            employee.min_minutes,
            employee.max_consecutive_shifts,
            employee.min_consecutive_shifts,
            employee.min_consecutive_days_off,
            employee.max_weekends,
            frozenset(by_id[employee.id]),
        )
        for employee in employees
    )


def _requests(lines: list[_Line], employee_ids: set[str], shift_ids: set[str], horizon: int) -> tuple[Request, ...]:
    """Shift-on or shift-off requests."""
    requests: list[Request] = []
    for number, row in lines:
        _count(number, row, REQUEST_FIELDS, _("request"))
        requests.append(
            Request(
                _known(number, row[0], employee_ids, _("employee")),
                _day(number, row[1], horizon),
                _known(number, row[2], shift_ids, _("shift")),
                _integer(number, row[3], _("the weight")),
            )
        )
    return tuple(requests)


def _cover(lines: list[_Line], shift_ids: set[str], horizon: int) -> tuple[Cover, ...]:
    """Cover requirements, at most one per day and shift."""
    cover: list[Cover] = []
    seen: set[tuple[int, str]] = set()
    for number, row in lines:
        _count(number, row, COVER_FIELDS, _("cover"))
        day = _day(number, row[0], horizon)
        shift = _known(number, row[1], shift_ids, _("shift"))
        if (day, shift) in seen:
            raise InvalidWorkforceInput(
                _("Line {line}: the cover of shift “{shift}” on day {day} is given twice.").format(
                    line=number, shift=shift, day=day
                ),
                field=FIELD,
            )
        seen.add((day, shift))
        cover.append(
            Cover(
                day,
                shift,
                _integer(number, row[2], _("the requirement")),
                _integer(number, row[3], _("the weight")),
                _integer(number, row[4], _("the weight")),
            )
        )
    return tuple(cover)


def write_roster(roster: Roster) -> str:
    """The roster as text: one line per employee, its ID then one cell per day (``-`` for a day off)."""
    return "".join(
        " ".join([employee, *(OFF_CELL if cell is None else cell for cell in cells)]) + "\n"
        for employee, cells in roster.assignments.items()
    )


def read_roster(text: str, instance: Instance | None = None) -> Roster:
    """Parse a roster; with an instance, also check it names every employee once and only its shifts and days."""
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidWorkforceInput(
            _("The roster has more than {limit} characters. Send at most {limit}.").format(limit=MAX_TEXT_CHARS),
            field=ROSTER_FIELD,
        )
    assignments: dict[str, tuple[str | None, ...]] = {}
    days: int | None = instance.horizon if instance is not None else None
    for number, raw in enumerate(text.splitlines(), start=1):
        cells = raw.split()
        if not cells or cells[0].startswith(COMMENT):
            continue
        if len(assignments) >= MAX_EMPLOYEES:
            raise InvalidWorkforceInput(
                _("The roster has more than {limit} employees.").format(limit=MAX_EMPLOYEES), field=ROSTER_FIELD
            )
        employee, row = cells[0], cells[1:]
        _roster_id(number, employee)
        if instance is not None and employee not in instance.employee_by_id:
            raise InvalidWorkforceInput(
                _("Line {line}: unknown employee “{value}”.").format(line=number, value=employee[:MAX_ID_CHARS]),
                field=ROSTER_FIELD,
            )
        if employee in assignments:
            raise InvalidWorkforceInput(
                _("Line {line}: the employee “{employee}” is listed twice.").format(line=number, employee=employee),
                field=ROSTER_FIELD,
            )
        if days is None:
            days = len(row)
        if len(row) != days or not 0 < days <= MAX_HORIZON_DAYS:
            raise InvalidWorkforceInput(
                _("Line {line}: expected {expected} days after the employee, found {count}.").format(
                    line=number, expected=days, count=len(row)
                ),
                field=ROSTER_FIELD,
            )
        assignments[employee] = tuple(_roster_cell(number, cell, instance) for cell in row)
    if instance is not None:
        missing = [employee.id for employee in instance.employees if employee.id not in assignments]
        if missing:
            raise InvalidWorkforceInput(
                _("The roster has no line for employee “{employee}”.").format(employee=missing[0]),
                field=ROSTER_FIELD,
            )
    return Roster(assignments)


def _roster_id(number: int, value: str) -> None:
    """Refuse an ID a roster line cannot hold."""
    if len(value) > MAX_ID_CHARS or not ID_PATTERN.fullmatch(value):
        raise InvalidWorkforceInput(
            _("Line {line}: “{value}” is not a valid ID (letters, digits, _ and ., at most {limit}).").format(
                line=number, value=value[:MAX_ID_CHARS], limit=MAX_ID_CHARS
            ),
            field=ROSTER_FIELD,
        )


def _roster_cell(number: int, cell: str, instance: Instance | None) -> str | None:
    """One day of a roster line: None for ``-``, else a shift ID (known to the instance, if one is given)."""
    if cell == OFF_CELL:
        return None
    _roster_id(number, cell)
    if instance is not None and cell not in instance.shift_by_id:
        raise InvalidWorkforceInput(
            _("Line {line}: unknown shift “{value}”.").format(line=number, value=cell[:MAX_ID_CHARS]),
            field=ROSTER_FIELD,
        )
    return cell
