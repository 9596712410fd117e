"""ACT keyboard checks driven with real key presses: traps (80af7b, a1b64e, ebe86a) and visible focus (oj04fd)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from barrierfree.audit.checks.act.focus_visible import FocusVisibleCheck
from barrierfree.audit.checks.act.keyboard_trap import KeyboardTrapCheck, Walk, hinted_keys
from tests.unit.audit.test_act_harness import ActBrowser, act_browser_fixture, act_ids, needs_chromium, page

TRAP_SCRIPT = """<script>
let trapOn = false;
const to = (id) => { if (trapOn) document.getElementById(id).focus(); };
const escape = (event) => {
  if (event.ctrlKey && event.key.toLowerCase() === 'm') { trapOn = false; document.getElementById('after').focus(); }
};
</script>"""
TRAP = (
    '<a href="#x" id="before">Before</a>'
    '<button id="one" onfocus="trapOn = true" onblur="to(\'two\')" onkeydown="escape(event)">One</button>'
    '<button id="two" onfocus="trapOn = true" onblur="to(\'one\')" onkeydown="escape(event)">Two</button>'
    '<a href="#y" id="after">After</a>'
)


@pytest.fixture(scope="module")
def browser() -> Iterator[ActBrowser]:
    yield from act_browser_fixture()


def test_a_cycle_needs_repeated_visits_without_leaving_the_page() -> None:
    assert Walk([0, 1, 2, -1, 0, 1]).cycle() is None
    assert Walk([0, 1, 2, 1, 2, 1, 2]).cycle() == {1, 2}
    assert Walk([0, 1, 0, 1, 0]).escaped({0, 1}) is False
    assert Walk([0, 1, -1]).escaped({0, 1}) is True


def test_instructions_become_key_presses() -> None:
    assert hinted_keys("Press Ctrl+M to exit, or Alt + Shift + q") == ["Control+M", "Alt+Shift+Q"]
    assert hinted_keys("Press Ctrl+W to close") == []
    assert hinted_keys("Go to the next element") == []


@needs_chromium
def test_focus_that_always_comes_back_is_a_trap(browser: ActBrowser) -> None:
    body = (
        '<a href="#a">Link 1</a><button onblur="setTimeout(() => this.focus(), 10)">Stuck</button><a href="#b">L2</a>'
    )
    findings = browser.run(KeyboardTrapCheck(), page(body))
    assert act_ids(findings) == {"80af7b", "a1b64e", "ebe86a"}
    assert next(f for f in findings if f.rule == "act:80af7b").wcag == ("2.1.2",)
    assert "Stuck" in findings[0].snippet


@needs_chromium
def test_a_trap_open_backwards_fails_only_the_standard_navigation_rule(browser: ActBrowser) -> None:
    body = (
        '<button onblur="setTimeout(() => this.nextElementSibling.focus(), 10)">One</button>'
        '<button onblur="setTimeout(() => this.previousElementSibling.focus(), 10)">Two</button><button>Three</button>'
    )
    assert act_ids(browser.run(KeyboardTrapCheck(), page(body))) == {"a1b64e"}


@needs_chromium
def test_documented_keys_that_work_get_out_of_the_trap(browser: ActBrowser) -> None:
    documented = page("<p>Press Ctrl+M to exit the buttons.</p>" + TRAP + TRAP_SCRIPT)
    assert act_ids(browser.run(KeyboardTrapCheck(), documented)) == {"a1b64e"}
    undocumented = page(TRAP + TRAP_SCRIPT)
    assert act_ids(browser.run(KeyboardTrapCheck(), undocumented)) == {"80af7b", "a1b64e", "ebe86a"}


@needs_chromium
def test_a_modal_that_escape_closes_is_not_a_trap(browser: ActBrowser) -> None:
    body = (
        '<a href="#m">Page link</a><div id="dialog" role="dialog" aria-modal="true"><input id="first">'
        '<button id="last">Close</button></div><span tabindex="0" id="sentinel"></span><script>'
        "const dialog = document.getElementById('dialog');"
        "document.getElementById('sentinel').addEventListener('focus', () => document.getElementById('first').focus());"
        "document.getElementById('first').addEventListener('blur', (e) => { if (!dialog.contains(e.relatedTarget) "
        "&& dialog.style.display !== 'none') setTimeout(() => document.getElementById('last').focus(), 5); });"
        "dialog.addEventListener('keydown', (e) => { if (e.key === 'Escape') dialog.style.display = 'none'; });"
        "addEventListener('load', () => document.getElementById('first').focus());</script>"
    )
    assert browser.run(KeyboardTrapCheck(), page(body)) == []


@needs_chromium
def test_ordinary_pages_have_no_trap(browser: ActBrowser) -> None:
    assert browser.run(KeyboardTrapCheck(), page('<a href="#a">One</a><button>Two</button><input>')) == []
    assert browser.run(KeyboardTrapCheck(), page("<p>No focusable element</p>")) == []


@needs_chromium
def test_focus_without_any_indicator_fails(browser: ActBrowser) -> None:
    hidden = page('<a href="#a" class="plain">Plain link</a>', head="<style>.plain:focus { outline: none }</style>")
    assert act_ids(browser.run(FocusVisibleCheck(), hidden)) == {"oj04fd"}


@needs_chromium
def test_default_custom_and_remote_indicators_pass(browser: ActBrowser) -> None:
    assert browser.run(FocusVisibleCheck(), page('<a href="#a">Default outline</a><button>Button</button>')) == []
    custom = page(
        '<a href="#a" class="c">Custom</a>',
        head="<style>.c:focus { outline: none; background: navy; color: white }</style>",
    )
    assert browser.run(FocusVisibleCheck(), custom) == []
    remote = page(
        '<span id="mark" style="display:inline-block;width:1em;height:1em"></span>'
        '<a href="#a" class="plain" onfocus="mark.style.background=\'navy\'" '
        "onblur=\"mark.style.background=''\">Link</a>",
        head="<style>.plain:focus { outline: none }</style>",
    )
    assert browser.run(FocusVisibleCheck(), remote) == []
