"""The workforce domain's tables: applications and their stages, training progress, simulation runs, exams,
notifications and mentorships.

Course material, quiz and exam questions and simulation scenarios are package data (``workforce/content``): they
are versioned with the code. Only what people do is stored here. Staffing plans, shift allocations, rosters and
payslips are computed on request from the files given.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from barrierfree.core.clock import utcnow
from barrierfree.core.db import Base, UTCDateTime, str_enum


class Stage(enum.StrEnum):
    """Where an application is: the report's path from applicant to agent."""

    APPLIED = "applied"
    TRAINING = "training"
    SIMULATION = "simulation"
    EXAM = "exam"
    HIRED = "hired"
    NOT_HIRED = "not_hired"


class Accommodation(enum.StrEnum):
    """What a candidate needs in training and exams. Stored only with the candidate's separate consent."""

    SCREEN_READER = "screen_reader"
    EXTRA_TIME = "extra_time"
    CAPTIONED_MATERIAL = "captioned_material"
    SIGN_LANGUAGE = "sign_language"
    LARGE_PRINT = "large_print"
    FREQUENT_BREAKS = "frequent_breaks"


class Programme(Base):
    """An employer's remote customer-service programme: only employers that run one are offered to applicants,
    and only while it takes applications (a delivery station is an employer too, but hires no remote agents)."""

    __tablename__ = "workforce_programmes"

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True)
    taking_applications: Mapped[bool] = mapped_column(Boolean, default=True)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class Application(Base):
    """One person's application to one employer's remote customer-service programme."""

    __tablename__ = "workforce_applications"
    __table_args__ = (UniqueConstraint("organisation_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    source_channel: Mapped[str] = mapped_column(String(120))
    """Who referred the applicant: a federation's or organisation's name, as the applicant gave it."""
    source_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    stage: Mapped[Stage] = mapped_column(str_enum(Stage, 20), default=Stage.APPLIED)
    accommodations: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class StageChange(Base):
    """One move of an application between stages, with who moved it and why (never edited)."""

    __tablename__ = "workforce_stage_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("workforce_applications.id", ondelete="CASCADE"), index=True)
    from_stage: Mapped[Stage | None] = mapped_column(str_enum(Stage, 20))
    to_stage: Mapped[Stage] = mapped_column(str_enum(Stage, 20))
    reason: Mapped[str] = mapped_column(String(500))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Notification(Base):
    """A message to one person. Stored as a message key and its values so it reads in the reader's language."""

    __tablename__ = "workforce_notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ModuleProgress(Base):
    """A trainee's best quiz result on one training module."""

    __tablename__ = "workforce_module_progress"
    __table_args__ = (UniqueConstraint("user_id", "module_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    course_id: Mapped[str] = mapped_column(String(40))
    module_id: Mapped[str] = mapped_column(String(40))
    best_score: Mapped[int] = mapped_column(Integer, default=0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    passed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SimulationRun(Base):
    """One practice dialogue: the scenario, the transcript so far, and the rubric score once it ended.

    The transcript lives here between requests, and the seconds a reply took are measured by the server from
    ``last_turn_at``, so a trainee cannot claim a faster reply than they gave.
    """

    __tablename__ = "workforce_simulation_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    scenario_id: Mapped[str] = mapped_column(String(60))
    transcript: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_turn_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    score: Mapped[int | None] = mapped_column(Integer)
    passed: Mapped[bool | None] = mapped_column(Boolean)


class ExamAttempt(Base):
    """One exam paper: the questions drawn, the time allowed, the answers and the result."""

    __tablename__ = "workforce_exam_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    question_ids: Mapped[list[str]] = mapped_column(JSON)
    option_orders: Mapped[dict[str, list[int]]] = mapped_column(JSON, default=dict)
    """Per question, the order its options are shown in (shuffled per paper)."""
    time_limit_seconds: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answers: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    score: Mapped[int | None] = mapped_column(Integer)
    passed: Mapped[bool | None] = mapped_column(Boolean)
    certificate_code: Mapped[str | None] = mapped_column(String(32), unique=True)


class Mentorship(Base):
    """A senior expert mentoring an apprentice agent; ending a link keeps it for the record."""

    __tablename__ = "workforce_mentorships"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    apprentice_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SeniorExpert(Base):
    """An agent an employer recognised as a senior expert, with the assessment that justified it."""

    __tablename__ = "workforce_senior_experts"
    __table_args__ = (UniqueConstraint("organisation_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    assessment: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    designated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    designated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PlanStatus(enum.StrEnum):
    """Where a shift plan is. Only a finished solve publishes; a failed one leaves the published plan in place."""

    QUEUED = "queued"
    RUNNING = "running"
    PUBLISHED = "published"
    SUPERSEDED = "superseded"
    FAILED = "failed"


class ShiftPlan(Base):
    """One shift-bidding round of an employer: the four input files, the solve's state and its figures.

    At most one plan per employer is ``published`` at a time; publishing a new one supersedes it in the same
    transaction that stores the new grants, so agents never see a half-written schedule.
    """

    __tablename__ = "workforce_shift_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    status: Mapped[PlanStatus] = mapped_column(str_enum(PlanStatus, 20), default=PlanStatus.QUEUED, index=True)
    inputs: Mapped[dict[str, str]] = mapped_column(JSON)
    """The agents, shifts, bids and requirement CSV texts, as uploaded (the solve re-reads them)."""
    time_limit_seconds: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(10))
    """The requester's language: the failure message is written in it."""
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    """Figures of a finished solve: sizes, seconds, optimal, protected minimums met, coverage, Gini, shortfalls."""
    error: Mapped[str | None] = mapped_column(String(1000))
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ShiftPlanAgent(Base):
    """One agent's part of a finished plan: the shifts granted and every bid's decision with its reason codes.

    ``agent`` is the id in the agents file, which is the agent's user name on the platform, so each agent reads
    their own row and nobody else's.
    """

    __tablename__ = "workforce_shift_plan_agents"
    __table_args__ = (UniqueConstraint("plan_id", "agent"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("workforce_shift_plans.id", ondelete="CASCADE"), index=True)
    agent: Mapped[str] = mapped_column(String(64), index=True)
    grants: Mapped[list[str]] = mapped_column(JSON, default=list)
    decisions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    """``{"shift", "start", "end", "granted", "reasons": [{"code", "params"}]}``; sentences are written when read."""
