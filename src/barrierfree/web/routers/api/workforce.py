"""JSON API for the workforce domain: staffing plans and payroll (computed on the data sent, nothing stored; inputs
bounded to 5,000,000 characters and 200,000 rows), and shift plans (bidding rounds stored, solved in the background,
published to the agents)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session

from barrierfree.core.accounts import User
from barrierfree.core.i18n import _, current_language
from barrierfree.web.deps import RowId, api_user, client_ip, db_session
from barrierfree.web.routers.api import schemas
from barrierfree.web.routers.api.v1 import ERRORS
from barrierfree.workforce import pay, recruitment, services, shift_plans
from barrierfree.workforce.contacts import parse_contacts
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.pay_rules import DEFAULT_PAY_RULES, pay_rules_from_document

router = APIRouter(prefix="/api/v1/workforce", tags=["workforce"], responses=ERRORS)


@router.post("/staffing")
def staffing(body: schemas.WorkforceStaffingIn) -> dict[str, Any]:
    """A day's contacts forecast per 30-minute interval from the history, and the agents to schedule (Erlang C)."""
    targets = services.StaffingTargets(
        body.handle_seconds, body.service_level, body.answer_within, body.shrinkage, body.max_occupancy
    )
    plan = services.staffing_plan(body.history, services.parse_day(body.date), targets, weeks=body.weeks)
    return services.plan_document(plan, targets)


@router.post("/payroll")
def payroll(body: schemas.WorkforcePayrollIn) -> dict[str, Any]:
    """Itemised piece-rate payslips for a period, every line explained, exact to the fen (nothing is stored)."""
    rules = pay_rules_from_document(body.rules) if body.rules is not None else DEFAULT_PAY_RULES
    period = pay.PayPeriod(services.parse_day(body.period_start), services.parse_day(body.period_end))
    slips = pay.payroll(
        period,
        parse_contacts(body.contacts, rules),
        rules,
        equipment_agents=body.equipment_agents,
        apprentices=body.apprentices,
    )
    return {"payslips": [pay.payslip_document(slip) for slip in slips]}


@router.post("/employers/{employer_id}/shift-plans", status_code=202)
def submit_shift_plan(
    employer_id: RowId,
    body: schemas.WorkforceShiftPlanIn,
    request: Request,
    user: User = Depends(api_user),
    session: Session = Depends(db_session, scope="function"),
) -> dict[str, Any]:
    """Queue a bidding round (files checked now, errors name the line); poll GET /shift-plans/{id} until it is
    published or failed. A failed solve leaves the employer's published plan in place."""
    files = shift_plans.PlanFiles(body.agents, body.shifts, body.bids, body.requirement)
    plan = shift_plans.submit_plan(
        session,
        user,
        employer_id,
        body.title,
        files,
        time_limit=body.time_limit_seconds,
        language=current_language(),
        ip=client_ip(request),
    )
    session.commit()
    request.app.state.shift_plan_worker.submit(plan.id)
    return shift_plans.plan_document(plan)


@router.get("/employers")
def list_employers(
    user: User = Depends(api_user), session: Session = Depends(db_session, scope="function")
) -> dict[str, Any]:
    """Employers whose customer-service programme takes applications now."""
    return {"employers": [{"id": org.id, "name": org.name} for org in recruitment.employers(session)]}


@router.put("/employers/{employer_id}/programme")
def set_programme(
    employer_id: RowId,
    body: schemas.WorkforceProgrammeIn,
    request: Request,
    user: User = Depends(api_user),
    session: Session = Depends(db_session, scope="function"),
) -> dict[str, Any]:
    """Open or close the employer's programme to new applications (managers only); sent applications stay."""
    programme = recruitment.set_taking_applications(
        session, user, employer_id, body.taking_applications, ip=client_ip(request)
    )
    return {"organisation_id": programme.organisation_id, "taking_applications": programme.taking_applications}


@router.get("/employers/{employer_id}/shift-plans")
def list_shift_plans(
    employer_id: RowId, user: User = Depends(api_user), session: Session = Depends(db_session, scope="function")
) -> dict[str, Any]:
    """The employer's latest bidding rounds, newest first (managers only)."""
    return {"plans": [shift_plans.plan_document(plan) for plan in shift_plans.plans_of(session, user, employer_id)]}


@router.get("/shift-plans/{plan_id}")
def get_shift_plan(
    plan_id: RowId,
    request: Request,
    agent: str | None = Query(None, max_length=64, description="also return this agent's decisions"),
    user: User = Depends(api_user),
    session: Session = Depends(db_session, scope="function"),
) -> dict[str, Any]:
    """A round's state, figures and named shortfalls; with ``agent``, that agent's grants and reasons too."""
    plan = shift_plans.get_plan(session, user, plan_id, ip=client_ip(request))
    document = shift_plans.plan_document(plan)
    if agent is not None:
        part = shift_plans.agent_part(session, plan, agent)
        if part is None:
            raise InvalidWorkforceInput(
                _("Agent {agent} is not in this plan, or the plan has not been published.").format(agent=agent),
                field="agent",
            )
        document["agent"] = shift_plans.agent_document(part)
    return document


@router.get("/shifts")
def my_shifts(
    user: User = Depends(api_user), session: Session = Depends(db_session, scope="function")
) -> dict[str, Any]:
    """The caller's shifts in every published plan that lists them, with the reason for each bid."""
    return {
        "plans": [
            {"plan": plan.id, "employer": organisation.name, "title": plan.title, **shift_plans.agent_document(part)}
            for plan, organisation, part in shift_plans.my_shifts(session, user)
        ]
    }
