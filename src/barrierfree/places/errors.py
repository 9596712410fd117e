"""Errors of the places domain."""

from __future__ import annotations

from barrierfree.core.errors import BarrierfreeError, InvalidInput, NotFound


class PlacesError(BarrierfreeError):
    """Base of every places error."""

    code = "places-error"


class InvalidPlacesInput(InvalidInput, PlacesError):
    """Bad input: coordinates out of range, an unknown attribute or value, a radius or evidence out of bounds."""

    code = "places-invalid-input"


class UnreadableOsmFile(InvalidInput, PlacesError):
    """An OSM file that is missing, corrupt or not OSM data at all (PBF, XML)."""

    code = "places-unreadable-osm"


class PlaceNotFound(NotFound, PlacesError):
    """A place id that does not exist."""

    code = "places-not-found"
