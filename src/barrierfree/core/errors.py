"""The platform's exception hierarchy.

Every domain raises subclasses of :class:`BarrierfreeError`. The web layer maps them to HTTP problem+json
in one place (``web/errors.py``) and the CLI maps them to exit codes in one place (``cli/_errors.py``).
Messages are already translated into the current request language (see ``core.i18n``) and say what was
wrong and what to do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class BarrierfreeError(Exception):
    """Base of every error the platform raises on purpose."""

    code = "error"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.also: tuple[BarrierfreeError, ...] = ()
        """Problems with other fields of the same input, found in the same pass (see :class:`ProblemList`)."""

    def problems(self) -> list[tuple[str | None, str]]:
        """This problem and those found with it, as (field, message), in the order they were found."""
        return [(error.field, error.message) for error in (self, *self.also)]


class ProblemList:
    """Runs several independent checks of one input and raises their problems together.

    A form with a blank name and a position that is not a position says both at once: someone who fills the
    form with a screen reader or a switch should not have to send it twice to learn of the second problem.
    """

    def __init__(self) -> None:
        self.errors: list[BarrierfreeError] = []

    def check(self, check: Callable[[], T]) -> T | None:
        """The check's result, or None when it raised a BarrierfreeError (kept for :meth:`raise_any`)."""
        try:
            return check()
        except BarrierfreeError as error:
            self.errors.extend((error, *error.also))  # a check that itself found several: each counts
            return None

    def raise_any(self) -> None:
        """Raise the first problem with the others attached as ``also``; nothing when there were none."""
        if self.errors:
            first, *others = self.errors
            first.also = tuple(others)
            raise first


class SettingsError(BarrierfreeError):
    """The configuration is invalid; the message lists each bad variable."""

    code = "bad-settings"


class InvalidInput(BarrierfreeError):
    """The caller sent something we cannot accept (wrong type, too long, unknown choice)."""

    code = "invalid-input"


class NotFound(BarrierfreeError):
    """The thing asked for does not exist, or the caller may not know that it exists."""

    code = "not-found"


class NotAuthenticated(BarrierfreeError):
    """The caller must log in (web) or send a valid token (API)."""

    code = "not-authenticated"


class PermissionDenied(BarrierfreeError):
    """The caller is known but their roles do not allow this."""

    code = "permission-denied"


class Conflict(BarrierfreeError):
    """The request clashes with what is stored (a taken username, a duplicate membership)."""

    code = "conflict"


class ConsentRequired(BarrierfreeError):
    """Sensitive personal information needs a separate, recorded consent first (PIPL art. 29)."""

    code = "consent-required"


class EngineUnavailable(BarrierfreeError):
    """An outside engine this platform runs on (liblouis, a speech engine, a SIP trunk) is missing or down."""

    code = "engine-unavailable"


class TooManyAttempts(BarrierfreeError):
    """Rate limit or lockout; ``retry_after`` says how many seconds to wait."""

    code = "too-many-attempts"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
