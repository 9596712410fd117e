"""The default checks: axe less the rules our own checks supersede, and every superseding check present."""

from __future__ import annotations

from pathlib import Path

from barrierfree.audit import AuditOptions, ChromiumEngine, run_audit
from barrierfree.audit.checks.axe import AxeCheck
from barrierfree.audit.checks.base import Check
from barrierfree.audit.checks.registry import SUPERSEDED_AXE_RULES, default_checks
from barrierfree.audit.runner import run_sync
from tests.unit.audit.conftest import needs_chromium


def test_axe_in_the_default_checks_leaves_out_the_superseded_rules() -> None:
    axe = next(check for check in default_checks() if isinstance(check, AxeCheck))
    options = axe._options()
    assert options["rules"] == {rule: {"enabled": False} for rule in SUPERSEDED_AXE_RULES}
    assert options["runOnly"]["type"] == "tag"


def test_every_superseded_axe_rule_has_a_check_of_ours() -> None:
    replacing = {
        "avoid-inline-spacing": "act:text-spacing",
        "label-content-name-mismatch": "act:2ee8b8",
        "frame-focusable-content": "act:akn7bn",
    }
    assert set(replacing) == set(SUPERSEDED_AXE_RULES)
    ours = {check.id for check in default_checks()}
    assert set(replacing.values()) <= ours


@needs_chromium
def test_a_superseded_axe_rule_does_not_report_but_our_check_does(tmp_path: Path) -> None:
    html = tmp_path / "spacing.html"
    html.write_text(
        '<!doctype html><html lang="en"><head><title>Spacing</title></head><body><main><h1>Spacing</h1>'
        '<p style="letter-spacing: 0.05em !important">Tightly spaced text that nobody can widen.</p>'
        "</main></body></html>",
        encoding="utf-8",
    )
    target = html.as_uri()

    async def audit(checks: list[Check]) -> set[str]:
        async with ChromiumEngine() as engine:
            report = await run_audit([target], AuditOptions(screenshots=False), engine=engine, checks=checks)
        return {finding.rule for page in report.pages for finding in page.findings}

    assert "axe:avoid-inline-spacing" in run_sync(audit([AxeCheck()]))
    rules = run_sync(audit(default_checks()))
    assert "axe:avoid-inline-spacing" not in rules
    assert "act:24afc2" in rules
