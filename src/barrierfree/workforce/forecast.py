"""Contact-volume forecast per 30-minute interval from history.

History is CSV text, one row per interval: the interval's start (ISO 8601 date and time, on a 30-minute boundary,
local time) and the number of contacts that arrived in it; a header row ``start,volume`` is optional and ``#`` lines
are comments. The forecast for a day is, for each interval of the day, the mean of the same weekday and interval
over the last :data:`DEFAULT_WEEKS` weeks of history that have that weekday (an interval missing from such a day
counts as no contacts): contact centres see a weekly rhythm, and a few weeks' mean follows a trend without chasing
one odd day.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass

from barrierfree.core.i18n import _
from barrierfree.workforce.errors import InvalidWorkforceInput

INTERVAL_MINUTES = 30
INTERVALS_PER_DAY = 24 * 60 // INTERVAL_MINUTES
DEFAULT_WEEKS = 4
MAX_HISTORY_ROWS = 200_000
"""About eleven years of half-hour intervals: more is refused."""
HEADER = ("start", "volume")


@dataclass(frozen=True)
class IntervalForecast:
    """Expected contacts in one interval of the forecast day, and how many past weeks the mean is made of."""

    start: dt.datetime
    volume: float
    weeks: int


def parse_history(text: str) -> dict[dt.datetime, float]:
    """Interval start -> contacts, from history CSV; InvalidWorkforceInput names the first bad line and why."""
    history: dict[dt.datetime, float] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        row = _fields(number, line)
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if number == 1 and tuple(cell.strip().lower() for cell in row) == HEADER:
            continue
        if len(history) >= MAX_HISTORY_ROWS:
            raise InvalidWorkforceInput(
                _("The history has more than {limit} rows. Send at most {limit}.").format(limit=MAX_HISTORY_ROWS),
                field="history",
            )
        start, volume = _row(number, row)
        if start in history:
            raise InvalidWorkforceInput(
                _("Line {line}: the interval {start} is listed twice.").format(
                    line=number, start=start.isoformat(timespec="minutes")
                ),
                field="history",
            )
        history[start] = volume
    if not history:
        raise InvalidWorkforceInput(
            _("The history is empty: give one row per interval, such as 2026-11-02T09:00,42."), field="history"
        )
    return history


def _fields(number: int, line: str) -> list[str]:
    """The comma-separated fields of one line (quotes allowed, as in any CSV)."""
    try:
        return next(csv.reader([line]), [])
    except csv.Error as error:
        raise InvalidWorkforceInput(
            _("Line {line}: not a CSV row ({reason}).").format(line=number, reason=error), field="history"
        ) from None


def _row(number: int, row: list[str]) -> tuple[dt.datetime, float]:
    """One data row: (interval start, volume)."""
    if len(row) != len(HEADER):
        raise InvalidWorkforceInput(
            _("Line {line}: expected two fields, start and volume, found {count}.").format(line=number, count=len(row)),
            field="history",
        )
    try:
        start = dt.datetime.fromisoformat(row[0].strip())
    except ValueError:
        raise InvalidWorkforceInput(
            _("Line {line}: “{value}” is not a date and time such as 2026-11-02T09:00.").format(
                line=number, value=row[0].strip()
            ),
            field="history",
        ) from None
    if start.minute % INTERVAL_MINUTES or start.second or start.microsecond:
        raise InvalidWorkforceInput(
            _("Line {line}: {start} does not start a 30-minute interval (use :00 or :30).").format(
                line=number, start=row[0].strip()
            ),
            field="history",
        )
    try:
        volume = float(row[1].strip())
    except ValueError:
        volume = math.nan
    if not math.isfinite(volume) or volume < 0:
        raise InvalidWorkforceInput(
            _("Line {line}: the volume “{value}” must be a number of contacts, zero or more.").format(
                line=number, value=row[1].strip()
            ),
            field="history",
        )
    return start.replace(tzinfo=None), volume


def forecast_day(history: dict[dt.datetime, float], day: dt.date, weeks: int = DEFAULT_WEEKS) -> list[IntervalForecast]:
    """Expected contacts in each 30-minute interval of ``day``: the mean over the last ``weeks`` same weekdays."""
    if weeks < 1:
        raise InvalidWorkforceInput(_("Use at least one week of history."), field="weeks")
    by_slot: dict[tuple[dt.date, int], float] = {}
    for start, volume in history.items():
        if start.date() < day and start.weekday() == day.weekday():
            by_slot[(start.date(), (start.hour * 60 + start.minute) // INTERVAL_MINUTES)] = volume
    days = sorted({date for date, _slot in by_slot}, reverse=True)[:weeks]
    if not days:
        raise InvalidWorkforceInput(
            _("The history has no {weekday} before {day}: it needs at least one week.").format(
                weekday=_weekday_name(day), day=day.isoformat()
            ),
            field="history",
        )
    totals: defaultdict[int, float] = defaultdict(float)
    for (date, slot), volume in by_slot.items():
        if date in days:
            totals[slot] += volume
    midnight = dt.datetime.combine(day, dt.time())
    return [
        IntervalForecast(midnight + dt.timedelta(minutes=slot * INTERVAL_MINUTES), totals[slot] / len(days), len(days))
        for slot in range(INTERVALS_PER_DAY)
    ]


def _weekday_name(day: dt.date) -> str:
    """The day's weekday in the reader's language."""
    names = (_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday"))
    return names[day.weekday()]
