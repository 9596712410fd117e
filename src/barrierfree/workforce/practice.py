"""Practice runs of the dialogue simulator, kept between requests: start, reply, finish, and the stage it opens.

The server measures how long each reply took (from the customer's last line to the reply's arrival), so the
response-time score reflects the trainee's real pace; a trainee whose accommodations include extra time gets
the simulator's extra-time multiplier. A passed run moves the trainee's applications at the simulation stage on
to the exam.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from barrierfree.core.accounts import User
from barrierfree.core.clock import as_utc, utcnow
from barrierfree.core.errors import Conflict, NotFound
from barrierfree.core.i18n import _
from barrierfree.workforce import recruitment
from barrierfree.workforce.models import Accommodation, SimulationRun, Stage
from barrierfree.workforce.rubric import Score, score
from barrierfree.workforce.scenario import Scenario, get_scenario, shipped_scenarios
from barrierfree.workforce.simulation import CustomerEngine, Session
from barrierfree.workforce.transcript import MAX_REPLY_SECONDS, Accommodations, Transcript

MAX_OPEN_RUNS = 3
"""Practice runs a trainee may have open at once; older ones must be finished first."""
RUN_HISTORY = 20


@cache
def scenarios() -> tuple[Scenario, ...]:
    """The shipped scenarios (parsed once per process)."""
    return shipped_scenarios()


def scenario(scenario_id: str) -> Scenario:
    """One shipped scenario, or an error listing them."""
    for candidate in scenarios():
        if candidate.id == scenario_id:
            return candidate
    return get_scenario(scenario_id)


def _accommodations(session: DbSession, user_id: int) -> Accommodations:
    needs = recruitment.accommodations_in_force(session, user_id)
    return Accommodations.extra_time() if Accommodation.EXTRA_TIME.value in needs else Accommodations()


def _practice(run: SimulationRun, engine: CustomerEngine) -> Session:
    return Session(scenario(run.scenario_id), Transcript.from_dict(run.transcript), engine)


def start(session: DbSession, user: User, scenario_id: str, engine: CustomerEngine, language: str) -> SimulationRun:
    """Open a practice run: the customer says their opening line."""
    chosen = scenario(scenario_id)
    open_runs = session.scalars(
        select(SimulationRun.id).where(SimulationRun.user_id == user.id, SimulationRun.finished_at.is_(None))
    ).all()
    if len(open_runs) >= MAX_OPEN_RUNS:
        raise Conflict(
            _("You have {n} practice conversations open. Finish one before starting another.").format(n=len(open_runs))
        )
    practice = Session.start(chosen, language=language, accommodations=_accommodations(session, user.id), engine=engine)
    now = utcnow()
    run = SimulationRun(
        user_id=user.id,
        scenario_id=chosen.id,
        transcript=practice.transcript.to_dict(),
        started_at=now,
        last_turn_at=now,
    )
    session.add(run)
    session.flush()
    return run


def get_run(session: DbSession, user: User, run_id: int) -> SimulationRun:
    """One of the user's own runs; anyone else's does not exist for them."""
    run = session.get(SimulationRun, run_id)
    if run is None or run.user_id != user.id:
        raise NotFound(_("There is no such practice conversation."))
    return run


def reply(
    session: DbSession, user: User, run_id: int, text: str, engine: CustomerEngine, *, now: datetime | None = None
) -> SimulationRun:
    """Take the trainee's reply; the customer answers; an ended case is scored at once."""
    run = get_run(session, user, run_id)
    if run.finished_at is not None:
        raise Conflict(_("This conversation has ended; start a new one to practise again."))
    moment = now or utcnow()
    seconds = min(max((moment - as_utc(run.last_turn_at)).total_seconds(), 0.0), MAX_REPLY_SECONDS)
    exchange = _practice(run, engine).answer(text, seconds)
    run.transcript = exchange.session.transcript.to_dict()
    run.last_turn_at = moment
    if exchange.session.ended:
        _finish(session, run, exchange.session, moment)
    session.flush()
    return run


def finish(session: DbSession, user: User, run_id: int, engine: CustomerEngine) -> SimulationRun:
    """End a run now and score it as it stands."""
    run = get_run(session, user, run_id)
    if run.finished_at is None:
        _finish(session, run, _practice(run, engine), utcnow())
        session.flush()
    return run


def _finish(session: DbSession, run: SimulationRun, practice: Session, moment: datetime) -> None:
    verdict = practice.finish()
    run.finished_at = moment
    run.score = verdict.total
    run.passed = verdict.passed
    if verdict.passed:
        recruitment.advance(session, run.user_id, Stage.SIMULATION, Stage.EXAM)


@dataclass(frozen=True)
class RunView:
    """What a run page shows: the scenario, the transcript and the rubric's verdict so far."""

    run: SimulationRun
    scenario: Scenario
    transcript: Transcript
    verdict: Score


def view(run: SimulationRun) -> RunView:
    """A run with its scenario and the rubric's verdict (recomputed: feedback is a pure function of the text)."""
    chosen = scenario(run.scenario_id)
    transcript = Transcript.from_dict(run.transcript)
    return RunView(run=run, scenario=chosen, transcript=transcript, verdict=score(chosen, transcript))


def runs_of(session: DbSession, user_id: int) -> list[SimulationRun]:
    """The user's latest runs, newest first."""
    query = (
        select(SimulationRun)
        .where(SimulationRun.user_id == user_id)
        .order_by(SimulationRun.id.desc())
        .limit(RUN_HISTORY)
    )
    return list(session.scalars(query))
