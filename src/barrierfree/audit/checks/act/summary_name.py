"""ACT 2t702h: the summary element that opens a details element has a non-empty accessible name.

Only the summary that actually works as the disclosure control counts: the first ``summary`` child of a
``details`` element, whose role the author has not replaced (``role="none"`` does not remove the role of a
focusable element, so such a summary still counts).
"""

from __future__ import annotations

from barrierfree.audit.checks.act import _cdp
from barrierfree.audit.checks.act._rules import ActCheck, ActRule, act_finding
from barrierfree.audit.checks.base import PageContext
from barrierfree.audit.findings import Finding
from barrierfree.core.i18n import N_

RULE = ActRule("2t702h", ("4.1.2",), N_("A summary element that opens a details element has no accessible name."))

COLLECT_JS = """() => [...document.querySelectorAll('details > summary')].filter(s =>
  s.parentElement.querySelector(':scope > summary') === s &&
  ['', 'none', 'presentation'].includes((s.getAttribute('role') || '').trim().toLowerCase()))"""


class SummaryNameCheck(ActCheck):
    """Empty disclosure summaries (2t702h)."""

    id = "act:2t702h"

    async def run(self, context: PageContext) -> list[Finding]:
        """One finding per details element whose summary has no accessible name."""
        findings = []
        async with _cdp.query(context, COLLECT_JS) as elements:
            for element in elements:
                if element.exposed and not element.ax.get("ignored") and not element.name:
                    findings.append(act_finding(RULE, await _cdp.element_info(context, element)))
        return findings
