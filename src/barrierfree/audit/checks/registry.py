"""The list of checks an audit runs."""

from __future__ import annotations

from barrierfree.audit.checks.act import ACT_CHECKS
from barrierfree.audit.checks.axe import AxeCheck
from barrierfree.audit.checks.base import Check
from barrierfree.audit.checks.chinese import CHINESE_CHECKS
from barrierfree.audit.checks.miit import MIIT_CHECKS

SUPERSEDED_AXE_RULES: dict[str, tuple[str, ...]] = {
    "avoid-inline-spacing": ("24afc2", "9e45ec", "78fd32"),
    "label-content-name-mismatch": ("2ee8b8",),
    "frame-focusable-content": ("akn7bn",),
}
"""axe rules left off because a check of ours implements the same ACT rules (the values) more faithfully.

``avoid-inline-spacing`` flags an element whose own text is all restyled by a child, and inherited spacing on
smaller text; ``act.text_spacing`` follows the ACT rules. ``label-content-name-mismatch`` (experimental, off in
axe's default run anyway) compares strings, not words, and ignores the ACT algorithm's bracketed hints;
``act.label_in_name`` does both. ``frame-focusable-content`` also fails frames made inert by a modal dialog;
``act.iframe_tabindex`` does not. The ACT benchmark measures axe with and without these rules in the same run.
"""


def default_checks(*, all_axe_rules: bool = False, include_incomplete: bool = False) -> list[Check]:
    """axe-core (less the rules ours supersede) plus every check of ours."""
    axe: Check = AxeCheck(
        all_rules=all_axe_rules, include_incomplete=include_incomplete, disabled_rules=SUPERSEDED_AXE_RULES
    )
    return [axe, *ACT_CHECKS, *MIIT_CHECKS, *CHINESE_CHECKS]
