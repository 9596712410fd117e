"""Remote customer-service pages for applicants and managers: the programme, applying, applications and their
stages, mentors and senior experts."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from barrierfree.core.accounts import User
from barrierfree.core.errors import BarrierfreeError
from barrierfree.core.i18n import _
from barrierfree.core.orgs import Permission, allowed, memberships_of
from barrierfree.web.csrf import checked_form
from barrierfree.web.deps import RowId, client_ip, current_user, db_session, require_user
from barrierfree.web.notices import redirect_with_notice
from barrierfree.web.routers._workforce_inputs import day_from, upload_text, whole_from
from barrierfree.web.templating import render, render_form_error
from barrierfree.workforce import mentorships, recruitment
from barrierfree.workforce.contacts import parse_contacts
from barrierfree.workforce.mentoring import assess_senior as assess_senior_criteria
from barrierfree.workforce.mentoring import stats_from_contacts
from barrierfree.workforce.models import Accommodation, Stage

router = APIRouter(prefix="/workforce")


def managed_employers(session: Session, user: User | None) -> list[Any]:
    """The employers whose customer-service programme the user manages."""
    if user is None:
        return []
    return [
        m.organisation
        for m in memberships_of(session, user)
        if allowed(session, user, Permission.WORKFORCE_MANAGE, m.organisation_id)
    ]


@router.get("", response_class=HTMLResponse)
def programme(
    request: Request,
    user: User | None = Depends(current_user),
    session: Session = Depends(db_session, scope="function"),
) -> HTMLResponse:
    """The programme: how it works, the visitor's applications and messages, links for managers."""
    applications = recruitment.applications_of(session, user) if user else []
    context = {
        "title": _("Remote customer service"),
        "applications": [(application, recruitment.history(session, application.id)) for application in applications],
        "notifications": recruitment.notifications_of(session, user) if user else [],
        "managed": managed_employers(session, user),
        "stage_label": recruitment.stage_label,
        "reason_text": recruitment.reason_text,
        "notification_text": recruitment.notification_text,
        "stages": list(Stage),
    }
    return render(request, "workforce.html", context)


def _apply_context(session: Session, values: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": _("Apply to a customer-service programme"),
        "employer_choices": [(org.id, org.name) for org in recruitment.employers(session)],
        "accommodations": [(item.value, recruitment.accommodation_label(item.value)) for item in Accommodation],
        "form": values,
        "max_channel": recruitment.MAX_CHANNEL_LENGTH,
    }


@router.get("/apply", response_class=HTMLResponse)
def apply_form(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> HTMLResponse:
    """The application form."""
    return render(request, "workforce_apply.html", _apply_context(session, {"accommodations": []}))


@router.post("/apply", response_model=None)
async def apply(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> Response:
    """Send an application."""
    form = await checked_form(request)
    organisation = str(form.get("organisation_id", ""))
    channel = str(form.get("source_channel", ""))[: recruitment.MAX_CHANNEL_LENGTH * 2]
    needs = tuple(str(value) for value in form.getlist("accommodations"))
    consent = form.get("consent") == "yes"
    values: dict[str, Any] = {
        "organisation_id": organisation,
        "source_channel": channel,
        "accommodations": list(needs),
        "consent": consent,
    }
    try:
        organisation_id = (
            int(organisation) if organisation.isascii() and organisation.isdigit() and len(organisation) <= 9 else 0
        )
        data = recruitment.ApplicationInput(organisation_id, channel, needs, consent)
        recruitment.apply(session, user, data, ip=client_ip(request))
    except BarrierfreeError as error:
        error.field = error.field or ("consent" if error.code == "consent-required" else "form")
        return render_form_error(request, "workforce_apply.html", _apply_context(session, values), error)
    return redirect_with_notice("/workforce", "application-sent")


@router.get("/employers/{employer_id}/applications", response_class=HTMLResponse)
def employer_applications(
    request: Request,
    employer_id: RowId,
    stage: str = Query("", pattern=r"^[a-z_]{0,20}$"),
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> HTMLResponse:
    """An employer's applications, for its managers, optionally one stage only."""
    chosen = Stage(stage) if stage in {item.value for item in Stage} else None
    rows = recruitment.applications_for(session, user, employer_id, chosen)
    people = {row.user_id: session.get(User, row.user_id) for row in rows}
    employer = next((org for org in managed_employers(session, user) if org.id == employer_id), None)
    context = {
        "title": _("Applications to {employer}").format(employer=employer.name if employer else ""),
        "employer_id": employer_id,
        "rows": rows,
        "people": people,
        "stage_choices": [("", _("All stages"))] + [(item.value, recruitment.stage_label(item)) for item in Stage],
        "chosen": stage,
        "stage_label": recruitment.stage_label,
        "taking": recruitment.takes_applications(session, employer_id),
    }
    return render(request, "workforce_applications.html", context)


@router.post("/employers/{employer_id}/programme", response_model=None)
async def set_programme(
    request: Request,
    employer_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> Response:
    """A manager opens or closes the employer's programme to new applications."""
    form = await checked_form(request)
    taking = str(form.get("taking", "")) == "yes"
    recruitment.set_taking_applications(session, user, employer_id, taking, ip=client_ip(request))
    notice = "programme-opened" if taking else "programme-closed"
    return redirect_with_notice(f"/workforce/employers/{employer_id}/applications", notice)


def _application_context(session: Session, user: User, application_id: int, ip: str) -> dict[str, Any]:
    application = recruitment.get_application(session, user, application_id)
    applicant = session.get(User, application.user_id)
    is_manager = allowed(session, user, Permission.WORKFORCE_MANAGE, application.organisation_id)
    return {
        "title": _("Application of {name}").format(name=applicant.display_name if applicant else ""),
        "application": application,
        "applicant": applicant,
        "history": recruitment.history(session, application.id),
        "accommodations": [
            recruitment.accommodation_label(item)
            for item in recruitment.read_accommodations(session, user, application, ip=ip)
        ],
        "is_manager": is_manager,
        "moves": [
            (stage.value, recruitment.stage_label(stage))
            for stage in sorted(recruitment.NEXT_STAGES[application.stage])
        ],
        "stage_label": recruitment.stage_label,
        "reason_text": recruitment.reason_text,
        "max_reason": recruitment.MAX_REASON_LENGTH,
        "form": {},
    }


@router.get("/applications/{application_id}", response_class=HTMLResponse)
def application_page(
    request: Request,
    application_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> HTMLResponse:
    """One application: its stages with reasons; for managers the accommodations (logged) and the next moves."""
    return render(
        request, "workforce_application.html", _application_context(session, user, application_id, client_ip(request))
    )


@router.post("/applications/{application_id}/stage", response_model=None)
async def move_application(
    request: Request,
    application_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> Response:
    """A manager moves an application on, with a reason the applicant reads."""
    form = await checked_form(request)
    reason = str(form.get("reason", ""))[: recruitment.MAX_REASON_LENGTH * 2]
    try:
        recruitment.manager_move(
            session, user, application_id, str(form.get("stage", "")), reason, ip=client_ip(request)
        )
    except BarrierfreeError as error:
        context = _application_context(session, user, application_id, client_ip(request))
        context["form"] = {"reason": reason}
        return render_form_error(request, "workforce_application.html", context, error)
    return redirect_with_notice(f"/workforce/applications/{application_id}", "stage-changed")


SENIOR_FIELDS = ("username", "agent_id", "started_on", "exam_score", "last_complaint")


def _mentors_context(session: Session, user: User, employer_id: int) -> dict[str, Any]:
    return {
        "title": _("Mentors and senior experts"),
        "employer_id": employer_id,
        "shown": mentorships.overview(session, user, employer_id),
        "form": {},
        "assessment": None,
    }


@router.get("/employers/{employer_id}/mentors", response_class=HTMLResponse)
def mentors_page(
    request: Request,
    employer_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> HTMLResponse:
    """Senior experts with the criteria they met, and mentor-apprentice pairs."""
    return render(request, "workforce_mentors.html", _mentors_context(session, user, employer_id))


@router.post("/employers/{employer_id}/mentors", response_model=None)
async def add_mentorship(
    request: Request,
    employer_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> Response:
    """Pair a senior expert with an apprentice."""
    form = await checked_form(request)
    mentor, apprentice = str(form.get("mentor", ""))[:40], str(form.get("apprentice", ""))[:40]
    try:
        mentorships.link(session, user, employer_id, mentor, apprentice, ip=client_ip(request))
    except BarrierfreeError as error:
        context = _mentors_context(session, user, employer_id)
        context["form"] = {"mentor": mentor, "apprentice": apprentice}
        return render_form_error(request, "workforce_mentors.html", context, error)
    return redirect_with_notice(f"/workforce/employers/{employer_id}/mentors", "mentorship-saved")


@router.post("/employers/{employer_id}/mentors/{mentorship_id}/end", response_model=None)
async def end_mentorship(
    request: Request,
    employer_id: RowId,
    mentorship_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> Response:
    """End a mentorship (the record stays)."""
    await checked_form(request)
    mentorships.end(session, user, mentorship_id)
    return redirect_with_notice(f"/workforce/employers/{employer_id}/mentors", "mentorship-ended")


@router.post("/employers/{employer_id}/seniors", response_model=None)
async def assess_senior(
    request: Request,
    employer_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> Response:
    """Assess an agent against the senior-expert criteria from their contacts file; recognise them if all are met."""
    form = await checked_form(request)
    values = {name: str(form.get(name, "")).strip()[:64] for name in SENIOR_FIELDS}
    context = _mentors_context(session, user, employer_id)
    context["form"] = values
    try:
        text = await upload_text(form.get("contacts_file"), "contacts_file")
        records = parse_contacts(text)
        as_of = dt.datetime.now(ZoneInfo(request.app.state.settings.timezone)).date()
        stats = stats_from_contacts(
            values["agent_id"],
            as_of,
            day_from(values["started_on"], "started_on"),
            records,
            exam_score=whole_from(values["exam_score"], "exam_score") if values["exam_score"] else None,
            last_upheld_complaint=day_from(values["last_complaint"], "last_complaint")
            if values["last_complaint"]
            else None,
        )
        assessment = assess_senior_criteria(stats)
        context["assessment"] = assessment
        mentorships.designate_senior(session, user, employer_id, values["username"], assessment, ip=client_ip(request))
    except BarrierfreeError as error:
        return render_form_error(request, "workforce_mentors.html", context, error)
    return redirect_with_notice(f"/workforce/employers/{employer_id}/mentors", "senior-designated")
