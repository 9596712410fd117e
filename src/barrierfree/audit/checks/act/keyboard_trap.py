"""ACT keyboard-trap rules, driven with real key presses: 80af7b, a1b64e and ebe86a (WCAG 2.1.2).

The check presses Tab through the page, waiting after each press for focus handlers (traps often send focus
back from a ``blur`` handler or a timeout), and records where focus is. A press that takes focus out of the
document (right after the ``focusout`` the document no longer has focus: it went to the browser's own interface)
counts as leaving the page, whatever a script does afterwards, since in a real browser a script cannot take focus
back from the browser's interface. Focus that comes back to the same elements again and again without ever
leaving the page is a trap. From inside a trap the check then tries, in order:

1. Shift+Tab: if focus gets out backwards, the trap is one-way (a1b64e fails, 80af7b does not);
2. Escape, then Tab: standard keys that get out pass a1b64e and 80af7b;
3. key combinations the page itself tells about in its visible text ("Press Ctrl+M to exit"), after activating
   same-page links inside the trap (they often reveal such help). If one gets out, the non-standard way works
   and is documented (80af7b and ebe86a pass); if none does, 80af7b and ebe86a fail.

Only same-page links (``href="#..."``) are activated, so the check never navigates away from the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from barrierfree.audit.checks.act._rules import ActCheck, ActRule, act_finding
from barrierfree.audit.checks.base import ELEMENT_INFO_JS, PageContext
from barrierfree.audit.findings import Finding
from barrierfree.core.i18n import N_

TRAP = ActRule("80af7b", ("2.1.2",), N_("Keyboard focus is trapped: it cannot leave a group of elements."))
STANDARD_TRAP = ActRule(
    "a1b64e", (), N_("Keyboard focus cannot leave a group of elements with Tab, Shift+Tab or Escape."), impact="serious"
)
UNDOCUMENTED_TRAP = ActRule(
    "ebe86a", (), N_("Keyboard focus is trapped and no working instructions tell how to get out."), impact="serious"
)

BODY = -1
"""Focus state id when nothing (the document body) has focus: focus has left the page's elements."""
SETTLE_MS = 25
"""Wait after a key press for focus handlers and short timeouts."""
MAX_PRESSES = 60
"""At most this many Tab presses per walk, whatever the size of the page."""
MIN_VISITS_FOR_TRAP = 3
MAX_HINTS = 5
MODIFIERS = {
    "ctrl": "Control",
    "control": "Control",
    "alt": "Alt",
    "option": "Alt",
    "shift": "Shift",
    "cmd": "Meta",
    "command": "Meta",
    "meta": "Meta",
}
BROWSER_KEYS = frozenset(f"{m}+{k}" for m in ("Control", "Meta") for k in "WQTN")
"""Combinations a browser may keep for itself (close, quit, new tab or window): never pressed."""
HINT = re.compile(
    r"\b((?:(?:ctrl|control|alt|option|shift|cmd|command|meta)\s*\+\s*)+)(f\d{1,2}|esc|escape|enter|tab|[a-z0-9])\b",
    re.IGNORECASE,
)

STATE_KEY = "Symbol.for('barrierfree.focus-ids')"
COUNT_JS = """() => [...document.querySelectorAll(
  'a[href], area[href], button, input, select, textarea, iframe, summary, [tabindex], [contenteditable]')].filter(el => el.tabIndex >= 0 && !el.disabled
  && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden').length"""
ARM_JS = f"""() => {{
  const t = window[{STATE_KEY}] || (window[{STATE_KEY}] = {{map: new WeakMap(), next: 0}});
  if (!t.armed) {{
    t.armed = true;
    document.addEventListener('focusout', () => {{
      if (t.seen) return;
      t.seen = true;
      setTimeout(() => {{ if (!document.hasFocus()) t.left = true; }});
    }}, true);
  }}
  t.seen = false;
  t.left = false;
}}"""
FOCUS_ID_JS = f"""async (settleMs) => {{
  await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, settleMs)));
  const t = window[{STATE_KEY}];
  const left = t.left;
  t.seen = false;
  t.left = false;
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (left || !el || el === document.body || el === document.documentElement) return -1;
  if (!t.map.has(el)) t.map.set(el, t.next++);
  return t.map.get(el);
}}"""
ACTIVE_INFO_JS = f"""() => {{
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  return el && el !== document.body ? ({ELEMENT_INFO_JS})(el) : null;
}}"""
IS_SAME_PAGE_LINK_JS = """() => { const el = document.activeElement;
  return !!el && el.localName === 'a' && (el.getAttribute('href') || '').startsWith('#'); }"""
VISIBLE_TEXT_JS = "() => document.body ? document.body.innerText : ''"


@dataclass
class Walk:
    """Where focus went during a run of key presses."""

    ids: list[int] = field(default_factory=list)

    def escaped(self, inside: set[int]) -> bool:
        """True when focus reached the body or an element outside ``inside``."""
        return any(i == BODY or i not in inside for i in self.ids)

    def cycle(self) -> set[int] | None:
        """The elements focus keeps returning to without leaving the page, if it does."""
        seen: dict[int, list[int]] = {}
        for position, focus_id in enumerate(self.ids):
            if focus_id == BODY:
                seen.clear()
                continue
            seen.setdefault(focus_id, []).append(position)
            positions = seen[focus_id]
            if len(positions) >= MIN_VISITS_FOR_TRAP:
                return {i for i in self.ids[positions[-2] : positions[-1] + 1] if i != BODY}
        return None


def hinted_keys(text: str) -> list[str]:
    """Key combinations a page's text tells about, as Playwright key names: "Press Ctrl+M" -> ["Control+M"]."""
    keys = []
    for match in HINT.finditer(text):
        modifiers = [MODIFIERS[m.strip().lower()] for m in match.group(1).split("+") if m.strip()]
        key = match.group(2)
        key = {"esc": "Escape", "escape": "Escape", "enter": "Enter", "tab": "Tab"}.get(key.lower(), key)
        key = key.upper() if len(key) == 1 and key.isalpha() else key
        combination = "+".join([*modifiers, key])
        if combination not in BROWSER_KEYS:
            keys.append(combination)
    return list(dict.fromkeys(keys))[:MAX_HINTS]


class KeyboardTrapCheck(ActCheck):
    """Keyboard traps found by pressing Tab (80af7b, a1b64e, ebe86a)."""

    id = "act:keyboard-trap"

    async def _focus_id(self, context: PageContext) -> int:
        return int(await context.page.evaluate(FOCUS_ID_JS, SETTLE_MS))

    async def _walk(self, context: PageContext, key: str, presses: int, inside: set[int] | None = None) -> Walk:
        """Press ``key`` up to ``presses`` times; stop once focus leaves ``inside`` (or, without it, the page)."""
        await context.page.evaluate(ARM_JS)
        walk = Walk()
        for _ in range(presses):
            await context.page.keyboard.press(key)
            walk.ids.append(await self._focus_id(context))
            if inside is not None and walk.escaped(inside):
                break
            if inside is None and walk.ids[-1] == BODY and len(walk.ids) > 1:
                break  # went through every element and out of the page: no trap on the way
        return walk

    async def run(self, context: PageContext) -> list[Finding]:
        """Press Tab through the page; report a trap with what it took (if anything) to get out."""
        count = int(await context.page.evaluate(COUNT_JS))
        if not count:
            return []
        presses = min(2 * count + MIN_VISITS_FOR_TRAP + 2, MAX_PRESSES)
        trapped = (await self._walk(context, "Tab", presses)).cycle()
        if not trapped:
            return []
        info = await context.page.evaluate(ACTIVE_INFO_JS) or {}
        details = {"elements_in_trap": len(trapped)}
        escape_presses = len(trapped) + 3
        if (await self._walk(context, "Shift+Tab", escape_presses, trapped)).escaped(trapped):
            return [act_finding(STANDARD_TRAP, info, details={**details, "way_out": "Shift+Tab only"})]
        await context.page.keyboard.press("Escape")
        if (await self._walk(context, "Tab", escape_presses, trapped)).escaped(trapped):
            return []
        if await self._documented_way_out(context, trapped, escape_presses):
            return [act_finding(STANDARD_TRAP, info, details={**details, "way_out": "documented keys"})]
        return [act_finding(rule, info, details=details) for rule in (TRAP, STANDARD_TRAP, UNDOCUMENTED_TRAP)]

    async def _documented_way_out(self, context: PageContext, trapped: set[int], presses: int) -> bool:
        """Try the key combinations the page mentions, after opening same-page help links inside the trap."""
        tried: set[str] = set()
        for _ in range(len(trapped) + 1):
            for key in hinted_keys(await context.page.evaluate(VISIBLE_TEXT_JS)):
                if key in tried:
                    continue
                tried.add(key)
                await context.page.keyboard.press(key)
                if (await self._walk(context, "Tab", presses, trapped)).escaped(trapped):
                    return True
            if await context.page.evaluate(IS_SAME_PAGE_LINK_JS):
                await context.page.keyboard.press("Enter")
            await context.page.evaluate(ARM_JS)
            await context.page.keyboard.press("Tab")
            await self._focus_id(context)
        return False
