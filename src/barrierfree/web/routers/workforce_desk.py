"""Remote customer-service pages for agents and planners: the accessible workstation and the staffing planner."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy.orm import Session

from barrierfree import speech
from barrierfree.core.accounts import User
from barrierfree.core.errors import BarrierfreeError
from barrierfree.core.i18n import _
from barrierfree.web.csrf import checked_form
from barrierfree.web.deps import NO_NUL, RowId, db_session, require_user
from barrierfree.web.notices import redirect_with_notice
from barrierfree.web.routers._workforce_inputs import (
    MAX_HISTORY_CHARS,
    day_from,
    history_text,
    number_from,
    whole_number_from,
)
from barrierfree.web.routers.workforce_learning import customer_engine
from barrierfree.web.security import MICROPHONE_FOR_THIS_PAGE
from barrierfree.web.templating import render, render_form_error
from barrierfree.workforce import practice, services, workstation
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.forecast import DEFAULT_WEEKS
from barrierfree.workforce.transcript import MAX_REPLY_CHARS

router = APIRouter(prefix="/workforce")

WPM_STEP = 25
MAX_DICTATION_BYTES = 44 + speech.MAX_AUDIO_SECONDS * speech.RECOGNITION_RATE * 2
"""A WAV header and a minute of 16 kHz 16-bit mono."""


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
        practice.start(session, user, scenario_id, customer_engine(request), request.state.prefs.language)
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
            _("Dictate at most {limit} seconds at a time.").format(limit=speech.MAX_AUDIO_SECONDS), field="audio"
        )
    language = str(form.get("language", "en"))
    return JSONResponse({"text": workstation.dictate(audio, language)})


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
        run = practice.reply(session, user, run_id, text, customer_engine(request))
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
    audio = speech.synthesize(text, language, rate)
    return Response(audio, media_type="audio/wav", headers={"Cache-Control": "private, max-age=300"})


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
        text = await history_text(upload, pasted)
        targets = services.StaffingTargets(
            handle_seconds=number_from(values["handle_seconds"], "handle_seconds"),
            service_level=number_from(values["service_level"], "service_level"),
            answer_within=number_from(values["answer_within"], "answer_within"),
            shrinkage=number_from(values["shrinkage"], "shrinkage"),
            max_occupancy=number_from(values["max_occupancy"], "max_occupancy"),
        )
        weeks = whole_number_from(values["weeks"], "weeks")
        day = day_from(values["day"])
        plan = services.staffing_plan(text, day, targets, weeks=weeks)
    except BarrierfreeError as error:
        context["form"]["history"] = pasted[:MAX_HISTORY_CHARS]
        return render_form_error(request, "workforce_staffing.html", context, error)
    context["plan"] = plan
    context["form"]["history"] = pasted[:MAX_HISTORY_CHARS]
    return render(request, "workforce_staffing.html", context)
