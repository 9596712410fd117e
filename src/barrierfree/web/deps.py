"""Request-scoped dependencies: the database session, the current user, the client address."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlalchemy.orm import Session

from barrierfree.core.accounts import User, user_for_api_token, user_for_session
from barrierfree.core.errors import NotAuthenticated
from barrierfree.core.i18n import _
from barrierfree.core.settings import Settings
from barrierfree.web.preferences import SESSION_COOKIE

MAX_ID = 2**31 - 1
"""The largest row id (a PostgreSQL ``integer``); larger ids in a URL are refused before they reach a query."""
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]
"""A row id in a URL path: 1 to MAX_ID, else 422 (SQLite cannot even bind integers past 2**63)."""
NO_NUL = r"^[^\x00]*$"
"""Pattern for free-text query parameters that reach a query: PostgreSQL cannot hold NUL in text."""


def get_settings(request: Request) -> Settings:
    """The app's settings."""
    settings: Settings = request.app.state.settings
    return settings


def db_session(request: Request) -> Iterator[Session]:
    """One unit of work per request: committed when the handler returns, rolled back on error.

    Always declared with ``scope="function"`` so that the commit happens before the response is sent:
    a browser following a redirect must find the new session row already stored.
    """
    with request.app.state.db.session() as session:
        yield session


def client_ip(request: Request) -> str:
    """The caller's address, for rate limits and the audit log."""
    return request.client.host if request.client else "unknown"


def current_user(request: Request, session: Session = Depends(db_session, scope="function")) -> User | None:
    """The logged-in user of a browser request, or None."""
    user = user_for_session(session, request.cookies.get(SESSION_COOKIE))
    request.state.user = user
    return user


def require_user(user: User | None = Depends(current_user)) -> User:
    """The logged-in user; anonymous visitors are sent to the login page."""
    if user is None:
        raise NotAuthenticated(_("Log in to continue."))
    return user


def api_user(request: Request, session: Session = Depends(db_session, scope="function")) -> User:
    """The user behind ``Authorization: Bearer <token>``; API clients never use cookies."""
    scheme, _sep, token = request.headers.get("authorization", "").partition(" ")
    user = user_for_api_token(session, token.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        raise NotAuthenticated(
            _("Send a valid API token as 'Authorization: Bearer <token>'. Create one under Account > API tokens.")
        )
    return user
