"""Staffing plans: targets checked, agents grossed up for shrinkage, JSON document."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator

import pytest

from barrierfree.core.i18n import use_language
from barrierfree.workforce import services
from barrierfree.workforce.errors import InvalidWorkforceInput

HISTORY = "start,volume\n" + "".join(
    f"{(dt.date(2026, 11, 30) - dt.timedelta(weeks=week)).isoformat()}T10:00,100\n" for week in range(1, 5)
)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in English (the platform's default language is zh-CN); the Chinese ones are tested on their own."""
    with use_language("en"):
        yield


def test_plan_schedules_agents_for_each_interval_with_shrinkage() -> None:
    targets = services.StaffingTargets(handle_seconds=180, service_level=0.8, answer_within=20, shrinkage=0.3)
    plan = services.staffing_plan(HISTORY, dt.date(2026, 11, 30), targets)
    ten = next(interval for interval in plan if interval.start.hour == 10 and interval.start.minute == 0)
    assert ten.volume == 100 and ten.staffing.traffic == pytest.approx(10.0)
    assert ten.staffing.agents == 14 and ten.scheduled == math.ceil(14 / 0.7)
    quiet = plan[0]
    assert quiet.staffing.agents == 0 and quiet.scheduled == 0


def test_plan_document_is_json_ready() -> None:
    plan = services.staffing_plan(HISTORY, dt.date(2026, 11, 30))
    document = services.plan_document(plan)
    assert len(document["intervals"]) == 48
    assert document["intervals"][20]["start"] == "2026-11-30T10:00"
    assert document["scheduled_agent_hours"] == sum(row["scheduled"] for row in document["intervals"]) / 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"handle_seconds": 0}, "handle_seconds"),
        ({"service_level": 1.0}, "service_level"),
        ({"service_level": math.nan}, "service_level"),
        ({"answer_within": -1}, "answer_within"),
        ({"shrinkage": 1.0}, "shrinkage"),
        ({"max_occupancy": 0}, "max_occupancy"),
    ],
)
def test_impossible_targets_are_refused_by_name(change: dict[str, float], field: str) -> None:
    with pytest.raises(InvalidWorkforceInput) as raised:
        services.staffing_plan(HISTORY, dt.date(2026, 11, 30), services.StaffingTargets(**change))
    assert raised.value.field == field
