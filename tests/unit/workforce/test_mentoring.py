"""The senior-expert tier (every criterion listed with its figures) and who may mentor whom."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from barrierfree.core.i18n import use_language
from barrierfree.workforce import mentoring
from barrierfree.workforce.contacts import Contact, ContactStatus
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.mentoring import AgentStats, MentorshipRefused, SeniorCriteria

AS_OF = dt.date(2026, 11, 30)
CODES = ["tenure", "resolved-contacts", "quality", "satisfaction", "exam", "complaints"]

# Exactly at every threshold of the default criteria.
THRESHOLD = AgentStats(
    agent_id="s1",
    as_of=AS_OF,
    started_on=dt.date(2025, 11, 30),  # 12 months
    resolved_contacts=2_000,
    reviewed_contacts=2_000,
    quality_total=180_000,  # mean 90
    ratings=200,
    rating_total=900,  # mean 4.5
    exam_score=90,
    last_upheld_complaint=AS_OF - dt.timedelta(days=90),
)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in English (the platform's default language is zh-CN)."""
    with use_language("en"):
        yield


def _met(stats: AgentStats) -> dict[str, bool]:
    return {result.code: result.met for result in mentoring.assess_senior(stats).results}


def test_an_agent_exactly_at_every_threshold_is_senior_and_sees_each_figure() -> None:
    assessment = mentoring.assess_senior(THRESHOLD)
    assert assessment.senior
    assert [result.code for result in assessment.results] == CODES
    assert [result.explanation for result in assessment.results] == [
        "Met: tenure of 12 months (at least 12 needed).",
        "Met: 2000 resolved contacts (at least 2000 needed).",
        "Met: mean quality score 90.00 over 2000 reviewed contacts (at least 90 needed).",
        "Met: mean satisfaction 4.50 from 200 ratings (at least 4.5 from at least 200 ratings needed).",
        "Met: senior exam score 90 (at least 90 needed).",
        "Met: the last upheld complaint was on 2026-09-01, 90 days ago (none in the last 90 days allowed).",
    ]


@pytest.mark.parametrize(
    ("change", "failed", "fragment"),
    [
        ({"started_on": dt.date(2025, 12, 1)}, "tenure", "Not met: tenure of 11 months"),
        ({"resolved_contacts": 1_999}, "resolved-contacts", "Not met: 1999 resolved contacts"),
        ({"quality_total": 179_999}, "quality", "Not met: mean quality score 89.99 over 2000"),
        ({"reviewed_contacts": 0, "quality_total": 0}, "quality", "Not met: no reviewed contacts yet"),
        ({"rating_total": 899}, "satisfaction", "Not met: mean satisfaction 4.49 from 200 ratings"),
        ({"ratings": 199, "rating_total": 995}, "satisfaction", "Not met: mean satisfaction 5.00 from 199 ratings"),
        ({"ratings": 0, "rating_total": 0}, "satisfaction", "Not met: no ratings yet"),
        ({"exam_score": 89}, "exam", "Not met: senior exam score 89"),
        ({"exam_score": None}, "exam", "Not met: the senior exam not taken yet"),
        ({"last_upheld_complaint": AS_OF - dt.timedelta(days=89)}, "complaints", "89 days ago"),
        ({"last_upheld_complaint": AS_OF}, "complaints", "0 days ago"),
    ],
)
def test_each_criterion_missed_alone_is_named_with_its_figures(
    change: dict[str, object], failed: str, fragment: str
) -> None:
    assessment = mentoring.assess_senior(dataclasses.replace(THRESHOLD, **change))  # type: ignore[arg-type]
    assert not assessment.senior
    assert [result.code for result in assessment.results if not result.met] == [failed]
    assert fragment in next(result.explanation for result in assessment.results if result.code == failed)


def test_no_complaint_on_record_meets_that_criterion() -> None:
    result = mentoring.assess_senior(dataclasses.replace(THRESHOLD, last_upheld_complaint=None)).results[-1]
    assert result.met and result.explanation == "Met: no upheld complaint on record (none in the last 90 days allowed)."


def test_criteria_are_explicit_and_can_be_changed() -> None:
    stricter = SeniorCriteria(min_tenure_months=24, min_exam_score=95)
    results = mentoring.assess_senior(THRESHOLD, stricter).results
    assert {result.code: (result.met, result.actual, result.required) for result in results}["tenure"] == (
        False,
        12,
        24,
    )
    assert [result.code for result in results if not result.met] == ["tenure", "exam"]


@pytest.mark.parametrize(
    ("started", "as_of", "months"),
    [
        (dt.date(2025, 11, 30), dt.date(2026, 11, 30), 12),
        (dt.date(2025, 11, 30), dt.date(2026, 11, 29), 11),
        (dt.date(2026, 1, 31), dt.date(2026, 2, 28), 1),  # a shorter month ends on its last day
        (dt.date(2026, 1, 31), dt.date(2026, 2, 27), 0),
        (dt.date(2024, 2, 29), dt.date(2025, 2, 28), 12),
        (dt.date(2026, 3, 15), dt.date(2026, 3, 15), 0),
    ],
)
def test_tenure_counts_whole_calendar_months(started: dt.date, as_of: dt.date, months: int) -> None:
    assert mentoring.tenure_months(started, as_of) == months


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"started_on": AS_OF + dt.timedelta(days=1)}, "started_on"),
        ({"resolved_contacts": -1}, "contacts"),
        ({"quality_total": 200_001}, "quality_total"),
        ({"rating_total": 199}, "rating_total"),
        ({"rating_total": 1_001}, "rating_total"),
        ({"exam_score": 101}, "exam_score"),
        ({"last_upheld_complaint": AS_OF + dt.timedelta(days=1)}, "last_upheld_complaint"),
    ],
)
def test_impossible_stats_are_refused_with_their_field(change: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidWorkforceInput) as raised:
        mentoring.assess_senior(dataclasses.replace(THRESHOLD, **change))  # type: ignore[arg-type]
    assert raised.value.field == field


def test_stats_from_contacts_count_as_pay_does() -> None:
    at = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    contacts = [
        Contact("a1", "c1", at, "after-sale", 1, 60, 80, 5, ContactStatus.RESOLVED),
        Contact("a1", "c2", at, "after-sale", 1, 60, 100, None, ContactStatus.TRANSFERRED),
        Contact("a1", "c3", at, "after-sale", 1, 60, 0, 1, ContactStatus.ABANDONED),  # counts for nothing
        Contact("a2", "c4", at, "after-sale", 1, 60, 0, 1, ContactStatus.RESOLVED),  # someone else's
    ]
    stats = mentoring.stats_from_contacts("a1", AS_OF, dt.date(2026, 1, 1), contacts, exam_score=93)
    assert (stats.resolved_contacts, stats.reviewed_contacts, stats.quality_total) == (1, 2, 180)
    assert (stats.ratings, stats.rating_total, stats.exam_score) == (1, 5, 93)
    assert stats.mean_quality == 90 and stats.mean_satisfaction == 5


def test_assessment_document_is_json() -> None:
    document = json.loads(json.dumps(mentoring.assessment_document(mentoring.assess_senior(THRESHOLD))))
    assert document["senior"] is True and document["as_of"] == "2026-11-30"
    assert document["criteria"][2] == {
        "code": "quality",
        "met": True,
        "actual": "90.00",
        "required": "90.00",
        "explanation": "Met: mean quality score 90.00 over 2000 reviewed contacts (at least 90 needed).",
    }
    assert document["criteria"][0]["actual"] == 12


# Mentoring links


def _check(**overrides: object) -> None:
    arguments: dict[str, object] = {
        "mentor_is_senior": True,
        "mentor_apprentices": ["p1"],
        "apprentice_mentor": None,
    }
    arguments.update(overrides)
    mentoring.check_mentorship("s1", str(arguments.pop("apprentice", "p2")), **arguments)  # type: ignore[arg-type]


def test_a_senior_expert_below_the_limit_takes_an_apprentice() -> None:
    _check()
    _check(mentor_apprentices=["p1", "p3"])


@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        ({"mentor_is_senior": False}, "mentor_id", "s1 is not a senior expert: only senior experts mentor."),
        (
            {"mentor_apprentices": ["p1", "p3", "p4"]},
            "mentor_id",
            "s1 already mentors 3 apprentices, the most allowed.",
        ),
        ({"mentor_apprentices": ["p1"], "limit": 1}, "mentor_id", "already mentors 1 apprentices"),
        ({"apprentice": "s1"}, "apprentice_id", "An agent cannot mentor themselves."),
        ({"apprentice": "p1"}, "apprentice_id", "p1 is already an apprentice of s1."),
        ({"apprentice_mentor": "s9"}, "apprentice_id", "p2 already has a mentor, s9: end that link first."),
        ({"limit": 0}, "limit", "at least 1 apprentice"),
    ],
)
def test_a_link_the_rules_forbid_is_refused_saying_which_rule(
    overrides: dict[str, object], field: str, fragment: str
) -> None:
    with pytest.raises(MentorshipRefused) as raised:
        _check(**overrides)
    assert raised.value.field == field and fragment in raised.value.message
    assert isinstance(raised.value, InvalidWorkforceInput)


def test_can_mentor_only_senior_experts_below_the_limit() -> None:
    assert mentoring.can_mentor(True, 0) and mentoring.can_mentor(True, 2)
    assert not mentoring.can_mentor(True, 3)
    assert not mentoring.can_mentor(False, 0)
    assert mentoring.can_mentor(True, 4, limit=5) and not mentoring.can_mentor(True, 5, limit=5)


# Properties

STATS = st.builds(
    lambda months_before, resolved, reviewed, quality_share, ratings, rating_share, exam, complaint_days: AgentStats(
        "s1",
        AS_OF,
        AS_OF - dt.timedelta(days=months_before),
        resolved,
        reviewed,
        reviewed * 100 * quality_share // 1000,
        ratings,
        ratings + ratings * 4 * rating_share // 1000,
        exam,
        None if complaint_days is None else AS_OF - dt.timedelta(days=complaint_days),
    ),
    st.integers(0, 800),
    st.integers(0, 4_000),
    st.integers(0, 4_000),
    st.integers(0, 1000),
    st.integers(0, 400),
    st.integers(0, 1000),
    st.none() | st.integers(0, 100),
    st.none() | st.integers(0, 200),
)


@settings(max_examples=150, deadline=None)
@given(STATS)
def test_senior_exactly_when_every_listed_criterion_is_met(stats: AgentStats) -> None:
    assessment = mentoring.assess_senior(stats)
    assert [result.code for result in assessment.results] == CODES
    assert assessment.senior == all(result.met for result in assessment.results)
    for result in assessment.results:
        assert result.explanation.startswith("Met: " if result.met else "Not met: ")
    mean = stats.mean_quality
    quality = assessment.results[2]
    assert quality.met == (mean is not None and mean >= Decimal(90))


@settings(max_examples=150, deadline=None)
@given(STATS, st.integers(0, 500), st.integers(0, 100), st.integers(0, 60))
def test_a_better_record_never_loses_a_criterion(stats: AgentStats, more: int, exam: int, older: int) -> None:
    better = dataclasses.replace(
        stats,
        resolved_contacts=stats.resolved_contacts + more,
        reviewed_contacts=stats.reviewed_contacts + more,
        quality_total=stats.quality_total + 100 * more,
        ratings=stats.ratings + more,
        rating_total=stats.rating_total + 5 * more,
        exam_score=max(exam, stats.exam_score or 0),
        started_on=stats.started_on - dt.timedelta(days=older),
        last_upheld_complaint=None
        if stats.last_upheld_complaint is None
        else stats.last_upheld_complaint - dt.timedelta(days=older),
    )
    before, after = _met(stats), _met(better)
    assert all(after[code] for code in CODES if before[code])


@settings(max_examples=100, deadline=None)
@given(
    st.booleans(),
    st.lists(st.sampled_from(["p1", "p2", "p3", "p4", "p5"]), unique=True, max_size=5),
    st.sampled_from(["p1", "p2", "p6", "s1"]),
    st.none() | st.sampled_from(["s1", "s9"]),
    st.integers(1, 5),
)
def test_check_and_can_mentor_agree(
    senior: bool, apprentices: list[str], apprentice: str, current: str | None, limit: int
) -> None:
    refusal = mentoring.mentorship_refusal(
        "s1",
        apprentice,
        mentor_is_senior=senior,
        mentor_apprentices=apprentices,
        apprentice_mentor=current,
        limit=limit,
    )
    if refusal is None:  # an allowed link: a senior mentor with room, a free apprentice who is someone else
        assert mentoring.can_mentor(senior, len(apprentices), limit)
        assert apprentice != "s1" and apprentice not in apprentices and current is None
    elif not mentoring.can_mentor(senior, len(apprentices), limit):
        assert refusal.field in {"mentor_id", "apprentice_id"}
