"""OpenStreetMap tag values read as accessibility facts: inclines, heights, widths, surfaces, tri-states.

OSM values are free text written by many hands ("5%", "-3 %", "up", "0.03", "3 cm", "2'6\\""). Each parser
returns a number in one unit or ``None`` for "not known"; it never guesses a number from a word it does not
understand, because a wrong number routes a wheelchair into a barrier while "unknown" is handled by the
profile's unknown-data rule.
"""

from __future__ import annotations

import math
import re
from enum import IntEnum

_NUMBER = r"[-+]?\d+(?:[.,]\d+)?"


class Tri(IntEnum):
    """A yes / limited / no fact, or unknown: unknown is never treated as no."""

    UNKNOWN = 0
    YES = 1
    LIMITED = 2
    NO = 3


_TRI_WORDS = {
    "yes": Tri.YES,
    "designated": Tri.YES,
    "permissive": Tri.YES,
    "true": Tri.YES,
    "1": Tri.YES,
    "24/7": Tri.YES,
    "automatic": Tri.YES,
    "limited": Tri.LIMITED,
    "partial": Tri.LIMITED,
    "incorrect": Tri.LIMITED,
    "no": Tri.NO,
    "false": Tri.NO,
    "0": Tri.NO,
}


def tri(value: str | None) -> Tri:
    """A tri-state from yes/designated/limited/partial/no; any other value (or none) is unknown."""
    if value is None:
        return Tri.UNKNOWN
    return _TRI_WORDS.get(value.strip().lower(), Tri.UNKNOWN)


def _number(text: str) -> float | None:
    match = re.fullmatch(_NUMBER, text.strip())
    return float(match.group(0).replace(",", ".")) if match else None


MAX_INCLINE_PERCENT = 100.0
"""45 degrees: anything steeper in a tag is a typing error, read as unknown."""


def incline_percent(value: str | None) -> float | None:
    """Signed grade in percent along the way's direction from ``5%``, ``-3 %``, ``10°``; None for up/down or junk.

    "up" and "down" name a direction but no steepness, so they are unknown (the DEM, when given, fills them).
    """
    if value is None:
        return None
    text = value.strip().lower().replace(" ", "")
    percent = re.fullmatch(rf"({_NUMBER})%", text)
    degrees = re.fullmatch(rf"({_NUMBER})(?:°|deg|degrees?)", text)
    if percent:
        grade = float(percent.group(1).replace(",", "."))
    elif degrees:
        angle = float(degrees.group(1).replace(",", "."))
        grade = math.tan(math.radians(angle)) * 100 if abs(angle) < 90 else math.inf
    elif (bare := _number(text)) is not None:
        grade = bare  # OSM's default unit for incline is percent
    else:
        return None
    return grade if abs(grade) <= MAX_INCLINE_PERCENT else None


_LENGTH_UNITS = {"": 1.0, "m": 1.0, "cm": 0.01, "mm": 0.001, "km": 1000.0}
MAX_WIDTH_METRES = 100.0


def metres(value: str | None) -> float | None:
    """A length in metres from ``1.5``, ``1,5 m``, ``150 cm``, ``2'6"``; None when not understood."""
    if value is None:
        return None
    text = value.strip().lower()
    feet = re.fullmatch(r"(\d+)\s*'\s*(?:(\d+)\s*\")?", text)
    if feet:
        return round(int(feet.group(1)) * 0.3048 + int(feet.group(2) or 0) * 0.0254, 3)
    match = re.fullmatch(rf"({_NUMBER})\s*(m|cm|mm|km)?", text)
    if not match:
        return None
    length = float(match.group(1).replace(",", ".")) * _LENGTH_UNITS[match.group(2) or ""]
    return length if 0 <= length <= MAX_WIDTH_METRES else None


MAX_KERB_CM = 50.0


def kerb_height_cm(height: str | None, kerb: str | None) -> float | None:
    """A kerb's height in centimetres from ``kerb:height`` (metres by default), else from ``kerb=*``.

    ``kerb=flush`` is 0 cm and ``lowered`` is taken as 2 cm (the usual upper bound of a dropped kerb);
    ``raised`` is taken as 10 cm; ``rolled`` as 4 cm. ``kerb=yes`` says there is a kerb of unknown height.
    """
    if height is not None:
        text = height.strip().lower()
        plain = _number(text)
        in_metres = plain if plain is not None else metres(text)
        if in_metres is not None:
            # Many mappers write "3" meaning centimetres; a kerb of 3 m does not exist.
            centimetres = in_metres * 100 if in_metres < 1 else in_metres
            if 0 <= centimetres <= MAX_KERB_CM:
                return round(centimetres, 1)
    return KERB_KIND_HEIGHT_CM.get((kerb or "").strip().lower())


KERB_KIND_HEIGHT_CM = {"flush": 0.0, "no": 0.0, "lowered": 2.0, "rolled": 4.0, "raised": 10.0}


class Surface(IntEnum):
    """Surfaces grouped by what they mean for wheels: smooth, rough paving, firm unpaved, loose."""

    UNKNOWN = 0
    PAVED = 1
    ROUGH = 2
    FIRM = 3
    LOOSE = 4


_SURFACES = {
    Surface.PAVED: {
        "paved",
        "asphalt",
        "concrete",
        "concrete:plates",
        "paving_stones",
        "paving_stones:lanes",
        "chipseal",
        "metal",
        "wood",
        "rubber",
        "tartan",
        "acrylic",
    },
    Surface.ROUGH: {"sett", "cobblestone", "unhewn_cobblestone", "cobblestone:flattened", "bricks", "concrete:lanes"},
    Surface.FIRM: {"compacted", "fine_gravel", "grass_paver", "clay"},
    Surface.LOOSE: {
        "unpaved",
        "gravel",
        "pebblestone",
        "rock",
        "dirt",
        "earth",
        "ground",
        "grass",
        "sand",
        "mud",
        "woodchips",
        "snow",
        "ice",
        "stepping_stones",
    },
}
_SURFACE_BY_VALUE = {value: group for group, values in _SURFACES.items() for value in values}
SURFACE_NAMES = {group: group.name.lower() for group in Surface}


def surface(value: str | None) -> Surface:
    """The surface group of ``surface=*``; unknown for values we do not know."""
    return _SURFACE_BY_VALUE.get((value or "").strip().lower(), Surface.UNKNOWN)


SMOOTHNESS_LEVELS = (
    "excellent",
    "good",
    "intermediate",
    "bad",
    "very_bad",
    "horrible",
    "very_horrible",
    "impassable",
)


def smoothness(value: str | None) -> int:
    """0 (excellent) to 7 (impassable); -1 when unknown."""
    text = (value or "").strip().lower()
    return SMOOTHNESS_LEVELS.index(text) if text in SMOOTHNESS_LEVELS else -1


MAX_STEP_COUNT = 1000


def step_count(value: str | None) -> int | None:
    """The number of steps from ``step_count``; None when missing or not a plain count."""
    if value is None or not value.strip().isdigit():
        return None
    count = int(value.strip())
    return count if 0 < count <= MAX_STEP_COUNT else None


class Crossing(IntEnum):
    """How a street crossing is controlled, from most to least help for a blind pedestrian."""

    NONE = 0
    SIGNALS = 1
    MARKED = 2
    UNMARKED = 3
    INFORMAL = 4


def crossing(tags: dict[str, str]) -> Crossing:
    """The crossing type of a node or way from ``crossing``, ``highway=traffic_signals`` and ``crossing:markings``."""
    kind = tags.get("crossing", "").strip().lower()
    if kind == "traffic_signals" or tags.get("crossing:signals") == "yes" or tags.get("highway") == "traffic_signals":
        return Crossing.SIGNALS
    if kind in {"marked", "zebra", "uncontrolled"} or tags.get("crossing:markings", "no") not in {"no", ""}:
        return Crossing.MARKED
    if kind in {"unmarked", "no"}:
        return Crossing.UNMARKED if kind == "unmarked" else Crossing.INFORMAL
    if kind == "informal":
        return Crossing.INFORMAL
    if tags.get("highway") == "crossing" or tags.get("footway") == "crossing":
        return Crossing.UNMARKED
    return Crossing.NONE


_SIDEWALK_SIDES = {
    "both": (True, True),
    "separate": (True, True),
    "left": (True, False),
    "right": (False, True),
    "no": (False, False),
    "none": (False, False),
}
_SIDE_PRESENT = {"yes": True, "separate": True, "no": False, "none": False}


def sidewalk_sides(tags: dict[str, str]) -> tuple[Tri, Tri]:
    """Whether a street has a pavement on its left and right, in the way's own direction.

    ``sidewalk=left|right|both|no|separate`` sets both sides; ``sidewalk:both``, then ``sidewalk:left`` and
    ``sidewalk:right`` (yes / no / separate) refine them. A pavement mapped as its own way (``separate``) is still
    a pavement on that side. ``sidewalk=yes`` says there is one but not where, so both sides stay unknown.
    """
    left = right = Tri.UNKNOWN
    if (sides := _SIDEWALK_SIDES.get(tags.get("sidewalk", "").strip().lower())) is not None:
        left, right = (Tri.YES if side else Tri.NO for side in sides)
    if (both := _SIDE_PRESENT.get(tags.get("sidewalk:both", "").strip().lower())) is not None:
        left = right = Tri.YES if both else Tri.NO
    if (on_left := _SIDE_PRESENT.get(tags.get("sidewalk:left", "").strip().lower())) is not None:
        left = Tri.YES if on_left else Tri.NO
    if (on_right := _SIDE_PRESENT.get(tags.get("sidewalk:right", "").strip().lower())) is not None:
        right = Tri.YES if on_right else Tri.NO
    return left, right


def pack_sides(left: Tri, right: Tri) -> int:
    """Both sides in one small number (left in the low two bits), as the graph stores them per arc."""
    return int(left) | int(right) << 2


def unpack_sides(packed: int) -> tuple[Tri, Tri]:
    """The (left, right) pair stored by :func:`pack_sides`."""
    return Tri(packed & 3), Tri(packed >> 2 & 3)


def swap_sides(packed: int) -> int:
    """The same street walked the other way: its left pavement is on the right."""
    left, right = unpack_sides(packed)
    return pack_sides(right, left)


BLOCKING_BARRIERS = frozenset(
    {"stile", "turnstile", "full-height_turnstile", "kissing_gate", "block", "log", "chain", "fence", "wall"}
)
"""Barriers a wheelchair, a walker or a stroller cannot pass (a bollard or an open gate can be passed)."""
