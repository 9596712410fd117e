"""Errors of the braille converter and label maker."""

from __future__ import annotations

from barrierfree.core.errors import BarrierfreeError, EngineUnavailable, InvalidInput


class BrailleError(BarrierfreeError):
    """Base of every braille error."""

    code = "braille-error"


class InvalidBrailleRequest(InvalidInput, BrailleError):
    """Bad input: an unknown braille system, English grade, output format or label profile, or text too long."""

    code = "braille-invalid-request"


class BrailleEngineUnavailable(EngineUnavailable, BrailleError):
    """liblouis (Debian ``liblouis20``) or one of its tables could not be loaded."""

    code = "braille-engine-unavailable"
