"""Itemised piece-rate pay for remote customer-service agents, every line explained in words with its numbers.

Contacts come as CSV (see :mod:`.contacts` and ``docs/workforce-pay.md``). A payslip covers one agent's
contacts finished within a period (local dates in the rules' time zone, both ends included):

* each resolved contact earns its task type's rate times its difficulty multiplier; a transferred contact earns
  that times the transferred share; an abandoned contact earns nothing, and a zero line says so;
* the speed bonus pays a fixed amount per resolved contact within its task type's target handle time whose quality
  score reaches the threshold, up to a cap per period;
* the satisfaction bonus is paid when the period has at least the minimum number of ratings (abandoned contacts'
  ratings are not counted) and their mean reaches the threshold;
* allowances: night contacts, assistive equipment, apprentices mentored.

Amounts are exact Decimals; each line's amount (quantity × unit amount × multiplier) is rounded once to the fen,
half up, and the total is the exact sum of the lines.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

from barrierfree.core.i18n import N_, _
from barrierfree.workforce.contacts import (
    CONTACT_HEADER,
    MAX_HANDLE_SECONDS,
    MAX_ID_LENGTH,
    Contact,
    ContactStatus,
    contacts_csv,
    parse_contacts,
)
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.pay_rules import (
    DEFAULT_PAY_RULES,
    FEN,
    MAX_QUALITY,
    MAX_RATING,
    MIN_RATING,
    PayRules,
    check_pay_rules,
    parse_pay_rules,
    pay_rules_document,
    pay_rules_from_document,
)

__all__ = [
    "CONTACT_HEADER",
    "DEFAULT_PAY_RULES",
    "Contact",
    "ContactStatus",
    "PayLine",
    "PayPeriod",
    "PayRules",
    "Payslip",
    "check_pay_rules",
    "contacts_csv",
    "parse_contacts",
    "parse_pay_rules",
    "pay_rules_document",
    "pay_rules_from_document",
    "payroll",
    "payslip",
    "payslip_document",
]

MAX_APPRENTICES = 20
"""More apprentices than this on one payslip is a mistake in the input (mentoring allows far fewer)."""
CURRENCY = "CNY"
MEAN_PLACES = Decimal("0.01")

TASK_TYPE_LABELS: dict[str, str] = {
    "consultation": N_("consultation"),
    "after-sale": N_("after-sale"),
    "delivery": N_("delivery"),
    "complaint": N_("complaint"),
}
"""Names of the default task types, translated when shown; other task types are shown by their code."""


@dataclass(frozen=True)
class PayPeriod:
    """A pay period: local dates from ``start`` to ``end``, both included."""

    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class PayLine:
    """One payslip line: ``amount`` = ``quantity`` × ``unit_amount`` × ``multiplier``, rounded to the fen (or capped)."""

    code: str
    quantity: int
    unit_amount: Decimal
    multiplier: Decimal
    amount: Decimal
    explanation: str
    task_type: str | None = None
    difficulty: int | None = None


@dataclass(frozen=True)
class Payslip:
    """An agent's pay for a period: the lines and their exact sum."""

    agent_id: str
    period_start: dt.date
    period_end: dt.date
    timezone: str
    lines: tuple[PayLine, ...]
    total: Decimal


def _fen(amount: Decimal) -> Decimal:
    """Round to the fen, half up: the one rounding a line's amount gets."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def _yuan(amount: Decimal) -> str:
    """An amount for an explanation, such as 1.50."""
    return f"{amount:.2f}"


def _plain(number: Decimal) -> str:
    """A multiplier without trailing zeros, such as 1.3."""
    return format(number.normalize(), "f")


def _percent(share: Decimal) -> str:
    """A share as a percentage, such as 50%."""
    return f"{_plain(share * 100)}%"


def _label(task_type: str) -> str:
    """A task type's name in the reader's language."""
    return _(TASK_TYPE_LABELS[task_type]) if task_type in TASK_TYPE_LABELS else task_type


def payslip(
    agent_id: str,
    period_start: dt.date,
    period_end: dt.date,
    contacts: Iterable[Contact],
    rules: PayRules = DEFAULT_PAY_RULES,
    *,
    equipment_allowance: bool = False,
    apprentices: int = 0,
) -> Payslip:
    """The agent's itemised pay for the period from the contacts (other agents' and other dates' are skipped)."""
    check_pay_rules(rules)
    _check_period(period_start, period_end)
    if not 0 <= apprentices <= MAX_APPRENTICES:
        raise InvalidWorkforceInput(
            _("The number of apprentices must be from 0 to {limit}.").format(limit=MAX_APPRENTICES),
            field="apprentices",
        )
    zone = rules.zone
    own = [contact for contact in contacts if contact.agent_id == agent_id]
    for contact in own:
        _check_contact(contact, rules)
    mine = [contact for contact in own if period_start <= contact.finished_at.astimezone(zone).date() <= period_end]
    lines = [
        *_base_lines(mine, rules),
        *_abandoned_lines(mine),
        _speed_line(mine, rules),
        _satisfaction_line(mine, rules),
        *_allowance_lines(mine, rules, equipment_allowance, apprentices),
    ]
    return Payslip(
        agent_id,
        period_start,
        period_end,
        rules.timezone,
        tuple(lines),
        sum((line.amount for line in lines), Decimal(0)),
    )


def _check_period(start: dt.date, end: dt.date) -> None:
    """The period must not end before it starts."""
    if end < start:
        raise InvalidWorkforceInput(
            _("The period ends ({end}) before it starts ({start}).").format(
                end=end.isoformat(), start=start.isoformat()
            ),
            field="period",
        )


def _check_contact(contact: Contact, rules: PayRules) -> None:
    """A contact given in code (not parsed) must still fit the rules and the ranges the CSV enforces."""
    fits = (
        contact.task_type in rules.rates
        and contact.difficulty in rules.difficulty_multipliers
        and contact.finished_at.utcoffset() is not None
        and 0 <= contact.handle_seconds <= MAX_HANDLE_SECONDS
        and 0 <= contact.quality <= MAX_QUALITY
        and (contact.rating is None or MIN_RATING <= contact.rating <= MAX_RATING)
    )
    if not fits:
        raise InvalidWorkforceInput(
            _(
                "The contact {contact} has a task type, difficulty, time, handle time, quality or rating "
                "outside the pay rules."
            ).format(contact=contact.contact_id[:MAX_ID_LENGTH]),
            field="contacts",
        )


def _base_lines(contacts: list[Contact], rules: PayRules) -> list[PayLine]:
    """Resolved and transferred contacts, one line per status, task type and difficulty."""
    groups: defaultdict[tuple[ContactStatus, str, int], int] = defaultdict(int)
    for contact in contacts:
        if contact.status is not ContactStatus.ABANDONED:
            groups[(contact.status, contact.task_type, contact.difficulty)] += 1
    order = list(rules.rates)
    lines = []
    for (status, task_type, difficulty), count in sorted(
        groups.items(), key=lambda item: (item[0][0] is ContactStatus.TRANSFERRED, order.index(item[0][1]), item[0][2])
    ):
        rate = rules.rates[task_type]
        level = rules.difficulty_multipliers[difficulty]
        if status is ContactStatus.RESOLVED:
            amount = _fen(count * rate * level)
            explanation = _(
                "Resolved {task} contacts at difficulty {difficulty}: {count} × ¥{rate} × {multiplier} = ¥{amount}."
            ).format(
                task=_label(task_type),
                difficulty=difficulty,
                count=count,
                rate=_yuan(rate),
                multiplier=_plain(level),
                amount=_yuan(amount),
            )
            lines.append(PayLine("base", count, rate, level, amount, explanation, task_type, difficulty))
            continue
        multiplier = level * rules.transferred_share
        amount = _fen(count * rate * multiplier)
        explanation = _(
            "Transferred {task} contacts at difficulty {difficulty} earn {share} of the rate: "
            "{count} × ¥{rate} × {multiplier} × {share} = ¥{amount}."
        ).format(
            task=_label(task_type),
            difficulty=difficulty,
            share=_percent(rules.transferred_share),
            count=count,
            rate=_yuan(rate),
            multiplier=_plain(level),
            amount=_yuan(amount),
        )
        lines.append(PayLine("transferred", count, rate, multiplier, amount, explanation, task_type, difficulty))
    return lines


def _abandoned_lines(contacts: list[Contact]) -> list[PayLine]:
    """A zero line saying how many contacts were abandoned and that they earn nothing."""
    count = sum(1 for contact in contacts if contact.status is ContactStatus.ABANDONED)
    if not count:
        return []
    explanation = _(
        "Contacts abandoned by the customer: {count}. They earn nothing, and their ratings are not counted."
    ).format(count=count)
    return [PayLine("abandoned", count, Decimal("0.00"), Decimal(1), Decimal("0.00"), explanation)]


def _speed_line(contacts: list[Contact], rules: PayRules) -> PayLine:
    """The speed bonus: resolved contacts within the target time and of enough quality, capped per period."""
    fast = [
        contact
        for contact in contacts
        if contact.status is ContactStatus.RESOLVED
        and contact.task_type in rules.speed_target_seconds
        and contact.handle_seconds <= rules.speed_target_seconds[contact.task_type]
    ]
    count = sum(1 for contact in fast if contact.quality >= rules.speed_min_quality)
    missed = len(fast) - count
    each = rules.speed_bonus_per_contact
    uncapped = count * each
    amount = min(uncapped, rules.speed_bonus_cap)
    if count:
        explanation = _(
            "Speed bonus for resolved contacts within the target handle time with quality {quality} or more: "
            "{count} × ¥{each} = ¥{uncapped}."
        ).format(count=count, quality=rules.speed_min_quality, each=_yuan(each), uncapped=_yuan(uncapped))
        if amount < uncapped:
            explanation += " " + _("The speed bonus is capped at ¥{cap} per period.").format(
                cap=_yuan(rules.speed_bonus_cap)
            )
    else:
        explanation = _(
            "No speed bonus: no resolved contact was within the target handle time with quality {quality} or more."
        ).format(quality=rules.speed_min_quality)
    if missed:
        explanation += " " + _(
            "Contacts within the target time but below quality {quality}, which earn no speed bonus: {count}."
        ).format(count=missed, quality=rules.speed_min_quality)
    return PayLine("speed-bonus", count, each, Decimal(1), amount, explanation)


def _satisfaction_line(contacts: list[Contact], rules: PayRules) -> PayLine:
    """The satisfaction bonus: enough ratings, and their mean at the threshold or above."""
    ratings = [
        contact.rating
        for contact in contacts
        if contact.rating is not None and contact.status is not ContactStatus.ABANDONED
    ]
    count = len(ratings)
    needed = rules.satisfaction_min_ratings
    threshold = _plain(rules.satisfaction_min_mean)
    if count < needed:
        explanation = _(
            "No satisfaction bonus: {count} rated contacts in the period, at least {needed} needed."
        ).format(count=count, needed=needed)
        return PayLine("satisfaction-bonus", 0, rules.satisfaction_bonus, Decimal(1), Decimal("0.00"), explanation)
    total = sum(ratings)
    # Shown cut (not rounded) to two places, so that a mean just under the threshold never reads as reaching it.
    mean = (Decimal(total) / count).quantize(MEAN_PLACES, rounding=ROUND_DOWN)
    if total < rules.satisfaction_min_mean * count:
        explanation = _("No satisfaction bonus: mean rating {mean} from {count} ratings, {threshold} needed.").format(
            mean=mean, count=count, threshold=threshold
        )
        return PayLine("satisfaction-bonus", 0, rules.satisfaction_bonus, Decimal(1), Decimal("0.00"), explanation)
    explanation = _(
        "Satisfaction bonus: mean rating {mean} from {count} ratings "
        "(at least {threshold} from at least {needed} ratings needed): ¥{amount}."
    ).format(mean=mean, count=count, threshold=threshold, needed=needed, amount=_yuan(rules.satisfaction_bonus))
    return PayLine("satisfaction-bonus", 1, rules.satisfaction_bonus, Decimal(1), rules.satisfaction_bonus, explanation)


def _allowance_lines(
    contacts: list[Contact], rules: PayRules, equipment_allowance: bool, apprentices: int
) -> list[PayLine]:
    """Night contacts, assistive equipment and mentoring: a line for each that applies."""
    lines = []
    night = sum(
        1
        for contact in contacts
        if contact.status is not ContactStatus.ABANDONED and rules.is_night(contact.finished_at)
    )
    if night:
        rate = rules.night_allowance_per_contact
        amount = _fen(night * rate)
        explanation = _(
            "Night allowance for contacts finished between {start} and {end}: {count} × ¥{rate} = ¥{amount}."
        ).format(
            count=night,
            start=rules.night_start.strftime("%H:%M"),
            end=rules.night_end.strftime("%H:%M"),
            rate=_yuan(rate),
            amount=_yuan(amount),
        )
        lines.append(PayLine("night-allowance", night, rate, Decimal(1), amount, explanation))
    if equipment_allowance:
        amount = rules.equipment_allowance
        explanation = _("Accessibility equipment allowance for the period: ¥{amount}.").format(amount=_yuan(amount))
        lines.append(PayLine("equipment-allowance", 1, amount, Decimal(1), amount, explanation))
    if apprentices:
        rate = rules.mentor_allowance_per_apprentice
        amount = _fen(apprentices * rate)
        explanation = _("Mentor allowance per apprentice: {count} × ¥{rate} = ¥{amount}.").format(
            count=apprentices, rate=_yuan(rate), amount=_yuan(amount)
        )
        lines.append(PayLine("mentor-allowance", apprentices, rate, Decimal(1), amount, explanation))
    return lines


def payroll(
    period: PayPeriod,
    contacts: Iterable[Contact],
    rules: PayRules = DEFAULT_PAY_RULES,
    *,
    equipment_agents: Collection[str] = (),
    apprentices: Mapping[str, int] | None = None,
) -> list[Payslip]:
    """A payslip for every agent with a contact in the period, an equipment allowance or apprentices, by agent id."""
    apprentices = apprentices or {}
    check_pay_rules(rules)
    _check_period(period.start, period.end)
    zone = rules.zone
    by_agent: defaultdict[str, list[Contact]] = defaultdict(list)
    for contact in contacts:
        _check_contact(contact, rules)
        if period.start <= contact.finished_at.astimezone(zone).date() <= period.end:
            by_agent[contact.agent_id].append(contact)
    agents = set(by_agent) | set(equipment_agents) | {agent for agent, count in apprentices.items() if count}
    return [
        payslip(
            agent,
            period.start,
            period.end,
            by_agent.get(agent, []),
            rules,
            equipment_allowance=agent in equipment_agents,
            apprentices=apprentices.get(agent, 0),
        )
        for agent in sorted(agents)
    ]


def payslip_document(slip: Payslip) -> dict[str, Any]:
    """The payslip as JSON-ready data: money and multipliers as exact strings, explanations as shown."""
    return {
        "agent_id": slip.agent_id,
        "period": {
            "start": slip.period_start.isoformat(),
            "end": slip.period_end.isoformat(),
            "timezone": slip.timezone,
        },
        "currency": CURRENCY,
        "lines": [
            {
                "code": line.code,
                "task_type": line.task_type,
                "difficulty": line.difficulty,
                "quantity": line.quantity,
                "unit_amount": _yuan(line.unit_amount),
                "multiplier": _plain(line.multiplier),
                "amount": _yuan(line.amount),
                "explanation": line.explanation,
            }
            for line in slip.lines
        ],
        "total": _yuan(slip.total),
    }
