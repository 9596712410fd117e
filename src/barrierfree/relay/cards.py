"""Electronic communication cards: short bilingual messages a rider shows full-screen or plays as voice.

Preset cards are package data (``content/cards.json``), grouped by scenario (picking up, asking the way, handing
over, delays, how to reach me). Some carry a value the rider fills in when showing them: ``{order}`` (the last
digits of the order number) and ``{minutes}`` (how late). Riders add their own cards too (stored, see
``services.py``); both kinds read the same way here.
"""

from __future__ import annotations

import json
import string
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from barrierfree.core.i18n import _
from barrierfree.relay.errors import InvalidRelayInput, UnknownCard

CONTENT_PACKAGE = "barrierfree.relay.content"
LANGUAGES = ("zh-CN", "en")
MAX_CARD_CHARS = 200
MAX_ORDER_DIGITS = 6
MAX_LATE_MINUTES = 120
CUSTOM_PREFIX = "custom-"


@dataclass(frozen=True)
class Scenario:
    """A group of cards, named in both languages."""

    id: str
    names: dict[str, str]

    def name(self, language: str) -> str:
        """The scenario's name in ``language`` (English when it has no such name)."""
        return self.names.get(language) or self.names["en"]


@dataclass(frozen=True)
class Card:
    """One card: its id, scenario and text per language; placeholders are ``{order}`` and ``{minutes}``."""

    id: str
    scenario: str
    texts: dict[str, str]

    def placeholders(self) -> frozenset[str]:
        """The values this card needs before it can be shown."""
        return frozenset(
            name
            for text in self.texts.values()
            for _literal, name, _spec, _conv in string.Formatter().parse(text)
            if name
        )


@cache
def _content() -> dict[str, Any]:
    text = resources.files(CONTENT_PACKAGE).joinpath("cards.json").read_text("utf-8")
    content: dict[str, Any] = json.loads(text)
    return content


def scenarios() -> list[Scenario]:
    """The scenarios in display order."""
    return [Scenario(item["id"], {"zh-CN": item["zh"], "en": item["en"]}) for item in _content()["scenarios"]]


def preset_cards() -> list[Card]:
    """Every preset card, in display order."""
    return [Card(item["id"], item["scenario"], {"zh-CN": item["zh"], "en": item["en"]}) for item in _content()["cards"]]


def preset_card(card_id: str) -> Card:
    """A preset card by id, or UnknownCard naming it."""
    for card in preset_cards():
        if card.id == card_id:
            return card
    raise UnknownCard(_("There is no card “{card}”. List the cards to see their ids.").format(card=card_id[:60]))


def check_language(language: str) -> str:
    """One of the card languages, or a clear error."""
    if language not in LANGUAGES:
        raise InvalidRelayInput(
            _("Choose the card language zh-CN or en (got “{language}”).").format(language=language[:20]),
            field="language",
        )
    return language


def fill(card: Card, language: str, *, order: str | None = None, minutes: int | None = None) -> str:
    """The card's text in ``language`` with its values filled in; a missing or impossible value is refused."""
    check_language(language)
    values: dict[str, str | int] = {}
    needed = card.placeholders()
    if "order" in needed:
        if not order or not order.isdigit() or len(order) > MAX_ORDER_DIGITS:
            raise InvalidRelayInput(
                _("This card needs the last digits of the order number (1 to {n} digits).").format(n=MAX_ORDER_DIGITS),
                field="order",
            )
        values["order"] = order
    if "minutes" in needed:
        if minutes is None or not 1 <= minutes <= MAX_LATE_MINUTES:
            raise InvalidRelayInput(
                _("This card needs how many minutes late you will be, from 1 to {n}.").format(n=MAX_LATE_MINUTES),
                field="minutes",
            )
        values["minutes"] = minutes
    text = card.texts.get(language) or next(iter(card.texts.values()))
    return text.format(**values)


def check_custom_text(text: str, field: str) -> str:
    """A rider's own card text: trimmed, at most 200 characters, no braces (they are the placeholders' syntax)."""
    text = " ".join(text.split())
    if len(text) > MAX_CARD_CHARS:
        raise InvalidRelayInput(
            _("Keep a card to {n} characters; this one has {count}.").format(n=MAX_CARD_CHARS, count=len(text)),
            field=field,
        )
    if "{" in text or "}" in text:
        raise InvalidRelayInput(_("Leave out curly brackets { } in a card."), field=field)
    return text
