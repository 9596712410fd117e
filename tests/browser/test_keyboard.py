"""Sign-up, logout and login with the keyboard alone, with a visible focus indicator at every stop."""

from __future__ import annotations

import uuid
from typing import Any

MAX_TABS = 40

FOCUS_IS_VISIBLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return false;
  const style = getComputedStyle(el);
  return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
}"""


def _tab_to(page: Any, selector: str) -> None:
    """Press Tab until ``selector`` has focus, checking that every element reached shows its focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_IS_VISIBLE), (
            f"focus not visible on {page.evaluate('document.activeElement.outerHTML')[:120]}"
        )
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with Tab")


def test_skip_link_is_first_and_moves_focus_to_main(context: Any, live_site: Any) -> None:
    page = context.new_page()
    page.goto(f"{live_site.base_url}/signup")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    assert page.evaluate(FOCUS_IS_VISIBLE)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_sign_up_log_out_and_log_in_by_keyboard_alone(context: Any, live_site: Any) -> None:
    page = context.new_page()
    base = live_site.base_url
    username = f"kb-{uuid.uuid4().hex[:8]}"
    password = "keyboard-only-passphrase"
    page.goto(f"{base}/signup")
    for field, value in (
        ("#username", username),
        ("#display_name", "键盘用户"),
        ("#password", password),
        ("#password_confirm", password),
    ):
        _tab_to(page, field)
        page.keyboard.type(value)
    _tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{base}/dashboard"

    page.keyboard.press("Tab")  # a fresh page starts at the top again
    _tab_to(page, "form[action='/logout'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{base}/"
    assert page.locator("form[action='/logout']").count() == 0

    page.goto(f"{base}/login")
    _tab_to(page, "#username")
    page.keyboard.type(username)
    _tab_to(page, "#password")
    page.keyboard.type(password)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{base}/dashboard"
    assert page.locator("form[action='/logout'] button").is_visible()


def test_elder_mode_and_language_switch_by_keyboard(context: Any, live_site: Any) -> None:
    page = context.new_page()
    base = live_site.base_url
    page.goto(f"{base}/")
    _tab_to(page, "form[action='/preferences/elder-mode'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("html.elder").count() == 1
    assert page.get_attribute("form[action='/preferences/elder-mode'] button", "aria-pressed") == "true"
    _tab_to(page, "a[hreflang='en']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("html.elder").count() == 1
