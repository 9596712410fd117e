"""Elder mode meets the MIIT elderly-friendly rules that a browser can measure."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser._pages import log_in, set_display

MIN_ELDER_TEXT_PX = 18
MAX_ELDER_TEXT_PX = 30
MIN_LINE_HEIGHT_RATIO = 1.3
MIN_TARGET_PX = 60

SMALL_TARGETS = (
    "() => [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea')]"
    "  .filter(el => el.offsetParent !== null && !el.classList.contains('skip-link'))"
    "  .map(el => ({html: el.outerHTML.slice(0, 100), box: el.getBoundingClientRect()}))"
    f"  .filter(item => item.box.width < {MIN_TARGET_PX} || item.box.height < {MIN_TARGET_PX})"
    "  .map(item => `${item.html} (${Math.round(item.box.width)}x${Math.round(item.box.height)})`)"
)

TEXT_METRICS = """() => [...document.querySelectorAll('main p, main li, main td, main label, main dd')]
  .filter(el => el.offsetParent !== null && el.textContent.trim())
  .map(el => { const s = getComputedStyle(el); return {size: parseFloat(s.fontSize), line: parseFloat(s.lineHeight)}; })"""

PAGES = ["/", "/login", "/signup", "/privacy-policy", "/accessibility"]
PERSON_PAGES = ["/dashboard", "/account", "/account/privacy", "/account/tokens", "/orgs"]


def _assert_elder_rules(page: Any, url: str) -> None:
    page.goto(url)
    metrics = page.evaluate(TEXT_METRICS)
    assert metrics, f"{url}: no text measured"
    for item in metrics:
        assert item["size"] >= MIN_ELDER_TEXT_PX, f"{url}: text of {item['size']} px"
        assert item["line"] / item["size"] >= MIN_LINE_HEIGHT_RATIO, f"{url}: line height {item}"
    small = page.evaluate(SMALL_TARGETS)
    assert not small, f"{url}: targets smaller than {MIN_TARGET_PX}x{MIN_TARGET_PX}: {small}"


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_elder_mode_text_and_targets_are_large_enough(context: Any, live_site: Any, language: str) -> None:
    page = context.new_page()
    set_display(page, live_site.base_url, language=language, elder=True)
    for path in PAGES:
        _assert_elder_rules(page, live_site.base_url + path)
    log_in(page, live_site.base_url, "li.ming", live_site.password)
    for path in PERSON_PAGES:
        _assert_elder_rules(page, live_site.base_url + path)


def test_elder_text_can_be_enlarged_to_30_px_and_is_remembered(context: Any, live_site: Any) -> None:
    page = context.new_page()
    set_display(page, live_site.base_url, language="zh-CN", elder=True)
    with page.expect_navigation():
        page.click(f"button[name=size][value='{MAX_ELDER_TEXT_PX}']")
    page.goto(f"{live_site.base_url}/privacy-policy")
    sizes = {item["size"] for item in page.evaluate(TEXT_METRICS)}
    assert min(sizes) >= MAX_ELDER_TEXT_PX
    assert page.get_attribute(f"button[name=size][value='{MAX_ELDER_TEXT_PX}']", "aria-pressed") == "true"


def test_normal_mode_has_no_elder_class_and_44px_targets(context: Any, live_site: Any) -> None:
    page = context.new_page()
    page.goto(f"{live_site.base_url}/login")
    assert page.locator("html.elder").count() == 0
    heights = page.evaluate(
        "() => [...document.querySelectorAll('main button, main input:not([type=hidden])')].map(e => e.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 44
