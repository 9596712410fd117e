"""Training: courses of modules (pre-sale and after-sale knowledge), each ending in a quiz, and progress.

Course material is package data (``content/courses.json``) written in zh-CN and English; the reader's language
picks the text. A module is passed when its quiz scores at least the pass mark; a trainee may retake a quiz as
often as they like and the best score counts, because the quiz is for learning, not for selection (the exam is).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from barrierfree.core.accounts import User
from barrierfree.core.clock import utcnow
from barrierfree.core.errors import NotFound
from barrierfree.core.i18n import _, current_language
from barrierfree.workforce import recruitment
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.models import ModuleProgress, Stage

CONTENT_PACKAGE = "barrierfree.workforce.content"
ENGLISH = "en"


def localized(text: dict[str, str]) -> str:
    """The text in the reader's language: zh-CN unless English is asked for (every text has both)."""
    return text[ENGLISH] if current_language().startswith(ENGLISH) else text["zh-CN"]


def load_content(name: str) -> dict[str, Any]:
    """One JSON content file of this package."""
    content: dict[str, Any] = json.loads(resources.files(CONTENT_PACKAGE).joinpath(name).read_text("utf-8"))
    return content


@dataclass(frozen=True)
class Question:
    """A multiple-choice question with one right option."""

    id: str
    text: dict[str, str]
    options: tuple[dict[str, str], ...]
    answer: int
    category: str = ""


@dataclass(frozen=True)
class Module:
    """A unit of a course: reading material and a quiz."""

    id: str
    course_id: str
    title: dict[str, str]
    paragraphs: dict[str, tuple[str, ...]]
    quiz: tuple[Question, ...]


@dataclass(frozen=True)
class Course:
    """A course: its modules in order."""

    id: str
    title: dict[str, str]
    modules: tuple[Module, ...]


@dataclass(frozen=True)
class QuizResult:
    """A graded quiz: the score out of 100, whether it passes, and which questions were wrong."""

    module_id: str
    score: int
    passed: bool
    wrong: tuple[str, ...]


def question_from(raw: dict[str, Any], category: str = "") -> Question:
    """A question from its JSON form."""
    return Question(
        id=raw["id"],
        text=raw["question"],
        options=tuple(raw["options"]),
        answer=int(raw["answer"]),
        category=raw.get("category", category),
    )


@cache
def courses() -> tuple[Course, ...]:
    """Every course, in the order trainees take them."""
    raw = load_content("courses.json")
    return tuple(
        Course(
            id=course["id"],
            title=course["title"],
            modules=tuple(
                Module(
                    id=module["id"],
                    course_id=course["id"],
                    title=module["title"],
                    paragraphs={language: tuple(lines) for language, lines in module["body"].items()},
                    quiz=tuple(question_from(question, course["id"]) for question in module["quiz"]),
                )
                for module in course["modules"]
            ),
        )
        for course in raw["courses"]
    )


@cache
def quiz_pass_mark() -> int:
    """The score out of 100 that passes a module's quiz."""
    return int(load_content("courses.json")["pass_mark"])


def module(module_id: str) -> Module:
    """One module by id, or NotFound."""
    for course in courses():
        for candidate in course.modules:
            if candidate.id == module_id:
                return candidate
    raise NotFound(_("There is no training module {module}.").format(module=module_id))


def grade(questions: tuple[Question, ...], answers: dict[str, int]) -> tuple[int, tuple[str, ...]]:
    """Score out of 100 (rounded down) and the ids of questions answered wrongly or not at all."""
    wrong = tuple(question.id for question in questions if answers.get(question.id) != question.answer)
    right = len(questions) - len(wrong)
    return (100 * right // len(questions) if questions else 0), wrong


def parse_answers(questions: tuple[Question, ...], raw: dict[str, str]) -> dict[str, int]:
    """Chosen option per question from form or JSON values; an option that does not exist is refused by name."""
    answers: dict[str, int] = {}
    for question in questions:
        value = raw.get(question.id)
        if value is None or value == "":
            continue
        try:
            choice = int(value)
        except ValueError:
            choice = -1
        if not 0 <= choice < len(question.options):
            raise InvalidWorkforceInput(
                _("The answer to question {question} is not one of its options.").format(question=question.id),
                field=question.id,
            )
        answers[question.id] = choice
    return answers


def submit_quiz(session: Session, user: User, module_id: str, raw_answers: dict[str, str]) -> QuizResult:
    """Grade a quiz attempt and keep the trainee's best score for the module."""
    unit = module(module_id)
    score, wrong = grade(unit.quiz, parse_answers(unit.quiz, raw_answers))
    passed = score >= quiz_pass_mark()
    progress = session.scalar(
        select(ModuleProgress).where(ModuleProgress.user_id == user.id, ModuleProgress.module_id == module_id)
    )
    if progress is None:
        progress = ModuleProgress(user_id=user.id, course_id=unit.course_id, module_id=module_id, best_score=0)
        session.add(progress)
    progress.attempts = (progress.attempts or 0) + 1
    progress.best_score = max(progress.best_score or 0, score)
    if passed and progress.passed_at is None:
        progress.passed_at = utcnow()
    session.flush()
    if passed and training_complete(session, user.id):
        recruitment.advance(session, user.id, Stage.TRAINING, Stage.SIMULATION)
    return QuizResult(module_id=module_id, score=score, passed=passed, wrong=wrong)


@dataclass(frozen=True)
class ModuleStatus:
    """A module as one trainee stands on it."""

    module: Module
    best_score: int | None
    passed_at: datetime | None


def progress_of(session: Session, user_id: int) -> list[tuple[Course, list[ModuleStatus]]]:
    """Every course with the trainee's standing on each module."""
    rows = {
        row.module_id: row for row in session.scalars(select(ModuleProgress).where(ModuleProgress.user_id == user_id))
    }
    return [
        (
            course,
            [
                ModuleStatus(
                    module=unit,
                    best_score=rows[unit.id].best_score if unit.id in rows else None,
                    passed_at=rows[unit.id].passed_at if unit.id in rows else None,
                )
                for unit in course.modules
            ],
        )
        for course in courses()
    ]


def training_complete(session: Session, user_id: int) -> bool:
    """Whether the trainee has passed every module of every course."""
    return all(
        status.passed_at is not None for _course, statuses in progress_of(session, user_id) for status in statuses
    )
