"""JSON API for the workforce domain: staffing plans. Open to everyone: nothing is stored, and the history is
bounded (5,000,000 characters, 200,000 rows)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from barrierfree.web.routers.api import schemas
from barrierfree.web.routers.api.v1 import ERRORS
from barrierfree.workforce import services

router = APIRouter(prefix="/api/v1/workforce", tags=["workforce"], responses=ERRORS)


@router.post("/staffing")
def staffing(body: schemas.WorkforceStaffingIn) -> dict[str, Any]:
    """A day's contacts forecast per 30-minute interval from the history, and the agents to schedule (Erlang C)."""
    targets = services.StaffingTargets(
        body.handle_seconds, body.service_level, body.answer_within, body.shrinkage, body.max_occupancy
    )
    plan = services.staffing_plan(body.history, services.parse_day(body.date), targets, weeks=body.weeks)
    return services.plan_document(plan, targets)
