"""ACT 6cfa84: content hidden with ``aria-hidden="true"`` is not reachable with the keyboard.

axe flags focusable elements inside ``aria-hidden`` content, but leaves the case open when the page uses
"focus sentinels" (elements that send focus elsewhere as soon as they get it, as modal dialogs do). This check
settles it in the browser: each such element is focused, and if focus stays on it, a keyboard user lands on
something a screen reader does not announce.
"""

from __future__ import annotations

from barrierfree.audit.checks.act import _cdp
from barrierfree.audit.checks.act._rules import ActCheck, ActRule, act_finding
from barrierfree.audit.checks.base import PageContext
from barrierfree.audit.findings import Finding
from barrierfree.core.i18n import N_

RULE = ActRule("6cfa84", ("4.1.2",), N_("An element hidden with aria-hidden can still receive keyboard focus."))
SETTLE_MS = 60
"""How long a focus handler gets to move focus away (sentinels often do it in a timeout)."""

COLLECT_JS = """() => [...document.querySelectorAll('[aria-hidden="true" i], [aria-hidden="true" i] *')]
  .filter(el => el.tabIndex >= 0 && !el.disabled && !el.closest('[inert]') && el.getClientRects().length > 0
                && getComputedStyle(el).visibility !== 'hidden')"""
KEEPS_FOCUS_JS = """async (el, settleMs) => {
  const before = document.activeElement;
  el.focus({preventScroll: true});
  if (document.activeElement !== el) return false;
  await new Promise(resolve => setTimeout(resolve, settleMs));
  const kept = document.activeElement === el;
  if (kept) el.blur();
  if (before && before !== document.body && before.focus) before.focus({preventScroll: true});
  return kept;
}"""


class HiddenFocusableCheck(ActCheck):
    """Focusable elements in aria-hidden content that keep focus (6cfa84)."""

    id = "act:6cfa84"

    async def run(self, context: PageContext) -> list[Finding]:
        """One finding per element inside aria-hidden content that holds keyboard focus."""
        findings = []
        async with _cdp.query(context, COLLECT_JS) as elements:
            for element in elements:
                if await _cdp.call(context, element, KEEPS_FOCUS_JS, SETTLE_MS):
                    findings.append(act_finding(RULE, await _cdp.element_info(context, element)))
        return findings
