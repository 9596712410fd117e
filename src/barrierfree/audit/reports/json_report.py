"""The JSON report: a stable, versioned schema for machines (CI, dashboards), in the chosen language.

Schema ``barrierfree.audit-report`` version 1. Fields are only ever added within a version; renaming or removing
one bumps :data:`SCHEMA_VERSION`. Codes (``rule``, ``outcome``, ``status``, ``standard``, ``level``, ``verdict``)
are language-independent; every ``*_label``, ``summary``, ``name`` and ``disclaimers`` text is in the report's
language. ``message_id`` keeps a finding's untranslated English message.
"""

from __future__ import annotations

import base64
import json
from dataclasses import asdict
from typing import Any

import barrierfree
from barrierfree.audit.findings import Finding, Outcome, PageResult, PageStatus
from barrierfree.audit.reports.labels import (
    finding_text,
    gbt_level_label,
    outcome_label,
    source_label,
    status_label,
    verdict_label,
)
from barrierfree.audit.runner import AuditReport
from barrierfree.audit.standards import (
    AUTOMATION_DISCLAIMER,
    GBT_DISCLAIMER,
    GBT_STANDARD,
    MIIT_DISCLAIMER,
    WCAG_VERSION,
    readiness,
    standards_of,
)
from barrierfree.core.i18n import _

SCHEMA = "barrierfree.audit-report"
SCHEMA_VERSION = 1


def _finding(finding: Finding) -> dict[str, Any]:
    standards = standards_of(finding)
    miit = standards.miit
    return {
        "rule": finding.rule,
        "source": finding.source.value,
        "source_label": source_label(finding.source),
        "outcome": finding.outcome.value,
        "outcome_label": outcome_label(finding.outcome),
        "impact": finding.impact,
        "summary": finding_text(finding),
        "message_id": finding.summary,
        "wcag": [
            {"number": c.number, "name": _(c.name), "level": c.level.value, "since": c.since} for c in standards.wcag
        ],
        "gbt": [
            {
                "standard": GBT_STANDARD,
                "indicator": i.number,
                "level": int(i.level),
                "level_label": gbt_level_label(i.level),
                "principle": i.principle,
            }
            for i in standards.gbt
        ],
        "wcag_without_gbt": list(standards.without_gbt),
        "miit": None
        if miit is None
        else {
            "topic": _(miit.topic),
            "topic_zh": miit.topic_zh,
            "requirement": _(miit.requirement),
            "specifications": list(miit.specs),
        },
        "act_rules": list(finding.act_rules),
        "selector": finding.selector,
        "snippet": finding.snippet,
        "box": asdict(finding.box) if finding.box else None,
        "screenshot_png": base64.b64encode(finding.screenshot_png).decode("ascii") if finding.screenshot_png else None,
        "details": finding.details,
    }


def _page(page: PageResult) -> dict[str, Any]:
    return {
        "url": page.url,
        "status": page.status.value,
        "status_label": status_label(page.status),
        "title": page.title,
        "language": page.language,
        "message": page.message,
        "elder_mode": page.elder_mode,
        "seconds": round(page.seconds, 3),
        "failed": sum(1 for f in page.findings if f.outcome is Outcome.FAILED),
        "needs_review": sum(1 for f in page.findings if f.outcome is Outcome.CANT_TELL),
        "findings": [_finding(f) for f in page.findings],
    }


def report_data(report: AuditReport, language: str) -> dict[str, Any]:
    """The report as JSON-ready data, with texts in the current language (``language`` is recorded)."""
    options = report.options
    findings = [f for page in report.pages for f in page.findings]
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "generator": {"name": "barrierfree", "version": barrierfree.__version__},
        "language": language,
        "wcag_version": WCAG_VERSION,
        "targets": list(report.targets),
        "started_at": report.started_at.isoformat(),
        "finished_at": report.finished_at.isoformat() if report.finished_at else None,
        "stopped_early": report.stopped_early,
        "options": {
            "max_pages": options.max_pages,
            "max_depth": options.max_depth,
            "elder_mode": options.elder_mode,
            "concurrency": options.concurrency,
            "screenshots": options.screenshots,
            "timeout_seconds": options.limits.timeout_seconds,
        },
        "summary": {
            "pages": len(report.pages),
            "pages_audited": sum(1 for page in report.pages if page.status is PageStatus.OK),
            "failed": sum(1 for f in findings if f.outcome is Outcome.FAILED),
            "needs_review": sum(1 for f in findings if f.outcome is Outcome.CANT_TELL),
        },
        "readiness": [
            {
                "standard": level.standard,
                "level": level.level,
                "title": _(level.title),
                "verdict": level.verdict.value,
                "verdict_label": verdict_label(level.verdict),
                "passed": level.passed,
                "complete": level.complete,
                "failed": list(level.failed),
                "needs_review": list(level.review),
            }
            for level in readiness(report)
        ],
        "disclaimers": {
            "automation": _(AUTOMATION_DISCLAIMER),
            "gbt": _(GBT_DISCLAIMER),
            "miit": _(MIIT_DISCLAIMER),
        },
        "pages": [_page(page) for page in report.pages],
    }


def render_json(report: AuditReport, language: str) -> bytes:
    """UTF-8 JSON of :func:`report_data`; call inside ``use_language(language)``."""
    return json.dumps(report_data(report, language), ensure_ascii=False, indent=2, default=str).encode(
        "utf-8", errors="replace"
    )
