"""``barrierfree audit``: check pages or a whole site against WCAG 2.2, GB/T 37668-2019 and the MIIT rules."""

from __future__ import annotations

import enum
import sys
from pathlib import Path

import typer

from barrierfree.audit import AuditOptions, AuditReport, ChromiumEngine, LoadLimits, default_checks, run_audit
from barrierfree.audit.reports import render
from barrierfree.audit.runner import run_sync
from barrierfree.cli import _context
from barrierfree.cli._errors import reported
from barrierfree.core.i18n import parse_language, use_language

EXIT_VIOLATIONS = 1


class ReportFormat(enum.StrEnum):
    """Report formats."""

    HTML = "html"
    JSON = "json"
    JUNIT = "junit"


def _progress(done: int, known: int, url: str) -> None:
    typer.echo(f"[{done}/{known}] {url}", err=True)


async def _audit(targets: list[str], options: AuditOptions) -> AuditReport:
    async with ChromiumEngine() as engine:
        return await run_audit(targets, options, engine=engine, checks=default_checks(), progress=_progress)


@reported
def audit(
    targets: list[str] = typer.Argument(..., help="URLs (http, https) or local HTML files."),
    crawl: int = typer.Option(1, "--crawl", min=1, max=500, help="Most pages, following links within each site."),
    depth: int = typer.Option(2, "--depth", min=0, max=10, help="How many links deep to crawl."),
    elder_mode: bool = typer.Option(False, "--elder-mode", help="Audit elder mode (MIIT rules: 18 px, 60x60 targets)."),
    report_format: ReportFormat = typer.Option(ReportFormat.HTML, "--format", help="Report format."),
    lang: str = typer.Option(
        "", "--lang", help="Report language: zh-CN or en (default: BARRIERFREE_DEFAULT_LANGUAGE)."
    ),
    out: Path | None = typer.Option(None, "--out", help="Write the report here instead of standard output."),
    timeout: float = typer.Option(20.0, "--timeout", min=1, max=300, help="Seconds to wait for each page."),
    concurrency: int = typer.Option(2, "--concurrency", min=1, max=4, help="Pages audited at the same time."),
    screenshots: bool = typer.Option(True, "--screenshots/--no-screenshots", help="Crop a screenshot per finding."),
) -> None:
    """Audit TARGETS; exit code 1 when any violation is found (for CI), 0 when none."""
    settings = _context.settings()
    language = parse_language(lang) if lang else settings.default_language
    options = AuditOptions(
        max_pages=max(crawl, len(targets)),
        max_depth=depth,
        elder_mode=elder_mode,
        concurrency=concurrency,
        limits=LoadLimits(timeout_seconds=timeout),
        screenshots=screenshots,
    )
    report = run_sync(_audit(targets, options))
    with use_language(language):
        data = render(report, report_format.value, language)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        out.write_bytes(data)
    statuses = sorted({page.status.value for page in report.pages})
    typer.echo(
        f"{len(report.pages)} page(s) audited ({', '.join(statuses)}), {report.failed_count} violation(s)"
        + (f"; report in {out}" if out else ""),
        err=True,
    )
    if report.failed_count:
        raise typer.Exit(EXIT_VIOLATIONS)


@reported
def audit_worker(
    once: bool = typer.Option(False, "--once", help="Run the jobs waiting now, then stop."),
    poll: float = typer.Option(5.0, "--poll", min=0.5, max=3600, help="Seconds between looks for new jobs."),
) -> None:
    """Run audit jobs queued from the web page or API (when BARRIERFREE_AUDIT_WORKER=off)."""
    from barrierfree.audit.jobs import run_waiting_jobs

    settings = _context.settings()
    database = _context.database()
    try:
        ran = run_waiting_jobs(database, settings, poll_seconds=poll, once=once)
    finally:
        database.dispose()
    typer.echo(f"{ran} audit job(s) run", err=True)
