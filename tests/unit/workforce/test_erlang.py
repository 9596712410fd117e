"""Erlang B and C against the closed form in exact arithmetic, and the agent search's guarantees."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from barrierfree.workforce import erlang


def _erlang_c_exact(traffic: int, agents: int) -> Fraction:
    """Erlang C by its textbook closed form, in fractions: (A^N/N! N/(N-A)) / (sum A^k/k! + A^N/N! N/(N-A))."""
    a = Fraction(traffic)
    top = a**agents / math.factorial(agents) * Fraction(agents, agents - traffic)
    return top / (sum(a**k / math.factorial(k) for k in range(agents)) + top)


@pytest.mark.parametrize(("traffic", "agents"), [(1, 2), (5, 6), (10, 12), (10, 14), (40, 45), (100, 110)])
def test_erlang_c_matches_the_closed_form(traffic: int, agents: int) -> None:
    assert erlang.erlang_c(traffic, agents) == pytest.approx(float(_erlang_c_exact(traffic, agents)), rel=1e-12)


def test_agents_no_more_than_the_traffic_always_wait() -> None:
    assert erlang.erlang_c(10.0, 10) == 1.0
    assert erlang.staffing(10.0, 9, 180, 20).service_level == 0.0


def test_no_traffic_needs_no_agents() -> None:
    result = erlang.agents_for_target(0.0, 180, 0.8, 20, 0.85)
    assert result.agents == 0 and result.service_level == 1.0


def test_a_textbook_interval() -> None:
    # 100 contacts in 30 minutes at 180 s each: 10 erlangs. Waiting: 44.9 % with 12 agents, 28.5 % with 13 (the
    # published Erlang C table); 80 % answered in 20 s takes 14 agents (13 reach 79.6 %).
    assert erlang.erlang_c(10.0, 12) == pytest.approx(0.4494, abs=1e-4)
    assert erlang.erlang_c(10.0, 13) == pytest.approx(0.2853, abs=1e-4)
    result = erlang.agents_for_target(10.0, 180, 0.8, 20, 1.0)
    assert result.agents == 14
    assert erlang.staffing(10.0, 13, 180, 20).service_level == pytest.approx(0.7956, abs=1e-4)


@settings(max_examples=200, deadline=None)
@given(
    st.floats(min_value=0.01, max_value=300),
    st.floats(min_value=10, max_value=1200),
    st.floats(min_value=0.05, max_value=0.99),
    st.floats(min_value=0, max_value=120),
    st.floats(min_value=0.5, max_value=1.0),
)
def test_the_agent_search_finds_the_fewest_that_meet_every_target(
    traffic: float, handle: float, level: float, within: float, occupancy: float
) -> None:
    found = erlang.agents_for_target(traffic, handle, level, within, occupancy)
    assert found.service_level >= level and found.occupancy <= occupancy
    fewer = erlang.staffing(traffic, found.agents - 1, handle, within)
    assert fewer.service_level < level or fewer.occupancy > occupancy


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=0.01, max_value=200), st.integers(min_value=1, max_value=400))
def test_more_agents_never_serve_worse(traffic: float, agents: int) -> None:
    one = erlang.staffing(traffic, agents, 240, 20)
    more = erlang.staffing(traffic, agents + 1, 240, 20)
    assert 0.0 <= more.wait_probability <= one.wait_probability <= 1.0
    assert more.service_level >= one.service_level


def test_absurd_traffic_is_refused_at_once() -> None:
    with pytest.raises(ValueError, match="more than"):
        erlang.agents_for_target(1e12, 240, 0.8, 20, 0.85)
    with pytest.raises(ValueError, match="more than"):
        erlang.agents_for_target(erlang.MAX_AGENTS * 0.9, 240, 0.8, 20, 0.85)
