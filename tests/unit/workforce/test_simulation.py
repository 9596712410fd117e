"""The scripted customer, the practice session and the rubric (facts, resolution, politeness, response time)."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from barrierfree.core.i18n import use_language
from barrierfree.core.settings import load_settings
from barrierfree.workforce import rubric
from barrierfree.workforce.errors import InvalidWorkforceInput
from barrierfree.workforce.rubric import RUDE_CEILING, reply_politeness, reply_response_time, score
from barrierfree.workforce.scenario import Patience, Scenario, get_scenario, shipped_scenarios
from barrierfree.workforce.simulation import (
    CustomerEngine,
    CustomerState,
    CustomerTurn,
    Exchange,
    ScenarioCustomer,
    Session,
    engine_from_settings,
)
from barrierfree.workforce.transcript import (
    EXTRA_TIME_MULTIPLIER,
    MAX_REPLY_CHARS,
    Accommodations,
    Transcript,
    Utterance,
)

REFUND = get_scenario("refund-damaged-goods")
GOOD_ZH = [
    ("您好，非常抱歉给您带来不便！我们会为您全额退款268元，退回原支付方式。", 30.0),
    ("退款会在1至3个工作日内到账，麻烦您在订单页上传一张破损处的照片，破损的茶壶无需寄回。谢谢您！", 40.0),
]
GOOD_EN = [
    ("Hello, I am so sorry about the broken teapot. We will give you a full refund to your original payment.", 30.0),
    ("Please upload a photo of the damage; the refund arrives within 3 working days and there is no need to "
     "return the teapot. Thank you!", 45.0),
]  # fmt: skip


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in English (the platform's default language is zh-CN); the Chinese ones are tested on their own."""
    with use_language("en"):
        yield


def _play(
    replies: list[tuple[str, float]],
    *,
    language: str = "en",
    scenario: Scenario = REFUND,
    accommodations: Accommodations | None = None,
    engine: CustomerEngine | None = None,
) -> tuple[Session, list[Exchange]]:
    session = Session.start(scenario, language=language, accommodations=accommodations, engine=engine)
    exchanges = []
    for text, seconds in replies:
        exchange = session.answer(text, seconds)
        exchanges.append(exchange)
        session = exchange.session
    return session, exchanges


def test_the_weights_add_up_to_one() -> None:
    total = rubric.FACTS_WEIGHT + rubric.RESOLUTION_WEIGHT + rubric.POLITENESS_WEIGHT + rubric.RESPONSE_TIME_WEIGHT
    assert math.isclose(total, 1.0)


@pytest.mark.parametrize(("replies", "language"), [(GOOD_ZH, "zh-CN"), (GOOD_EN, "en")])
def test_a_good_conversation_is_resolved_with_full_marks(replies: list[tuple[str, float]], language: str) -> None:
    session, exchanges = _play(replies, language=language)
    assert [exchange.customer.state for exchange in exchanges] == [CustomerState.FOLLOW_UP, CustomerState.RESOLVED]
    assert exchanges[-1].customer.text == REFUND.lines.closing.in_(language)
    assert session.ended
    result = session.finish()
    assert (result.facts, result.resolution, result.politeness, result.response_time, result.total) == (
        100, 100, 100, 100, 100,
    )  # fmt: skip
    assert result.passed and result.resolved and not result.missing
    first = exchanges[0].feedback
    assert first.good[0].startswith("You told the customer: a full refund")
    assert "You replied in 30 s, within the 60 s allowed." in first.good
    assert any(sentence.startswith("Still to tell the customer: the refund arrives") for sentence in first.to_add)
    assert result.turns[0] == first


def test_the_opening_line_is_the_scenarios_and_the_customer_asks_for_the_first_missing_fact() -> None:
    session = Session.start(REFUND, language="zh-CN")
    assert session.transcript.utterances == (Utterance("customer", REFUND.lines.opening.zh_cn),)
    exchange = session.answer("您好，我们会为您全额退款。", 10)
    assert exchange.customer.text == "好的。钱什么时候能到账？"


def test_a_rude_slow_reply_costs_patience_and_scores_low_with_the_reasons() -> None:
    session, exchanges = _play([("Calm down, whatever.", 150.0)])
    feedback = exchanges[0].feedback
    assert feedback.good == ()
    assert "Leave out this wording: “whatever”, “calm down”." in feedback.to_add
    assert "This reply took 150 s; aim for 60 s or less." in feedback.to_add
    assert "This reply told the customer nothing new: answer what they asked." in feedback.to_add
    assert "Add a courteous phrase, such as “thank you for your patience”." in feedback.to_add
    assert feedback.check.strikes == rubric.STRIKES_PER_POOR_REPLY
    assert exchanges[0].customer.state is CustomerState.IMPATIENT
    assert exchanges[0].customer.text.startswith(REFUND.lines.impatience[0].en)
    result = session.finish()
    assert result.politeness == 0 and result.response_time == 0 and result.facts == 0 and result.total == 0
    assert not result.passed


def test_one_rude_reply_caps_politeness_even_among_courteous_ones() -> None:
    replies = [("Hello, thank you, sorry! We give a full refund.", 10.0), ("Calm down. Thanks, 3 working days.", 10.0)]
    result = _play(replies)[0].finish()
    assert [turn.check.politeness for turn in result.turns] == [100, 20]
    assert result.politeness == RUDE_CEILING


def test_an_incomplete_conversation_scores_no_resolution_and_lists_what_is_missing() -> None:
    session, _ = _play([("Hello, sorry about that! You will get a full refund.", 20.0)])
    result = session.finish()
    assert not session.ended
    assert (result.facts, result.resolution) == (25, 0)
    assert result.missing == ("timeline", "photo", "no-return")
    assert "The customer's problem is not solved yet." in result.summary
    assert result.summary[-1].startswith("Still to tell the customer: the refund arrives within 1 to 3 working days")
    assert result.total == round(0.4 * 25 + 0.2 * 100 + 0.15 * 100)


def _patient(scenario: Scenario, **changes: int) -> Scenario:
    patience = dataclasses.replace(scenario.patience, **{"max_turns": 30, "strikes": 10, **changes})
    return dataclasses.replace(scenario, patience=patience)


def test_the_customer_escalates_when_patience_runs_out_and_takes_no_more_replies() -> None:
    session, exchanges = _play([("Hello, please wait.", 10.0), ("Thank you for waiting.", 10.0), ("Hi!", 10.0)])
    states = [exchange.customer.state for exchange in exchanges]
    assert states == [CustomerState.IMPATIENT, CustomerState.IMPATIENT, CustomerState.ESCALATED]
    assert [exchange.feedback.check.patience_left for exchange in exchanges] == [2, 1, 0]
    assert "after 2 more poor replies they will ask for a supervisor" in exchanges[0].feedback.to_add[-1]
    assert "after 1 more poor reply they will ask" in exchanges[1].feedback.to_add[-1]
    assert exchanges[-1].customer.text == REFUND.lines.escalation.en
    assert exchanges[-1].customer.ended
    result = session.finish()
    assert result.escalated and not result.resolved and result.resolution == 0
    with pytest.raises(InvalidWorkforceInput, match="This conversation has ended") as caught:
        session.answer("A full refund, 3 working days, a photo please.", 5)
    assert caught.value.field == "text"


def test_the_customer_escalates_when_the_turns_run_out_even_if_each_reply_helps() -> None:
    scenario = _patient(REFUND, max_turns=2)
    _, exchanges = _play(
        [("Thank you! A full refund.", 5.0), ("Thanks! No need to return it.", 5.0)], scenario=scenario
    )
    assert [exchange.customer.state for exchange in exchanges] == [CustomerState.FOLLOW_UP, CustomerState.ESCALATED]


def test_the_same_question_comes_back_in_other_words() -> None:
    _, exchanges = _play([("Hello.", 5.0), ("Hello again.", 5.0)], scenario=_patient(REFUND))
    first, second = (exchange.customer.text for exchange in exchanges)
    assert first.endswith(REFUND.lines.follow_ups["full-refund"][0].en)
    assert second.endswith(REFUND.lines.follow_ups["full-refund"][1].en)


@pytest.mark.parametrize(
    ("accommodations", "slow", "allowed"),
    [(None, True, "60"), (Accommodations.extra_time(), False, "90"), (Accommodations(2.0), False, "120")],
)
def test_extra_time_stretches_the_allowed_seconds(
    accommodations: Accommodations | None, slow: bool, allowed: str
) -> None:
    session, exchanges = _play([("Hello, thank you! A full refund.", 80.0)], accommodations=accommodations)
    check = exchanges[0].feedback.check
    assert check.slow is slow
    assert check.allowed_seconds == float(allowed)
    sentences = exchanges[0].feedback.good + exchanges[0].feedback.to_add
    if slow:
        assert f"This reply took 80 s; aim for {allowed} s or less." in sentences
        assert session.finish().response_time == 67
    else:
        assert f"You replied in 80 s, within the {allowed} s allowed." in sentences
        assert session.finish().response_time == 100


def test_the_extra_time_multiplier_is_named() -> None:
    assert Accommodations.extra_time().time_multiplier == EXTRA_TIME_MULTIPLIER


@pytest.mark.parametrize("multiplier", [0.5, 0.99, 3.5, math.nan, math.inf])
def test_a_time_multiplier_outside_one_to_three_is_refused(multiplier: float) -> None:
    with pytest.raises(InvalidWorkforceInput) as caught:
        Accommodations(multiplier)
    assert caught.value.field == "time_multiplier"


@pytest.mark.parametrize(
    ("text", "seconds", "field", "fragment"),
    [
        ("   ", 5.0, "text", "Write a reply"),
        ("x" * (MAX_REPLY_CHARS + 1), 5.0, "text", f"at most {MAX_REPLY_CHARS} characters"),
        ("Hello", -1.0, "seconds_taken", "between 0 and 3600 seconds"),
        ("Hello", math.nan, "seconds_taken", "between 0 and 3600 seconds"),
        ("Hello", 4000.0, "seconds_taken", "between 0 and 3600 seconds"),
    ],
)
def test_bad_replies_are_refused_with_the_field(text: str, seconds: float, field: str, fragment: str) -> None:
    session = Session.start(REFUND, language="en")
    with pytest.raises(InvalidWorkforceInput, match=fragment) as caught:
        session.answer(text, seconds)
    assert caught.value.field == field


def test_an_unsupported_language_is_refused() -> None:
    with pytest.raises(InvalidWorkforceInput, match="Unsupported language") as caught:
        Session.start(REFUND, language="fr")
    assert caught.value.field == "language"


def test_sessions_are_values_and_the_script_is_deterministic() -> None:
    start = Session.start(REFUND, language="zh-CN")
    one = start.answer(GOOD_ZH[0][0], 12)
    two = start.answer(GOOD_ZH[0][0], 12)
    assert one == two
    assert len(start.transcript.utterances) == 1
    assert len(one.session.transcript.utterances) == 3


def test_the_session_language_defaults_to_the_current_one() -> None:
    with use_language("zh-CN"):
        assert Session.start(REFUND).transcript.language == "zh-CN"
    assert Session.start(REFUND).transcript.language == "en"


class _Parrot:
    """Another engine: always says the same, to show the rubric decides the state."""

    def next_turn(self, scenario: Scenario, transcript: Transcript) -> CustomerTurn:
        return CustomerTurn("...", CustomerState.FOLLOW_UP)


def test_any_engine_may_speak_but_the_rubric_decides_resolution() -> None:
    session, exchanges = _play(GOOD_EN, engine=_Parrot())
    assert [exchange.customer.text for exchange in exchanges] == ["...", "..."]
    assert exchanges[-1].customer.state is CustomerState.RESOLVED
    assert session.ended and session.finish().total == 100


def test_the_default_engine_is_the_scenario_script() -> None:
    assert isinstance(engine_from_settings(load_settings()), ScenarioCustomer)


def test_feedback_names_the_facts_in_the_trainees_language_whatever_the_customers() -> None:
    with use_language("zh-CN"):
        _, exchanges = _play(GOOD_EN[:1], language="en")
    assert "全额退款（268元）退回原支付方式" in exchanges[0].feedback.good[0]
    _, exchanges = _play(GOOD_ZH[:1], language="zh-CN")
    assert "a full refund (268 yuan) to the original payment method" in exchanges[0].feedback.good[0]


def test_per_reply_scores_follow_the_named_constants() -> None:
    assert reply_politeness(0, 0) == rubric.POLITENESS_NEUTRAL
    assert reply_politeness(5, 0) == 100
    assert reply_politeness(1, 1) == rubric.POLITENESS_NEUTRAL + rubric.COURTESY_POINTS - rubric.RUDE_PENALTY
    assert reply_response_time(60, 60) == 100
    assert reply_response_time(90, 60) == 50
    assert reply_response_time(120, 60) == 0
    assert reply_response_time(1000, 60) == 0


# Property tests: any transcript of any shipped scenario.
WORDS = st.sampled_from(
    ["您好", "谢谢", "全额退款", "工作日", "照片", "无法", "不", "滚开", "闭嘴", "refund", "photo", "thank you",
     "whatever", "stupid", "not", "。", "，", " ", "订单", "运费", "保修", "专票", "代下单", "语音播报"]
)  # fmt: skip
REPLIES = st.lists(
    st.tuples(st.lists(WORDS, min_size=1, max_size=8).map("".join), st.floats(0, 3600, allow_nan=False)),
    max_size=6,
)
COURTEOUS = st.sampled_from(["。谢谢您！", "。非常抱歉。", " Thank you!", " Sorry, and please bear with me."])


def _transcript(replies: list[tuple[str, float]], language: str, multiplier: float) -> Transcript:
    utterances = tuple(Utterance("agent", text, seconds) for text, seconds in replies)
    return Transcript(language, utterances, Accommodations(multiplier))


@given(
    scenario=st.sampled_from(shipped_scenarios()),
    replies=REPLIES,
    language=st.sampled_from(["zh-CN", "en"]),
    multiplier=st.floats(1.0, 3.0),
)
def test_every_score_stays_between_0_and_100(
    scenario: Scenario, replies: list[tuple[str, float]], language: str, multiplier: float
) -> None:
    result = score(scenario, _transcript(replies, language, multiplier))
    for value in (result.facts, result.resolution, result.politeness, result.response_time, result.total):
        assert 0 <= value <= 100
    assert len(result.turns) == len(replies)
    assert not (result.resolved and result.escalated)
    assert set(result.covered).isdisjoint(result.missing)


@given(
    scenario=st.sampled_from(shipped_scenarios()),
    replies=REPLIES.filter(bool),
    which=st.integers(0, 5),
    courteous=COURTEOUS,
)
def test_adding_a_courteous_phrase_never_lowers_politeness(
    scenario: Scenario, replies: list[tuple[str, float]], which: int, courteous: str
) -> None:
    index = which % len(replies)
    kinder = list(replies)
    kinder[index] = (replies[index][0] + courteous, replies[index][1])
    before = score(scenario, _transcript(replies, "zh-CN", 1.0))
    after = score(scenario, _transcript(kinder, "zh-CN", 1.0))
    assert after.politeness >= before.politeness
    assert after.facts >= before.facts


@given(
    scenario=st.sampled_from(shipped_scenarios()),
    replies=REPLIES.filter(bool),
    multiplier=st.floats(1.0, 3.0),
)
def test_more_time_allowed_never_lowers_the_response_time_score(
    scenario: Scenario, replies: list[tuple[str, float]], multiplier: float
) -> None:
    standard = score(scenario, _transcript(replies, "en", 1.0))
    accommodated = score(scenario, _transcript(replies, "en", multiplier))
    assert accommodated.response_time >= standard.response_time


def test_a_patience_value_is_a_plain_record() -> None:
    assert REFUND.patience == Patience(max_turns=6, reply_seconds=60.0, strikes=3)
