"""MIIT: a visible entry to the elder version: a failure on a home page, "needs review" on other pages."""

from __future__ import annotations

import asyncio

import pytest

from barrierfree.audit import ChromiumEngine, Finding, Outcome
from barrierfree.audit.checks.base import PageContext
from barrierfree.audit.checks.miit.elder_entry import MISSING, ElderEntryCheck, is_home_page
from tests.unit.audit.conftest import needs_chromium

HOME = "https://example.test/"
INNER = "https://example.test/news/1.html"


def _page(body: str) -> str:
    return f'<!doctype html><html lang="zh-CN"><head><title>t</title></head><body>{body}<main><h1>首页</h1></main></body></html>'


JOBS = {
    "zh-link": (_page('<a href="/care">长辈模式</a>'), HOME, False),
    "care-button": (_page("<button>切换关怀版</button>"), HOME, False),
    "en-button": (_page('<button aria-pressed="false">Elder mode</button>'), HOME, False),
    "image-link": (_page('<a href="/old"><img alt="适老化版本" src="data:," width="60" height="60"></a>'), HOME, False),
    "hidden": (_page('<a href="/care" style="display:none">长辈模式</a>'), HOME, False),
    "none-home": (_page('<a href="/about">关于我们</a>'), HOME, False),
    "none-inner": (_page('<a href="/about">关于我们</a>'), INNER, False),
    "exit-in-elder": (_page('<a href="/std">返回标准版</a>'), HOME, True),
    "exit-in-normal": (_page('<a href="/std">返回标准版</a>'), HOME, False),
}


@pytest.fixture(scope="module")
def found() -> dict[str, list[Finding]]:
    """Findings per page."""

    async def go() -> dict[str, list[Finding]]:
        async with ChromiumEngine(guard=lambda _url: False) as engine, engine.context() as context:
            page = await context.new_page()
            results = {}
            for name, (html, url, elder) in JOBS.items():
                await page.set_content(html)
                results[name] = await ElderEntryCheck().run(PageContext(page=page, url=url, elder_mode=elder))
            return results

    return asyncio.run(go())


@needs_chromium
@pytest.mark.parametrize("name", ["zh-link", "care-button", "en-button", "image-link", "exit-in-elder"])
def test_a_visible_entry_passes(found: dict[str, list[Finding]], name: str) -> None:
    assert found[name] == []


@needs_chromium
@pytest.mark.parametrize("name", ["hidden", "none-home", "exit-in-normal"])
def test_no_visible_entry_on_a_home_page_fails(found: dict[str, list[Finding]], name: str) -> None:
    assert [(f.summary, f.outcome) for f in found[name]] == [(MISSING, Outcome.FAILED)]


@needs_chromium
def test_no_entry_on_an_inner_page_needs_review(found: dict[str, list[Finding]]) -> None:
    assert [f.outcome for f in found["none-inner"]] == [Outcome.CANT_TELL]


@pytest.mark.parametrize(
    ("url", "home"),
    [
        ("https://example.test", True),
        ("https://example.test/", True),
        ("http://example.test/index.html", True),
        ("http://example.test/default.aspx?x=1", True),
        ("http://example.test/news/", False),
        ("file:///tmp/index.html", False),
    ],
)
def test_home_pages_are_the_root_or_an_index(url: str, home: bool) -> None:
    assert is_home_page(url) is home
