"""Audit reports in three formats (HTML for people, JSON for machines, JUnit XML for CI), in zh-CN or English."""

from __future__ import annotations

from collections.abc import Callable

from barrierfree.audit.errors import InvalidAuditRequest
from barrierfree.audit.reports.html_report import render_html
from barrierfree.audit.reports.json_report import SCHEMA, SCHEMA_VERSION, render_json, report_data
from barrierfree.audit.reports.junit import render_junit
from barrierfree.audit.runner import AuditReport
from barrierfree.core.i18n import _, parse_language, use_language

Renderer = Callable[[AuditReport, str], bytes]
RENDERERS: dict[str, Renderer] = {"html": render_html, "json": render_json, "junit": render_junit}
MEDIA_TYPES: dict[str, str] = {
    "html": "text/html; charset=utf-8",
    "json": "application/json",
    "junit": "application/xml",
}
FORMATS = tuple(RENDERERS)


def render(report: AuditReport, fmt: str, language: str) -> bytes:
    """The report as ``html``, ``json`` or ``junit`` bytes (UTF-8), written in ``language`` (zh-CN or en)."""
    renderer = RENDERERS.get(fmt)
    if renderer is None:
        raise InvalidAuditRequest(
            _("Unknown report format “{format}”. Choose one of: {formats}.").format(
                format=fmt[:40], formats=", ".join(FORMATS)
            ),
            field="format",
        )
    tag = parse_language(language)
    with use_language(tag):
        return renderer(report, tag)


__all__ = [
    "FORMATS",
    "MEDIA_TYPES",
    "SCHEMA",
    "SCHEMA_VERSION",
    "render",
    "render_html",
    "render_json",
    "render_junit",
    "report_data",
]
