"""ACT e88epe: an image hidden from assistive technologies (``alt=""``, ``aria-hidden``, ``role="none"``, an
unnamed ``svg`` or ``canvas``) is decorative.

Telling decoration from content needs eyes, so only two clear signs of content are used:

- the image is all there is to see: the page shows no text and no other picture, so hiding it hides the page;
- visible text introduces it with a colon right before it ("Our partners:" followed by a hidden logo).

Images that are not drawn (not loaded, empty canvases, tiny spacers) and images inside links or buttons (which
get their name elsewhere) are not judged.
"""

from __future__ import annotations

from barrierfree.audit.checks.act import _cdp
from barrierfree.audit.checks.act._rules import ActCheck, ActRule, act_finding
from barrierfree.audit.checks.base import PageContext
from barrierfree.audit.findings import Finding
from barrierfree.core.i18n import N_

RULE = ActRule("e88epe", ("1.1.1",), N_("An image that carries content is hidden from assistive technologies."))
MIN_SIDE_PX = 10
"""Images smaller than this on either side (spacers, tracking pixels) are not judged."""

COLLECT_JS = f"""() => [...document.querySelectorAll('img, svg, canvas')].filter(el => {{
  if (el.localName === 'svg' && el.parentElement && el.parentElement.closest('svg')) return false;
  if (el.closest('a[href], button, [role=button], [role=link], label')) return false;
  const r = el.getBoundingClientRect();
  if (r.width < {MIN_SIDE_PX} || r.height < {MIN_SIDE_PX}) return false;
  if (r.right + scrollX <= 0 || r.bottom + scrollY <= 0 || getComputedStyle(el).visibility === 'hidden') return false;
  if (el.localName === 'img') return el.complete && el.naturalWidth > 0;
  if (el.localName === 'canvas') {{
    try {{
      const data = el.getContext('2d').getImageData(0, 0, el.width, el.height).data;
      for (let i = 3; i < data.length; i += 4) if (data[i]) return true;
      return false;
    }} catch (error) {{ return true; }}
  }}
  return true;
}})"""
CONTENT_SIGNS_JS = """(image) => {
  const width = Math.max(document.documentElement.scrollWidth, innerWidth);
  const height = Math.max(document.documentElement.scrollHeight, innerHeight);
  const onPage = (rects) => [...rects].some(r => r.width > 1 && r.height > 1 && r.right + scrollX > 0
    && r.bottom + scrollY > 0 && r.left + scrollX < width && r.top + scrollY < height);
  const texts = [];
  const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !node.textContent.trim() || image.contains(node)) continue;
    if (parent.closest('script, style, noscript, template, title')) continue;
    if (getComputedStyle(parent).visibility === 'hidden') continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    if (onPage(range.getClientRects())) texts.push(node);
  }
  const pictures = [...document.querySelectorAll('img, svg, canvas, video, iframe, object, embed')]
    .filter(el => el !== image && !image.contains(el) && !el.contains(image) && onPage(el.getClientRects()));
  const before = texts.filter(n => image.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_PRECEDING);
  const last = before.length ? before[before.length - 1].textContent.trim() : '';
  return {alone: !texts.length && !pictures.length, introduced: last.endsWith(':')};
}"""


class DecorativeImageCheck(ActCheck):
    """Content images hidden as if they were decoration (e88epe)."""

    id = "act:e88epe"

    async def run(self, context: PageContext) -> list[Finding]:
        """One finding per hidden image that is the whole page or is introduced by a label."""
        findings = []
        async with _cdp.query(context, COLLECT_JS, "(el) => el.localName") as images:
            for image in images:
                if image.ignored_reasons & {"notRendered", "notVisible"}:
                    continue
                unnamed_graphic = image.data in ("svg", "canvas") and not image.name
                if not image.ax.get("ignored") and not unnamed_graphic:
                    continue
                signs = await _cdp.call(context, image, CONTENT_SIGNS_JS)
                if signs and (signs["alone"] or signs["introduced"]):
                    findings.append(act_finding(RULE, await _cdp.element_info(context, image), details=signs))
        return findings
