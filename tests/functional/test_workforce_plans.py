"""Shift plans, payroll and rostering through the pages and the API: a manager publishes a bidding round, the agent
reads their shifts and reasons; payslips and rosters are computed from uploaded files."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from barrierfree.core.accounts import User
from barrierfree.core.db import Database
from barrierfree.core.i18n import use_language
from barrierfree.workforce.models import PlanStatus, ShiftPlan
from tests.functional.helpers import (
    Factory,
    assert_problem,
    audit_count,
    bearer,
    csrf_token,
    field_error,
    login,
)
from tests.workforce_data import TOY_INSTANCE, bidding_files, senior_contacts_csv

WAIT_SECONDS = 120
"""How long a test waits for the background worker on a busy machine (a tiny round takes well under a second)."""


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with use_language("en"):
        yield


def wait_for_plan(database: Database, plan_id: int) -> PlanStatus:
    """Poll until the worker has finished the plan."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        with database.sessions() as fresh:
            status = fresh.scalars(select(ShiftPlan.status).where(ShiftPlan.id == plan_id)).one()
        if status not in (PlanStatus.QUEUED, PlanStatus.RUNNING):
            return status
        time.sleep(0.2)
    raise AssertionError(f"plan {plan_id} still {status} after {WAIT_SECONDS} s")


def upload(files: dict[str, str]) -> dict[str, tuple[str, bytes, str]]:
    return {name: (f"{name}.csv", text.encode(), "text/csv") for name, text in files.items()}


@pytest.fixture
def people(factory: Factory) -> dict[str, int]:
    boss = factory.user("chen.jing", language="en")
    employer = factory.org("Cloud Service Co", owner=boss, kind="employer")
    factory.user("li.ming", language="en")
    api_boss = factory.user("api.boss")
    factory.member(employer, api_boss, "manager")
    factory.session.commit()
    return {"employer": employer.id, "api_boss": api_boss.id}


def test_a_manager_publishes_a_plan_and_the_agent_reads_why(
    browser: Callable[[], TestClient], database: Database, people: dict[str, int]
) -> None:
    manager, agent = browser(), browser()
    login(manager, "chen.jing")
    login(agent, "li.ming")
    page = f"/workforce/employers/{people['employer']}/shift-plans"

    sent = manager.post(
        page,
        data={"title": "December, week 1", "time_limit": "10", "csrf_token": csrf_token(manager, page)},
        files=upload(bidding_files()),
    )

    assert sent.status_code == 303, sent.text
    plan_url = sent.headers["location"]
    plan_id = int(plan_url.rsplit("/", 1)[1])
    assert wait_for_plan(database, plan_id) is PlanStatus.PUBLISHED
    shown = manager.get(plan_url)
    assert "Published" in shown.text and "None: every protected agent got their base." in shown.text
    assert audit_count(database, "workforce.shift_plan.read") >= 1
    looked_up = manager.get(plan_url, params={"agent": "emma"})
    assert "all 1 seats are taken: 1 by protected agents" in looked_up.text
    missing = manager.get(plan_url, params={"agent": "nobody"})
    assert missing.status_code == 422 and "There is no agent nobody" in (field_error(missing.text, "agent") or "")
    mine = agent.get("/workforce/shifts")
    assert "December, week 1" in mine.text and "part of your protected minimum of 2 shifts" in mine.text
    assert agent.get(plan_url).status_code == 403  # an agent reads only their own row


def test_a_bad_file_is_named_with_its_line_and_nothing_is_queued(
    client: TestClient, database: Database, people: dict[str, int]
) -> None:
    login(client, "chen.jing")
    page = f"/workforce/employers/{people['employer']}/shift-plans"
    files = bidding_files() | {"shifts": "shift,start,end,seats\nmon-day,2026-12-07T09:00,2026-12-07T17:00+08:00,1\n"}

    sent = client.post(
        page, data={"title": "x", "time_limit": "10", "csrf_token": csrf_token(client, page)}, files=upload(files)
    )

    assert sent.status_code == 422
    assert "shifts, line 2" in (field_error(sent.text, "shifts") or field_error(sent.text, "form") or sent.text)
    with database.sessions() as fresh:
        assert fresh.scalars(select(ShiftPlan)).all() == []


def test_a_missing_file_is_asked_for(client: TestClient, people: dict[str, int]) -> None:
    login(client, "chen.jing")
    page = f"/workforce/employers/{people['employer']}/shift-plans"
    files = upload(bidding_files())
    del files["bids"]

    sent = client.post(
        page, data={"title": "x", "time_limit": "10", "csrf_token": csrf_token(client, page)}, files=files
    )

    assert sent.status_code == 422 and field_error(sent.text, "bids") == "Error: Choose the bids file (CSV)."


def test_the_api_queues_a_plan_and_returns_an_agent_s_decisions(
    api: TestClient, factory: Factory, database: Database, people: dict[str, int]
) -> None:
    token = factory.token(factory.session.get(User, people["api_boss"]))
    body = {"title": "API round", "time_limit_seconds": 10, **bidding_files()}

    queued = api.post(f"/api/v1/workforce/employers/{people['employer']}/shift-plans", json=body, headers=bearer(token))

    assert queued.status_code == 202, queued.text
    plan_id = queued.json()["id"]
    assert wait_for_plan(database, plan_id) is PlanStatus.PUBLISHED
    got = api.get(f"/api/v1/workforce/shift-plans/{plan_id}", params={"agent": "li.ming"}, headers=bearer(token))
    document = got.json()
    assert document["status"] == "published" and document["summary"]["protected_met"] is True
    assert sorted(document["agent"]["grants"]) == ["mon-day", "tue-day"]
    assert document["agent"]["decisions"][0]["reasons"][0]["code"] == "protected-minimum"
    listed = api.get(f"/api/v1/workforce/employers/{people['employer']}/shift-plans", headers=bearer(token))
    assert [plan["id"] for plan in listed.json()["plans"]] == [plan_id]
    bad = api.post(
        f"/api/v1/workforce/employers/{people['employer']}/shift-plans",
        json=body | {"bids": "agent,shift\nghost,mon-day\n"},
        headers=bearer(token) | {"Accept-Language": "en"},
    )
    assert "bids, line 2" in assert_problem(bad, 422)["detail"]
    agent_token = factory.token(factory.user("outsider"))
    assert_problem(api.get(f"/api/v1/workforce/shift-plans/{plan_id}", headers=bearer(agent_token)), 403)


def test_payroll_page_itemises_the_uploaded_contacts(client: TestClient) -> None:
    client.cookies.set("bf_lang", "en")
    page = "/workforce/payroll"
    contacts = senior_contacts_csv("a1", count=30).encode()
    data = {
        "period_start": "2026-10-01",
        "period_end": "2026-10-31",
        "agent": "",
        "csrf_token": csrf_token(client, page),
    }

    shown = client.post(page, data=data, files={"contacts_file": ("c.csv", contacts, "text/csv")})

    assert shown.status_code == 200, shown.text
    assert "Payslip of a1, 2026-10-01 to 2026-10-31" in shown.text and "Total" in shown.text
    refused = client.post(
        page,
        data=data | {"period_end": "2026-13-01", "csrf_token": csrf_token(client, page)},
        files={"contacts_file": ("c.csv", contacts, "text/csv")},
    )
    assert refused.status_code == 422 and field_error(refused.text, "period_end")
    unknown = client.post(
        page,
        data=data | {"agent": "zz", "csrf_token": csrf_token(client, page)},
        files={"contacts_file": ("c.csv", contacts, "text/csv")},
    )
    assert "No payslip for agent zz" in (field_error(unknown.text, "agent") or "")


def test_rostering_page_solves_an_instance_and_checks_a_roster(client: TestClient) -> None:
    client.cookies.set("bf_lang", "en")
    page = "/workforce/rostering"
    instance = {"instance_file": ("toy.txt", TOY_INSTANCE.encode(), "text/plain")}

    solved = client.post(page, data={"seconds": "2", "csrf_token": csrf_token(client, page)}, files=instance)

    assert solved.status_code == 200, solved.text
    assert "Every hard rule is kept." in solved.text and 'id="roster"' in solved.text
    broken_roster = "A E E E E E E E E E E E E E E\nB - - - - - - - - - - - - - -\n"
    checked = client.post(
        page,
        data={"seconds": "2", "csrf_token": csrf_token(client, page)},
        files=instance | {"roster_file": ("r.txt", broken_roster.encode(), "text/plain")},
    )
    assert checked.status_code == 200 and "Hard rules broken" in checked.text
    too_long = client.post(page, data={"seconds": "31", "csrf_token": csrf_token(client, page)}, files=instance)
    assert too_long.status_code == 422 and "1 to 30 seconds" in (field_error(too_long.text, "seconds") or "")
    corrupt = client.post(
        page,
        data={"seconds": "2", "csrf_token": csrf_token(client, page)},
        files={"instance_file": ("x.txt", b"SECTION_HORIZON\nabc\n", "text/plain")},
    )
    assert corrupt.status_code == 422 and "SECTION_SHIFTS" in (field_error(corrupt.text, "instance_file") or "")
