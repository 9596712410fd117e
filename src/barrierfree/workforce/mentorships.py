"""Mentorships as an employer keeps them: senior experts (recognised by the explicit criteria of
:mod:`barrierfree.workforce.mentoring`) and their mentor-apprentice links.

The platform does not hold agents' contact records (the contact centre does), so a manager recognises a senior
expert by running the assessment on the agent's contacts file; the assessment, every criterion with its figures,
is stored with the designation so anyone can see why.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from barrierfree.core.accounts import User
from barrierfree.core.accounts.services import actor_for
from barrierfree.core.audit import record
from barrierfree.core.clock import utcnow
from barrierfree.core.errors import NotFound
from barrierfree.core.i18n import _
from barrierfree.core.orgs import Permission, authorize
from barrierfree.workforce import recruitment
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.mentoring import SeniorAssessment, assessment_document, check_mentorship
from barrierfree.workforce.models import Mentorship, SeniorExpert


def _person(session: Session, username: str, field: str) -> User:
    person = session.scalar(select(User).where(User.username == username.strip()))
    if person is None:
        raise InvalidWorkforceInput(_("There is no user {name}.").format(name=username.strip()[:40]), field=field)
    return person


def designate_senior(
    session: Session,
    manager: User | None,
    organisation_id: int,
    username: str,
    assessment: SeniorAssessment,
    *,
    ip: str | None = None,
) -> SeniorExpert:
    """Recognise an agent as a senior expert; refused, naming the unmet criteria, unless every one is met."""
    authorize(session, manager, Permission.WORKFORCE_MANAGE, organisation_id)
    assert manager is not None
    person = _person(session, username, "username")
    if not assessment.senior:
        unmet = "; ".join(result.explanation for result in assessment.results if not result.met)
        raise InvalidWorkforceInput(
            _("{name} does not meet every criterion yet: {unmet}").format(name=person.username, unmet=unmet),
            field="username",
        )
    expert = session.scalar(
        select(SeniorExpert).where(SeniorExpert.organisation_id == organisation_id, SeniorExpert.user_id == person.id)
    )
    if expert is None:
        expert = SeniorExpert(organisation_id=organisation_id, user_id=person.id)
        session.add(expert)
    expert.assessment = assessment_document(assessment)
    expert.designated_by = manager.id
    expert.designated_at = utcnow()
    record(
        session, actor_for(manager, ip), "workforce.senior", subject_user_id=person.id, organisation_id=organisation_id
    )
    session.flush()
    return expert


def _active_links(session: Session, organisation_id: int) -> list[Mentorship]:
    query = select(Mentorship).where(Mentorship.organisation_id == organisation_id, Mentorship.ended_at.is_(None))
    return list(session.scalars(query.order_by(Mentorship.id)))


def link(
    session: Session,
    manager: User | None,
    organisation_id: int,
    mentor_username: str,
    apprentice_username: str,
    *,
    ip: str | None = None,
) -> Mentorship:
    """Pair a senior expert with an apprentice, under the mentoring rules (one mentor each, a cap per mentor)."""
    authorize(session, manager, Permission.WORKFORCE_MANAGE, organisation_id)
    assert manager is not None
    mentor = _person(session, mentor_username, "mentor")
    apprentice = _person(session, apprentice_username, "apprentice")
    senior = session.scalar(
        select(SeniorExpert.id).where(
            SeniorExpert.organisation_id == organisation_id, SeniorExpert.user_id == mentor.id
        )
    )
    active = _active_links(session, organisation_id)
    names = {row.id: row.username for row in session.scalars(select(User).where(User.id.in_(_ids(active))))}
    current_mentor = next((names[row.mentor_id] for row in active if row.apprentice_id == apprentice.id), None)
    try:
        check_mentorship(
            mentor.username,
            apprentice.username,
            mentor_is_senior=senior is not None,
            mentor_apprentices=[names[row.apprentice_id] for row in active if row.mentor_id == mentor.id],
            apprentice_mentor=current_mentor,
        )
    except InvalidWorkforceInput as refusal:
        field = "mentor" if refusal.field == "mentor_id" else "apprentice"
        raise InvalidWorkforceInput(refusal.message, field=field) from None
    pairing = Mentorship(organisation_id=organisation_id, mentor_id=mentor.id, apprentice_id=apprentice.id)
    session.add(pairing)
    recruitment.notify(session, apprentice.id, "mentor", mentor=mentor.display_name)
    record(
        session,
        actor_for(manager, ip),
        "workforce.mentorship",
        subject_user_id=apprentice.id,
        organisation_id=organisation_id,
        detail={"mentor": mentor.username},
    )
    session.flush()
    return pairing


def _ids(rows: list[Mentorship]) -> set[int]:
    return {row.mentor_id for row in rows} | {row.apprentice_id for row in rows}


def end(session: Session, manager: User | None, mentorship_id: int) -> Mentorship:
    """End a mentorship; the record stays."""
    pairing = session.get(Mentorship, mentorship_id)
    if pairing is None:
        raise NotFound(_("There is no such mentorship."))
    authorize(session, manager, Permission.WORKFORCE_MANAGE, pairing.organisation_id)
    if pairing.ended_at is None:
        pairing.ended_at = utcnow()
    session.flush()
    return pairing


@dataclass(frozen=True)
class MentoringOverview:
    """An employer's senior experts and active mentorships, with the people's names."""

    experts: list[SeniorExpert]
    links: list[Mentorship]
    people: dict[int, User]


def overview(session: Session, manager: User | None, organisation_id: int) -> MentoringOverview:
    """Everything the mentoring page shows (managers only)."""
    authorize(session, manager, Permission.WORKFORCE_MANAGE, organisation_id)
    experts = list(
        session.scalars(
            select(SeniorExpert).where(SeniorExpert.organisation_id == organisation_id).order_by(SeniorExpert.id)
        )
    )
    links = _active_links(session, organisation_id)
    ids = _ids(links) | {expert.user_id for expert in experts}
    people = {person.id: person for person in session.scalars(select(User).where(User.id.in_(ids)))}
    return MentoringOverview(experts=experts, links=links, people=people)
