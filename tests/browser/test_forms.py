"""Forms offer every choice and keep what was stored, as a person filling them in would see."""

from __future__ import annotations

from typing import Any

from barrierfree.core.demo import DEMO_ORGANISATIONS
from barrierfree.core.orgs import OrgKind, OrgRole
from barrierfree.core.privacy import DisabilityCategory
from tests.browser._pages import log_in


def _option_values(page: Any, selector: str) -> list[str]:
    return page.eval_on_selector_all(f"{selector} option", "options => options.map(o => o.value)")


def test_privacy_form_offers_every_category_and_shows_the_stored_one(context: Any, live_site: Any) -> None:
    page = context.new_page()
    log_in(page, live_site.base_url, "li.ming", live_site.password)
    page.goto(f"{live_site.base_url}/account/privacy")
    assert _option_values(page, "#disability_category") == ["", *[c.value for c in DisabilityCategory]]
    assert page.eval_on_selector("#disability_category", "s => s.value") == "visual"
    assert page.eval_on_selector("#disability_level", "s => s.value") == "1"
    organisations = _option_values(page, "#organisation_id")
    assert organisations[0] == "" and len(organisations) == 1 + len(DEMO_ORGANISATIONS) + 1  # and the delivery station


def test_saving_the_profile_by_form_keeps_the_choice(context: Any, live_site: Any) -> None:
    page = context.new_page()
    log_in(page, live_site.base_url, "li.ming", live_site.password)
    page.goto(f"{live_site.base_url}/account/privacy")
    page.select_option("#disability_level", "2")
    with page.expect_navigation():
        page.click("form[action='/account/privacy/profile'] button[type=submit]")
    assert page.locator(".notice").is_visible()
    assert page.eval_on_selector("#disability_level", "s => s.value") == "2"
    page.select_option("#disability_level", "1")
    with page.expect_navigation():
        page.click("form[action='/account/privacy/profile'] button[type=submit]")
    assert page.eval_on_selector("#disability_level", "s => s.value") == "1"


def test_member_and_organisation_forms_offer_every_role_and_kind(context: Any, live_site: Any) -> None:
    page = context.new_page()
    log_in(page, live_site.base_url, "zhao.lei", live_site.password)
    page.goto(f"{live_site.base_url}/orgs/{live_site.federation_id}")
    assert _option_values(page, "#role") == [r.value for r in OrgRole]
    with page.expect_navigation():
        page.click("form[action='/logout'] button")
    log_in(page, live_site.base_url, "admin", live_site.password)
    page.goto(f"{live_site.base_url}/admin/organisations")
    assert _option_values(page, "#kind") == [k.value for k in OrgKind]
