"""Staffing plans over the JSON API: open to everyone, nothing stored, bad input refused by line or field."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient

from tests.functional.helpers import assert_problem

HISTORY = "start,volume\n" + "".join(
    f"{(dt.date(2026, 11, 30) - dt.timedelta(weeks=week)).isoformat()}T09:30,100\n" for week in range(1, 5)
)


def test_api_plans_a_day_interval_by_interval(client: TestClient) -> None:
    response = client.post(
        "/api/v1/workforce/staffing", json={"history": HISTORY, "date": "2026-11-30", "handle_seconds": 180}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert len(body["intervals"]) == 48
    busy = body["intervals"][19]
    assert busy["start"] == "2026-11-30T09:30" and busy["agents"] == 14 and busy["scheduled"] == 20


def test_api_refuses_a_bad_line_a_bad_date_and_an_impossible_target(client: TestClient) -> None:
    bad_line = client.post(
        "/api/v1/workforce/staffing", json={"history": "2026-11-23T09:00,-1\n", "date": "2026-11-30"}
    )
    assert "1" in assert_problem(bad_line, 422)["detail"]
    bad_date = client.post("/api/v1/workforce/staffing", json={"history": HISTORY, "date": "tomorrow"})
    assert "tomorrow" in assert_problem(bad_date, 422)["detail"]
    impossible = client.post(
        "/api/v1/workforce/staffing", json={"history": HISTORY, "date": "2026-11-30", "service_level": 1.5}
    )
    assert_problem(impossible, 422)


def test_api_refuses_absurd_volumes_quickly(client: TestClient) -> None:
    history = "".join(f"2026-11-23T{hour:02d}:00,1e15\n" for hour in range(24))
    response = client.post("/api/v1/workforce/staffing", json={"history": history, "date": "2026-11-30"})
    assert "10000" in assert_problem(response, 422)["detail"]  # the agent limit, in either language
