"""ACT 24afc2, 9e45ec, 78fd32: !important spacing in style attributes, and akn7bn: frames out of the tab order."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from barrierfree.audit.checks.act.iframe_tabindex import IframeTabindexCheck
from barrierfree.audit.checks.act.text_spacing import TextSpacingCheck, too_narrow
from tests.unit.audit.test_act_harness import ActBrowser, act_browser_fixture, act_ids, needs_chromium, page

TEXT = "The toy brought back fond memories of being lost in the rain forest, many years ago."


@pytest.fixture(scope="module")
def browser() -> Iterator[ActBrowser]:
    yield from act_browser_fixture()


def test_too_narrow_compares_with_the_font_size() -> None:
    assert too_narrow(1.6, 16, 0.12)
    assert not too_narrow(3.0, 25, 0.12)  # exactly 0.12 x 25 px
    assert not too_narrow(2.0, 10, 0.12)
    assert too_narrow(None, 16, 1.5)  # line-height: normal


@needs_chromium
@pytest.mark.parametrize(
    ("style", "rule"),
    [
        ("letter-spacing: 0.1em !important", "24afc2"),
        ("letter-spacing: normal !important", "24afc2"),
        ("word-spacing: 2px !important; font-size: 20px", "9e45ec"),
        ("line-height: 1.2 !important; max-width: 200px", "78fd32"),
        ("line-height: initial !important; max-width: 200px", "78fd32"),
    ],
)
def test_tight_important_spacing_fails(browser: ActBrowser, style: str, rule: str) -> None:
    findings = browser.run(TextSpacingCheck(), page(f'<p style="{style}">{TEXT}</p>'))
    assert act_ids(findings) == {rule}
    assert findings[0].wcag == ("1.4.12",)


@needs_chromium
@pytest.mark.parametrize(
    "body",
    [
        f'<p style="letter-spacing: 0.15em !important">{TEXT}</p>',
        f'<p style="letter-spacing: 0.1em">{TEXT}</p>',  # not important: a user style sheet can override it
        f'<p style="letter-spacing: 0.1em !important; letter-spacing: 0.2em !important">{TEXT}</p>',
        f'<div style="letter-spacing: 0.1em !important"><p style="letter-spacing: 0.2em !important">{TEXT}</p></div>',
        f'<div style="font-size: 16px; word-spacing: 2px !important"><p style="font-size: 10px">{TEXT}</p></div>',
        f'<p style="letter-spacing: 0.1em"><span style="letter-spacing: inherit !important">{TEXT}</span></p>',
        f'<p style="display: none; word-spacing: 0 !important">{TEXT}</p>',
        f'<p style="position: absolute; top: -999em; word-spacing: 0 !important">{TEXT}</p>',
        '<div style="letter-spacing: 0 !important"></div>',
        '<p style="line-height: 1 !important; white-space: nowrap">One short line</p>',  # does not wrap
        f'<p style="line-height: 2em !important; max-width: 200px">{TEXT}</p>',
    ],
)
def test_wide_enough_or_inapplicable_spacing_passes(browser: ActBrowser, body: str) -> None:
    assert browser.run(TextSpacingCheck(), page(body)) == []


@needs_chromium
def test_frame_out_of_the_tab_order_with_a_link_inside_fails(browser: ActBrowser) -> None:
    failing = page('<iframe tabindex="-1" srcdoc="<a href=\'/\'>Home</a>"></iframe>')
    findings = browser.run(IframeTabindexCheck(), failing)
    assert act_ids(findings) == {"akn7bn"}
    assert "Home" in findings[0].details["focusable"][0]


@needs_chromium
@pytest.mark.parametrize(
    "body",
    [
        '<iframe tabindex="0" srcdoc="<a href=\'/\'>Home</a>"></iframe>',
        '<iframe tabindex="-1" srcdoc="<h1>Nothing to focus</h1>"></iframe>',
        '<iframe tabindex="-1" hidden srcdoc="<a href=\'/\'>Home</a>"></iframe>',
        '<iframe tabindex="-1" inert srcdoc="<a href=\'/\'>Home</a>"></iframe>',
        '<iframe tabindex="-1" width="1" height="1" srcdoc="<a href=\'/\'>Home</a>"></iframe>',
        "<iframe tabindex=\"-1\" srcdoc=\"<a href='/' tabindex='-1'>Home</a>\"></iframe>",
        '<iframe tabindex="-1" srcdoc="<a href=\'/\'>Home</a>"></iframe>'
        "<dialog id=d><button>Close</button></dialog><script>d.showModal()</script>",
    ],
)
def test_frames_in_the_tab_order_empty_or_inert_pass(browser: ActBrowser, body: str) -> None:
    assert browser.run(IframeTabindexCheck(), page(body)) == []
