"""HTTP tests of language, elder mode and text size, and of the landmarks every page shares."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select

from barrierfree.audit.models import AuditJob
from barrierfree.core import accounts
from barrierfree.core.accounts import User
from barrierfree.core.db import Database
from barrierfree.places import Category, NewPlace, add_place
from barrierfree.relay import services as relay_services
from barrierfree.web.app import PAGE_ROUTERS
from barrierfree.workforce import practice, recruitment, shift_plans
from barrierfree.workforce.simulation import ScenarioCustomer
from tests.functional.helpers import Factory, csrf_token, login, post_form
from tests.workforce_data import bidding_files

HTML_TAG = re.compile(r"<html\b[^>]*>")
# Not HTML pages: health check, a JSON download, a redirect, audit reports (HTML, JSON or XML documents) and label
# files (SVG, PDF), speech audio (WAV, the workstation's and the cards').
NOT_PAGES = {
    "/workforce/workstation/speech",
    "/relay/cards/{card_id}/speech.wav",
    "/speech/audio.wav",
    "/relay/rider/orders.json",
    "/healthz",
    "/account/privacy/export",
    "/preferences/language",
    "/audit/jobs/{job_id}/report.{kind}",
    "/braille/label.{kind}",
}


def html_tag(html: str) -> str:
    found = HTML_TAG.search(html)
    assert found is not None
    return found.group(0)


def page_language(html: str) -> str:
    found = re.search(r'lang="([^"]+)"', html_tag(html))
    assert found is not None
    return found.group(1)


def html_classes(html: str) -> set[str]:
    found = re.search(r'class="([^"]*)"', html_tag(html))
    return set(found.group(1).split()) if found else set()


def set_cookie_names(response: httpx.Response) -> set[str]:
    headers = response.headers.get_list("set-cookie")
    return {header.split("=", 1)[0] for header in headers}


def test_chinese_is_the_default_language(client: TestClient) -> None:
    page = client.get("/")

    assert page.status_code == 200
    assert page_language(page.text) == "zh-CN"
    assert "登录" in page.text


@pytest.mark.parametrize("code", ["en", "EN", "En"])
def test_language_link_switches_to_english_and_remembers_it(client: TestClient, code: str) -> None:
    response = client.get(f"/preferences/language?lang={code}&next=/login")

    assert response.status_code == 303
    assert response.headers["location"] == "/login"
    assert "bf_lang=en;" in response.headers["set-cookie"]
    assert "Max-Age=" in response.headers["set-cookie"]
    page = client.get("/login")
    assert page_language(page.text) == "en"
    assert "Log in" in page.text


@pytest.mark.parametrize("code", ["zh-CN", "zh_cn", "ZH-cn"])
def test_language_link_switches_back_to_chinese(client: TestClient, code: str) -> None:
    client.cookies.set("bf_lang", "en")

    response = client.get(f"/preferences/language?lang={code}")

    assert response.status_code == 303
    assert response.headers["location"] == "/"
    assert page_language(client.get("/").text) == "zh-CN"


@pytest.mark.parametrize("code", ["fr", "zh-TW", "", "e", "en-GB", "../../etc/passwd", "x" * 500, "%00"])
def test_an_unknown_language_is_refused_clearly(client: TestClient, code: str) -> None:
    response = client.get(f"/preferences/language?lang={code}")

    assert response.status_code == 422
    assert "bf_lang" not in set_cookie_names(response)
    assert "zh-CN" in response.text and "en" in response.text, "the message names the supported languages"
    assert "<h1>" in response.text


def test_a_missing_language_is_refused(client: TestClient) -> None:
    response = client.get("/preferences/language")

    assert response.status_code == 422
    assert "bf_lang" not in set_cookie_names(response)


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", "javascript:alert(1)"])
def test_language_switch_never_redirects_off_site(client: TestClient, target: str) -> None:
    response = client.get("/preferences/language", params={"lang": "en", "next": target})

    assert response.status_code == 303
    assert response.headers["location"] == "/"


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("en-US,en;q=0.9", "en"),
        ("fr-FR, en;q=0.5", "en"),
        ("zh-TW,zh;q=0.9,en;q=0.8", "zh-CN"),
        ("en;q=0.2, zh-CN;q=0.8", "zh-CN"),
        ("en;q=0, zh;q=0.1", "zh-CN"),
        ("fr, de", "zh-CN"),
        ("en;q=nan", "zh-CN"),
        (";;,,q=,en;q=abc", "zh-CN"),
        ("*", "zh-CN"),
    ],
)
def test_accept_language_is_negotiated(client: TestClient, header: str, language: str) -> None:
    page = client.get("/", headers={"Accept-Language": header})

    assert page.status_code == 200
    assert page_language(page.text) == language


def test_the_language_cookie_wins_over_accept_language(client: TestClient) -> None:
    client.cookies.set("bf_lang", "zh-CN")

    page = client.get("/", headers={"Accept-Language": "en"})

    assert page_language(page.text) == "zh-CN"


def test_a_logged_in_choice_of_language_follows_the_account(
    browser: Callable[[], TestClient], factory: Factory, database: Database
) -> None:
    user = factory.user("li.ming")
    laptop = browser()
    login(laptop, "li.ming")

    laptop.get("/preferences/language?lang=en")

    with database.sessions() as fresh:
        assert fresh.scalar(select(User.language).where(User.id == user.id)) == "en"
    phone = browser()
    login(phone, "li.ming")
    assert page_language(phone.get("/dashboard").text) == "en"


def test_elder_mode_toggles_and_is_remembered_by_the_browser(client: TestClient) -> None:
    assert "elder" not in html_classes(client.get("/").text)

    on = post_form(client, "/preferences/elder-mode", {"enabled": "1", "next": "/privacy-policy"})

    assert on.status_code == 303
    assert on.headers["location"] == "/privacy-policy"
    assert "bf_elder=1;" in on.headers["set-cookie"]
    page = client.get("/privacy-policy")
    assert {"elder", "text-18"} <= html_classes(page.text)
    assert 'aria-pressed="true"' in page.text

    off = post_form(client, "/preferences/elder-mode", {"enabled": "0", "next": "/"})

    assert off.status_code == 303
    assert "elder" not in html_classes(client.get("/").text)


def test_elder_mode_is_remembered_for_a_logged_in_user_across_login(
    browser: Callable[[], TestClient], factory: Factory, database: Database
) -> None:
    user = factory.user("wang.nainai")
    laptop = browser()
    login(laptop, "wang.nainai")

    post_form(laptop, "/preferences/elder-mode", {"enabled": "1"})

    with database.sessions() as fresh:
        assert fresh.get_one(User, user.id).elder_mode is True
    post_form(laptop, "/logout")
    assert "elder" in html_classes(laptop.get("/").text), "the browser keeps its own choice after logout"
    tablet = browser()
    assert "elder" not in html_classes(tablet.get("/").text)
    login(tablet, "wang.nainai")
    assert "elder" in html_classes(tablet.get("/dashboard").text)


@pytest.mark.parametrize("size", ["18", "22", "26", "30"])
def test_text_size_takes_an_allowed_value(client: TestClient, size: str) -> None:
    post_form(client, "/preferences/elder-mode", {"enabled": "1"})

    response = post_form(client, "/preferences/text-size", {"size": size, "next": "/accessibility"})

    assert response.status_code == 303
    assert response.headers["location"] == "/accessibility"
    assert f"bf_text={size};" in response.headers["set-cookie"]
    assert f"text-{size}" in html_classes(client.get("/accessibility").text)


@pytest.mark.parametrize("size", ["20", "17", "31", "0", "", "abc", "-18", "18.0", "1e2", "²", "١٨", "9" * 400])
def test_text_size_refuses_other_values(client: TestClient, size: str) -> None:
    post_form(client, "/preferences/elder-mode", {"enabled": "1"})

    response = post_form(client, "/preferences/text-size", {"size": size})

    assert response.status_code == 422
    assert "bf_text" not in set_cookie_names(response)
    assert all(str(n) in response.text for n in (18, 22, 26, 30)), "the message lists the allowed sizes"


@pytest.mark.parametrize("cookie", ["99", "abc", "²", '"²"', '"22 "', "-22", "", "22" * 100])
def test_a_bad_text_size_cookie_falls_back_to_the_default(client: TestClient, cookie: str) -> None:
    page = client.get("/", headers={"Cookie": f"bf_elder=1; bf_text={cookie}".encode("latin-1")})

    assert page.status_code == 200
    assert "text-18" in html_classes(page.text)


# --- the landmarks of every page -------------------------------------------------------------------------

GET_PAGES = sorted(
    route.path
    for router in PAGE_ROUTERS
    for route in router.routes
    if isinstance(route, APIRoute) and "GET" in route.methods and route.path not in NOT_PAGES
)


@pytest.fixture
def everyone_browser(factory: Factory, client: TestClient) -> tuple[TestClient, dict[str, str]]:
    """A logged-in admin who is caseworker of an organisation a client shares with: every page opens."""
    admin = factory.admin()
    owner = factory.user("owner.user")
    org = factory.org("Harbour NGO", owner=owner)
    factory.member(org, admin, "caseworker")
    person = factory.user("chen.jing")
    factory.profile(person, share_with=org)
    found = accounts.request_password_reset(factory.session, "chen.jing", minutes=30)
    assert found is not None
    job = AuditJob(requested_by=admin.id, targets=["https://example.cn/"], max_pages=1)
    factory.session.add(job)
    employer = factory.org("Cloud Service Co", owner=admin, kind="employer")
    application = recruitment.apply(factory.session, person, recruitment.ApplicationInput(employer.id, "self"))
    run = practice.start(factory.session, admin, "size-exchange", ScenarioCustomer(), "en")
    plan = shift_plans.submit_plan(
        factory.session, admin, employer.id, "December, week 1", shift_plans.PlanFiles(**bidding_files())
    )
    shift_plans.publish(factory.session, plan, *shift_plans.solve_plan(bidding_files(), 5, "en"))
    order = relay_services.create_order(factory.session, admin, "ORD-2026-0001", "Noodle Bar", "Ms Zhang", "Wensan Rd")
    place = add_place(factory.session, NewPlace("湖滨影院", Category.CINEMA, 30.2566, 120.1648, name_en="Hubin Cinema"))
    factory.session.commit()
    login(client, "root.admin")
    values = {"organisation_id": str(org.id), "client_id": str(person.id), "token": found[1], "job_id": str(job.id)}
    values |= {
        "application_id": str(application.id),
        "module_id": "after-sale-returns",
        "employer_id": str(employer.id),
        "run_id": str(run.id),
        "plan_id": str(plan.id),
        "order_id": str(order.id),
        "customer_key": order.customer_key,
        "merchant_key": order.merchant_key,
        "card_id": "running-late",
        "station_id": str(employer.id),
        "place_id": str(place.id),
    }
    values["mentorship_id"] = "1"
    return client, values


def assert_landmarks(html: str) -> None:
    assert len(re.findall(r"<h1[\s>]", html)) == 1, "exactly one <h1>"
    assert re.search(r'<a [^>]*href="#main"', html), "a skip link to #main"
    assert re.search(r'<main [^>]*id="main"', html), "the skip link's target"
    assert "/preferences/language?lang=zh-CN" in html and "/preferences/language?lang=en" in html
    assert page_language(html) in ("zh-CN", "en")


def test_every_page_route_is_checked() -> None:
    assert (
        "/" in GET_PAGES
        and "/account/privacy" in GET_PAGES
        and "/orgs/{organisation_id}/clients/{client_id}" in GET_PAGES
    )


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_every_page_has_one_h1_a_skip_link_and_the_language_links(
    everyone_browser: tuple[TestClient, dict[str, str]], browser: Callable[[], TestClient], language: str
) -> None:
    web, values = everyone_browser
    web.cookies.set("bf_lang", language)
    anonymous = browser()
    anonymous.cookies.set("bf_lang", language)
    checked = []

    for template in GET_PAGES:
        page = web.get(template.format(**values))
        assert page.status_code == 200, (template, page.status_code)
        assert_landmarks(page.text)
        assert page_language(page.text) == language
        checked.append(template)
    for path in ("/", "/login", "/signup", "/password-reset", "/no/such/page", "/orgs/abc", "/admin"):
        page = anonymous.get(path, follow_redirects=True)
        assert_landmarks(page.text)
    for path in ("/no/such/page", "/orgs/abc", "/orgs/999999", "/password-reset/unknown"):
        assert_landmarks(web.get(path).text)

    assert len(checked) == len(GET_PAGES)


def test_error_pages_keep_the_users_language(client: TestClient) -> None:
    client.cookies.set("bf_lang", "en")

    page = client.get("/no/such/page")

    assert page.status_code == 404
    assert page_language(page.text) == "en"
    assert "Page not found" in page.text


def test_every_response_gets_a_csrf_cookie_once(client: TestClient) -> None:
    first = client.get("/")
    token = csrf_token(client)
    second = client.get("/")

    assert "bf_csrf=" in first.headers["set-cookie"]
    assert "HttpOnly" in first.headers["set-cookie"] and "SameSite=Lax" in first.headers["set-cookie"]
    assert "bf_csrf" not in set_cookie_names(second)
    assert token == csrf_token(client), "the token is stable for a browser"
