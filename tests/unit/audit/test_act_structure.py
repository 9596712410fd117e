"""ACT checks about page structure: bypass blocks, frames, same-named links, meta viewport and hidden images."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from barrierfree.audit.checks.act.bypass import BypassBlocksCheck
from barrierfree.audit.checks.act.decorative_image import DecorativeImageCheck
from barrierfree.audit.checks.act.iframe_names import IframeNamesCheck, shared_words
from barrierfree.audit.checks.act.link_purpose import LinkPurposeCheck
from barrierfree.audit.checks.act.meta_viewport import MetaViewportCheck, viewport_properties, zoom_problems
from tests.unit.audit.test_act_harness import (
    ActBrowser,
    act_browser_fixture,
    act_ids,
    needs_chromium,
    page,
    solid_png,
)

NAV = '<nav><ul><li><a href="/one">Chapter one</a></li><li><a href="/two">Chapter two</a></li></ul></nav>'
TEXT = "<p>Unity succeeds division and division follows unity, one replaces the other after a long time.</p>"
RED_PNG = solid_png(16, 16, (200, 30, 30))


@pytest.fixture(scope="module")
def browser() -> Iterator[ActBrowser]:
    yield from act_browser_fixture()


# --- bypass blocks ------------------------------------------------------------------------------------------


@needs_chromium
def test_page_without_any_way_past_the_navigation_fails_all_five(browser: ActBrowser) -> None:
    findings = browser.run(BypassBlocksCheck(), page(NAV + '<div id="main">' + TEXT + "</div>"))
    assert act_ids(findings) == {"047fe0", "b40fd1", "ye5d6e", "3e12e1", "cf77f2"}
    assert next(f for f in findings if f.rule == "act:cf77f2").wcag == ("2.4.1",)


@needs_chromium
def test_each_technique_is_recognised(browser: ActBrowser) -> None:
    with_heading = page(NAV + '<div id="main"><h1>Peach garden</h1>' + TEXT + "</div>")
    assert act_ids(browser.run(BypassBlocksCheck(), with_heading)) == {"b40fd1", "ye5d6e", "3e12e1"}
    with_main = page(NAV + "<main>" + TEXT + "</main>")
    assert act_ids(browser.run(BypassBlocksCheck(), with_main)) == {"047fe0", "ye5d6e", "3e12e1"}
    with_skip = page('<a href="#main">Skip to content</a>' + NAV + '<div id="main">' + TEXT + "</div>")
    assert act_ids(browser.run(BypassBlocksCheck(), with_skip)) == {"047fe0", "b40fd1", "3e12e1"}


@needs_chromium
def test_broken_skip_links_and_hidden_headings_do_not_count(browser: ActBrowser) -> None:
    broken = page('<a href="#nowhere">Skip</a>' + NAV + '<div id="main">' + TEXT + "</div>")
    assert "ye5d6e" in act_ids(browser.run(BypassBlocksCheck(), broken))
    into_repeated = page(
        '<a href="#note">Skip</a><aside><p id="note">The novel is from the 14th century, they say.</p></aside>'
        '<div id="main">' + TEXT + "</div>"
    )
    assert "ye5d6e" in act_ids(browser.run(BypassBlocksCheck(), into_repeated))
    hidden_heading = page(NAV + '<div id="main"><h1 aria-hidden="true">Peach garden</h1>' + TEXT + "</div>")
    assert "047fe0" in act_ids(browser.run(BypassBlocksCheck(), hidden_heading))


@needs_chromium
def test_content_before_any_repeated_block_is_not_judged(browser: ActBrowser) -> None:
    assert browser.run(BypassBlocksCheck(), page(TEXT + NAV)) == []
    assert browser.run(BypassBlocksCheck(), page(TEXT)) == []


# --- 4b1c6c: frames with the same name ----------------------------------------------------------------------


def test_shared_words_is_a_jaccard_index() -> None:
    assert shared_words("Page one home contact", "page ONE home") == pytest.approx(3 / 4)
    assert shared_words("Lorem ipsum", "Root page one") == 0
    assert shared_words("", "") == 1.0


@needs_chromium
def test_same_named_frames_with_unrelated_content_fail(browser: ActBrowser) -> None:
    browser.serve("/contributors.html", page("<p>Root and page one: home, contact, contributors list</p>"))
    browser.serve("/copy.html", page("<p>Root page one: home, contact, contributors</p>"))
    browser.serve("/other.html", page("<article>Lorem ipsum dolor sit amet</article>"))
    frames = '<iframe title="Contributors" src="/contributors.html"></iframe><iframe title="Contributors" src="{}">'
    assert act_ids(browser.run(IframeNamesCheck(), page(frames.format("/other.html") + "</iframe>"))) == {"4b1c6c"}
    assert browser.run(IframeNamesCheck(), page(frames.format("/copy.html") + "</iframe>")) == []
    different_names = page(
        '<iframe title="Contributors" src="/contributors.html"></iframe><iframe title="Other" src="/other.html">'
        "</iframe>"
    )
    assert browser.run(IframeNamesCheck(), different_names) == []


# --- b4f0c3: meta viewport ----------------------------------------------------------------------------------


def test_viewport_content_is_parsed_leniently() -> None:
    assert viewport_properties("width=device-width; User-Scalable = NO") == {
        "width": "device-width",
        "user-scalable": "no",
    }


@pytest.mark.parametrize(
    ("content", "blocks"),
    [
        ("user-scalable=no", True),
        ("user-scalable=0.5", True),
        ("user-scalable=invalid", True),
        ("maximum-scale=1.5", True),
        ("maximum-scale=yes", True),
        ("maximum-scale=invalid", True),
        ("user-scalable=yes", False),
        ("user-scalable=5", False),
        ("maximum-scale=2.0", False),
        ("maximum-scale=-1", False),
        ("maximum-scale=device-width", False),
        ("width=device-width, initial-scale=1", False),
        ("", False),
    ],
)
def test_zoom_blocking_values(content: str, blocks: bool) -> None:
    assert bool(zoom_problems(content)) is blocks


@needs_chromium
def test_meta_viewport_check(browser: ActBrowser) -> None:
    blocked = page("<p>Text</p>", head='<meta name="viewport" content="width=device-width, maximum-scale=1">')
    findings = browser.run(MetaViewportCheck(), blocked)
    assert act_ids(findings) == {"b4f0c3"} and findings[0].details["blocks"] == ["maximum-scale=1"]
    allowed = page("<p>Text</p>", head='<meta name="viewport" content="width=device-width">')
    assert browser.run(MetaViewportCheck(), allowed) == []


# --- e88epe: hidden images that carry content ---------------------------------------------------------------


@needs_chromium
def test_hidden_image_that_is_the_whole_page_or_is_introduced_fails(browser: ActBrowser) -> None:
    browser.serve("/logo.png", RED_PNG, "image/png")
    image = '<img src="/logo.png" width="64" height="64" {}>'
    assert act_ids(browser.run(DecorativeImageCheck(), page(image.format('alt=""')))) == {"e88epe"}
    assert act_ids(browser.run(DecorativeImageCheck(), page(image.format('alt="Logo" aria-hidden="true"')))) == {
        "e88epe"
    }
    introduced = page("<p>Our best logo:</p>" + image.format('alt=""'))
    assert act_ids(browser.run(DecorativeImageCheck(), introduced)) == {"e88epe"}


@needs_chromium
def test_decoration_next_to_text_and_named_images_pass(browser: ActBrowser) -> None:
    browser.serve("/logo.png", RED_PNG, "image/png")
    assert browser.run(DecorativeImageCheck(), page('<p>Happy new year!</p><img src="/logo.png" alt="">')) == []
    assert browser.run(DecorativeImageCheck(), page('<img src="/logo.png" alt="Red square">')) == []
    assert browser.run(DecorativeImageCheck(), page('<img src="/missing.png" alt="">')) == []
    assert browser.run(DecorativeImageCheck(), page('<canvas width="50" height="50"></canvas>')) == []


# --- b20e66 and fd3a94: same-named links ---------------------------------------------------------------------


@needs_chromium
def test_same_named_links_to_unrelated_pages_fail(browser: ActBrowser) -> None:
    browser.serve("/chat.html", page("<h1>Chat with us</h1><p>Chat is available 24 hours, 7 days a week.</p>"))
    browser.serve("/call.html", page("<h1>Phone line</h1><p>Monday to Friday from 9:00 to 18:00 CET.</p>"))
    browser.serve("/chat-copy.html", page("<h1>Chat with us</h1><p>Chat is available 24 hours, 7 days a week!</p>"))
    same_paragraph = page('<p>Either <a href="/chat.html">contact us</a> or <a href="/call.html">contact us</a>.</p>')
    findings = browser.run(LinkPurposeCheck(), same_paragraph)
    assert act_ids(findings) == {"b20e66", "fd3a94"}
    apart = page('<p><a href="/chat.html">Contact us</a></p><p><a href="/call.html">Contact us</a></p>')
    assert act_ids(browser.run(LinkPurposeCheck(), apart)) == {"b20e66"}


@needs_chromium
def test_same_named_links_to_equivalent_or_unreadable_pages_pass(browser: ActBrowser) -> None:
    browser.serve("/chat.html", page("<h1>Chat with us</h1><p>Chat is available 24 hours, 7 days a week.</p>"))
    browser.serve("/chat-copy.html", page("<h1>Chat with us</h1><p>Chat is available 24 hours, 7 days a week!</p>"))
    equivalent = page('<p><a href="/chat.html">Contact us</a> <a href="/chat-copy.html">Contact us</a></p>')
    assert browser.run(LinkPurposeCheck(), equivalent) == []
    missing = page('<p><a href="/chat.html">Contact us</a> <a href="/gone.html">Contact us</a></p>')
    assert browser.run(LinkPurposeCheck(), missing) == []
    elsewhere = page('<p><a href="/chat.html">Contact us</a> <a href="http://192.0.2.1/">Contact us</a></p>')
    assert browser.run(LinkPurposeCheck(), elsewhere) == []
