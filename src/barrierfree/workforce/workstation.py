"""The agent workstation's domain side: which customer comes next, quick replies, speech settings.

Until a live contact channel is connected, the workstation's queue is the simulator: the next customer is the
scenario the agent has served least. Everything else on the console (reading aloud, dictation, quick replies,
announcements) is the same for a live channel.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from barrierfree import speech
from barrierfree.core.accounts import User
from barrierfree.core.errors import EngineUnavailable
from barrierfree.core.i18n import N_, _
from barrierfree.workforce import practice
from barrierfree.workforce.models import SimulationRun

QUICK_REPLIES: tuple[str, ...] = (
    N_("Hello, thank you for waiting. How can I help you?"),
    N_("I am sorry for the trouble. Let me check that for you right away."),
    N_("Thank you for your patience. Is there anything else I can help with?"),
    N_("Thank you, and have a good day."),
)
"""Replies an agent inserts with Alt+1 to Alt+4: greetings and courtesies every conversation needs."""


def quick_replies() -> list[str]:
    """The quick replies in the agent's language."""
    return [_(text) for text in QUICK_REPLIES]


def dictate(wav: bytes, language: str, recognizer: speech.Recognizer | None = None) -> str:
    """The words heard in an agent's dictation (a WAV of at most a minute), by the configured recogniser.

    The default recogniser hears English only; a Chinese page is told so in the agent's terms (type, or switch
    the page to English) rather than with the operator's instructions for configuring a Mandarin model.
    """
    ears = recognizer or speech.default_recognizer()
    if speech.normalise_language(language) not in ears.languages:
        raise EngineUnavailable(
            _(
                "Dictation works in English only for now: no Chinese speech model can be installed here. "
                "Type the reply, or switch the page to English."
            )
        )
    return speech.transcribe(wav, language, recognizer=ears).text


def current_run(session: DbSession, user: User) -> SimulationRun | None:
    """The agent's conversation in progress, newest first."""
    query = (
        select(SimulationRun)
        .where(SimulationRun.user_id == user.id, SimulationRun.finished_at.is_(None))
        .order_by(SimulationRun.id.desc())
        .limit(1)
    )
    return session.scalar(query)


def next_scenario_id(session: DbSession, user: User) -> str:
    """The scenario this agent has served least (ties go to the first by id), so practice covers every case."""
    served = Counter(session.scalars(select(SimulationRun.scenario_id).where(SimulationRun.user_id == user.id)))
    return min(
        (scenario.id for scenario in practice.scenarios()), key=lambda scenario_id: (served[scenario_id], scenario_id)
    )
