"""Audit jobs: requesting an audit from the web or API, running it in the background, reading the result."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from barrierfree.audit._browser import BrowserEngine, ChromiumEngine
from barrierfree.audit.checks.registry import default_checks
from barrierfree.audit.errors import AuditNotFound, InvalidAuditRequest
from barrierfree.audit.models import AuditJob, JobStatus
from barrierfree.audit.runner import AuditOptions, AuditReport, run_audit, run_sync, target_url
from barrierfree.audit.safety import TargetPolicy, check_target, request_guard
from barrierfree.audit.serialization import report_from_dict, report_to_dict
from barrierfree.core.accounts.models import User
from barrierfree.core.clock import utcnow
from barrierfree.core.db import Database
from barrierfree.core.errors import Conflict, TooManyAttempts
from barrierfree.core.i18n import _
from barrierfree.core.settings import Settings

MAX_TARGETS = 5
MAX_TARGET_LENGTH = 2000
ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)

EngineFactory = Callable[[TargetPolicy], BrowserEngine]


def policy_from(settings: Settings) -> TargetPolicy:
    """The SSRF policy for web audits: public sites, plus what the operator allowed."""
    return TargetPolicy.from_entries(settings.audit_allowed_hosts.split(","))


def report_path(settings: Settings, job_id: int) -> Path:
    """Where a finished job's report is stored."""
    return settings.data_dir / "audits" / f"{job_id}.json"


def _clean_targets(targets: list[str], policy: TargetPolicy) -> list[str]:
    cleaned = [t.strip() for t in targets if t.strip()]
    if not cleaned:
        raise InvalidAuditRequest(_("Enter at least one address to audit."), field="targets")
    if len(cleaned) > MAX_TARGETS:
        raise InvalidAuditRequest(_("At most {n} addresses per audit.").format(n=MAX_TARGETS), field="targets")
    for target in cleaned:
        if len(target) > MAX_TARGET_LENGTH:
            raise InvalidAuditRequest(
                _("An address may have at most {n} characters.").format(n=MAX_TARGET_LENGTH), field="targets"
            )
        if not target.lower().startswith(("http://", "https://")):
            raise InvalidAuditRequest(_("Only http and https addresses can be audited."), field="targets")
        check_target(target_url(target), policy)
    return cleaned


def request_audit(
    session: Session, user: User, targets: list[str], *, max_pages: int, elder_mode: bool, settings: Settings
) -> AuditJob:
    """Queue an audit of public sites for a logged-in user, within the configured limits."""
    if not 1 <= max_pages <= settings.audit_max_pages:
        raise InvalidAuditRequest(
            _("Pages per audit must be between 1 and {n}.").format(n=settings.audit_max_pages), field="max_pages"
        )
    cleaned = _clean_targets(targets, policy_from(settings))
    active = session.scalar(
        select(func.count()).select_from(AuditJob).where(AuditJob.requested_by == user.id, AuditJob.status.in_(ACTIVE))
    )
    if active:
        raise Conflict(_("You already have an audit waiting or running. Wait for it to finish."))
    today = session.scalar(
        select(func.count())
        .select_from(AuditJob)
        .where(AuditJob.requested_by == user.id, AuditJob.created_at >= utcnow() - timedelta(days=1))
    )
    if (today or 0) >= settings.audit_jobs_per_day:
        raise TooManyAttempts(
            _("You have requested {n} audits in the last 24 hours, the most allowed.").format(
                n=settings.audit_jobs_per_day
            ),
            retry_after=3600,
        )
    job = AuditJob(requested_by=user.id, targets=cleaned, max_pages=max_pages, elder_mode=elder_mode)
    session.add(job)
    session.flush()
    return job


def get_job(session: Session, user: User, job_id: int) -> AuditJob:
    """A job its requester (or a platform administrator) may see."""
    job = session.get(AuditJob, job_id)
    if job is None or (job.requested_by != user.id and not user.is_admin):
        raise AuditNotFound(_("No such audit."))
    return job


def jobs_of(session: Session, user: User, *, limit: int = 50) -> list[AuditJob]:
    """The user's audits, newest first."""
    query = select(AuditJob).where(AuditJob.requested_by == user.id).order_by(AuditJob.id.desc()).limit(limit)
    return list(session.scalars(query))


def load_report(settings: Settings, job: AuditJob) -> AuditReport:
    """The stored report of a finished job."""
    path = report_path(settings, job.id)
    if job.status is not JobStatus.DONE or not path.exists():
        raise AuditNotFound(_("This audit has no report yet."))
    return report_from_dict(json.loads(path.read_text(encoding="utf-8")))


def queued_job_ids(session: Session) -> list[int]:
    """Jobs still waiting to run, oldest first."""
    return list(session.scalars(select(AuditJob.id).where(AuditJob.status == JobStatus.QUEUED).order_by(AuditJob.id)))


def fail_interrupted_jobs(session: Session) -> int:
    """Jobs left running by a stopped server are marked failed; returns how many."""
    result = session.execute(
        update(AuditJob)
        .where(AuditJob.status == JobStatus.RUNNING)
        .values(
            status=JobStatus.FAILED, message="interrupted: the server stopped during the audit", finished_at=utcnow()
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)


def chromium_engine(policy: TargetPolicy) -> BrowserEngine:
    """The real engine, with the SSRF guard on every request the browser makes."""
    return ChromiumEngine(guard=request_guard(policy))


def execute_job(
    database: Database, settings: Settings, job_id: int, engine_factory: EngineFactory = chromium_engine
) -> None:
    """Run one queued job to the end, saving progress as it goes; any failure is recorded on the job."""
    with database.session() as session:
        job = session.get_one(AuditJob, job_id)
        if job.status is not JobStatus.QUEUED:
            return
        job.status, job.started_at = JobStatus.RUNNING, utcnow()
        targets, max_pages, elder_mode = list(job.targets), job.max_pages, job.elder_mode

    def progress(done: int, known: int, _url: str) -> None:
        with database.session() as session:
            session.execute(update(AuditJob).where(AuditJob.id == job_id).values(pages_done=done, pages_known=known))

    options = AuditOptions(max_pages=max_pages, elder_mode=elder_mode, total_seconds=float(settings.audit_max_seconds))
    try:
        report = run_sync(_run(targets, options, engine_factory(policy_from(settings)), progress))
    except Exception as error:  # the job records what went wrong; the worker lives on
        with database.session() as session:
            session.execute(
                update(AuditJob)
                .where(AuditJob.id == job_id)
                .values(status=JobStatus.FAILED, message=str(error)[:500], finished_at=utcnow())
            )
        return
    path = report_path(settings, job_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report_to_dict(report), ensure_ascii=False), encoding="utf-8")
    with database.session() as session:
        session.execute(
            update(AuditJob)
            .where(AuditJob.id == job_id)
            .values(
                status=JobStatus.DONE,
                pages_done=len(report.pages),
                failures=report.failed_count,
                message=report.stopped_early[:500],
                summary={"pages": len(report.pages), "failures": report.failed_count},
                finished_at=utcnow(),
            )
        )


async def _run(
    targets: list[str], options: AuditOptions, engine: BrowserEngine, progress: Callable[[int, int, str], None]
) -> AuditReport:
    async with engine:  # type: ignore[attr-defined]
        return await run_audit(targets, options, engine=engine, checks=default_checks(), progress=progress)
