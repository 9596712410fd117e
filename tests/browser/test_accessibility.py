"""Every page, in zh-CN, in English and in elder mode, has zero axe violations (WCAG 2.2 A/AA)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser._pages import axe_violations, describe, log_in, set_display

DISPLAYS = [("zh-CN", False), ("en", False), ("zh-CN", True), ("en", True)]

ANONYMOUS_PAGES = [
    "/",
    "/login",
    "/signup",
    "/password-reset",
    "/privacy-policy",
    "/accessibility",
    "/api/v1/docs",
    "/no-such-page",
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
]
ADMIN_PAGES = ["/admin", "/admin/organisations", "/admin/audit", "/admin/audit?action=sensitive.read"]


def _check(page: Any, url: str, expected_lang: str) -> None:
    page.goto(url)
    assert page.get_attribute("html", "lang") == expected_lang
    violations = axe_violations(page)
    assert not violations, f"{url} ({expected_lang}):\n{describe(violations)}"


@pytest.mark.parametrize(("language", "elder"), DISPLAYS)
def test_anonymous_pages_have_no_axe_violations(context: Any, live_site: Any, language: str, elder: bool) -> None:
    page = context.new_page()
    set_display(page, live_site.base_url, language=language, elder=elder)
    for path in [*ANONYMOUS_PAGES, f"/password-reset/{live_site.reset_token}"]:
        _check(page, live_site.base_url + path, language)


@pytest.mark.parametrize(("language", "elder"), DISPLAYS)
def test_person_pages_have_no_axe_violations(context: Any, live_site: Any, language: str, elder: bool) -> None:
    page = context.new_page()
    set_display(page, live_site.base_url, language=language, elder=elder)
    log_in(page, live_site.base_url, "li.ming", live_site.password)
    for path in PERSON_PAGES:
        _check(page, live_site.base_url + path, language)


@pytest.mark.parametrize(("language", "elder"), DISPLAYS)
def test_organisation_pages_have_no_axe_violations(context: Any, live_site: Any, language: str, elder: bool) -> None:
    page = context.new_page()
    set_display(page, live_site.base_url, language=language, elder=elder)
    log_in(page, live_site.base_url, "wang.fang", live_site.password)
    base, org = live_site.base_url, live_site.federation_id
    for path in [f"/orgs/{org}", f"/orgs/{org}/clients", f"/orgs/{org}/clients/{live_site.client_id}"]:
        _check(page, base + path, language)
    with page.expect_navigation():
        page.click("form[action='/logout'] button")
    log_in(page, base, "zhao.lei", live_site.password)
    _check(page, f"{base}/orgs/{org}", language)


@pytest.mark.parametrize(("language", "elder"), DISPLAYS)
def test_admin_pages_have_no_axe_violations(context: Any, live_site: Any, language: str, elder: bool) -> None:
    page = context.new_page()
    set_display(page, live_site.base_url, language=language, elder=elder)
    log_in(page, live_site.base_url, "admin", live_site.password)
    for path in ADMIN_PAGES:
        _check(page, live_site.base_url + path, language)


@pytest.mark.parametrize(("language", "elder"), DISPLAYS)
def test_pages_showing_form_errors_have_no_axe_violations(
    context: Any, live_site: Any, language: str, elder: bool
) -> None:
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
