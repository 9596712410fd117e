"""The braille converter by keyboard alone, with and without live conversion, and its result page checked."""

from __future__ import annotations

from typing import Any

from tests.browser._pages import axe_violations, describe
from tests.browser.test_keyboard import _tab_to


def test_convert_by_keyboard_alone_and_the_result_passes_axe(context: Any, live_site: Any) -> None:
    page = context.new_page()
    page.route("**/api/v1/braille/**", lambda route: route.abort())  # the form must work without live conversion
    page.goto(f"{live_site.base_url}/braille")
    _tab_to(page, "#text")
    page.keyboard.type("每日服用阿胶两次。")
    _tab_to(page, "#braille-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#result").is_visible()
    assert "ē jiāo" in page.inner_text("#words-table")
    assert page.inner_text("#braille-output").strip()
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_live_conversion_updates_as_you_type_and_says_so_once(context: Any, live_site: Any) -> None:
    page = context.new_page()
    page.goto(f"{live_site.base_url}/braille")
    page.fill("#text", "人参 Vitamin C")
    page.dispatch_event("#text", "input")
    page.wait_for_function("() => !document.getElementById('result').hidden", timeout=10_000)
    assert "rén" in page.inner_text("#pinyin-output")
    assert page.inner_text("#live-status").strip()
    assert page.get_attribute("#result", "aria-live") is None  # the result is not read out on every key
    violations = axe_violations(page)
    assert not violations, describe(violations)
