"""Per-browser display preferences carried in cookies: language, elder mode, text size, CSRF secret.

A pure ASGI middleware reads them before routing, sets the request language for ``_()`` and writes back the
CSRF cookie when the browser had none, so every page and every error page sees the same preferences.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any

from barrierfree.core.i18n import LANGUAGES, negotiate, reset_language, set_language
from barrierfree.core.settings import Settings

LANGUAGE_COOKIE = "bf_lang"
ELDER_COOKIE = "bf_elder"
TEXT_SIZE_COOKIE = "bf_text"
CSRF_COOKIE = "bf_csrf"
SESSION_COOKIE = "bf_session"
NOTICE_COOKIE = "bf_notice"
PREFERENCE_MAX_AGE = 365 * 24 * 3600
TEXT_SIZES_PX = (18, 22, 26, 30)
"""Elder-mode body text sizes (MIIT: at least 18 px, enlargeable to 30 px)."""


@dataclass
class Preferences:
    """What the browser asked for; stored on ``request.state.prefs``."""

    language: str
    elder_mode: bool
    text_size: int
    csrf_secret: str
    csrf_is_new: bool


def _cookies(scope: dict[str, Any]) -> dict[str, str]:
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:
                return {}
            return {key: morsel.value for key, morsel in jar.items()}
    return {}


def _header(scope: dict[str, Any], wanted: bytes) -> str | None:
    for name, value in scope.get("headers", []):
        if name == wanted:
            return value.decode("latin-1")
    return None


def read_preferences(scope: dict[str, Any], settings: Settings) -> Preferences:
    """Preferences from cookies, falling back to Accept-Language and the configured default."""
    cookies = _cookies(scope)
    language = cookies.get(LANGUAGE_COOKIE, "")
    if language not in LANGUAGES:
        language = negotiate(_header(scope, b"accept-language"), settings.default_language)
    # Exact match: str.isdigit() accepts '²' or '١٨', which int() refuses or reads as another number.
    text_size = {str(size): size for size in TEXT_SIZES_PX}.get(cookies.get(TEXT_SIZE_COOKIE, ""), TEXT_SIZES_PX[0])
    csrf = cookies.get(CSRF_COOKIE, "")
    is_new = not (20 <= len(csrf) <= 100 and csrf.replace("-", "").replace("_", "").isalnum())
    return Preferences(
        language=language,
        elder_mode=cookies.get(ELDER_COOKIE) == "1",
        text_size=text_size,
        csrf_secret=secrets.token_urlsafe(32) if is_new else csrf,
        csrf_is_new=is_new,
    )


def is_secure(scope: Mapping[str, Any], settings: Settings) -> bool:
    """Whether cookies get the Secure flag."""
    if settings.cookie_secure == "always":
        return True
    if settings.cookie_secure == "never":
        return False
    return scope.get("scheme") == "https"


def cookie_header(name: str, value: str, *, max_age: int | None, secure: bool, http_only: bool = True) -> bytes:
    """A Set-Cookie value with the flags every barrierfree cookie carries."""
    parts = [f"{name}={value}", "Path=/", "SameSite=Lax"]
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    if http_only:
        parts.append("HttpOnly")
    if secure:
        parts.append("Secure")
    return "; ".join(parts).encode("latin-1")


class PreferencesMiddleware:
    """Sets the language for this request and issues the CSRF cookie when missing."""

    def __init__(self, app: Any, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        prefs = read_preferences(scope, self.settings)
        scope.setdefault("state", {})["prefs"] = prefs
        token = set_language(prefs.language)
        secure = is_secure(scope, self.settings)

        async def send_with_cookie(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start" and prefs.csrf_is_new:
                headers = list(message.get("headers", []))
                headers.append(
                    (b"set-cookie", cookie_header(CSRF_COOKIE, prefs.csrf_secret, max_age=None, secure=secure))
                )
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_cookie)
        finally:
            reset_language(token)
