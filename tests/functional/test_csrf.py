"""HTTP tests of CSRF protection: every POST form of every page router refuses a bad token and stores nothing.

The routes are read from the app's page routers, so a new form route without an entry in ``VALID_FORMS``
fails ``test_every_post_form_route_is_covered`` instead of silently escaping the check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select

from barrierfree import speech
from barrierfree.core import accounts
from barrierfree.core.db import Base, Database
from barrierfree.places import Category, NewPlace, add_place
from barrierfree.relay import services as relay_services
from barrierfree.relay.models import ComplaintKind
from barrierfree.routing import services as routing_services
from barrierfree.routing.models import BarrierKind
from barrierfree.web.app import PAGE_ROUTERS
from barrierfree.workforce import exam, practice, recruitment
from barrierfree.workforce.models import Mentorship, SeniorExpert, Stage
from barrierfree.workforce.simulation import ScenarioCustomer
from tests.audio import SPOKEN_PHRASE, SPOKEN_RATE, resampled, silence_wav
from tests.functional.helpers import NEW_PASSWORD, PASSWORD, Factory, csrf_token, login
from tests.workforce_data import TOY_INSTANCE, bidding_files, senior_contacts_csv

POST_ROUTES = sorted(
    route.path
    for router in PAGE_ROUTERS
    for route in router.routes
    if isinstance(route, APIRoute) and "POST" in route.methods
)

STAFFING_TARGETS = {
    "handle_seconds": "180",
    "service_level": "0.8",
    "answer_within": "20",
    "shrinkage": "0.3",
    "max_occupancy": "0.85",
    "weeks": "4",
}
# A form that succeeds for the logged-in administrator-owner of the test world (see ``world``).
VALID_FORMS: dict[str, dict[str, str]] = {
    "/signup": {"username": "new.person", "password": PASSWORD, "password_confirm": PASSWORD},
    "/login": {"username": "root.admin", "password": PASSWORD},
    "/logout": {},
    "/account/password": {
        "current_password": PASSWORD,
        "new_password": NEW_PASSWORD,
        "new_password_confirm": NEW_PASSWORD,
    },
    "/password-reset": {"identifier": "root.admin"},
    "/password-reset/{token}": {"new_password": NEW_PASSWORD, "new_password_confirm": NEW_PASSWORD},
    "/account/tokens": {"name": "reader"},
    "/account/tokens/{token_id}/revoke": {},
    "/preferences/elder-mode": {"enabled": "1", "next": "/"},
    "/preferences/text-size": {"size": "26", "next": "/"},
    "/account/privacy/consent": {
        "purpose": "share_with_organisation",
        "organisation_id": "{organisation_id}",
        "agree": "yes",
    },
    "/account/privacy/withdraw": {"purpose": "sensitive_profile"},
    "/account/privacy/profile": {"disability_category": "visual", "disability_level": "1"},
    "/account/delete": {"password": PASSWORD},
    "/orgs/{organisation_id}/members": {"username": "zhang.wei", "role": "caseworker"},
    "/orgs/{organisation_id}/members/remove": {"username": "zhang.wei"},
    "/admin/organisations": {"name": "Sunshine Federation", "kind": "federation", "owner": "zhang.wei"},
    "/audit": {"targets": "http://8.8.8.8/", "max_pages": "1"},
    "/braille": {"text": "阿胶", "system": "gf2018", "english": "ueb2"},
    "/workforce/apply": {"organisation_id": "{employer_id}", "source_channel": "self"},
    "/workforce/applications/{application_id}/stage": {"stage": "training", "reason": ""},
    "/workforce/training/{module_id}": {"q1": "1"},
    "/workforce/exam/start": {},
    "/workforce/exam/{attempt_id}": {},
    "/workforce/simulation": {"scenario": "delivery-delay"},
    "/workforce/simulation/{run_id}": {"reply": "您好，抱歉让您久等了。"},
    "/workforce/workstation/next": {},
    "/workforce/workstation/dictation": {"language": "en"},
    "/workforce/workstation/{run_id}": {"reply": "您好，请稍等，我马上为您查询。"},
    "/workforce/employers/{employer_id}/programme": {"taking": "no"},
    "/workforce/employers/{employer_id}/mentors": {"mentor": "senior.agent", "apprentice": "applicant"},
    "/workforce/employers/{employer_id}/mentors/{mentorship_id}/end": {},
    "/workforce/employers/{employer_id}/seniors": {
        "username": "zhang.wei",
        "agent_id": "a1",
        "started_on": "2024-01-01",
        "exam_score": "95",
    },
    "/workforce/staffing": {"history": "2026-11-23T09:00,10\n", "day": "2026-11-30", **STAFFING_TARGETS},
    "/workforce/employers/{employer_id}/shift-plans": {"title": "December, week 1", "time_limit": "5"},
    "/workforce/payroll": {"period_start": "2026-10-01", "period_end": "2026-10-31"},
    "/workforce/rostering": {"seconds": "1"},
    "/relay/rider/settings": {"text_only": "yes", "consent": "yes", "station_phone": "0571-88886666"},
    "/relay/rider/cards": {"text_zh": "请放门口", "text_en": "Please leave it at the door"},
    "/relay/rider/cards/{own_card_id}/delete": {},
    "/relay/stations/{station_id}/complaints/{complaint_id}/exemption": {"exempt": "yes", "note": "Hard of hearing"},
    "/relay/rider/incidents": {"description": "The customer kept calling.", "order_id": "{order_id}"},
    "/relay/orders/{order_id}/stage": {"stage": "accepted"},
    "/relay/orders/{order_id}/messages": {"text": "I am downstairs."},
    "/relay/orders/{order_id}/calls": {"call_card": "downstairs", "call_language": "en"},
    "/routing/reports": {"kind": "works", "position": "30.2590,120.1650", "note": "Pavement dug up", "lasts": "24"},
    "/routing/reports/{report_id}/revoke": {"reason": "The works are finished"},
    "/relay/track/{customer_key}/messages": {"text": "Coming down."},
    "/relay/merchant/{merchant_key}/messages": {"text": "Ready in 5 minutes."},
    "/relay/track/{customer_key}/voice": {"voice_language": "en"},
    "/relay/merchant/{merchant_key}/voice": {"voice_language": "en"},
    "/relay/track/{customer_key}/complaints": {"kind": "late", "complaint_text": "Twenty minutes late."},
    "/speech/transcribe": {"transcribe_lang": "en"},
    "/places/{place_id}/values": {
        "attribute": "wheelchair",
        "value": "yes",
        "source": "user_report",
        "evidence": "A ramp at the side door.",
    },
    "/places/new": {
        "name": "Service point",
        "category": "service_point",
        "position": "30.2577,120.1640",
        "organisation_id": "{organisation_id}",
    },
    "/relay/simulation": {"hours_per_week": "60", "pickup_seconds": "250", "delivery_seconds": "360", "weeks": "4"},
}
# Forms that only compute an answer (nothing is stored): accepted with 200 and the page of results.
STATELESS_FORMS = {
    "/braille",
    "/workforce/staffing",
    "/workforce/workstation/dictation",
    "/workforce/payroll",
    "/workforce/rostering",
    "/relay/simulation",
    "/speech/transcribe",
}
SPOKEN_WAV = resampled(speech.synthesize(SPOKEN_PHRASE, "en", SPOKEN_RATE), speech.RECOGNITION_RATE)
# Files sent with a form: one second of silence for the dictation endpoint.
FORM_FILES = {
    "/workforce/workstation/dictation": {"audio": ("dictation.wav", silence_wav(1.0), "audio/wav")},
    "/workforce/employers/{employer_id}/seniors": {"contacts_file": ("c.csv", senior_contacts_csv(), "text/csv")},
    "/workforce/employers/{employer_id}/shift-plans": {
        name: (f"{name}.csv", text.encode(), "text/csv") for name, text in bidding_files().items()
    },
    "/workforce/payroll": {"contacts_file": ("c.csv", senior_contacts_csv(count=20).encode(), "text/csv")},
    "/workforce/rostering": {"instance_file": ("toy.txt", TOY_INSTANCE.encode(), "text/plain")},
    "/speech/transcribe": {"recording": ("r.wav", silence_wav(1.0), "audio/wav")},
    "/relay/track/{customer_key}/voice": {"voice": ("v.wav", SPOKEN_WAV, "audio/wav")},
    "/relay/merchant/{merchant_key}/voice": {"voice": ("v.wav", SPOKEN_WAV, "audio/wav")},
}
# Forms that store something and answer with the page of results (a graded quiz or paper) rather than a redirect.
RESULT_FORMS = {"/workforce/training/{module_id}", "/workforce/exam/{attempt_id}"}
PREFERENCE_COOKIES = ("bf_session", "bf_elder", "bf_text", "bf_lang")


@dataclass
class World:
    """A logged-in administrator who owns an organisation, with a member, a token, a reset link, a consent."""

    browser: TestClient
    values: dict[str, str]

    def fill(self, template: str) -> str:
        return template.format(**self.values)


def _exam_ready(factory: Factory, admin: accounts.User, employer_id: int, *, with_paper: bool) -> str:
    """The administrator's own application waits at the exam stage; with a paper drawn when the test needs one."""
    mine = recruitment.apply(factory.session, admin, recruitment.ApplicationInput(employer_id, "self"))
    mine.stage = Stage.EXAM
    return str(exam.start(factory.session, admin).id) if with_paper else "0"


@pytest.fixture
def world(factory: Factory, client: TestClient, request: pytest.FixtureRequest) -> World:
    admin = factory.admin()
    org = factory.org("Harbour NGO", owner=admin)
    employer = factory.org("Cloud Service Co", owner=admin, kind="employer")
    other_employer = factory.org("Second Service Co", owner=admin, kind="employer")
    applicant = factory.user("applicant")
    application = recruitment.apply(factory.session, applicant, recruitment.ApplicationInput(employer.id, "self"))
    path = getattr(getattr(request.node, "callspec", None), "params", {}).get("path", "")
    attempt_id = _exam_ready(factory, admin, employer.id, with_paper=path == "/workforce/exam/{attempt_id}")
    zhang = factory.user("zhang.wei")
    factory.member(org, zhang, "member")
    senior = factory.user("senior.agent")
    factory.session.add(SeniorExpert(organisation_id=other_employer.id, user_id=senior.id))
    pairing = Mentorship(organisation_id=other_employer.id, mentor_id=senior.id, apprentice_id=zhang.id)
    factory.session.add(pairing)
    factory.session.flush()
    co_owner = factory.user("co.owner")
    for owned in (org, employer, other_employer):
        factory.member(owned, co_owner, "owner")  # so the admin may delete their own account
    token, _raw = accounts.create_api_token(factory.session, admin, "existing")
    factory.consent(admin)
    found = accounts.request_password_reset(factory.session, "root.admin", minutes=30)
    assert found is not None
    factory.session.commit()
    login(client, "root.admin")
    values = {"organisation_id": str(org.id), "token_id": str(token.id), "token": found[1]}
    values |= {"employer_id": str(other_employer.id), "application_id": str(application.id)}
    run_id = "0"
    if "{run_id}" in path:  # an open conversation would make "take the next customer" a no-op
        run_id = str(practice.start(factory.session, admin, "delivery-delay", ScenarioCustomer(), "zh-CN").id)
    factory.session.commit()
    order = relay_services.create_order(factory.session, admin, "ORD-2026-0001", "Noodle Bar", "Ms Zhang", "Wensan Rd")
    order.customer_phone = "+8613812345678"
    own_card = relay_services.add_card(factory.session, admin, "请放门口", "")
    complaint = relay_services.file_complaint(factory.session, order, ComplaintKind.DID_NOT_ANSWER)
    report = routing_services.report_barrier(factory.session, admin, BarrierKind.WORKS, 30.2590, 120.1650)
    factory.session.commit()
    values |= {
        "order_id": str(order.id),
        "customer_key": order.customer_key,
        "merchant_key": order.merchant_key,
        "own_card_id": str(own_card.id),
        "station_id": str(employer.id),
        "complaint_id": str(complaint.id),
        "report_id": str(report.id),
    }
    values["place_id"] = str(add_place(factory.session, NewPlace("Kino", Category.CINEMA, 49.41, 8.69)).id)
    factory.session.commit()
    values |= {
        "module_id": "pre-sale-products",
        "attempt_id": attempt_id,
        "run_id": run_id,
        "mentorship_id": str(pairing.id),
    }
    return World(client, values)


def snapshot(database: Database) -> dict[str, list[Any]]:
    """Every row of every table, to prove that a refused request changed nothing."""
    with database.sessions() as fresh:
        return {
            table.name: sorted((tuple(row) for row in fresh.execute(select(table))), key=repr)
            for table in Base.metadata.sorted_tables
        }


def bad_tokens(browser: Callable[[], TestClient]) -> dict[str, Callable[[], dict[str, str]]]:
    """Ways to get the token wrong: none, a well-formed forgery, and a valid token of another browser."""
    return {
        "missing": dict,
        "wrong": lambda: {"csrf_token": "0" * 64},
        "from-another-browser": lambda: {"csrf_token": csrf_token(browser())},
    }


def test_every_post_form_route_is_covered() -> None:
    assert POST_ROUTES, "no POST routes found on the page routers"
    assert set(POST_ROUTES) == set(VALID_FORMS)


@pytest.mark.parametrize("path", POST_ROUTES)
def test_post_form_refuses_a_bad_csrf_token_and_stores_nothing(
    world: World, database: Database, browser: Callable[[], TestClient], path: str
) -> None:
    # One world for the three bad tokens: a refused request changes nothing, which is what each attempt asserts.
    form = {key: world.fill(value) for key, value in VALID_FORMS[path].items()}
    csrf_token(world.browser)  # the browser has its CSRF cookie
    before = snapshot(database)

    for how, bad_token in bad_tokens(browser).items():
        response = world.browser.post(world.fill(path), data={**form, **bad_token()})

        assert response.status_code == 403, (how, response.text)
        assert "text/html" in response.headers["content-type"]
        assert "<h1>" in response.text
        assert snapshot(database) == before, how
        set_cookies = " ".join(response.headers.get_list("set-cookie"))
        assert not any(f"{name}=" in set_cookies for name in PREFERENCE_COOKIES), how


@pytest.mark.parametrize("path", POST_ROUTES)
def test_the_same_form_with_its_token_is_accepted(world: World, database: Database, path: str) -> None:
    form = {key: world.fill(value) for key, value in VALID_FORMS[path].items()}
    before = snapshot(database)

    response = world.browser.post(
        world.fill(path), data={**form, "csrf_token": csrf_token(world.browser)}, files=FORM_FILES.get(path)
    )

    if path in STATELESS_FORMS:
        assert response.status_code == 200, response.text
        assert snapshot(database) == before
        return
    assert response.status_code in ((200,) if path in RESULT_FORMS else (201, 303)), response.text
    if path != "/preferences/text-size":  # a display choice lives only in the browser's cookie
        assert snapshot(database) != before


def test_a_browser_without_a_csrf_cookie_is_refused(world: World, database: Database) -> None:
    token = csrf_token(world.browser)
    world.browser.cookies.delete("bf_csrf")
    before = snapshot(database)

    response = world.browser.post("/account/tokens", data={"name": "reader", "csrf_token": token})

    assert response.status_code == 403
    assert snapshot(database) == before
    assert "bf_csrf=" in response.headers["set-cookie"], "the browser gets a fresh CSRF cookie for the next try"
