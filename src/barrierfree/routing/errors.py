"""Errors of the routing domain."""

from __future__ import annotations

from barrierfree.core.errors import BarrierfreeError, InvalidInput, NotFound


class RoutingError(BarrierfreeError):
    """Base of every routing error."""

    code = "routing-error"


class InvalidRoutingInput(InvalidInput, RoutingError):
    """Bad input: unknown profile, contradictory constraints, coordinates out of range, a corrupt map file."""

    code = "routing-invalid-input"


class PointOffNetwork(InvalidInput, RoutingError):
    """A start or end point outside the map, or farther than the snapping limit from any usable path."""

    code = "routing-point-off-network"


class NoRoute(NotFound, RoutingError):
    """No route satisfies the hard limits; the message names what blocked it and the nearest relaxation.

    ``explanation`` holds the same facts as data (an ``explain.Failure``) for the API and the page.
    """

    code = "routing-no-route"

    def __init__(self, message: str, explanation: object | None = None) -> None:
        super().__init__(message)
        self.explanation = explanation


class UnknownReport(NotFound, RoutingError):
    """A barrier report id that does not exist."""

    code = "routing-unknown-report"
