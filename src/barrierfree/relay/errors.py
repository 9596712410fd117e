"""Errors of the relay domain."""

from __future__ import annotations

from barrierfree.core.errors import BarrierfreeError, EngineUnavailable, InvalidInput, NotFound


class RelayError(BarrierfreeError):
    """Base of every relay error."""

    code = "relay-error"


class InvalidRelayInput(InvalidInput, RelayError):
    """Bad input: a malformed phone number, an empty or oversized card text, an unknown stage."""

    code = "relay-invalid-input"


class UnknownCard(NotFound, RelayError):
    """A communication card id that does not exist."""

    code = "relay-unknown-card"


class TrunkUnavailable(EngineUnavailable, RelayError):
    """The configured SIP trunk cannot be reached: calls fall back to a text message."""

    code = "relay-trunk-unavailable"
