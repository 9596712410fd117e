"""MIIT: body text in elder mode is at least 18 CSS px (《移动互联网应用（APP）适老化通用设计规范》 text size)."""

from __future__ import annotations

from barrierfree.audit.checks.base import PageContext, finding_from_element
from barrierfree.audit.checks.miit.dom import MAX_FINDINGS_PER_RULE
from barrierfree.audit.checks.miit.text_samples import has_words, text_samples
from barrierfree.audit.findings import Finding, Source
from barrierfree.core.i18n import N_

RULE = "miit:text-size"
MIN_ELDER_TEXT_PX = 18.0
SIZE_TOLERANCE_PX = 0.05
SUMMARY = N_("Text is {size} px in elder mode; at least {minimum} px is needed")


class TextSizeCheck:
    """Every visible text in elder mode is drawn at 18 px or more (elder mode only)."""

    id = RULE
    source = Source.MIIT

    async def run(self, context: PageContext) -> list[Finding]:
        """One finding per element whose own text is smaller than 18 px."""
        if not context.elder_mode:
            return []
        findings = []
        for sample in await text_samples(context):
            if not has_words(sample.text) or sample.font_size + SIZE_TOLERANCE_PX >= MIN_ELDER_TEXT_PX:
                continue
            findings.append(
                finding_from_element(
                    sample.info,
                    rule=RULE,
                    source=Source.MIIT,
                    summary=SUMMARY,
                    details={"size": round(sample.font_size, 1), "minimum": MIN_ELDER_TEXT_PX},
                )
            )
            if len(findings) >= MAX_FINDINGS_PER_RULE:
                break
        return findings
