"""``barrierfree workforce``: the remote customer-service workforce (so far: staffing plans)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from barrierfree.cli._errors import reported
from barrierfree.core.i18n import _
from barrierfree.workforce import services
from barrierfree.workforce.errors import InvalidWorkforceInput

MAX_HISTORY_BYTES = 20_000_000
"""Largest history file read (about 400,000 rows of CSV)."""

app = typer.Typer(help="Remote customer-service workforce: staffing plans.", no_args_is_help=True)


def _history_text(history: str) -> str:
    """The history file's text (``-`` reads standard input); clear errors for missing or oversized files."""
    if history == "-":
        text = sys.stdin.read(MAX_HISTORY_BYTES + 1)
    else:
        path = Path(history)
        if not path.is_file():
            raise InvalidWorkforceInput(_("No history file at {path}.").format(path=path), field="history")
        if path.stat().st_size > MAX_HISTORY_BYTES:
            raise InvalidWorkforceInput(
                _("The history file is larger than {limit} bytes.").format(limit=MAX_HISTORY_BYTES), field="history"
            )
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidWorkforceInput(_("The history file is not UTF-8 text."), field="history") from None
    if len(text) > MAX_HISTORY_BYTES:
        raise InvalidWorkforceInput(
            _("The history is larger than {limit} bytes.").format(limit=MAX_HISTORY_BYTES), field="history"
        )
    return text


@app.command("staffing")
@reported
def staffing(
    history: str = typer.Argument(..., help="CSV of start,volume per 30-minute interval ('-': standard input)."),
    date: str = typer.Option(..., "--date", help="The day to plan, such as 2026-12-01."),
    handle_seconds: float = typer.Option(
        services.DEFAULT_HANDLE_SECONDS, "--handle-seconds", help="Average handling time."
    ),
    service_level: float = typer.Option(
        services.DEFAULT_SERVICE_LEVEL, "--service-level", help="Share answered in time."
    ),
    answer_within: float = typer.Option(
        services.DEFAULT_ANSWER_WITHIN, "--answer-within", help="Target answer time, s."
    ),
    shrinkage: float = typer.Option(services.DEFAULT_SHRINKAGE, "--shrinkage", help="Share of paid time off contacts."),
    max_occupancy: float = typer.Option(services.DEFAULT_MAX_OCCUPANCY, "--max-occupancy", help="Highest occupancy."),
    weeks: int = typer.Option(4, "--weeks", help="Past weeks the forecast averages."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Forecast a day's contacts per 30-minute interval and the agents to schedule (Erlang C, shrinkage)."""
    targets = services.StaffingTargets(handle_seconds, service_level, answer_within, shrinkage, max_occupancy)
    plan = services.staffing_plan(_history_text(history), services.parse_day(date), targets, weeks=weeks)
    document = services.plan_document(plan, targets)
    if as_json:
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    typer.echo(_("start  contacts  agents  scheduled  service level  occupancy"))
    for row in document["intervals"]:
        if row["forecast_contacts"] == 0:
            continue
        typer.echo(
            f"{row['start'][11:16]}  {row['forecast_contacts']:8.1f}  {row['agents']:6d}  {row['scheduled']:9d}"
            f"  {row['service_level']:13.1%}  {row['occupancy']:9.1%}"
        )
    typer.echo(_("Scheduled agent-hours: {hours:g}").format(hours=document["scheduled_agent_hours"]))
