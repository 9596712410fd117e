"""Page and part language in a real Chromium: valid tags, Chinese pages said to be Chinese, marked passages."""

from __future__ import annotations

import asyncio

import pytest

from barrierfree.audit import ChromiumEngine, Finding, Outcome
from barrierfree.audit.checks.base import PageContext
from barrierfree.audit.checks.chinese import CHINESE_CHECKS
from barrierfree.audit.checks.chinese.page_language import INVALID, MISMATCH, MISSING, UNKNOWN, PageLanguageCheck
from barrierfree.audit.checks.chinese.part_language import CHINESE_IN_OTHER, LATIN_IN_CHINESE, PartLanguageCheck
from tests.unit.audit.conftest import needs_chromium

pytestmark = needs_chromium
CHINESE = "<p>这是一个主要由中文组成的网页，用来检查页面语言是否与文字一致，屏幕阅读器需要正确的语言。</p>"
ENGLISH = "<p>This page is written in English and only quotes a short Chinese name: 中文名.</p>"


def _page(lang: str | None, body: str) -> str:
    attribute = "" if lang is None else f' lang="{lang}"'
    return f"<!doctype html><html{attribute}><head><title>t</title></head><body><main>{body}</main></body></html>"


PAGES = {
    "zh-ok": _page("zh-CN", CHINESE),
    "hant-ok": _page("zh-Hant-TW", CHINESE),
    "en-ok": _page("en", ENGLISH),
    "missing": _page(None, CHINESE),
    "underscore": _page("zh_CN", CHINESE),
    "cn": _page("cn", CHINESE),
    "unknown-region": _page("zh-UK", CHINESE),
    "en-on-chinese": _page("en", CHINESE),
    "ja-ok": _page("ja", "<p>これは日本語の文章です。漢字も平仮名も片仮名もたくさんあります。日本語のページです。</p>"),
    "latin-sentence": _page("zh-CN", CHINESE + "<p>欢迎。Please read the terms of service before you continue.</p>"),
    "latin-split": _page("zh-CN", CHINESE + '<p>请阅读<a href="/p">the privacy</a> policy of this site 之后继续。</p>'),
    "latin-marked": _page("zh-CN", CHINESE + '<p lang="en">Please read the terms of service before you continue.</p>'),
    "latin-names": _page("zh-CN", CHINESE + "<p>我们使用 Microsoft Visual Studio Code 和 WCAG AA 标准。</p>"),
    "latin-code": _page("zh-CN", CHINESE + "<p>运行 <code>pip install the package for you</code> 即可。</p>"),
    "latin-long": _page("zh-CN", CHINESE + "<p>产品：Barrier Free Services Platform Enterprise Edition Pro。</p>"),
    "han-in-english": _page(
        "en", ENGLISH + "<p>The motto reads 让每一个人都能平等地使用网络，没有障碍 in Chinese.</p>"
    ),
    "han-name": _page("en", ENGLISH + "<p>Run by 杭州市残疾人联合会 since 2020.</p>"),
    "han-marked": _page("en", ENGLISH + '<p>It is called <span lang="zh-CN">中国残疾人联合会无障碍项目</span>.</p>'),
}


@pytest.fixture(scope="module")
def found() -> dict[str, list[Finding]]:
    """Findings of the page- and part-language checks per page."""

    async def go() -> dict[str, list[Finding]]:
        async with ChromiumEngine(guard=lambda _url: False) as engine, engine.context() as context:
            page = await context.new_page()
            results = {}
            for name, html in PAGES.items():
                await page.set_content(html)
                page_context = PageContext(page=page, url="http://t/")
                results[name] = [
                    f for c in (PageLanguageCheck(), PartLanguageCheck()) for f in await c.run(page_context)
                ]
            return results

    return asyncio.run(go())


def _summaries(findings: list[Finding]) -> list[str]:
    return [f.summary for f in findings]


@pytest.mark.parametrize(
    "name", ["zh-ok", "hant-ok", "en-ok", "ja-ok", "latin-marked", "latin-names", "latin-code", "han-marked"]
)
def test_correctly_marked_pages_pass(found: dict[str, list[Finding]], name: str) -> None:
    assert found[name] == []


@pytest.mark.parametrize(("name", "summary"), [("missing", MISSING), ("underscore", INVALID), ("cn", INVALID)])
def test_missing_or_invalid_page_language_fails(found: dict[str, list[Finding]], name: str, summary: str) -> None:
    assert _summaries(found[name]) == [summary]
    assert found[name][0].wcag == ("3.1.1",)
    assert found[name][0].selector == "html"


def test_an_unregistered_region_needs_review(found: dict[str, list[Finding]]) -> None:
    assert [(f.summary, f.outcome) for f in found["unknown-region"]] == [(UNKNOWN, Outcome.CANT_TELL)]


def test_a_chinese_page_declared_english_fails_once(found: dict[str, list[Finding]]) -> None:
    assert _summaries(found["en-on-chinese"]) == [MISMATCH]
    assert found["en-on-chinese"][0].details["lang"] == "en"


@pytest.mark.parametrize("name", ["latin-sentence", "latin-split"])
def test_english_sentences_in_chinese_text_need_a_lang(found: dict[str, list[Finding]], name: str) -> None:
    assert _summaries(found[name]) == [LATIN_IN_CHINESE]
    assert found[name][0].outcome is Outcome.FAILED
    assert found[name][0].wcag == ("3.1.2",)


def test_long_latin_runs_without_function_words_need_review(found: dict[str, list[Finding]]) -> None:
    assert [(f.summary, f.outcome) for f in found["latin-long"]] == [(LATIN_IN_CHINESE, Outcome.CANT_TELL)]


def test_chinese_passages_in_english_text_need_a_lang(found: dict[str, list[Finding]]) -> None:
    assert _summaries(found["han-in-english"]) == [CHINESE_IN_OTHER]
    assert found["han-in-english"][0].outcome is Outcome.FAILED
    assert found["han-in-english"][0].details["passage"] == "让每一个人都能平等地使用网络，没有障碍"


def test_a_long_chinese_name_in_english_text_needs_review_only(found: dict[str, list[Finding]]) -> None:
    assert [(f.summary, f.outcome) for f in found["han-name"]] == [(CHINESE_IN_OTHER, Outcome.CANT_TELL)]


def test_every_chinese_check_is_registered() -> None:
    assert {check.id for check in CHINESE_CHECKS} == {"zh:page-language", "zh:part-language", "zh:cjk-contrast"}
