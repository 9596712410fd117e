"""Practice runs kept between requests: server-measured reply times, extra time, scoring and the exam it opens."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from barrierfree.core.accounts import User
from barrierfree.core.clock import as_utc
from barrierfree.core.errors import Conflict, NotFound
from barrierfree.core.i18n import use_language
from barrierfree.core.orgs.models import Organisation, OrgKind
from barrierfree.workforce import practice, recruitment
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.models import Application, Programme, Stage
from barrierfree.workforce.simulation import ScenarioCustomer
from barrierfree.workforce.transcript import EXTRA_TIME_MULTIPLIER, Transcript

ENGINE = ScenarioCustomer()
GOOD = [
    "Hello, I am so sorry about the broken teapot. We will give you a full refund to your original payment.",
    "Please upload a photo of the damage; the refund arrives within 3 working days and there is no need to "
    "return the teapot. Thank you!",
]


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with use_language("en"):
        yield


def trainee(session: Session, *, needs: tuple[str, ...] = (), stage: Stage = Stage.SIMULATION) -> User:
    employer = Organisation(name="Cloud Service Co", kind=OrgKind.EMPLOYER)
    user = User(username="trainee", display_name="Trainee", password_hash="x")
    session.add_all([employer, user])
    session.flush()
    session.add(Programme(organisation_id=employer.id))
    application = recruitment.apply(
        session, user, recruitment.ApplicationInput(employer.id, "self", needs, bool(needs))
    )
    application.stage = stage
    session.flush()
    return user


def test_a_good_run_passes_measures_time_on_the_server_and_opens_the_exam(session: Session) -> None:
    user = trainee(session)
    run = practice.start(session, user, "refund-damaged-goods", ENGINE, "en")
    moment = as_utc(run.last_turn_at)
    for seconds, text in zip((30, 45), GOOD, strict=True):
        moment += timedelta(seconds=seconds)
        practice.reply(session, user, run.id, text, ENGINE, now=moment)
    replies = Transcript.from_dict(run.transcript).agent_replies
    assert [reply.seconds for reply in replies] == [30.0, 45.0]
    assert run.finished_at is not None and run.score == 100 and run.passed
    assert session.query(Application.stage).scalar() is Stage.EXAM
    with pytest.raises(Conflict):
        practice.reply(session, user, run.id, "Anything else?", ENGINE)


def test_extra_time_comes_from_the_accommodations(session: Session) -> None:
    user = trainee(session, needs=("extra_time",))
    run = practice.start(session, user, "refund-damaged-goods", ENGINE, "en")
    assert Transcript.from_dict(run.transcript).accommodations.time_multiplier == EXTRA_TIME_MULTIPLIER


def test_ending_early_scores_what_was_said_and_a_failed_run_opens_nothing(session: Session) -> None:
    user = trainee(session)
    run = practice.start(session, user, "refund-damaged-goods", ENGINE, "en")
    practice.reply(session, user, run.id, "ok", ENGINE, now=as_utc(run.last_turn_at) + timedelta(seconds=400))
    practice.finish(session, user, run.id, ENGINE)
    assert run.finished_at is not None and not run.passed and (run.score or 0) < 60
    assert session.query(Application.stage).scalar() is Stage.SIMULATION
    shown = practice.view(run)
    assert shown.verdict.total == run.score and shown.verdict.missing


def test_runs_are_private_limited_and_scenarios_must_exist(session: Session) -> None:
    user = trainee(session)
    other = User(username="other", display_name="Other", password_hash="x")
    session.add(other)
    session.flush()
    run = practice.start(session, user, "delivery-delay", ENGINE, "zh-CN")
    with pytest.raises(NotFound):
        practice.get_run(session, other, run.id)
    with pytest.raises(InvalidWorkforceInput) as caught:
        practice.start(session, user, "no-such-case", ENGINE, "en")
    assert caught.value.field == "scenario"
    for _ in range(practice.MAX_OPEN_RUNS - 1):
        practice.start(session, user, "delivery-delay", ENGINE, "en")
    with pytest.raises(Conflict, match="Finish one"):
        practice.start(session, user, "delivery-delay", ENGINE, "en")
