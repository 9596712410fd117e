"""Remote customer-service workforce of disabled agents (issue 6).

Recruitment (applications through federations, stages with reasons, accommodations with consent, notifications),
training courses with quizzes, the exam with randomised papers and certificates, and staffing plans: a day's
contacts forecast per 30-minute interval from history, and Erlang C with a service-level target, a highest
occupancy and shrinkage giving the agents to schedule.
"""

from barrierfree.workforce import exam, recruitment, training
from barrierfree.workforce.erlang import Staffing, agents_for_target, erlang_b, erlang_c, staffing
from barrierfree.workforce.errors import InvalidWorkforceInput, WorkforceError
from barrierfree.workforce.forecast import IntervalForecast, forecast_day, parse_history
from barrierfree.workforce.services import IntervalPlan, StaffingTargets, plan_document, staffing_plan

__all__ = [
    "IntervalForecast",
    "IntervalPlan",
    "InvalidWorkforceInput",
    "Staffing",
    "StaffingTargets",
    "WorkforceError",
    "agents_for_target",
    "erlang_b",
    "erlang_c",
    "exam",
    "forecast_day",
    "parse_history",
    "plan_document",
    "recruitment",
    "staffing",
    "staffing_plan",
    "training",
]
