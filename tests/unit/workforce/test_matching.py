"""Keyword matching: substrings in Chinese without spaces, whole words in English, negations just before."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from barrierfree.workforce._matching import CHINESE_NEGATIONS, conveys, markers_in, normalize

REFUND_ZH = ["全额退款", "退全款"]
REFUND_EN = ["full refund", "refund*"]


@pytest.mark.parametrize(
    "text",
    [
        "好的我们马上给您全额退款请放心",
        "没问题，全额退款三天内到账",
        "没问题全额退款",
        "不用担心，我们退全款",
        "您好！已为您办理全额退款。",
    ],
)
def test_chinese_keywords_match_inside_text_without_spaces(text: str) -> None:
    assert conveys(text, REFUND_ZH)


@pytest.mark.parametrize(
    "text", ["抱歉，我们无法全额退款", "这个不能全额退款", "没有全额退款", "暂未全额退款", "全额 退款"]
)
def test_chinese_keywords_negated_or_split_do_not_count(text: str) -> None:
    assert not conveys(text, REFUND_ZH)


@pytest.mark.parametrize(
    "text",
    [
        "We will give you a FULL REFUND today.",
        "You have been refunded.",
        "No problem, we refund you at once.",
        "ｒｅｆｕｎｄ is on its way",
        "a full   refund",
        "We cannot do that, but the refund goes out today.",
    ],
)
def test_english_keywords_match_words_case_and_width_insensitively(text: str) -> None:
    assert conveys(text, REFUND_EN)


@pytest.mark.parametrize(
    "text",
    ["We cannot refund it.", "We can't offer a refund.", "There is no refund.", "We won't be refunding", "prerefund"],
)
def test_english_keywords_negated_or_inside_other_words_do_not_count(text: str) -> None:
    assert not conveys(text, REFUND_EN)


def test_english_endings_apply_only_to_longer_keywords() -> None:
    assert markers_in("Thanks, and sorry!", ["thank*", "sorry", "hi"]) == ("thank*", "sorry")
    assert markers_in("This is his order", ["hi"]) == ()
    assert markers_in("Hi there", ["hi"]) == ("hi",)
    assert markers_in("The exchanges are free", ["exchange"]) == ("exchange",)
    assert markers_in("exchangeable", ["exchange"]) == ()


def test_markers_keep_the_order_given_and_ignore_negation() -> None:
    assert markers_in("您好，不好意思，请您稍等", ["请您", "您好", "谢谢", "不好意思"]) == ("请您", "您好", "不好意思")


def test_normalize_folds_width_case_and_apostrophes() -> None:
    assert normalize("ＣＡＮ’Ｔ") == "can't"


FILLER = st.text(alphabet="我们已经为您办理好了请查收今天明天订单", max_size=12)


@given(before=FILLER, after=FILLER, keyword=st.sampled_from(REFUND_ZH))
def test_a_keyword_in_any_filler_without_negation_is_found(before: str, after: str, keyword: str) -> None:
    assert conveys(before + keyword + after, REFUND_ZH)


@given(before=FILLER, negation=st.sampled_from(CHINESE_NEGATIONS), keyword=st.sampled_from(REFUND_ZH))
def test_a_negation_right_before_a_keyword_always_blocks_it(before: str, negation: str, keyword: str) -> None:
    assert not conveys(before + negation + keyword, REFUND_ZH)


@given(text=st.text(max_size=200))
def test_matching_never_fails_on_any_text(text: str) -> None:
    assert isinstance(conveys(text, REFUND_ZH + REFUND_EN), bool)
    assert set(markers_in(text, REFUND_ZH + REFUND_EN)) <= set(REFUND_ZH + REFUND_EN)
