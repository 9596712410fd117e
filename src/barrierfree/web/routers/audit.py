"""Accessibility audits: request one for public sites, follow its progress, read the report."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from barrierfree.audit import services
from barrierfree.audit.errors import InvalidAuditRequest
from barrierfree.audit.models import JobStatus
from barrierfree.audit.reports import render as render_report
from barrierfree.core.accounts import User
from barrierfree.core.errors import BarrierfreeError
from barrierfree.core.i18n import _, parse_language
from barrierfree.core.settings import Settings
from barrierfree.web.csrf import checked_form
from barrierfree.web.deps import RowId, db_session, get_settings, require_user
from barrierfree.web.templating import render, render_form_error

router = APIRouter(prefix="/audit")

REPORT_TYPES = {"html": "text/html; charset=utf-8", "json": "application/json", "junit": "application/xml"}


def _form_context(session: Session, user: User, settings: Settings) -> dict[str, object]:
    return {
        "title": _("Accessibility checker"),
        "jobs": services.jobs_of(session, user),
        "max_pages": settings.audit_max_pages,
        "max_targets": services.MAX_TARGETS,
    }


@router.get("", response_class=HTMLResponse)
def audit_home(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> HTMLResponse:
    """The request form and the user's audits."""
    return render(request, "audit.html", _form_context(session, user, get_settings(request)))


@router.post("", response_model=None)
async def request_audit(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> Response:
    """Queue an audit and show its progress page."""
    settings = get_settings(request)
    form = await checked_form(request)
    targets = str(form.get("targets", "")).splitlines()
    pages = str(form.get("max_pages", "1")).strip()
    values = {"targets": str(form.get("targets", ""))[:11000], "max_pages": pages[:4]}
    context = {**_form_context(session, user, settings), "form": values}
    try:
        if not (pages.isascii() and pages.isdigit()):
            raise InvalidAuditRequest(_("Enter the number of pages as digits."), field="max_pages")
        job = services.request_audit(
            session, user, targets, max_pages=int(pages), elder_mode=form.get("elder_mode") == "1", settings=settings
        )
    except BarrierfreeError as error:
        return render_form_error(request, "audit.html", context, error)
    session.commit()
    request.app.state.audit_worker.submit(job.id)
    return RedirectResponse(f"/audit/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(
    request: Request,
    job_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> HTMLResponse:
    """Progress while the audit runs; the summary and report links when it is done."""
    job = services.get_job(session, user, job_id)
    report = None
    if job.status is JobStatus.DONE:
        report = services.load_report(get_settings(request), job)
    return render(request, "audit_job.html", {"title": _("Audit {n}").format(n=job.id), "job": job, "report": report})


@router.get("/jobs/{job_id}/report.{kind}")
def job_report(
    request: Request,
    job_id: RowId,
    kind: str,
    lang: str = "",
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> Response:
    """The report as a self-contained HTML page, JSON or JUnit XML, in zh-CN or English."""
    if kind not in REPORT_TYPES:
        raise InvalidAuditRequest(_("Reports come as html, json or junit."), field="kind")
    language = parse_language(lang) if lang else request.state.prefs.language
    job = services.get_job(session, user, job_id)
    report = services.load_report(get_settings(request), job)
    return Response(render_report(report, kind, language), media_type=REPORT_TYPES[kind])
