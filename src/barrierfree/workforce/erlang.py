"""Erlang C: how many agents answer a stream of contacts to a service-level target.

Contacts arrive at random (Poisson) at ``rate`` per second and take ``handle_seconds`` each on average, so the
offered traffic is ``rate x handle_seconds`` erlangs. With ``agents`` agents and callers who wait as long as it takes,
Erlang C gives the chance that a contact waits at all; the service level is the share answered within a target
time, the usual call-centre measure ("80 % within 20 seconds"). Erlang B comes first, by its stable recursion,
B(0) = 1, B(n) = A B(n-1) / (n + A B(n-1)), then C = n B / (n - A (1 - B)).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MAX_AGENTS = 10_000
"""Most agents on one interval :func:`agents_for_target` considers (the programme the platform is modelled on
employs about 2,500 agents in all): it bounds the search's work, one step per agent, on absurd volumes."""


@dataclass(frozen=True)
class Staffing:
    """What ``agents`` agents achieve on one interval's traffic."""

    agents: int
    traffic: float  # offered load, erlangs
    wait_probability: float  # Erlang C
    service_level: float  # share answered within the target time
    average_speed_of_answer: float  # seconds
    occupancy: float  # share of the agents' time on contacts


def erlang_b(traffic: float, agents: int) -> float:
    """Blocking probability of ``agents`` servers offered ``traffic`` erlangs (Erlang B)."""
    blocking = 1.0
    for servers in range(1, agents + 1):
        blocking = traffic * blocking / (servers + traffic * blocking)
    return blocking


def erlang_c(traffic: float, agents: int) -> float:
    """Probability that a contact waits (Erlang C); 1 when the agents cannot keep up (agents <= traffic)."""
    if traffic <= 0:
        return 0.0
    if agents <= traffic:
        return 1.0
    return _wait_probability(traffic, agents, erlang_b(traffic, agents))


def _wait_probability(traffic: float, agents: int, blocking: float) -> float:
    """Erlang C from Erlang B (agents > traffic)."""
    return agents * blocking / (agents - traffic * (1 - blocking))


def staffing(traffic: float, agents: int, handle_seconds: float, answer_within: float) -> Staffing:
    """Service level, speed of answer and occupancy of ``agents`` agents on ``traffic`` erlangs."""
    if traffic <= 0:
        return Staffing(agents, 0.0, 0.0, 1.0, 0.0, 0.0)
    if agents <= traffic:
        return Staffing(agents, traffic, 1.0, 0.0, math.inf, 1.0)
    return _staffing(traffic, agents, erlang_b(traffic, agents), handle_seconds, answer_within)


def _staffing(traffic: float, agents: int, blocking: float, handle_seconds: float, answer_within: float) -> Staffing:
    """:func:`staffing` given Erlang B for these agents (agents > traffic > 0)."""
    wait = _wait_probability(traffic, agents, blocking)
    spare = agents - traffic
    service_level = 1 - wait * math.exp(-spare * answer_within / handle_seconds)
    return Staffing(agents, traffic, wait, service_level, wait * handle_seconds / spare, traffic / agents)


def agents_for_target(
    traffic: float, handle_seconds: float, service_level: float, answer_within: float, max_occupancy: float
) -> Staffing:
    """The fewest agents who reach ``service_level`` within ``answer_within`` seconds at most ``max_occupancy``.

    Erlang B is carried up one agent at a time, so the search costs one step per agent. Raises ValueError when even
    :data:`MAX_AGENTS` agents cannot.
    """
    if traffic <= 0:
        return staffing(0.0, 0, handle_seconds, answer_within)
    if traffic / max_occupancy > MAX_AGENTS:  # the occupancy cap alone needs more agents than that
        raise ValueError(f"{traffic} erlangs need more than {MAX_AGENTS} agents")
    blocking = 1.0
    for agents in range(1, MAX_AGENTS + 1):
        blocking = traffic * blocking / (agents + traffic * blocking)
        if agents <= traffic:
            continue
        result = _staffing(traffic, agents, blocking, handle_seconds, answer_within)
        if result.service_level >= service_level and result.occupancy <= max_occupancy:
            return result
    raise ValueError(f"{traffic} erlangs need more than {MAX_AGENTS} agents")
