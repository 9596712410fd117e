"""Remote customer-service pages for planners and agents: shift plans (bidding rounds) and each agent's shifts with
the reasons, payroll, and the rostering solver and checker."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from barrierfree.core.accounts import User
from barrierfree.core.errors import BarrierfreeError
from barrierfree.core.i18n import _, current_language
from barrierfree.web.csrf import checked_form
from barrierfree.web.deps import RowId, client_ip, db_session, require_user
from barrierfree.web.routers._workforce_inputs import day_from, upload_text, whole_from
from barrierfree.web.templating import render, render_form_error
from barrierfree.workforce import nrp_check, nrp_instance, nrp_solve, pay, shift_plans
from barrierfree.workforce.contacts import parse_contacts
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.pay_rules import DEFAULT_PAY_RULES
from barrierfree.workforce.shift_plans import PLAN_FILES, PlanFiles

router = APIRouter(prefix="/workforce")

MAX_PAGE_SOLVE_SECONDS = 30
"""A rostering solve on the page holds the request: longer solves belong to ``barrierfree workforce nrp solve``."""
DEFAULT_PAGE_SOLVE_SECONDS = 10


def _plans_context(session: Session, user: User, employer_id: int, values: dict[str, str]) -> dict[str, Any]:
    return {
        "title": _("Shift plans"),
        "employer_id": employer_id,
        "plans": shift_plans.plans_of(session, user, employer_id),
        "form": values,
        "status_label": status_label,
        "limits": (shift_plans.MIN_TIME_LIMIT, shift_plans.MAX_TIME_LIMIT),
    }


def status_label(status: shift_plans.PlanStatus) -> str:
    """A plan's state in the reader's language."""
    labels = {
        shift_plans.PlanStatus.QUEUED: _("Waiting to be solved"),
        shift_plans.PlanStatus.RUNNING: _("Being solved"),
        shift_plans.PlanStatus.PUBLISHED: _("Published"),
        shift_plans.PlanStatus.SUPERSEDED: _("Replaced by a newer plan"),
        shift_plans.PlanStatus.FAILED: _("Failed: the published plan stands"),
    }
    return labels[status]


@router.get("/employers/{employer_id}/shift-plans", response_class=HTMLResponse)
def plans_page(
    request: Request,
    employer_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> HTMLResponse:
    """The employer's bidding rounds and the form to submit a new one."""
    values = {"title": "", "time_limit": str(shift_plans.DEFAULT_TIME_LIMIT)}
    return render(request, "workforce_plans.html", _plans_context(session, user, employer_id, values))


@router.post("/employers/{employer_id}/shift-plans", response_model=None)
async def submit_plan(
    request: Request,
    employer_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> Response:
    """Check the four files and queue the plan; the solve runs in the background."""
    form = await checked_form(request)
    values = {name: str(form.get(name, "")).strip()[:200] for name in ("title", "time_limit")}
    missing = {
        "agents": _("Choose the agents file (CSV)."),
        "shifts": _("Choose the shifts file (CSV)."),
        "bids": _("Choose the bids file (CSV)."),
        "requirement": _("Choose the requirement file (CSV)."),
    }
    try:
        texts = {name: await upload_text(form.get(name), name, missing[name]) for name in PLAN_FILES}
        plan = shift_plans.submit_plan(
            session,
            user,
            employer_id,
            values["title"],
            PlanFiles(**texts),
            time_limit=whole_from(values["time_limit"], "time_limit"),
            language=current_language(),
            ip=client_ip(request),
        )
    except BarrierfreeError as error:
        context = _plans_context(session, user, employer_id, values)
        return render_form_error(request, "workforce_plans.html", context, error)
    session.commit()
    request.app.state.shift_plan_worker.submit(plan.id)
    return RedirectResponse(f"/workforce/shift-plans/{plan.id}", status_code=303)


@router.get("/shift-plans/{plan_id}", response_class=HTMLResponse)
def plan_page(
    request: Request,
    plan_id: RowId,
    agent: str = Query("", max_length=64),
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> HTMLResponse:
    """A plan's state and figures, its named shortfalls, and (with ``agent``) what that agent is shown."""
    plan = shift_plans.get_plan(session, user, plan_id, ip=client_ip(request))
    agent = agent.strip()
    context: dict[str, Any] = {
        "title": _("Shift plan: {title}").format(title=plan.title),
        "plan": plan,
        "status_label": status_label,
        "shortfalls": shift_plans.shortfall_sentences(plan),
        "agent": agent,
        "decisions": None,
        "errors": {},
    }
    finished = plan.status in (shift_plans.PlanStatus.PUBLISHED, shift_plans.PlanStatus.SUPERSEDED)
    if agent:
        part = shift_plans.agent_part(session, plan, agent) if finished else None
        if part is not None:
            context["decisions"] = shift_plans.decisions_of(part)
            context["agent_shortfalls"] = shift_plans.shortfall_sentences(plan, agent)
        else:
            context["errors"] = {"agent": _("There is no agent {agent} in this plan.").format(agent=agent)}
    return render(request, "workforce_plan.html", context, status=422 if context["errors"] else 200)


@router.get("/shifts", response_class=HTMLResponse)
def my_shifts_page(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> HTMLResponse:
    """The agent's own shifts in every published plan, with the reason for each bid."""
    parts = [
        (plan, organisation, shift_plans.decisions_of(part), shift_plans.shortfall_sentences(plan, part.agent))
        for plan, organisation, part in shift_plans.my_shifts(session, user)
    ]
    return render(request, "workforce_shifts.html", {"title": _("Your shifts"), "parts": parts})


PAYROLL_FIELDS = ("period_start", "period_end", "agent")


def _payroll_context(values: dict[str, str]) -> dict[str, Any]:
    return {"title": _("Payroll"), "form": values, "slips": None, "rules": DEFAULT_PAY_RULES}


@router.get("/payroll", response_class=HTMLResponse)
def payroll_form(request: Request) -> HTMLResponse:
    """The payroll calculator: upload the period's contacts, read itemised payslips (nothing is stored)."""
    return render(request, "workforce_payroll.html", _payroll_context(dict.fromkeys(PAYROLL_FIELDS, "")))


@router.post("/payroll", response_class=HTMLResponse)
async def payroll_slips(request: Request) -> HTMLResponse:
    """Itemised payslips for the period, every line explained, exact to the fen."""
    form = await checked_form(request)
    values = {name: str(form.get(name, "")).strip()[:64] for name in PAYROLL_FIELDS}
    context = _payroll_context(values)
    try:
        text = await upload_text(form.get("contacts_file"), "contacts_file", _("Choose the contacts file (CSV)."))
        period = pay.PayPeriod(
            day_from(values["period_start"], "period_start"), day_from(values["period_end"], "period_end")
        )
        slips = pay.payroll(period, parse_contacts(text, DEFAULT_PAY_RULES), DEFAULT_PAY_RULES)
        if values["agent"]:
            slips = [slip for slip in slips if slip.agent_id == values["agent"]]
            if not slips:
                raise InvalidWorkforceInput(
                    _("No payslip for agent {agent} in this period.").format(agent=values["agent"]), field="agent"
                )
    except BarrierfreeError as error:
        return render_form_error(request, "workforce_payroll.html", context, error)
    context["slips"] = slips
    return render(request, "workforce_payroll.html", context)


@contextlib.contextmanager
def errors_on(field: str) -> Iterator[None]:
    """Tie a parser's errors to the form field the file came from."""
    try:
        yield
    except InvalidWorkforceInput as error:
        raise InvalidWorkforceInput(error.message, field=field) from None


def _rostering_context(values: dict[str, str]) -> dict[str, Any]:
    return {
        "title": _("Rostering"),
        "form": values,
        "max_seconds": MAX_PAGE_SOLVE_SECONDS,
        "report": None,
        "result": None,
        "roster_text": None,
    }


@router.get("/rostering", response_class=HTMLResponse)
def rostering_form(request: Request) -> HTMLResponse:
    """Solve a nurse-rostering instance (Curtois-Qu format) or check a roster against it."""
    return render(request, "workforce_rostering.html", _rostering_context({"seconds": str(DEFAULT_PAGE_SOLVE_SECONDS)}))


@router.post("/rostering", response_class=HTMLResponse)
async def rostering(request: Request) -> HTMLResponse:
    """With a roster file, check it; without, solve the instance for the seconds given (at most 30)."""
    form = await checked_form(request)
    values = {"seconds": str(form.get("seconds", "")).strip()[:8]}
    context = _rostering_context(values)
    try:
        text = await upload_text(form.get("instance_file"), "instance_file", _("Choose the instance file (.txt)."))
        with errors_on("instance_file"):
            instance = nrp_instance.read_instance(text, "instance")
        roster_upload = form.get("roster_file")
        if roster_upload is not None and getattr(roster_upload, "filename", None):
            with errors_on("roster_file"):
                roster = nrp_instance.read_roster(await upload_text(roster_upload, "roster_file"), instance)
            context["report"] = nrp_check.check(instance, roster)
        else:
            seconds = whole_from(values["seconds"], "seconds")
            if not 1 <= seconds <= MAX_PAGE_SOLVE_SECONDS:
                raise InvalidWorkforceInput(
                    _("Choose from 1 to {high} seconds; the command line solves for longer.").format(
                        high=MAX_PAGE_SOLVE_SECONDS
                    ),
                    field="seconds",
                )
            # In a worker thread: the solve holds this request, never the server.
            result = await run_in_threadpool(nrp_solve.solve, instance, float(seconds))
            if result.roster is None:
                raise InvalidWorkforceInput(
                    _("No roster was found in {seconds} s; try a longer time.").format(seconds=seconds),
                    field="seconds",
                )
            context["result"] = result
            context["report"] = result.report or nrp_check.check(instance, result.roster)
            context["roster_text"] = nrp_instance.write_roster(result.roster)
    except BarrierfreeError as error:
        return render_form_error(request, "workforce_rostering.html", context, error)
    return render(request, "workforce_rostering.html", context)
