"""The exam: a question bank, randomised papers, time limits with accommodations, scoring and certificates.

A paper draws questions from every category of the bank in turn (so no paper is all one topic) and shuffles each
question's options. The time limit is the bank's limit, times :data:`EXTRA_TIME_FACTOR` for a candidate whose
accommodations include extra time. Answers are accepted until the limit plus :data:`SUBMIT_GRACE_SECONDS` (for a
slow connection or a screen reader reading the last question); a paper sent later scores only as empty. A failed
candidate may sit a new paper after :data:`RETAKE_WAIT`.
"""

from __future__ import annotations

import random
import secrets
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from barrierfree.core.accounts import User
from barrierfree.core.clock import as_utc, utcnow
from barrierfree.core.errors import Conflict, NotFound
from barrierfree.core.i18n import _
from barrierfree.workforce import recruitment
from barrierfree.workforce.models import Accommodation, Application, ExamAttempt, Stage
from barrierfree.workforce.training import Question, courses, grade, load_content, parse_answers, question_from

EXTRA_TIME_FACTOR = 1.5
SUBMIT_GRACE_SECONDS = 60
RETAKE_WAIT = timedelta(hours=24)
CERTIFICATE_BYTES = 8


@dataclass(frozen=True)
class ExamRules:
    """The bank's paper size, time limit and pass mark."""

    questions_per_paper: int
    time_limit_minutes: int
    pass_mark: int


@cache
def rules() -> ExamRules:
    """The exam's rules from the bank file."""
    raw = load_content("exam.json")
    return ExamRules(int(raw["questions_per_paper"]), int(raw["time_limit_minutes"]), int(raw["pass_mark"]))


@cache
def bank() -> dict[str, Question]:
    """Every exam question by id: the bank's own and every training quiz question."""
    own = [question_from(raw) for raw in load_content("exam.json")["questions"]]
    # Quiz questions join the bank under ids that cannot clash with the bank's own (quiz ids repeat per module).
    from_quizzes = [
        Question(f"{unit.id}-{question.id}", question.text, question.options, question.answer, course.id)
        for course in courses()
        for unit in course.modules
        for question in unit.quiz
    ]
    return {question.id: question for question in [*own, *from_quizzes]}


def draw_paper(rng: random.Random, size: int) -> list[str]:
    """Question ids for one paper: categories taken in turn, each category's questions in random order."""
    by_category: dict[str, list[str]] = defaultdict(list)
    for question in bank().values():
        by_category[question.category].append(question.id)
    pools = [rng.sample(ids, len(ids)) for _category, ids in sorted(by_category.items())]
    rng.shuffle(pools)
    paper: list[str] = []
    while len(paper) < size and any(pools):
        for pool in pools:
            if pool and len(paper) < size:
                paper.append(pool.pop())
    return paper


def time_limit_seconds(accommodations: set[str]) -> int:
    """The time a candidate gets, with extra time when that is one of their accommodations."""
    base = rules().time_limit_minutes * 60
    factor = EXTRA_TIME_FACTOR if Accommodation.EXTRA_TIME.value in accommodations else 1.0
    return int(base * factor)


def deadline(attempt: ExamAttempt) -> datetime:
    """When the candidate's time runs out."""
    return as_utc(attempt.started_at) + timedelta(seconds=attempt.time_limit_seconds)


def open_attempt(session: Session, user_id: int) -> ExamAttempt | None:
    """The candidate's paper in progress, if any."""
    return session.scalar(select(ExamAttempt).where(ExamAttempt.user_id == user_id, ExamAttempt.submitted_at.is_(None)))


def attempts_of(session: Session, user_id: int) -> list[ExamAttempt]:
    """Every paper a candidate sat, newest first."""
    return list(
        session.scalars(select(ExamAttempt).where(ExamAttempt.user_id == user_id).order_by(ExamAttempt.id.desc()))
    )


def _may_sit(session: Session, user: User) -> None:
    at_exam = session.scalar(
        select(Application.id).where(Application.user_id == user.id, Application.stage == Stage.EXAM)
    )
    if at_exam is None:
        raise Conflict(_("The exam opens when your application reaches the exam stage (after the simulation)."))
    last = session.scalar(
        select(ExamAttempt).where(ExamAttempt.user_id == user.id).order_by(ExamAttempt.id.desc()).limit(1)
    )
    if last is not None and last.passed:
        raise Conflict(_("You have already passed the exam."))
    if last is not None and last.submitted_at is not None and as_utc(last.submitted_at) + RETAKE_WAIT > utcnow():
        retake_at = as_utc(last.submitted_at) + RETAKE_WAIT
        raise Conflict(
            _("You can sit a new paper from {time} (UTC).").format(time=retake_at.strftime("%Y-%m-%d %H:%M"))
        )


def start(session: Session, user: User, *, rng: random.Random | None = None) -> ExamAttempt:
    """Start a paper, or return the one in progress (a reload must not draw a new paper)."""
    current = open_attempt(session, user.id)
    if current is not None:
        return current
    _may_sit(session, user)
    chooser = rng or random.SystemRandom()
    question_ids = draw_paper(chooser, rules().questions_per_paper)
    orders = {qid: chooser.sample(range(len(bank()[qid].options)), len(bank()[qid].options)) for qid in question_ids}
    attempt = ExamAttempt(
        user_id=user.id,
        question_ids=question_ids,
        option_orders=orders,
        time_limit_seconds=time_limit_seconds(recruitment.accommodations_in_force(session, user.id)),
        started_at=utcnow(),
        answers={},
    )
    session.add(attempt)
    session.flush()
    return attempt


def paper(attempt: ExamAttempt) -> list[tuple[Question, list[int]]]:
    """The paper's questions, each with the order its options are shown in."""
    return [(bank()[qid], attempt.option_orders[qid]) for qid in attempt.question_ids]


@dataclass(frozen=True)
class ExamResult:
    """A submitted paper's outcome."""

    score: int
    passed: bool
    late: bool
    certificate_code: str | None


def submit(
    session: Session, user: User, attempt_id: int, raw_answers: dict[str, str], *, now: datetime | None = None
) -> ExamResult:
    """Score a paper. Answers are the ids of the options as stored (the shown order does not matter)."""
    attempt = session.get(ExamAttempt, attempt_id)
    if attempt is None or attempt.user_id != user.id:
        raise NotFound(_("There is no such exam paper."))
    if attempt.submitted_at is not None:
        raise Conflict(_("This paper has already been handed in."))
    moment = now or utcnow()
    questions = tuple(bank()[qid] for qid in attempt.question_ids)
    late = moment > deadline(attempt) + timedelta(seconds=SUBMIT_GRACE_SECONDS)
    answers = {} if late else parse_answers(questions, raw_answers)
    score, _wrong = grade(questions, answers)
    attempt.answers = answers
    attempt.submitted_at = moment
    attempt.score = score
    attempt.passed = score >= rules().pass_mark
    if attempt.passed:
        attempt.certificate_code = secrets.token_hex(CERTIFICATE_BYTES).upper()
    outcome = _("Passed: your certificate is ready.") if attempt.passed else _("Not passed yet: you can try again.")
    recruitment.notify(session, user.id, "exam", score=str(score), outcome=outcome)
    session.flush()
    return ExamResult(score=score, passed=bool(attempt.passed), late=late, certificate_code=attempt.certificate_code)


def has_passed(session: Session, user_id: int) -> bool:
    """Whether the candidate holds a pass."""
    return (
        session.scalar(select(ExamAttempt.id).where(ExamAttempt.user_id == user_id, ExamAttempt.passed.is_(True)))
        is not None
    )


@dataclass(frozen=True)
class Certificate:
    """What a certificate check shows: who passed, when and with what score."""

    code: str
    holder: str
    score: int
    passed_at: datetime


def certificate(session: Session, code: str) -> Certificate:
    """Check a certificate code (public: an employer verifies a candidate's certificate without logging in)."""
    cleaned = code.strip().upper()
    attempt = session.scalar(select(ExamAttempt).where(ExamAttempt.certificate_code == cleaned)) if cleaned else None
    if attempt is None or attempt.submitted_at is None or attempt.score is None:
        raise NotFound(_("No certificate has the code {code}.").format(code=cleaned[:40]))
    holder = session.get(User, attempt.user_id)
    return Certificate(
        code=cleaned,
        holder=holder.display_name if holder is not None else "",
        score=attempt.score,
        passed_at=as_utc(attempt.submitted_at),
    )
