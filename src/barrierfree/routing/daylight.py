"""Whether it is dark at a place and time: after dusk, unlit ways are avoided by the profiles that mind them.

Dark means the sun more than 6 degrees below the horizon (civil twilight over), worked out by ``astral`` for
the place itself, so the answer is right in any time zone and season without a table of sunset times.
"""

from __future__ import annotations

from datetime import datetime

from astral import Observer
from astral.sun import elevation

DUSK_ELEVATION_DEGREES = -6.0


def is_dark(lat: float, lon: float, when: datetime) -> bool:
    """True when the sun is below civil twilight at (lat, lon) at ``when`` (an aware datetime)."""
    return float(elevation(Observer(lat, lon), when)) < DUSK_ELEVATION_DEGREES
