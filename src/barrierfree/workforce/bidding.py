"""Shift bidding with protected shifts: the inputs, their CSV parsers, and an independent rule checker.

Agents bid on posted shifts within their weekly availability; :mod:`barrierfree.workforce.bidding_solve` grants
bids with OR-Tools CP-SAT and :mod:`barrierfree.workforce.bidding_explain` says why each bid was or was not granted.
Four CSV files make a problem (a header row is required, ``#`` lines are comments, every bad line is named):

- agents: ``agent,protected,base,tier,max_day,max_week,availability``; ``protected`` is yes/no, ``base`` the
  shifts per week a protected agent is guaranteed, ``tier`` the performance tier (higher first for extras),
  ``availability`` is empty (any time) or windows such as ``mon-fri 08:00-18:00; sat 22:00-06:00``;
- shifts: ``shift,start,end,seats`` with timezone-aware ISO 8601 times on 30-minute boundaries;
- bids: ``agent,shift``, each inside the agent's availability;
- requirement: ``start,agents``, the agents needed in each 30-minute interval (one that is absent needs none).

Local days, weeks (Monday to Sunday) and availability are read in the plan's time zone (Asia/Shanghai unless
given): the rules are about the agent's working days, not UTC's.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from barrierfree.core.i18n import _
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.forecast import INTERVAL_MINUTES

DEFAULT_TIMEZONE = ZoneInfo("Asia/Shanghai")
MIN_REST = dt.timedelta(hours=10)
"""Least time off between the end of one granted shift and the start of the agent's next one."""
INTERVAL = dt.timedelta(minutes=INTERVAL_MINUTES)
MINUTES_PER_DAY = 24 * 60
MAX_SHIFT = dt.timedelta(hours=12)
"""Longest shift accepted: a longer one is a data error, not a shift."""
MAX_AGENTS = 20_000
MAX_SHIFTS = 20_000
MAX_BIDS = 1_000_000
MAX_REQUIREMENT_ROWS = 20_000
"""About a year of half-hour intervals."""
MAX_SEATS = 10_000
MAX_AGENTS_PER_INTERVAL = 10_000
"""The same bound as the Erlang staffing plan: more agents in one interval is a data error."""
MAX_TIER = 5
MAX_PER_DAY = 3
MAX_PER_WEEK = 14
MAX_WINDOWS = 14
MAX_ID_LENGTH = 64
AGENT_HEADER = ("agent", "protected", "base", "tier", "max_day", "max_week", "availability")
SHIFT_HEADER = ("shift", "start", "end", "seats")
BID_HEADER = ("agent", "shift")
REQUIREMENT_HEADER = ("start", "agents")
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TRUE_WORDS = frozenset({"yes", "y", "true", "1"})
FALSE_WORDS = frozenset({"no", "n", "false", "0", ""})
_WINDOW = re.compile(
    r"^(?P<days>\*|[a-z]{3}(?:-[a-z]{3})?(?:,[a-z]{3}(?:-[a-z]{3})?)*)\s+(?P<start>\d\d:\d\d)-(?P<end>\d\d:\d\d)$"
)


@dataclass(frozen=True)
class Window:
    """A weekly availability window: days (0 = Monday) and local minutes from midnight; end <= start runs overnight."""

    days: frozenset[int]
    start: int
    end: int

    def contains(self, start: dt.datetime, end: dt.datetime) -> bool:
        """Whether a shift with these local start and end times lies wholly inside the window."""
        if start.weekday() not in self.days:
            return False
        offset = start.hour * 60 + start.minute
        length = int((end - start).total_seconds() // 60)
        close = self.end if self.end > self.start else self.end + MINUTES_PER_DAY
        return self.start <= offset and offset + length <= close


@dataclass(frozen=True)
class Agent:
    """An agent who bids: protected agents are guaranteed ``base`` shifts a week (or as many as they bid)."""

    id: str
    protected: bool = False
    base: int = 0
    tier: int = 1
    max_per_day: int = 1
    max_per_week: int = 5
    availability: tuple[Window, ...] = ()

    def available(self, start: dt.datetime, end: dt.datetime) -> bool:
        """Whether the agent can work from ``start`` to ``end`` (local times); no windows means any time."""
        return not self.availability or any(window.contains(start, end) for window in self.availability)


@dataclass(frozen=True)
class Shift:
    """A posted shift with a number of seats; start and end are timezone-aware, on 30-minute boundaries."""

    id: str
    start: dt.datetime
    end: dt.datetime
    seats: int = 1


@dataclass(frozen=True)
class Bid:
    """An agent's bid for a shift."""

    agent: str
    shift: str


@dataclass(frozen=True)
class BiddingProblem:
    """Everything an allocation needs; build it with :func:`make_problem`, which checks the cross-references."""

    agents: Mapping[str, Agent]
    shifts: Mapping[str, Shift]
    bids: tuple[Bid, ...]
    requirement: Mapping[dt.datetime, int]
    timezone: dt.tzinfo = field(default=DEFAULT_TIMEZONE)

    def local(self, moment: dt.datetime) -> dt.datetime:
        """A moment in the plan's time zone."""
        return moment.astimezone(self.timezone)

    def day(self, shift: Shift) -> dt.date:
        """The local day a shift belongs to (the day it starts)."""
        return self.local(shift.start).date()

    def week(self, shift: Shift) -> dt.date:
        """The Monday of the local week a shift belongs to (the week it starts in)."""
        day = self.day(shift)
        return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True)
class Violation:
    """A hard rule an allocation breaks (found by :func:`check_allocation`)."""

    rule: str
    agent: str
    detail: str


# --- problems built in code -------------------------------------------------------------------------------------


def make_problem(
    agents: Iterable[Agent],
    shifts: Iterable[Shift],
    bids: Iterable[Bid],
    requirement: Mapping[dt.datetime, int] | None = None,
    timezone: dt.tzinfo = DEFAULT_TIMEZONE,
) -> BiddingProblem:
    """A checked problem: InvalidWorkforceInput names the first bad agent, shift, bid or interval and why."""
    agent_map: dict[str, Agent] = {}
    for agent in agents:
        _check_agent(agent)
        if agent.id in agent_map:
            raise InvalidWorkforceInput(_("The agent {agent} is listed twice.").format(agent=agent.id), field="agents")
        agent_map[agent.id] = agent
        _limit(len(agent_map), MAX_AGENTS, "agents")
    shift_map: dict[str, Shift] = {}
    for shift in shifts:
        _check_shift(shift)
        if shift.id in shift_map:
            raise InvalidWorkforceInput(_("The shift {shift} is listed twice.").format(shift=shift.id), field="shifts")
        shift_map[shift.id] = shift
        _limit(len(shift_map), MAX_SHIFTS, "shifts")
    seen: set[Bid] = set()
    for bid in bids:
        reason = _bid_problem(bid, agent_map, shift_map, seen, timezone)
        if reason:
            raise InvalidWorkforceInput(reason, field="bids")
        seen.add(bid)
        _limit(len(seen), MAX_BIDS, "bids")
    needs: dict[dt.datetime, int] = {}
    for start, agents_needed in (requirement or {}).items():
        reason = _requirement_problem(start, agents_needed)
        if reason:
            raise InvalidWorkforceInput(reason, field="requirement")
        needs[start] = agents_needed
    _limit(len(needs), MAX_REQUIREMENT_ROWS, "requirement")
    ordered = tuple(sorted(seen, key=lambda bid: (bid.agent, shift_map[bid.shift].start, bid.shift)))
    return BiddingProblem(agent_map, shift_map, ordered, needs, timezone)


def _limit(count: int, limit: int, name: str) -> None:
    """InvalidWorkforceInput when a collection passes its size limit."""
    if count > limit:
        raise InvalidWorkforceInput(
            _("Too many rows in {name}: at most {limit} are accepted.").format(name=name, limit=limit), field=name
        )


def _check_agent(agent: Agent) -> None:
    """InvalidWorkforceInput when an agent's numbers are out of range."""
    reason = _agent_problem(agent)
    if reason:
        raise InvalidWorkforceInput(reason, field="agents")


def _agent_problem(agent: Agent) -> str | None:
    """Why an agent's numbers are unacceptable, or None."""
    if not agent.id or len(agent.id) > MAX_ID_LENGTH:
        return _("An agent id must have 1 to {limit} characters.").format(limit=MAX_ID_LENGTH)
    if not 1 <= agent.tier <= MAX_TIER:
        return _("Agent {agent}: the tier must be from 1 to {limit}.").format(agent=agent.id, limit=MAX_TIER)
    if not 1 <= agent.max_per_day <= MAX_PER_DAY:
        return _("Agent {agent}: the most shifts a day must be from 1 to {limit}.").format(
            agent=agent.id, limit=MAX_PER_DAY
        )
    if not 1 <= agent.max_per_week <= MAX_PER_WEEK:
        return _("Agent {agent}: the most shifts a week must be from 1 to {limit}.").format(
            agent=agent.id, limit=MAX_PER_WEEK
        )
    if not 0 <= agent.base <= agent.max_per_week:
        return _("Agent {agent}: the base shifts a week must be from 0 to the weekly most, {limit}.").format(
            agent=agent.id, limit=agent.max_per_week
        )
    if len(agent.availability) > MAX_WINDOWS:
        return _("Agent {agent}: at most {limit} availability windows.").format(agent=agent.id, limit=MAX_WINDOWS)
    return None


def _check_shift(shift: Shift) -> None:
    """InvalidWorkforceInput when a shift's times or seats are unacceptable."""
    reason = _shift_problem(shift)
    if reason:
        raise InvalidWorkforceInput(reason, field="shifts")


def _shift_problem(shift: Shift) -> str | None:
    """Why a shift is unacceptable, or None."""
    if not shift.id or len(shift.id) > MAX_ID_LENGTH:
        return _("A shift id must have 1 to {limit} characters.").format(limit=MAX_ID_LENGTH)
    if shift.start.tzinfo is None or shift.end.tzinfo is None:
        return _("Shift {shift}: give times with their UTC offset, such as 2026-12-07T08:00+08:00.").format(
            shift=shift.id
        )
    if not (_on_boundary(shift.start) and _on_boundary(shift.end)):
        return _("Shift {shift}: start and end must be on 30-minute boundaries (:00 or :30).").format(shift=shift.id)
    if not dt.timedelta(0) < shift.end - shift.start <= MAX_SHIFT:
        return _("Shift {shift}: the end must come after the start, at most {hours} hours later.").format(
            shift=shift.id, hours=int(MAX_SHIFT.total_seconds() // 3600)
        )
    if not 1 <= shift.seats <= MAX_SEATS:
        return _("Shift {shift}: the seats must be from 1 to {limit}.").format(shift=shift.id, limit=MAX_SEATS)
    return None


def _on_boundary(moment: dt.datetime) -> bool:
    """Whether a moment starts a 30-minute interval (in UTC, so offsets of whole hours and half hours agree)."""
    return moment.timestamp() % (INTERVAL_MINUTES * 60) == 0


def _bid_problem(
    bid: Bid, agents: Mapping[str, Agent], shifts: Mapping[str, Shift], seen: set[Bid], timezone: dt.tzinfo
) -> str | None:
    """Why a bid is unacceptable (unknown agent or shift, outside availability, twice), or None."""
    agent = agents.get(bid.agent)
    if agent is None:
        return _("The agent {agent} is not in the agents list.").format(agent=bid.agent[:MAX_ID_LENGTH])
    shift = shifts.get(bid.shift)
    if shift is None:
        return _("The shift {shift} is not in the shifts list.").format(shift=bid.shift[:MAX_ID_LENGTH])
    if not agent.available(shift.start.astimezone(timezone), shift.end.astimezone(timezone)):
        return _("Agent {agent} bid on shift {shift}, which is outside their availability.").format(
            agent=agent.id, shift=shift.id
        )
    if bid in seen:
        return _("Agent {agent} bid on shift {shift} twice.").format(agent=agent.id, shift=shift.id)
    return None


def _requirement_problem(start: dt.datetime, agents_needed: int) -> str | None:
    """Why a requirement interval is unacceptable, or None."""
    if start.tzinfo is None or not _on_boundary(start):
        return _("The interval {start} must be a timezone-aware start of a 30-minute interval.").format(
            start=start.isoformat()
        )
    if not 0 <= agents_needed <= MAX_AGENTS_PER_INTERVAL:
        return _("The interval {start} needs {count} agents: give 0 to {limit}.").format(
            start=start.isoformat(timespec="minutes"), count=agents_needed, limit=MAX_AGENTS_PER_INTERVAL
        )
    return None


# --- CSV --------------------------------------------------------------------------------------------------------


def _rows(text: str, header: tuple[str, ...], name: str, limit: int) -> Iterator[tuple[int, list[str]]]:
    """(line number, stripped fields) of each data row; the header is required, ``#`` lines and blanks skipped."""
    header_seen = False
    count = 0
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            row = next(csv.reader([line]), [])
        except csv.Error as error:
            raise InvalidWorkforceInput(
                _("{name}, line {line}: not a CSV row ({reason}).").format(name=name, line=number, reason=error),
                field=name,
            ) from None
        cells = [cell.strip() for cell in row]
        if not "".join(cells) or cells[0].startswith("#"):
            continue
        if not header_seen:
            if tuple(cell.lower() for cell in cells) != header:
                raise InvalidWorkforceInput(
                    _("{name}, line {line}: the first row must be the header {header}.").format(
                        name=name, line=number, header=",".join(header)
                    ),
                    field=name,
                )
            header_seen = True
            continue
        if len(cells) != len(header):
            raise InvalidWorkforceInput(
                _("{name}, line {line}: expected {expected} fields ({header}), found {count}.").format(
                    name=name, line=number, expected=len(header), header=",".join(header), count=len(cells)
                ),
                field=name,
            )
        count += 1
        if count > limit:
            raise InvalidWorkforceInput(
                _("{name}, line {line}: more than {limit} rows; send at most {limit}.").format(
                    name=name, line=number, limit=limit
                ),
                field=name,
            )
        yield number, cells
    if not header_seen:
        raise InvalidWorkforceInput(
            _("{name} is empty: the first row must be the header {header}.").format(name=name, header=",".join(header)),
            field=name,
        )


def _line_error(name: str, number: int, reason: str) -> InvalidWorkforceInput:
    """An error naming the file and the line."""
    return InvalidWorkforceInput(
        _("{name}, line {line}: {reason}").format(name=name, line=number, reason=reason), field=name
    )


def _integer(name: str, number: int, value: str, what: str) -> int:
    """A whole number from a cell, or an error naming the line."""
    try:
        return int(value)
    except ValueError:
        raise _line_error(
            name, number, _("the {what} “{value}” is not a whole number.").format(what=what, value=value[:40])
        ) from None


def _moment(name: str, number: int, value: str) -> dt.datetime:
    """A timezone-aware date and time from a cell, or an error naming the line."""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise _line_error(
            name,
            number,
            _("“{value}” is not a date and time with its UTC offset, such as 2026-12-07T08:00+08:00.").format(
                value=value[:40]
            ),
        )
    return moment


def parse_agents(text: str) -> dict[str, Agent]:
    """Agents from CSV (see the module docstring); InvalidWorkforceInput names the first bad line and why."""
    name = "agents"
    agents: dict[str, Agent] = {}
    for number, cells in _rows(text, AGENT_HEADER, name, MAX_AGENTS):
        agent_id, protected, base, tier, max_day, max_week, availability = cells
        if protected.lower() not in TRUE_WORDS | FALSE_WORDS:
            raise _line_error(name, number, _("protected must be yes or no, not “{value}”.").format(value=protected))
        agent = Agent(
            agent_id,
            protected.lower() in TRUE_WORDS,
            _integer(name, number, base, "base"),
            _integer(name, number, tier, "tier"),
            _integer(name, number, max_day, "max_day"),
            _integer(name, number, max_week, "max_week"),
            _windows(name, number, availability),
        )
        reason = _agent_problem(agent)
        if reason:
            raise _line_error(name, number, reason)
        if agent_id in agents:
            raise _line_error(name, number, _("the agent {agent} is listed twice.").format(agent=agent_id))
        agents[agent_id] = agent
    return agents


def _windows(name: str, number: int, text: str) -> tuple[Window, ...]:
    """Availability windows from ``mon-fri 08:00-18:00; sat 09:00-13:00`` (empty: any time)."""
    windows = []
    for part in (piece.strip().lower() for piece in text.split(";")):
        if not part:
            continue
        match = _WINDOW.match(part)
        days = _days(match.group("days")) if match else None
        start = _clock(match.group("start")) if match else None
        end = _clock(match.group("end")) if match else None
        if days is None or start is None or end is None or start == MINUTES_PER_DAY:
            raise _line_error(
                name,
                number,
                _("the availability “{value}” is not like mon-fri 08:00-18:00 (days, then local times).").format(
                    value=part[:40]
                ),
            )
        windows.append(Window(days, start, end))
    return tuple(windows)


def _days(text: str) -> frozenset[int] | None:
    """Weekday numbers from ``*``, ``mon``, ``mon-fri`` or ``mon,wed-fri``; None when a name is unknown."""
    if text == "*":
        return frozenset(range(7))
    days: set[int] = set()
    for part in text.split(","):
        first, _dash, last = part.partition("-")
        if first not in DAY_NAMES or (last and last not in DAY_NAMES):
            return None
        low, high = DAY_NAMES.index(first), DAY_NAMES.index(last or first)
        days.update(day % 7 for day in range(low, high + 1 if high >= low else high + 8))
    return frozenset(days)


def _clock(text: str) -> int | None:
    """Minutes after midnight of ``HH:MM`` on a 30-minute boundary (24:00 allowed as an end), else None."""
    hours, minutes = int(text[:2]), int(text[3:])
    total = hours * 60 + minutes
    if minutes % INTERVAL_MINUTES or total > MINUTES_PER_DAY:
        return None
    return total


def parse_shifts(text: str) -> dict[str, Shift]:
    """Shifts from CSV (``shift,start,end,seats``); InvalidWorkforceInput names the first bad line and why."""
    name = "shifts"
    shifts: dict[str, Shift] = {}
    for number, (shift_id, start, end, seats) in _rows(text, SHIFT_HEADER, name, MAX_SHIFTS):
        shift = Shift(
            shift_id, _moment(name, number, start), _moment(name, number, end), _integer(name, number, seats, "seats")
        )
        reason = _shift_problem(shift)
        if reason:
            raise _line_error(name, number, reason)
        if shift_id in shifts:
            raise _line_error(name, number, _("the shift {shift} is listed twice.").format(shift=shift_id))
        shifts[shift_id] = shift
    return shifts


def parse_bids(
    text: str, agents: Mapping[str, Agent], shifts: Mapping[str, Shift], timezone: dt.tzinfo = DEFAULT_TIMEZONE
) -> tuple[Bid, ...]:
    """Bids from CSV (``agent,shift``); unknown agents or shifts, bids outside availability and repeats name the line."""
    name = "bids"
    seen: set[Bid] = set()
    bids = []
    for number, (agent, shift) in _rows(text, BID_HEADER, name, MAX_BIDS):
        bid = Bid(agent, shift)
        reason = _bid_problem(bid, agents, shifts, seen, timezone)
        if reason:
            raise _line_error(name, number, reason)
        seen.add(bid)
        bids.append(bid)
    return tuple(bids)


def parse_requirement(text: str) -> dict[dt.datetime, int]:
    """Agents needed per 30-minute interval from CSV (``start,agents``); negatives and repeats name the line."""
    name = "requirement"
    needs: dict[dt.datetime, int] = {}
    for number, (start, agents) in _rows(text, REQUIREMENT_HEADER, name, MAX_REQUIREMENT_ROWS):
        moment = _moment(name, number, start)
        count = _integer(name, number, agents, "agents")
        reason = _requirement_problem(moment, count)
        if reason:
            raise _line_error(name, number, reason)
        if moment in needs:
            raise _line_error(name, number, _("the interval {start} is listed twice.").format(start=moment.isoformat()))
        needs[moment] = count
    return needs


def parse_problem(
    agents: str, shifts: str, bids: str, requirement: str, timezone: dt.tzinfo = DEFAULT_TIMEZONE
) -> BiddingProblem:
    """A problem from the four CSV texts; each parser names its file's bad line."""
    agent_map = parse_agents(agents)
    shift_map = parse_shifts(shifts)
    return make_problem(
        agent_map.values(),
        shift_map.values(),
        parse_bids(bids, agent_map, shift_map, timezone),
        parse_requirement(requirement),
        timezone,
    )


# --- the independent checker ------------------------------------------------------------------------------------


def check_allocation(problem: BiddingProblem, grants: Mapping[str, Iterable[str]]) -> list[Violation]:
    """Every hard rule the grants break (only bids, seats, daily and weekly most, rest); written apart from the solver."""
    violations: list[Violation] = []
    bids = {(bid.agent, bid.shift) for bid in problem.bids}
    holders: defaultdict[str, int] = defaultdict(int)
    for agent_id, shift_ids in grants.items():
        agent = problem.agents.get(agent_id)
        shifts = sorted((problem.shifts[shift_id] for shift_id in set(shift_ids)), key=lambda shift: shift.start)
        if agent is None:
            violations.append(Violation("unknown-agent", agent_id, ""))
            continue
        per_day: defaultdict[dt.date, int] = defaultdict(int)
        per_week: defaultdict[dt.date, int] = defaultdict(int)
        for shift in shifts:
            holders[shift.id] += 1
            if (agent_id, shift.id) not in bids:
                violations.append(Violation("not-a-bid", agent_id, shift.id))
            per_day[problem.day(shift)] += 1
            per_week[problem.week(shift)] += 1
        violations += [
            Violation("max-per-day", agent_id, day.isoformat())
            for day, count in per_day.items()
            if count > agent.max_per_day
        ]
        violations += [
            Violation("max-per-week", agent_id, week.isoformat())
            for week, count in per_week.items()
            if count > agent.max_per_week
        ]
        for index, first in enumerate(shifts):
            for second in shifts[index + 1 :]:
                if second.start < first.end + MIN_REST:
                    violations.append(Violation("rest", agent_id, f"{first.id} {second.id}"))
    violations += [
        Violation("seats", "", shift_id)
        for shift_id, count in holders.items()
        if count > problem.shifts[shift_id].seats
    ]
    return violations


def gini(values: Iterable[float]) -> float:
    """The Gini coefficient of non-negative values (0 = all equal); used to report fairness of granted shifts."""
    ordered = sorted(values)
    total = sum(ordered)
    if not ordered or total == 0:
        return 0.0
    count = len(ordered)
    weighted = sum((2 * rank - count - 1) * value for rank, value in enumerate(ordered, start=1))
    return weighted / (count * total)
