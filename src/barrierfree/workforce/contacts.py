"""Finished customer contacts, one per CSV row: what an agent's piece-rate pay is computed from.

CSV columns, with an optional header row of these names: ``agent_id, contact_id, finished_at, task_type,
difficulty, handle_seconds, quality, rating, status``. ``finished_at`` is ISO 8601 with its UTC offset, the task
type and difficulty must be known to the pay rules, ``quality`` is 0-100, ``rating`` is empty or 1-5 and ``status``
is resolved, abandoned or transferred. Blank lines and ``#`` comment lines are skipped. The first bad line is
refused with its number and the reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass

from barrierfree.core.i18n import _
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.pay_rules import DEFAULT_PAY_RULES, MAX_QUALITY, MAX_RATING, MIN_RATING, PayRules

CONTACT_HEADER = (
    "agent_id",
    "contact_id",
    "finished_at",
    "task_type",
    "difficulty",
    "handle_seconds",
    "quality",
    "rating",
    "status",
)
MAX_CONTACT_ROWS = 200_000
"""About a month of contacts for a 300-agent centre: a bigger file is refused before it fills the memory."""
MAX_CONTACTS_CHARS = 32_000_000
MAX_ID_LENGTH = 64
MAX_HANDLE_SECONDS = 8 * 60 * 60
"""No contact lasts longer than a working day: a longer one is a recording error."""
_WHOLE = re.compile(r"[+-]?[0-9]{1,9}")
ID_PATTERN = re.compile(rf"[A-Za-z0-9][A-Za-z0-9._:@-]{{0,{MAX_ID_LENGTH - 1}}}")
"""Agent and contact ids: letters, digits and . _ : @ - (a staff number, a username, a ticket number)."""


class ContactStatus(enum.StrEnum):
    """How a contact ended."""

    RESOLVED = "resolved"
    ABANDONED = "abandoned"  # the customer left before it was handled: no pay
    TRANSFERRED = "transferred"  # handed on to a colleague: part of the rate


@dataclass(frozen=True)
class Contact:
    """One finished customer contact handled by an agent."""

    agent_id: str
    contact_id: str
    finished_at: dt.datetime  # timezone-aware
    task_type: str
    difficulty: int
    handle_seconds: int
    quality: int  # 0-100, from quality review
    rating: int | None  # customer satisfaction 1-5, if the customer rated
    status: ContactStatus


def _bad_line(number: int, message: str) -> InvalidWorkforceInput:
    """The error for a bad CSV line."""
    return InvalidWorkforceInput(_("Line {line}: {problem}").format(line=number, problem=message), field="contacts")


def parse_contacts(text: str, rules: PayRules = DEFAULT_PAY_RULES) -> list[Contact]:
    """Contacts from CSV text; InvalidWorkforceInput names the first bad line and why."""
    if len(text) > MAX_CONTACTS_CHARS:
        raise InvalidWorkforceInput(
            _("The contacts file is longer than {limit} characters.").format(limit=MAX_CONTACTS_CHARS),
            field="contacts",
        )
    contacts: list[Contact] = []
    first_seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            row = next(csv.reader([line], strict=True), [])
        except csv.Error as error:
            raise _bad_line(number, _("not a CSV row ({reason}).").format(reason=error)) from None
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if not contacts and not first_seen and tuple(cell.strip().lower() for cell in row) == CONTACT_HEADER:
            continue
        if len(contacts) >= MAX_CONTACT_ROWS:
            raise InvalidWorkforceInput(
                _("The contacts file has more than {limit} rows. Send at most {limit}.").format(limit=MAX_CONTACT_ROWS),
                field="contacts",
            )
        contact = _contact(number, row, rules)
        if contact.contact_id in first_seen:
            raise _bad_line(
                number,
                _("the contact {contact} is listed twice (first on line {first}).").format(
                    contact=contact.contact_id, first=first_seen[contact.contact_id]
                ),
            )
        first_seen[contact.contact_id] = number
        contacts.append(contact)
    return contacts


def _contact(number: int, row: list[str], rules: PayRules) -> Contact:
    """One data row."""
    if len(row) != len(CONTACT_HEADER):
        raise _bad_line(
            number,
            _("expected {expected} fields ({names}), found {count}.").format(
                expected=len(CONTACT_HEADER), names=", ".join(CONTACT_HEADER), count=len(row)
            ),
        )
    agent_id, contact_id, finished, task_type, difficulty, seconds, quality, rating, status = (
        cell.strip() for cell in row
    )
    for value, name in ((agent_id, "agent_id"), (contact_id, "contact_id")):
        if not ID_PATTERN.fullmatch(value):
            raise _bad_line(
                number,
                _(
                    "the {field} “{value}” must be 1 to {limit} letters, digits or . _ : @ -, starting with a letter or digit."
                ).format(field=name, value=value[:40], limit=MAX_ID_LENGTH),
            )
    try:
        finished_at = dt.datetime.fromisoformat(finished)
    except ValueError:
        finished_at = None
    if finished_at is None or finished_at.utcoffset() is None:
        raise _bad_line(
            number,
            _("“{value}” is not a date and time with its offset, such as 2026-11-02T09:15:00+08:00.").format(
                value=finished[:40]
            ),
        )
    if task_type not in rules.rates:
        raise _bad_line(
            number,
            _("unknown task type “{value}”; known: {known}.").format(
                value=task_type[:40], known=", ".join(sorted(rules.rates))
            ),
        )
    level = _whole(difficulty)
    if level is None or level not in rules.difficulty_multipliers:
        raise _bad_line(
            number,
            _("the difficulty “{value}” must be one of {known}.").format(
                value=difficulty[:40], known=", ".join(str(key) for key in sorted(rules.difficulty_multipliers))
            ),
        )
    handle = _whole(seconds)
    if handle is None or not 0 <= handle <= MAX_HANDLE_SECONDS:
        raise _bad_line(
            number,
            _("the handle time “{value}” must be a whole number of seconds from 0 to {limit}.").format(
                value=seconds[:40], limit=MAX_HANDLE_SECONDS
            ),
        )
    score = _whole(quality)
    if score is None or not 0 <= score <= MAX_QUALITY:
        raise _bad_line(
            number,
            _("the quality score “{value}” must be a whole number from 0 to {limit}.").format(
                value=quality[:40], limit=MAX_QUALITY
            ),
        )
    stars = _whole(rating) if rating else None
    if rating and (stars is None or not MIN_RATING <= stars <= MAX_RATING):
        raise _bad_line(
            number,
            _("the rating “{value}” must be empty or a whole number from {low} to {high}.").format(
                value=rating[:40], low=MIN_RATING, high=MAX_RATING
            ),
        )
    try:
        ended = ContactStatus(status.lower())
    except ValueError:
        raise _bad_line(
            number,
            _("the status “{value}” must be one of {known}.").format(
                value=status[:40], known=", ".join(item.value for item in ContactStatus)
            ),
        ) from None
    return Contact(agent_id, contact_id, finished_at, task_type, level, handle, score, stars, ended)


def _whole(value: str) -> int | None:
    """A whole number written in at most nine ASCII digits, or None."""
    return int(value) if _WHOLE.fullmatch(value) else None


def contacts_csv(contacts: Iterable[Contact]) -> str:
    """Contacts as CSV with a header: what :func:`parse_contacts` reads."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CONTACT_HEADER)
    for contact in contacts:
        writer.writerow(
            (
                contact.agent_id,
                contact.contact_id,
                contact.finished_at.isoformat(),
                contact.task_type,
                contact.difficulty,
                contact.handle_seconds,
                contact.quality,
                "" if contact.rating is None else contact.rating,
                contact.status.value,
            )
        )
    return buffer.getvalue()
