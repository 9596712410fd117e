"""Mobility profiles and per-request constraints: what each traveller can pass, as hard or soft limits.

A hard limit removes an arc from the search; a soft limit makes it cost more, so it is used only when the
alternative is much longer. Unknown data (an untagged surface, a kerb of unknown height) is passed,
penalised or blocked as the request says; it is never silently read as "fine" or as "no".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from barrierfree.core.i18n import N_, _
from barrierfree.routing.errors import InvalidRoutingInput
from barrierfree.routing.tags import Surface


class UnknownData(StrEnum):
    """What to do where the map does not say whether a limit holds."""

    PASS = "pass"  # noqa: S105 - "pass" the unknown data, not a password
    PENALISE = "penalise"
    BLOCK = "block"


class StepsRule(StrEnum):
    """Whether steps may be used: always, only with a handrail, or never."""

    ALLOWED = "allowed"
    HANDRAIL = "handrail"
    NONE = "none"


@dataclass(frozen=True)
class Limit:
    """A number that must not be passed; ``hard`` False makes it a preference."""

    value: float
    hard: bool = True


@dataclass(frozen=True)
class Constraints:
    """Everything a route must respect; None means "no limit"."""

    max_uphill: Limit | None = None  # percent
    max_downhill: Limit | None = None  # percent
    max_kerb_cm: Limit | None = None
    min_width_m: Limit | None = None
    steps: StepsRule = StepsRule.ALLOWED
    max_steps: int | None = None  # most steps in one flight, when steps are allowed
    steps_hard: bool = True
    surfaces: frozenset[Surface] = frozenset(Surface)  # allowed surface groups; UNKNOWN follows ``unknown``
    surfaces_hard: bool = True
    worst_smoothness: int | None = None  # 0 excellent .. 7 impassable; worse is outside the limit
    barriers_block: bool = False  # stiles, turnstiles, kissing gates
    unknown: UnknownData = UnknownData.PASS
    crossing_penalty_m: tuple[float, float, float, float, float] = (0.0, 0.0, 0.0, 0.0, 0.0)
    """Extra metres for entering a crossing by tags.Crossing (none, signals, marked, unmarked, informal)."""
    silent_signal_penalty_m: float = 0.0  # signals without an audible or vibrating aid
    major_road_factor: float = 1.0  # walking along a major road costs this many times its length
    unlit_factor: float = 0.0
    """A way tagged lit=no costs this many extra times its length (set for a request made after dark)."""


@dataclass(frozen=True)
class Profile:
    """A named set of constraints for one kind of traveller."""

    name: str
    label: str
    constraints: Constraints
    unlit_factor_after_dark: float = 0.0
    """``Constraints.unlit_factor`` for a departure after dusk: low vision and unsteady walking need light."""


PROFILES: dict[str, Profile] = {
    profile.name: profile
    for profile in (
        Profile("foot", N_("Walking"), Constraints()),
        Profile(
            "manual_wheelchair",
            N_("Manual wheelchair"),
            Constraints(
                max_uphill=Limit(8.0),
                max_downhill=Limit(10.0),
                max_kerb_cm=Limit(3.0),
                min_width_m=Limit(0.9),
                steps=StepsRule.NONE,
                surfaces=frozenset({Surface.UNKNOWN, Surface.PAVED, Surface.ROUGH, Surface.FIRM}),
                worst_smoothness=4,
                barriers_block=True,
                unknown=UnknownData.PENALISE,
                major_road_factor=1.2,
            ),
        ),
        Profile(
            "power_wheelchair",
            N_("Power wheelchair"),
            Constraints(
                max_uphill=Limit(12.0),
                max_downhill=Limit(12.0),
                max_kerb_cm=Limit(5.0),
                min_width_m=Limit(1.0),
                steps=StepsRule.NONE,
                surfaces=frozenset({Surface.UNKNOWN, Surface.PAVED, Surface.ROUGH, Surface.FIRM}),
                worst_smoothness=5,
                barriers_block=True,
                unknown=UnknownData.PENALISE,
            ),
        ),
        Profile(
            "walker",
            N_("Walker or cane (older people)"),
            Constraints(
                max_uphill=Limit(10.0, hard=False),
                max_downhill=Limit(10.0, hard=False),
                max_kerb_cm=Limit(6.0, hard=False),
                steps=StepsRule.HANDRAIL,
                steps_hard=False,
                surfaces=frozenset({Surface.UNKNOWN, Surface.PAVED, Surface.ROUGH, Surface.FIRM}),
                surfaces_hard=False,
                barriers_block=True,
            ),
            unlit_factor_after_dark=1.0,
        ),
        Profile(
            "blind",
            N_("Blind or low vision"),
            Constraints(
                crossing_penalty_m=(0.0, 0.0, 40.0, 150.0, 300.0),
                silent_signal_penalty_m=60.0,
                major_road_factor=1.3,
            ),
            unlit_factor_after_dark=1.0,
        ),
        Profile(
            "stroller",
            N_("Stroller or pram"),
            Constraints(
                max_uphill=Limit(12.0, hard=False),
                max_kerb_cm=Limit(6.0, hard=False),
                steps=StepsRule.NONE,
                steps_hard=False,
                surfaces=frozenset({Surface.UNKNOWN, Surface.PAVED, Surface.ROUGH, Surface.FIRM}),
                surfaces_hard=False,
                barriers_block=True,
            ),
        ),
    )
}

MAX_GRADE_LIMIT = 100.0
MAX_KERB_LIMIT_CM = 50.0
MAX_WIDTH_LIMIT_M = 10.0


def profile_named(name: str) -> Profile:
    """A profile by name, or a clear error listing the names there are."""
    try:
        return PROFILES[name]
    except KeyError:
        raise InvalidRoutingInput(
            _("Unknown profile {name}. Choose one of: {names}.").format(name=name, names=", ".join(PROFILES)),
            field="profile",
        ) from None


@dataclass(frozen=True)
class Overrides:
    """Per-request changes to a profile (from the command line, the API or the form); None keeps the profile's."""

    max_uphill: float | None = None
    max_downhill: float | None = None
    max_kerb_cm: float | None = None
    min_width_m: float | None = None
    steps: StepsRule | None = None
    max_steps: int | None = None
    surfaces: frozenset[Surface] | None = None
    unknown: UnknownData | None = None
    soft: frozenset[str] = frozenset()
    """Names of limits to treat as preferences: uphill, downhill, kerb, width, steps, surface."""


SOFTENABLE = ("uphill", "downhill", "kerb", "width", "steps", "surface")


def _checked(value: float | None, name: str, upper: float, field: str) -> float | None:
    if value is None:
        return None
    if not 0 <= value <= upper:
        raise InvalidRoutingInput(
            _("{name} must be between 0 and {upper}, not {value}.").format(name=name, upper=upper, value=value),
            field=field,
        )
    return value


def _limit(current: Limit | None, value: float | None, soft: bool) -> Limit | None:
    if value is not None:
        return Limit(value, hard=not soft)
    if current is not None and soft:
        return replace(current, hard=False)
    return current


def constraints_for(profile: Profile, overrides: Overrides | None = None) -> Constraints:
    """The profile's constraints with the request's overrides applied; contradictions are refused."""
    if overrides is None:
        return profile.constraints
    unknown_soft = set(overrides.soft) - set(SOFTENABLE)
    if unknown_soft:
        raise InvalidRoutingInput(
            _("Cannot make {names} soft. Soft limits are: {allowed}.").format(
                names=", ".join(sorted(unknown_soft)), allowed=", ".join(SOFTENABLE)
            ),
            field="soft",
        )
    base = profile.constraints
    uphill = _checked(overrides.max_uphill, _("The largest uphill grade"), MAX_GRADE_LIMIT, "max_uphill")
    downhill = _checked(overrides.max_downhill, _("The largest downhill grade"), MAX_GRADE_LIMIT, "max_downhill")
    kerb = _checked(overrides.max_kerb_cm, _("The highest kerb"), MAX_KERB_LIMIT_CM, "max_kerb_cm")
    width = _checked(overrides.min_width_m, _("The narrowest width"), MAX_WIDTH_LIMIT_M, "min_width_m")
    steps = overrides.steps or base.steps
    if overrides.max_steps is not None:
        if steps == StepsRule.NONE:
            raise InvalidRoutingInput(
                _("A largest number of steps was given, but steps are not allowed. Allow steps or drop the number."),
                field="max_steps",
            )
        if not 0 < overrides.max_steps <= 1000:
            raise InvalidRoutingInput(_("The number of steps must be between 1 and 1000."), field="max_steps")
    if overrides.surfaces is not None and not (overrides.surfaces - {Surface.UNKNOWN}):
        raise InvalidRoutingInput(_("Allow at least one surface."), field="surfaces")
    soft = overrides.soft
    return replace(
        base,
        max_uphill=_limit(base.max_uphill, uphill, "uphill" in soft),
        max_downhill=_limit(base.max_downhill, downhill, "downhill" in soft),
        max_kerb_cm=_limit(base.max_kerb_cm, kerb, "kerb" in soft),
        min_width_m=_limit(base.min_width_m, width, "width" in soft),
        steps=steps,
        max_steps=overrides.max_steps if overrides.max_steps is not None else base.max_steps,
        steps_hard=base.steps_hard and "steps" not in soft,
        surfaces=overrides.surfaces | {Surface.UNKNOWN} if overrides.surfaces is not None else base.surfaces,
        surfaces_hard=base.surfaces_hard and "surface" not in soft,
        unknown=overrides.unknown or base.unknown,
    )
