"""MIIT text rules in a real Chromium: text size, enlargement to 30 px, line height and contrast in elder mode."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from barrierfree.audit import ChromiumEngine, Finding
from barrierfree.audit.checks.base import PageContext
from barrierfree.audit.checks.miit import MIIT_CHECKS
from barrierfree.audit.checks.miit.contrast import ContrastCheck
from barrierfree.audit.checks.miit.line_height import LineHeightCheck
from barrierfree.audit.checks.miit.text_enlarge import CLIPPED, NOT_GROWING, OVERLAPPING, TextEnlargeCheck
from barrierfree.audit.checks.miit.text_size import TextSizeCheck
from tests.unit.audit.conftest import needs_chromium

pytestmark = needs_chromium
HOME = "http://example.test/"
BASE = "html{font-size:18px} body{margin:0;font-size:1rem;line-height:1.6;color:#1b1b1b;background:#fff}"
TEXT_CHECKS = [TextSizeCheck(), TextEnlargeCheck(), LineHeightCheck(), ContrastCheck()]


def _page(body: str, style: str = "") -> str:
    return f'<!doctype html><html lang="zh-CN"><head><title>t</title><style>{BASE}{style}</style></head><body>{body}</body></html>'


GOOD = _page(
    '<header><a href="/elder" class="entry">长辈模式</a></header><main><h1>标题</h1>'
    "<p>这是一段足够大的正文，行高也足够。</p>"
    '<p>文中的<a href="/x">链接</a>可以豁免尺寸要求。</p></main>',
    "a.entry{display:inline-block;min-height:60px;min-width:60px;padding:.5rem}",
)
PAGES = {
    "good": GOOD,
    "small": _page('<p style="font-size:14px">小字说明</p>'),
    "punctuation": _page('<p><span style="font-size:10px">|</span> 正文</p>'),
    "tight": _page('<p style="line-height:1.1">行距太紧的一段正文。</p>'),
    "label": _page('<div><span style="line-height:1">单行标签</span></div>'),
    "low": _page('<p style="color:#999">浅灰色的文字</p>'),
    "large-ok": _page('<p style="color:#888;font-size:1.3334rem">大号文字三比一就够</p>'),
    "translucent": _page('<p style="color:rgba(0,0,0,.3)">半透明文字</p>'),
    "image-bg": _page(
        '<div style="background-image:linear-gradient(#fff,#fff)"><p style="color:#999">图片背景</p></div>'
    ),
    "overlap": _page(
        '<div style="position:relative"><div style="position:absolute;inset:0;background:#000"></div>'
        '<p style="color:#999;position:relative">盖在色块上的文字</p></div>'
    ),
    "hidden": _page(
        '<p><span style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);'
        'font-size:10px;color:#ccc">屏幕阅读器专用</span>正文</p>'
    ),
    "px": _page('<p style="font-size:20px">固定像素的文字</p>'),
    "clipped": _page(
        '<div style="height:30px;width:40rem;overflow:hidden"><p style="margin:0;line-height:1.5">一行文字</p></div>'
    ),
    "overlapping": _page(
        '<div style="position:relative;height:100px">'
        '<span style="position:absolute;left:0;top:0">长长的第一段文字</span>'
        '<span style="position:absolute;left:200px;top:0">第二段</span></div>'
    ),
}


Job = tuple[str, bool, list[Any]]
"""HTML, elder mode, checks."""


def _run(jobs: dict[str, Job]) -> dict[str, list[Finding]]:
    """Load each page in one Chromium page (outside requests blocked) and run its checks on it."""

    async def go() -> dict[str, list[Finding]]:
        async with ChromiumEngine(guard=lambda _url: False) as engine, engine.context() as context:
            page = await context.new_page()
            found = {}
            for name, (html, elder, checks) in jobs.items():
                await page.set_content(html)
                before = await page.evaluate("() => document.documentElement.outerHTML")
                page_context = PageContext(page=page, url=HOME, elder_mode=elder)
                found[name] = [f for check in checks for f in await check.run(page_context)]
                after = await page.evaluate("() => document.documentElement.outerHTML")
                assert before == after, f"{name}: a check left the page changed"
            return found

    return asyncio.run(go())


@pytest.fixture(scope="module")
def elder() -> dict[str, list[Finding]]:
    """Findings of the text checks on every page in elder mode; ``good/all`` and ``*/normal`` as named."""
    jobs: dict[str, Job] = {name: (html, True, TEXT_CHECKS) for name, html in PAGES.items()}
    jobs["good/all"] = (GOOD, True, MIIT_CHECKS)
    jobs |= {f"{name}/normal": (PAGES[name], False, TEXT_CHECKS) for name in ("small", "tight", "low")}
    return _run(jobs)


def _rules(findings: list[Finding]) -> list[str]:
    return sorted(f.rule for f in findings)


def test_a_good_elder_page_passes_every_miit_rule(elder: dict[str, list[Finding]]) -> None:
    assert elder["good/all"] == []


def test_text_rules_do_not_run_outside_elder_mode(elder: dict[str, list[Finding]]) -> None:
    assert elder["small/normal"] == elder["tight/normal"] == elder["low/normal"] == []


def test_text_smaller_than_18px_is_reported_with_its_size(elder: dict[str, list[Finding]]) -> None:
    small = [f for f in elder["small"] if f.rule == "miit:text-size"]
    assert len(small) == 1
    assert small[0].details == {"size": 14.0, "minimum": 18.0}
    assert small[0].selector.endswith("p") and "小字说明" in small[0].snippet
    assert small[0].box is not None and small[0].box.height > 0


def test_punctuation_and_visually_hidden_text_are_not_judged(elder: dict[str, list[Finding]]) -> None:
    assert elder["punctuation"] == []
    assert elder["hidden"] == []


def test_tight_running_text_fails_line_height_but_a_one_line_label_does_not(elder: dict[str, list[Finding]]) -> None:
    tight = [f for f in elder["tight"] if f.rule == "miit:line-height"]
    assert [f.details["ratio"] for f in tight] == [1.1]
    assert elder["label"] == []


def test_low_contrast_text_fails_and_large_text_needs_only_3_to_1(elder: dict[str, list[Finding]]) -> None:
    low = [f for f in elder["low"] if f.rule == "miit:contrast"]
    assert len(low) == 1
    assert low[0].wcag == ("1.4.3",)
    assert low[0].details["ratio"] == 2.84 and low[0].details["required"] == 4.5
    assert elder["large-ok"] == []
    assert _rules(elder["translucent"]) == ["miit:contrast"]


def test_contrast_is_not_judged_over_images_or_overlapping_layers(elder: dict[str, list[Finding]]) -> None:
    assert elder["image-bg"] == []
    assert elder["overlap"] == []


def test_text_in_px_does_not_grow_with_the_root_size(elder: dict[str, list[Finding]]) -> None:
    px = [f for f in elder["px"] if f.rule == "miit:text-enlarge"]
    assert [f.summary for f in px] == [NOT_GROWING]
    assert px[0].details["size"] == 20 and px[0].details["after"] == 20
    assert px[0].wcag == ()


def test_text_cut_off_by_a_fixed_height_box_is_reported(elder: dict[str, list[Finding]]) -> None:
    clipped = [f for f in elder["clipped"] if f.rule == "miit:text-enlarge"]
    assert [f.summary for f in clipped] == [CLIPPED]
    assert clipped[0].wcag == ("1.4.4",)
    assert clipped[0].snippet.startswith("<div")


def test_text_running_into_other_text_is_reported(elder: dict[str, list[Finding]]) -> None:
    overlapping = [f for f in elder["overlapping"] if f.rule == "miit:text-enlarge"]
    assert [f.summary for f in overlapping] == [OVERLAPPING]
    assert "span" in overlapping[0].details["other"]
