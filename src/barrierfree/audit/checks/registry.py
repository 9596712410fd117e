"""The list of checks an audit runs."""

from __future__ import annotations

from barrierfree.audit.checks.act import ACT_CHECKS
from barrierfree.audit.checks.axe import AxeCheck
from barrierfree.audit.checks.base import Check
from barrierfree.audit.checks.chinese import CHINESE_CHECKS
from barrierfree.audit.checks.miit import MIIT_CHECKS


def default_checks(*, all_axe_rules: bool = False, include_incomplete: bool = False) -> list[Check]:
    """axe-core plus every check of ours."""
    axe: Check = AxeCheck(all_rules=all_axe_rules, include_incomplete=include_incomplete)
    return [axe, *ACT_CHECKS, *MIIT_CHECKS, *CHINESE_CHECKS]
