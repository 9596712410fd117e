"""Background smart calls: each call runs in a thread of a small pool, so a ringing phone never holds a request."""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor

from barrierfree.core.db import Database
from barrierfree.relay import calls
from barrierfree.relay.smart_calls import Synthesize, run_call

log = logging.getLogger("barrierfree.relay")
MAX_PARALLEL_CALLS = 4


class CallWorker:
    """Places queued calls; at most four at a time (each mostly waits on the network)."""

    def __init__(self, database: Database, telephony: calls.Telephony, synthesize: Synthesize) -> None:
        self.database = database
        self.telephony = telephony
        self.synthesize = synthesize
        self._pool = ThreadPoolExecutor(max_workers=MAX_PARALLEL_CALLS, thread_name_prefix="smart-calls")

    def submit(self, call_id: int) -> Future[calls.CallResult | None]:
        """Start a queued call; the future completes with its result."""
        return self._pool.submit(self._run, call_id)

    def _run(self, call_id: int) -> calls.CallResult | None:
        try:
            return run_call(self.database, call_id, self.telephony, self.synthesize)
        except Exception:
            log.exception("smart call %s could not be run", call_id)
            return None

    def shutdown(self) -> None:
        """Stop taking calls and wait for those under way."""
        self._pool.shutdown(wait=True, cancel_futures=True)
