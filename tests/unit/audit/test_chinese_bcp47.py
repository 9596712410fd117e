"""BCP 47 language tags: well-formed per RFC 5646, registered subtags, Chinese tags recognised."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from barrierfree.audit.checks.chinese.bcp47 import TagStatus, parse_tag


@pytest.mark.parametrize(
    "tag",
    [
        "zh",
        "zh-CN",
        "zh-Hans",
        "zh-Hans-CN",
        "zh-Hant-TW",
        "ZH-cn",
        "en",
        "en-GB",
        "de-CH-1901",
        "es-419",
        "yue-HK",
        "i-klingon",
        "zh-min-nan",
        "sl-rozaj-biske",
        "en-a-bbb-x-private",
    ],
)
def test_valid_tags(tag: str) -> None:
    assert parse_tag(tag).status is TagStatus.VALID


@pytest.mark.parametrize(
    ("tag", "problem"),
    [
        ("zh_CN", "malformed"),
        ("cn", "unregistered-language"),
        ("chinese", "unregistered-language"),
        ("", "empty"),
        ("en-", "malformed"),
        ("123", "malformed"),
        ("zh-CN-", "malformed"),
        ("e", "malformed"),
    ],
)
def test_invalid_tags(tag: str, problem: str) -> None:
    parsed = parse_tag(tag)
    assert parsed.status is TagStatus.INVALID
    assert parsed.problem == problem


@pytest.mark.parametrize("tag", ["qaa", "en-UK", "zh-Abcd", "x-private"])
def test_well_formed_tags_with_unregistered_parts_are_unknown_not_invalid(tag: str) -> None:
    assert parse_tag(tag).status is TagStatus.UNKNOWN


@pytest.mark.parametrize(
    ("tag", "chinese"), [("zh-CN", True), ("cmn-Hans", True), ("yue", True), ("ja", False), ("en", False)]
)
def test_chinese_tags_are_recognised(tag: str, chinese: bool) -> None:
    assert parse_tag(tag).is_chinese is chinese


@given(st.text(max_size=40))
def test_any_text_parses_without_error(text: str) -> None:
    assert parse_tag(text).status in set(TagStatus)


@given(
    st.sampled_from(["zh", "en", "fr", "de", "ja", "yue", "cmn"]),
    st.sampled_from(["", "-Hans", "-Hant", "-Latn"]),
    st.sampled_from(["", "-CN", "-TW", "-HK", "-US", "-419"]),
)
def test_registered_combinations_are_valid(language: str, script: str, region: str) -> None:
    tag = parse_tag(language + script + region)
    assert tag.status is TagStatus.VALID
    assert tag.language == language
