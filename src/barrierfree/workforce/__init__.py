"""Remote customer-service workforce of disabled agents (issue 6): so far, staffing plans.

A day's contacts are forecast per 30-minute interval from history, and Erlang C with a service-level target, a
highest occupancy and shrinkage gives the agents to schedule. Recruitment, training, the dialogue simulator, exams,
shift bidding with protected shifts, pay and the accessible workstation are still to come.
"""

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
    "forecast_day",
    "parse_history",
    "plan_document",
    "staffing",
    "staffing_plan",
]
