"""axe-core, run on the loaded page (it was injected once per context as an init script)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from barrierfree.audit.checks.base import PageContext
from barrierfree.audit.findings import Box, Finding, Outcome, Source

WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa")
SC_TAG = re.compile(r"^wcag(\d)(\d)(\d+)$")
MAX_NODES_PER_RULE = 25

RUN_JS = """async ([options, MAX_NODES]) => {
  if (!window.axe) { return {error: 'axe-core is not available in this page'}; }
  const rules = Object.fromEntries(axe.getRules().map(r => [r.ruleId, r.actIds || []]));
  const result = await axe.run(document, options);
  const boxes = (node) => {
    const target = node.target[node.target.length - 1];
    let el = null;
    try { el = typeof target === 'string' ? document.querySelector(target) : null; } catch (e) { el = null; }
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height];
  };
  const pack = (list) => list.map(rule => ({id: rule.id, impact: rule.impact, help: rule.help, tags: rule.tags,
      actIds: rules[rule.id] || [],
      nodes: rule.nodes.slice(0, MAX_NODES).map(n => ({target: n.target.map(String), html: n.html.slice(0, 240),
                                                 box: boxes(n)}))}));
  return {violations: pack(result.violations), incomplete: pack(result.incomplete)};
}"""


def wcag_criteria(tags: list[str]) -> tuple[str, ...]:
    """WCAG success criteria from axe tags: ``wcag143`` -> ``1.4.3``."""
    found = []
    for tag in tags:
        match = SC_TAG.match(tag)
        if match:
            found.append(".".join(match.groups()))
    return tuple(found)


class AxeCheck:
    """Runs axe-core with WCAG 2.x A/AA rules (or every rule, for the ACT benchmark), less ``disabled_rules``."""

    id = "axe"
    source = Source.AXE

    def __init__(
        self, *, all_rules: bool = False, include_incomplete: bool = False, disabled_rules: Iterable[str] = ()
    ) -> None:
        self.all_rules = all_rules
        self.include_incomplete = include_incomplete
        self.disabled_rules = tuple(disabled_rules)

    def _options(self) -> dict[str, Any]:
        options: dict[str, Any] = {
            "resultTypes": ["violations", "incomplete"] if self.include_incomplete else ["violations"]
        }
        if not self.all_rules:
            options["runOnly"] = {"type": "tag", "values": list(WCAG_TAGS)}
        if self.disabled_rules:
            options["rules"] = {rule_id: {"enabled": False} for rule_id in self.disabled_rules}
        return options

    async def run(self, context: PageContext) -> list[Finding]:
        """axe's violations (and, if asked, its incomplete results) as findings, one per element."""
        raw = await context.page.evaluate(RUN_JS, [self._options(), MAX_NODES_PER_RULE])
        if raw.get("error"):
            raise RuntimeError(raw["error"])
        findings = self._findings(raw["violations"], Outcome.FAILED)
        if self.include_incomplete:
            findings += self._findings(raw["incomplete"], Outcome.CANT_TELL)
        return findings

    @staticmethod
    def _findings(rules: list[dict[str, Any]], outcome: Outcome) -> list[Finding]:
        findings = []
        for rule in rules:
            for node in rule["nodes"]:
                box = node.get("box")
                findings.append(
                    Finding(
                        rule=f"axe:{rule['id']}",
                        source=Source.AXE,
                        outcome=outcome,
                        summary=rule["help"],
                        wcag=wcag_criteria(rule["tags"]),
                        act_rules=tuple(rule["actIds"]),
                        selector=" ".join(node["target"]),
                        snippet=node["html"],
                        impact=rule.get("impact") or "moderate",
                        box=Box(*box) if box and box[2] and box[3] else None,
                    )
                )
        return findings
