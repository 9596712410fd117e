"""Senior experts and their apprentices: explicit, named criteria for the senior tier, and who may mentor whom.

An agent becomes a senior expert by meeting every criterion of :class:`SeniorCriteria`; :func:`assess_senior` lists
each one, met or not, with the agent's figures, so that the agent sees what is left to reach. Only senior experts
mentor, each at most :data:`DEFAULT_MAX_APPRENTICES` apprentices, and an apprentice has one mentor at a time. This
module is pure: the links themselves are stored elsewhere and passed in.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from typing import Any

from barrierfree.core.i18n import _
from barrierfree.workforce.contacts import Contact, ContactStatus
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.pay_rules import MAX_QUALITY, MAX_RATING, MIN_RATING

DEFAULT_MIN_TENURE_MONTHS = 12
DEFAULT_MIN_RESOLVED_CONTACTS = 2_000
DEFAULT_MIN_MEAN_QUALITY = Decimal(90)
DEFAULT_MIN_MEAN_SATISFACTION = Decimal("4.5")
DEFAULT_MIN_RATINGS = 200
"""Fewer ratings than this say too little about an agent's customers' satisfaction."""
DEFAULT_MIN_EXAM_SCORE = 90
DEFAULT_COMPLAINT_FREE_DAYS = 90
"""No complaint upheld against the agent in this many days, the day of the assessment included."""
DEFAULT_MAX_APPRENTICES = 3
"""A mentor's time is finite: three apprentices each get real attention."""
MAX_EXAM_SCORE = 100
MEAN_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class SeniorCriteria:
    """What a senior expert must have reached, every one of them."""

    min_tenure_months: int = DEFAULT_MIN_TENURE_MONTHS
    min_resolved_contacts: int = DEFAULT_MIN_RESOLVED_CONTACTS
    min_mean_quality: Decimal = DEFAULT_MIN_MEAN_QUALITY
    min_mean_satisfaction: Decimal = DEFAULT_MIN_MEAN_SATISFACTION
    min_ratings: int = DEFAULT_MIN_RATINGS
    min_exam_score: int = DEFAULT_MIN_EXAM_SCORE
    complaint_free_days: int = DEFAULT_COMPLAINT_FREE_DAYS


DEFAULT_SENIOR_CRITERIA = SeniorCriteria()


@dataclass(frozen=True)
class AgentStats:
    """An agent's record on a day: exact totals, so that means are compared without rounding."""

    agent_id: str
    as_of: dt.date
    started_on: dt.date
    resolved_contacts: int
    reviewed_contacts: int  # contacts with a quality score
    quality_total: int  # sum of those scores, each 0-100
    ratings: int
    rating_total: int  # sum of the ratings, each 1-5
    exam_score: int | None = None  # best score in the senior exam, None if not taken
    last_upheld_complaint: dt.date | None = None

    @property
    def mean_quality(self) -> Decimal | None:
        """Mean quality score, or None without reviewed contacts."""
        return Decimal(self.quality_total) / self.reviewed_contacts if self.reviewed_contacts else None

    @property
    def mean_satisfaction(self) -> Decimal | None:
        """Mean rating, or None without ratings."""
        return Decimal(self.rating_total) / self.ratings if self.ratings else None


@dataclass(frozen=True)
class CriterionResult:
    """One criterion: met or not, the agent's figure, the figure required, and a sentence with both."""

    code: str
    met: bool
    actual: Decimal | int | None
    required: Decimal | int
    explanation: str


@dataclass(frozen=True)
class SeniorAssessment:
    """Every criterion, in a fixed order; the agent is a senior expert when all are met."""

    agent_id: str
    as_of: dt.date
    results: tuple[CriterionResult, ...]

    @property
    def senior(self) -> bool:
        """Whether every criterion is met."""
        return all(result.met for result in self.results)


class MentorshipRefused(InvalidWorkforceInput):
    """A mentor-apprentice link the rules do not allow (the message says which rule)."""

    code = "workforce-mentorship-refused"


def stats_from_contacts(
    agent_id: str,
    as_of: dt.date,
    started_on: dt.date,
    contacts: Iterable[Contact],
    *,
    exam_score: int | None = None,
    last_upheld_complaint: dt.date | None = None,
) -> AgentStats:
    """An agent's stats from all their contacts: abandoned contacts count for nothing, as in pay."""
    resolved = reviewed = quality = ratings = rating_total = 0
    for contact in contacts:
        if contact.agent_id != agent_id or contact.status is ContactStatus.ABANDONED:
            continue
        resolved += int(contact.status is ContactStatus.RESOLVED)
        reviewed += 1
        quality += contact.quality
        if contact.rating is not None:
            ratings += 1
            rating_total += contact.rating
    return check_stats(
        AgentStats(
            agent_id,
            as_of,
            started_on,
            resolved,
            reviewed,
            quality,
            ratings,
            rating_total,
            exam_score,
            last_upheld_complaint,
        )
    )


def check_stats(stats: AgentStats) -> AgentStats:
    """Return ``stats`` if consistent, else InvalidWorkforceInput naming the first impossible field."""
    problems: tuple[tuple[bool, str, str], ...] = (
        (stats.started_on <= stats.as_of, "started_on", _("The agent cannot start after the day of the assessment.")),
        (
            min(stats.resolved_contacts, stats.reviewed_contacts, stats.ratings) >= 0,
            "contacts",
            _("Counts of contacts and ratings cannot be negative."),
        ),
        (
            0 <= stats.quality_total <= MAX_QUALITY * stats.reviewed_contacts,
            "quality_total",
            _("The quality total must be from 0 to {limit} per reviewed contact.").format(limit=MAX_QUALITY),
        ),
        (
            MIN_RATING * stats.ratings <= stats.rating_total <= MAX_RATING * stats.ratings,
            "rating_total",
            _("The rating total must be from {low} to {high} per rating.").format(low=MIN_RATING, high=MAX_RATING),
        ),
        (
            stats.exam_score is None or 0 <= stats.exam_score <= MAX_EXAM_SCORE,
            "exam_score",
            _("An exam score is from 0 to {limit}.").format(limit=MAX_EXAM_SCORE),
        ),
        (
            stats.last_upheld_complaint is None or stats.last_upheld_complaint <= stats.as_of,
            "last_upheld_complaint",
            _("A complaint cannot be upheld after the day of the assessment."),
        ),
    )
    for valid, field, message in problems:
        if not valid:
            raise InvalidWorkforceInput(message, field=field)
    return stats


def tenure_months(started_on: dt.date, as_of: dt.date) -> int:
    """Whole calendar months from ``started_on`` to ``as_of`` (a month ends on the same day, or a shorter month's last)."""
    months = (as_of.year - started_on.year) * 12 + as_of.month - started_on.month
    last_day = calendar.monthrange(as_of.year, as_of.month)[1]
    if as_of.day < started_on.day and as_of.day != last_day:
        months -= 1
    return months


def _cut(mean: Decimal) -> Decimal:
    """A mean shown to two places, cut rather than rounded, so that it never reads as reaching a threshold it misses."""
    return mean.quantize(MEAN_PLACES, rounding=ROUND_DOWN)


def _plain(number: Decimal) -> str:
    """A threshold without trailing zeros, such as 4.5."""
    return format(number.normalize(), "f")


def _result(
    code: str, met: bool, actual: Decimal | int | None, required: Decimal | int, detail: str
) -> CriterionResult:
    """A criterion's result, its sentence starting with met or not met."""
    status = _("Met") if met else _("Not met")
    return CriterionResult(code, met, actual, required, _("{status}: {detail}").format(status=status, detail=detail))


def assess_senior(stats: AgentStats, criteria: SeniorCriteria = DEFAULT_SENIOR_CRITERIA) -> SeniorAssessment:
    """Every senior-expert criterion, met or not, with the agent's figures and those required."""
    check_stats(stats)
    months = tenure_months(stats.started_on, stats.as_of)
    results = [
        _result(
            "tenure",
            months >= criteria.min_tenure_months,
            months,
            criteria.min_tenure_months,
            _("tenure of {months} months (at least {required} needed).").format(
                months=months, required=criteria.min_tenure_months
            ),
        ),
        _result(
            "resolved-contacts",
            stats.resolved_contacts >= criteria.min_resolved_contacts,
            stats.resolved_contacts,
            criteria.min_resolved_contacts,
            _("{count} resolved contacts (at least {required} needed).").format(
                count=stats.resolved_contacts, required=criteria.min_resolved_contacts
            ),
        ),
        _quality_result(stats, criteria),
        _satisfaction_result(stats, criteria),
        _exam_result(stats, criteria),
        _complaint_result(stats, criteria),
    ]
    return SeniorAssessment(stats.agent_id, stats.as_of, tuple(results))


def _quality_result(stats: AgentStats, criteria: SeniorCriteria) -> CriterionResult:
    """Mean quality score at the threshold or above."""
    required = criteria.min_mean_quality
    mean = stats.mean_quality
    if mean is None:
        detail = _("no reviewed contacts yet (a mean quality score of at least {required} needed).")
        return _result("quality", False, None, required, detail.format(required=_plain(required)))
    met = stats.quality_total >= required * stats.reviewed_contacts
    detail = _("mean quality score {mean} over {count} reviewed contacts (at least {required} needed).").format(
        mean=_cut(mean), count=stats.reviewed_contacts, required=_plain(required)
    )
    return _result("quality", met, mean, required, detail)


def _satisfaction_result(stats: AgentStats, criteria: SeniorCriteria) -> CriterionResult:
    """Enough ratings, and their mean at the threshold or above."""
    required = criteria.min_mean_satisfaction
    mean = stats.mean_satisfaction
    if mean is None:
        detail = _("no ratings yet (a mean of at least {required} from at least {needed} ratings needed).").format(
            required=_plain(required), needed=criteria.min_ratings
        )
        return _result("satisfaction", False, None, required, detail)
    met = stats.ratings >= criteria.min_ratings and stats.rating_total >= required * stats.ratings
    detail = _(
        "mean satisfaction {mean} from {count} ratings (at least {required} from at least {needed} ratings needed)."
    ).format(mean=_cut(mean), count=stats.ratings, required=_plain(required), needed=criteria.min_ratings)
    return _result("satisfaction", met, mean, required, detail)


def _exam_result(stats: AgentStats, criteria: SeniorCriteria) -> CriterionResult:
    """The senior exam passed with the score required."""
    required = criteria.min_exam_score
    if stats.exam_score is None:
        detail = _("the senior exam not taken yet (a score of at least {required} needed).")
        return _result("exam", False, None, required, detail.format(required=required))
    detail = _("senior exam score {score} (at least {required} needed).").format(
        score=stats.exam_score, required=required
    )
    return _result("exam", stats.exam_score >= required, stats.exam_score, required, detail)


def _complaint_result(stats: AgentStats, criteria: SeniorCriteria) -> CriterionResult:
    """No complaint upheld within the last ``complaint_free_days`` days (the day of the assessment included)."""
    days = criteria.complaint_free_days
    if stats.last_upheld_complaint is None:
        detail = _("no upheld complaint on record (none in the last {days} days allowed).").format(days=days)
        return _result("complaints", True, None, days, detail)
    ago = (stats.as_of - stats.last_upheld_complaint).days
    detail = _(
        "the last upheld complaint was on {date}, {ago} days ago (none in the last {days} days allowed)."
    ).format(date=stats.last_upheld_complaint.isoformat(), ago=ago, days=days)
    return _result("complaints", ago >= days, ago, days, detail)


def assessment_document(assessment: SeniorAssessment) -> dict[str, Any]:
    """The assessment as JSON-ready data: figures as strings or integers, each criterion's sentence."""
    return {
        "agent_id": assessment.agent_id,
        "as_of": assessment.as_of.isoformat(),
        "senior": assessment.senior,
        "criteria": [
            {
                "code": result.code,
                "met": result.met,
                "actual": _json_figure(result.actual),
                "required": _json_figure(result.required),
                "explanation": result.explanation,
            }
            for result in assessment.results
        ],
    }


def _json_figure(value: Decimal | int | None) -> str | int | None:
    """An int stays an int, a Decimal becomes a string cut to two places (such as "4.50"), None stays None."""
    return str(_cut(value)) if isinstance(value, Decimal) else value


def mentorship_refusal(
    mentor_id: str,
    apprentice_id: str,
    *,
    mentor_is_senior: bool,
    mentor_apprentices: Collection[str],
    apprentice_mentor: str | None,
    limit: int = DEFAULT_MAX_APPRENTICES,
) -> MentorshipRefused | None:
    """Why ``mentor_id`` may not take ``apprentice_id`` on (an error to raise), or None if the link is allowed."""
    if limit < 1:
        return MentorshipRefused(_("A mentor must be allowed at least 1 apprentice."), field="limit")
    if mentor_id == apprentice_id:
        return MentorshipRefused(_("An agent cannot mentor themselves."), field="apprentice_id")
    if not mentor_is_senior:
        return MentorshipRefused(
            _("{mentor} is not a senior expert: only senior experts mentor.").format(mentor=mentor_id),
            field="mentor_id",
        )
    if apprentice_id in mentor_apprentices or apprentice_mentor == mentor_id:
        return MentorshipRefused(
            _("{apprentice} is already an apprentice of {mentor}.").format(apprentice=apprentice_id, mentor=mentor_id),
            field="apprentice_id",
        )
    if apprentice_mentor is not None:
        return MentorshipRefused(
            _("{apprentice} already has a mentor, {other}: end that link first.").format(
                apprentice=apprentice_id, other=apprentice_mentor
            ),
            field="apprentice_id",
        )
    if len(mentor_apprentices) >= limit:
        return MentorshipRefused(
            _("{mentor} already mentors {count} apprentices, the most allowed.").format(
                mentor=mentor_id, count=len(mentor_apprentices)
            ),
            field="mentor_id",
        )
    return None


def check_mentorship(
    mentor_id: str,
    apprentice_id: str,
    *,
    mentor_is_senior: bool,
    mentor_apprentices: Collection[str],
    apprentice_mentor: str | None,
    limit: int = DEFAULT_MAX_APPRENTICES,
) -> None:
    """Raise MentorshipRefused saying which rule a new mentor-apprentice link breaks; return if it is allowed."""
    refusal = mentorship_refusal(
        mentor_id,
        apprentice_id,
        mentor_is_senior=mentor_is_senior,
        mentor_apprentices=mentor_apprentices,
        apprentice_mentor=apprentice_mentor,
        limit=limit,
    )
    if refusal is not None:
        raise refusal


def can_mentor(mentor_is_senior: bool, apprentices: int, limit: int = DEFAULT_MAX_APPRENTICES) -> bool:
    """Whether an agent may take on one more apprentice: a senior expert below the limit."""
    return mentor_is_senior and 0 <= apprentices < limit
