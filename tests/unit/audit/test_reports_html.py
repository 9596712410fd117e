"""The HTML report is accessible: structure checked directly, then axe-core in Chromium finds no violation."""

from __future__ import annotations

import asyncio
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from barrierfree.audit import ChromiumEngine, Finding, Outcome
from barrierfree.audit.checks.axe import AxeCheck
from barrierfree.audit.checks.base import PageContext
from barrierfree.audit.checks.chinese import CHINESE_CHECKS
from barrierfree.audit.checks.miit import MIIT_CHECKS
from barrierfree.audit.reports import render
from tests.unit.audit.conftest import needs_chromium
from tests.unit.audit.test_reports_json import sample_report

LANGUAGES = ("zh-CN", "en")


class _Outline(HTMLParser):
    """Tags and attributes of a page, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def reports() -> dict[str, str]:
    """The sample report as HTML, per language."""
    return {language: render(sample_report(), "html", language).decode("utf-8") for language in LANGUAGES}


def _outline(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Outline()
    parser.feed(html)
    return parser.tags


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_report_has_language_landmarks_headings_and_no_script(reports: dict[str, str], language: str) -> None:
    tags = _outline(reports[language])
    names = [tag for tag, _attrs in tags]
    assert tags[0] == ("html", {"lang": language})
    assert names.count("h1") == 1 and names.count("main") == 1
    assert "header" in names and "footer" in names
    assert "script" not in names and "link" not in names
    assert names.count("h2") >= 3 + 3  # summary, readiness, pages, and one per audited page


@pytest.mark.parametrize("language", LANGUAGES)
def test_tables_have_captions_and_scoped_headers(reports: dict[str, str], language: str) -> None:
    html = reports[language]
    assert html.count("<table>") == html.count("<caption>") == 3
    tags = _outline(html)
    assert all(attrs.get("scope") in ("col", "row") for tag, attrs in tags if tag == "th")


def test_crops_are_images_with_alt_text_saying_what_they_show(reports: dict[str, str]) -> None:
    images = [attrs for tag, attrs in _outline(reports["en"]) if tag == "img"]
    assert len(images) == 1
    assert (images[0]["src"] or "").startswith("data:image/png;base64,")
    assert images[0]["alt"] == ("Screenshot of the part of the page with finding 1: Images must have alternative text")


def test_page_text_is_escaped_and_marked_with_its_language(reports: dict[str, str]) -> None:
    assert "首页 &lt;示例&gt; &amp; “引号”" in reports["en"]
    assert '<span lang="zh-CN">首页 &lt;示例&gt;' in reports["en"]
    assert '<span lang="en">Clean</span>' in reports["zh-CN"]


def test_untranslated_english_in_the_chinese_report_is_marked_english(reports: dict[str, str]) -> None:
    assert '<span lang="en">Images must have alternative text</span>' in reports["zh-CN"]
    assert re.search(r"<h1>[^<]*[\u4e00-\u9fff]", reports["zh-CN"])


@needs_chromium
def test_axe_and_our_own_checks_find_nothing_wrong_with_the_report(reports: dict[str, str], tmp_path: Path) -> None:
    async def go() -> dict[str, list[Finding]]:
        found = {}
        async with ChromiumEngine() as engine, engine.context() as context:
            page = await context.new_page()
            for language, html in reports.items():
                path = tmp_path / f"report-{language}.html"
                path.write_text(html, encoding="utf-8")
                await page.goto(path.as_uri())
                page_context = PageContext(page=page, url=path.as_uri())
                checks = [AxeCheck(all_rules=True), *MIIT_CHECKS, *CHINESE_CHECKS]
                found[language] = [f for check in checks for f in await check.run(page_context)]
        return found

    found = asyncio.run(go())
    for language, findings in found.items():
        failed = [(f.rule, f.summary, f.selector) for f in findings if f.outcome is Outcome.FAILED]
        assert failed == [], language
