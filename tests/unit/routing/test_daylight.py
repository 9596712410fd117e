"""Darkness by the sun's position at the place itself."""

from __future__ import annotations

from datetime import UTC, datetime

from barrierfree.routing.daylight import is_dark

HANGZHOU = (30.26, 120.16)
HEIDELBERG = (49.41, 8.69)


def test_noon_is_light_and_midnight_dark_in_local_time() -> None:
    assert not is_dark(*HANGZHOU, datetime(2026, 12, 21, 4, tzinfo=UTC))  # 12:00 in Hangzhou
    assert is_dark(*HANGZHOU, datetime(2026, 12, 21, 16, tzinfo=UTC))  # 00:00 in Hangzhou
    assert not is_dark(*HEIDELBERG, datetime(2026, 12, 21, 15, tzinfo=UTC))  # 16:00 there, before sunset
    assert is_dark(*HEIDELBERG, datetime(2026, 12, 21, 17, tzinfo=UTC))  # 18:00 there, after dusk


def test_the_season_moves_dusk() -> None:
    # 19:30 UTC is 21:30 in Heidelberg in summer (still twilight) and 20:30 in winter (night)
    assert not is_dark(*HEIDELBERG, datetime(2026, 6, 21, 19, 30, tzinfo=UTC))
    assert is_dark(*HEIDELBERG, datetime(2026, 12, 21, 19, 30, tzinfo=UTC))
