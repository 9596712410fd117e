"""ACT ucwvc8 and off6ek: the page's and each element's ``lang`` match the language of their text."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from barrierfree.audit.checks.act.language_match import (
    COLLECT_JS,
    LANGUAGES,
    MAX_OWNERS,
    LanguageMatchCheck,
    count_words,
    judged_language,
    mismatch,
    pieces,
    script_of,
)
from barrierfree.audit.checks.base import PageContext
from tests.unit.audit.test_act_harness import ActBrowser, act_browser_fixture, act_ids, needs_chromium, page

ENGLISH = (
    "Barrier-free routes are planned for wheelchair users in fifty-eight cities, and every route avoids steps, "
    "steep kerbs and broken lifts where the map knows about them."
)
CHINESE = "我们为视障人士和轮椅使用者规划无障碍出行路线，覆盖五十八个城市，并尽量避开台阶和损坏的电梯。"
FRENCH = "Les itinéraires sans obstacles sont calculés pour les personnes en fauteuil roulant dans toute la ville."
AMBIGUOUS = "Paul put dire comment on tape"
"""Every word of it is English and French alike."""


@pytest.fixture(scope="module")
def browser() -> Iterator[ActBrowser]:
    yield from act_browser_fixture()


# --- the language tags judged --------------------------------------------------------------------------------


def test_tags_are_judged_by_their_primary_language() -> None:
    assert judged_language("zh-Hans-CN") == "zh"
    assert judged_language("EN") == "en"
    assert judged_language("fr-CA") == "fr"
    assert judged_language("cmn") == "zh"
    assert judged_language("no") == "nb"


def test_invalid_grandfathered_and_unsupported_tags_are_not_judged() -> None:
    assert judged_language("eng") is None  # ISO 639-2 code: not a known primary language tag
    assert judged_language("i-lux") is None
    assert judged_language("invalid") is None
    assert judged_language("zh_CN") is None
    assert judged_language("lb") is None  # valid, but the detector does not know Luxembourgish


# --- splitting and counting ----------------------------------------------------------------------------------


def test_quotations_and_scripts_become_pieces_of_their_own() -> None:
    assert pieces('The Dutch word "gezellig" has no English equivalent.') == [
        "The Dutch word has no English equivalent.",
        "gezellig",
    ]
    assert pieces("使用 Python 的 asyncio 库编写“并发程序”") == ["使用 的 库编写", "Python asyncio", "并发程序"]
    assert pieces("ファイルの数が間違っています") == ["ファイルの数が間違っています"]  # kanji and kana stay together


def test_chinese_characters_count_two_to_a_word() -> None:
    assert count_words("无障碍出行") == 2.5
    assert count_words("step-free route, 12 stops") == 3
    assert count_words("—— 2024 ——") == 0


LETTERS = st.characters(categories=("Ll", "Lu", "Lo", "Nd", "Zs", "Po", "Pi", "Pf"))


@given(st.text(max_size=40))
def test_any_lang_value_is_judged_as_one_of_the_languages_or_not_at_all(tag: str) -> None:
    assert judged_language(tag) in {*LANGUAGES, None}


@given(st.text(LETTERS, max_size=80))
@example("\U00017000")  # a Tangut letter: Python knows no script name for it
def test_pieces_keep_every_letter_and_one_script_each(text: str) -> None:
    parts = pieces(text)
    letters = Counter(c for c in text if c.isalpha())
    assert Counter(c for part in parts for c in part if c.isalpha()) == letters
    for part in parts:
        assert len({script_of(c) for c in part if c.isalpha()} - {""}) <= 1
        assert part == " ".join(part.split())


# --- judging text --------------------------------------------------------------------------------------------


def test_text_in_another_language_than_declared_is_found() -> None:
    found = mismatch([ENGLISH], "da")
    assert found is not None and found.language == "en" and found.declared_words == 0
    chinese_as_english = mismatch([CHINESE], "en")
    assert chinese_as_english is not None and chinese_as_english.language == "zh"
    english_as_chinese = mismatch([ENGLISH], "zh")
    assert english_as_chinese is not None and english_as_chinese.language == "en"
    assert mismatch([FRENCH], "nl") is not None


def test_text_in_the_declared_language_passes() -> None:
    assert mismatch([ENGLISH], "en") is None
    assert mismatch([CHINESE], "zh") is None
    assert mismatch([FRENCH], "fr") is None
    assert mismatch(["選択範囲の書式を変更します", "東京都千代田区"], "ja") is None


def test_long_han_text_without_kana_is_not_japanese() -> None:
    found = mismatch([CHINESE], "ja")
    assert found is not None and found.language == "zh"


def test_text_that_may_be_in_the_declared_language_passes() -> None:
    assert mismatch([AMBIGUOUS], "fr") is None
    assert mismatch([AMBIGUOUS], "en") is None
    assert mismatch(['The Dutch word "gezellig" has no English equivalent.'], "en") is None


def test_short_text_and_names_are_not_judged() -> None:
    assert mismatch(["Hello world"], "zh") is None
    assert mismatch(["首页"], "en") is None
    assert mismatch(["2024-06-01 12:00", "© ®"], "fr") is None


def test_a_chinese_page_with_english_menus_is_chinese() -> None:
    texts = [CHINESE, "Home About Contact Download the App", CHINESE[:20], "Privacy policy and terms of use"]
    assert mismatch(texts, "zh") is None
    english_page = [ENGLISH, "首页 关于我们 联系我们", ENGLISH[:60]]
    assert mismatch(english_page, "en") is None


def test_the_language_with_most_words_decides() -> None:
    found = mismatch([CHINESE, CHINESE, CHINESE, ENGLISH], "en")
    assert found is not None and found.language == "zh"
    assert (found.words, found.declared_words) == (3 * count_words(CHINESE), count_words(ENGLISH))
    # the declared language holds its own while it has at least half as many words as the other
    assert mismatch([CHINESE, CHINESE, ENGLISH], "en") is None


# --- on pages ------------------------------------------------------------------------------------------------


@needs_chromium
def test_text_is_gathered_per_element_with_lang_and_per_block(browser: ActBrowser) -> None:
    html = page(
        "<h1>Line one<br>line two</h1><p>An <b>inline</b> word and <span lang='fr'>une phrase</span> here.</p>"
        "<p lang=''>Empty lang inherits</p><img src='/none.png' alt='A picture'>"
    )

    async def collect(context: PageContext) -> object:
        return await context.page.evaluate(COLLECT_JS)

    owners = browser.evaluate(html, collect)
    assert [(o["lang"], o["root"], o["texts"]) for o in owners] == [
        (
            "en",
            True,
            ["Test page", "Line one line two", "An inline word and here.", "Empty lang inherits", "A picture"],
        ),
        ("fr", False, ["une phrase"]),
    ]
    assert owners[0]["info"]["selector"] == "html"


@needs_chromium
def test_chinese_page_declared_english_fails_ucwvc8(browser: ActBrowser) -> None:
    findings = browser.run(LanguageMatchCheck(), page(f"<h1>无障碍出行</h1><p>{CHINESE}</p>", lang="en"))
    assert act_ids(findings) == {"ucwvc8"}
    assert findings[0].wcag == ("3.1.1",) and findings[0].selector == "html"
    assert findings[0].details["detected"] == "zh" and findings[0].details["lang"] == "en"


@needs_chromium
def test_pages_in_their_own_language_pass(browser: ActBrowser) -> None:
    nav = "<nav><a href='#'>Home</a> <a href='#'>Download the App</a></nav>"
    assert browser.run(LanguageMatchCheck(), page(f"{nav}<p>{CHINESE}</p>", lang="zh-CN")) == []
    assert browser.run(LanguageMatchCheck(), page(f"<p>{ENGLISH}</p><p lang='zh'>{CHINESE}</p>")) == []
    assert browser.run(LanguageMatchCheck(), page(f"<p>{ENGLISH}</p>", lang="eng")) == []


@needs_chromium
def test_element_in_the_wrong_language_fails_off6ek(browser: ActBrowser) -> None:
    findings = browser.run(LanguageMatchCheck(), page(f"<p>{ENGLISH}</p><p lang='en'>{CHINESE}</p>"))
    assert act_ids(findings) == {"off6ek"}
    assert findings[0].wcag == ("3.1.2",) and findings[0].selector.endswith("p:nth-of-type(2)")
    french_marked_dutch = page(f"<p>{ENGLISH} <span lang='nl'>{FRENCH}</span></p>")
    assert act_ids(browser.run(LanguageMatchCheck(), french_marked_dutch)) == {"off6ek"}


@needs_chromium
def test_hidden_text_is_not_judged(browser: ActBrowser) -> None:
    hidden = page(
        f"<p>{ENGLISH}</p><p lang='fr' hidden>{ENGLISH}</p><div lang='fr' style='display:none'>{ENGLISH}</div>"
    )
    assert browser.run(LanguageMatchCheck(), hidden) == []
    invisible = page(f"<p>{ENGLISH}</p><p lang='zh' style='visibility:hidden'>{ENGLISH}</p>")
    assert browser.run(LanguageMatchCheck(), invisible) == []
    # text only screen readers get still counts
    sr_only = "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)"
    offscreen = page(f"<p>{ENGLISH}</p><p lang='zh' style='{sr_only}'>{ENGLISH}</p>")
    assert act_ids(browser.run(LanguageMatchCheck(), offscreen)) == {"off6ek"}


@needs_chromium
def test_accessible_names_count_with_the_element_that_has_them(browser: ActBrowser) -> None:
    on_page = page(f"<img src='/none.png' alt='{ENGLISH}'>", lang="fr")
    assert act_ids(browser.run(LanguageMatchCheck(), on_page)) == {"ucwvc8"}
    in_part = page(f"<div lang='fr'><img src='/none.png' alt='{ENGLISH}'></div>")
    assert act_ids(browser.run(LanguageMatchCheck(), in_part)) == {"off6ek"}
    # the name comes from a hidden element marked English, but the image is in the French part
    labelled = page(
        f"<div lang='fr'><img src='/none.png' aria-labelledby='c'><p lang='en' id='c' hidden>{ENGLISH}</p></div>",
        lang="en",
    )
    assert act_ids(browser.run(LanguageMatchCheck(), labelled)) == {"off6ek"}
    hidden_image = page(f"<p>{CHINESE}</p><img src='/none.png' aria-hidden='true' alt='{ENGLISH}'>", lang="zh")
    assert browser.run(LanguageMatchCheck(), hidden_image) == []
    presentational = page(f"<p>{CHINESE}</p><img src='/none.png' role='presentation' alt='{ENGLISH}'>", lang="zh")
    assert browser.run(LanguageMatchCheck(), presentational) == []


@needs_chromium
def test_labels_descriptions_and_placeholders_are_accessible_text(browser: ActBrowser) -> None:
    for control in (
        f"<button aria-label='{ENGLISH}'>X</button>",
        f"<span title='{ENGLISH}'>说明</span>",
        f"<input placeholder='{ENGLISH}'>",
        f"<input type='submit' value='{ENGLISH}'>",
        f"<button aria-describedby='d'>OK</button><p id='d' lang='zh' hidden>{ENGLISH}</p>",
    ):
        findings = browser.run(LanguageMatchCheck(), page(f"<div lang='zh'>{control}</div>"))
        assert act_ids(findings) == {"off6ek"}, control
    labelled_field = page(f"<div lang='zh'><label>姓名 <input placeholder='{ENGLISH}'></label></div>")
    assert browser.run(LanguageMatchCheck(), labelled_field) == []


@needs_chromium
def test_the_title_counts_for_the_page(browser: ActBrowser) -> None:
    html = f"<!doctype html><html lang='fr'><head><title>{ENGLISH}</title></head><body></body></html>"
    assert act_ids(browser.run(LanguageMatchCheck(), html)) == {"ucwvc8"}


@needs_chromium
def test_shadow_dom_text_is_read_in_the_flat_tree(browser: ActBrowser) -> None:
    script = (
        "<script>const host = document.getElementById('host');"
        f"host.attachShadow({{mode: 'open'}}).innerHTML = '<p>{CHINESE}</p><slot></slot>';</script>"
    )
    html = page(f"<div id='host' lang='en'><span>Hello</span></div>{script}", lang="en")
    findings = browser.run(LanguageMatchCheck(), html)
    assert act_ids(findings) == {"off6ek"} and findings[0].details["detected"] == "zh"


@needs_chromium
def test_text_in_code_is_technical_and_not_judged(browser: ActBrowser) -> None:
    html = page(f"<p>{CHINESE}</p><pre lang='zh'>{ENGLISH}</pre><p lang='zh'><code>{ENGLISH}</code></p>", lang="zh")
    assert browser.run(LanguageMatchCheck(), html) == []


@needs_chromium
def test_work_per_page_is_capped(browser: ActBrowser) -> None:
    parts = "".join(f"<p lang='fr'>{ENGLISH}</p>" for _ in range(MAX_OWNERS + 20))
    findings = browser.run(LanguageMatchCheck(), page(parts))
    assert 0 < len(findings) <= MAX_OWNERS and act_ids(findings) == {"off6ek"}


def test_script_of_groups_chinese_japanese_and_korean() -> None:
    assert {script_of(c) for c in "汉かナ한"} == {"CJK"}
    assert script_of("ａ") == script_of("a") == "LATIN"
    assert script_of("ʼ") == ""
    assert unicodedata.category("ー") == "Lm" and script_of("ー") == "CJK"
