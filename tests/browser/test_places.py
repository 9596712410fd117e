"""Searching places by keyboard alone: a starting point, a condition, the results and a place's route link."""

from __future__ import annotations

from typing import Any

from tests.browser.test_keyboard import FOCUS_IS_VISIBLE, _tab_to


def test_search_places_and_reach_a_route_by_keyboard(context: Any, live_site: Any) -> None:
    page = context.new_page()
    base = live_site.base_url
    page.goto(f"{base}/preferences/language?lang=en&next=/places")
    _tab_to(page, "#start")
    page.keyboard.press("ArrowDown")  # the first starting point
    _tab_to(page, "#radius")
    for _ in range(2):
        page.keyboard.press("ArrowDown")  # 1 km -> 5 km
    _tab_to(page, "#wheelchair")
    page.keyboard.press("ArrowDown")  # yes
    _tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "start=broken-bridge" in page.url and "wheelchair=yes" in page.url
    results = page.locator("ol.place-list > li")
    assert results.count() >= 2
    assert "not known" in results.first.inner_text()
    _tab_to(page, "ol.place-list a[href^='/places/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/places/" in page.url
    _tab_to(page, "main a.button[href^='/routing?to=']")
    assert page.evaluate(FOCUS_IS_VISIBLE)
