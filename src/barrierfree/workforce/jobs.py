"""A single background worker that solves queued shift plans one after another (each solve uses both cores)."""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor

from barrierfree.core.db import Database
from barrierfree.workforce.models import PlanStatus
from barrierfree.workforce.shift_plans import Solver, fail_interrupted_plans, queued_plan_ids, run_plan

log = logging.getLogger("barrierfree.workforce")


class ShiftPlanWorker:
    """Runs plans in one thread; submitting never blocks the request that queued the plan."""

    def __init__(self, database: Database, solver: Solver | None = None) -> None:
        self.database = database
        self.solver = solver
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="shift-plans")

    def submit(self, plan_id: int) -> Future[PlanStatus]:
        """Queue a plan; the returned future completes with the plan's final status."""
        return self._pool.submit(self._run, plan_id)

    def recover(self) -> list[int]:
        """On start: fail plans a stopped server left running, and queue the waiting ones again."""
        with self.database.session() as session:
            fail_interrupted_plans(session)
            waiting = queued_plan_ids(session)
        for plan_id in waiting:
            self.submit(plan_id)
        return waiting

    def _run(self, plan_id: int) -> PlanStatus:
        try:
            if self.solver is None:
                return run_plan(self.database, plan_id)
            return run_plan(self.database, plan_id, self.solver)
        except Exception:
            log.exception("shift plan %s could not be run", plan_id)
            return PlanStatus.FAILED

    def shutdown(self) -> None:
        """Stop accepting plans and wait for the current one."""
        self._pool.shutdown(wait=True, cancel_futures=True)
