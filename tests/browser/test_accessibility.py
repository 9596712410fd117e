"""Every page, in zh-CN, in English and in elder mode, passes barrierfree's own checker (axe-core, the ACT
rules axe lacks, the MIIT elderly-friendly rules and the Chinese checks) with zero findings.

The keyboard-trap rules press Tab through every page, the slowest check by far (measured: 38 % of the
checker's time on seven pages). They run in zh-CN only, normal and elder mode: whether focus can leave an
element depends on the page's elements and scripts, and the English pages have the same ones (only the words
differ), where elder mode adds the text-size buttons."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from barrierfree.places import Place
from tests.browser._pages import (
    audit_pages,
    axe_violations,
    browser_cookies,
    describe,
    describe_findings,
    log_in,
    set_display,
)

DISPLAYS = [("zh-CN", False), ("en", False), ("zh-CN", True), ("en", True)]
LANGUAGE_BLIND_CHECKS = frozenset({"act:keyboard-trap"})

ANONYMOUS_PAGES = [
    "/",
    "/login",
    "/signup",
    "/password-reset",
    "/privacy-policy",
    "/accessibility",
    "/api/v1/docs",
    "/no-such-page",
    "/braille",
    "/braille/label",
    "/braille/label?zh=%E9%98%BF%E8%83%B6%E8%A1%A5%E8%A1%80%E9%A2%97%E7%B2%92&en=Ejiao+granules",
    "/workforce",
    "/workforce/staffing",
    "/workforce/payroll",
    "/workforce/rostering",
    "/workforce/certificates",
    "/workforce/certificates?code=NOSUCHCODE",
    "/relay",
    "/relay/cards",
    "/relay/cards/at-door",
    "/relay/cards/running-late",
    "/relay/cards/running-late?minutes=10&lang=en",
    "/relay/simulation",
    "/speech",
    "/speech?text=%E6%82%A8%E5%A5%BD&lang=zh-CN&rate=300",
    "/routing",
    "/routing?from=30.2590,120.1620&to=30.2564,120.1665&profile=manual_wheelchair",
    "/routing?from=30.2590,120.1620&to=30.2564,120.1665&profile=blind&max_uphill=4&steps=none",
    "/routing?from=north&to=30.2564,120.1665",
    "/routing/reports",
    "/places",
    "/places?start=hubin&radius=2000",
    "/places?near=30.25&radius=1000",
    "/places?near=30.2580%2C120.1620&radius=5000&wheelchair=yes%2Climited&category=cinema",
]
PERSON_PAGES = [
    "/dashboard",
    "/account",
    "/account/password",
    "/account/tokens",
    "/account/privacy",
    "/account/access-log",
    "/account/delete",
    "/orgs",
    "/audit",
    "/workforce",
    "/workforce/apply",
    "/workforce/training",
    "/workforce/training/pre-sale-products",
    "/workforce/exam",
    "/workforce/simulation",
    "/workforce/workstation",
    "/workforce/shifts",
    "/routing/reports",
    "/places/new",  # li.ming has no surveying role: the page explains who may add places
]
ADMIN_PAGES = ["/admin", "/admin/organisations", "/admin/audit", "/admin/audit?action=sensitive.read"]


def _demo_place_ids(live_site: Any) -> list[int]:
    """The demo's shop (run by an organisation, with an owner's values) and its sight (a user's report as well)."""
    with live_site.database.sessions() as session:
        names = ("阳光手作小店", "断桥残雪")
        return list(session.scalars(select(Place.id).where(Place.name.in_(names)).order_by(Place.id)))


def _assert_clean(context: Any, base: str, paths: list[str], language: str, elder: bool) -> None:
    skip = frozenset() if language == "zh-CN" else LANGUAGE_BLIND_CHECKS
    pages = audit_pages([base + path for path in paths], cookies=browser_cookies(context), elder_mode=elder, skip=skip)
    assert len(pages) == len(paths)
    assert {page.language for page in pages} == {language}
    assert all(page.status.value in ("ok", "http-error") for page in pages), [(p.url, p.status) for p in pages]
    assert not [f for page in pages for f in page.failed], describe_findings(pages)


@pytest.mark.parametrize(("language", "elder"), DISPLAYS)
def test_anonymous_pages_pass_the_checker(context: Any, live_site: Any, language: str, elder: bool) -> None:
    page = context.new_page()
    set_display(page, live_site.base_url, language=language, elder=elder)
    order = live_site.relay_order
    paths = [
        *ANONYMOUS_PAGES,
        f"/password-reset/{live_site.reset_token}",
        f"/relay/track/{order.customer_key}",
        f"/relay/merchant/{order.merchant_key}",
        *[f"/places/{place_id}" for place_id in _demo_place_ids(live_site)],
    ]
    _assert_clean(context, live_site.base_url, paths, language, elder)


@pytest.mark.parametrize(("language", "elder"), DISPLAYS)
def test_person_pages_pass_the_checker(context: Any, live_site: Any, language: str, elder: bool) -> None:
    page = context.new_page()
    set_display(page, live_site.base_url, language=language, elder=elder)
    log_in(page, live_site.base_url, "li.ming", live_site.password)
    places = [f"/places/{place_id}" for place_id in _demo_place_ids(live_site)[:1]]
    _assert_clean(context, live_site.base_url, [*PERSON_PAGES, *places], language, elder)


@pytest.mark.parametrize(("language", "elder"), DISPLAYS)
def test_organisation_pages_pass_the_checker(context: Any, live_site: Any, language: str, elder: bool) -> None:
    page = context.new_page()
    base, org = live_site.base_url, live_site.federation_id
    set_display(page, base, language=language, elder=elder)
    log_in(page, base, "wang.fang", live_site.password)
    _assert_clean(
        context,
        base,
        [
            f"/orgs/{org}",
            f"/orgs/{org}/clients",
            f"/orgs/{org}/clients/{live_site.client_id}",
            *[f"/places/{place_id}" for place_id in _demo_place_ids(live_site)[1:]],
            "/places/new",
        ],
        language,
        elder,
    )
    page.goto(f"{base}/places/new")  # the form's error state exists only as the answer to a POST
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator(".error-summary").is_visible()
    violations = axe_violations(page)
    assert not violations, describe(violations)
    with page.expect_navigation():
        page.click("form[action='/logout'] button")
    log_in(page, base, "zhao.lei", live_site.password)
    _assert_clean(context, base, [f"/orgs/{org}"], language, elder)


@pytest.mark.parametrize(("language", "elder"), DISPLAYS)
def test_workforce_manager_pages_pass_the_checker(context: Any, live_site: Any, language: str, elder: bool) -> None:
    page = context.new_page()
    base = live_site.base_url
    set_display(page, base, language=language, elder=elder)
    log_in(page, base, "chen.jing", live_site.password)
    paths = [
        "/workforce",
        f"/workforce/employers/{live_site.employer_id}/applications",
        f"/workforce/employers/{live_site.employer_id}/applications?stage=training",
        f"/workforce/applications/{live_site.application_id}",
        f"/workforce/employers/{live_site.employer_id}/mentors",
        f"/workforce/employers/{live_site.employer_id}/shift-plans",
        f"/workforce/shift-plans/{live_site.plan_id}",
        f"/workforce/shift-plans/{live_site.plan_id}?agent=li.ming",
        f"/workforce/shift-plans/{live_site.plan_id}?agent=nobody",
    ]
    _assert_clean(context, base, paths, language, elder)


@pytest.mark.parametrize(("language", "elder"), DISPLAYS)
def test_rider_and_station_pages_pass_the_checker(context: Any, live_site: Any, language: str, elder: bool) -> None:
    page = context.new_page()
    base = live_site.base_url
    set_display(page, base, language=language, elder=elder)
    log_in(page, base, "huang.yi", live_site.password)
    _assert_clean(context, base, ["/relay/rider", f"/relay/orders/{live_site.relay_order.id}"], language, elder)
    with page.expect_navigation():
        page.click("form[action='/logout'] button")
    log_in(page, base, "ma.tao", live_site.password)
    _assert_clean(context, base, [f"/relay/stations/{live_site.station_id}/assessment"], language, elder)


@pytest.mark.parametrize(("language", "elder"), DISPLAYS)
def test_admin_pages_pass_the_checker(context: Any, live_site: Any, language: str, elder: bool) -> None:
    page = context.new_page()
    set_display(page, live_site.base_url, language=language, elder=elder)
    log_in(page, live_site.base_url, "admin", live_site.password)
    _assert_clean(context, live_site.base_url, ADMIN_PAGES, language, elder)


@pytest.mark.parametrize(("language", "elder"), DISPLAYS)
def test_pages_showing_form_errors_have_no_axe_violations(
    context: Any, live_site: Any, language: str, elder: bool
) -> None:
    # Error states exist only as answers to a POST, which the checker cannot request: axe runs in this browser.
    page = context.new_page()
    base = live_site.base_url
    set_display(page, base, language=language, elder=elder)
    page.goto(f"{base}/signup")
    page.fill("#username", "X")
    page.fill("#password", "short")
    page.fill("#password_confirm", "short")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator(".error-summary").is_visible()
    violations = axe_violations(page)
    assert not violations, describe(violations)
    page.goto(f"{base}/login")
    page.fill("#username", "nobody")
    page.fill("#password", "wrong-password")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator(".error-summary").is_visible()
    violations = axe_violations(page)
    assert not violations, describe(violations)
