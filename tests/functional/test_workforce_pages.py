"""The customer-service programme through its pages: apply, be accepted, train, sit the exam, be hired."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from barrierfree.core.db import Database
from barrierfree.core.i18n import use_language
from barrierfree.speech import default_synthesizer
from barrierfree.workforce import exam, training
from barrierfree.workforce.models import Application, ExamAttempt, Programme, Stage
from tests.audio import SPOKEN_PHRASE, SPOKEN_RATE, heard_the_phrase, resampled
from tests.functional.helpers import Factory, audit_count, bearer, csrf_from, field_error, login, post_form


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with use_language("en"):
        yield


def stage_of(database: Database, username_id: int) -> Stage:
    with database.sessions() as fresh:
        return fresh.scalars(select(Application.stage).where(Application.user_id == username_id)).one()


def test_an_applicant_goes_from_application_to_hired(browser: object, factory: Factory, database: Database) -> None:
    open_browser = browser  # two people, two browsers
    applicant_browser: TestClient = open_browser()  # type: ignore[operator]
    manager_browser: TestClient = open_browser()  # type: ignore[operator]
    owner = factory.user("chen.jing", language="en")
    employer = factory.org("Cloud Service Co", owner=owner, kind="employer")
    applicant = factory.user("li.ming", display_name="Li Ming", language="en")
    login(applicant_browser, "li.ming")
    login(manager_browser, "chen.jing")

    sent = post_form(
        applicant_browser,
        "/workforce/apply",
        {
            "organisation_id": str(employer.id),
            "source_channel": "Hangzhou federation",
            "accommodations": ["extra_time", "screen_reader"],
            "consent": "yes",
        },
        page="/workforce/apply",
    )
    assert sent.status_code == 303, sent.text
    with database.sessions() as fresh:
        application_id = fresh.scalars(select(Application.id)).one()

    page = manager_browser.get(f"/workforce/applications/{application_id}")
    assert "extra time" in page.text and "screen reader" in page.text
    assert audit_count(database, "workforce.accommodations.read") == 1
    moved = post_form(
        manager_browser,
        f"/workforce/applications/{application_id}/stage",
        {"stage": "training", "reason": "Welcome aboard."},
        page=f"/workforce/applications/{application_id}",
    )
    assert moved.status_code == 303
    assert "Welcome aboard." in applicant_browser.get("/workforce").text

    for course in training.courses():
        for unit in course.modules:
            answers = {question.id: str(question.answer) for question in unit.quiz}
            graded = post_form(applicant_browser, f"/workforce/training/{unit.id}", answers, page="/workforce/training")
            assert "Module passed." in graded.text
    assert stage_of(database, applicant.id) is Stage.SIMULATION

    with database.sessions() as fresh:  # the simulation page lands with the simulator; here it is passed directly
        row = fresh.scalars(select(Application)).one()
        row.stage = Stage.EXAM
        fresh.commit()
    started = post_form(applicant_browser, "/workforce/exam/start", {}, page="/workforce/exam")
    assert started.status_code == 303
    paper_page = applicant_browser.get("/workforce/exam")
    with database.sessions() as fresh:
        attempt = fresh.scalars(select(ExamAttempt)).one()
        assert attempt.time_limit_seconds == int(exam.rules().time_limit_minutes * 60 * exam.EXTRA_TIME_FACTOR)
        answers = {qid: str(exam.bank()[qid].answer) for qid in attempt.question_ids}
    assert all(f'name="{qid}"' in paper_page.text for qid in answers)
    handed_in = post_form(applicant_browser, f"/workforce/exam/{attempt.id}", answers, page="/workforce/exam")
    assert "You passed." in handed_in.text
    code = re.search(r"certificates\?code=([0-9A-F]+)", handed_in.text)
    assert code is not None
    checked = manager_browser.get(f"/workforce/certificates?code={code.group(1)}")
    assert "Valid certificate" in checked.text and "Li Ming" in checked.text

    hired = post_form(
        manager_browser,
        f"/workforce/applications/{application_id}/stage",
        {"stage": "hired", "reason": ""},
        page=f"/workforce/applications/{application_id}",
    )
    assert hired.status_code == 303
    assert stage_of(database, applicant.id) is Stage.HIRED


def test_application_errors_are_tied_to_their_fields(client: TestClient, factory: Factory) -> None:
    owner = factory.user("owner")
    employer = factory.org("Cloud Service Co", owner=owner, kind="employer")
    factory.user("applicant", language="en")
    login(client, "applicant")
    cases = [
        ({"organisation_id": "99999999999999999999", "source_channel": "self"}, "organisation_id"),
        ({"organisation_id": str(employer.id), "source_channel": ""}, "source_channel"),
        ({"organisation_id": str(employer.id), "source_channel": "self", "accommodations": "extra_time"}, "consent"),
        ({"organisation_id": str(employer.id), "source_channel": "self", "accommodations": "x"}, "accommodations"),
        (
            {"organisation_id": "", "source_channel": " ", "accommodations": "x"},
            "organisation_id source_channel accommodations",
        ),
    ]
    for form, fields in cases:
        response = post_form(client, "/workforce/apply", form, page="/workforce/apply")
        assert response.status_code in (409, 422, 403), (form, response.status_code)
        for field in fields.split():  # every wrong field is named in the same answer
            assert field_error(response.text, field), (field, response.text[:2000])


def test_managers_pages_are_closed_to_others(client: TestClient, factory: Factory) -> None:
    owner = factory.user("owner")
    employer = factory.org("Cloud Service Co", owner=owner, kind="employer")
    factory.user("someone")
    login(client, "someone")
    assert client.get(f"/workforce/employers/{employer.id}/applications").status_code == 403
    assert client.get("/workforce/applications/1").status_code == 404


def test_a_manager_stops_and_restarts_taking_applications_and_applicants_see_it(
    client: TestClient, factory: Factory, database: Database
) -> None:
    owner = factory.user("owner", language="en")
    employer = factory.org("Cloud Service Co", owner=owner, kind="employer")
    station = factory.org("Delivery Station", owner=owner, kind="employer")
    factory.session.delete(factory.session.get(Programme, station.id))  # a station runs no programme
    factory.session.commit()
    login(client, "owner")
    page = f"/workforce/employers/{employer.id}/applications"
    assert "Cloud Service Co" in client.get("/workforce/apply").text
    assert "Delivery Station" not in client.get("/workforce/apply").text

    closed = post_form(client, f"/workforce/employers/{employer.id}/programme", {"taking": "no"}, page=page)

    assert closed.status_code == 303 and closed.headers["location"] == page
    shown = client.get(page).text
    assert "takes no new applications" in shown and "Take applications" in shown
    apply_page = client.get("/workforce/apply").text
    assert "No employer takes applications at the moment" in apply_page and "Cloud Service Co" not in apply_page
    refused = post_form(client, "/workforce/apply", {"organisation_id": str(employer.id), "source_channel": "self"})
    assert refused.status_code == 422 and "not taking applications" in (
        field_error(refused.text, "organisation_id") or ""
    )
    reopened = post_form(client, f"/workforce/employers/{employer.id}/programme", {"taking": "yes"}, page=page)
    assert reopened.status_code == 303 and "Stop taking applications" in client.get(page).text
    assert audit_count(database, "workforce.programme.closed") == 1
    assert audit_count(database, "workforce.programme.opened") == 1
    factory.user("someone")
    login(client, "someone")
    forbidden = post_form(client, f"/workforce/employers/{employer.id}/programme", {"taking": "no"}, page="/workforce")
    assert forbidden.status_code == 403


def test_the_api_lists_employers_and_opens_and_closes_a_programme(client: TestClient, factory: Factory) -> None:
    owner = factory.user("owner")
    employer = factory.org("Cloud Service Co", owner=owner, kind="employer")
    headers = bearer(factory.token(owner))
    listed = client.get("/api/v1/workforce/employers", headers=headers)
    assert listed.status_code == 200 and listed.json() == {
        "employers": [{"id": employer.id, "name": "Cloud Service Co"}]
    }

    closed = client.put(
        f"/api/v1/workforce/employers/{employer.id}/programme", json={"taking_applications": False}, headers=headers
    )

    assert closed.json() == {"organisation_id": employer.id, "taking_applications": False}
    assert client.get("/api/v1/workforce/employers", headers=headers).json() == {"employers": []}
    stranger = bearer(factory.token(factory.user("stranger")))
    path = f"/api/v1/workforce/employers/{employer.id}/programme"
    assert client.put(path, json={"taking_applications": True}, headers=stranger).status_code == 403
    assert client.put(path, json={"taking_applications": "maybe"}, headers=headers).status_code == 422


def test_the_staffing_page_plans_a_day_and_names_a_bad_line(client: TestClient) -> None:
    history = "".join(f"2026-11-{day:02d}T09:30,100\n" for day in (2, 9, 16, 23))
    form = {"history": history, "day": "2026-11-30", "handle_seconds": "180", "service_level": "0.8"}
    form |= {"answer_within": "20", "shrinkage": "0.3", "max_occupancy": "0.85", "weeks": "4"}
    planned = post_form(client, "/workforce/staffing", form, page="/workforce/staffing")
    assert planned.status_code == 200
    assert '<th scope="row">09:30</th><td>100.0</td><td>14</td><td>20</td>' in planned.text
    bad = post_form(
        client, "/workforce/staffing", form | {"history": "2026-11-23T09:00,-1\n"}, page="/workforce/staffing"
    )
    assert bad.status_code == 422 and "1" in (field_error(bad.text, "history") or "")
    bad_day = post_form(client, "/workforce/staffing", form | {"day": "soon"}, page="/workforce/staffing")
    assert field_error(bad_day.text, "day")


def test_a_practice_conversation_through_the_pages(client: TestClient, factory: Factory) -> None:
    factory.user("trainee", language="en")
    login(client, "trainee")
    started = post_form(
        client, "/workforce/simulation", {"scenario": "refund-damaged-goods"}, page="/workforce/simulation"
    )
    assert started.status_code == 303
    run_page = started.headers["location"].split("#")[0].split("?")[0]
    opening = client.get(run_page)
    assert 'id="latest"' in opening.text and "Your reply" in opening.text
    for text in (
        "Hello, I am so sorry about the broken teapot. We will give you a full refund to your original payment.",
        "Please upload a photo of the damage; the refund arrives within 3 working days, no need to return it. Thanks!",
    ):
        sent = post_form(client, run_page, {"reply": text, "action": "reply"}, page=run_page)
        assert sent.status_code == 303
    finished = client.get(run_page)
    assert "Score:" in finished.text and "Feedback on this reply" in finished.text
    assert "Your reply" not in finished.text
    empty = post_form(client, "/workforce/simulation", {"scenario": "nope"}, page="/workforce/simulation")
    assert empty.status_code == 422 and "There is no scenario" in empty.text


def test_the_workstation_reads_aloud_takes_dictation_and_replies_as_json(client: TestClient, factory: Factory) -> None:
    factory.user("agent", language="en")
    login(client, "agent")
    assert post_form(client, "/workforce/workstation/next", {}, page="/workforce/workstation").status_code == 303
    page = client.get("/workforce/workstation")
    assert 'role="log"' in page.text and 'aria-live="polite"' in page.text
    listen = re.search(r'id="listen" href="([^"]+)"', page.text)
    assert listen is not None
    audio = client.get(listen.group(1).replace("&amp;", "&").replace("rate=175", "rate=450"))
    assert audio.status_code == 200 and audio.headers["content-type"] == "audio/wav"
    assert audio.content[:4] == b"RIFF" and len(audio.content) > 10_000
    too_fast = client.get(listen.group(1).replace("&amp;", "&").replace("rate=175", "rate=451"))
    assert too_fast.status_code == 422

    spoken = resampled(default_synthesizer().synthesize(SPOKEN_PHRASE, "en", SPOKEN_RATE))
    heard = client.post(
        "/workforce/workstation/dictation",
        data={"language": "en", "csrf_token": csrf_from(page.text)},
        files={"audio": ("d.wav", spoken, "audio/wav")},
    )
    assert heard.status_code == 200 and heard_the_phrase(heard.json()["text"]), heard.json()
    chinese = client.post(
        "/workforce/workstation/dictation",
        data={"language": "zh-CN", "csrf_token": csrf_from(page.text)},
        files={"audio": ("d.wav", spoken, "audio/wav")},
        headers={"Accept": "application/json"},
    )
    assert chinese.status_code == 503 and "English only" in chinese.json()["detail"]
    not_wav = client.post(
        "/workforce/workstation/dictation",
        data={"language": "en", "csrf_token": csrf_from(page.text)},
        files={"audio": ("d.wav", b"not audio", "audio/wav")},
        headers={"Accept": "application/json"},
    )
    assert not_wav.status_code == 422

    run_id = re.search(r'data-run="(\d+)"', page.text)
    assert run_id is not None
    answered = client.post(
        f"/workforce/workstation/{run_id.group(1)}",
        data={"reply": "Hello, I am sorry for the trouble.", "csrf_token": csrf_from(page.text)},
        headers={"Accept": "application/json"},
    )
    assert answered.status_code == 200 and answered.json()["customer"] and answered.json()["ended"] is False
