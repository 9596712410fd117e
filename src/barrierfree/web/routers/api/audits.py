"""JSON API for accessibility audits: request one, follow it, fetch its report."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.orm import Session

from barrierfree.audit import services
from barrierfree.audit.models import AuditJob
from barrierfree.audit.reports import render as render_report
from barrierfree.core.accounts import User
from barrierfree.core.i18n import parse_language
from barrierfree.web.deps import RowId, api_user, db_session, get_settings
from barrierfree.web.routers.api import schemas
from barrierfree.web.routers.api.v1 import ERRORS
from barrierfree.web.routers.audit import REPORT_TYPES

router = APIRouter(prefix="/api/v1/audits", tags=["audits"], responses=ERRORS)


def _out(job: AuditJob) -> schemas.AuditJobOut:
    return schemas.AuditJobOut(
        id=job.id,
        status=job.status.value,
        targets=list(job.targets),
        max_pages=job.max_pages,
        elder_mode=job.elder_mode,
        pages_done=job.pages_done,
        pages_known=job.pages_known,
        failures=job.failures,
        message=job.message,
        created_at=job.created_at,
        finished_at=job.finished_at,
    )


@router.post("", status_code=202)
def request_audit(
    body: schemas.AuditRequestIn,
    request: Request,
    user: User = Depends(api_user),
    session: Session = Depends(db_session, scope="function"),
) -> schemas.AuditJobOut:
    """Queue an audit of public sites; poll GET /api/v1/audits/{id} until its status is done or failed."""
    job = services.request_audit(
        session,
        user,
        body.targets,
        max_pages=body.max_pages,
        elder_mode=body.elder_mode,
        settings=get_settings(request),
    )
    session.commit()
    request.app.state.audit_worker.submit(job.id)
    return _out(job)


@router.get("")
def list_audits(
    user: User = Depends(api_user), session: Session = Depends(db_session, scope="function")
) -> list[schemas.AuditJobOut]:
    """The caller's audits, newest first."""
    return [_out(job) for job in services.jobs_of(session, user)]


@router.get("/{job_id}")
def get_audit(
    job_id: RowId, user: User = Depends(api_user), session: Session = Depends(db_session, scope="function")
) -> schemas.AuditJobOut:
    """One audit's status and progress."""
    return _out(services.get_job(session, user, job_id))


@router.get("/{job_id}/report", responses={200: {"content": {t: {} for t in REPORT_TYPES.values()}}})
def get_report(
    job_id: RowId,
    request: Request,
    report_format: str = Query("json", alias="format", pattern="^(json|html|junit)$"),
    lang: str = Query("zh-CN", max_length=10),
    user: User = Depends(api_user),
    session: Session = Depends(db_session, scope="function"),
) -> Any:
    """The finished report as JSON, a self-contained HTML page or JUnit XML, in zh-CN or English."""
    job = services.get_job(session, user, job_id)
    report = services.load_report(get_settings(request), job)
    return Response(render_report(report, report_format, parse_language(lang)), media_type=REPORT_TYPES[report_format])
