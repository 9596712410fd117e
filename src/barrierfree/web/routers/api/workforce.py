"""JSON API for the workforce domain: staffing plans and payroll. Both compute on the data sent and store nothing;
inputs are bounded (5,000,000 characters, 200,000 rows)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from barrierfree.web.routers.api import schemas
from barrierfree.web.routers.api.v1 import ERRORS
from barrierfree.workforce import pay, services
from barrierfree.workforce.contacts import parse_contacts
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
