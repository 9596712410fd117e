"""Sign-up, login, logout, password change and reset, API tokens."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from barrierfree.core import accounts
from barrierfree.core.accounts import MIN_PASSWORD_LENGTH, User
from barrierfree.core.errors import BarrierfreeError, Conflict, InvalidInput, NotFound, TooManyAttempts
from barrierfree.core.i18n import LANGUAGES, _
from barrierfree.core.settings import Settings
from barrierfree.web.csrf import checked_form
from barrierfree.web.deps import RowId, client_ip, current_user, db_session, get_settings, require_user
from barrierfree.web.notices import redirect_with_notice
from barrierfree.web.preferences import (
    ELDER_COOKIE,
    LANGUAGE_COOKIE,
    PREFERENCE_MAX_AGE,
    SESSION_COOKIE,
    cookie_header,
    is_secure,
)
from barrierfree.web.templating import render, render_form_error, safe_next

router = APIRouter()


def limits_from(settings: Settings) -> accounts.LoginLimits:
    """Login limits as configured."""
    return accounts.LoginLimits(
        max_failures=settings.login_max_failures,
        lockout_minutes=settings.login_lockout_minutes,
        ip_max_failures=settings.login_ip_max_failures,
    )


def _sync_display_preferences(request: Request, session: Session, user: User, response: RedirectResponse) -> None:
    """A choice made on this device before logging in wins and is saved; otherwise the account's applies."""
    secure = is_secure(request.scope, request.app.state.settings)
    chosen_language = request.cookies.get(LANGUAGE_COOKIE)
    chosen_elder = request.cookies.get(ELDER_COOKIE)
    accounts.set_preferences(
        session,
        user,
        language=chosen_language if chosen_language in LANGUAGES else None,
        elder_mode=None if chosen_elder is None else chosen_elder == "1",
    )
    if chosen_language not in LANGUAGES and user.language:
        response.raw_headers.append(
            (b"set-cookie", cookie_header(LANGUAGE_COOKIE, user.language, max_age=PREFERENCE_MAX_AGE, secure=secure))
        )
    if chosen_elder is None and user.elder_mode:
        response.raw_headers.append(
            (b"set-cookie", cookie_header(ELDER_COOKIE, "1", max_age=PREFERENCE_MAX_AGE, secure=secure))
        )


def _logged_in_response(request: Request, session: Session, user: User, target: str) -> RedirectResponse:
    settings: Settings = request.app.state.settings
    raw = accounts.start_session(session, user, days=settings.session_days)
    response = redirect_with_notice(target, "logged-in")
    secure = is_secure(request.scope, settings)
    max_age = settings.session_days * 24 * 3600
    response.raw_headers.append((b"set-cookie", cookie_header(SESSION_COOKIE, raw, max_age=max_age, secure=secure)))
    _sync_display_preferences(request, session, user, response)
    return response


def _as_new_password(error: InvalidInput) -> InvalidInput:
    """The password policy names its field 'password'; the change and reset forms call it 'new_password'."""
    return InvalidInput(error.message, field="new_password") if error.field == "password" else error


@router.get("/signup", response_class=HTMLResponse)
def signup_form(request: Request, user: User | None = Depends(current_user)) -> HTMLResponse:
    """The sign-up form."""
    return render(request, "signup.html", {"title": _("Create an account"), "min_password": MIN_PASSWORD_LENGTH})


@router.post("/signup", response_model=None)
async def signup(request: Request, session: Session = Depends(db_session, scope="function")) -> Response:
    """Create the account and log the new user in."""
    form = await checked_form(request)
    values = {key: str(form.get(key, "")) for key in ("username", "display_name", "email")}
    context = {"title": _("Create an account"), "min_password": MIN_PASSWORD_LENGTH, "form": values}
    password = str(form.get("password", ""))
    if password != str(form.get("password_confirm", "")):
        return render_form_error(
            request, "signup.html", context, InvalidInput(_("The two passwords differ."), field="password_confirm")
        )
    try:
        user = accounts.sign_up(
            session,
            username=values["username"],
            password=password,
            display_name=values["display_name"],
            email=values["email"] or None,
            language=request.state.prefs.language,
            ip=client_ip(request),
        )
    except (InvalidInput, Conflict) as error:
        return render_form_error(request, "signup.html", context, error)
    return _logged_in_response(request, session, user, "/dashboard")


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/dashboard", user: User | None = Depends(current_user)) -> HTMLResponse:
    """The login form."""
    return render(request, "login.html", {"title": _("Log in"), "next": safe_next(next, "/dashboard")})


@router.post("/login", response_model=None)
async def login(request: Request, session: Session = Depends(db_session, scope="function")) -> Response:
    """Check the password (with lockout) and start a session."""
    form = await checked_form(request)
    username = str(form.get("username", ""))
    target = safe_next(str(form.get("next", "")), "/dashboard")
    context = {"title": _("Log in"), "next": target, "form": {"username": username}}
    try:
        user = accounts.authenticate(
            session,
            username,
            str(form.get("password", "")),
            ip=client_ip(request),
            limits=limits_from(get_settings(request)),
        )
    except TooManyAttempts as error:
        response = render_form_error(request, "login.html", context, error, status=429)
        response.headers["Retry-After"] = str(error.retry_after)
        return response
    except BarrierfreeError as error:
        return render_form_error(request, "login.html", context, error, status=401)
    return _logged_in_response(request, session, user, target)


@router.post("/logout")
async def logout(request: Request, session: Session = Depends(db_session, scope="function")) -> RedirectResponse:
    """End this browser's session."""
    await checked_form(request)
    accounts.end_session(session, request.cookies.get(SESSION_COOKIE))
    response = redirect_with_notice("/", "logged-out")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/account", response_class=HTMLResponse)
def account(request: Request, user: User = Depends(require_user)) -> HTMLResponse:
    """The user's account overview."""
    return render(request, "account.html", {"title": _("Your account")})


@router.get("/account/password", response_class=HTMLResponse)
def password_form(request: Request, user: User = Depends(require_user)) -> HTMLResponse:
    """The password change form."""
    return render(request, "password.html", {"title": _("Change password"), "min_password": MIN_PASSWORD_LENGTH})


@router.post("/account/password", response_model=None)
async def change_password(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> Response:
    """Change the password; other sessions end, this one goes on with a new cookie."""
    form = await checked_form(request)
    context = {"title": _("Change password"), "min_password": MIN_PASSWORD_LENGTH}
    new = str(form.get("new_password", ""))
    if new != str(form.get("new_password_confirm", "")):
        return render_form_error(
            request,
            "password.html",
            context,
            InvalidInput(_("The two passwords differ."), field="new_password_confirm"),
        )
    try:
        accounts.change_password(session, user, str(form.get("current_password", "")), new, ip=client_ip(request))
    except InvalidInput as error:
        return render_form_error(request, "password.html", context, _as_new_password(error))
    response = _logged_in_response(request, session, user, "/account")
    response.set_cookie("bf_notice", "password-changed", max_age=60, httponly=True, samesite="lax", path="/")
    return response


@router.get("/password-reset", response_class=HTMLResponse)
def reset_request_form(request: Request, user: User | None = Depends(current_user)) -> HTMLResponse:
    """Ask for a reset link."""
    return render(request, "reset_request.html", {"title": _("Reset your password")})


@router.post("/password-reset")
async def reset_request(request: Request, session: Session = Depends(db_session, scope="function")) -> RedirectResponse:
    """Send a reset link if the account exists; the answer is the same either way (no account probing)."""
    form = await checked_form(request)
    settings: Settings = request.app.state.settings
    found = accounts.request_password_reset(
        session, str(form.get("identifier", "")), minutes=settings.password_reset_minutes, ip=client_ip(request)
    )
    if found is not None and found[0].email:
        user, raw = found
        link = f"{settings.base_url}/password-reset/{raw}"
        body = _(
            "Open this link within {n} minutes to choose a new password:\n\n{link}\n\nIf you did not ask for this, ignore this message."
        ).format(n=settings.password_reset_minutes, link=link)
        request.app.state.mailer.send(user.email, _("Reset your barrierfree password"), body)
    return redirect_with_notice("/login", "reset-sent")


@router.get("/password-reset/{token}", response_class=HTMLResponse)
def reset_form(request: Request, token: str, session: Session = Depends(db_session, scope="function")) -> HTMLResponse:
    """Choose a new password with a reset link."""
    try:
        accounts.check_reset_token(session, token)
    except NotFound as error:
        return render(
            request, "error.html", {"title": _("Link not valid"), "detail": error.message, "status": 404}, 404
        )
    return render(
        request,
        "reset_form.html",
        {"title": _("Choose a new password"), "token": token, "min_password": MIN_PASSWORD_LENGTH},
    )


@router.post("/password-reset/{token}", response_model=None)
async def reset(request: Request, token: str, session: Session = Depends(db_session, scope="function")) -> Response:
    """Set the new password; the link is spent."""
    form = await checked_form(request)
    context = {"title": _("Choose a new password"), "token": token, "min_password": MIN_PASSWORD_LENGTH}
    new = str(form.get("new_password", ""))
    if new != str(form.get("new_password_confirm", "")):
        return render_form_error(
            request,
            "reset_form.html",
            context,
            InvalidInput(_("The two passwords differ."), field="new_password_confirm"),
        )
    try:
        accounts.reset_password(session, token, new, ip=client_ip(request))
    except InvalidInput as error:
        return render_form_error(request, "reset_form.html", context, _as_new_password(error))
    except NotFound as error:
        return render(
            request, "error.html", {"title": _("Link not valid"), "detail": error.message, "status": 404}, 404
        )
    return redirect_with_notice("/login", "password-reset")


@router.get("/account/tokens", response_class=HTMLResponse)
def tokens(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> HTMLResponse:
    """The user's API tokens."""
    return render(request, "tokens.html", {"title": _("API tokens"), "tokens": accounts.list_api_tokens(session, user)})


@router.post("/account/tokens", response_model=None)
async def create_token(
    request: Request, user: User = Depends(require_user), session: Session = Depends(db_session, scope="function")
) -> Response:
    """Create a token and show it once."""
    form = await checked_form(request)
    context = {"title": _("API tokens"), "tokens": accounts.list_api_tokens(session, user)}
    try:
        token, raw = accounts.create_api_token(session, user, str(form.get("name", "")))
    except (InvalidInput, Conflict) as error:
        return render_form_error(request, "tokens.html", context, error)
    context["tokens"] = accounts.list_api_tokens(session, user)
    return render(request, "tokens.html", {**context, "new_token": raw, "new_token_name": token.name}, status=201)


@router.post("/account/tokens/{token_id}/revoke")
async def revoke_token(
    request: Request,
    token_id: RowId,
    user: User = Depends(require_user),
    session: Session = Depends(db_session, scope="function"),
) -> RedirectResponse:
    """Revoke one of the user's tokens."""
    await checked_form(request)
    accounts.revoke_api_token(session, user, token_id)
    return redirect_with_notice("/account/tokens", "token-revoked")
