"""Logging in and checking a page with axe, shared by the browser tests."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
_axe = Axe()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the current page for WCAG 2.2 A/AA (and axe's best practices)."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    return list(results.response["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    """A readable list of violations for an assertion message."""
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return "\n".join(lines)


def log_in(page: Any, base_url: str, username: str, password: str) -> None:
    """Log in through the real form."""
    page.goto(f"{base_url}/login")
    page.fill("#username", username)
    page.fill("#password", password)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.url == f"{base_url}/dashboard", page.inner_text("main")


def set_display(page: Any, base_url: str, *, language: str, elder: bool) -> None:
    """Choose the language and elder mode the way a visitor does, from the header of a page."""
    page.goto(f"{base_url}/preferences/language?lang={language}&next=/")
    if elder:
        with page.expect_navigation():
            page.click("form[action='/preferences/elder-mode'] button")
        assert page.locator("html.elder").count() == 1
