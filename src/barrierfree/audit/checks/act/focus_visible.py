"""ACT oj04fd: an element that receives keyboard focus shows it visibly (WCAG 2.4.7).

Each element in the sequential focus order is focused in turn. If its own computed style changes (outline,
shadow, border, colours ...) it has a focus indicator. If nothing about it changes, the indicator may be drawn
elsewhere (a script that highlights a neighbour, a parent styled with ``:focus-within``), so the viewport is
photographed without and with focus: identical pictures mean nothing on screen shows where focus is.
"""

from __future__ import annotations

from barrierfree.audit.checks.act import _cdp
from barrierfree.audit.checks.act._rules import ActCheck, ActRule, act_finding
from barrierfree.audit.checks.base import PageContext
from barrierfree.audit.findings import Finding
from barrierfree.core.i18n import N_

RULE = ActRule("oj04fd", ("2.4.7",), N_("Nothing on screen shows when this element has keyboard focus."))
MAX_ELEMENTS = 40
MAX_SCREENSHOTS = 5
SETTLE_MS = 30

COLLECT_JS = f"""() => [...document.querySelectorAll(
  'a[href], area[href], button, input, select, textarea, summary, [tabindex], [contenteditable]')]
  .filter(el => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[inert]'))
  .slice(0, {MAX_ELEMENTS})"""
STYLE_CHANGES_JS = """(el) => {
  const snap = () => {
    const s = getComputedStyle(el);
    const parts = [s.boxShadow, s.backgroundColor, s.backgroundImage, s.color, s.textDecorationLine,
      s.textDecorationColor, s.transform, s.opacity, s.filter, s.fontWeight];
    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) {
      parts.push(s.outlineStyle, s.outlineWidth, s.outlineColor, s.outlineOffset);
    }
    for (const side of ['Top', 'Right', 'Bottom', 'Left']) {
      const width = s['border' + side + 'Width'];
      if (s['border' + side + 'Style'] !== 'none' && parseFloat(width) > 0) parts.push(width, s['border' + side + 'Color']);
      else parts.push('-');
    }
    return parts.join('|');
  };
  if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
  const before = snap();
  el.focus({preventScroll: true});
  if (document.activeElement !== el) return {kept: false};
  const after = snap();
  el.blur();
  return {kept: true, changed: before !== after};
}"""
FOCUS_JS = """async (el, [focus, settleMs]) => {
  el.scrollIntoView({block: 'center', inline: 'center'});
  if (focus) el.focus({preventScroll: true}); else if (document.activeElement === el) el.blur();
  await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, settleMs)));
  return !focus || document.activeElement === el;
}"""


class FocusVisibleCheck(ActCheck):
    """Focus that leaves no trace on screen (oj04fd)."""

    id = "act:oj04fd"

    async def run(self, context: PageContext) -> list[Finding]:
        """One finding per focusable element whose focus changes nothing on screen."""
        findings: list[Finding] = []
        page = context.page
        scroll = await page.evaluate("() => [scrollX, scrollY]")
        await page.keyboard.press("Shift")  # keyboard modality, so :focus-visible styles apply
        shots = 0
        async with _cdp.query(context, COLLECT_JS) as elements:
            for element in elements:
                style = await _cdp.call(context, element, STYLE_CHANGES_JS)
                if not style or not style.get("kept") or style.get("changed"):
                    continue
                if shots >= MAX_SCREENSHOTS:
                    break
                shots += 1
                await _cdp.call(context, element, FOCUS_JS, [False, SETTLE_MS])
                unfocused = await page.screenshot(animations="disabled")
                if not await _cdp.call(context, element, FOCUS_JS, [True, SETTLE_MS]):
                    continue
                focused = await page.screenshot(animations="disabled")
                await _cdp.call(context, element, FOCUS_JS, [False, SETTLE_MS])
                if focused == unfocused:
                    findings.append(act_finding(RULE, await _cdp.element_info(context, element)))
        await page.evaluate("([x, y]) => window.scrollTo(x, y)", scroll)
        return findings
