"""MIIT: text contrast in elder mode is at least 4.5:1, or 3:1 for large text (WCAG 1.4.3's numbers).

Conservative by design: only samples whose background is certain (opaque colour layers, no image, no overlap, no
opacity or filter) are judged; axe-core's ``color-contrast`` rule covers the page in every mode as well.
"""

from __future__ import annotations

from barrierfree.audit.checks.base import PageContext, finding_from_element
from barrierfree.audit.checks.miit.colour import is_large_text, required_ratio, shown_ratio, text_contrast
from barrierfree.audit.checks.miit.dom import MAX_FINDINGS_PER_RULE
from barrierfree.audit.checks.miit.text_samples import has_words, text_samples
from barrierfree.audit.findings import Finding, Source
from barrierfree.core.i18n import N_

RULE = "miit:contrast"
WCAG = ("1.4.3",)
SUMMARY = N_("Text contrast is {ratio}:1 in elder mode; at least {required}:1 is needed")


class ContrastCheck:
    """Text in elder mode meets 4.5:1 (3:1 when large) against a known background (elder mode only)."""

    id = RULE
    source = Source.MIIT

    async def run(self, context: PageContext) -> list[Finding]:
        """One finding per element whose text contrast is below the minimum for its size."""
        if not context.elder_mode:
            return []
        findings = []
        for sample in await text_samples(context):
            if sample.background_unknown or not has_words(sample.text):
                continue
            ratio = text_contrast(sample.colour, sample.background)
            large = is_large_text(sample.font_size, sample.font_weight)
            required = required_ratio(large)
            if ratio is None or ratio >= required:
                continue
            findings.append(
                finding_from_element(
                    sample.info,
                    rule=RULE,
                    source=Source.MIIT,
                    summary=SUMMARY,
                    wcag=WCAG,
                    details={
                        "ratio": shown_ratio(ratio),
                        "required": required,
                        "size": round(sample.font_size, 1),
                        "weight": sample.font_weight,
                        "large": large,
                        "colour": sample.colour,
                        "background": list(sample.background),
                    },
                )
            )
            if len(findings) >= MAX_FINDINGS_PER_RULE:
                break
        return findings
