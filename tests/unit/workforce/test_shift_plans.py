"""Shift plans as stored: checked on submit, solved and published, a failed solve never replaces a published plan,
each agent reads their own decisions in their own language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from barrierfree.core.accounts import User
from barrierfree.core.audit import AuditEntry
from barrierfree.core.db import Database
from barrierfree.core.errors import NotFound, PermissionDenied
from barrierfree.core.i18n import use_language
from barrierfree.core.orgs.models import Membership, Organisation, OrgKind, OrgRole
from barrierfree.workforce import shift_plans
from barrierfree.workforce.bidding import BiddingProblem
from barrierfree.workforce.bidding_solve import Allocation, BiddingUnsolved, allocate
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.jobs import ShiftPlanWorker
from barrierfree.workforce.models import PlanStatus, ShiftPlan, ShiftPlanAgent
from tests.workforce_data import bidding_files


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with use_language("en"):
        yield


@pytest.fixture
def people(session: Session) -> dict[str, User]:
    employer = Organisation(name="Cloud Service Co", kind=OrgKind.EMPLOYER)
    session.add(employer)
    users = {name: User(username=name, display_name=name.title(), password_hash="x") for name in ("boss", "li.ming")}
    session.add_all(users.values())
    session.flush()
    session.add(Membership(organisation_id=employer.id, user_id=users["boss"].id, role=OrgRole.MANAGER))
    session.commit()
    users["employer"] = employer  # type: ignore[assignment]
    return users


def _submit(session: Session, people: dict[str, User], files: dict[str, str] | None = None, **kwargs: object) -> int:
    plan = shift_plans.submit_plan(
        session,
        people["boss"],
        people["employer"].id,
        "December, week 1",
        shift_plans.PlanFiles(**(files or bidding_files())),
        time_limit=10,
        language="en",
        **kwargs,  # type: ignore[arg-type]
    )
    session.commit()
    return plan.id


def _quick(problem: BiddingProblem, seconds: float) -> Allocation:
    return allocate(problem, time_limit=min(seconds, 5.0))


def _failing(problem: BiddingProblem, seconds: float) -> Allocation:
    raise BiddingUnsolved("no allocation in time: the published schedule stands")


def test_a_submitted_plan_is_solved_published_and_each_agent_reads_their_reasons(
    session: Session, database: Database, people: dict[str, User]
) -> None:
    plan_id = _submit(session, people)

    assert shift_plans.run_plan(database, plan_id, _quick) is PlanStatus.PUBLISHED

    session.expire_all()
    plan = shift_plans.get_plan(session, people["boss"], plan_id)
    assert plan.summary["protected_met"] is True and plan.summary["agents"] == 2
    part = shift_plans.agent_part(session, plan, "li.ming")
    assert part is not None and sorted(part.grants) == ["mon-day", "tue-day"]
    decisions = shift_plans.decisions_of(part)
    assert [decision.shift for decision in decisions] == ["mon-day", "tue-day"]
    assert "protected minimum" in decisions[0].sentences[0]
    emma = shift_plans.agent_part(session, plan, "emma")
    assert emma is not None
    refused = [decision for decision in shift_plans.decisions_of(emma) if not decision.granted]
    assert [decision.shift for decision in refused] == ["mon-day"] and "seats are taken" in refused[0].sentences[0]
    with use_language("zh-CN"):
        assert shift_plans.decisions_of(part)[0].sentences[0] != decisions[0].sentences[0]
    mine = shift_plans.my_shifts(session, people["li.ming"])
    assert [(found.id, row.agent) for found, _org, row in mine] == [(plan_id, "li.ming")]


def test_a_failed_solve_keeps_the_published_plan_and_says_why(
    session: Session, database: Database, people: dict[str, User]
) -> None:
    first = _submit(session, people)
    shift_plans.run_plan(database, first, _quick)
    second = _submit(session, people)

    assert shift_plans.run_plan(database, second, _failing) is PlanStatus.FAILED

    session.expire_all()
    assert session.get(ShiftPlan, first).status is PlanStatus.PUBLISHED  # type: ignore[union-attr]
    failed = session.get(ShiftPlan, second)
    assert failed is not None and "published schedule stands" in (failed.error or "")
    assert session.scalar(select(func.count()).select_from(ShiftPlanAgent).where(ShiftPlanAgent.plan_id == second)) == 0
    assert [plan.id for plan, _org, _row in shift_plans.my_shifts(session, people["li.ming"])] == [first]


def test_a_newer_published_plan_supersedes_the_old_one(
    session: Session, database: Database, people: dict[str, User]
) -> None:
    first, second = _submit(session, people), _submit(session, people)
    shift_plans.run_plan(database, first, _quick)
    shift_plans.run_plan(database, second, _quick)

    session.expire_all()
    statuses = {plan.id: plan.status for plan in shift_plans.plans_of(session, people["boss"], people["employer"].id)}
    assert statuses == {first: PlanStatus.SUPERSEDED, second: PlanStatus.PUBLISHED}


def test_a_bad_file_is_refused_with_its_line_and_nothing_is_stored(session: Session, people: dict[str, User]) -> None:
    files = bidding_files() | {"bids": "agent,shift\nli.ming,mon-day\nnobody,mon-day\n"}

    with pytest.raises(InvalidWorkforceInput, match="bids, line 3"):
        _submit(session, people, files)

    session.rollback()
    assert session.scalar(select(func.count()).select_from(ShiftPlan)) == 0


@pytest.mark.parametrize(
    ("title", "seconds", "message"),
    [("", 10, "title"), ("x" * 121, 10, "120 characters"), ("ok", 4, "5 to 600"), ("ok", 601, "5 to 600")],
)
def test_title_and_solve_time_limits(
    session: Session, people: dict[str, User], title: str, seconds: int, message: str
) -> None:
    with pytest.raises(InvalidWorkforceInput, match=message):
        shift_plans.submit_plan(
            session,
            people["boss"],
            people["employer"].id,
            title,
            shift_plans.PlanFiles(**bidding_files()),
            time_limit=seconds,
        )


def test_only_managers_submit_and_read_plans_and_reads_are_logged(
    session: Session, database: Database, people: dict[str, User]
) -> None:
    with pytest.raises(PermissionDenied):
        shift_plans.submit_plan(
            session, people["li.ming"], people["employer"].id, "x", shift_plans.PlanFiles(**bidding_files())
        )
    plan_id = _submit(session, people)
    with pytest.raises(PermissionDenied):
        shift_plans.get_plan(session, people["li.ming"], plan_id)
    with pytest.raises(NotFound):
        shift_plans.get_plan(session, people["boss"], plan_id + 1)

    shift_plans.get_plan(session, people["boss"], plan_id)

    actions = session.scalars(select(AuditEntry.action)).all()
    assert "workforce.shift_plan.submit" in actions and "workforce.shift_plan.read" in actions


def test_the_worker_runs_queued_plans_and_fails_interrupted_ones(
    session: Session, database: Database, people: dict[str, User]
) -> None:
    interrupted, queued = _submit(session, people), _submit(session, people)
    session.get(ShiftPlan, interrupted).status = PlanStatus.RUNNING  # type: ignore[union-attr]
    session.commit()
    worker = ShiftPlanWorker(database, _quick)

    assert worker.recover() == [queued]
    worker.shutdown()

    session.expire_all()
    assert session.get(ShiftPlan, interrupted).status is PlanStatus.FAILED  # type: ignore[union-attr]
    assert session.get(ShiftPlan, queued).status is PlanStatus.PUBLISHED  # type: ignore[union-attr]


def test_an_unexpected_solver_error_fails_the_plan_instead_of_leaving_it_running(
    session: Session, database: Database, people: dict[str, User]
) -> None:
    plan_id = _submit(session, people)

    def broken(problem: BiddingProblem, seconds: float) -> Allocation:
        raise RuntimeError("boom")

    assert shift_plans.run_plan(database, plan_id, broken) is PlanStatus.FAILED
    session.expire_all()
    assert "boom" in (session.get(ShiftPlan, plan_id).error or "")  # type: ignore[union-attr]
