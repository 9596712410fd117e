"""ACT b4f0c3: the meta viewport element does not stop people from zooming.

``user-scalable=no`` (or any value below 1, or an unknown keyword, which browsers read as 0) and a
``maximum-scale`` below 2 (unknown keywords read as the minimum) both prevent zooming on mobile browsers.
"""

from __future__ import annotations

import re

from barrierfree.audit.checks.act._rules import ActCheck, ActRule, act_finding
from barrierfree.audit.checks.base import ELEMENT_INFO_JS, PageContext
from barrierfree.audit.findings import Finding
from barrierfree.core.i18n import N_

RULE = ActRule("b4f0c3", ("1.4.4",), N_("The meta viewport element prevents zooming."))
MIN_MAXIMUM_SCALE = 2.0
"""ACT b4f0c3: a maximum scale below 200 % fails."""
DEVICE_KEYWORDS = ("device-width", "device-height")
DEVICE_SCALE = 10.0
ALLOWED = "allowed"
SEPARATORS = re.compile(r"[,;]")

COLLECT_JS = f"""() => [...document.querySelectorAll('meta[name]')]
  .filter(m => m.name.trim().toLowerCase() === 'viewport' && m.hasAttribute('content'))
  .map(m => ({{content: m.getAttribute('content'), info: ({ELEMENT_INFO_JS})(m)}}))"""


def viewport_properties(content: str) -> dict[str, str]:
    """``"width=device-width, user-scalable=no"`` -> ``{"width": "device-width", "user-scalable": "no"}``."""
    properties = {}
    for part in SEPARATORS.split(content):
        key, _eq, value = part.partition("=")
        if key.strip():
            properties[key.strip().lower()] = value.strip().lower()
    return properties


def _number(value: str) -> float | None:
    match = re.match(r"^[+-]?(\d+\.?\d*|\.\d+)", value)
    return float(match.group(0)) if match else None


def zoom_problems(content: str) -> list[str]:
    """What in a viewport ``content`` blocks zooming, as ``property=value`` strings (empty when zoom works)."""
    properties = viewport_properties(content)
    problems = []
    scalable = properties.get("user-scalable")
    if scalable is not None and scalable != "yes" and scalable not in DEVICE_KEYWORDS:
        number = _number(scalable)
        if number is None or abs(number) < 1:
            problems.append(f"user-scalable={scalable}")
    maximum = properties.get("maximum-scale")
    if maximum is not None:
        if maximum in DEVICE_KEYWORDS:
            scale: float | None = DEVICE_SCALE
        elif maximum == "yes":
            scale = 1.0
        else:
            scale = _number(maximum)
            scale = 0.0 if scale is None else scale
        if scale is not None and 0 <= scale < MIN_MAXIMUM_SCALE:
            problems.append(f"maximum-scale={maximum}")
    return problems


class MetaViewportCheck(ActCheck):
    """Zoom blocked by the meta viewport element (b4f0c3)."""

    id = "act:b4f0c3"

    async def run(self, context: PageContext) -> list[Finding]:
        """One finding per meta viewport element that blocks zooming."""
        findings = []
        for meta in await context.page.evaluate(COLLECT_JS):
            problems = zoom_problems(meta["content"] or "")
            if problems:
                findings.append(act_finding(RULE, meta["info"], details={"blocks": problems}))
        return findings
