"""MIIT: no pop-ups and no adverts in elder mode, checked in a real Chromium."""

from __future__ import annotations

import asyncio

import pytest

from barrierfree.audit import ChromiumEngine, Finding
from barrierfree.audit.checks.base import PageContext
from barrierfree.audit.checks.miit.popups import ADVERT, DIALOG, NEW_WINDOW, OVERLAY, PopupCheck
from tests.unit.audit.conftest import needs_chromium

pytestmark = needs_chromium
CONTENT = "<main><h1>标题</h1>" + "<p>正文内容，长辈模式下不应被遮挡。</p>" * 20 + "</main>"
Results = tuple[dict[str, list[Finding]], list[Finding], int]
"""Findings per page in elder mode, findings in normal mode, pages left open in the context."""


def _page(extra: str, style: str = "") -> str:
    return f'<!doctype html><html lang="zh-CN"><head><title>t</title><style>{style}</style></head><body>{CONTENT}{extra}</body></html>'


PAGES = {
    "clean": _page(
        '<header class="site-header shadow" style="position:fixed;top:0;left:0;right:0;height:60px;background:#fff">'
        '<span class="loading read-more">首页</span></header><address id="address">地址</address>'
    ),
    "dialog": _page("<dialog open><p>欢迎！</p><button>关闭</button></dialog>"),
    "closed-dialog": _page('<dialog><p>稍后</p></dialog><div role="dialog" hidden>隐藏</div>'),
    "overlay": _page(
        '<div class="mask" style="position:fixed;inset:0;background:rgba(0,0,0,.6)">'
        '<div style="background:#fff;margin:20vh auto;width:300px">下载我们的应用</div></div>'
    ),
    "wrapper": (
        '<!doctype html><html lang="zh-CN"><head><title>t</title></head><body>'
        f'<div id="app" style="position:absolute;inset:0">{CONTENT}</div></body></html>'
    ),
    "ad-class": _page('<div class="ad-banner" style="width:300px;height:100px;background:#eee">推荐</div>'),
    "ad-camel": _page('<div id="sidebarAd" style="width:300px;height:250px">推荐</div>'),
    "ad-frame": _page('<iframe src="https://googleads.g.doubleclick.net/pagead/x" width="300" height="250"></iframe>'),
    "ad-label": _page('<div><span>广告</span><a href="/buy">特价商品</a></div>'),
    "hidden-ad": _page('<div class="ads" style="display:none">推荐</div>'),
    "window": _page("<script>window.open('about:blank', '_blank')</script>"),
}


def _run() -> Results:
    async def go() -> Results:
        async with ChromiumEngine(guard=lambda _url: False) as engine, engine.context() as context:
            page = await context.new_page()
            found = {}
            for name, html in PAGES.items():
                await page.set_content(html)
                found[name] = await PopupCheck().run(PageContext(page=page, url="http://t/", elder_mode=True))
            await page.set_content(PAGES["dialog"])
            normal = await PopupCheck().run(PageContext(page=page, url="http://t/", elder_mode=False))
            return found, normal, len(context.pages)

    return asyncio.run(go())


@pytest.fixture(scope="module")
def results() -> Results:
    """Findings per page in elder mode, findings in normal mode, and the pages left open in the context."""
    return _run()


def _summaries(findings: list[Finding]) -> list[str]:
    return [f.summary for f in findings]


def test_a_page_without_popups_or_adverts_passes(results: Results) -> None:
    found, _normal, _open = results
    assert found["clean"] == []
    assert found["closed-dialog"] == []
    assert found["wrapper"] == []
    assert found["hidden-ad"] == []


def test_open_dialogs_and_covering_layers_are_popups(results: Results) -> None:
    found, _normal, _open = results
    assert _summaries(found["dialog"]) == [DIALOG]
    assert _summaries(found["overlay"]) == [OVERLAY]
    assert found["overlay"][0].details["share"] == 100


def test_adverts_are_found_by_name_frame_and_label(results: Results) -> None:
    found, _normal, _open = results
    for name in ("ad-class", "ad-camel", "ad-frame", "ad-label"):
        assert _summaries(found[name]) == [ADVERT], name


def test_a_window_opened_on_load_is_reported_and_closed(results: Results) -> None:
    found, _normal, still_open = results
    window = [f for f in found["window"] if f.summary == NEW_WINDOW]
    assert len(window) == 1
    assert window[0].wcag == ("3.2.1", "3.2.5")
    assert still_open == 1


def test_popups_are_only_judged_in_elder_mode(results: Results) -> None:
    _found, normal, _open = results
    assert normal == []
