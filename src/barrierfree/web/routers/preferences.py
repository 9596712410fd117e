"""Language, elder mode and text size: switchable from every page and remembered."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from barrierfree.core.accounts import User, set_preferences
from barrierfree.core.errors import InvalidInput
from barrierfree.core.i18n import _, parse_language
from barrierfree.web.csrf import checked_form
from barrierfree.web.deps import current_user, db_session
from barrierfree.web.preferences import (
    ELDER_COOKIE,
    LANGUAGE_COOKIE,
    PREFERENCE_MAX_AGE,
    TEXT_SIZE_COOKIE,
    TEXT_SIZES_PX,
    cookie_header,
    is_secure,
)
from barrierfree.web.templating import safe_next

router = APIRouter(prefix="/preferences")


def _remember(request: Request, response: RedirectResponse, name: str, value: str) -> RedirectResponse:
    secure = is_secure(request.scope, request.app.state.settings)
    response.raw_headers.append((b"set-cookie", cookie_header(name, value, max_age=PREFERENCE_MAX_AGE, secure=secure)))
    return response


@router.get("/language")
def choose_language(
    request: Request,
    lang: str,
    next: str = "/",
    user: User | None = Depends(current_user),
    session: Session = Depends(db_session, scope="function"),
) -> RedirectResponse:
    """Switch language (a plain link, so it works everywhere) and remember it for the account too."""
    language = parse_language(lang)
    if user is not None:
        set_preferences(session, user, language=language, elder_mode=None)
    response = RedirectResponse(safe_next(next), status_code=303)
    return _remember(request, response, LANGUAGE_COOKIE, language)


@router.post("/elder-mode")
async def toggle_elder_mode(
    request: Request,
    user: User | None = Depends(current_user),
    session: Session = Depends(db_session, scope="function"),
) -> RedirectResponse:
    """Switch elder mode on or off (MIIT elderly-friendly presentation)."""
    form = await checked_form(request)
    enabled = form.get("enabled") == "1"
    if user is not None:
        set_preferences(session, user, language=None, elder_mode=enabled)
    response = RedirectResponse(safe_next(str(form.get("next", "/"))), status_code=303)
    return _remember(request, response, ELDER_COOKIE, "1" if enabled else "0")


@router.post("/text-size")
async def choose_text_size(request: Request) -> RedirectResponse:
    """Body text size for elder mode, from 18 px up to 30 px."""
    form = await checked_form(request)
    size = str(form.get("size", ""))
    if size not in {str(allowed) for allowed in TEXT_SIZES_PX}:  # exact: isdigit() also accepts '²'
        raise InvalidInput(
            _("Text size must be one of: {sizes} pixels.").format(sizes=", ".join(map(str, TEXT_SIZES_PX))),
            field="size",
        )
    response = RedirectResponse(safe_next(str(form.get("next", "/"))), status_code=303)
    return _remember(request, response, TEXT_SIZE_COOKIE, size)
