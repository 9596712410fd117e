"""The CJK large-text threshold (24 px, or 18.66 px bold) and the contrast check for Chinese text."""

from __future__ import annotations

import asyncio

import pytest

from barrierfree.audit import ChromiumEngine, Finding
from barrierfree.audit.checks.base import PageContext
from barrierfree.audit.checks.chinese.large_text import (
    CjkContrastCheck,
    cjk_required_ratio,
    is_chinese_text,
    is_cjk_large_text,
)
from tests.unit.audit.conftest import needs_chromium


@pytest.mark.parametrize(
    ("size", "weight", "large"),
    [(24, 400, True), (23.5, 400, False), (18.67, 700, True), (18.67, 600, False), (18, 700, False), (32, 100, True)],
)
def test_chinese_text_is_large_at_18pt_or_14pt_bold(size: float, weight: int, large: bool) -> None:
    assert is_cjk_large_text(size, weight) is large
    assert cjk_required_ratio(size, weight) == (3.0 if large else 4.5)


@pytest.mark.parametrize(
    ("text", "chinese"),
    [
        ("无障碍", True),
        ("WCAG 无障碍标准", True),
        ("WCAG 标准", False),
        ("Accessibility 无", False),
        ("かな漢字", False),
    ],
)
def test_chinese_text_is_mostly_han(text: str, chinese: bool) -> None:
    assert is_chinese_text(text) is chinese


PAGE = """<!doctype html><html lang="zh-CN"><head><title>t</title></head><body style="background:#fff"><main>
<p id="small-grey" style="color:#999">浅灰色的小字</p>
<p id="bold-grey" style="color:#999;font-size:19px;font-weight:700">粗体中文文字</p>
<p id="bold-dark" style="color:#888;font-size:19px;font-weight:700">深一点的粗体</p>
<p id="large-dark" style="color:#888;font-size:24px">大号中文文字</p>
<p id="english" style="color:#999">Light grey English text</p>
<p id="dark" style="color:#333">深色文字</p>
</main></body></html>"""


@needs_chromium
def test_chinese_text_below_its_minimum_fails_with_the_cjk_threshold() -> None:
    async def go() -> list[Finding]:
        async with ChromiumEngine(guard=lambda _url: False) as engine, engine.context() as context:
            page = await context.new_page()
            await page.set_content(PAGE)
            return await CjkContrastCheck().run(PageContext(page=page, url="http://t/"))

    findings = asyncio.run(go())
    by_id = {f.selector.rsplit("#", 1)[-1]: f for f in findings}
    assert set(by_id) == {"small-grey", "bold-grey"}
    assert by_id["small-grey"].details["required"] == 4.5
    assert by_id["bold-grey"].details["required"] == 3.0 and by_id["bold-grey"].details["large"] is True
    assert by_id["bold-grey"].wcag == ("1.4.3",)
