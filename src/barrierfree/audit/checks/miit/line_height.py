"""MIIT: line height in elder mode is at least 1.3 times the font size.

Applies to running text: text in prose containers (paragraphs, list items, table cells, labels ...) and any text
that wraps onto two or more lines. ``line-height: normal`` is measured in the element's own font.
"""

from __future__ import annotations

from barrierfree.audit.checks.base import PageContext, finding_from_element
from barrierfree.audit.checks.miit.dom import MAX_FINDINGS_PER_RULE
from barrierfree.audit.checks.miit.text_samples import has_words, text_samples
from barrierfree.audit.findings import Finding, Source
from barrierfree.core.i18n import N_

RULE = "miit:line-height"
MIN_LINE_HEIGHT_RATIO = 1.3
RATIO_TOLERANCE = 0.005
"""Computed line heights are rounded by the engine: 1.3 x 23 px may come back as 29.89 px."""
SUMMARY = N_("Line height is {ratio} times the font size in elder mode; at least {minimum} is needed")


class LineHeightCheck:
    """Running text in elder mode has a line height of at least 1.3 (elder mode only)."""

    id = RULE
    source = Source.MIIT

    async def run(self, context: PageContext) -> list[Finding]:
        """One finding per element of running text set tighter than 1.3."""
        if not context.elder_mode:
            return []
        findings = []
        for sample in await text_samples(context):
            ratio = sample.line_height_ratio
            if ratio is None or not has_words(sample.text) or not (sample.prose or sample.lines >= 2):
                continue
            if ratio + RATIO_TOLERANCE >= MIN_LINE_HEIGHT_RATIO:
                continue
            findings.append(
                finding_from_element(
                    sample.info,
                    rule=RULE,
                    source=Source.MIIT,
                    summary=SUMMARY,
                    details={"ratio": round(ratio, 2), "minimum": MIN_LINE_HEIGHT_RATIO},
                    impact="moderate",
                )
            )
            if len(findings) >= MAX_FINDINGS_PER_RULE:
                break
        return findings
