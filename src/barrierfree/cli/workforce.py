"""``barrierfree workforce``: the remote customer-service workforce: staffing plans and payroll."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import typer

from barrierfree.cli import _context
from barrierfree.cli._errors import reported
from barrierfree.core.i18n import _, current_language
from barrierfree.workforce import (
    bidding_solve,
    nrp_check,
    nrp_instance,
    nrp_solve,
    pay,
    recruitment,
    services,
    shift_plans,
)
from barrierfree.workforce.bidding import parse_problem
from barrierfree.workforce.bidding_explain import schedule_document
from barrierfree.workforce.contacts import MAX_CONTACTS_CHARS, parse_contacts
from barrierfree.workforce.errors import InvalidWorkforceInput, NoRosterFound, WorkforceError
from barrierfree.workforce.models import PlanStatus, ShiftPlan
from barrierfree.workforce.pay import PayPeriod
from barrierfree.workforce.pay_rules import DEFAULT_PAY_RULES, MAX_RULES_CHARS, parse_pay_rules

MAX_HISTORY_BYTES = 40_000_000
"""Largest history or contacts file read (more than the 200,000 rows either parser accepts)."""

app = typer.Typer(
    help="Remote customer-service workforce: staffing plans, shift bidding, rostering, payroll.", no_args_is_help=True
)


def _read_text(source: str, field: str, limit: int = MAX_HISTORY_BYTES) -> str:
    """A file's text (``-`` reads standard input); clear errors for missing, oversized or non-UTF-8 files."""
    if source == "-":
        text = sys.stdin.read(limit + 1)
    else:
        path = Path(source)
        if not path.is_file():
            raise InvalidWorkforceInput(_("No file at {path}.").format(path=path), field=field)
        if path.stat().st_size > limit:
            raise InvalidWorkforceInput(
                _("The file {path} is larger than {limit} bytes.").format(path=path, limit=limit), field=field
            )
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidWorkforceInput(
                _("The file {path} is not UTF-8 text.").format(path=path), field=field
            ) from None
    if len(text) > limit:
        raise InvalidWorkforceInput(_("The input is larger than {limit} bytes.").format(limit=limit), field=field)
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
    plan = services.staffing_plan(_read_text(history, "history"), services.parse_day(date), targets, weeks=weeks)
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


def _apprentice_counts(values: list[str]) -> dict[str, int]:
    """AGENT=COUNT pairs from the command line."""
    counts: dict[str, int] = {}
    for value in values:
        agent, _sep, count = value.partition("=")
        if not agent or not count.isdigit():
            raise InvalidWorkforceInput(
                _("Write apprentices as AGENT=COUNT, such as A0012=2 (got “{value}”).").format(value=value),
                field="apprentices",
            )
        counts[agent] = int(count)
    return counts


@app.command("payroll")
@reported
def payroll(
    contacts: str = typer.Argument(..., help="Contacts CSV (see docs/workforce-pay.md; '-': standard input)."),
    start: str = typer.Option(..., "--from", help="First day of the pay period, such as 2026-11-01."),
    end: str = typer.Option(..., "--to", help="Last day of the pay period (included)."),
    rules: str | None = typer.Option(None, "--rules", help="Pay rules JSON; fields left out keep their defaults."),
    equipment: list[str] = typer.Option([], "--equipment", help="Agent who gets the equipment allowance (repeat)."),
    apprentices: list[str] = typer.Option([], "--apprentices", help="AGENT=COUNT apprentices mentored (repeat)."),
    agent: str | None = typer.Option(None, "--agent", help="Only this agent's payslip."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """Itemised piece-rate payslips for a period: every line explained, exact to the fen."""
    pay_rules = parse_pay_rules(_read_text(rules, "rules", MAX_RULES_CHARS)) if rules else DEFAULT_PAY_RULES
    records = parse_contacts(_read_text(contacts, "contacts", MAX_CONTACTS_CHARS), pay_rules)
    period = PayPeriod(services.parse_day(start), services.parse_day(end))
    slips = pay.payroll(
        period, records, pay_rules, equipment_agents=equipment, apprentices=_apprentice_counts(apprentices)
    )
    if agent is not None:
        slips = [slip for slip in slips if slip.agent_id == agent]
        if not slips:
            raise InvalidWorkforceInput(
                _("No payslip for agent {agent} in this period.").format(agent=agent), field="agent"
            )
    if as_json:
        typer.echo(
            json.dumps({"payslips": [pay.payslip_document(slip) for slip in slips]}, ensure_ascii=False, indent=2)
        )
        return
    for slip in slips:
        typer.echo(_("Payslip of {agent}, {start} to {end}").format(agent=slip.agent_id, start=start, end=end))
        for line in slip.lines:
            typer.echo(f"  {line.amount:>10}  {line.explanation}")
        typer.echo(_("  Total: ¥{total}").format(total=slip.total))


def _write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` only once the new content is fully written (a failed run leaves the old file intact)."""
    temporary = path.with_name(f".{path.name}.partial")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


@app.command("bid-allocate")
@reported
def bid_allocate(
    agents: str = typer.Option(
        ..., "--agents", help="agents CSV: agent,protected,base,tier,max_day,max_week,availability"
    ),
    shifts: str = typer.Option(..., "--shifts", help="shifts CSV: shift,start,end,seats"),
    bids: str = typer.Option(..., "--bids", help="bids CSV: agent,shift"),
    requirement: str = typer.Option(..., "--requirement", help="requirement CSV: start,agents per 30 minutes"),
    time_limit: float = typer.Option(bidding_solve.DEFAULT_TIME_LIMIT, "--time-limit", help="Seconds for the solve."),
    out: Path | None = typer.Option(
        None, "--out", help="Publish the schedule here (JSON); kept as is if the solve fails."
    ),
    agent: str | None = typer.Option(None, "--agent", help="Show only this agent's shifts and the reasons."),
    employer: int | None = typer.Option(
        None,
        "--employer",
        help="Publish on the platform for this employer (id): its agents see it at /workforce/shifts.",
    ),
    title: str = typer.Option("", "--title", help="The plan's title on the platform (with --employer)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """Allocate bid shifts: protected minimums, coverage, fairness; every bid's decision explained."""
    texts = {
        "agents": _read_text(agents, "agents"),
        "shifts": _read_text(shifts, "shifts"),
        "bids": _read_text(bids, "bids"),
        "requirement": _read_text(requirement, "requirement"),
    }
    if employer is not None:
        _publish_on_platform(employer, title, texts, time_limit, as_json)
        return
    problem = parse_problem(texts["agents"], texts["shifts"], texts["bids"], texts["requirement"])
    if agent is not None and agent not in problem.agents:
        raise InvalidWorkforceInput(
            _("There is no agent {agent} in the agents file.").format(agent=agent), field="agent"
        )
    typer.echo(
        _(
            "Allocating {bids} bids of {agents} agents on {shifts} shifts, week by week, for up to {seconds:g} s."
        ).format(bids=len(problem.bids), agents=len(problem.agents), shifts=len(problem.shifts), seconds=time_limit),
        err=True,
    )
    allocation = bidding_solve.allocate(problem, time_limit=time_limit)
    if out is not None:
        _write_atomically(out, json.dumps(schedule_document(problem, allocation), ensure_ascii=False, indent=1))
    document = schedule_document(problem, allocation, agent)
    if as_json:
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    share = (
        document["coverage"]["covered"] / document["coverage"]["required"] if document["coverage"]["required"] else 1
    )
    typer.echo(
        _(
            "Protected minimums met: {met}. Demand covered: {share:.2%}. Gini of granted shifts: {gini}. {seconds} s."
        ).format(
            met=_("yes") if document["protected_met"] else _("no"),
            share=share,
            gini=document["gini"],
            seconds=document["seconds"],
        )
    )
    for shortfall in document["shortfalls"]:
        typer.echo(f"  {shortfall['sentence']}")
    if agent is not None:
        for decision in document["decisions"]:
            mark = _("granted") if decision["granted"] else _("not granted")
            reasons = " ".join(reason["sentence"] for reason in decision["reasons"])
            typer.echo(f"  {decision['shift']}: {mark}. {reasons}")


def _publish_on_platform(employer: int, title: str, texts: dict[str, str], time_limit: float, as_json: bool) -> None:
    """Store the round for the employer, solve it now and publish it; a failed solve keeps the published plan."""
    database = _context.database()
    with database.session() as session:
        plan = shift_plans.submit_as_operator(
            session,
            employer,
            title,
            shift_plans.PlanFiles(**texts),
            time_limit=round(time_limit),
            language=current_language(),
        )
        plan_id = plan.id
    typer.echo(
        _("Plan {plan} stored; solving for up to {seconds:g} s.").format(plan=plan_id, seconds=time_limit), err=True
    )
    status = shift_plans.run_plan(database, plan_id)
    with database.session() as session:
        stored = session.get(ShiftPlan, plan_id)
        assert stored is not None
        document = shift_plans.plan_document(stored)
    if as_json:
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    if status is not PlanStatus.PUBLISHED:
        raise WorkforceError(
            _("The solve failed and nothing was published; the plan published before stands: {reason}").format(
                reason=document["error"]
            )
        )
    if not as_json:
        typer.echo(_("Plan {plan} published: agents see their shifts at /workforce/shifts.").format(plan=plan_id))


@app.command("programme")
@reported
def programme(
    employer: int = typer.Argument(..., help="The employer's organisation id."),
    taking: bool = typer.Option(
        ..., "--open/--close", help="Take applications (applicants see the employer) or stop taking them."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """Open or close an employer's customer-service programme to new applications."""
    with _context.database().session() as session:
        recruitment.set_taking_applications_as_operator(session, employer, taking)
    if as_json:
        typer.echo(json.dumps({"organisation_id": employer, "taking_applications": taking}))
    elif taking:
        typer.echo(_("Employer {employer} takes applications: applicants can choose it.").format(employer=employer))
    else:
        typer.echo(
            _("Employer {employer} takes no new applications; those already sent stay as they are.").format(
                employer=employer
            )
        )


nrp_app = typer.Typer(help="Nurse-rostering benchmark (Curtois-Qu format): check a roster, solve an instance.")
app.add_typer(nrp_app, name="nrp")


def _check_document(report: nrp_check.CheckReport) -> dict[str, object]:
    objective = report.objective
    return {
        "feasible": report.feasible,
        "objective": objective.total,
        "breakdown": {
            "on_requests": objective.on_requests,
            "off_requests": objective.off_requests,
            "under_cover": objective.under_cover,
            "over_cover": objective.over_cover,
        },
        "violations": [violation.describe() for violation in report.violations],
    }


def _print_check(report: nrp_check.CheckReport) -> None:
    objective = report.objective
    typer.echo(
        _("Objective {total}: on-requests {on}, off-requests {off}, under-cover {under}, over-cover {over}.").format(
            total=objective.total,
            on=objective.on_requests,
            off=objective.off_requests,
            under=objective.under_cover,
            over=objective.over_cover,
        )
    )
    for violation in report.violations:
        typer.echo(f"  {violation.describe()}")


@nrp_app.command("check")
@reported
def nrp_check_command(
    instance: Path = typer.Argument(..., help="Instance in the Curtois-Qu text format (InstanceN.txt)."),
    roster: str = typer.Argument(
        ..., help="Roster: one line per employee, its ID then a shift or - per day ('-': stdin)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """Check a roster against every hard rule and compute its objective (exit 1 when a hard rule is broken)."""
    problem = nrp_instance.read_instance(
        _read_text(str(instance), "instance", nrp_instance.MAX_TEXT_CHARS), instance.stem
    )
    report = nrp_check.check(
        problem, nrp_instance.read_roster(_read_text(roster, "roster", nrp_instance.MAX_TEXT_CHARS), problem)
    )
    if as_json:
        typer.echo(json.dumps(_check_document(report), ensure_ascii=False, indent=2))
    else:
        _print_check(report)
        typer.echo(
            _("Feasible: every hard rule holds.") if report.feasible else _("Infeasible: hard rules are broken.")
        )
    if not report.feasible:
        raise typer.Exit(1)


@nrp_app.command("solve")
@reported
def nrp_solve_command(
    instance: Path = typer.Argument(..., help="Instance in the Curtois-Qu text format (InstanceN.txt)."),
    time_limit: float = typer.Option(60.0, "--time-limit", help="Seconds for the search."),
    workers: int = typer.Option(nrp_solve.DEFAULT_WORKERS, "--workers", help="CP-SAT workers (one per core)."),
    out: Path | None = typer.Option(None, "--out", help="Write the roster here (only when one is found)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """Search for the best roster within the time limit; it is checked independently before it is returned."""
    problem = nrp_instance.read_instance(
        _read_text(str(instance), "instance", nrp_instance.MAX_TEXT_CHARS), instance.stem
    )

    def progress(objective: int, seconds: float) -> None:
        typer.echo(_("{seconds:.1f} s: objective {objective}").format(seconds=seconds, objective=objective), err=True)

    result = nrp_solve.solve(problem, time_limit, workers=workers, on_progress=progress)
    if result.roster is None or result.report is None:
        raise NoRosterFound(
            _("No feasible roster was found in {seconds:g} s; try a longer --time-limit.").format(seconds=time_limit)
        )
    if out is not None:
        _write_atomically(out, nrp_instance.write_roster(result.roster))
    if as_json:
        document: dict[str, object] = {"status": result.status.value, "seconds": round(result.seconds, 1)}
        document["bound"] = result.bound
        document |= _check_document(result.report)
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    typer.echo(_("Status: {status}, {seconds:.1f} s.").format(status=result.status.value, seconds=result.seconds))
    _print_check(result.report)
    if out is None:
        typer.echo(nrp_instance.write_roster(result.roster), nl=False)
