"""Stored reports come back identical, and never keep the cookies an audit was run with."""

from __future__ import annotations

import json

from barrierfree.audit import AuditOptions, AuditReport, Box, Cookie, Finding, Outcome, PageResult, PageStatus, Source
from barrierfree.audit.serialization import report_from_dict, report_to_dict
from barrierfree.core.clock import utcnow


def _report() -> AuditReport:
    report = AuditReport(
        targets=["https://example.cn/"],
        options=AuditOptions(
            max_pages=3, elder_mode=True, cookies=(Cookie("bf_session", "secret", "https://example.cn"),)
        ),
        started_at=utcnow(),
        finished_at=utcnow(),
    )
    page = PageResult(url="https://example.cn/", status=PageStatus.OK, title="首页 🙂\x07", language="zh-CN")
    page.findings.append(
        Finding(
            rule="axe:image-alt",
            source=Source.AXE,
            outcome=Outcome.FAILED,
            summary="Images must have alternate text",
            wcag=("1.1.1",),
            act_rules=("23a2a8",),
            selector="img",
            snippet="<img src=x>",
            box=Box(1, 2, 3, 4),
            screenshot_png=b"\x89PNG\r\n",
            details={"n": 1},
        )
    )
    report.pages.append(PageResult(url="https://example.cn/x", status=PageStatus.TIMEOUT, message="no response"))
    report.pages.insert(0, page)
    return report


def test_a_report_survives_a_round_trip_through_json() -> None:
    original = _report()
    restored = report_from_dict(json.loads(json.dumps(report_to_dict(original))))
    assert restored.pages == original.pages
    assert restored.targets == original.targets
    assert restored.options.max_pages == 3 and restored.options.elder_mode


def test_cookies_are_never_stored() -> None:
    stored = json.dumps(report_to_dict(_report()))
    assert "secret" not in stored
    assert report_from_dict(json.loads(stored)).options.cookies == ()
