"""ACT 4b1c6c: iframes with the same accessible name show equivalent content.

Screen reader users pick a frame by its name; two frames called the same must lead to the same kind of content.
Whether two documents serve "the same purpose" is a judgement, so this check only fails the clear case: both
frames are exposed, both documents come from the page's own origin and could be read, and their text (title and
body) has almost no words in common. Frames from other origins, typically advertising, are not judged.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any
from urllib.parse import urlsplit

from barrierfree.audit.checks.act._rules import ActCheck, ActRule, act_finding
from barrierfree.audit.checks.base import ELEMENT_INFO_JS, PageContext
from barrierfree.audit.findings import Finding
from barrierfree.core.i18n import N_

RULE = ActRule(
    "4b1c6c", ("4.1.2",), N_("Frames with the same accessible name show different content."), impact="moderate"
)
MAX_SHARED_WORDS = 0.2
"""Two documents whose word sets overlap less than this (Jaccard index) are not equivalent."""
MAX_FRAMES = 50
WORD = re.compile(r"\w+", re.UNICODE)

FRAME_ELEMENT_JS = f"""(el) => {{
  const text = (id) => {{ const ref = el.ownerDocument.getElementById(id); return ref ? ref.textContent : ''; }};
  const labelledby = (el.getAttribute('aria-labelledby') || '').trim();
  let name = labelledby ? labelledby.split(/\\s+/).map(text).join(' ') : '';
  if (!name.trim()) name = el.getAttribute('aria-label') || '';
  if (!name.trim()) name = el.getAttribute('title') || '';
  const style = getComputedStyle(el);
  const exposed = el.getClientRects().length > 0 && style.visibility !== 'hidden'
    && !el.closest('[aria-hidden="true" i]');
  return {{name: name.replace(/\\s+/g, ' ').trim().toLowerCase(), exposed, info: ({ELEMENT_INFO_JS})(el)}};
}}"""
CONTENT_JS = "() => (document.title || '') + ' ' + (document.body ? document.body.innerText : '')"


def shared_words(first: str, second: str) -> float:
    """Jaccard index of the two texts' lower-case word sets (1.0 when both are empty)."""
    a = {w.lower() for w in WORD.findall(first)}
    b = {w.lower() for w in WORD.findall(second)}
    return len(a & b) / len(a | b) if a | b else 1.0


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


class IframeNamesCheck(ActCheck):
    """Same-named frames with unrelated content (4b1c6c)."""

    id = "act:4b1c6c"

    async def run(self, context: PageContext) -> list[Finding]:
        """One finding per frame whose content shares almost nothing with an earlier frame of the same name."""
        page = context.page
        if len(page.frames) < 3:  # the main frame and at least two others
            return []
        origin = _origin(page.url)
        by_name: dict[str, list[dict[str, Any]]] = {}
        for frame in page.frames[1 : MAX_FRAMES + 1]:
            with contextlib.suppress(Exception):  # frames come and go; a detached one is simply skipped
                element = await frame.frame_element()
                described = await element.evaluate(FRAME_ELEMENT_JS)
                if not described["name"] or not described["exposed"]:
                    continue
                same_origin = frame.url in ("about:srcdoc", "about:blank") or _origin(frame.url) == origin
                text = await frame.evaluate(CONTENT_JS) if same_origin else None
                by_name.setdefault(described["name"], []).append({"info": described["info"], "text": text})
        findings = []
        for frames in by_name.values():
            readable = [f for f in frames if f["text"] and WORD.search(f["text"])]
            for later in readable[1:]:
                overlap = shared_words(readable[0]["text"], later["text"])
                if overlap < MAX_SHARED_WORDS:
                    findings.append(act_finding(RULE, later["info"], details={"shared_words": round(overlap, 2)}))
        return findings
