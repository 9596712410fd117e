"""MIIT touch targets in a real Chromium: 60 x 60 px in elder mode, 44 x 44 px otherwise, sentences exempt."""

from __future__ import annotations

import asyncio

import pytest

from barrierfree.audit import ChromiumEngine, Finding
from barrierfree.audit.checks.base import PageContext
from barrierfree.audit.checks.miit.target_size import TargetSizeCheck
from tests.unit.audit.conftest import needs_chromium

pytestmark = needs_chromium

PAGE = """<!doctype html><html lang="zh-CN"><head><title>t</title><style>
body { margin: 0; font-size: 18px; }
button { padding: 0; border: 0; }
.skip { position: absolute; top: -10rem; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.nav a { display: inline-block; height: 30px; }
</style></head><body>
<a class="skip" href="#main">跳到主要内容</a>
<a class="sr-only" href="/hidden">隐藏链接</a>
<main id="main">
  <button id="tiny" style="width:30px;height:30px">+</button>
  <button id="medium" style="width:50px;height:50px">-</button>
  <button id="large" style="width:64px;height:64px">OK</button>
  <button id="disabled" disabled style="width:20px;height:20px">x</button>
  <div role="button" tabindex="0" id="fake" style="width:20px;height:20px">y</div>
  <p>请先阅读<a id="inline" href="/terms">服务条款</a>，然后继续。</p>
  <p class="nav"><a id="home" href="/">首页</a> | <a id="about" href="/about">关于</a></p>
  <p><input type="checkbox" id="agree" style="width:20px;height:20px">
     <label for="agree" style="display:inline-block;min-width:120px;min-height:64px">我同意</label></p>
  <p><input type="checkbox" id="lonely" style="width:20px;height:20px"></p>
  <a href="/outer" style="display:inline-block;width:80px;height:80px"><span role="button">内层</span></a>
</main></body></html>"""


def _run() -> dict[bool, list[Finding]]:
    async def go() -> dict[bool, list[Finding]]:
        async with ChromiumEngine(guard=lambda _url: False) as engine, engine.context() as context:
            page = await context.new_page()
            await page.set_content(PAGE)
            found = {}
            for elder in (True, False):
                found[elder] = await TargetSizeCheck().run(PageContext(page=page, url="http://t/", elder_mode=elder))
            return found

    return asyncio.run(go())


@pytest.fixture(scope="module")
def found() -> dict[bool, list[Finding]]:
    """Findings in elder mode (True) and in normal mode (False)."""
    return _run()


def _ids(findings: list[Finding]) -> set[str]:
    return {f.selector.rsplit("#", 1)[-1] if "#" in f.selector else f.snippet for f in findings}


def test_elder_mode_needs_60px_targets(found: dict[bool, list[Finding]]) -> None:
    ids = _ids(found[True])
    assert {"tiny", "medium", "fake", "home", "about", "lonely"} <= ids
    assert not {"large", "disabled", "inline", "agree"} & ids


def test_normal_mode_needs_44px_targets(found: dict[bool, list[Finding]]) -> None:
    ids = _ids(found[False])
    assert {"tiny", "fake", "home", "about", "lonely"} <= ids
    assert "medium" not in ids


def test_hidden_skip_links_and_nested_targets_are_not_judged(found: dict[bool, list[Finding]]) -> None:
    snippets = " ".join(f.snippet for f in found[True])
    assert "跳到主要内容" not in snippets and "隐藏链接" not in snippets and "内层" not in snippets


def test_findings_carry_sizes_and_map_to_wcag_2_5_5_only_below_44px(found: dict[bool, list[Finding]]) -> None:
    by_id = {f.selector.rsplit("#", 1)[-1]: f for f in found[True] if "#" in f.selector}
    assert by_id["tiny"].details == {"width": 30, "height": 30, "minimum": 60}
    assert by_id["tiny"].wcag == ("2.5.5",)
    assert by_id["medium"].wcag == ()
    assert by_id["tiny"].box is not None and by_id["tiny"].box.width == 30
