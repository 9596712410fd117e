"""The recruitment pipeline: applications, their stages with reasons, accommodations and notifications.

Applied -> training -> simulation -> exam -> hired, or not hired at any stage (with a reason, which the applicant
sees). A manager accepts an application into training and hires after a passed exam; the steps between follow the
candidate's own progress: passing every training module opens the simulation, a passed simulation opens the exam.

Accommodations (screen reader, extra time, captioned material...) hint at a disability, so they are sensitive
personal information: stored only with the applicant's separate consent for that employer, every read by a person
is written to the audit log, and withdrawing the consent erases them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from barrierfree.core.accounts import User
from barrierfree.core.accounts.services import actor_for
from barrierfree.core.audit import Actor, record
from barrierfree.core.errors import Conflict, ConsentRequired, NotFound, ProblemList
from barrierfree.core.i18n import N_, _
from barrierfree.core.orgs import Permission, allowed, authorize
from barrierfree.core.orgs.models import Organisation, OrgKind
from barrierfree.core.privacy import ConsentPurpose, give_consent, has_consent, on_withdrawal
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.models import (
    Accommodation,
    Application,
    ExamAttempt,
    Notification,
    Programme,
    Stage,
    StageChange,
)

MAX_CHANNEL_LENGTH = 120
MAX_REASON_LENGTH = 500
NOTIFICATION_PAGE_SIZE = 50

NEXT_STAGES: dict[Stage, frozenset[Stage]] = {
    Stage.APPLIED: frozenset({Stage.TRAINING, Stage.NOT_HIRED}),
    Stage.TRAINING: frozenset({Stage.SIMULATION, Stage.NOT_HIRED}),
    Stage.SIMULATION: frozenset({Stage.EXAM, Stage.NOT_HIRED}),
    Stage.EXAM: frozenset({Stage.HIRED, Stage.NOT_HIRED}),
    Stage.HIRED: frozenset(),
    Stage.NOT_HIRED: frozenset({Stage.APPLIED}),
}
"""Which moves are allowed; anything else is refused with the allowed moves named."""

DEFAULT_REASONS: dict[Stage, str] = {
    Stage.TRAINING: N_("Application accepted: training can start."),
    Stage.SIMULATION: N_("Every training module passed: the dialogue simulation is open."),
    Stage.EXAM: N_("Simulation passed: the exam is open."),
    Stage.HIRED: N_("Exam passed: welcome to the team."),
    Stage.APPLIED: N_("Application reopened."),
}

STAGE_LABELS: dict[Stage, str] = {
    Stage.APPLIED: N_("applied"),
    Stage.TRAINING: N_("training"),
    Stage.SIMULATION: N_("simulation"),
    Stage.EXAM: N_("exam"),
    Stage.HIRED: N_("hired"),
    Stage.NOT_HIRED: N_("not hired"),
}

ACCOMMODATION_LABELS: dict[Accommodation, str] = {
    Accommodation.SCREEN_READER: N_("screen reader"),
    Accommodation.EXTRA_TIME: N_("extra time"),
    Accommodation.CAPTIONED_MATERIAL: N_("captioned material"),
    Accommodation.SIGN_LANGUAGE: N_("sign-language interpreting"),
    Accommodation.LARGE_PRINT: N_("large print"),
    Accommodation.FREQUENT_BREAKS: N_("frequent breaks"),
}


def stage_label(stage: Stage) -> str:
    """A stage's name in the reader's language."""
    return _(STAGE_LABELS[stage])


def accommodation_label(value: str) -> str:
    """An accommodation's name in the reader's language."""
    return _(ACCOMMODATION_LABELS[Accommodation(value)])


@dataclass(frozen=True)
class ApplicationInput:
    """What an applicant sends."""

    organisation_id: int
    source_channel: str
    accommodations: tuple[str, ...] = ()
    consent_to_accommodations: bool = False


def employers(session: Session) -> list[Organisation]:
    """Employers whose customer-service programme takes applications now: the ones applicants may choose."""
    query = (
        select(Organisation)
        .join(Programme, Programme.organisation_id == Organisation.id)
        .where(Organisation.kind == OrgKind.EMPLOYER, Programme.taking_applications.is_(True))
    )
    return list(session.scalars(query.order_by(Organisation.name)))


def takes_applications(session: Session, organisation_id: int) -> bool:
    """True when the organisation runs a customer-service programme that takes applications now."""
    programme = session.get(Programme, organisation_id)
    return programme is not None and programme.taking_applications


def set_taking_applications(
    session: Session, manager: User | None, organisation_id: int, taking: bool, *, ip: str | None = None
) -> Programme:
    """Open (or close) an employer's programme to applications; its managers decide. Applications already sent
    stay where they are either way. Audited."""
    user = authorize(session, manager, Permission.WORKFORCE_MANAGE, organisation_id)
    return _set_programme(session, actor_for(user, ip), organisation_id, taking)


def set_taking_applications_as_operator(session: Session, organisation_id: int, taking: bool) -> Programme:
    """The same from the command line: the operator, who runs the platform, acts for the employer."""
    if session.get(Organisation, organisation_id) is None:
        raise NotFound(_("There is no employer {employer}.").format(employer=organisation_id))
    return _set_programme(session, Actor.system("command line"), organisation_id, taking)


def _set_programme(session: Session, actor: Actor, organisation_id: int, taking: bool) -> Programme:
    organisation = session.get(Organisation, organisation_id)
    if organisation is None or organisation.kind is not OrgKind.EMPLOYER:
        raise InvalidWorkforceInput(_("Only an employer runs a customer-service programme."), field="organisation_id")
    programme = session.get(Programme, organisation_id) or Programme(organisation_id=organisation_id)
    programme.taking_applications = taking
    programme.changed_by = actor.user_id
    session.add(programme)
    session.flush()
    action = "workforce.programme.opened" if taking else "workforce.programme.closed"
    record(session, actor, action, organisation_id=organisation_id)
    return programme


def _employer(session: Session, organisation_id: int) -> Organisation:
    organisation = session.get(Organisation, organisation_id)
    if organisation is None or organisation.kind is not OrgKind.EMPLOYER:
        raise InvalidWorkforceInput(_("Choose an employer from the list."), field="organisation_id")
    if not takes_applications(session, organisation_id):
        raise InvalidWorkforceInput(
            _("{employer} is not taking applications now. Choose an employer from the list.").format(
                employer=organisation.name
            ),
            field="organisation_id",
        )
    return organisation


def _checked_accommodations(values: tuple[str, ...]) -> list[str]:
    known = {item.value for item in Accommodation}
    unknown = [value for value in values if value not in known]
    if unknown:
        raise InvalidWorkforceInput(
            _("Unknown accommodation {value}. Choose from the list.").format(value=unknown[0]), field="accommodations"
        )
    return sorted(set(values))


def _checked_channel(text: str) -> str:
    channel = " ".join(text.split())
    if not channel:
        raise InvalidWorkforceInput(
            _("Say which federation or organisation referred you, or 'self' if none did."), field="source_channel"
        )
    if len(channel) > MAX_CHANNEL_LENGTH:
        raise InvalidWorkforceInput(
            _("The referring organisation's name is longer than {limit} characters.").format(limit=MAX_CHANNEL_LENGTH),
            field="source_channel",
        )
    return channel


def apply(session: Session, applicant: User, data: ApplicationInput, *, ip: str | None = None) -> Application:
    """Send an application; accommodations are stored only with the separate consent for this employer."""
    problems = ProblemList()  # every wrong field named at once
    checked_organisation = problems.check(lambda: _employer(session, data.organisation_id))
    checked_channel = problems.check(lambda: _checked_channel(data.source_channel))
    checked_accommodations = problems.check(lambda: _checked_accommodations(data.accommodations))
    problems.raise_any()
    assert checked_organisation is not None and checked_channel is not None and checked_accommodations is not None
    organisation, channel, accommodations = checked_organisation, checked_channel, checked_accommodations
    if accommodations and not data.consent_to_accommodations:
        raise ConsentRequired(
            _("To store the accommodations you need, agree separately that this employer may know them."),
        )
    existing = session.scalar(
        select(Application).where(Application.organisation_id == organisation.id, Application.user_id == applicant.id)
    )
    if existing is not None:
        raise Conflict(_("You have already applied to {employer}.").format(employer=organisation.name))
    if accommodations:
        give_consent(
            session, applicant, ConsentPurpose.WORKFORCE_ACCOMMODATIONS, organisation_id=organisation.id, ip=ip
        )
    source = session.scalar(select(Organisation.id).where(Organisation.name == channel))
    application = Application(
        organisation_id=organisation.id,
        user_id=applicant.id,
        source_channel=channel,
        source_organisation_id=source,
        stage=Stage.APPLIED,
        accommodations=accommodations,
    )
    session.add(application)
    session.flush()
    session.add(
        StageChange(
            application_id=application.id, from_stage=None, to_stage=Stage.APPLIED, reason="", actor_id=applicant.id
        )
    )
    record(
        session,
        actor_for(applicant, ip),
        "workforce.applied",
        subject_user_id=applicant.id,
        organisation_id=organisation.id,
    )
    notify(session, applicant.id, "applied", employer=organisation.name)
    return application


def applications_of(session: Session, user: User) -> list[Application]:
    """The user's own applications, newest first."""
    return list(
        session.scalars(select(Application).where(Application.user_id == user.id).order_by(Application.id.desc()))
    )


def applications_for(
    session: Session, manager: User | None, organisation_id: int, stage: Stage | None = None
) -> list[Application]:
    """An employer's applications for its managers (no accommodations in this list: reading them is logged)."""
    authorize(session, manager, Permission.WORKFORCE_MANAGE, organisation_id)
    query = select(Application).where(Application.organisation_id == organisation_id)
    if stage is not None:
        query = query.where(Application.stage == stage)
    return list(session.scalars(query.order_by(Application.updated_at.desc(), Application.id.desc())))


def get_application(session: Session, reader: User | None, application_id: int) -> Application:
    """One application, for its applicant or the employer's managers; anyone else is told it does not exist."""
    application = session.get(Application, application_id)
    if application is None or reader is None:
        raise NotFound(_("There is no such application."))
    if application.user_id != reader.id and not allowed(
        session, reader, Permission.WORKFORCE_MANAGE, application.organisation_id
    ):
        raise NotFound(_("There is no such application."))
    return application


def read_accommodations(
    session: Session, reader: User, application: Application, *, ip: str | None = None
) -> list[str]:
    """The accommodations of an application; a read by anyone but the applicant goes to the audit log."""
    if application.user_id != reader.id:
        authorize(session, reader, Permission.WORKFORCE_MANAGE, application.organisation_id)
        if application.accommodations:
            record(
                session,
                actor_for(reader, ip),
                "workforce.accommodations.read",
                subject_user_id=application.user_id,
                organisation_id=application.organisation_id,
            )
    return list(application.accommodations)


def accommodations_in_force(session: Session, user_id: int) -> set[str]:
    """What the platform itself must grant a person in training and exams (no human reads this)."""
    rows = session.scalars(select(Application.accommodations).where(Application.user_id == user_id))
    return {item for row in rows for item in row}


def history(session: Session, application_id: int) -> list[StageChange]:
    """Every stage change of an application, oldest first."""
    return list(
        session.scalars(
            select(StageChange).where(StageChange.application_id == application_id).order_by(StageChange.id)
        )
    )


def move(
    session: Session,
    application: Application,
    to_stage: Stage,
    *,
    reason: str = "",
    actor: User | None = None,
    ip: str | None = None,
) -> StageChange:
    """Move an application to another stage, record who and why, and tell the applicant."""
    if to_stage not in NEXT_STAGES[application.stage]:
        allowed_moves = ", ".join(stage_label(stage) for stage in sorted(NEXT_STAGES[application.stage])) or "-"
        raise InvalidWorkforceInput(
            _("An application at stage {stage} cannot move to {target}. Allowed: {allowed}.").format(
                stage=stage_label(application.stage), target=stage_label(to_stage), allowed=allowed_moves
            ),
            field="stage",
        )
    reason = " ".join(reason.split())
    if len(reason) > MAX_REASON_LENGTH:
        raise InvalidWorkforceInput(
            _("The reason is longer than {limit} characters.").format(limit=MAX_REASON_LENGTH), field="reason"
        )
    if to_stage is Stage.NOT_HIRED and not reason:
        raise InvalidWorkforceInput(
            _("Say why the application is not taken further: the applicant will read it."), field="reason"
        )
    change = StageChange(
        application_id=application.id,
        from_stage=application.stage,
        to_stage=to_stage,
        reason=reason,
        actor_id=actor.id if actor is not None else None,
    )
    application.stage = to_stage
    session.add(change)
    organisation = session.get(Organisation, application.organisation_id)
    employer = organisation.name if organisation is not None else ""
    notify(session, application.user_id, "stage", stage=to_stage.value, reason=reason, employer=employer)
    if actor is not None:
        record(
            session,
            actor_for(actor, ip),
            "workforce.stage",
            subject_user_id=application.user_id,
            organisation_id=application.organisation_id,
            detail={"to": to_stage.value},
        )
    session.flush()
    return change


def manager_move(
    session: Session, manager: User | None, application_id: int, to_stage: str, reason: str, *, ip: str | None = None
) -> StageChange:
    """A manager moves an application (accept into training, hire, not hire, reopen)."""
    application = session.get(Application, application_id)
    if application is None:
        raise NotFound(_("There is no such application."))
    authorize(session, manager, Permission.WORKFORCE_MANAGE, application.organisation_id)
    try:
        target = Stage(to_stage)
    except ValueError:
        raise InvalidWorkforceInput(_("Choose a stage from the list."), field="stage") from None
    if target is Stage.HIRED and not _passed_exam(session, application.user_id):
        raise InvalidWorkforceInput(_("Hire after the candidate has passed the exam."), field="stage")
    return move(session, application, target, reason=reason, actor=manager, ip=ip)


def _passed_exam(session: Session, user_id: int) -> bool:
    passed = select(ExamAttempt.id).where(ExamAttempt.user_id == user_id, ExamAttempt.passed.is_(True))
    return session.scalar(passed) is not None


def reason_text(change: StageChange) -> str:
    """The reason of a stage change as the reader should see it (the default reason when none was typed)."""
    if change.reason:
        return change.reason
    default = DEFAULT_REASONS.get(change.to_stage)
    return _(default) if default else ""


def advance(session: Session, user_id: int, from_stage: Stage, to_stage: Stage) -> list[StageChange]:
    """Move each of the user's applications at ``from_stage`` on, when their own progress opened the next step."""
    applications = session.scalars(
        select(Application).where(Application.user_id == user_id, Application.stage == from_stage)
    )
    return [move(session, application, to_stage) for application in applications]


def notify(session: Session, user_id: int, kind: str, **values: str) -> Notification:
    """Leave a message for a person; it is rendered in their language when they read it."""
    notification = Notification(user_id=user_id, kind=kind, values=values)
    session.add(notification)
    return notification


NOTIFICATION_TEXTS: dict[str, str] = {
    "applied": N_("Your application to {employer} has been received."),
    "stage": N_("Your application to {employer} moved to: {stage}. {reason}"),
    "exam": N_("Exam result: {score} out of 100. {outcome}"),
    "mentor": N_("{mentor} is now your mentor."),
}


def notification_text(notification: Notification) -> str:
    """A notification in the reader's language."""
    values = dict(notification.values)
    if notification.kind == "stage":
        stage = Stage(values["stage"])
        values["stage"] = stage_label(stage)
        default = DEFAULT_REASONS.get(stage)
        values["reason"] = values.get("reason") or (_(default) if default else "")
    template = NOTIFICATION_TEXTS.get(notification.kind)
    return _(template).format(**values).strip() if template else ""


def notifications_of(session: Session, user: User) -> list[Notification]:
    """A person's latest notifications, newest first."""
    query = (
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.id.desc())
        .limit(NOTIFICATION_PAGE_SIZE)
    )
    return list(session.scalars(query))


def _erase_accommodations(session: Session, user_id: int, organisation_id: int | None) -> None:
    """Withdrawn consent: the accommodations stored with that employer's application go."""
    for application in session.scalars(
        select(Application).where(Application.user_id == user_id, Application.organisation_id == organisation_id)
    ):
        application.accommodations = []


on_withdrawal(ConsentPurpose.WORKFORCE_ACCOMMODATIONS, _erase_accommodations)


def has_accommodations_consent(session: Session, user_id: int, organisation_id: int) -> bool:
    """Whether the applicant lets this employer know their accommodations."""
    return has_consent(session, user_id, ConsentPurpose.WORKFORCE_ACCOMMODATIONS, organisation_id)
