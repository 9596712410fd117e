"""Training content, quizzes and progress; passing every module opens the simulation stage."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from barrierfree.core.accounts import User
from barrierfree.core.errors import NotFound
from barrierfree.core.i18n import use_language
from barrierfree.core.orgs.models import Organisation, OrgKind
from barrierfree.workforce import recruitment, training
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.models import Programme, Stage


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with use_language("en"):
        yield


def right_answers(module_id: str) -> dict[str, str]:
    return {question.id: str(question.answer) for question in training.module(module_id).quiz}


def test_every_course_text_exists_in_both_languages() -> None:
    modules = [unit for course in training.courses() for unit in course.modules]
    assert {course.id for course in training.courses()} == {"pre-sale", "after-sale"}
    for unit in modules:
        assert set(unit.title) == {"zh-CN", "en"} and set(unit.paragraphs) == {"zh-CN", "en"}
        assert len(unit.paragraphs["zh-CN"]) == len(unit.paragraphs["en"])
        for question in unit.quiz:
            assert 0 <= question.answer < len(question.options)
            assert all(set(option) == {"zh-CN", "en"} for option in question.options)


def test_localized_picks_the_readers_language() -> None:
    title = training.courses()[0].title
    assert training.localized(title) == "Pre-sale knowledge"
    with use_language("zh-CN"):
        assert training.localized(title) == "售前知识"


@given(st.dictionaries(st.sampled_from(["q1", "q2", "q3"]), st.integers(0, 2)))
def test_a_quiz_score_counts_right_answers(answers: dict[str, int]) -> None:
    quiz = training.module("pre-sale-products").quiz
    score, wrong = training.grade(quiz, answers)
    right = sum(answers.get(question.id) == question.answer for question in quiz)
    assert score == 100 * right // len(quiz)
    assert len(wrong) == len(quiz) - right


def test_an_answer_that_is_not_an_option_is_refused_by_question() -> None:
    quiz = training.module("pre-sale-products").quiz
    for bad in ("7", "-1", "two"):
        with pytest.raises(InvalidWorkforceInput) as caught:
            training.parse_answers(quiz, {"q2": bad})
        assert caught.value.field == "q2"
    with pytest.raises(NotFound):
        training.module("no-such-module")


def test_best_score_is_kept_and_all_modules_passed_opens_the_simulation(session: Session) -> None:
    employer = Organisation(name="Cloud Service Co", kind=OrgKind.EMPLOYER)
    trainee = User(username="li", display_name="Li", password_hash="x")
    session.add_all([employer, trainee])
    session.flush()
    session.add(Programme(organisation_id=employer.id))
    application = recruitment.apply(session, trainee, recruitment.ApplicationInput(employer.id, "self"))
    recruitment.move(session, application, Stage.TRAINING)
    modules = [unit.id for course in training.courses() for unit in course.modules]
    first = training.submit_quiz(session, trainee, modules[0], {})
    assert (first.score, first.passed) == (0, False)
    for module_id in modules:
        assert training.submit_quiz(session, trainee, module_id, right_answers(module_id)).passed
        if module_id != modules[-1]:
            assert application.stage is Stage.TRAINING
    training.submit_quiz(session, trainee, modules[0], {})
    standing = {
        status.module.id: status for _c, statuses in training.progress_of(session, trainee.id) for status in statuses
    }
    assert standing[modules[0]].best_score == 100
    assert application.stage is Stage.SIMULATION
