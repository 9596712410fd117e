"""A practice conversation as plain data: who said what, how long the trainee took, and their accommodations."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from barrierfree.core.i18n import LANGUAGES, _
from barrierfree.workforce.errors import InvalidWorkforceInput

EXTRA_TIME_MULTIPLIER = 1.5
"""The usual "extra time" accommodation: half as long again for every reply."""
MAX_TIME_MULTIPLIER = 3.0
MAX_REPLY_CHARS = 2000
MAX_REPLY_SECONDS = 3600.0
MAX_UTTERANCES = 200
"""A stored transcript longer than this is refused (a scenario allows at most 30 replies)."""
SPEAKERS = ("customer", "agent")

Speaker = Literal["customer", "agent"]


@dataclass(frozen=True)
class Accommodations:
    """What a trainee is granted in practice and exam; ``time_multiplier`` scales every time limit."""

    time_multiplier: float = 1.0

    def __post_init__(self) -> None:
        if not (math.isfinite(self.time_multiplier) and 1.0 <= self.time_multiplier <= MAX_TIME_MULTIPLIER):
            raise InvalidWorkforceInput(
                _("The time multiplier must be a number from 1 to {limit}.").format(limit=MAX_TIME_MULTIPLIER),
                field="time_multiplier",
            )

    @classmethod
    def extra_time(cls, multiplier: float = EXTRA_TIME_MULTIPLIER) -> Accommodations:
        """The "extra time" accommodation."""
        return cls(time_multiplier=multiplier)


@dataclass(frozen=True)
class Utterance:
    """One message; ``seconds`` is how long the agent took to send it (None for the customer)."""

    speaker: Speaker
    text: str
    seconds: float | None = None


@dataclass(frozen=True)
class Transcript:
    """The conversation so far, in the scenario language chosen for it."""

    language: str = "zh-CN"
    utterances: tuple[Utterance, ...] = ()
    accommodations: Accommodations = field(default_factory=Accommodations)

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise InvalidWorkforceInput(
                _("Unsupported language “{code}”. Choose one of: {supported}.").format(
                    code=self.language[:40], supported=", ".join(LANGUAGES)
                ),
                field="language",
            )

    @property
    def agent_replies(self) -> tuple[Utterance, ...]:
        """The trainee's messages, in order."""
        return tuple(utterance for utterance in self.utterances if utterance.speaker == "agent")

    def with_customer(self, text: str) -> Transcript:
        """This transcript with a customer message added."""
        return Transcript(self.language, (*self.utterances, Utterance("customer", text)), self.accommodations)

    def with_agent(self, text: str, seconds: float) -> Transcript:
        """This transcript with the trainee's reply added, after checking it."""
        if not isinstance(text, str) or not text.strip():
            raise InvalidWorkforceInput(_("Write a reply to the customer first."), field="text")
        if len(text) > MAX_REPLY_CHARS:
            raise InvalidWorkforceInput(
                _("A reply may have at most {limit} characters.").format(limit=MAX_REPLY_CHARS), field="text"
            )
        if not (math.isfinite(seconds) and 0 <= seconds <= MAX_REPLY_SECONDS):
            raise InvalidWorkforceInput(
                _("The reply time must be between 0 and {limit} seconds.").format(limit=int(MAX_REPLY_SECONDS)),
                field="seconds_taken",
            )
        reply = Utterance("agent", text.strip(), float(seconds))
        return Transcript(self.language, (*self.utterances, reply), self.accommodations)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data, for storing a practice session between requests."""
        return {
            "language": self.language,
            "time_multiplier": self.accommodations.time_multiplier,
            "utterances": [
                {"speaker": utterance.speaker, "text": utterance.text, "seconds": utterance.seconds}
                for utterance in self.utterances
            ],
        }

    @classmethod
    def from_dict(cls, data: Any) -> Transcript:
        """A transcript from :meth:`to_dict` data; InvalidWorkforceInput names the first bad field."""
        if not isinstance(data, dict):
            raise _bad("transcript")
        multiplier = data.get("time_multiplier", 1.0)
        if isinstance(multiplier, bool) or not isinstance(multiplier, int | float):
            raise _bad("transcript.time_multiplier")
        language = data.get("language")
        if not isinstance(language, str):
            raise _bad("transcript.language")
        items = data.get("utterances")
        if not isinstance(items, list) or len(items) > MAX_UTTERANCES:
            raise _bad("transcript.utterances")
        utterances = tuple(_utterance(item, f"transcript.utterances[{index}]") for index, item in enumerate(items))
        return cls(language, utterances, Accommodations(float(multiplier)))


def _bad(field: str) -> InvalidWorkforceInput:
    """The error for a stored transcript that cannot be read back."""
    return InvalidWorkforceInput(
        _("The stored conversation is damaged at “{field}”; start a new one.").format(field=field), field=field
    )


def _utterance(item: Any, field: str) -> Utterance:
    """One stored utterance, checked."""
    if not isinstance(item, dict) or item.get("speaker") not in SPEAKERS:
        raise _bad(f"{field}.speaker")
    text = item.get("text")
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_REPLY_CHARS:
        raise _bad(f"{field}.text")
    seconds = item.get("seconds")
    speaker = cast(Speaker, item["speaker"])
    if speaker == "customer":
        if seconds is not None:
            raise _bad(f"{field}.seconds")
        return Utterance(speaker, text)
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not 0 <= seconds <= MAX_REPLY_SECONDS:
        raise _bad(f"{field}.seconds")
    return Utterance(speaker, text, float(seconds))
