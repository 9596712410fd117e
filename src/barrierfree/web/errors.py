"""The one place where errors become HTTP responses.

API paths (``/api/``) get RFC 9457 ``application/problem+json``; pages get an accessible error page, or a
redirect to the login page when the visitor must log in. No traceback ever reaches a client.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy import inspect
from starlette.exceptions import HTTPException as StarletteHTTPException

from barrierfree.core.accounts import User
from barrierfree.core.errors import (
    BarrierfreeError,
    Conflict,
    ConsentRequired,
    EngineUnavailable,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    TooManyAttempts,
)
from barrierfree.core.i18n import _

log = logging.getLogger("barrierfree.web")

STATUS_BY_ERROR: dict[type[BarrierfreeError], int] = {
    InvalidInput: 422,
    NotFound: 404,
    NotAuthenticated: 401,
    PermissionDenied: 403,
    ConsentRequired: 403,
    Conflict: 409,
    TooManyAttempts: 429,
    EngineUnavailable: 503,
}


def status_for(error: BarrierfreeError) -> int:
    """The HTTP status of a domain error (500 for anything unmapped)."""
    for error_type in type(error).__mro__:
        if error_type in STATUS_BY_ERROR:
            return STATUS_BY_ERROR[error_type]
    return 500


def _is_api(request: Request) -> bool:
    """API paths, and a page's own scripts asking for JSON (the workstation's replies and dictation)."""
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")


def problem(status: int, title: str, detail: str, code: str, **extra: Any) -> JSONResponse:
    """An ``application/problem+json`` response."""
    body = {"type": f"/problems/{code}", "title": title, "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type="application/problem+json")


def _reload_user(request: Request) -> None:
    """Reattach the logged-in user for the error page's layout.

    A failed request rolls its unit of work back and closes it, which leaves ``request.state.user`` expired
    and detached: reading ``user.is_admin`` in the layout would then fail with a 500 of its own.
    """
    user = getattr(request.state, "user", None)
    if user is None:
        return
    state = inspect(user)
    if not state.detached or not state.expired_attributes:
        return
    with request.app.state.db.session() as session:
        request.state.user = session.get(User, state.identity)


def _page(request: Request, status: int, title: str, detail: str) -> Response:
    from barrierfree.web.templating import render  # late: templating imports this module's neighbours

    _reload_user(request)
    return render(request, "error.html", {"title": title, "detail": detail, "status": status}, status=status)


def _titles() -> dict[int, str]:
    return {
        400: _("Bad request"),
        401: _("Please log in"),
        403: _("Not allowed"),
        404: _("Page not found"),
        405: _("Method not allowed"),
        409: _("Conflict"),
        413: _("Request too large"),
        422: _("Please check what you entered"),
        429: _("Too many attempts"),
        500: _("Something went wrong"),
    }


def _respond(request: Request, status: int, detail: str, code: str, **extra: Any) -> Response:
    title = _titles().get(status, _("Error"))
    if _is_api(request):
        response: Response = problem(status, title, detail, code, **extra)
    else:
        response = _page(request, status, title, detail)
    return response


async def handle_domain_error(request: Request, error: Exception) -> Response:
    """Map a BarrierfreeError to a status, a problem document or a page."""
    assert isinstance(error, BarrierfreeError)
    if isinstance(error, NotAuthenticated) and not _is_api(request):
        from barrierfree.web.templating import safe_next

        return RedirectResponse(f"/login?next={safe_next(request.url.path)}", status_code=303)
    extra: dict[str, Any] = {"field": error.field} if error.field else {}
    if error.also:
        extra["errors"] = [{"field": field or "", "message": message} for field, message in error.problems()]
    response = _respond(request, status_for(error), error.message, error.code, **extra)
    if isinstance(error, TooManyAttempts):
        response.headers["Retry-After"] = str(error.retry_after)
    if isinstance(error, NotAuthenticated):
        response.headers["WWW-Authenticate"] = "Bearer"
    return response


async def handle_validation_error(request: Request, error: Exception) -> Response:
    """Malformed JSON, wrong types, missing fields: 422 with each problem named."""
    assert isinstance(error, RequestValidationError)
    problems = [
        {"field": ".".join(str(part) for part in item.get("loc", ()) if part != "body"), "message": item.get("msg", "")}
        for item in error.errors()
    ][:20]
    detail = _("The request has {n} problem(s). Fix the fields listed in 'errors' and send it again.").format(
        n=len(problems)
    )
    return _respond(request, 422, detail, "invalid-input", errors=problems)


async def handle_http_error(request: Request, error: Exception) -> Response:
    """404, 405 and other framework errors in the same shapes."""
    assert isinstance(error, StarletteHTTPException)
    details = {
        404: _("There is nothing at this address. Check the address, or start again from the home page."),
        405: _("This address does not accept that kind of request."),
    }
    detail = details.get(error.status_code) or (str(error.detail) if error.detail else _("Error"))
    response = _respond(request, error.status_code, detail, f"http-{error.status_code}")
    for name, value in (error.headers or {}).items():
        response.headers[name] = value
    return response


async def handle_unexpected(request: Request, error: Exception) -> Response:
    """A bug: log it with the traceback, tell the user something useful without one."""
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=error)
    detail = _("An unexpected error happened and was logged. No change was saved; please try again.")
    return _respond(request, 500, detail, "internal")


def install(app: FastAPI) -> None:
    """Register every handler on the app."""
    app.add_exception_handler(BarrierfreeError, handle_domain_error)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
    app.add_exception_handler(StarletteHTTPException, handle_http_error)
    app.add_exception_handler(Exception, handle_unexpected)
