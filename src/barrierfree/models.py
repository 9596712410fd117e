"""Every table of the platform (core and each domain), imported in one place so Alembic sees the whole schema."""

from __future__ import annotations

from barrierfree.audit.models import AuditJob
from barrierfree.core.models import *  # noqa: F403 - re-export the core tables
from barrierfree.core.models import Base
from barrierfree.places.models import Place, PlaceAttributeEdit
from barrierfree.relay.models import Complaint, Incident, Message, Order, RiderCard, RiderProfile
from barrierfree.relay.models import StageChange as OrderStageChange
from barrierfree.routing.models import BarrierReport
from barrierfree.workforce.models import (
    Application,
    ExamAttempt,
    Mentorship,
    ModuleProgress,
    Notification,
    SeniorExpert,
    ShiftPlan,
    ShiftPlanAgent,
    SimulationRun,
    StageChange,
)

__all__ = [
    "Application",
    "AuditJob",
    "BarrierReport",
    "Base",
    "Complaint",
    "ExamAttempt",
    "Incident",
    "Mentorship",
    "Message",
    "ModuleProgress",
    "Notification",
    "Order",
    "OrderStageChange",
    "Place",
    "PlaceAttributeEdit",
    "RiderCard",
    "RiderProfile",
    "SeniorExpert",
    "ShiftPlan",
    "ShiftPlanAgent",
    "SimulationRun",
    "StageChange",
]
