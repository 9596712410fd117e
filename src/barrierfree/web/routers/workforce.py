"""Remote customer-service pages: the programme, applying, training, the exam, certificates, managers' pipeline
and the staffing planner."""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy.orm import Session

from barrierfree.core.accounts import User
from barrierfree.core.errors import BarrierfreeError
from barrierfree.core.i18n import _, current_language
from barrierfree.core.orgs import Permission, allowed, memberships_of
from barrierfree.web.csrf import checked_form
from barrierfree.web.deps import NO_NUL, RowId, client_ip, current_user, db_session, require_user
from barrierfree.web.notices import redirect_with_notice
from barrierfree.web.security import MICROPHONE_FOR_THIS_PAGE
from barrierfree.web.templating import render, render_form_error
from barrierfree.workforce import _speech as speech
from barrierfree.workforce import exam, mentorships, practice, recruitment, services, training, workstation
from barrierfree.workforce.contacts import parse_contacts
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.forecast import DEFAULT_WEEKS
from barrierfree.workforce.mentoring import assess_senior as assess_senior_criteria
from barrierfree.workforce.mentoring import stats_from_contacts
from barrierfree.workforce.models import Accommodation, Stage
from barrierfree.workforce.simulation import CustomerEngine, engine_from_settings
from barrierfree.workforce.transcript import MAX_REPLY_CHARS

router = APIRouter(prefix="/workforce")

MAX_HISTORY_CHARS = 4_000_000
"""About 150,000 history rows pasted or uploaded through the page; the CLI takes larger files."""
MAX_WEEKS_DIGITS = 3
WPM_STEP = 25
MAX_DICTATION_BYTES = 44 + speech.MAX_DICTATION_SECONDS * speech.DICTATION_RATE * 2
"""A WAV header and a minute of 16 kHz 16-bit mono."""
ModuleId = Annotated[str, Path(pattern=r"^[a-z0-9-]{1,40}$")]


def _managed_employers(session: Session, user: User | None) -> list[Any]:
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
        "managed": _managed_employers(session, user),
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
        field = error.field or ("consent" if error.code == "consent-required" else "form")
        located = type(error)(error.message, field=field)
        return render_form_error(request, "workforce_apply.html", _apply_context(session, values), located)
    return redirect_with_notice("/workforce", "application-sent")


@router.get("/training", response_class=HTMLResponse)
def training_overview(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> HTMLResponse:
    """Every course and module with the trainee's standing."""
    context = {
        "title": _("Training"),
        "progress": training.progress_of(session, user.id),
        "localized": training.localized,
        "pass_mark": training.quiz_pass_mark(),
    }
    return render(request, "workforce_training.html", context)


def _module_context(module_id: str, values: dict[str, str]) -> dict[str, Any]:
    unit = training.module(module_id)
    return {
        "title": training.localized(unit.title),
        "module": unit,
        "localized": training.localized,
        "form": values,
        "pass_mark": training.quiz_pass_mark(),
    }


@router.get("/training/{module_id}", response_class=HTMLResponse)
def training_module(request: Request, module_id: ModuleId, user: User = Depends(require_user)) -> HTMLResponse:
    """A module's material and its quiz."""
    return render(request, "workforce_module.html", _module_context(module_id, {}))


@router.post("/training/{module_id}", response_model=None)
async def submit_quiz(
    request: Request,
    module_id: ModuleId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> Response:
    """Grade the quiz and show which answers were wrong."""
    form = await checked_form(request)
    values = {key: str(value) for key, value in form.items() if isinstance(value, str)}
    context = _module_context(module_id, values)
    try:
        context["result"] = training.submit_quiz(session, user, module_id, values)
    except BarrierfreeError as error:
        return render_form_error(request, "workforce_module.html", context, error)
    return render(request, "workforce_module.html", context)


def _exam_context(session: Session, user: User) -> dict[str, Any]:
    attempt = exam.open_attempt(session, user.id)
    return {
        "title": _("Exam"),
        "rules": exam.rules(),
        "attempt": attempt,
        "paper": exam.paper(attempt) if attempt else [],
        "deadline": exam.deadline(attempt) if attempt else None,
        "attempts": exam.attempts_of(session, user.id),
        "localized": training.localized,
        "extra_time_factor": exam.EXTRA_TIME_FACTOR,
    }


@router.get("/exam", response_class=HTMLResponse)
def exam_page(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> HTMLResponse:
    """The exam: its rules, the paper in progress, and past results."""
    return render(request, "workforce_exam.html", _exam_context(session, user))


@router.post("/exam/start", response_model=None)
async def exam_start(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> Response:
    """Draw a paper (or keep the one in progress)."""
    await checked_form(request)
    try:
        exam.start(session, user)
    except BarrierfreeError as error:
        return render_form_error(request, "workforce_exam.html", _exam_context(session, user), error)
    return redirect_with_notice("/workforce/exam#paper", "exam-started")


@router.post("/exam/{attempt_id}", response_model=None)
async def exam_submit(
    request: Request,
    attempt_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> Response:
    """Hand in a paper."""
    form = await checked_form(request)
    answers = {key: str(value) for key, value in form.items() if isinstance(value, str)}
    try:
        result = exam.submit(session, user, attempt_id, answers)
    except BarrierfreeError as error:
        return render_form_error(request, "workforce_exam.html", _exam_context(session, user), error)
    context = {**_exam_context(session, user), "result": result}
    return render(request, "workforce_exam.html", context)


@router.get("/certificates", response_class=HTMLResponse)
def certificates(
    request: Request,
    code: str = Query("", max_length=40, pattern=r"^[0-9A-Za-z ]*$"),
    session: Session = Depends(db_session, scope="function"),
) -> HTMLResponse:
    """Check an exam certificate by its code (public)."""
    context: dict[str, Any] = {"title": _("Check a certificate"), "code": code}
    if code.strip():
        try:
            context["certificate"] = exam.certificate(session, code)
        except BarrierfreeError as error:
            return render_form_error(request, "workforce_certificate.html", {**context, "code": code}, error, 200)
    return render(request, "workforce_certificate.html", context)


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
    employer = next((org for org in _managed_employers(session, user) if org.id == employer_id), None)
    context = {
        "title": _("Applications to {employer}").format(employer=employer.name if employer else ""),
        "employer_id": employer_id,
        "rows": rows,
        "people": people,
        "stage_choices": [("", _("All stages"))] + [(item.value, recruitment.stage_label(item)) for item in Stage],
        "chosen": stage,
        "stage_label": recruitment.stage_label,
    }
    return render(request, "workforce_applications.html", context)


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


def _engine(request: Request) -> CustomerEngine:
    return engine_from_settings(request.app.state.settings)


def _simulation_context(session: Session, user: User) -> dict[str, Any]:
    return {
        "title": _("Dialogue practice"),
        "scenarios": practice.scenarios(),
        "runs": practice.runs_of(session, user.id),
        "titles": {item.id: item.title for item in practice.scenarios()},
    }


@router.get("/simulation", response_class=HTMLResponse)
def simulation(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> HTMLResponse:
    """The practice cases and the trainee's past runs."""
    return render(request, "workforce_simulation.html", _simulation_context(session, user))


@router.post("/simulation", response_model=None)
async def start_simulation(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> Response:
    """Start a practice conversation with the chosen simulated customer."""
    form = await checked_form(request)
    scenario_id = str(form.get("scenario", ""))[:80]
    try:
        run = practice.start(session, user, scenario_id, _engine(request), request.state.prefs.language)
    except BarrierfreeError as error:
        return render_form_error(request, "workforce_simulation.html", _simulation_context(session, user), error)
    return redirect_with_notice(f"/workforce/simulation/{run.id}#latest", "practice-started")


def _run_context(session: Session, user: User, run_id: int) -> dict[str, Any]:
    shown = practice.view(practice.get_run(session, user, run_id))
    return {
        "title": shown.scenario.title.in_(current_language()),
        "shown": shown,
        "max_reply": MAX_REPLY_CHARS,
        "form": {},
    }


@router.get("/simulation/{run_id}", response_class=HTMLResponse)
def simulation_run(
    request: Request,
    run_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> HTMLResponse:
    """A practice conversation: what was said, feedback on every reply, and the reply box."""
    return render(request, "workforce_run.html", _run_context(session, user, run_id))


@router.post("/simulation/{run_id}", response_model=None)
async def simulation_reply(
    request: Request,
    run_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> Response:
    """Send a reply to the simulated customer (or end the conversation)."""
    form = await checked_form(request)
    text = str(form.get("reply", ""))[: MAX_REPLY_CHARS + 1]
    try:
        if form.get("action") == "finish":
            practice.finish(session, user, run_id, _engine(request))
        else:
            practice.reply(session, user, run_id, text, _engine(request))
    except BarrierfreeError as error:
        context = _run_context(session, user, run_id)
        context["form"] = {"reply": text[:MAX_REPLY_CHARS]}
        field = "reply" if error.field in ("text", "reply") else (error.field or "form")
        return render_form_error(request, "workforce_run.html", context, type(error)(error.message, field=field))
    return redirect_with_notice(f"/workforce/simulation/{run_id}#latest", "reply-sent")


def _workstation_context(session: Session, user: User, rate: int) -> dict[str, Any]:
    run = workstation.current_run(session, user)
    return {
        "title": _("Agent workstation"),
        "shown": practice.view(run) if run else None,
        "quick_replies": workstation.quick_replies(),
        "rate": rate,
        "rates": [speech.MIN_WORDS_PER_MINUTE, *range(WPM_STEP * 4, speech.MAX_WORDS_PER_MINUTE + 1, WPM_STEP)],
        "max_reply": MAX_REPLY_CHARS,
        "form": {},
    }


@router.get("/workstation", response_class=HTMLResponse)
def workstation_page(
    request: Request,
    rate: int = Query(speech.DEFAULT_WORDS_PER_MINUTE, ge=speech.MIN_WORDS_PER_MINUTE, le=speech.MAX_WORDS_PER_MINUTE),
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> HTMLResponse:
    """The agent console: the conversation, reading aloud, dictation and quick replies, all by keyboard."""
    page = render(request, "workforce_workstation.html", _workstation_context(session, user, rate))
    page.headers["permissions-policy"] = MICROPHONE_FOR_THIS_PAGE
    return page


@router.post("/workstation/next", response_model=None)
async def workstation_next(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> Response:
    """Take the next customer from the queue."""
    await checked_form(request)
    current = workstation.current_run(session, user)
    if current is None:
        scenario_id = workstation.next_scenario_id(session, user)
        practice.start(session, user, scenario_id, _engine(request), request.state.prefs.language)
    return redirect_with_notice("/workforce/workstation#latest", "customer-waiting")


@router.post("/workstation/dictation", response_model=None)
async def workstation_dictation(request: Request, user: User = Depends(require_user)) -> JSONResponse:
    """The words heard in a dictated WAV recording (16 kHz mono, as the page records it)."""
    form = await checked_form(request)
    upload = form.get("audio")
    if upload is None or isinstance(upload, str):
        raise InvalidWorkforceInput(_("Send the recording as a WAV file."), field="audio")
    audio = await upload.read(MAX_DICTATION_BYTES + 1)
    if len(audio) > MAX_DICTATION_BYTES:
        raise InvalidWorkforceInput(
            _("Dictate at most {limit} seconds at a time.").format(limit=speech.MAX_DICTATION_SECONDS), field="audio"
        )
    language = str(form.get("language", "en"))
    return JSONResponse({"text": speech.default_recognizer().transcribe(audio, language)})


@router.post("/workstation/{run_id}", response_model=None)
async def workstation_reply(
    request: Request,
    run_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> Response:
    """Send a reply; a script asks for JSON (the new messages), a plain form gets the page again."""
    form = await checked_form(request)
    text = str(form.get("reply", ""))[: MAX_REPLY_CHARS + 1]
    wants_json = "application/json" in request.headers.get("accept", "")
    try:
        run = practice.reply(session, user, run_id, text, _engine(request))
    except BarrierfreeError as error:
        if wants_json:
            raise
        context = _workstation_context(session, user, speech.DEFAULT_WORDS_PER_MINUTE)
        context["form"] = {"reply": text[:MAX_REPLY_CHARS]}
        field = "reply" if error.field in ("text", "reply") else (error.field or "form")
        return render_form_error(
            request, "workforce_workstation.html", context, type(error)(error.message, field=field)
        )
    if not wants_json:
        return redirect_with_notice("/workforce/workstation#latest", "reply-sent")
    shown = practice.view(run)
    feedback = shown.verdict.turns[-1] if shown.verdict.turns else None
    return JSONResponse(
        {
            "customer": shown.transcript.utterances[-1].text,
            "language": shown.transcript.language,
            "ended": run.finished_at is not None,
            "score": run.score,
            "feedback": list(feedback.good + feedback.to_add) if feedback else [],
        }
    )


@router.get("/workstation/speech", response_model=None)
def workstation_speech(
    text: str = Query(min_length=1, max_length=speech.MAX_SPEECH_CHARS, pattern=NO_NUL),
    language: str = Query("zh-CN", pattern=r"^(zh-CN|en)$"),
    rate: int = Query(speech.DEFAULT_WORDS_PER_MINUTE, ge=speech.MIN_WORDS_PER_MINUTE, le=speech.MAX_WORDS_PER_MINUTE),
    user: User = Depends(require_user),
) -> Response:
    """The text read aloud by the server's eSpeak NG, as WAV."""
    audio = speech.default_synthesizer().synthesize(text, language, rate)
    return Response(audio, media_type="audio/wav", headers={"Cache-Control": "private, max-age=300"})


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
        text = await _upload_text(form.get("contacts_file"), "contacts_file")
        records = parse_contacts(text)
        as_of = dt.datetime.now(ZoneInfo(request.app.state.settings.timezone)).date()
        stats = stats_from_contacts(
            values["agent_id"],
            as_of,
            _day(values["started_on"], "started_on"),
            records,
            exam_score=_whole(values["exam_score"], "exam_score") if values["exam_score"] else None,
            last_upheld_complaint=_day(values["last_complaint"], "last_complaint")
            if values["last_complaint"]
            else None,
        )
        assessment = assess_senior_criteria(stats)
        context["assessment"] = assessment
        mentorships.designate_senior(session, user, employer_id, values["username"], assessment, ip=client_ip(request))
    except BarrierfreeError as error:
        return render_form_error(request, "workforce_mentors.html", context, error)
    return redirect_with_notice(f"/workforce/employers/{employer_id}/mentors", "senior-designated")


async def _upload_text(upload: Any, field: str) -> str:
    if upload is None or isinstance(upload, str) or not getattr(upload, "filename", None):
        raise InvalidWorkforceInput(_("Choose the agent's contacts file (CSV)."), field=field)
    raw = await upload.read(MAX_HISTORY_CHARS + 1)
    if len(raw) > MAX_HISTORY_CHARS:
        raise InvalidWorkforceInput(
            _("The file is larger than {limit} bytes. Use the command line for larger files.").format(
                limit=MAX_HISTORY_CHARS
            ),
            field=field,
        )
    try:
        return str(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InvalidWorkforceInput(_("Save the file as UTF-8 text (CSV)."), field=field) from None


def _whole(text: str, field: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_WEEKS_DIGITS:
        raise InvalidWorkforceInput(_("Enter a whole number."), field=field)
    return int(text)


STAFFING_FIELDS = ("day", "handle_seconds", "service_level", "answer_within", "shrinkage", "max_occupancy", "weeks")
STAFFING_DEFAULTS = {
    "handle_seconds": "300",
    "service_level": "0.8",
    "answer_within": "20",
    "shrinkage": "0.3",
    "max_occupancy": "0.85",
    "weeks": str(DEFAULT_WEEKS),
}


def _staffing_context(values: dict[str, str]) -> dict[str, Any]:
    return {"title": _("Staffing planner"), "form": values, "max_chars": MAX_HISTORY_CHARS}


@router.get("/staffing", response_class=HTMLResponse)
def staffing_form(request: Request) -> HTMLResponse:
    """The staffing planner: paste or upload contact history, get agents per half hour."""
    return render(request, "workforce_staffing.html", _staffing_context(dict(STAFFING_DEFAULTS)))


@router.post("/staffing", response_class=HTMLResponse)
async def staffing_plan(request: Request) -> HTMLResponse:
    """Forecast the day and compute the agents needed per interval (nothing is stored)."""
    form = await checked_form(request)
    values = {name: str(form.get(name, "")).strip()[:40] for name in STAFFING_FIELDS}
    upload = form.get("history_file")
    pasted = str(form.get("history", ""))
    context = _staffing_context(values)
    try:
        text = await _history_text(upload, pasted)
        targets = services.StaffingTargets(
            handle_seconds=_number(values["handle_seconds"], "handle_seconds"),
            service_level=_number(values["service_level"], "service_level"),
            answer_within=_number(values["answer_within"], "answer_within"),
            shrinkage=_number(values["shrinkage"], "shrinkage"),
            max_occupancy=_number(values["max_occupancy"], "max_occupancy"),
        )
        weeks = _whole_number(values["weeks"], "weeks")
        day = _day(values["day"])
        plan = services.staffing_plan(text, day, targets, weeks=weeks)
    except BarrierfreeError as error:
        context["form"]["history"] = pasted[:MAX_HISTORY_CHARS]
        return render_form_error(request, "workforce_staffing.html", context, error)
    context["plan"] = plan
    context["form"]["history"] = pasted[:MAX_HISTORY_CHARS]
    return render(request, "workforce_staffing.html", context)


async def _history_text(upload: Any, pasted: str) -> str:
    if upload is not None and hasattr(upload, "read") and getattr(upload, "filename", None):
        raw = await upload.read(MAX_HISTORY_CHARS + 1)
        if len(raw) > MAX_HISTORY_CHARS:
            raise InvalidWorkforceInput(
                _("The history file is larger than {limit} bytes. Use the command line for larger files.").format(
                    limit=MAX_HISTORY_CHARS
                ),
                field="history_file",
            )
        try:
            return str(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise InvalidWorkforceInput(_("Save the history file as UTF-8 text (CSV)."), field="history_file") from None
    if len(pasted) > MAX_HISTORY_CHARS:
        raise InvalidWorkforceInput(
            _("The history is longer than {limit} characters. Use the command line for larger files.").format(
                limit=MAX_HISTORY_CHARS
            ),
            field="history",
        )
    if not pasted.strip():
        raise InvalidWorkforceInput(_("Paste the contact history or choose a CSV file."), field="history")
    return pasted


def _number(text: str, field: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise InvalidWorkforceInput(_("Enter a number."), field=field) from None
    if not math.isfinite(value):
        raise InvalidWorkforceInput(_("Enter a number."), field=field)
    return value


def _whole_number(text: str, field: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_WEEKS_DIGITS:
        raise InvalidWorkforceInput(_("Enter a whole number of weeks, such as 4."), field=field)
    return int(text)


def _day(text: str, field: str = "day") -> dt.date:
    try:
        return services.parse_day(text)
    except InvalidWorkforceInput as error:
        raise InvalidWorkforceInput(error.message, field=field) from None
