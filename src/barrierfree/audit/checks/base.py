"""The protocol every check follows, and helpers most checks share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from barrierfree.audit.findings import Box, Finding, Outcome, Source


@dataclass
class PageContext:
    """What a check gets: the loaded Playwright page (async API) and how it was loaded."""

    page: Any
    """A ``playwright.async_api.Page`` with the page loaded and axe-core available as ``window.axe``."""
    url: str
    elder_mode: bool = False
    cdp: Any = None
    """A Chromium CDP session for the page (``Accessibility.getFullAXTree``), opened lazily by ``cdp_session``."""

    async def cdp_session(self) -> Any:
        """The page's CDP session, opened on first use."""
        if self.cdp is None:
            self.cdp = await self.page.context.new_cdp_session(self.page)
        return self.cdp


class Check(Protocol):
    """One family of rules run on a loaded page."""

    id: str
    source: Source

    async def run(self, context: PageContext) -> list[Finding]:
        """Return the findings on the page (an empty list when it passes)."""


ELEMENT_INFO_JS = """(el) => {
  const r = el.getBoundingClientRect();
  const path = [];
  for (let node = el; node && node.nodeType === 1 && path.length < 6; node = node.parentElement) {
    let part = node.localName;
    if (node.id) { part += '#' + CSS.escape(node.id); path.unshift(part); break; }
    const parent = node.parentElement;
    if (parent) {
      const same = [...parent.children].filter(c => c.localName === node.localName);
      if (same.length > 1) part += `:nth-of-type(${same.indexOf(node) + 1})`;
    }
    path.unshift(part);
  }
  return {selector: path.join(' > '), snippet: el.outerHTML.slice(0, 240),
          box: [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height]};
}"""


def finding_from_element(
    info: dict[str, Any],
    *,
    rule: str,
    source: Source,
    summary: str,
    wcag: tuple[str, ...] = (),
    act_rules: tuple[str, ...] = (),
    outcome: Outcome = Outcome.FAILED,
    impact: str = "serious",
    details: dict[str, Any] | None = None,
) -> Finding:
    """Build a finding from the result of :data:`ELEMENT_INFO_JS` evaluated on an element."""
    x, y, width, height = info.get("box") or (0, 0, 0, 0)
    return Finding(
        rule=rule,
        source=source,
        outcome=outcome,
        summary=summary,
        wcag=wcag,
        act_rules=act_rules,
        selector=info.get("selector", ""),
        snippet=info.get("snippet", ""),
        impact=impact,
        box=Box(x, y, width, height) if width and height else None,
        details=details or {},
    )
