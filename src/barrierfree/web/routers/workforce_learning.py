"""Remote customer-service pages for trainees: training modules and quizzes, the exam and certificates, dialogue
practice with simulated customers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from barrierfree.core.accounts import User
from barrierfree.core.errors import BarrierfreeError
from barrierfree.core.i18n import _, current_language
from barrierfree.web.csrf import checked_form
from barrierfree.web.deps import RowId, db_session, require_user
from barrierfree.web.notices import redirect_with_notice
from barrierfree.web.templating import render, render_form_error
from barrierfree.workforce import exam, practice, training
from barrierfree.workforce.simulation import CustomerEngine, engine_from_settings
from barrierfree.workforce.transcript import MAX_REPLY_CHARS

router = APIRouter(prefix="/workforce")

ModuleId = Annotated[str, Path(pattern=r"^[a-z0-9-]{1,40}$")]


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


def customer_engine(request: Request) -> CustomerEngine:
    """The simulated customer the settings choose (the scenario script unless an LLM endpoint is configured)."""
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
        run = practice.start(session, user, scenario_id, customer_engine(request), request.state.prefs.language)
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
            practice.finish(session, user, run_id, customer_engine(request))
        else:
            practice.reply(session, user, run_id, text, customer_engine(request))
    except BarrierfreeError as error:
        context = _run_context(session, user, run_id)
        context["form"] = {"reply": text[:MAX_REPLY_CHARS]}
        field = "reply" if error.field in ("text", "reply") else (error.field or "form")
        return render_form_error(request, "workforce_run.html", context, type(error)(error.message, field=field))
    return redirect_with_notice(f"/workforce/simulation/{run_id}#latest", "reply-sent")
