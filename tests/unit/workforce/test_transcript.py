"""Transcripts as stored data: a round trip keeps everything, damaged data is refused with the field named."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from barrierfree.core.i18n import use_language
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.scenario import get_scenario
from barrierfree.workforce.simulation import Session
from barrierfree.workforce.transcript import MAX_REPLY_CHARS, MAX_UTTERANCES, Accommodations, Transcript, Utterance


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in English (the platform's default language is zh-CN); the Chinese ones are tested on their own."""
    with use_language("en"):
        yield


def test_a_session_can_be_stored_and_resumed_where_it_stopped() -> None:
    scenario = get_scenario("delivery-delay")
    session = Session.start(scenario, language="zh-CN", accommodations=Accommodations.extra_time())
    session = session.answer("您好，您的包裹因为暴雪滞留在武汉分拣中心。", 70).session
    stored = json.dumps(session.transcript.to_dict(), ensure_ascii=False)
    resumed = Session(scenario, Transcript.from_dict(json.loads(stored)))
    assert resumed == session
    again = resumed.answer("预计周五送达，谢谢您的耐心。", 20)
    assert again.customer.ended


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(utterances="x"), "transcript.utterances"),
        (lambda d: d.update(utterances=[{}] * (MAX_UTTERANCES + 1)), "transcript.utterances"),
        (lambda d: d["utterances"][0].update(speaker="robot"), "transcript.utterances[0].speaker"),
        (lambda d: d["utterances"][0].update(seconds=3), "transcript.utterances[0].seconds"),
        (lambda d: d["utterances"][1].update(seconds=None), "transcript.utterances[1].seconds"),
        (lambda d: d["utterances"][1].update(seconds=True), "transcript.utterances[1].seconds"),
        (lambda d: d["utterances"][1].update(text=" "), "transcript.utterances[1].text"),
        (lambda d: d["utterances"][1].update(text="x" * (MAX_REPLY_CHARS + 1)), "transcript.utterances[1].text"),
        (lambda d: d.update(time_multiplier="1.5"), "transcript.time_multiplier"),
        (lambda d: d.update(time_multiplier=9), "time_multiplier"),
        (lambda d: d.update(language=None), "transcript.language"),
        (lambda d: d.update(language="fr"), "language"),
    ],
)
def test_damaged_stored_transcripts_are_refused_with_the_field(change: Any, field: str) -> None:
    data = Transcript("en", (Utterance("customer", "Hi"), Utterance("agent", "Hello", 3.0))).to_dict()
    change(data)
    with pytest.raises(InvalidWorkforceInput) as caught:
        Transcript.from_dict(data)
    assert caught.value.field == field


UTTERANCES = st.lists(
    st.one_of(
        st.builds(Utterance, st.just("customer"), st.text(min_size=1, max_size=30).filter(str.strip)),
        st.builds(
            Utterance,
            st.just("agent"),
            st.text(min_size=1, max_size=30).filter(str.strip),
            st.floats(0, 3600, allow_nan=False),
        ),
    ),
    max_size=8,
)


@given(
    language=st.sampled_from(["zh-CN", "en"]),
    utterances=UTTERANCES,
    multiplier=st.floats(1.0, 3.0),
)
def test_to_dict_and_from_dict_round_trip_through_json(
    language: str, utterances: list[Utterance], multiplier: float
) -> None:
    transcript = Transcript(language, tuple(utterances), Accommodations(multiplier))
    assert Transcript.from_dict(json.loads(json.dumps(transcript.to_dict()))) == transcript


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=16), children, max_size=4),
    max_leaves=20,
)


@given(data=JSON_VALUES | st.fixed_dictionaries({"language": st.just("en"), "utterances": st.lists(JSON_VALUES)}))
def test_any_stored_data_is_read_back_or_refused_as_invalid_input(data: object) -> None:
    try:
        Transcript.from_dict(data)
    except InvalidWorkforceInput as error:
        assert error.field
