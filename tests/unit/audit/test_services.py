"""Audit jobs: what may be requested, per-user limits, running a job to its stored report."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from barrierfree.audit import services
from barrierfree.audit.errors import AuditNotFound, InvalidAuditRequest, TargetNotAllowed
from barrierfree.audit.models import AuditJob, JobStatus
from barrierfree.core.accounts import User, sign_up
from barrierfree.core.db import Database
from barrierfree.core.errors import Conflict, TooManyAttempts
from barrierfree.core.settings import Settings, load_settings
from tests.unit.audit.conftest import needs_chromium

PUBLIC = "http://8.8.8.8/"


@pytest.fixture
def person(session: Session) -> User:
    user = sign_up(session, username="auditor", password="auditor-passphrase")
    session.commit()
    return user


@pytest.fixture
def loopback_settings(tmp_path: Path, database_url: str) -> Settings:
    return load_settings(database_url=database_url, data_dir=tmp_path, audit_allowed_hosts="127.0.0.0/8")


@pytest.mark.parametrize(
    ("targets", "error"),
    [
        ([], InvalidAuditRequest),
        (["   "], InvalidAuditRequest),
        ([PUBLIC] * 6, InvalidAuditRequest),
        (["http://8.8.8.8/" + "a" * 2001], InvalidAuditRequest),
        (["8.8.8.8"], InvalidAuditRequest),
        (["file:///etc/passwd"], InvalidAuditRequest),
        (["http://127.0.0.1/"], TargetNotAllowed),
        (["http://192.168.0.10/"], TargetNotAllowed),
    ],
)
def test_bad_requests_are_refused_and_nothing_is_stored(
    session: Session, person: User, settings: Settings, targets: list[str], error: type[Exception]
) -> None:
    with pytest.raises(error):
        services.request_audit(session, person, targets, max_pages=1, elder_mode=False, settings=settings)
    assert session.query(AuditJob).count() == 0


@pytest.mark.parametrize("pages", [0, 51])
def test_page_limit_comes_from_the_settings(session: Session, person: User, settings: Settings, pages: int) -> None:
    with pytest.raises(InvalidAuditRequest):
        services.request_audit(session, person, [PUBLIC], max_pages=pages, elder_mode=False, settings=settings)


def test_one_active_job_per_user_and_a_daily_cap(
    session: Session, person: User, tmp_path: Path, database_url: str
) -> None:
    settings = load_settings(database_url=database_url, data_dir=tmp_path, audit_jobs_per_day=2)
    first = services.request_audit(session, person, [PUBLIC], max_pages=1, elder_mode=False, settings=settings)
    with pytest.raises(Conflict):
        services.request_audit(session, person, [PUBLIC], max_pages=1, elder_mode=False, settings=settings)
    first.status = JobStatus.DONE
    services.request_audit(
        session, person, [PUBLIC], max_pages=1, elder_mode=False, settings=settings
    ).status = JobStatus.DONE
    with pytest.raises(TooManyAttempts):
        services.request_audit(session, person, [PUBLIC], max_pages=1, elder_mode=False, settings=settings)


def test_only_the_requester_or_an_admin_sees_a_job(session: Session, person: User, settings: Settings) -> None:
    job = services.request_audit(session, person, [PUBLIC], max_pages=1, elder_mode=False, settings=settings)
    other = sign_up(session, username="someone", password="someone-passphrase")
    admin = sign_up(session, username="root", password="root-passphrase", is_admin=True)
    assert services.get_job(session, person, job.id) is job
    assert services.get_job(session, admin, job.id) is job
    with pytest.raises(AuditNotFound):
        services.get_job(session, other, job.id)


def test_a_job_without_a_report_has_none_to_load(session: Session, person: User, settings: Settings) -> None:
    job = services.request_audit(session, person, [PUBLIC], max_pages=1, elder_mode=False, settings=settings)
    with pytest.raises(AuditNotFound):
        services.load_report(settings, job)


def test_interrupted_jobs_are_failed_and_waiting_ones_listed(
    session: Session, person: User, settings: Settings
) -> None:
    running = AuditJob(requested_by=person.id, targets=[PUBLIC], max_pages=1, status=JobStatus.RUNNING)
    waiting = AuditJob(requested_by=person.id, targets=[PUBLIC], max_pages=1)
    session.add_all([running, waiting])
    session.flush()
    assert services.fail_interrupted_jobs(session) == 1
    session.refresh(running)
    assert running.status is JobStatus.FAILED
    assert services.queued_job_ids(session) == [waiting.id]


@needs_chromium
def test_a_job_runs_to_a_stored_report(
    database: Database, person: User, loopback_settings: Settings, site: str
) -> None:
    with database.session() as session:
        job_id = services.request_audit(
            session, person, [f"{site}/"], max_pages=2, elder_mode=False, settings=loopback_settings
        ).id
    services.execute_job(database, loopback_settings, job_id)
    with database.session() as session:
        job = session.get_one(AuditJob, job_id)
        assert job.status is JobStatus.DONE, job.message
        assert job.pages_done == 2
        report = services.load_report(loopback_settings, job)
    assert {page.url for page in report.pages} >= {f"{site}/"}


@needs_chromium
def test_a_job_that_cannot_run_is_marked_failed(database: Database, person: User, loopback_settings: Settings) -> None:
    with database.session() as session:
        job_id = services.request_audit(
            session, person, ["http://127.0.0.1:9/"], max_pages=1, elder_mode=False, settings=loopback_settings
        ).id

    def broken_engine(_policy: object) -> object:
        raise RuntimeError("no browser today")

    services.execute_job(database, loopback_settings, job_id, broken_engine)  # type: ignore[arg-type]
    with database.session() as session:
        job = session.get_one(AuditJob, job_id)
        assert job.status is JobStatus.FAILED
        assert "no browser today" in job.message
