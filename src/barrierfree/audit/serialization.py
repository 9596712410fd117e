"""An audit report as plain data and back, for storing a finished web audit and rendering it later."""

from __future__ import annotations

import base64
from dataclasses import asdict
from datetime import datetime
from typing import Any

from barrierfree.audit._browser import LoadLimits
from barrierfree.audit.findings import Box, Finding, Outcome, PageResult, PageStatus, Source
from barrierfree.audit.runner import AuditOptions, AuditReport

FORMAT = "barrierfree-audit-store/1"


def _finding_to_dict(finding: Finding) -> dict[str, Any]:
    data = asdict(finding)
    data["source"] = finding.source.value
    data["outcome"] = finding.outcome.value
    data["screenshot_png"] = base64.b64encode(finding.screenshot_png).decode() if finding.screenshot_png else None
    return data


def _finding_from_dict(data: dict[str, Any]) -> Finding:
    box = data.get("box")
    shot = data.get("screenshot_png")
    return Finding(
        rule=data["rule"],
        source=Source(data["source"]),
        outcome=Outcome(data["outcome"]),
        summary=data["summary"],
        wcag=tuple(data.get("wcag", ())),
        act_rules=tuple(data.get("act_rules", ())),
        selector=data.get("selector", ""),
        snippet=data.get("snippet", ""),
        impact=data.get("impact", "serious"),
        box=Box(**box) if box else None,
        screenshot_png=base64.b64decode(shot) if shot else None,
        details=data.get("details", {}),
    )


def report_to_dict(report: AuditReport) -> dict[str, Any]:
    """Everything in the report, JSON-ready."""
    options = asdict(report.options)
    options["cookies"] = []
    return {
        "format": FORMAT,
        "targets": report.targets,
        "options": options,
        "started_at": report.started_at.isoformat(),
        "finished_at": report.finished_at.isoformat() if report.finished_at else None,
        "stopped_early": report.stopped_early,
        "pages": [
            {
                **{k: v for k, v in asdict(page).items() if k != "findings"},
                "status": page.status.value,
                "findings": [_finding_to_dict(f) for f in page.findings],
            }
            for page in report.pages
        ],
    }


def report_from_dict(data: dict[str, Any]) -> AuditReport:
    """Rebuild a report stored with :func:`report_to_dict`."""
    options = dict(data["options"])
    options["limits"] = LoadLimits(**options["limits"])
    options["cookies"] = ()  # never stored: they may be someone's session
    report = AuditReport(
        targets=list(data["targets"]),
        options=AuditOptions(**options),
        started_at=datetime.fromisoformat(data["started_at"]),
        finished_at=datetime.fromisoformat(data["finished_at"]) if data.get("finished_at") else None,
        stopped_early=data.get("stopped_early", ""),
    )
    for page in data["pages"]:
        fields = {k: v for k, v in page.items() if k not in ("findings", "status")}
        result = PageResult(status=PageStatus(page["status"]), **fields)
        result.findings = [_finding_from_dict(f) for f in page["findings"]]
        report.pages.append(result)
    return report
