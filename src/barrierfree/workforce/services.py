"""Staffing plans: forecast contacts per 30-minute interval, then agents required by Erlang C with shrinkage."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from barrierfree.core.i18n import _
from barrierfree.workforce import erlang, forecast
from barrierfree.workforce.errors import InvalidWorkforceInput

INTERVAL_SECONDS = forecast.INTERVAL_MINUTES * 60
DEFAULT_HANDLE_SECONDS = 240.0
DEFAULT_SERVICE_LEVEL = 0.8
DEFAULT_ANSWER_WITHIN = 20.0
DEFAULT_SHRINKAGE = 0.3
"""Share of paid time not on contacts (breaks, training, meetings): 30 % is a common planning figure."""
DEFAULT_MAX_OCCUPANCY = 0.85
"""Highest share of an agent's logged-in time on contacts: above it agents burn out, and ours need their breaks."""


@dataclass(frozen=True)
class StaffingTargets:
    """The plan's inputs besides the history (seconds and shares)."""

    handle_seconds: float = DEFAULT_HANDLE_SECONDS
    service_level: float = DEFAULT_SERVICE_LEVEL
    answer_within: float = DEFAULT_ANSWER_WITHIN
    shrinkage: float = DEFAULT_SHRINKAGE
    max_occupancy: float = DEFAULT_MAX_OCCUPANCY


@dataclass(frozen=True)
class IntervalPlan:
    """One interval: expected contacts, agents on contacts, agents to schedule, and what they achieve."""

    start: dt.datetime
    volume: float
    staffing: erlang.Staffing
    scheduled: int  # agents on contacts, grossed up for shrinkage


def check_targets(targets: StaffingTargets) -> None:
    """InvalidWorkforceInput naming the first target out of its range."""
    checks: tuple[tuple[float, Callable[[float], bool], str, str], ...] = (
        (
            targets.handle_seconds,
            lambda value: value > 0,
            "handle_seconds",
            _("The average handling time must be more than 0 seconds."),
        ),
        (
            targets.service_level,
            lambda value: 0 < value < 1,
            "service_level",
            _("The service level is a share between 0 and 1, such as 0.8 for 80 %."),
        ),
        (
            targets.answer_within,
            lambda value: value >= 0,
            "answer_within",
            _("The answer time must be 0 seconds or more."),
        ),
        (
            targets.shrinkage,
            lambda value: 0 <= value < 1,
            "shrinkage",
            _("Shrinkage is a share from 0 up to (not including) 1."),
        ),
        (
            targets.max_occupancy,
            lambda value: 0 < value <= 1,
            "max_occupancy",
            _("The highest occupancy is a share above 0, at most 1."),
        ),
    )
    for value, valid, field, message in checks:
        if not (math.isfinite(value) and valid(value)):
            raise InvalidWorkforceInput(message, field=field)


def parse_day(value: str) -> dt.date:
    """A date such as 2026-12-01, or InvalidWorkforceInput saying so."""
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidWorkforceInput(
            _("“{value}” is not a date such as 2026-12-01.").format(value=value), field="date"
        ) from None


def staffing_plan(
    history_text: str, day: dt.date, targets: StaffingTargets | None = None, *, weeks: int = forecast.DEFAULT_WEEKS
) -> list[IntervalPlan]:
    """The day's plan, interval by interval, from history CSV (see :mod:`barrierfree.workforce.forecast`)."""
    targets = targets or StaffingTargets()
    check_targets(targets)
    expected = forecast.forecast_day(forecast.parse_history(history_text), day, weeks)
    return [_interval_plan(interval, targets) for interval in expected]


def _interval_plan(interval: forecast.IntervalForecast, targets: StaffingTargets) -> IntervalPlan:
    """Agents for one interval's forecast."""
    traffic = interval.volume * targets.handle_seconds / INTERVAL_SECONDS
    try:
        needed = erlang.agents_for_target(
            traffic, targets.handle_seconds, targets.service_level, targets.answer_within, targets.max_occupancy
        )
    except ValueError:
        raise InvalidWorkforceInput(
            _("The interval at {start} needs more than {limit} agents: check the volumes.").format(
                start=interval.start.strftime("%H:%M"), limit=erlang.MAX_AGENTS
            ),
            field="history",
        ) from None
    return IntervalPlan(interval.start, interval.volume, needed, math.ceil(needed.agents / (1 - targets.shrinkage)))


def plan_document(plan: list[IntervalPlan], targets: StaffingTargets | None = None) -> dict[str, Any]:
    """The plan as JSON-ready data: the targets, and per interval the forecast and the staffing."""
    targets = targets or StaffingTargets()
    return {
        "targets": {
            "handle_seconds": targets.handle_seconds,
            "service_level": targets.service_level,
            "answer_within_seconds": targets.answer_within,
            "shrinkage": targets.shrinkage,
            "max_occupancy": targets.max_occupancy,
        },
        "intervals": [
            {
                "start": interval.start.isoformat(timespec="minutes"),
                "forecast_contacts": round(interval.volume, 2),
                "traffic_erlangs": round(interval.staffing.traffic, 3),
                "agents": interval.staffing.agents,
                "scheduled": interval.scheduled,
                "service_level": round(interval.staffing.service_level, 4),
                "average_speed_of_answer_seconds": round(interval.staffing.average_speed_of_answer, 1),
                "occupancy": round(interval.staffing.occupancy, 4),
            }
            for interval in plan
        ],
        "scheduled_agent_hours": sum(interval.scheduled for interval in plan) * forecast.INTERVAL_MINUTES / 60,
    }
