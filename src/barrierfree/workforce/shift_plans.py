"""Shift plans stored on the platform: an employer's bidding round is submitted, solved in the background and
published, and each agent reads their own shifts with the reasons.

Submitting checks the four CSV files at once (errors name the file and line) and queues the plan. The solve runs
later (:func:`run_plan`, called by the worker in ``jobs.py``). Only a finished solve publishes: it stores every
agent's grants and decisions and supersedes the employer's previous plan in one transaction. A failed or timed-out
solve marks its own plan failed and leaves the published plan as it was.

Agent ids in the agents file are the agents' user names on the platform: that is how an agent finds their row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from barrierfree.core.accounts import User
from barrierfree.core.accounts.services import actor_for
from barrierfree.core.audit import Actor, record
from barrierfree.core.clock import utcnow
from barrierfree.core.db import Database
from barrierfree.core.errors import BarrierfreeError, NotFound
from barrierfree.core.i18n import _, use_language
from barrierfree.core.orgs import Organisation, OrgKind, Permission, authorize
from barrierfree.workforce import bidding_solve
from barrierfree.workforce.bidding import BiddingProblem, gini, parse_problem
from barrierfree.workforce.bidding_explain import Reason, ReasonCode, explain, reason_sentence, shortfall_sentence
from barrierfree.workforce.bidding_solve import (
    Allocation,
    Shortfall,
    ShortfallKind,
    coverage,
    coverage_ceiling,
)
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.models import PlanStatus, ShiftPlan, ShiftPlanAgent

PLAN_FILES = ("agents", "shifts", "bids", "requirement")
MAX_TITLE_LENGTH = 120
MIN_TIME_LIMIT = 5
MAX_TIME_LIMIT = 600
DEFAULT_TIME_LIMIT = 240
MAX_PLAN_CHARS = 40_000_000
"""All four files together: a 2,500-agent, 4-week round is about 20 MB of bids. Pages are bounded lower by the
request size limit; the command line takes the largest rounds."""
PLANS_LISTED = 50


@dataclass(frozen=True)
class PlanFiles:
    """The four CSV texts of a bidding round."""

    agents: str
    shifts: str
    bids: str
    requirement: str

    def as_dict(self) -> dict[str, str]:
        """The texts by file name (how they are stored)."""
        return {name: getattr(self, name) for name in PLAN_FILES}


@dataclass(frozen=True)
class AgentDecision:
    """One bid of an agent as the agent reads it: the shift's times, granted or not, and the reasons as sentences."""

    shift: str
    start: dt.datetime
    end: dt.datetime
    granted: bool
    sentences: tuple[str, ...]


def check_title(title: str) -> str:
    """A plan title: trimmed, 1-120 characters."""
    title = title.strip()
    if not title:
        raise InvalidWorkforceInput(_("Give the plan a title, such as “December, weeks 1-4”."), field="title")
    if len(title) > MAX_TITLE_LENGTH:
        raise InvalidWorkforceInput(
            _("Keep the title to {limit} characters.").format(limit=MAX_TITLE_LENGTH), field="title"
        )
    return title


def check_time_limit(seconds: int) -> int:
    """A solve time within the limits the worker allows."""
    if not MIN_TIME_LIMIT <= seconds <= MAX_TIME_LIMIT:
        raise InvalidWorkforceInput(
            _("Choose a solve time from {low} to {high} seconds.").format(low=MIN_TIME_LIMIT, high=MAX_TIME_LIMIT),
            field="time_limit",
        )
    return seconds


def _problem(files: dict[str, str]) -> BiddingProblem:
    return parse_problem(files["agents"], files["shifts"], files["bids"], files["requirement"])


def submit_plan(
    session: Session,
    manager: User | None,
    organisation_id: int,
    title: str,
    files: PlanFiles,
    *,
    time_limit: int = DEFAULT_TIME_LIMIT,
    language: str = "zh-CN",
    ip: str | None = None,
) -> ShiftPlan:
    """Check the files (errors name the file and line) and queue the plan; nothing is stored if a file is wrong."""
    authorize(session, manager, Permission.WORKFORCE_MANAGE, organisation_id)
    assert manager is not None
    plan = _checked_plan(organisation_id, title, files, time_limit, language)
    plan.requested_by = manager.id
    session.add(plan)
    session.flush()
    record(
        session,
        actor_for(manager, ip),
        "workforce.shift_plan.submit",
        organisation_id=organisation_id,
        detail={"plan": plan.id, "title": plan.title},
    )
    return plan


def submit_as_operator(
    session: Session, organisation_id: int, title: str, files: PlanFiles, *, time_limit: int, language: str
) -> ShiftPlan:
    """Queue a plan from the command line (the operator, who runs the platform, acts for the employer)."""
    employer = session.get(Organisation, organisation_id)
    if employer is None or employer.kind is not OrgKind.EMPLOYER:
        raise NotFound(_("There is no employer {employer}.").format(employer=organisation_id))
    plan = _checked_plan(organisation_id, title, files, time_limit, language)
    session.add(plan)
    session.flush()
    record(
        session,
        Actor.system("command line"),
        "workforce.shift_plan.submit",
        organisation_id=organisation_id,
        detail={"plan": plan.id, "title": plan.title},
    )
    return plan


def _checked_plan(organisation_id: int, title: str, files: PlanFiles, time_limit: int, language: str) -> ShiftPlan:
    """A new queued plan once the title, the time and all four files are valid (errors name the file and line)."""
    title = check_title(title)
    time_limit = check_time_limit(time_limit)
    if sum(len(text) for text in files.as_dict().values()) > MAX_PLAN_CHARS:
        raise InvalidWorkforceInput(
            _("The four files together are larger than {limit} characters.").format(limit=MAX_PLAN_CHARS),
            field="bids",
        )
    _problem(files.as_dict())
    return ShiftPlan(
        organisation_id=organisation_id,
        title=title,
        inputs=files.as_dict(),
        time_limit_seconds=time_limit,
        language=language,
    )


Solver = Callable[[BiddingProblem, float], Allocation]


def _default_solver(problem: BiddingProblem, seconds: float) -> Allocation:
    return bidding_solve.allocate(problem, time_limit=seconds)


def run_plan(database: Database, plan_id: int, solver: Solver = _default_solver) -> PlanStatus:
    """Solve a queued plan and publish it; on any failure mark it failed and keep the published plan."""
    with database.session() as session:
        plan = session.get(ShiftPlan, plan_id)
        if plan is None or plan.status is not PlanStatus.QUEUED:
            return plan.status if plan is not None else PlanStatus.FAILED
        plan.status, plan.started_at = PlanStatus.RUNNING, utcnow()
        files, seconds, language = dict(plan.inputs), plan.time_limit_seconds, plan.language
    try:
        agents, summary = solve_plan(files, seconds, language, solver)
    except BarrierfreeError as error:
        return _fail(database, plan_id, error.message)
    except Exception as error:  # a solver bug must not leave the plan running forever
        return _fail(database, plan_id, f"{type(error).__name__}: {error}")
    with database.session() as session:
        plan = session.get(ShiftPlan, plan_id)
        assert plan is not None
        publish(session, plan, agents, summary)
    return PlanStatus.PUBLISHED


def solve_plan(
    files: dict[str, str], seconds: int, language: str, solver: Solver = _default_solver
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Allocate a round: each agent's row and the plan's figures (errors in the requester's language)."""
    with use_language(language):
        problem = _problem(files)
        allocation = solver(problem, float(seconds))
        return _agent_rows(problem, allocation), _summary(problem, allocation)


def publish(session: Session, plan: ShiftPlan, agents: list[dict[str, Any]], summary: dict[str, Any]) -> None:
    """Store a solved plan's rows and make it the employer's published plan, superseding the one before."""
    session.execute(
        update(ShiftPlan)
        .where(ShiftPlan.organisation_id == plan.organisation_id, ShiftPlan.status == PlanStatus.PUBLISHED)
        .values(status=PlanStatus.SUPERSEDED)
    )
    plan.status, plan.summary, plan.finished_at = PlanStatus.PUBLISHED, summary, utcnow()
    session.add_all(ShiftPlanAgent(plan_id=plan.id, **row) for row in agents)
    session.flush()


def _fail(database: Database, plan_id: int, message: str) -> PlanStatus:
    with database.session() as session:
        plan = session.get(ShiftPlan, plan_id)
        if plan is not None:
            plan.status, plan.error, plan.finished_at = PlanStatus.FAILED, message[:1000], utcnow()
    return PlanStatus.FAILED


def _summary(problem: BiddingProblem, allocation: Allocation) -> dict[str, Any]:
    """The figures a manager reads; shortfalls as data, written out in the reader's language when shown."""
    covered, required = coverage(problem, allocation)
    coverable, _required = coverage_ceiling(problem)
    counts = [len(allocation.grants.get(name, ())) for name in problem.agents]
    return {
        "agents": len(problem.agents),
        "shifts": len(problem.shifts),
        "bids": len(problem.bids),
        "granted": sum(counts),
        "seconds": round(allocation.seconds, 1),
        "optimal": allocation.optimal,
        "protected_met": allocation.protected_met,
        "coverage": {"covered": covered, "required": required, "coverable": coverable},
        "gini": round(gini(counts), 4),
        "shortfalls": [
            {
                "agent": item.agent,
                "week": item.week.isoformat(),
                "kind": item.kind.value,
                "base": item.base,
                "target": item.target,
                "granted": item.granted,
                "shifts": list(item.shifts),
            }
            for item in allocation.shortfalls
        ],
    }


def _agent_rows(problem: BiddingProblem, allocation: Allocation) -> list[dict[str, Any]]:
    """Each agent's grants and decisions (reason codes and parameters only: sentences are written when read)."""
    decisions: dict[str, list[dict[str, Any]]] = {name: [] for name in problem.agents}
    for decision in explain(problem, allocation):
        shift = problem.shifts[decision.shift]
        decisions[decision.agent].append(
            {
                "shift": decision.shift,
                "start": shift.start.isoformat(),
                "end": shift.end.isoformat(),
                "granted": decision.granted,
                "reasons": [{"code": reason.code.value, "params": dict(reason.params)} for reason in decision.reasons],
            }
        )
    return [
        {"agent": name, "grants": list(allocation.grants.get(name, ())), "decisions": decisions[name]}
        for name in sorted(problem.agents)
    ]


def fail_interrupted_plans(session: Session) -> int:
    """Plans left running by a stopped server are marked failed (the published plan stands); returns how many."""
    result = session.execute(
        update(ShiftPlan)
        .where(ShiftPlan.status == PlanStatus.RUNNING)
        .values(
            status=PlanStatus.FAILED,
            error="interrupted: the server stopped during the solve; submit the plan again",
            finished_at=utcnow(),
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)


def queued_plan_ids(session: Session) -> list[int]:
    """Plans waiting for the worker, oldest first."""
    return list(
        session.scalars(select(ShiftPlan.id).where(ShiftPlan.status == PlanStatus.QUEUED).order_by(ShiftPlan.id))
    )


def plans_of(session: Session, manager: User | None, organisation_id: int) -> list[ShiftPlan]:
    """An employer's latest plans, newest first (managers only)."""
    authorize(session, manager, Permission.WORKFORCE_MANAGE, organisation_id)
    query = (
        select(ShiftPlan)
        .where(ShiftPlan.organisation_id == organisation_id)
        .order_by(ShiftPlan.id.desc())
        .limit(PLANS_LISTED)
    )
    return list(session.scalars(query))


def get_plan(session: Session, manager: User | None, plan_id: int, *, ip: str | None = None) -> ShiftPlan:
    """One plan for a manager of its employer; the read is logged (it names protected agents)."""
    plan = session.get(ShiftPlan, plan_id)
    if plan is None:
        raise NotFound(_("There is no shift plan {plan}.").format(plan=plan_id))
    authorize(session, manager, Permission.WORKFORCE_MANAGE, plan.organisation_id)
    assert manager is not None
    record(
        session,
        actor_for(manager, ip),
        "workforce.shift_plan.read",
        organisation_id=plan.organisation_id,
        detail={"plan": plan.id},
    )
    return plan


def agent_part(session: Session, plan: ShiftPlan, agent: str) -> ShiftPlanAgent | None:
    """One agent's row of a finished plan (None when the agent is not in it)."""
    query = select(ShiftPlanAgent).where(ShiftPlanAgent.plan_id == plan.id, ShiftPlanAgent.agent == agent)
    return session.scalars(query).first()


def my_shifts(session: Session, user: User) -> list[tuple[ShiftPlan, Organisation, ShiftPlanAgent]]:
    """The user's part of every published plan that lists them (their user name is their agent id)."""
    query = (
        select(ShiftPlan, Organisation, ShiftPlanAgent)
        .join(ShiftPlanAgent, ShiftPlanAgent.plan_id == ShiftPlan.id)
        .join(Organisation, Organisation.id == ShiftPlan.organisation_id)
        .where(ShiftPlan.status == PlanStatus.PUBLISHED, ShiftPlanAgent.agent == user.username)
        .order_by(ShiftPlan.id.desc())
    )
    return [(plan, organisation, part) for plan, organisation, part in session.execute(query).all()]


def decisions_of(part: ShiftPlanAgent) -> list[AgentDecision]:
    """An agent's decisions with the reasons written in the reader's language, in shift order."""
    decisions = [
        AgentDecision(
            shift=item["shift"],
            start=dt.datetime.fromisoformat(item["start"]),
            end=dt.datetime.fromisoformat(item["end"]),
            granted=bool(item["granted"]),
            sentences=tuple(_reason_text(reason) for reason in item["reasons"]),
        )
        for item in part.decisions
    ]
    return sorted(decisions, key=lambda decision: decision.start)


def shortfall_sentences(plan: ShiftPlan, agent: str | None = None) -> list[str]:
    """The plan's named shortfalls (or one agent's) as sentences in the reader's language."""
    return [
        shortfall_sentence(
            Shortfall(
                agent=item["agent"],
                week=dt.date.fromisoformat(item["week"]),
                kind=ShortfallKind(item["kind"]),
                base=item["base"],
                target=item["target"],
                granted=item["granted"],
                shifts=tuple(item["shifts"]),
            )
        )
        for item in plan.summary.get("shortfalls", [])
        if agent is None or item["agent"] == agent
    ]


def plan_document(plan: ShiftPlan) -> dict[str, Any]:
    """A plan as the API returns it: state, figures and named shortfalls (with sentences)."""
    return {
        "id": plan.id,
        "organisation_id": plan.organisation_id,
        "title": plan.title,
        "status": plan.status.value,
        "time_limit_seconds": plan.time_limit_seconds,
        "created_at": plan.created_at.isoformat(),
        "finished_at": plan.finished_at.isoformat() if plan.finished_at else None,
        "error": plan.error,
        "summary": {key: value for key, value in plan.summary.items() if key != "shortfalls"},
        "shortfalls": [
            dict(item, sentence=sentence)
            for item, sentence in zip(plan.summary.get("shortfalls", []), shortfall_sentences(plan), strict=True)
        ],
    }


def agent_document(part: ShiftPlanAgent) -> dict[str, Any]:
    """One agent's grants and decisions as the API returns them (reasons with codes, parameters and sentences)."""
    return {
        "agent": part.agent,
        "grants": list(part.grants),
        "decisions": [
            dict(item, reasons=[dict(reason, sentence=_reason_text(reason)) for reason in item["reasons"]])
            for item in part.decisions
        ],
    }


def _reason_text(reason: dict[str, Any]) -> str:
    """A stored reason (code and parameters) as a sentence in the reader's language."""
    return reason_sentence(Reason(ReasonCode(reason["code"]), reason["params"]))
