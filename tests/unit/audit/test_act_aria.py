"""ACT checks about roles, names and ARIA: kb1m8s, 2t702h, d0f69e, 6cfa84, 2ee8b8."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from barrierfree.audit.checks.act.aria_prohibited import AriaProhibitedCheck, prohibited_attributes
from barrierfree.audit.checks.act.hidden_focusable import HiddenFocusableCheck
from barrierfree.audit.checks.act.label_in_name import LabelInNameCheck, judged, label_in_name
from barrierfree.audit.checks.act.summary_name import SummaryNameCheck
from barrierfree.audit.checks.act.table_headers import TableHeadersCheck
from barrierfree.audit.findings import Source
from tests.unit.audit.test_act_harness import ActBrowser, act_browser_fixture, act_ids, needs_chromium, page


@pytest.fixture(scope="module")
def browser() -> Iterator[ActBrowser]:
    yield from act_browser_fixture()


# --- kb1m8s: prohibited global ARIA attributes --------------------------------------------------------------


def test_naming_is_prohibited_on_generic_and_paragraph_but_not_on_links() -> None:
    assert prohibited_attributes("generic", ["aria-label", "aria-live"]) == ["aria-label"]
    assert prohibited_attributes("paragraph", ["aria-labelledby", "aria-braillelabel"]) == [
        "aria-labelledby",
        "aria-braillelabel",
    ]
    assert prohibited_attributes("link", ["aria-label"]) == []
    assert prohibited_attributes("heading", ["aria-roledescription"]) == []
    assert prohibited_attributes("none", ["aria-brailleroledescription"]) == ["aria-brailleroledescription"]


@needs_chromium
@pytest.mark.parametrize(
    "body",
    [
        '<div aria-label="Previously 100, now 1 euro"><s>100</s> / <b>1</b></div>',
        '<p aria-labelledby="x">I like bananas</p><span id="x">Bananas</span>',
        '<div aria-roledescription="banana text">I like bananas</div>',
        '<h1 role="none" aria-brailleroledescription="banana">I like bananas</h1>',
    ],
)
def test_prohibited_attributes_fail(browser: ActBrowser, body: str) -> None:
    findings = browser.run(AriaProhibitedCheck(), page(body))
    assert act_ids(findings) == {"kb1m8s"}
    assert findings[0].source is Source.ACT and findings[0].rule == "act:kb1m8s" and findings[0].wcag == ("1.3.1",)
    assert findings[0].selector


@needs_chromium
@pytest.mark.parametrize(
    "body",
    [
        '<a href="#" aria-label="Previously 100, now 1 euro"><s>100</s></a>',
        '<div role="heading" aria-braillelabel="I like bananas">I love bananas</div>',
        '<div aria-live="polite">Live</div>',
        '<div aria-label="Hidden" hidden></div>',
        '<section aria-label="News">Today</section>',
    ],
)
def test_permitted_or_hidden_attributes_pass(browser: ActBrowser, body: str) -> None:
    assert browser.run(AriaProhibitedCheck(), page(body)) == []


# --- 2t702h: summary names ----------------------------------------------------------------------------------


@needs_chromium
@pytest.mark.parametrize(
    ("body", "fails"),
    [
        ("<details><summary></summary><p>Open 24/7</p></details>", True),
        ('<details><summary role="none"></summary><p>Open 24/7</p></details>', True),
        ("<details><summary></summary><summary>Opening times</summary></details>", True),
        ("<details><summary>Opening times</summary><p>Open 24/7</p></details>", False),
        ('<details><summary aria-label="Opening times"></summary><p>Open</p></details>', False),
        ("<details><summary>Opening times</summary><summary></summary></details>", False),
        ('<details><summary role="button">Hours</summary></details><summary></summary>', False),
        ('<details style="display:none"><summary></summary></details>', False),
    ],
)
def test_summary_needs_a_name(browser: ActBrowser, body: str, fails: bool) -> None:
    assert act_ids(browser.run(SummaryNameCheck(), page(body))) == ({"2t702h"} if fails else set())


# --- d0f69e: header cells with data cells -------------------------------------------------------------------

TABLE_CASES = [
    ("<table><tr><th>Rate</th><th>Value</th></tr><tr><td>15%</td></tr></table>", True),
    (
        '<table><tr><th id="a">Country</th><th id="b">Starts with Z</th></tr>'
        '<tr><td>Zambia</td><td headers="a">Zimbabwe</td></tr></table>',
        True,
    ),
    (
        '<div role="grid"><div role="row"><div role="columnheader">Room</div><div role="columnheader">Occupant</div>'
        '</div><div role="row"><div role="gridcell">1A</div></div></div>',
        True,
    ),
    ("<table><tr><th>Time</th><td>05:41</td></tr></table>", False),
    ('<table><tr><th>Projects</th><th>Exams</th></tr><tr><td colspan="2">15%</td></tr></table>', False),
    (
        "<table><tr><th>Day</th><th>Morning</th></tr><tr><th>Mon-Fri</th><td>8-12</td></tr>"
        "<tr><th>Sat-Sun</th><td>10-14</td></tr></table>",
        False,
    ),
    ('<table role="presentation"><tr><th>Time</th></tr></table>', False),
    ('<table><tr><th role="cell">Column A</th></tr></table>', False),
]


@needs_chromium
@pytest.mark.parametrize(("body", "fails"), TABLE_CASES)
def test_header_cells_need_assigned_cells(browser: ActBrowser, body: str, fails: bool) -> None:
    assert act_ids(browser.run(TableHeadersCheck(), page(body))) == ({"d0f69e"} if fails else set())


# --- 6cfa84: focusable content in aria-hidden ---------------------------------------------------------------


@needs_chromium
def test_focusable_content_in_aria_hidden_fails_unless_focus_moves_on(browser: ActBrowser) -> None:
    trapped = page('<div aria-hidden="true"><a href="#x" style="position:absolute;top:-999em">Skip</a></div>')
    assert act_ids(browser.run(HiddenFocusableCheck(), trapped)) == {"6cfa84"}
    reopened = page('<div aria-hidden="true"><div aria-hidden="false"><button>Button</button></div></div>')
    assert act_ids(browser.run(HiddenFocusableCheck(), reopened)) == {"6cfa84"}
    sentinel = page(
        '<input id="first"><div aria-hidden="true"><a href="#" id="s">wrap</a></div>'
        "<script>document.getElementById('s').addEventListener('focus', () => "
        "setTimeout(() => document.getElementById('first').focus(), 5))</script>"
    )
    assert browser.run(HiddenFocusableCheck(), sentinel) == []
    assert (
        browser.run(HiddenFocusableCheck(), page('<div aria-hidden="true"><button tabindex="-1">B</button></div>'))
        == []
    )


# --- 2ee8b8: visible label in the accessible name -----------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "name", "inside"),
    [
        ("Discover It", "Discover Italy", False),
        ("1", "1a", False),
        ("ACT rules", "WCAG", False),
        ("ACT rules", "  act   Rules ", True),
        ("Next Page", "Next Page in the list", True),
        ("University Ave.", "University Avenue", True),
        ("nonstandard", "non-standard", True),
        ("Next…", "Next", True),
        ("Search by date (YYYY-MM-DD)", "Search by date", True),
        ("搜索（按日期）", "搜索", True),
        ("Search (by date)", "Find by date", False),
        ("justice", "just ice", False),
        ("W C A G", "WCAG", False),
        ("123.555.0123", "1 2 3. 5 5 5. 0 1 2 3", False),
        ("搜索", "搜索按钮", True),
        ("搜索按钮", "搜索", False),
        (">>> ** Submit ** <<<", "💡 Submit 💡", True),
    ],
)
def test_label_must_appear_in_the_name_as_whole_words(label: str, name: str, inside: bool) -> None:
    assert label_in_name(label, name) is inside


def test_single_symbols_are_not_judged() -> None:
    assert not judged("X")
    assert not judged("…")
    assert judged("1")
    assert judged("Go")


@needs_chromium
def test_label_in_name_check(browser: ActBrowser) -> None:
    failing = page('<a href="#" aria-label="Discover Italy">Discover It</a>')
    assert act_ids(browser.run(LabelInNameCheck(), failing)) == {"2ee8b8"}
    passing = page(
        '<button aria-label="Next page of results">Next page</button>'
        '<a href="#" aria-label="ACT"><span>A</span><span>C</span><span>T</span></a>'
        '<button aria-label="Close">X</button>'
        '<a href="#" aria-label="Download specification">Download <span style="position:absolute;width:1px;'
        'height:1px;overflow:hidden">gizmo</span> specification</a>'
    )
    assert browser.run(LabelInNameCheck(), passing) == []
