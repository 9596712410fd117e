"""The HTML report: one self-contained, accessible page for people (no script, no outside resources).

Built with :func:`html.escape` only. The page has a ``lang``, one ``h1``, banner/main/contentinfo landmarks, a
heading per audited page, tables with captions and ``th scope``, screenshot crops as ``data:`` images with alt
text saying what they show, and a high-contrast inline style sheet (black on white, 7:1 or more throughout).
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from html import escape

import barrierfree
from barrierfree.audit.checks.chinese.bcp47 import TagStatus, parse_tag
from barrierfree.audit.findings import Finding, Outcome, PageResult, PageStatus
from barrierfree.audit.reports.labels import (
    REPORT_TITLE,
    finding_text,
    gbt_level_label,
    is_untranslated,
    moment,
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
    LevelReadiness,
    Verdict,
    readiness,
    standards_of,
)
from barrierfree.core.i18n import _, current_language

STYLE = """
:root { color: #000; background: #fff; }
body { margin: 0; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
       system-ui, sans-serif; font-size: 1.0625rem; line-height: 1.6; color: #000; background: #fff; }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem; }
header { border-bottom: 4px solid #000; }
footer { border-top: 2px solid #000; }
h1 { font-size: 2rem; line-height: 1.3; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.5rem; line-height: 1.3; margin: 2.5rem 0 0.75rem; border-bottom: 2px solid #000; }
h3 { font-size: 1.2rem; line-height: 1.3; margin: 1.5rem 0 0.5rem; }
a { color: #0b3d91; text-decoration: underline; }
th > a { display: inline-block; min-height: 44px; min-width: 44px; padding: 0.5rem 0; }
a:focus-visible { outline: 3px solid #000; outline-offset: 2px; background: #ffe98a; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; table-layout: auto; }
caption { text-align: left; font-weight: 700; padding: 0.25rem 0; }
th, td { border: 1px solid #000; padding: 0.4rem 0.5rem; text-align: left; vertical-align: top;
         overflow-wrap: break-word; }
thead th { background: #e8e8e8; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.9em; overflow-wrap: anywhere; }
td > .failed, td > .review, td > .ok { white-space: nowrap; }
.snippet { display: block; margin-top: 0.25rem; white-space: pre-wrap; }
.failed { color: #8b0000; font-weight: 700; }
.review { color: #5c3a00; font-weight: 700; }
.ok { color: #0a5a1f; font-weight: 700; }
.note { border-left: 6px solid #000; padding: 0.25rem 0 0.25rem 0.75rem; margin: 1rem 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0 0 1rem; }
dl.facts dt { font-weight: 700; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
img.crop { display: block; max-width: 20rem; height: auto; border: 2px solid #000; }
""".strip()


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _facts(rows: Iterable[tuple[str, str]]) -> str:
    """A definition list; values are already HTML."""
    items = "".join(f"<dt>{_e(term)}</dt><dd>{value}</dd>" for term, value in rows)
    return f'<dl class="facts">{items}</dl>'


def _in_language(text: str, language: str) -> str:
    """Escaped text, marked with its own language when that is known and differs from the report's."""
    tag = parse_tag(language) if language else None
    if tag and tag.status is TagStatus.VALID and tag.language != current_language().split("-")[0].lower():
        return f'<span lang="{_e(language)}">{_e(text)}</span>'
    return _e(text)


def _finding_html(finding: Finding) -> str:
    """A finding's message; English messages without a translation are marked ``lang="en"`` (WCAG 3.1.2)."""
    return _in_language(finding_text(finding), "en" if is_untranslated(finding.summary) else "")


def _column_headers(*labels: str) -> str:
    return "".join(f'<th scope="col">{_e(label)}</th>' for label in labels)


def _verdict_class(verdict: Verdict) -> str:
    return {Verdict.FAILED: "failed", Verdict.NO_FAILURES_FOUND: "ok", Verdict.INCOMPLETE: "review"}[verdict]


def _criteria_list(numbers: tuple[str, ...]) -> str:
    if not numbers:
        return _e(_("none"))
    return ", ".join(f"<code>{_e(number)}</code>" if ":" in number else _e(number) for number in numbers)


def _readiness_table(levels: list[LevelReadiness]) -> str:
    head = _column_headers(_("Level"), _("Result"), _("Criteria with failures"), _("To review"))
    rows = "".join(
        f'<tr><th scope="row">{_e(_(level.title))}</th>'
        f'<td><span class="{_verdict_class(level.verdict)}">{_e(verdict_label(level.verdict))}</span></td>'
        f"<td>{_criteria_list(level.failed)}</td><td>{_criteria_list(level.review)}</td></tr>"
        for level in levels
    )
    caption = _e(_("Readiness per conformance level"))
    return f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _page_heading(page: PageResult) -> str:
    return page.title.strip() or page.url


def _title_language(page: PageResult) -> str:
    return page.language if page.title.strip() else ""


def _pages_table(pages: list[PageResult]) -> str:
    head = _column_headers(_("Page"), _("Status"), _("Failures"), _("To review"))
    rows = []
    for number, page in enumerate(pages, start=1):
        failed = sum(1 for f in page.findings if f.outcome is Outcome.FAILED)
        review = len(page.findings) - failed
        link = f'<a href="#page-{number}">{_in_language(_page_heading(page), _title_language(page))}</a>'
        rows.append(
            f'<tr><th scope="row">{link}</th><td>{_e(status_label(page.status))}</td>'
            f"<td>{failed}</td><td>{review}</td></tr>"
        )
    caption = _e(_("Audited pages"))
    return f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _standards_cell(finding: Finding) -> tuple[str, str]:
    standards = standards_of(finding)
    wcag = "<br>".join(_e(f"{c.number} {_(c.name)} ({c.level.value})") for c in standards.wcag)
    gbt_parts = [_e(f"{i.number} ({gbt_level_label(i.level)})") for i in standards.gbt]
    if standards.without_gbt:
        gbt_parts.append(_e(_("{criteria}: no GB/T counterpart").format(criteria=", ".join(standards.without_gbt))))
    if standards.miit:
        gbt_parts.append(_e(_("MIIT: {topic}").format(topic=_(standards.miit.topic))))
    return wcag or _e("—"), "<br>".join(gbt_parts) or _e("—")


def _crop(finding: Finding, number: int) -> str:
    if not finding.screenshot_png:
        return _e("—")
    data = base64.b64encode(finding.screenshot_png).decode("ascii")
    alt = _("Screenshot of the part of the page with finding {n}: {summary}").format(
        n=number, summary=finding_text(finding)
    )
    return f'<img class="crop" src="data:image/png;base64,{data}" alt="{_e(alt)}">'


def _findings_table(page: PageResult, page_number: int) -> str:
    head = _column_headers(
        _("No."),
        _("Finding"),
        _("Result"),
        _("Rule"),
        _("WCAG 2.2"),
        _("GB/T 37668-2019 and MIIT"),
        _("Element"),
        _("Screenshot"),
    )
    rows = []
    for number, finding in enumerate(page.findings, start=1):
        css = "failed" if finding.outcome is Outcome.FAILED else "review"
        wcag, gbt = _standards_cell(finding)
        element = f"<code>{_e(finding.selector or '—')}</code>"
        if finding.snippet:
            element += f'<code class="snippet">{_e(finding.snippet)}</code>'
        rows.append(
            f'<tr><th scope="row">{number}</th><td>{_finding_html(finding)}</td>'
            f'<td><span class="{css}">{_e(outcome_label(finding.outcome))}</span></td>'
            f"<td><code>{_e(finding.rule)}</code><br>{_e(source_label(finding.source))}</td>"
            f"<td>{wcag}</td><td>{gbt}</td><td>{element}</td><td>{_crop(finding, number)}</td></tr>"
        )
    caption = _e(_("Findings on page {n}").format(n=page_number))
    return f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _page_section(page: PageResult, number: int) -> str:
    heading_id = f"page-{number}"
    failed = sum(1 for f in page.findings if f.outcome is Outcome.FAILED)
    page_label = _("Page {n}:").format(n=number)
    facts = [
        (_("Web address"), f"<code>{_e(page.url)}</code>"),
        (
            _("Status"),
            _e(status_label(page.status)) + (f" ({_in_language(page.message, 'en')})" if page.message else ""),
        ),
        (_("Language of the page"), _e(page.language or "—")),
        (_("Elder mode"), _e(_("on") if page.elder_mode else _("off"))),
        (_("Failures"), str(failed)),
        (_("To review"), str(len(page.findings) - failed)),
    ]
    parts = [
        f'<section aria-labelledby="{heading_id}">',
        f'<h2 id="{heading_id}">{_e(page_label)} {_in_language(_page_heading(page), _title_language(page))}</h2>',
        _facts(facts),
    ]
    if page.findings:
        parts.append(_findings_table(page, number))
    elif page.status is PageStatus.OK:
        none_found = _("No findings on this page.")
        parts.append(f'<p class="ok">{_e(none_found)}</p>')
    parts.append("</section>")
    return "".join(parts)


def render_html(report: AuditReport, language: str) -> bytes:
    """The report as one accessible HTML page; call inside ``use_language(language)``."""
    levels = readiness(report)
    findings = [f for page in report.pages for f in page.findings]
    failed = sum(1 for f in findings if f.outcome is Outcome.FAILED)
    summary = _facts(
        [
            (_("Targets"), "<br>".join(f"<code>{_e(t)}</code>" for t in report.targets) or _e("—")),
            (
                _("Started"),
                f'<time datetime="{_e(report.started_at.isoformat())}">{_e(moment(report.started_at))}</time>',
            ),
            (_("Finished"), _e(moment(report.finished_at))),
            (_("Elder mode"), _e(_("on") if report.options.elder_mode else _("off"))),
            (_("Pages"), str(len(report.pages))),
            (_("Failures"), str(failed)),
            (_("To review"), str(len(findings) - failed)),
        ]
    )
    stopped = f'<p class="note">{_e(report.stopped_early)}</p>' if report.stopped_early else ""
    notes = "".join(
        f'<p class="note">{_e(_(text))}</p>' for text in (AUTOMATION_DISCLAIMER, GBT_DISCLAIMER, MIIT_DISCLAIMER)
    )
    title = _(REPORT_TITLE)
    checker = _("barrierfree accessibility checker")
    headings = (_("Summary"), _("Readiness by standard"), _("Pages"))
    footer = _("WCAG 2.2, {gbt} and the MIIT elderly-friendly rules.").format(gbt=GBT_STANDARD)
    body = [
        "<!doctype html>",
        f'<html lang="{_e(language)}">',
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)} · barrierfree</title><style>{STYLE}</style></head>",
        "<body>",
        f"<header><p>{_e(checker)} {_e(barrierfree.__version__)}</p></header>",
        "<main>",
        f"<h1>{_e(title)}</h1>",
        '<section aria-labelledby="summary">',
        f'<h2 id="summary">{_e(headings[0])}</h2>',
        summary,
        stopped,
        "</section>",
        '<section aria-labelledby="readiness">',
        f'<h2 id="readiness">{_e(headings[1])}</h2>',
        _readiness_table(levels),
        notes,
        "</section>",
    ]
    if report.pages:
        body += [
            '<section aria-labelledby="pages">',
            f'<h2 id="pages">{_e(headings[2])}</h2>',
            _pages_table(report.pages),
            "</section>",
        ]
    body += [_page_section(page, number) for number, page in enumerate(report.pages, start=1)]
    body += [
        "</main>",
        f"<footer><p>{_e(footer)}</p></footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(body).encode("utf-8", errors="replace")
