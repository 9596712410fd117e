"""ACT 59br37: text zoomed to 200 % is not cut off by ``overflow: hidden`` (WCAG 1.4.4).

Zooming to 200 % is emulated as browsers do it, by halving the CSS viewport (media queries and ``vh`` units react
as they would). Then, for each box that clips its content (``overflow`` hidden or clip, not scrollable), text that
is partly shown and partly cut off by more than a small tolerance is reported. Boxes that hide all their text
(carousel slides, visually hidden helpers of a pixel or two) are left alone. When a link follows the clipped box,
it may lead to the full text, so the finding is "can't tell" rather than a failure. The viewport is restored
afterwards.
"""

from __future__ import annotations

from barrierfree.audit.checks.act._rules import ActCheck, ActRule, act_finding
from barrierfree.audit.checks.base import ELEMENT_INFO_JS, PageContext
from barrierfree.audit.findings import Finding, Outcome
from barrierfree.core.i18n import N_

RULE = ActRule("59br37", ("1.4.4",), N_("Text is cut off when the page is zoomed to 200 %."))
ZOOM = 2
"""200 % zoom: the CSS viewport becomes half as wide and half as high."""
CUT_TOLERANCE_PX = 4
"""Text sticking out of its box by less than this (descenders, rounding) does not count as cut off."""
MIN_BOX_PX = 3
"""Clipping boxes smaller than this are visually-hidden helpers, not content."""
SETTLE_JS = "() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))"
MAX_FINDINGS = 10

CLIPPED_JS = f"""(maxFindings) => {{
  const info = {ELEMENT_INFO_JS};
  const tolerance = {CUT_TOLERANCE_PX};
  const clipper = (node) => {{
    for (let el = node.parentElement; el && el !== document.documentElement; el = el.parentElement) {{
      const s = getComputedStyle(el);
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      const hidden = (v) => v === 'hidden' || v === 'clip';
      if (!hidden(s.overflowX) && !hidden(s.overflowY)) return null;  // scrollable: text can be reached
      return {{el, x: hidden(s.overflowX), y: hidden(s.overflowY)}};
    }}
    return null;
  }};
  const boxes = new Map();
  const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {{
    const parent = node.parentElement;
    if (!parent || !node.textContent.trim() || parent.closest('script, style, noscript, template, title')) continue;
    if (getComputedStyle(parent).visibility === 'hidden') continue;
    const clip = clipper(node);
    if (!clip) continue;
    const b = clip.el.getBoundingClientRect();
    const left = b.left + clip.el.clientLeft, top = b.top + clip.el.clientTop;
    const right = left + clip.el.clientWidth, bottom = top + clip.el.clientHeight;
    if (right - left < {MIN_BOX_PX} || bottom - top < {MIN_BOX_PX}) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const entry = boxes.get(clip.el) || {{shown: false, cut: false, link: false}};
    for (const r of range.getClientRects()) {{
      if (r.width < 1 || r.height < 1) continue;
      if (r.right > left && r.left < right && r.bottom > top && r.top < bottom) entry.shown = true;
      if ((clip.x && (r.right - right > tolerance || left - r.left > tolerance))
          || (clip.y && (r.bottom - bottom > tolerance || top - r.top > tolerance))) entry.cut = true;
    }}
    boxes.set(clip.el, entry);
  }}
  const found = [];
  for (const [el, entry] of boxes) {{
    if (!entry.shown || !entry.cut) continue;
    const next = el.nextElementSibling;
    const link = !!(next && (next.matches('a[href]') || next.querySelector('a[href]'))) || !!el.querySelector('a[href]');
    found.push({{info: info(el), link}});
    if (found.length >= maxFindings) break;
  }}
  return found;
}}"""


class ZoomClipCheck(ActCheck):
    """Text cut off at 200 % zoom (59br37)."""

    id = "act:59br37"

    async def run(self, context: PageContext) -> list[Finding]:
        """One finding per box that cuts off its text at 200 % zoom."""
        page = context.page
        size = page.viewport_size
        if not size or not await page.evaluate("() => !!document.body && !!document.body.innerText.trim()"):
            return []
        await page.set_viewport_size({"width": size["width"] // ZOOM, "height": size["height"] // ZOOM})
        try:
            await page.evaluate(SETTLE_JS)
            clipped = await page.evaluate(CLIPPED_JS, MAX_FINDINGS)
        finally:
            await page.set_viewport_size(size)
        return [
            act_finding(RULE, box["info"], outcome=Outcome.CANT_TELL if box["link"] else Outcome.FAILED)
            for box in clipped
        ]
