"""Several problems of one input raised together (``ProblemList``), and how they read."""

from __future__ import annotations

import pytest

from barrierfree.core.errors import BarrierfreeError, InvalidInput, NotFound, ProblemList


def _refuse(message: str, field: str) -> str:
    raise InvalidInput(message, field=field)


def test_every_failed_check_is_raised_together_in_the_order_found() -> None:
    problems = ProblemList()
    assert problems.check(lambda: "kept") == "kept"
    assert problems.check(lambda: _refuse("Give a name.", "name")) is None
    assert problems.check(lambda: _refuse("Not a position.", "position")) is None

    with pytest.raises(InvalidInput) as raised:
        problems.raise_any()

    assert raised.value.problems() == [("name", "Give a name."), ("position", "Not a position.")]


def test_a_check_that_found_several_problems_adds_each_of_them() -> None:
    inner = ProblemList()
    inner.check(lambda: _refuse("Too long.", "address"))
    inner.check(lambda: _refuse("Blank.", "name"))
    outer = ProblemList()
    outer.check(lambda: _refuse("Choose one.", "category"))
    outer.check(inner.raise_any)

    with pytest.raises(InvalidInput) as raised:
        outer.raise_any()

    assert [field for field, _message in raised.value.problems()] == ["category", "address", "name"]


def test_nothing_is_raised_without_problems_and_other_errors_pass_through() -> None:
    problems = ProblemList()
    problems.check(lambda: 1)
    problems.raise_any()  # no problem: nothing raised

    def crash() -> None:
        raise ValueError("a bug, not a problem with the input")

    with pytest.raises(ValueError):
        problems.check(crash)


def test_a_single_error_is_its_only_problem() -> None:
    error = NotFound("No such place.")
    assert isinstance(error, BarrierfreeError)
    assert error.problems() == [(None, "No such place.")]
