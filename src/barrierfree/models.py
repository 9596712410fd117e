"""Every table of the platform (core and each domain), imported in one place so Alembic sees the whole schema."""

from __future__ import annotations

from barrierfree.audit.models import AuditJob
from barrierfree.core.models import *  # noqa: F403 - re-export the core tables
from barrierfree.core.models import Base
from barrierfree.workforce.models import (
    Application,
    ExamAttempt,
    Mentorship,
    ModuleProgress,
    Notification,
    SeniorExpert,
    SimulationRun,
    StageChange,
)

__all__ = [
    "Application",
    "AuditJob",
    "Base",
    "ExamAttempt",
    "Mentorship",
    "ModuleProgress",
    "Notification",
    "SeniorExpert",
    "SimulationRun",
    "StageChange",
]
