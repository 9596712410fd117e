"""Tests of barrierfree.core.i18n: language tags, Accept-Language negotiation and the current language."""

from __future__ import annotations

import gettext

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from barrierfree.core import i18n
from barrierfree.core.errors import InvalidInput
from barrierfree.core.i18n import (
    FALLBACK_LANGUAGE,
    LANGUAGE_NAMES,
    LANGUAGES,
    _,
    current_language,
    locale_of,
    negotiate,
    ngettext,
    parse_language,
    set_language,
    translations,
    use_language,
)

SUPPORTED = tuple(LANGUAGES)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("zh-CN", "zh-CN"),
        ("zh_cn", "zh-CN"),
        ("ZH_CN", "zh-CN"),
        ("zh-cn", "zh-CN"),
        (" zh-CN\n", "zh-CN"),
        ("en", "en"),
        ("EN", "en"),
        ("En ", "en"),
    ],
)
def test_parse_language_accepts_supported_tags_in_any_spelling(code: str, expected: str) -> None:
    assert parse_language(code) == expected


@pytest.mark.parametrize("code", ["fr", "", "   ", "zh", "zh-TW", "en-GB", "english", "zh--CN", "*"])
def test_parse_language_rejects_unknown_tags(code: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_language(code)
    assert caught.value.field == "lang"
    assert caught.value.code == "invalid-input"


def test_parse_language_error_lists_the_supported_tags_and_truncates_the_input() -> None:
    with use_language("en"), pytest.raises(InvalidInput) as caught:
        parse_language("x" * 500)
    assert "zh-CN" in caught.value.message
    assert "en" in caught.value.message
    assert "x" * 41 not in caught.value.message


@hypothesis_settings(max_examples=200)
@given(st.text(max_size=30))
def test_parse_language_returns_a_supported_tag_or_raises_invalid_input(code: str) -> None:
    try:
        tag = parse_language(code)
    except InvalidInput:
        return
    assert tag in SUPPORTED
    assert code.strip().replace("_", "-").lower() == tag.lower()


@given(st.sampled_from(SUPPORTED), st.data())
def test_parse_language_ignores_case_and_separator(tag: str, data: st.DataObject) -> None:
    spelled = "".join(
        data.draw(st.sampled_from([ch.lower(), ch.upper()])) if ch != "-" else data.draw(st.sampled_from("-_"))
        for ch in tag
    )
    assert parse_language(spelled) == tag


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("en", "en"),
        ("zh-CN", "zh-CN"),
        ("en-US,en;q=0.9", "en"),
        ("zh-TW,zh;q=0.9,en;q=0.8", "zh-CN"),
        ("fr, en;q=0.5, zh-CN;q=0.8", "zh-CN"),
        ("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", "en"),
        ("en;q=0.2, zh-cn;q=0.9", "zh-CN"),
        ("EN-gb", "en"),
        ("en, zh-CN", "en"),
        ("zh-CN, en", "zh-CN"),
        ("en;q=abc, zh-CN;q=0.1", "zh-CN"),
        ("en;q=0, zh-CN;q=0.1", "zh-CN"),
    ],
)
def test_negotiate_picks_the_best_supported_language(header: str, expected: str) -> None:
    assert negotiate(header, "en" if expected == "zh-CN" else "zh-CN") == expected


@pytest.mark.parametrize("header", [None, "", "fr", "de-DE,fr;q=0.5", "*", ";;;,,,", "en;q=0", "en;q=-1"])
@pytest.mark.parametrize("default", SUPPORTED)
def test_negotiate_falls_back_to_the_default(header: str | None, default: str) -> None:
    assert negotiate(header, default) == default


def test_negotiate_reads_only_the_first_twenty_entries() -> None:
    header = ",".join(["fr"] * 20 + ["en"])
    assert negotiate(header, "zh-CN") == "zh-CN"
    assert negotiate(",".join(["fr"] * 19 + ["en"]), "zh-CN") == "en"


_TAGS = st.sampled_from(["en", "EN-us", "zh", "zh-CN", "zh-Hant-TW", "fr", "*", "", "x-klingon", "de-CH"])
_QUALITIES = st.one_of(
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda q: f"q={q}"),
    st.text(max_size=6).map(lambda q: f"q={q}"),
    st.text(max_size=8),
)


@st.composite
def _accept_language_headers(draw: st.DrawFn) -> str:
    parts = []
    for _index in range(draw(st.integers(0, 25))):
        tag = draw(st.one_of(_TAGS, st.text(max_size=12)))
        quality = draw(_QUALITIES)
        parts.append(tag if quality is None else f"{tag};{quality}")
    return ",".join(parts)


@hypothesis_settings(max_examples=200)
@given(st.one_of(st.none(), st.text(max_size=200), _accept_language_headers()), st.sampled_from(SUPPORTED))
def test_negotiate_never_raises_and_always_returns_a_supported_tag(header: str | None, default: str) -> None:
    assert negotiate(header, default) in SUPPORTED


def test_use_language_switches_and_restores() -> None:
    before = current_language()
    other = "en" if before == "zh-CN" else "zh-CN"
    with use_language(other):
        assert current_language() == other
        with use_language(before):
            assert current_language() == before
        assert current_language() == other
    assert current_language() == before


def test_use_language_restores_after_an_error() -> None:
    before = current_language()
    with pytest.raises(RuntimeError), use_language("en" if before == "zh-CN" else "zh-CN"):
        raise RuntimeError("boom")
    assert current_language() == before


def test_set_language_returns_a_token_that_restores() -> None:
    before = current_language()
    token = set_language("en")
    try:
        assert current_language() == "en"
    finally:
        i18n._current.reset(token)
    assert current_language() == before


def test_fallback_language_is_chinese_and_supported() -> None:
    assert FALLBACK_LANGUAGE == "zh-CN"
    assert FALLBACK_LANGUAGE in LANGUAGES
    assert set(LANGUAGE_NAMES) == set(LANGUAGES)


@pytest.mark.parametrize("language", SUPPORTED)
def test_every_catalog_compiles(language: str) -> None:
    catalog = translations(language)
    assert isinstance(catalog, gettext.GNUTranslations)
    assert translations(language) is catalog


@pytest.mark.parametrize("language", SUPPORTED)
def test_unknown_messages_pass_through_untranslated(language: str) -> None:
    with use_language(language):
        assert _("no such message in any catalog 0x5f3759df") == "no such message in any catalog 0x5f3759df"
        assert ngettext("one zebra-xyz", "{n} zebras-xyz", 1) == "one zebra-xyz"
        assert ngettext("one zebra-xyz", "{n} zebras-xyz", 3) == "{n} zebras-xyz"


class _MarkedTranslations(gettext.NullTranslations):
    """A stand-in catalog that marks every message, to see which language's catalog was used."""

    def gettext(self, message: str) -> str:
        return "【zh】" + message


def test_error_messages_follow_the_current_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        i18n,
        "translations",
        lambda language: _MarkedTranslations() if language == "zh-CN" else gettext.NullTranslations(),
    )
    with use_language("en"), pytest.raises(InvalidInput) as in_english:
        parse_language("fr")
    with use_language("zh-CN"), pytest.raises(InvalidInput) as in_chinese:
        parse_language("fr")
    assert in_english.value.message == "Unsupported language “fr”. Choose one of: zh-CN, en."
    assert in_chinese.value.message == "【zh】" + in_english.value.message


def test_locale_of_gives_babel_locales() -> None:
    assert str(locale_of("zh-CN")) == "zh_Hans_CN" or str(locale_of("zh-CN")) == "zh_CN"
    assert locale_of("zh-CN").language == "zh"
    assert locale_of("en").language == "en"
