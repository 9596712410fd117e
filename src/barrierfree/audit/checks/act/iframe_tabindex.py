"""ACT akn7bn: an iframe taken out of the tab order has nothing inside that the tab order would reach.

``tabindex="-1"`` on an iframe removes the frame, but not its links and buttons, from sequential focus
navigation in some browsers and not in others: keyboard users may never reach them. The check follows the ACT
rule, which axe's ``frame-focusable-content`` does not in one respect: a frame that is inert (``inert``, or
outside an open modal dialog) is not judged, since nothing in it can take focus at the moment. Only content that
is visible inside the frame's own viewport counts, so a 1 x 1 tracking frame is not judged either.

Frames from other origins are read through the browser, like same-origin ones. At most ``MAX_FRAMES`` frames
are examined per page.
"""

from __future__ import annotations

import contextlib

from barrierfree.audit.checks.act._rules import ActCheck, ActRule, act_finding
from barrierfree.audit.checks.base import ELEMENT_INFO_JS, PageContext
from barrierfree.audit.findings import Finding
from barrierfree.core.i18n import N_

RULE = ActRule("akn7bn", ("2.1.1",), N_("A frame with a negative tabindex has content that takes keyboard focus."))
MAX_FRAMES = 50

# Whether the iframe applies: a negative integer tabindex, rendered, and not inert.
FRAME_JS = f"""(el) => {{
  const tabindex = (el.getAttribute('tabindex') || '').trim();
  const negative = /^-\\d+$/.test(tabindex) && parseInt(tabindex, 10) < 0;
  const modal = document.querySelector('dialog:modal');
  const inert = !!el.closest('[inert]') || (modal !== null && !modal.contains(el));
  const rendered = el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  return {{applies: negative && rendered && !inert, info: ({ELEMENT_INFO_JS})(el)}};
}}"""

# Inside the frame: the first few visible elements in sequential focus navigation.
FOCUSABLE_JS = """() => {
  const inView = (r) => r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0
      && r.left < window.innerWidth && r.top < window.innerHeight;
  return [...document.querySelectorAll('*')].filter(el => el.tabIndex >= 0 && !el.disabled
      && !el.closest('[inert]') && getComputedStyle(el).visibility === 'visible'
      && [...el.getClientRects()].some(inView)).slice(0, 3).map(el => el.outerHTML.slice(0, 120));
}"""


class IframeTabindexCheck(ActCheck):
    """Frames with a negative tabindex whose content takes focus (akn7bn)."""

    id = "act:akn7bn"

    async def run(self, context: PageContext) -> list[Finding]:
        """One finding per frame removed from the tab order that still holds focusable content."""
        findings = []
        for handle in (await context.page.query_selector_all("iframe[tabindex]"))[:MAX_FRAMES]:
            frame_info = await handle.evaluate(FRAME_JS)
            if not frame_info["applies"]:
                continue
            frame = await handle.content_frame()
            if frame is None:
                continue
            focusable: list[str] = []
            with contextlib.suppress(Exception):  # a frame that navigates or crashes meanwhile is not judged
                focusable = await frame.evaluate(FOCUSABLE_JS)
            if focusable:
                findings.append(act_finding(RULE, frame_info["info"], details={"focusable": focusable}))
        return findings
