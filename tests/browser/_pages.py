"""Logging in, and checking pages with barrierfree's own checker (dogfooding), shared by the browser tests."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe

from barrierfree.audit import AuditOptions, ChromiumEngine, Cookie, PageResult, default_checks, run_audit
from barrierfree.audit.runner import run_sync

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


def browser_cookies(context: Any) -> tuple[Cookie, ...]:
    """The cookies a Playwright (sync) context holds, for the checker to reuse (session, language, elder mode)."""
    return tuple(Cookie(c["name"], c["value"], f"http://{c['domain']}{c['path']}") for c in context.cookies())


def audit_pages(
    urls: list[str], *, cookies: tuple[Cookie, ...], elder_mode: bool, skip: frozenset[str] = frozenset()
) -> list[PageResult]:
    """Run every check of ``barrierfree audit`` (but those whose ids are in ``skip``) on the pages, as the
    logged-in browser sees them."""
    options = AuditOptions(max_pages=len(urls), max_depth=0, elder_mode=elder_mode, cookies=cookies, screenshots=False)
    checks = [check for check in default_checks() if check.id not in skip]

    async def go() -> list[PageResult]:
        async with ChromiumEngine() as engine:
            report = await run_audit(urls, options, engine=engine, checks=checks)
        return report.pages

    return run_sync(go())


def describe_findings(pages: list[PageResult]) -> str:
    """Every failure on the pages, one per line, for an assertion message."""
    return "\n".join(
        f"{page.url}: {finding.rule} {finding.summary} at {finding.selector}"
        for page in pages
        for finding in page.failed
    )
