"""ACT b20e66 and fd3a94: links with the same accessible name lead to equivalent content.

Links that read the same ("Contact us") should go to the same place, or at least to equivalent content; for
fd3a94 this is required of links in the same context (the same paragraph, list item or table cell), for b20e66
of all links on the page. Links whose targets differ are followed: each target (on this site only, at most
MAX_TARGETS per page) is opened in a new tab of the same browser context, redirects included, and its text is
compared with the other's. Targets that share almost no words are different content; anything that cannot be read
(another site, an error, a page without text) is not judged.
"""

from __future__ import annotations

import contextlib
from typing import Any
from urllib.parse import urldefrag, urlsplit

from barrierfree.audit.checks.act import _cdp
from barrierfree.audit.checks.act._rules import ActCheck, ActRule, act_finding
from barrierfree.audit.checks.act.iframe_names import CONTENT_JS, MAX_SHARED_WORDS, WORD, shared_words
from barrierfree.audit.checks.base import PageContext
from barrierfree.audit.findings import Finding
from barrierfree.core.i18n import N_

SAME_CONTEXT = ActRule(
    "fd3a94",
    ("2.4.4",),
    N_("Links with the same name in the same context lead to different content."),
    impact="moderate",
)
SAME_NAME = ActRule("b20e66", ("2.4.9",), N_("Links with the same name lead to different content."), impact="minor")
MAX_TARGETS = 4
"""At most this many link targets are opened per page."""
TARGET_TIMEOUT_MS = 8000
REDIRECT_WAIT_MS = 300
"""Time for an immediate (meta refresh or script) redirect to happen after a target loads."""

COLLECT_JS = """() => [...document.querySelectorAll('a[href], area[href], [role=link]')]
  .filter(el => el.getClientRects().length > 0 && !el.closest('[aria-hidden="true" i]'))"""
DESCRIBE_JS = """(el) => {
  let target = el.href && typeof el.href === 'string' ? el.href : '';
  if (!target && el.href && el.href.baseVal) target = new URL(el.href.baseVal, document.baseURI).href;
  if (!target) {
    const script = el.getAttribute('onclick') || '';
    const m = /location(?:\\.href)?\\s*=\\s*['"]([^'"]+)['"]|location\\.(?:assign|replace)\\(\\s*['"]([^'"]+)['"]/.exec(script);
    if (m) target = new URL(m[1] || m[2], document.baseURI).href;
  }
  const ids = window[Symbol.for('barrierfree.link-contexts')] ||
    (window[Symbol.for('barrierfree.link-contexts')] = {map: new WeakMap(), next: 0});
  const context = el.closest('p, li, td, th, dd, dt, [role=paragraph], [role=listitem], [role=cell], [role=gridcell]')
    || el.parentElement;
  if (!ids.map.has(context)) ids.map.set(context, ids.next++);
  return {target, context: ids.map.get(context)};
}"""


async def _read(context: PageContext, url: str) -> str | None:
    """The text of ``url`` opened in a new tab (after redirects), or None when it cannot be read."""
    tab = await context.page.context.new_page()
    try:
        response = await tab.goto(url, wait_until="load", timeout=TARGET_TIMEOUT_MS)
        if response is not None and not response.ok:
            return None
        await tab.wait_for_timeout(REDIRECT_WAIT_MS)
        await tab.wait_for_load_state("load", timeout=TARGET_TIMEOUT_MS)
        text = await tab.evaluate(CONTENT_JS)
        return text if WORD.search(text or "") else None
    except Exception:  # a target that fails to load is simply not judged
        return None
    finally:
        with contextlib.suppress(Exception):
            await tab.close()


class LinkPurposeCheck(ActCheck):
    """Same-named links to different content (b20e66, fd3a94)."""

    id = "act:link-purpose"

    async def run(self, context: PageContext) -> list[Finding]:
        """Findings for same-named links whose targets share almost no content."""
        origin = urlsplit(context.page.url)[:2]
        groups: dict[str, list[dict[str, Any]]] = {}
        async with _cdp.query(context, COLLECT_JS, DESCRIBE_JS) as links:
            for link in links:
                target = urldefrag((link.data or {}).get("target") or "")[0]
                if not link.name or not target or link.ax.get("ignored"):
                    continue
                if urlsplit(target)[:2] != origin:
                    continue
                entry = {"target": target, "context": link.data["context"], "link": link}
                groups.setdefault(" ".join(link.name.lower().split()), []).append(entry)
            pairs = []
            for entries in groups.values():
                differing = [
                    (a, b) for i, a in enumerate(entries) for b in entries[i + 1 :] if a["target"] != b["target"]
                ]
                if differing:
                    same_context = [(a, b) for a, b in differing if a["context"] == b["context"]]
                    pairs.append((same_context or differing)[0])
            texts: dict[str, str | None] = {}
            findings = []
            for first, other in pairs:
                for url in (first["target"], other["target"]):
                    if url not in texts and len(texts) < MAX_TARGETS:
                        texts[url] = await _read(context, url)
                a, b = texts.get(first["target"]), texts.get(other["target"])
                if a is None or b is None or shared_words(a, b) >= MAX_SHARED_WORDS:
                    continue
                info = await _cdp.element_info(context, other["link"])
                details = {"targets": [first["target"], other["target"]], "shared_words": round(shared_words(a, b), 2)}
                findings.append(act_finding(SAME_NAME, info, details=details))
                if first["context"] == other["context"]:
                    findings.append(act_finding(SAME_CONTEXT, info, details=details))
        return findings
