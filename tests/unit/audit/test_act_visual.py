"""ACT checks measured on the rendered page: contrast over images and gradients (afw4f7, 09o5cg) and text cut off
at 200 % zoom (59br37)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from barrierfree.audit.checks.act.image_contrast import ImageContrastCheck, contrast, highest_contrast
from barrierfree.audit.checks.act.zoom_clip import ZoomClipCheck
from barrierfree.audit.findings import Outcome
from tests.unit.audit.test_act_harness import ActBrowser, act_browser_fixture, act_ids, needs_chromium, page

POEM = "Once upon a midnight dreary, while I pondered, weak and weary, over many a quaint and curious volume."


@pytest.fixture(scope="module")
def browser() -> Iterator[ActBrowser]:
    yield from act_browser_fixture()


def test_contrast_ratio_matches_wcag() -> None:
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast((119, 119, 119), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)


def test_highest_contrast_blends_translucent_text_over_each_background() -> None:
    assert highest_contrast([0, 0, 0, 1], {(255, 255, 255), (0, 0, 0)}) == pytest.approx(21)
    assert highest_contrast([0, 0, 0, 0.5], {(255, 255, 255)}) < 4.5
    assert highest_contrast([170, 170, 170, 1], {(255, 255, 255), (0, 0, 255)}) < 4.5


@needs_chromium
def test_low_contrast_over_a_gradient_fails(browser: ActBrowser) -> None:
    body = '<p style="color:#aaa;background:linear-gradient(to right,#fff,#00f);width:300px">Some text in English</p>'
    findings = browser.run(ImageContrastCheck(), page(body))
    assert act_ids(findings) == {"afw4f7", "09o5cg"}
    assert next(f for f in findings if f.rule == "act:afw4f7").wcag == ("1.4.3",)


@needs_chromium
def test_good_contrast_somewhere_behind_the_text_passes(browser: ActBrowser) -> None:
    body = '<p style="color:#333;background:linear-gradient(to right,#fff,#00f);width:300px">Some text in English</p>'
    assert browser.run(ImageContrastCheck(), page(body)) == []
    enhanced_only = '<p style="color:#666;background:linear-gradient(to right,#fff,#0ff);width:300px">Some text</p>'
    assert act_ids(browser.run(ImageContrastCheck(), page(enhanced_only))) == {"09o5cg"}
    plain = '<p style="color:#aaa;background:#fff">Plain background is left to axe</p>'
    assert browser.run(ImageContrastCheck(), page(plain)) == []


@needs_chromium
def test_text_cut_off_at_200_percent_fails(browser: ActBrowser) -> None:
    body = f'<div style="overflow:hidden;height:1.5em;font-size:16px">{POEM} {POEM} {POEM}</div>'
    findings = browser.run(ZoomClipCheck(), page(body))
    assert act_ids(findings) == {"59br37"}
    narrow = f'<div style="overflow-x:hidden;white-space:nowrap;width:50px;font-size:16px">{POEM}</div>'
    assert act_ids(browser.run(ZoomClipCheck(), page(narrow))) == {"59br37"}


@needs_chromium
def test_scrollable_fitting_or_hidden_text_is_not_cut_off(browser: ActBrowser) -> None:
    scrollable = f'<div style="overflow:auto;height:1.5em">{POEM} {POEM}</div>'
    assert browser.run(ZoomClipCheck(), page(scrollable)) == []
    fitting = '<div style="overflow:hidden;white-space:nowrap">Short line</div>'
    assert browser.run(ZoomClipCheck(), page(fitting)) == []
    visually_hidden = (
        '<a href="#">Next<span style="position:absolute;width:1px;height:1px;overflow:hidden">: chapter two</span></a>'
    )
    assert browser.run(ZoomClipCheck(), page(visually_hidden)) == []


@needs_chromium
def test_a_link_after_clipped_text_makes_it_a_question_and_the_viewport_is_restored(browser: ActBrowser) -> None:
    body = f'<div style="overflow:hidden;height:1.5em">{POEM} {POEM} {POEM}</div><a href="/poem">Full text</a>'
    findings = browser.run(ZoomClipCheck(), page(body))
    assert [f.outcome for f in findings] == [Outcome.CANT_TELL]

    async def viewport_after_check(context: object) -> object:
        await ZoomClipCheck().run(context)  # type: ignore[arg-type]
        return context.page.viewport_size  # type: ignore[attr-defined]

    assert browser.evaluate(page(body), viewport_after_check) == {"width": 1280, "height": 800}
