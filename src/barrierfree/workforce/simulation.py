"""Dialogue simulation: a simulated customer the trainee answers, turn by turn, scored by the rubric.

Who plays the customer is a :class:`CustomerEngine`. The default, :class:`ScenarioCustomer`, follows the scenario's
script deterministically (the same transcript always gets the same line): it asks for the first fact still
missing, grows impatient after a slow, unhelpful or rude reply, asks for a supervisor when patience runs out and
thanks the agent when the case is resolved. An LLM endpoint can play the customer instead
(``barrierfree.workforce._llm``); whichever engine speaks, resolution, escalation and the score come from the
deterministic rubric (``barrierfree.workforce.rubric``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from barrierfree.core.i18n import _, current_language
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.rubric import ReplyCheck, Score, TurnFeedback, check_replies, score, turn_feedback
from barrierfree.workforce.scenario import Localized, Scenario
from barrierfree.workforce.transcript import Accommodations, Transcript

if TYPE_CHECKING:
    from barrierfree.core.settings import Settings


class CustomerState(StrEnum):
    """Where the simulated customer stands after a line."""

    OPENING = "opening"
    FOLLOW_UP = "follow-up"
    IMPATIENT = "impatient"
    ESCALATED = "escalated"
    RESOLVED = "resolved"


ENDING_STATES = frozenset({CustomerState.ESCALATED, CustomerState.RESOLVED})


@dataclass(frozen=True)
class CustomerTurn:
    """One line of the simulated customer and the state it leaves the conversation in."""

    text: str
    state: CustomerState

    @property
    def ended(self) -> bool:
        """The customer has nothing more to say: resolved or escalated."""
        return self.state in ENDING_STATES


class CustomerEngine(Protocol):
    """Plays the customer: given the scenario and the conversation so far, says the next line."""

    def next_turn(self, scenario: Scenario, transcript: Transcript) -> CustomerTurn:
        """The customer's next line."""
        ...


def customer_state(checks: tuple[ReplyCheck, ...]) -> CustomerState:
    """The state after the checked replies (the rubric decides it, whichever engine speaks)."""
    if not checks:
        return CustomerState.OPENING
    last = checks[-1]
    if last.resolved:
        return CustomerState.RESOLVED
    if last.escalated:
        return CustomerState.ESCALATED
    return CustomerState.IMPATIENT if last.poor else CustomerState.FOLLOW_UP


def next_question(checks: tuple[ReplyCheck, ...]) -> tuple[str, int] | None:
    """The fact the customer asks about next, and how often they asked about it before (None once ended)."""
    if not checks or checks[-1].ended or not checks[-1].missing:
        return None
    asked = checks[-1].missing[0]
    before = sum(1 for check in checks[:-1] if check.missing and check.missing[0] == asked)
    return asked, before


def _pick(lines: tuple[Localized, ...], index: int, language: str) -> str:
    return lines[index % len(lines)].in_(language)


def _joined(parts: list[str], language: str) -> str:
    return ("" if language == "zh-CN" else " ").join(parts)


class ScenarioCustomer:
    """The scripted customer (the default engine): deterministic, needs nothing outside the process."""

    def next_turn(self, scenario: Scenario, transcript: Transcript) -> CustomerTurn:
        """The scripted line for this point of the conversation."""
        language = transcript.language
        lines = scenario.lines
        checks = check_replies(scenario, transcript)
        state = customer_state(checks)
        if state is CustomerState.OPENING:
            return CustomerTurn(lines.opening.in_(language), state)
        if state is CustomerState.RESOLVED:
            return CustomerTurn(lines.closing.in_(language), state)
        if state is CustomerState.ESCALATED:
            return CustomerTurn(lines.escalation.in_(language), state)
        last = checks[-1]
        parts: list[str] = []
        if state is CustomerState.IMPATIENT:
            parts.append(_pick(lines.impatience, last.strikes - 1, language))
        elif last.new_facts and lines.acknowledgements:
            parts.append(_pick(lines.acknowledgements, last.number - 1, language))
        question = next_question(checks)
        if question is not None:
            fact_id, times = question
            parts.append(_pick(lines.follow_ups[fact_id], times, language))
        return CustomerTurn(_joined(parts, language), state)


@dataclass(frozen=True)
class Exchange:
    """What one trainee reply brings: the new session, feedback on the reply and the customer's answer."""

    session: Session
    feedback: TurnFeedback
    customer: CustomerTurn


@dataclass(frozen=True)
class Session:
    """A practice conversation as an immutable value: each answer returns the next session."""

    scenario: Scenario
    transcript: Transcript
    engine: CustomerEngine = field(default_factory=ScenarioCustomer, compare=False, repr=False)

    @classmethod
    def start(
        cls,
        scenario: Scenario,
        *,
        language: str | None = None,
        accommodations: Accommodations | None = None,
        engine: CustomerEngine | None = None,
    ) -> Session:
        """Open a conversation: the customer says their opening line (language defaults to the current one)."""
        transcript = Transcript(language or current_language(), (), accommodations or Accommodations())
        engine = engine if engine is not None else ScenarioCustomer()
        opening = engine.next_turn(scenario, transcript)
        return cls(scenario, transcript.with_customer(opening.text), engine)

    @property
    def ended(self) -> bool:
        """Whether the case is resolved or escalated: no more replies are taken."""
        checks = check_replies(self.scenario, self.transcript)
        return bool(checks) and checks[-1].ended

    def answer(self, text: str, seconds_taken: float) -> Exchange:
        """Take the trainee's reply and how long it took; return feedback and the customer's next line."""
        if self.ended:
            raise InvalidWorkforceInput(
                _("This conversation has ended; start a new one to practise again."), field="text"
            )
        transcript = self.transcript.with_agent(text, seconds_taken)
        checks = check_replies(self.scenario, transcript)
        feedback = turn_feedback(self.scenario, checks[-1], transcript.language)
        spoken = self.engine.next_turn(self.scenario, transcript)
        customer = CustomerTurn(spoken.text, customer_state(checks))
        session = Session(self.scenario, transcript.with_customer(customer.text), self.engine)
        return Exchange(session=session, feedback=feedback, customer=customer)

    def finish(self) -> Score:
        """Score the conversation so far (a case left unresolved scores no resolution)."""
        return score(self.scenario, self.transcript)


def engine_from_settings(settings: Settings) -> CustomerEngine:
    """The customer engine the settings choose: the scenario script, or the configured LLM endpoint."""
    if settings.simulation_engine == "scenario":
        return ScenarioCustomer()
    from barrierfree.workforce._llm import OpenAICompatibleCustomer

    return OpenAICompatibleCustomer.from_settings(settings)
