"""What every ACT check shares: the rule metadata it reports, and how a finding for a rule is built."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from barrierfree.audit.checks.base import finding_from_element
from barrierfree.audit.findings import Finding, Outcome, Source


@dataclass(frozen=True)
class ActRule:
    """A W3C ACT rule as we report it.

    ``wcag`` lists the success criteria the rule maps to; it is empty for the atomic rules the ACT task force
    does not map on their own (such as the four ways to bypass blocks): failing one of those is a warning that a
    technique is missing, not a failed criterion by itself.
    """

    id: str
    wcag: tuple[str, ...]
    summary: str
    impact: str = "serious"


def act_finding(
    rule: ActRule,
    info: dict[str, Any] | None = None,
    *,
    outcome: Outcome = Outcome.FAILED,
    details: dict[str, Any] | None = None,
) -> Finding:
    """A finding for ``rule``, on the element described by ``info`` (from ELEMENT_INFO_JS) or on the page."""
    return finding_from_element(
        info or {},
        rule=f"act:{rule.id}",
        source=Source.ACT,
        summary=rule.summary,
        wcag=rule.wcag,
        act_rules=(rule.id,),
        outcome=outcome,
        impact=rule.impact,
        details=details,
    )


class ActCheck:
    """Base of the ACT checks: they all report with ``source = Source.ACT``."""

    id = "act"
    source = Source.ACT
