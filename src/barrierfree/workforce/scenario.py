"""Dialogue-simulation scenarios: the format, a loader that names the file and field of every mistake.

A scenario is a JSON file (format described in ``docs/workforce-simulation.md``): a simulated customer with a
persona and a goal, the facts the trainee agent must convey (with keywords in Chinese and English that show a
fact was conveyed), the customer's lines by state, their patience, what resolves the case, and courtesy and rude
markers added to the house lists. Every text the customer says or the trainee reads exists in zh-CN and en. The
scenarios shipped with the platform live in ``barrierfree/workforce/scenarios/``.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from barrierfree.core.i18n import LANGUAGES, _
from barrierfree.workforce.errors import InvalidWorkforceInput

FORMAT_VERSION = 1
CATEGORIES = ("pre-sale", "after-sale")
MOODS = ("calm", "worried", "frustrated", "angry", "hurried")
SCENARIO_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID_LENGTH = 64
MAX_TEXT_LENGTH = 1000
MAX_KEYWORDS = 50
MAX_FACTS = 20
MAX_TURNS_LIMIT = 30
MAX_REPLY_SECONDS_LIMIT = 600
MAX_STRIKES_LIMIT = 10
MAX_SCENARIO_BYTES = 256 * 1024
SCENARIO_PACKAGE = "barrierfree.workforce"
SCENARIO_FOLDER = "scenarios"

Category = Literal["pre-sale", "after-sale"]


@dataclass(frozen=True)
class Localized:
    """One text in every supported language."""

    zh_cn: str
    en: str

    def in_(self, language: str) -> str:
        """The text in ``language`` (a supported tag such as zh-CN or en)."""
        return self.en if language == "en" else self.zh_cn


@dataclass(frozen=True)
class Keywords:
    """Words per language; matching uses both lists, since trainees mix languages."""

    zh_cn: tuple[str, ...] = ()
    en: tuple[str, ...] = ()

    @property
    def all(self) -> tuple[str, ...]:
        """Every keyword, Chinese first."""
        return self.zh_cn + self.en

    def in_(self, language: str) -> tuple[str, ...]:
        """The keywords of one language."""
        return self.en if language == "en" else self.zh_cn


@dataclass(frozen=True)
class Persona:
    """Who the customer is and what they need to communicate."""

    name: Localized
    mood: str
    communication_needs: tuple[Localized, ...]


@dataclass(frozen=True)
class Fact:
    """Something the agent must tell the customer, and the words that show it was told."""

    id: str
    text: Localized
    keywords: Keywords


@dataclass(frozen=True)
class Lines:
    """What the customer says in each state; follow-ups are keyed by the missing fact."""

    opening: Localized
    follow_ups: Mapping[str, tuple[Localized, ...]]
    acknowledgements: tuple[Localized, ...]
    impatience: tuple[Localized, ...]
    escalation: Localized
    closing: Localized


@dataclass(frozen=True)
class Patience:
    """How long the customer waits: replies in all, seconds per reply, and bad replies tolerated."""

    max_turns: int
    reply_seconds: float
    strikes: int


@dataclass(frozen=True)
class Scenario:
    """One practice case for trainee customer-service agents."""

    id: str
    title: Localized
    category: Category
    persona: Persona
    goal: Localized
    facts: tuple[Fact, ...]
    lines: Lines
    patience: Patience
    resolution_facts: tuple[str, ...]
    courtesy: Keywords
    rude: Keywords

    def fact(self, fact_id: str) -> Fact:
        """The fact with this id."""
        return next(fact for fact in self.facts if fact.id == fact_id)


class _Reader:
    """Reads one scenario document, raising InvalidWorkforceInput that names the source and the field."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, field: str, problem: str) -> InvalidWorkforceInput:
        """The error for one bad field."""
        return InvalidWorkforceInput(
            _("Scenario {source}, field “{field}”: {problem}").format(source=self.source, field=field, problem=problem),
            field=field,
        )

    def get(self, data: Mapping[str, Any], key: str, where: str) -> Any:
        """A required member of an object."""
        field = f"{where}.{key}" if where else key
        if key not in data:
            raise self.fail(field, _("this field is missing."))
        return data[key]

    def obj(self, value: Any, field: str) -> Mapping[str, Any]:
        """A JSON object."""
        if not isinstance(value, dict):
            raise self.fail(field, _("expected an object with named fields."))
        return value

    def array(self, value: Any, field: str, *, limit: int, allow_empty: bool = False) -> list[Any]:
        """A JSON array of at most ``limit`` items."""
        if not isinstance(value, list):
            raise self.fail(field, _("expected a list."))
        if not value and not allow_empty:
            raise self.fail(field, _("the list is empty."))
        if len(value) > limit:
            raise self.fail(field, _("the list has more than {limit} items.").format(limit=limit))
        return value

    def text(self, value: Any, field: str) -> str:
        """A non-blank string of bounded length."""
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, _("expected a non-empty text."))
        if len(value) > MAX_TEXT_LENGTH:
            raise self.fail(field, _("the text is longer than {limit} characters.").format(limit=MAX_TEXT_LENGTH))
        return value.strip()

    def integer(self, value: Any, field: str, low: int, high: int) -> int:
        """A whole number within bounds."""
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(field, _("expected a whole number from {low} to {high}.").format(low=low, high=high))
        return value

    def localized(self, value: Any, field: str) -> Localized:
        """An object with a text per supported language."""
        texts = self._per_language(value, field)
        return Localized(zh_cn=self.text(texts["zh-CN"], f"{field}.zh-CN"), en=self.text(texts["en"], f"{field}.en"))

    def localized_list(self, value: Any, field: str, *, allow_empty: bool = False) -> tuple[Localized, ...]:
        """A list of localized texts."""
        items = self.array(value, field, limit=MAX_KEYWORDS, allow_empty=allow_empty)
        return tuple(self.localized(item, f"{field}[{index}]") for index, item in enumerate(items))

    def keywords(self, value: Any, field: str, *, allow_empty: bool) -> Keywords:
        """Keyword lists per supported language."""
        lists = self._per_language(value, field)
        found: dict[str, tuple[str, ...]] = {}
        for language in LANGUAGES:
            where = f"{field}.{language}"
            items = self.array(lists[language], where, limit=MAX_KEYWORDS, allow_empty=allow_empty)
            found[language] = tuple(self.text(item, f"{where}[{index}]") for index, item in enumerate(items))
        return Keywords(zh_cn=found["zh-CN"], en=found["en"])

    def _per_language(self, value: Any, field: str) -> Mapping[str, Any]:
        """An object keyed by exactly the supported languages."""
        data = self.obj(value, field)
        for language in LANGUAGES:
            if language not in data:
                raise self.fail(f"{field}.{language}", _("this field is missing."))
        extra = sorted(set(data) - set(LANGUAGES))
        if extra:
            raise self.fail(f"{field}.{extra[0]}", _("only zh-CN and en are supported."))
        return data


def parse_scenario(data: Any, source: str) -> Scenario:
    """A checked Scenario from a decoded JSON document; ``source`` names it in error messages."""
    read = _Reader(source)
    root = read.obj(data, "scenario")
    if read.get(root, "format", "") != FORMAT_VERSION:
        raise read.fail("format", _("expected {version}.").format(version=FORMAT_VERSION))
    scenario_id = read.text(read.get(root, "id", ""), "id")
    if len(scenario_id) > MAX_ID_LENGTH or not SCENARIO_ID.match(scenario_id):
        raise read.fail("id", _("use lower-case letters, digits and hyphens, such as refund-damaged-goods."))
    category = read.get(root, "category", "")
    if category not in CATEGORIES:
        raise read.fail("category", _("expected one of: {choices}.").format(choices=", ".join(CATEGORIES)))
    facts = _facts(read, read.get(root, "facts", ""))
    fact_ids = tuple(fact.id for fact in facts)
    resolution = read.obj(read.get(root, "resolution", ""), "resolution")
    resolution_facts = _fact_refs(read, read.get(resolution, "facts", "resolution"), "resolution.facts", fact_ids)
    politeness = read.obj(root.get("politeness", {}), "politeness")
    empty: dict[str, list[str]] = {language: [] for language in LANGUAGES}
    return Scenario(
        id=scenario_id,
        title=read.localized(read.get(root, "title", ""), "title"),
        category=category,
        persona=_persona(read, read.get(root, "persona", "")),
        goal=read.localized(read.get(root, "goal", ""), "goal"),
        facts=facts,
        lines=_lines(read, read.get(root, "lines", ""), fact_ids),
        patience=_patience(read, read.get(root, "patience", "")),
        resolution_facts=resolution_facts,
        courtesy=read.keywords(politeness.get("courtesy", empty), "politeness.courtesy", allow_empty=True),
        rude=read.keywords(politeness.get("rude", empty), "politeness.rude", allow_empty=True),
    )


def _persona(read: _Reader, value: Any) -> Persona:
    data = read.obj(value, "persona")
    mood = read.get(data, "mood", "persona")
    if mood not in MOODS:
        raise read.fail("persona.mood", _("expected one of: {choices}.").format(choices=", ".join(MOODS)))
    needs = read.localized_list(data.get("communication_needs", []), "persona.communication_needs", allow_empty=True)
    return Persona(
        name=read.localized(read.get(data, "name", "persona"), "persona.name"), mood=mood, communication_needs=needs
    )


def _facts(read: _Reader, value: Any) -> tuple[Fact, ...]:
    facts: list[Fact] = []
    for index, item in enumerate(read.array(value, "facts", limit=MAX_FACTS)):
        where = f"facts[{index}]"
        data = read.obj(item, where)
        fact_id = read.text(read.get(data, "id", where), f"{where}.id")
        if not SCENARIO_ID.match(fact_id):
            raise read.fail(
                f"{where}.id", _("use lower-case letters, digits and hyphens, such as refund-damaged-goods.")
            )
        if any(fact.id == fact_id for fact in facts):
            raise read.fail(f"{where}.id", _("the fact “{id}” is listed twice.").format(id=fact_id))
        facts.append(
            Fact(
                id=fact_id,
                text=read.localized(read.get(data, "text", where), f"{where}.text"),
                keywords=read.keywords(read.get(data, "keywords", where), f"{where}.keywords", allow_empty=False),
            )
        )
    return tuple(facts)


def _fact_refs(read: _Reader, value: Any, field: str, fact_ids: tuple[str, ...]) -> tuple[str, ...]:
    refs = tuple(read.text(item, f"{field}[{i}]") for i, item in enumerate(read.array(value, field, limit=MAX_FACTS)))
    for index, ref in enumerate(refs):
        if ref not in fact_ids:
            raise read.fail(f"{field}[{index}]", _("“{id}” is not the id of a fact in “facts”.").format(id=ref))
    return tuple(dict.fromkeys(refs))


def _lines(read: _Reader, value: Any, fact_ids: tuple[str, ...]) -> Lines:
    data = read.obj(value, "lines")
    follow_ups = read.obj(read.get(data, "follow_ups", "lines"), "lines.follow_ups")
    for fact_id in fact_ids:
        if fact_id not in follow_ups:
            raise read.fail(f"lines.follow_ups.{fact_id}", _("each fact needs the customer's question about it."))
    for key in follow_ups:
        if key not in fact_ids:
            raise read.fail(f"lines.follow_ups.{key}", _("“{id}” is not the id of a fact in “facts”.").format(id=key))
    return Lines(
        opening=read.localized(read.get(data, "opening", "lines"), "lines.opening"),
        follow_ups={key: read.localized_list(follow_ups[key], f"lines.follow_ups.{key}") for key in fact_ids},
        acknowledgements=read.localized_list(
            data.get("acknowledgements", []), "lines.acknowledgements", allow_empty=True
        ),
        impatience=read.localized_list(read.get(data, "impatience", "lines"), "lines.impatience"),
        escalation=read.localized(read.get(data, "escalation", "lines"), "lines.escalation"),
        closing=read.localized(read.get(data, "closing", "lines"), "lines.closing"),
    )


def _patience(read: _Reader, value: Any) -> Patience:
    data = read.obj(value, "patience")
    return Patience(
        max_turns=read.integer(read.get(data, "max_turns", "patience"), "patience.max_turns", 1, MAX_TURNS_LIMIT),
        reply_seconds=float(
            read.integer(
                read.get(data, "reply_seconds", "patience"), "patience.reply_seconds", 1, MAX_REPLY_SECONDS_LIMIT
            )
        ),
        strikes=read.integer(read.get(data, "strikes", "patience"), "patience.strikes", 1, MAX_STRIKES_LIMIT),
    )


def load_scenario(path: Path) -> Scenario:
    """Read and check one scenario file; errors name the file and the field."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InvalidWorkforceInput(
            _("Scenario {source} cannot be read: {reason}").format(source=path.name, reason=error.strerror or error),
            field="scenario",
        ) from None
    return _from_file(raw, path.name)


def _from_file(raw: bytes, name: str) -> Scenario:
    """A scenario from a file's bytes; its id must be the file name without ``.json``."""
    scenario = parse_scenario_text(raw, name)
    if scenario.id != name.removesuffix(".json"):
        raise _Reader(name).fail("id", _("the id must equal the file name without .json."))
    return scenario


def parse_scenario_text(raw: bytes | str, source: str) -> Scenario:
    """A checked Scenario from JSON text; ``source`` names it in error messages."""
    size = len(raw.encode("utf-8") if isinstance(raw, str) else raw)
    if size > MAX_SCENARIO_BYTES:
        raise _Reader(source).fail(
            "scenario", _("the file is larger than {limit} bytes.").format(limit=MAX_SCENARIO_BYTES)
        )
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        if isinstance(error, json.JSONDecodeError):
            where = _("line {line}").format(line=error.lineno)
        else:
            where = _("not UTF-8")
        raise InvalidWorkforceInput(
            _("Scenario {source} is not valid JSON ({where}).").format(source=source, where=where), field="scenario"
        ) from None
    return parse_scenario(data, source)


@functools.cache
def shipped_scenarios() -> tuple[Scenario, ...]:
    """Every scenario shipped with the platform, ordered by id."""
    folder = resources.files(SCENARIO_PACKAGE).joinpath(SCENARIO_FOLDER)
    found: list[Scenario] = []
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".json"):
            found.append(_from_file(entry.read_bytes(), entry.name))
    return tuple(found)


def get_scenario(scenario_id: str) -> Scenario:
    """The shipped scenario with this id, or InvalidWorkforceInput listing the ids there are."""
    for scenario in shipped_scenarios():
        if scenario.id == scenario_id:
            return scenario
    known = ", ".join(scenario.id for scenario in shipped_scenarios())
    raise InvalidWorkforceInput(
        _("There is no scenario “{id}”. Choose one of: {known}.").format(id=scenario_id[:MAX_ID_LENGTH], known=known),
        field="scenario",
    )
