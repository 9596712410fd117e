"""The CJK large-text threshold for contrast, and a contrast check for Chinese text that applies it.

WCAG 1.4.3 asks 4.5:1 for text and 3:1 for "large scale" text: at least 18 point, or 14 point bold, "or font size
that would yield equivalent size for Chinese, Japanese and Korean (CJK) fonts". Neither WCAG 2.2 nor, to our
knowledge, GB/T 37668-2019 gives a separate CJK number, so we set one and say why:

- **Chinese text is large at >= 18 pt (24 CSS px), or >= 14 pt (18.66 CSS px) when bold** - the Latin numbers,
  in CSS px. A Han character fills its em square (no ascenders, descenders or x-height), so at the same CSS size
  it already looks at least as big as Latin text; that argues against a *higher* CJK threshold. We do not lower
  it either: a Han character packs many strokes (繁, 餐, 曦) whose counters close up at small sizes and low
  contrast, which is exactly what the contrast minimum protects. Keeping WCAG's numbers also agrees with axe-core,
  so the two tools never disagree about which minimum applies to a piece of text.
- **Bold means a computed ``font-weight`` of 700 or more.** Many Chinese system fonts ship one weight and the
  browser synthesises bold; the strokes still thicken, so synthesised bold counts as bold.

The check judges samples whose text is mostly Han characters (in any mode), with the same conservative
background rules as the MIIT contrast check (opaque, known backgrounds only).
"""

from __future__ import annotations

from barrierfree.audit.checks.base import PageContext, finding_from_element
from barrierfree.audit.checks.chinese.scripts import count_scripts
from barrierfree.audit.checks.miit.colour import BOLD_WEIGHT, PX_PER_PT, SIZE_TOLERANCE_PX, shown_ratio, text_contrast
from barrierfree.audit.checks.miit.dom import MAX_FINDINGS_PER_RULE
from barrierfree.audit.checks.miit.text_samples import text_samples
from barrierfree.audit.findings import Finding, Source
from barrierfree.core.i18n import N_

RULE = "zh:cjk-contrast"
WCAG = ("1.4.3",)
CJK_LARGE_TEXT_PT = 18
CJK_LARGE_BOLD_TEXT_PT = 14
CJK_LARGE_TEXT_PX = CJK_LARGE_TEXT_PT * PX_PER_PT
"""24 CSS px."""
CJK_LARGE_BOLD_TEXT_PX = CJK_LARGE_BOLD_TEXT_PT * PX_PER_PT
"""18.66 CSS px."""
NORMAL_RATIO = 4.5
LARGE_RATIO = 3.0
CHINESE_SHARE = 0.5
"""Han characters among a sample's letters for the sample to be Chinese text."""
SUMMARY = N_("Chinese text contrast is {ratio}:1; at least {required}:1 is needed for its size")


def is_cjk_large_text(font_size_px: float, font_weight: int) -> bool:
    """Large Chinese text: >= 24 px, or >= 18.66 px with a computed weight of 700 or more."""
    if font_size_px + SIZE_TOLERANCE_PX >= CJK_LARGE_TEXT_PX:
        return True
    return font_weight >= BOLD_WEIGHT and font_size_px + SIZE_TOLERANCE_PX >= CJK_LARGE_BOLD_TEXT_PX


def cjk_required_ratio(font_size_px: float, font_weight: int) -> float:
    """The contrast minimum for Chinese text of this size and weight: 3:1 when large, else 4.5:1."""
    return LARGE_RATIO if is_cjk_large_text(font_size_px, font_weight) else NORMAL_RATIO


def is_chinese_text(text: str) -> bool:
    """True when Han characters make up at least half of the letters."""
    counts = count_scripts(text)
    return counts.han > 0 and counts.han >= CHINESE_SHARE * counts.letters and counts.kana == 0


class CjkContrastCheck:
    """Chinese text meets 4.5:1, or 3:1 when large by the CJK threshold, against a known background."""

    id = RULE
    source = Source.CHINESE

    async def run(self, context: PageContext) -> list[Finding]:
        """One finding per element of Chinese text below its contrast minimum."""
        findings = []
        for sample in await text_samples(context):
            if sample.background_unknown or not is_chinese_text(sample.text):
                continue
            ratio = text_contrast(sample.colour, sample.background)
            required = cjk_required_ratio(sample.font_size, sample.font_weight)
            if ratio is None or ratio >= required:
                continue
            findings.append(
                finding_from_element(
                    sample.info,
                    rule=RULE,
                    source=Source.CHINESE,
                    summary=SUMMARY,
                    wcag=WCAG,
                    details={
                        "ratio": shown_ratio(ratio),
                        "required": required,
                        "size": round(sample.font_size, 1),
                        "weight": sample.font_weight,
                        "large": required == LARGE_RATIO,
                        "colour": sample.colour,
                        "background": list(sample.background),
                    },
                )
            )
            if len(findings) >= MAX_FINDINGS_PER_RULE:
                break
        return findings
