"""Distances and turns in words, as a screen reader should read them: "about one hundred and twenty metres".

Digits and unit symbols ("120m", "1.3km") are read out oddly or letter by letter by some screen readers, and
exact metres are noise when walking; distances are rounded the way a person would say them.
"""

from __future__ import annotations

import functools

import cn2an
from num2words import num2words

from barrierfree.core.i18n import _, current_language


def rounded_metres(metres: float) -> int:
    """Round as people say distances: to 5 m below 100 m, to 10 m below 1 km, to 100 m above."""
    if metres < 100:
        return max(5, round(metres / 5.0) * 5)
    if metres < 1000:
        return round(metres / 10.0) * 10
    return round(metres / 100.0) * 100


def _number_words(value: float) -> str:
    return _number_words_in(current_language(), value)


@functools.lru_cache(maxsize=4096)
def _number_words_in(language: str, value: float) -> str:
    """Cached: distances repeat (they are rounded), and num2words takes tens of microseconds per call."""
    if language == "zh-CN":
        return str(cn2an.an2cn(value if value != int(value) else int(value)))
    return str(num2words(value if value != int(value) else int(value), lang="en"))


def distance_words(metres: float) -> str:
    """A distance in words in the current language ("about one point three kilometres", "约一点三公里")."""
    amount = rounded_metres(metres)
    if amount == 1000:
        return _("about one kilometre")
    if amount >= 1000:
        kilometres = amount / 1000
        return _("about {number} kilometres").format(number=_number_words(kilometres))
    return _("about {number} metres").format(number=_number_words(amount))


def turn_words(change_degrees: float) -> str | None:
    """The turn between two headings (-180..180, positive = right), or None for straight on."""
    size = abs(change_degrees)
    if size < 25:
        return None
    right = change_degrees > 0
    if size < 60:
        return _("Bear right") if right else _("Bear left")
    if size < 135:
        return _("Turn right") if right else _("Turn left")
    if size < 170:
        return _("Turn sharp right") if right else _("Turn sharp left")
    return _("Turn around")


def heading_change(before: float, after: float) -> float:
    """The signed change from one compass heading to another, in -180..180 (positive = clockwise = right)."""
    return (after - before + 540.0) % 360.0 - 180.0


_COMPASS = (
    "north",
    "north-east",
    "east",
    "south-east",
    "south",
    "south-west",
    "west",
    "north-west",
)


def compass_words(bearing: float) -> str:
    """The compass direction of a heading ("north-east"), translated."""
    names = {
        "north": _("north"),
        "north-east": _("north-east"),
        "east": _("east"),
        "south-east": _("south-east"),
        "south": _("south"),
        "south-west": _("south-west"),
        "west": _("west"),
        "north-west": _("north-west"),
    }
    return names[_COMPASS[int(((bearing % 360) + 22.5) // 45) % 8]]
