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


PAYROLL_CONTACTS = """agent_id,contact_id,finished_at,task_type,difficulty,handle_seconds,quality,rating,status
a1,c1,2026-11-02T09:15:00+08:00,after-sale,2,200,90,5,resolved
a1,c3,2026-11-03T10:02:00+08:00,complaint,1,15,0,,abandoned
"""


def test_api_payroll_returns_exact_itemised_payslips(client: TestClient) -> None:
    body = {"contacts": PAYROLL_CONTACTS, "period_start": "2026-11-01", "period_end": "2026-11-30"}
    response = client.post(
        "/api/v1/workforce/payroll", json=body | {"rules": {"difficulty_multipliers": {"1": "1", "2": "2"}}}
    )
    assert response.status_code == 200, response.text
    (slip,) = response.json()["payslips"]
    base = next(line for line in slip["lines"] if line["code"] == "base")
    assert base["amount"] == "3.00"  # 1 contact x 1.50 x 2
    abandoned = next(line for line in slip["lines"] if line["code"] == "abandoned")
    assert abandoned["amount"] == "0.00"


def test_api_payroll_names_the_bad_line_and_the_bad_rule(client: TestClient) -> None:
    body = {"contacts": PAYROLL_CONTACTS.replace("c3", "c1"), "period_start": "2026-11-01", "period_end": "2026-11-30"}
    assert "3" in assert_problem(client.post("/api/v1/workforce/payroll", json=body), 422)["detail"]
    body = {"contacts": PAYROLL_CONTACTS, "period_start": "2026-11-01", "period_end": "2026-11-30"}
    bad_rule = client.post("/api/v1/workforce/payroll", json=body | {"rules": {"rates": {"after-sale": "-1"}}})
    assert_problem(bad_rule, 422)
    backwards = client.post("/api/v1/workforce/payroll", json=body | {"period_end": "2026-10-01"})
    assert_problem(backwards, 422)
