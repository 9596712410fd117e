"""The exam: randomised papers across categories, time limits with accommodations, scoring and certificates."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from barrierfree.core.accounts import User
from barrierfree.core.clock import as_utc
from barrierfree.core.errors import Conflict, NotFound
from barrierfree.core.i18n import use_language
from barrierfree.core.orgs.models import Organisation, OrgKind
from barrierfree.workforce import exam, recruitment
from barrierfree.workforce.models import Programme, Stage


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with use_language("en"):
        yield


def candidate_at_exam(session: Session, username: str = "chen", accommodations: tuple[str, ...] = ()) -> User:
    employer = Organisation(name=f"Employer of {username}", kind=OrgKind.EMPLOYER)
    user = User(username=username, display_name=username.title(), password_hash="x")
    session.add_all([employer, user])
    session.flush()
    session.add(Programme(organisation_id=employer.id))
    data = recruitment.ApplicationInput(employer.id, "self", accommodations, bool(accommodations))
    application = recruitment.apply(session, user, data)
    application.stage = Stage.EXAM
    session.flush()
    return user


@given(st.integers(0, 2**32))
def test_a_paper_has_no_repeats_and_spreads_over_categories(seed: int) -> None:
    size = exam.rules().questions_per_paper
    paper = exam.draw_paper(random.Random(seed), size)
    assert len(paper) == len(set(paper)) == size
    categories = Counter(exam.bank()[qid].category for qid in paper)
    assert len(categories) == len({question.category for question in exam.bank().values()})
    assert max(categories.values()) - min(categories.values()) <= 1 or min(categories.values()) >= 2


def test_extra_time_is_granted_from_the_accommodations(session: Session) -> None:
    plain = exam.start(session, candidate_at_exam(session, "plain"), rng=random.Random(1))
    extra = exam.start(session, candidate_at_exam(session, "extra", ("extra_time",)), rng=random.Random(1))
    assert plain.time_limit_seconds == exam.rules().time_limit_minutes * 60
    assert extra.time_limit_seconds == int(plain.time_limit_seconds * exam.EXTRA_TIME_FACTOR)


def test_a_right_paper_passes_with_a_verifiable_certificate(session: Session) -> None:
    user = candidate_at_exam(session)
    attempt = exam.start(session, user, rng=random.Random(7))
    assert exam.start(session, user) is attempt  # a reload keeps the same paper
    answers = {question.id: str(question.answer) for question, _order in exam.paper(attempt)}
    result = exam.submit(session, user, attempt.id, answers)
    assert (result.score, result.passed, result.late) == (100, True, False)
    assert result.certificate_code is not None
    checked = exam.certificate(session, result.certificate_code.lower())
    assert (checked.holder, checked.score) == ("Chen", 100)
    with pytest.raises(Conflict):
        exam.submit(session, user, attempt.id, answers)
    with pytest.raises(Conflict, match="already passed"):
        exam.start(session, user)


def test_a_late_paper_scores_as_empty_and_a_retake_waits(session: Session) -> None:
    user = candidate_at_exam(session)
    attempt = exam.start(session, user, rng=random.Random(3))
    answers = {question.id: str(question.answer) for question, _order in exam.paper(attempt)}
    too_late = exam.deadline(attempt) + timedelta(seconds=exam.SUBMIT_GRACE_SECONDS + 1)
    result = exam.submit(session, user, attempt.id, answers, now=too_late)
    assert (result.score, result.passed, result.late) == (0, False, True)
    assert as_utc(attempt.submitted_at) == too_late
    with pytest.raises(Conflict, match="new paper from"):
        exam.start(session, user)


def test_within_the_grace_period_answers_count(session: Session) -> None:
    user = candidate_at_exam(session)
    attempt = exam.start(session, user, rng=random.Random(5))
    answers = {question.id: str(question.answer) for question, _order in exam.paper(attempt)}
    just_in = exam.deadline(attempt) + timedelta(seconds=exam.SUBMIT_GRACE_SECONDS)
    assert exam.submit(session, user, attempt.id, answers, now=just_in).score == 100


def test_only_candidates_at_the_exam_stage_sit_it_and_only_their_own_paper(session: Session) -> None:
    user = candidate_at_exam(session)
    stranger = User(username="stranger", display_name="S", password_hash="x")
    session.add(stranger)
    session.flush()
    with pytest.raises(Conflict, match="exam stage"):
        exam.start(session, stranger)
    attempt = exam.start(session, user)
    with pytest.raises(NotFound):
        exam.submit(session, stranger, attempt.id, {})
    with pytest.raises(NotFound):
        exam.certificate(session, "NOPE")
