"""History parsing (every bad line named) and the weekday-interval mean."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from barrierfree.core.i18n import use_language
from barrierfree.workforce import forecast
from barrierfree.workforce.errors import InvalidWorkforceInput

MONDAY = dt.date(2026, 11, 30)


def _history(weeks: int, volume_of_week: list[float]) -> str:
    """Mondays before MONDAY, 09:00 and 09:30, with the given volumes (newest week first)."""
    rows = ["start,volume"]
    for week in range(weeks):
        day = MONDAY - dt.timedelta(weeks=week + 1)
        rows.append(f"{day.isoformat()}T09:00,{volume_of_week[week]}")
        rows.append(f"{day.isoformat()}T09:30,{volume_of_week[week] / 2}")
    return "\n".join(rows) + "\n"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in English (the platform's default language is zh-CN); the Chinese ones are tested on their own."""
    with use_language("en"):
        yield


def test_forecast_is_the_mean_of_the_last_weeks_same_weekday_and_interval() -> None:
    history = forecast.parse_history(_history(5, [40, 20, 30, 10, 1000]))
    day = forecast.forecast_day(history, MONDAY, weeks=4)
    by_time = {interval.start.strftime("%H:%M"): interval for interval in day}
    assert len(day) == forecast.INTERVALS_PER_DAY
    assert by_time["09:00"].volume == pytest.approx(25.0) and by_time["09:00"].weeks == 4
    assert by_time["09:30"].volume == pytest.approx(12.5)
    assert by_time["10:00"].volume == 0.0


def test_history_without_that_weekday_is_refused_in_words() -> None:
    history = forecast.parse_history("2026-11-24T09:00,5\n")  # a Tuesday
    with pytest.raises(InvalidWorkforceInput, match="Monday"):
        forecast.forecast_day(history, MONDAY)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("start,volume\n2026-11-23T09:00,5,7\n", "Line 2: expected two fields"),
        ("2026-11-23 9am,5\n", "Line 1: “2026-11-23 9am” is not a date and time"),
        ("2026-11-23T09:10,5\n", "Line 1: 2026-11-23T09:10 does not start a 30-minute interval"),
        ("2026-11-23T09:00,-3\n", "Line 1: the volume “-3” must be a number"),
        ("2026-11-23T09:00,lots\n", "the volume “lots”"),
        ("2026-11-23T09:00,nan\n", "the volume “nan”"),
        ("2026-11-23T09:00,5\n# note\n2026-11-23T09:00,6\n", "Line 3: the interval 2026-11-23T09:00 is listed twice"),
        ("# nothing\n\n", "The history is empty"),
    ],
)
def test_bad_history_names_the_line_and_the_problem(text: str, fragment: str) -> None:
    with pytest.raises(InvalidWorkforceInput) as raised:
        forecast.parse_history(text)
    assert fragment in raised.value.message
    assert raised.value.field == "history"


def test_history_row_limit_is_enforced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forecast, "MAX_HISTORY_ROWS", 2)
    rows = "".join(f"2026-11-23T{hour:02d}:00,1\n" for hour in range(3))
    with pytest.raises(InvalidWorkforceInput, match="more than 2 rows"):
        forecast.parse_history(rows)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_parses_or_is_refused_with_a_clear_error(text: str) -> None:
    try:
        history = forecast.parse_history(text)
    except InvalidWorkforceInput as error:
        assert error.message
    else:
        assert all(volume >= 0 for volume in history.values())
