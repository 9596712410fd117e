"""JSON API of barrier-free routing: plan a route, list, file and withdraw barrier reports."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from barrierfree import routing
from barrierfree.core.accounts import User
from barrierfree.core.i18n import use_language
from barrierfree.routing import services
from barrierfree.routing.models import BarrierKind, BarrierReport, ReportSource
from barrierfree.routing.profiles import SOFTENABLE, Overrides, StepsRule, UnknownData
from barrierfree.web.deps import NO_NUL, RowId, api_user, client_ip, db_session, get_settings
from barrierfree.web.routers.api.v1 import ERRORS

router = APIRouter(prefix="/api/v1/routing", tags=["routing"], responses=ERRORS)
POINT = r"^-?\d{1,3}(\.\d+)?,-?\d{1,3}(\.\d+)?$"


def _point(text: str) -> tuple[float, float]:
    lat, lon = text.split(",")
    return float(lat), float(lon)


@router.get("/route")
def route(
    request: Request,
    session: Session = Depends(db_session, scope="function"),
    origin: str = Query(..., alias="from", pattern=POINT, description="LAT,LON"),
    destination: str = Query(..., alias="to", pattern=POINT, description="LAT,LON"),
    profile: str = Query("foot", max_length=30, pattern=NO_NUL),
    lang: str = Query("zh-CN", pattern=r"^(zh-CN|en)$"),
    max_uphill: float | None = Query(None, ge=0, le=100),
    max_downhill: float | None = Query(None, ge=0, le=100),
    max_kerb_cm: float | None = Query(None, ge=0, le=50),
    min_width_m: float | None = Query(None, ge=0, le=10),
    steps: StepsRule | None = None,
    max_steps: int | None = Query(None, ge=1, le=1000),
    unknown: UnknownData | None = None,
    soft: list[str] = Query([], max_length=len(SOFTENABLE)),
    depart: datetime | None = Query(None, description="Leaving time (ISO 8601); default now."),
) -> dict[str, Any]:
    """A barrier-free route with steps in the chosen language; 404 problem+json with the reason when none exists."""
    overrides = Overrides(
        max_uphill=max_uphill,
        max_downhill=max_downhill,
        max_kerb_cm=max_kerb_cm,
        min_width_m=min_width_m,
        steps=steps,
        max_steps=max_steps,
        unknown=unknown,
        soft=frozenset(soft),
    )
    request_ = routing.RouteRequest(_point(origin), _point(destination), profile, overrides, lang, depart)
    with use_language(lang):
        planned = services.plan_with_reports(session, services.configured_graph(get_settings(request)), request_)
    return planned.document()


class ReportIn(BaseModel):
    """A barrier to report."""

    kind: BarrierKind
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    note: str = Field("", max_length=500)
    source: ReportSource = ReportSource.TRAVELLER
    hours: float | None = Field(None, gt=0, le=2160, description="How long it applies; default by kind.")


class RevokeIn(BaseModel):
    """Why a report is withdrawn."""

    reason: str = Field(min_length=5, max_length=500)


def _report(report: BarrierReport) -> dict[str, Any]:
    return {
        "id": report.id,
        "kind": report.kind.value,
        "source": report.source.value,
        "lat": report.lat,
        "lon": report.lon,
        "note": report.note,
        "created_at": report.created_at.isoformat(),
        "expires_at": report.expires_at.isoformat(),
        "revoked": report.revoked_at is not None,
    }


@router.get("/reports")
def reports(session: Session = Depends(db_session, scope="function")) -> dict[str, Any]:
    """Barrier reports in force now (who filed them is not shown)."""
    return {"reports": [_report(report) for report in services.active_reports(session)]}


@router.post("/reports", status_code=201)
def file_report(
    body: ReportIn,
    request: Request,
    session: Session = Depends(db_session, scope="function"),
    user: User = Depends(api_user),
) -> dict[str, Any]:
    """File a barrier report; it applies to the next route query."""
    lasts = timedelta(hours=body.hours) if body.hours is not None else None
    report = services.report_barrier(
        session,
        user,
        body.kind,
        body.lat,
        body.lon,
        note=body.note,
        source=body.source,
        lasts=lasts,
        ip=client_ip(request),
    )
    return _report(report)


@router.post("/reports/{report_id}/revoke")
def revoke_report(
    report_id: RowId,
    body: RevokeIn,
    request: Request,
    session: Session = Depends(db_session, scope="function"),
    user: User = Depends(api_user),
) -> dict[str, Any]:
    """Withdraw a report (its author or an administrator)."""
    return _report(services.revoke_report(session, user, report_id, body.reason, ip=client_ip(request)))
