"""The recruitment pipeline: applications, stage moves with reasons, accommodations under consent, notifications."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from barrierfree.core.accounts import User
from barrierfree.core.audit.models import AuditEntry
from barrierfree.core.errors import Conflict, ConsentRequired, NotFound, PermissionDenied
from barrierfree.core.i18n import use_language
from barrierfree.core.orgs.models import Membership, Organisation, OrgKind, OrgRole
from barrierfree.core.privacy import ConsentPurpose, has_consent, withdraw_consent
from barrierfree.workforce import recruitment
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.models import Programme, Stage
from barrierfree.workforce.recruitment import ApplicationInput


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with use_language("en"):
        yield


def add_user(session: Session, username: str) -> User:
    user = User(username=username, display_name=username.title(), password_hash="not-a-hash")
    session.add(user)
    session.flush()
    return user


@pytest.fixture
def employer(session: Session) -> Organisation:
    organisation = Organisation(name="Cloud Service Co", kind=OrgKind.EMPLOYER)
    session.add(organisation)
    session.add(Organisation(name="Hangzhou Disabled Persons' Federation", kind=OrgKind.FEDERATION))
    session.flush()
    session.add(Programme(organisation_id=organisation.id))
    return organisation


@pytest.fixture
def manager(session: Session, employer: Organisation) -> User:
    user = add_user(session, "manager")
    session.add(Membership(organisation_id=employer.id, user_id=user.id, role=OrgRole.MANAGER))
    session.flush()
    return user


def test_an_application_records_its_channel_and_names_a_known_federation(
    session: Session, employer: Organisation
) -> None:
    applicant = add_user(session, "lin")
    application = recruitment.apply(
        session, applicant, ApplicationInput(employer.id, "  Hangzhou Disabled   Persons' Federation ")
    )
    assert application.stage is Stage.APPLIED
    assert application.source_channel == "Hangzhou Disabled Persons' Federation"
    assert application.source_organisation_id is not None
    texts = [recruitment.notification_text(n) for n in recruitment.notifications_of(session, applicant)]
    assert texts == ["Your application to Cloud Service Co has been received."]


def test_accommodations_need_their_own_consent(session: Session, employer: Organisation) -> None:
    applicant = add_user(session, "wang")
    with pytest.raises(ConsentRequired):
        recruitment.apply(session, applicant, ApplicationInput(employer.id, "self", ("extra_time",)))
    application = recruitment.apply(
        session, applicant, ApplicationInput(employer.id, "self", ("extra_time", "screen_reader"), True)
    )
    assert application.accommodations == ["extra_time", "screen_reader"]
    assert has_consent(session, applicant.id, ConsentPurpose.WORKFORCE_ACCOMMODATIONS, employer.id)


def test_a_managers_read_of_accommodations_is_logged_and_withdrawal_erases_them(
    session: Session, employer: Organisation, manager: User
) -> None:
    applicant = add_user(session, "zhao")
    application = recruitment.apply(session, applicant, ApplicationInput(employer.id, "self", ("extra_time",), True))
    assert recruitment.read_accommodations(session, manager, application) == ["extra_time"]
    reads = session.scalars(select(AuditEntry).where(AuditEntry.action == "workforce.accommodations.read")).all()
    assert [(entry.actor_id, entry.subject_user_id) for entry in reads] == [(manager.id, applicant.id)]
    withdraw_consent(session, applicant, ConsentPurpose.WORKFORCE_ACCOMMODATIONS, organisation_id=employer.id)
    assert application.accommodations == []


def test_outsiders_cannot_list_or_read_applications(session: Session, employer: Organisation) -> None:
    applicant = add_user(session, "sun")
    outsider = add_user(session, "outsider")
    application = recruitment.apply(session, applicant, ApplicationInput(employer.id, "self"))
    with pytest.raises(PermissionDenied):
        recruitment.applications_for(session, outsider, employer.id)
    with pytest.raises(NotFound):
        recruitment.get_application(session, outsider, application.id)
    assert recruitment.get_application(session, applicant, application.id) is application


def test_bad_applications_say_what_is_wrong(session: Session, employer: Organisation) -> None:
    applicant = add_user(session, "qian")
    federation = session.scalar(select(Organisation).where(Organisation.kind == OrgKind.FEDERATION))
    assert federation is not None
    cases = [
        (ApplicationInput(federation.id, "self"), "organisation_id"),
        (ApplicationInput(employer.id, "   "), "source_channel"),
        (ApplicationInput(employer.id, "x" * 121), "source_channel"),
        (ApplicationInput(employer.id, "self", ("telepathy",), True), "accommodations"),
    ]
    for data, field in cases:
        with pytest.raises(InvalidWorkforceInput) as caught:
            recruitment.apply(session, applicant, data)
        assert caught.value.field == field
    recruitment.apply(session, applicant, ApplicationInput(employer.id, "self"))
    with pytest.raises(Conflict):
        recruitment.apply(session, applicant, ApplicationInput(employer.id, "self"))


def test_stage_moves_follow_the_pipeline_and_not_hired_needs_a_reason(
    session: Session, employer: Organisation, manager: User
) -> None:
    applicant = add_user(session, "zhou")
    application = recruitment.apply(session, applicant, ApplicationInput(employer.id, "self"))
    with pytest.raises(InvalidWorkforceInput, match="cannot move to exam"):
        recruitment.manager_move(session, manager, application.id, "exam", "")
    with pytest.raises(InvalidWorkforceInput) as caught:
        recruitment.manager_move(session, manager, application.id, "not_hired", "  ")
    assert caught.value.field == "reason"
    recruitment.manager_move(session, manager, application.id, "training", "")
    recruitment.manager_move(session, manager, application.id, "not_hired", "The programme is full this month.")
    changes = recruitment.history(session, application.id)
    assert [(c.from_stage, c.to_stage) for c in changes] == [
        (None, Stage.APPLIED),
        (Stage.APPLIED, Stage.TRAINING),
        (Stage.TRAINING, Stage.NOT_HIRED),
    ]
    assert recruitment.reason_text(changes[1]) == "Application accepted: training can start."
    newest = recruitment.notification_text(recruitment.notifications_of(session, applicant)[0])
    assert newest == "Your application to Cloud Service Co moved to: not hired. The programme is full this month."


def test_hiring_needs_a_passed_exam(session: Session, employer: Organisation, manager: User) -> None:
    applicant = add_user(session, "wu")
    application = recruitment.apply(session, applicant, ApplicationInput(employer.id, "self"))
    application.stage = Stage.EXAM
    with pytest.raises(InvalidWorkforceInput, match="passed the exam"):
        recruitment.manager_move(session, manager, application.id, "hired", "")


def test_notifications_read_in_the_readers_language(session: Session, employer: Organisation) -> None:
    applicant = add_user(session, "zheng")
    recruitment.apply(session, applicant, ApplicationInput(employer.id, "self"))
    notification = recruitment.notifications_of(session, applicant)[0]
    with use_language("zh-CN"):
        assert "Cloud Service Co" in recruitment.notification_text(notification)
        assert "received" not in recruitment.notification_text(notification)


def test_only_employers_whose_programme_takes_applications_are_offered(
    session: Session, employer: Organisation, manager: User
) -> None:
    station = Organisation(name="Delivery Station", kind=OrgKind.EMPLOYER)  # an employer without a programme
    session.add(station)
    session.flush()
    applicant = add_user(session, "zhou")
    assert [org.name for org in recruitment.employers(session)] == ["Cloud Service Co"]
    with pytest.raises(InvalidWorkforceInput, match="Delivery Station is not taking applications"):
        recruitment.apply(session, applicant, ApplicationInput(station.id, "self"))

    sent = recruitment.apply(session, applicant, ApplicationInput(employer.id, "self"))
    recruitment.set_taking_applications(session, manager, employer.id, False)

    assert recruitment.employers(session) == []
    assert not recruitment.takes_applications(session, employer.id)
    with pytest.raises(InvalidWorkforceInput, match="not taking applications"):
        recruitment.apply(session, add_user(session, "late"), ApplicationInput(employer.id, "self"))
    assert recruitment.get_application(session, applicant, sent.id).stage is Stage.APPLIED  # sent ones stay
    recruitment.set_taking_applications(session, manager, employer.id, True)
    assert [org.name for org in recruitment.employers(session)] == ["Cloud Service Co"]
    actions = session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("workforce.programme.%")))
    assert list(actions) == ["workforce.programme.closed", "workforce.programme.opened"]


def test_only_an_employers_managers_open_its_programme(session: Session, employer: Organisation) -> None:
    federation = session.scalar(select(Organisation).where(Organisation.kind == OrgKind.FEDERATION))
    assert federation is not None
    stranger = add_user(session, "stranger")
    with pytest.raises(PermissionDenied):
        recruitment.set_taking_applications(session, stranger, employer.id, False)
    owner = add_user(session, "fed.owner")
    session.add(Membership(organisation_id=federation.id, user_id=owner.id, role=OrgRole.OWNER))
    session.flush()
    with pytest.raises(InvalidWorkforceInput, match="Only an employer"):
        recruitment.set_taking_applications(session, owner, federation.id, True)
    with pytest.raises(NotFound):
        recruitment.set_taking_applications_as_operator(session, 99_999, True)
    assert recruitment.set_taking_applications_as_operator(session, employer.id, False).changed_by is None
