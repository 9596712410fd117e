"""Communication cards: every preset card in both languages, values filled in or refused, riders' own texts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from barrierfree.core.i18n import use_language
from barrierfree.relay import cards
from barrierfree.relay.errors import InvalidRelayInput, UnknownCard


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with use_language("en"):
        yield


def test_every_preset_card_has_both_languages_a_known_scenario_and_matching_placeholders() -> None:
    known = {scenario.id for scenario in cards.scenarios()}
    preset = cards.preset_cards()
    assert len({card.id for card in preset}) == len(preset) >= 12
    for card in preset:
        assert card.scenario in known and set(card.texts) == {"zh-CN", "en"}
        names = [
            frozenset(cards.Card(card.id, card.scenario, {lang: text}).placeholders())
            for lang, text in card.texts.items()
        ]
        assert names[0] == names[1], card.id
        assert card.placeholders() <= {"order", "minutes"}
        assert all(len(text) <= cards.MAX_CARD_CHARS for text in card.texts.values())


def test_values_are_filled_in_and_missing_or_impossible_ones_are_refused() -> None:
    late = cards.preset_card("running-late")
    assert "15 minutes" in cards.fill(late, "en", minutes=15)
    assert "15 分钟" in cards.fill(late, "zh-CN", minutes=15)
    for minutes in (None, 0, 121):
        with pytest.raises(InvalidRelayInput, match="minutes late"):
            cards.fill(late, "en", minutes=minutes)
    store = cards.preset_card("arrived-store")
    assert "ending 0421" in cards.fill(store, "en", order="0421")
    for order in (None, "", "12a", "1234567"):
        with pytest.raises(InvalidRelayInput, match="last digits"):
            cards.fill(store, "en", order=order)
    with pytest.raises(InvalidRelayInput, match="zh-CN or en"):
        cards.fill(store, "fr", order="1")


def test_an_unknown_card_is_named() -> None:
    with pytest.raises(UnknownCard, match="no-such-card"):
        cards.preset_card("no-such-card")


def test_a_rider_s_own_text_is_trimmed_bounded_and_free_of_braces() -> None:
    assert cards.check_custom_text("  请  放门口 ", "text_zh") == "请 放门口"
    with pytest.raises(InvalidRelayInput, match="200 characters"):
        cards.check_custom_text("x" * 201, "text_zh")
    with pytest.raises(InvalidRelayInput, match="curly brackets"):
        cards.check_custom_text("at {time}", "text_en")


@given(st.text(max_size=300))
def test_any_custom_text_is_accepted_or_refused_with_the_domain_error(text: str) -> None:
    try:
        checked = cards.check_custom_text(text, "text_en")
    except InvalidRelayInput:
        return
    assert len(checked) <= cards.MAX_CARD_CHARS and "{" not in checked
