"""ACT kb1m8s: ARIA global properties are not used where the element's role prohibits them.

Naming attributes (``aria-label``, ``aria-labelledby``, ``aria-braillelabel``) are prohibited on roles that cannot
be named, such as ``generic`` (a plain ``div`` or ``span``) and ``paragraph``; role descriptions are prohibited on
``generic`` and presentational elements. Browsers ignore such attributes, so what the author meant to say is lost.
The role is the one Chromium computes, unless the author set ``role="none"`` or ``role="presentation"``.
"""

from __future__ import annotations

import json

from barrierfree.audit.checks.act import _cdp
from barrierfree.audit.checks.act._rules import ActCheck, ActRule, act_finding
from barrierfree.audit.checks.base import PageContext
from barrierfree.audit.findings import Finding
from barrierfree.core.i18n import N_

RULE = ActRule(
    "kb1m8s",
    ("1.3.1",),
    N_("An ARIA attribute is used on an element whose role prohibits it, so it is ignored."),
    impact="moderate",
)
NAMING_ATTRIBUTES = ("aria-label", "aria-labelledby", "aria-braillelabel")
DESCRIPTION_ATTRIBUTES = ("aria-roledescription", "aria-brailleroledescription")
PRESENTATIONAL = frozenset({"none", "presentation"})
NAME_PROHIBITED_ROLES = frozenset(
    {
        "caption",
        "code",
        "deletion",
        "emphasis",
        "generic",
        "insertion",
        "paragraph",
        "strong",
        "subscript",
        "superscript",
        *PRESENTATIONAL,
    }
)
"""WAI-ARIA 1.2 roles that prohibit naming (plus the presentational ones)."""
DESCRIPTION_PROHIBITED_ROLES = frozenset({"generic", *PRESENTATIONAL})

COLLECT_JS = (
    "() => { const names = "
    + json.dumps([*NAMING_ATTRIBUTES, *DESCRIPTION_ATTRIBUTES])
    + """;
  return [...document.querySelectorAll(names.map(n => '[' + n + ']').join(','))]
    .filter(el => names.some(n => (el.getAttribute(n) || '').trim()));
}"""
)
DESCRIBE_JS = """(el) => ({
  role: (el.getAttribute('role') || '').trim().toLowerCase().split(/\\s+/)[0] || '',
  attributes: [...el.attributes].map(a => a.name).filter(n => n.startsWith('aria-') && el.getAttribute(n).trim()),
})"""


def prohibited_attributes(role: str, attributes: list[str]) -> list[str]:
    """The attributes of ``attributes`` that ``role`` prohibits."""
    found = []
    if role in NAME_PROHIBITED_ROLES:
        found += [a for a in attributes if a in NAMING_ATTRIBUTES]
    if role in DESCRIPTION_PROHIBITED_ROLES:
        found += [a for a in attributes if a in DESCRIPTION_ATTRIBUTES]
    return found


class AriaProhibitedCheck(ActCheck):
    """Naming and role-description attributes on roles that prohibit them (kb1m8s)."""

    id = "act:kb1m8s"

    async def run(self, context: PageContext) -> list[Finding]:
        """One finding per element that carries a prohibited global ARIA attribute."""
        findings = []
        async with _cdp.query(context, COLLECT_JS, DESCRIBE_JS) as elements:
            for element in elements:
                if not element.exposed or not element.data:
                    continue
                explicit = element.data["role"]
                role = explicit if explicit in PRESENTATIONAL else element.role.lower()
                if element.ax.get("ignored") and "uninteresting" in element.ignored_reasons:
                    role = "generic"
                bad = prohibited_attributes(role, element.data["attributes"])
                if bad:
                    info = await _cdp.element_info(context, element)
                    findings.append(act_finding(RULE, info, details={"role": role, "attributes": bad}))
        return findings
