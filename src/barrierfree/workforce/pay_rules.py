"""Piece-rate pay rules for remote customer-service agents: rates, bonuses, allowances, and their JSON form.

Every amount of money is a :class:`~decimal.Decimal` number of yuan holding a whole number of fen; multipliers and
shares are Decimals too, so a payslip is computed exactly and rounded to the fen only where :mod:`.pay` says so.
Rules come as JSON (see ``docs/workforce-pay.md``): money as strings such as ``"1.50"`` (or integers), and any field
left out keeps its value in :data:`DEFAULT_PAY_RULES`. A bad field is refused with its name.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from barrierfree.core.i18n import _
from barrierfree.workforce.errors import InvalidWorkforceInput

FEN = Decimal("0.01")
"""The smallest amount of money: every amount is a whole number of fen."""
MAX_AMOUNT = Decimal("100000.00")
"""No rate, bonus or allowance in the rules may exceed this many yuan: a typo, not a policy."""
MAX_MULTIPLIER = Decimal(10)
MIN_DIFFICULTY = 1
MAX_DIFFICULTY = 9
MAX_QUALITY = 100
MIN_RATING = 1
MAX_RATING = 5
MAX_TARGET_SECONDS = 8 * 60 * 60
MAX_TASK_TYPES = 50
MAX_RULES_CHARS = 64_000
TASK_TYPE_PATTERN = re.compile(r"[a-z][a-z0-9-]{0,31}")
DEFAULT_TIMEZONE = "Asia/Shanghai"
TEXT_LIMIT = 64

DEFAULT_RATES: dict[str, Decimal] = {
    "consultation": Decimal("1.00"),
    "after-sale": Decimal("1.50"),
    "delivery": Decimal("1.20"),
    "complaint": Decimal("2.50"),
}
"""Yuan per resolved contact at difficulty 1: a complaint takes longer and more care than a product question."""
DEFAULT_DIFFICULTY_MULTIPLIERS: dict[int, Decimal] = {1: Decimal("1.0"), 2: Decimal("1.3"), 3: Decimal("1.6")}
DEFAULT_TRANSFERRED_SHARE = Decimal("0.5")
"""A contact handed on to a colleague earns half its rate: the agent did part of the work."""
DEFAULT_SPEED_BONUS_PER_CONTACT = Decimal("0.30")
DEFAULT_SPEED_TARGET_SECONDS: dict[str, int] = {
    "consultation": 180,
    "after-sale": 300,
    "delivery": 240,
    "complaint": 600,
}
"""Target handle time per task type: a resolved contact within it may earn the speed bonus."""
DEFAULT_SPEED_MIN_QUALITY = 80
"""The speed bonus is paid only for contacts of at least this quality score: fast must not mean careless."""
DEFAULT_SPEED_BONUS_CAP = Decimal("300.00")
"""At most this much speed bonus per period, so that nobody is pushed to rush without end."""
DEFAULT_SATISFACTION_BONUS = Decimal("200.00")
DEFAULT_SATISFACTION_MIN_RATINGS = 30
"""Fewer ratings than this say too little about an agent to pay or withhold a bonus on them."""
DEFAULT_SATISFACTION_MIN_MEAN = Decimal("4.5")
DEFAULT_EQUIPMENT_ALLOWANCE = Decimal("100.00")
"""Per period, for an agent who works with assistive equipment (screen reader, braille display, adapted input)."""
DEFAULT_NIGHT_ALLOWANCE_PER_CONTACT = Decimal("0.50")
DEFAULT_NIGHT_START = dt.time(22, 0)
DEFAULT_NIGHT_END = dt.time(6, 0)
DEFAULT_MENTOR_ALLOWANCE_PER_APPRENTICE = Decimal("150.00")


@dataclass(frozen=True)
class PayRules:
    """How pay is computed: rates per task type, difficulty multipliers, bonuses and allowances (money in yuan)."""

    rates: Mapping[str, Decimal] = field(default_factory=lambda: dict(DEFAULT_RATES))
    difficulty_multipliers: Mapping[int, Decimal] = field(default_factory=lambda: dict(DEFAULT_DIFFICULTY_MULTIPLIERS))
    transferred_share: Decimal = DEFAULT_TRANSFERRED_SHARE
    speed_bonus_per_contact: Decimal = DEFAULT_SPEED_BONUS_PER_CONTACT
    speed_target_seconds: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_SPEED_TARGET_SECONDS))
    speed_min_quality: int = DEFAULT_SPEED_MIN_QUALITY
    speed_bonus_cap: Decimal = DEFAULT_SPEED_BONUS_CAP
    satisfaction_bonus: Decimal = DEFAULT_SATISFACTION_BONUS
    satisfaction_min_ratings: int = DEFAULT_SATISFACTION_MIN_RATINGS
    satisfaction_min_mean: Decimal = DEFAULT_SATISFACTION_MIN_MEAN
    equipment_allowance: Decimal = DEFAULT_EQUIPMENT_ALLOWANCE
    night_allowance_per_contact: Decimal = DEFAULT_NIGHT_ALLOWANCE_PER_CONTACT
    night_start: dt.time = DEFAULT_NIGHT_START
    night_end: dt.time = DEFAULT_NIGHT_END
    mentor_allowance_per_apprentice: Decimal = DEFAULT_MENTOR_ALLOWANCE_PER_APPRENTICE
    timezone: str = DEFAULT_TIMEZONE

    def __post_init__(self) -> None:
        """Freeze the tables too: the default rules are shared by every payslip."""
        for name in ("rates", "difficulty_multipliers", "speed_target_seconds"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    @property
    def zone(self) -> ZoneInfo:
        """The time zone that decides a contact's pay date and whether it was at night."""
        return ZoneInfo(self.timezone)

    def is_night(self, moment: dt.datetime) -> bool:
        """Whether ``moment`` (timezone-aware) falls in the night hours, local time."""
        local = moment.astimezone(self.zone).time()
        if self.night_start <= self.night_end:
            return self.night_start <= local < self.night_end
        return local >= self.night_start or local < self.night_end


DEFAULT_PAY_RULES = PayRules()
"""The platform's default rules; an organisation may load its own from JSON."""


_MONEY_FIELDS = (
    "speed_bonus_per_contact",
    "speed_bonus_cap",
    "satisfaction_bonus",
    "equipment_allowance",
    "night_allowance_per_contact",
    "mentor_allowance_per_apprentice",
)


def _refuse(message: str, field_name: str) -> InvalidWorkforceInput:
    """The error for one bad field of the rules."""
    return InvalidWorkforceInput(message, field=field_name)


def _is_money(value: Decimal) -> bool:
    """A finite amount from zero to MAX_AMOUNT yuan in whole fen."""
    return value.is_finite() and 0 <= value <= MAX_AMOUNT and value == value.quantize(FEN)


def check_pay_rules(rules: PayRules) -> PayRules:
    """Return ``rules`` if every field is in range, else InvalidWorkforceInput naming the first bad field."""
    if not rules.rates or len(rules.rates) > MAX_TASK_TYPES:
        raise _refuse(_("Give a rate for 1 to {limit} task types.").format(limit=MAX_TASK_TYPES), "rates")
    for task_type, rate in rules.rates.items():
        if not TASK_TYPE_PATTERN.fullmatch(task_type):
            raise _refuse(
                _("The task type “{value}” must be lower-case letters, digits and hyphens, such as after-sale.").format(
                    value=task_type[:40]
                ),
                "rates",
            )
        if not _is_money(rate):
            raise _refuse(_money_message(f"rates.{task_type}"), f"rates.{task_type}")
    if not rules.difficulty_multipliers:
        raise _refuse(_("Give a multiplier for at least one difficulty."), "difficulty_multipliers")
    for difficulty, multiplier in rules.difficulty_multipliers.items():
        if not MIN_DIFFICULTY <= difficulty <= MAX_DIFFICULTY:
            raise _refuse(
                _("A difficulty is a whole number from {low} to {high}.").format(
                    low=MIN_DIFFICULTY, high=MAX_DIFFICULTY
                ),
                "difficulty_multipliers",
            )
        if not (multiplier.is_finite() and 0 < multiplier <= MAX_MULTIPLIER):
            raise _refuse(
                _("The multiplier of difficulty {difficulty} must be above 0 and at most {limit}.").format(
                    difficulty=difficulty, limit=MAX_MULTIPLIER
                ),
                f"difficulty_multipliers.{difficulty}",
            )
    if not (rules.transferred_share.is_finite() and 0 <= rules.transferred_share <= 1):
        raise _refuse(_("The transferred share is from 0 to 1, such as 0.5 for half the rate."), "transferred_share")
    for task_type, seconds in rules.speed_target_seconds.items():
        if task_type not in rules.rates:
            raise _refuse(
                _("The speed target names the task type “{value}”, which has no rate.").format(value=task_type[:40]),
                "speed_target_seconds",
            )
        if not 0 < seconds <= MAX_TARGET_SECONDS:
            raise _refuse(
                _("The target handle time of {task} must be from 1 to {limit} seconds.").format(
                    task=task_type, limit=MAX_TARGET_SECONDS
                ),
                f"speed_target_seconds.{task_type}",
            )
    if not 0 <= rules.speed_min_quality <= MAX_QUALITY:
        raise _refuse(
            _("The quality threshold is a score from 0 to {limit}.").format(limit=MAX_QUALITY), "speed_min_quality"
        )
    if rules.satisfaction_min_ratings < 1:
        raise _refuse(_("The satisfaction bonus needs at least 1 rating."), "satisfaction_min_ratings")
    if not (rules.satisfaction_min_mean.is_finite() and MIN_RATING <= rules.satisfaction_min_mean <= MAX_RATING):
        raise _refuse(
            _("The satisfaction threshold is a mean rating from {low} to {high}.").format(
                low=MIN_RATING, high=MAX_RATING
            ),
            "satisfaction_min_mean",
        )
    for name in _MONEY_FIELDS:
        if not _is_money(getattr(rules, name)):
            raise _refuse(_money_message(name), name)
    try:
        rules.zone  # noqa: B018 - looking the zone up is the check
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise _refuse(
            _("“{value}” is not a time zone such as Asia/Shanghai.").format(value=rules.timezone[:40]), "timezone"
        ) from None
    return rules


def _money_message(name: str) -> str:
    """Why an amount of money was refused."""
    return _('{field} must be an amount in yuan from 0 to {limit}, in whole fen, such as "1.50".').format(
        field=name, limit=MAX_AMOUNT
    )


def parse_pay_rules(text: str) -> PayRules:
    """Rules from JSON text; fields left out keep the defaults, and InvalidWorkforceInput names a bad field."""
    if len(text) > MAX_RULES_CHARS:
        raise _refuse(_("The rules are longer than {limit} characters.").format(limit=MAX_RULES_CHARS), "rules")
    try:
        data = json.loads(text, parse_float=Decimal)
    except (ValueError, RecursionError):
        raise _refuse(_("The rules are not valid JSON."), "rules") from None
    return pay_rules_from_document(data)


def pay_rules_from_document(data: Any) -> PayRules:
    """Rules from decoded JSON (a mapping of field -> value), checked; the inverse of :func:`pay_rules_document`."""
    if not isinstance(data, Mapping):
        raise _refuse(_("The rules must be a JSON object of fields and values."), "rules")
    known = {item.name for item in fields(PayRules)}
    for name in data:
        if name not in known:
            raise _refuse(
                _("Unknown field “{field}”. Known fields: {known}.").format(
                    field=str(name)[:40], known=", ".join(sorted(known))
                ),
                str(name)[:40],
            )
    changes: dict[str, Any] = {name: _READERS[name](value, name) for name, value in data.items()}
    if "rates" in changes and "speed_target_seconds" not in changes:
        # New task types without their own targets: keep the default targets of the types that are still paid.
        changes["speed_target_seconds"] = {
            task_type: seconds
            for task_type, seconds in DEFAULT_PAY_RULES.speed_target_seconds.items()
            if task_type in changes["rates"]
        }
    return check_pay_rules(replace(DEFAULT_PAY_RULES, **changes))


def _decimal(value: Any, name: str) -> Decimal:
    """A Decimal from a JSON string or number (never a bool), or an error naming the field."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise _refuse(_('{field} must be a number, such as "1.50".').format(field=name), name)
    try:
        number = Decimal(value.strip()) if isinstance(value, str) else Decimal(value)
    except InvalidOperation:
        raise _refuse(_('{field} must be a number, such as "1.50".').format(field=name), name) from None
    if not number.is_finite():
        raise _refuse(_('{field} must be a number, such as "1.50".').format(field=name), name)
    return number


def _money(value: Any, name: str) -> Decimal:
    """An amount of money in whole fen."""
    number = _decimal(value, name)
    if not _is_money(number):
        raise _refuse(_money_message(name), name)
    return number


def _whole(value: Any, name: str) -> int:
    """A whole number (a JSON integer)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise _refuse(_("{field} must be a whole number.").format(field=name), name)
    return value


def _mapping(value: Any, name: str) -> Mapping[str, Any]:
    """A JSON object of at most MAX_TASK_TYPES entries."""
    if not isinstance(value, Mapping) or len(value) > MAX_TASK_TYPES:
        raise _refuse(
            _("{field} must be a JSON object of at most {limit} entries.").format(field=name, limit=MAX_TASK_TYPES),
            name,
        )
    return value


def _rates(value: Any, name: str) -> dict[str, Decimal]:
    """Task type -> rate."""
    return {str(key): _money(amount, f"{name}.{key}") for key, amount in _mapping(value, name).items()}


def _multipliers(value: Any, name: str) -> dict[int, Decimal]:
    """Difficulty (a key such as "2") -> multiplier."""
    result: dict[int, Decimal] = {}
    for key, multiplier in _mapping(value, name).items():
        if not str(key).isascii() or not str(key).isdigit():
            raise _refuse(
                _("A difficulty is a whole number from {low} to {high}.").format(
                    low=MIN_DIFFICULTY, high=MAX_DIFFICULTY
                ),
                name,
            )
        result[int(key)] = _decimal(multiplier, f"{name}.{key}")
    return result


def _targets(value: Any, name: str) -> dict[str, int]:
    """Task type -> target handle seconds."""
    return {str(key): _whole(seconds, f"{name}.{key}") for key, seconds in _mapping(value, name).items()}


def _time(value: Any, name: str) -> dt.time:
    """A local time of day such as "22:00"."""
    try:
        if not isinstance(value, str) or len(value) > len("00:00:00"):
            raise ValueError(value)
        return dt.time.fromisoformat(value)
    except ValueError:
        raise _refuse(_('{field} must be a time of day such as "22:00".').format(field=name), name) from None


def _text(value: Any, name: str) -> str:
    """A short string."""
    if not isinstance(value, str) or len(value) > TEXT_LIMIT:
        raise _refuse(_("{field} must be a short text.").format(field=name), name)
    return value


_READERS: dict[str, Callable[[Any, str], Any]] = {
    "rates": _rates,
    "difficulty_multipliers": _multipliers,
    "transferred_share": _decimal,
    "speed_bonus_per_contact": _money,
    "speed_target_seconds": _targets,
    "speed_min_quality": _whole,
    "speed_bonus_cap": _money,
    "satisfaction_bonus": _money,
    "satisfaction_min_ratings": _whole,
    "satisfaction_min_mean": _decimal,
    "equipment_allowance": _money,
    "night_allowance_per_contact": _money,
    "night_start": _time,
    "night_end": _time,
    "mentor_allowance_per_apprentice": _money,
    "timezone": _text,
}


def pay_rules_document(rules: PayRules) -> dict[str, Any]:
    """The rules as JSON-ready data: money and shares as strings (exact), seconds and scores as integers."""
    return {
        "rates": {task_type: str(rate) for task_type, rate in rules.rates.items()},
        "difficulty_multipliers": {str(level): str(value) for level, value in rules.difficulty_multipliers.items()},
        "transferred_share": str(rules.transferred_share),
        "speed_bonus_per_contact": str(rules.speed_bonus_per_contact),
        "speed_target_seconds": dict(rules.speed_target_seconds),
        "speed_min_quality": rules.speed_min_quality,
        "speed_bonus_cap": str(rules.speed_bonus_cap),
        "satisfaction_bonus": str(rules.satisfaction_bonus),
        "satisfaction_min_ratings": rules.satisfaction_min_ratings,
        "satisfaction_min_mean": str(rules.satisfaction_min_mean),
        "equipment_allowance": str(rules.equipment_allowance),
        "night_allowance_per_contact": str(rules.night_allowance_per_contact),
        "night_start": rules.night_start.isoformat(timespec="minutes"),
        "night_end": rules.night_end.isoformat(timespec="minutes"),
        "mentor_allowance_per_apprentice": str(rules.mentor_allowance_per_apprentice),
        "timezone": rules.timezone,
    }
