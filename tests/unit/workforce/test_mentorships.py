"""Senior experts and mentorships as stored: designation only when every criterion is met, the mentoring rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from barrierfree.core.accounts import User
from barrierfree.core.errors import PermissionDenied
from barrierfree.core.i18n import use_language
from barrierfree.core.orgs.models import Membership, Organisation, OrgKind, OrgRole
from barrierfree.workforce import mentorships, recruitment
from barrierfree.workforce.contacts import parse_contacts
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.mentoring import assess_senior, stats_from_contacts
from tests.workforce_data import senior_contacts_csv

AS_OF = dt.date(2026, 11, 29)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with use_language("en"):
        yield


@pytest.fixture
def people(session: Session) -> dict[str, User]:
    employer = Organisation(name="Cloud Service Co", kind=OrgKind.EMPLOYER)
    session.add(employer)
    users = {
        name: User(username=name, display_name=name.title(), password_hash="x")
        for name in ("boss", "sage", "a", "b", "c", "d")
    }
    session.add_all(users.values())
    session.flush()
    session.add(Membership(organisation_id=employer.id, user_id=users["boss"].id, role=OrgRole.MANAGER))
    session.flush()
    users["employer"] = employer  # type: ignore[assignment]
    return users


def assessment(exam_score: int | None) -> object:
    records = parse_contacts(senior_contacts_csv("a1"))
    return assess_senior(stats_from_contacts("a1", AS_OF, dt.date(2024, 1, 1), records, exam_score=exam_score))


def test_a_senior_expert_needs_every_criterion_and_the_refusal_names_what_is_missing(
    session: Session, people: dict[str, User]
) -> None:
    employer_id = people["employer"].id
    with pytest.raises(InvalidWorkforceInput, match="senior exam"):
        mentorships.designate_senior(session, people["boss"], employer_id, "sage", assessment(None))  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        mentorships.designate_senior(session, people["a"], employer_id, "sage", assessment(95))  # type: ignore[arg-type]
    expert = mentorships.designate_senior(session, people["boss"], employer_id, "sage", assessment(95))  # type: ignore[arg-type]
    assert expert.assessment["senior"] is True and all(item["met"] for item in expert.assessment["criteria"])


def test_mentoring_rules_hold_in_storage(session: Session, people: dict[str, User]) -> None:
    employer_id, boss = people["employer"].id, people["boss"]
    with pytest.raises(InvalidWorkforceInput, match="not a senior expert") as caught:
        mentorships.link(session, boss, employer_id, "sage", "a")
    assert caught.value.field == "mentor"
    mentorships.designate_senior(session, boss, employer_id, "sage", assessment(95))  # type: ignore[arg-type]
    first = mentorships.link(session, boss, employer_id, "sage", "a")
    with pytest.raises(InvalidWorkforceInput, match="already an apprentice"):
        mentorships.link(session, boss, employer_id, "sage", "a")
    mentorships.link(session, boss, employer_id, "sage", "b")
    mentorships.link(session, boss, employer_id, "sage", "c")
    with pytest.raises(InvalidWorkforceInput, match="the most allowed"):
        mentorships.link(session, boss, employer_id, "sage", "d")
    mentorships.end(session, boss, first.id)
    mentorships.link(session, boss, employer_id, "sage", "d")
    shown = mentorships.overview(session, boss, employer_id)
    assert sorted(shown.people[pair.apprentice_id].username for pair in shown.links) == ["b", "c", "d"]
    told = recruitment.notification_text(recruitment.notifications_of(session, people["d"])[0])
    assert told == "Sage is now your mentor."
    with pytest.raises(InvalidWorkforceInput, match="no user"):
        mentorships.link(session, boss, employer_id, "sage", "nobody")
