"""A single background worker that runs queued audit jobs one after another (the browser is heavy)."""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor

from barrierfree.audit.services import EngineFactory, chromium_engine, execute_job
from barrierfree.core.db import Database
from barrierfree.core.settings import Settings

log = logging.getLogger("barrierfree.audit")


class AuditWorker:
    """Runs jobs in one thread; submitting never blocks the request that queued the job.

    With ``BARRIERFREE_AUDIT_WORKER=off`` nothing runs here: jobs wait for ``barrierfree audit-worker``.
    """

    def __init__(self, database: Database, settings: Settings, engine_factory: EngineFactory = chromium_engine) -> None:
        self.database = database
        self.settings = settings
        self.engine_factory = engine_factory
        self.enabled = settings.audit_worker == "thread"
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="audit")

    def submit(self, job_id: int) -> Future[None] | None:
        """Queue a job; the returned future completes when it has run (None when this worker is off)."""
        if not self.enabled:
            return None
        return self._pool.submit(self._run, job_id)

    def _run(self, job_id: int) -> None:
        try:
            execute_job(self.database, self.settings, job_id, self.engine_factory)
        except Exception:
            log.exception("audit job %s could not be run", job_id)

    def shutdown(self) -> None:
        """Stop accepting jobs and wait for the current one."""
        self._pool.shutdown(wait=True, cancel_futures=True)


def run_waiting_jobs(database: Database, settings: Settings, *, poll_seconds: float, once: bool) -> int:
    """Run queued jobs one by one (the ``audit-worker`` command); returns how many ran."""
    import time

    from barrierfree.audit.services import queued_job_ids

    ran = 0
    while True:
        with database.session() as session:
            waiting = queued_job_ids(session)
        for job_id in waiting:
            execute_job(database, settings, job_id)
            ran += 1
        if once:
            return ran
        time.sleep(poll_seconds)
