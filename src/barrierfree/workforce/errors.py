"""Errors of the workforce domain."""

from __future__ import annotations

from barrierfree.core.errors import BarrierfreeError, InvalidInput


class WorkforceError(BarrierfreeError):
    """Base of every workforce error."""

    code = "workforce-error"


class InvalidWorkforceInput(InvalidInput, WorkforceError):
    """Bad input: a malformed history file (the message names the line), a negative volume, an impossible target."""

    code = "workforce-invalid-input"


class NoRosterFound(WorkforceError):
    """A rostering search ended without a feasible roster: nothing is written."""

    code = "workforce-no-roster"
