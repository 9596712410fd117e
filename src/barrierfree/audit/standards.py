"""The standards a finding is measured against: WCAG 2.2, GB/T 37668-2019 and the MIIT elderly-friendly rules.

- **WCAG 2.2**: every success criterion with its English name and level (4.1.1 Parsing is kept, marked obsolete:
  WCAG 2.2 removed it, GB/T 37668-2019 still has it).
- **GB/T 37668-2019** 《信息技术 互联网内容无障碍可访问性技术要求与测试方法》 follows WCAG 2.0's structure
  (principles 可感知性 / 可操作性 / 可理解性 / 鲁棒性, guidelines, success criteria) with two conformance
  levels, 一级 (about WCAG A) and 二级 (about AA). Its indicator table is not freely published, so each WCAG 2.0
  criterion is mapped to the GB/T indicator *of the same number* at the level that corresponds to its WCAG level.
  That mapping is ours and has not been checked against the standard's text (:data:`GBT_DISCLAIMER`). WCAG 2.1
  and 2.2 criteria have no GB/T counterpart; WCAG 2.0 AAA criteria are not mapped.
- **MIIT** 《互联网网站适老化通用设计规范》 and 《移动互联网应用（APP）适老化通用设计规范》 (2021): each ``miit:``
  rule is mapped to the requirement it checks by topic; clause numbers and wording are not verified
  (:data:`MIIT_DISCLAIMER`).

:func:`readiness` sums a report up per level: WCAG A and AA, GB/T 一级 and 二级, and the MIIT rules.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from barrierfree.audit.findings import Finding, Outcome, PageStatus, Source
from barrierfree.core.i18n import N_

if TYPE_CHECKING:
    from barrierfree.audit.runner import AuditReport

WCAG_VERSION = "2.2"
GBT_STANDARD = "GB/T 37668-2019"
GBT_TITLE = "信息技术 互联网内容无障碍可访问性技术要求与测试方法"
MIIT_WEBSITE_SPEC = "《互联网网站适老化通用设计规范》"
MIIT_APP_SPEC = "《移动互联网应用（APP）适老化通用设计规范》"

GBT_DISCLAIMER = N_(
    "GB/T 37668-2019 follows the structure of WCAG 2.0, but its table of indicators is not freely published. "
    "barrierfree maps each WCAG 2.0 success criterion to the GB/T indicator with the same number, level A to "
    "level 1 and level AA to level 2. This mapping has not been verified against the text of the standard. "
    "WCAG 2.1 and 2.2 criteria have no GB/T 37668-2019 counterpart, and WCAG 2.0 AAA criteria are not mapped."
)
MIIT_DISCLAIMER = N_(
    "The MIIT elderly-friendly rules are checked as measurable requirements (text size, enlargement, line "
    "height, contrast, target size, pop-ups and adverts, CAPTCHA alternatives, an elder-mode entry). They are "
    "matched to the MIIT website and app specifications by topic; clause numbers and wording have not been "
    "verified against the published texts."
)
AUTOMATION_DISCLAIMER = N_(
    "Automated checks find only part of the barriers a page can have. A level with no failures found is not a "
    "conformance claim: keyboard use, screen readers, media alternatives and content still need a person to "
    "test them."
)


class WcagLevel(enum.StrEnum):
    """WCAG conformance levels."""

    A = "A"
    AA = "AA"
    AAA = "AAA"


class GbtLevel(enum.IntEnum):
    """GB/T 37668-2019 conformance levels: 一级 and 二级."""

    ONE = 1
    TWO = 2


@dataclass(frozen=True)
class SuccessCriterion:
    """One WCAG success criterion."""

    number: str
    name: str
    """English name (a message id: reports translate it)."""
    level: WcagLevel
    since: str = "2.0"
    obsolete: bool = False
    """True for 4.1.1 Parsing, removed in WCAG 2.2."""

    @property
    def guideline(self) -> str:
        """The guideline number, e.g. ``1.4``."""
        return self.number.rsplit(".", 1)[0]

    @property
    def principle(self) -> str:
        """The principle number, ``1`` to ``4``."""
        return self.number.split(".", 1)[0]


def _sc(number: str, name: str, level: str, since: str = "2.0", *, obsolete: bool = False) -> SuccessCriterion:
    return SuccessCriterion(number, name, WcagLevel(level), since, obsolete)


PRINCIPLES: dict[str, str] = {
    "1": N_("Perceivable"),
    "2": N_("Operable"),
    "3": N_("Understandable"),
    "4": N_("Robust"),
}
GBT_PRINCIPLES: dict[str, str] = {"1": "可感知性", "2": "可操作性", "3": "可理解性", "4": "鲁棒性"}
GUIDELINES: dict[str, str] = {
    "1.1": N_("Text Alternatives"),
    "1.2": N_("Time-based Media"),
    "1.3": N_("Adaptable"),
    "1.4": N_("Distinguishable"),
    "2.1": N_("Keyboard Accessible"),
    "2.2": N_("Enough Time"),
    "2.3": N_("Seizures and Physical Reactions"),
    "2.4": N_("Navigable"),
    "2.5": N_("Input Modalities"),
    "3.1": N_("Readable"),
    "3.2": N_("Predictable"),
    "3.3": N_("Input Assistance"),
    "4.1": N_("Compatible"),
}

WCAG_CRITERIA: tuple[SuccessCriterion, ...] = (
    _sc("1.1.1", N_("Non-text Content"), "A"),
    _sc("1.2.1", N_("Audio-only and Video-only (Prerecorded)"), "A"),
    _sc("1.2.2", N_("Captions (Prerecorded)"), "A"),
    _sc("1.2.3", N_("Audio Description or Media Alternative (Prerecorded)"), "A"),
    _sc("1.2.4", N_("Captions (Live)"), "AA"),
    _sc("1.2.5", N_("Audio Description (Prerecorded)"), "AA"),
    _sc("1.2.6", N_("Sign Language (Prerecorded)"), "AAA"),
    _sc("1.2.7", N_("Extended Audio Description (Prerecorded)"), "AAA"),
    _sc("1.2.8", N_("Media Alternative (Prerecorded)"), "AAA"),
    _sc("1.2.9", N_("Audio-only (Live)"), "AAA"),
    _sc("1.3.1", N_("Info and Relationships"), "A"),
    _sc("1.3.2", N_("Meaningful Sequence"), "A"),
    _sc("1.3.3", N_("Sensory Characteristics"), "A"),
    _sc("1.3.4", N_("Orientation"), "AA", "2.1"),
    _sc("1.3.5", N_("Identify Input Purpose"), "AA", "2.1"),
    _sc("1.3.6", N_("Identify Purpose"), "AAA", "2.1"),
    _sc("1.4.1", N_("Use of Color"), "A"),
    _sc("1.4.2", N_("Audio Control"), "A"),
    _sc("1.4.3", N_("Contrast (Minimum)"), "AA"),
    _sc("1.4.4", N_("Resize Text"), "AA"),
    _sc("1.4.5", N_("Images of Text"), "AA"),
    _sc("1.4.6", N_("Contrast (Enhanced)"), "AAA"),
    _sc("1.4.7", N_("Low or No Background Audio"), "AAA"),
    _sc("1.4.8", N_("Visual Presentation"), "AAA"),
    _sc("1.4.9", N_("Images of Text (No Exception)"), "AAA"),
    _sc("1.4.10", N_("Reflow"), "AA", "2.1"),
    _sc("1.4.11", N_("Non-text Contrast"), "AA", "2.1"),
    _sc("1.4.12", N_("Text Spacing"), "AA", "2.1"),
    _sc("1.4.13", N_("Content on Hover or Focus"), "AA", "2.1"),
    _sc("2.1.1", N_("Keyboard"), "A"),
    _sc("2.1.2", N_("No Keyboard Trap"), "A"),
    _sc("2.1.3", N_("Keyboard (No Exception)"), "AAA"),
    _sc("2.1.4", N_("Character Key Shortcuts"), "A", "2.1"),
    _sc("2.2.1", N_("Timing Adjustable"), "A"),
    _sc("2.2.2", N_("Pause, Stop, Hide"), "A"),
    _sc("2.2.3", N_("No Timing"), "AAA"),
    _sc("2.2.4", N_("Interruptions"), "AAA"),
    _sc("2.2.5", N_("Re-authenticating"), "AAA"),
    _sc("2.2.6", N_("Timeouts"), "AAA", "2.1"),
    _sc("2.3.1", N_("Three Flashes or Below Threshold"), "A"),
    _sc("2.3.2", N_("Three Flashes"), "AAA"),
    _sc("2.3.3", N_("Animation from Interactions"), "AAA", "2.1"),
    _sc("2.4.1", N_("Bypass Blocks"), "A"),
    _sc("2.4.2", N_("Page Titled"), "A"),
    _sc("2.4.3", N_("Focus Order"), "A"),
    _sc("2.4.4", N_("Link Purpose (In Context)"), "A"),
    _sc("2.4.5", N_("Multiple Ways"), "AA"),
    _sc("2.4.6", N_("Headings and Labels"), "AA"),
    _sc("2.4.7", N_("Focus Visible"), "AA"),
    _sc("2.4.8", N_("Location"), "AAA"),
    _sc("2.4.9", N_("Link Purpose (Link Only)"), "AAA"),
    _sc("2.4.10", N_("Section Headings"), "AAA"),
    _sc("2.4.11", N_("Focus Not Obscured (Minimum)"), "AA", "2.2"),
    _sc("2.4.12", N_("Focus Not Obscured (Enhanced)"), "AAA", "2.2"),
    _sc("2.4.13", N_("Focus Appearance"), "AAA", "2.2"),
    _sc("2.5.1", N_("Pointer Gestures"), "A", "2.1"),
    _sc("2.5.2", N_("Pointer Cancellation"), "A", "2.1"),
    _sc("2.5.3", N_("Label in Name"), "A", "2.1"),
    _sc("2.5.4", N_("Motion Actuation"), "A", "2.1"),
    _sc("2.5.5", N_("Target Size (Enhanced)"), "AAA", "2.1"),
    _sc("2.5.6", N_("Concurrent Input Mechanisms"), "AAA", "2.1"),
    _sc("2.5.7", N_("Dragging Movements"), "AA", "2.2"),
    _sc("2.5.8", N_("Target Size (Minimum)"), "AA", "2.2"),
    _sc("3.1.1", N_("Language of Page"), "A"),
    _sc("3.1.2", N_("Language of Parts"), "AA"),
    _sc("3.1.3", N_("Unusual Words"), "AAA"),
    _sc("3.1.4", N_("Abbreviations"), "AAA"),
    _sc("3.1.5", N_("Reading Level"), "AAA"),
    _sc("3.1.6", N_("Pronunciation"), "AAA"),
    _sc("3.2.1", N_("On Focus"), "A"),
    _sc("3.2.2", N_("On Input"), "A"),
    _sc("3.2.3", N_("Consistent Navigation"), "AA"),
    _sc("3.2.4", N_("Consistent Identification"), "AA"),
    _sc("3.2.5", N_("Change on Request"), "AAA"),
    _sc("3.2.6", N_("Consistent Help"), "A", "2.2"),
    _sc("3.3.1", N_("Error Identification"), "A"),
    _sc("3.3.2", N_("Labels or Instructions"), "A"),
    _sc("3.3.3", N_("Error Suggestion"), "AA"),
    _sc("3.3.4", N_("Error Prevention (Legal, Financial, Data)"), "AA"),
    _sc("3.3.5", N_("Help"), "AAA"),
    _sc("3.3.6", N_("Error Prevention (All)"), "AAA"),
    _sc("3.3.7", N_("Redundant Entry"), "A", "2.2"),
    _sc("3.3.8", N_("Accessible Authentication (Minimum)"), "AA", "2.2"),
    _sc("3.3.9", N_("Accessible Authentication (Enhanced)"), "AAA", "2.2"),
    _sc("4.1.1", N_("Parsing"), "A", obsolete=True),
    _sc("4.1.2", N_("Name, Role, Value"), "A"),
    _sc("4.1.3", N_("Status Messages"), "AA", "2.1"),
)
CRITERIA: dict[str, SuccessCriterion] = {criterion.number: criterion for criterion in WCAG_CRITERIA}

_GBT_LEVELS = {WcagLevel.A: GbtLevel.ONE, WcagLevel.AA: GbtLevel.TWO}


@dataclass(frozen=True)
class GbtIndicator:
    """A GB/T 37668-2019 indicator, referenced by the number of the WCAG 2.0 criterion it corresponds to."""

    number: str
    level: GbtLevel

    @property
    def principle(self) -> str:
        """The GB/T principle in Chinese: 可感知性, 可操作性, 可理解性 or 鲁棒性."""
        return GBT_PRINCIPLES[self.number.split(".", 1)[0]]


def gbt_indicator(number: str) -> GbtIndicator | None:
    """The GB/T 37668-2019 indicator for a WCAG criterion, or None (2.1/2.2 criteria, AAA, unknown numbers)."""
    criterion = CRITERIA.get(number)
    if criterion is None or criterion.since != "2.0" or criterion.level not in _GBT_LEVELS:
        return None
    return GbtIndicator(number, _GBT_LEVELS[criterion.level])


@dataclass(frozen=True)
class MiitRequirement:
    """What a ``miit:`` rule checks and where the MIIT specifications ask for it (by topic)."""

    rule: str
    topic: str
    """English topic (a message id)."""
    topic_zh: str
    """The topic as the specifications name it, in Chinese."""
    requirement: str
    """The measurable requirement checked (a message id)."""
    specs: tuple[str, ...] = (MIIT_WEBSITE_SPEC, MIIT_APP_SPEC)
    elder_only: bool = True


MIIT_REQUIREMENTS: dict[str, MiitRequirement] = {
    item.rule: item
    for item in (
        MiitRequirement(
            "miit:text-size",
            N_("Text size"),
            "文字大小",
            N_("Body text in the elder version is at least 18 CSS px."),
        ),
        MiitRequirement(
            "miit:text-enlarge",
            N_("Text enlargement"),
            "文字放大",
            N_("Text can be enlarged to 30 CSS px without being cut off or overlapping."),
        ),
        MiitRequirement(
            "miit:line-height",
            N_("Line spacing"),
            "行间距",
            N_("Running text in the elder version has a line height of at least 1.3."),
        ),
        MiitRequirement(
            "miit:contrast",
            N_("Text contrast"),
            "文字与背景对比度",
            N_("Text contrast in the elder version is at least 4.5:1, or 3:1 for large text."),
        ),
        MiitRequirement(
            "miit:target-size",
            N_("Touch target size"),
            "可点击区域大小",
            N_("Targets are at least 60 × 60 CSS px in the elder version and 44 × 44 CSS px otherwise."),
            elder_only=False,
        ),
        MiitRequirement(
            "miit:no-popups",
            N_("No adverts or pop-ups"),
            "禁止广告与弹窗",
            N_("The elder version shows no adverts, no pop-up layers or dialogs, and opens no windows by itself."),
        ),
        MiitRequirement(
            "miit:captcha-alternative",
            N_("CAPTCHA alternatives"),
            "验证码替代方式",
            N_("Picture and slider CAPTCHAs offer an audio or other non-visual alternative."),
            elder_only=False,
        ),
        MiitRequirement(
            "miit:elder-entry",
            N_("Elder version entry"),
            "适老化版本入口",
            N_("The home page shows a visible entry to the elder version."),
            elder_only=False,
        ),
    )
}


@dataclass(frozen=True)
class FindingStandards:
    """Where one finding stands in each standard."""

    wcag: tuple[SuccessCriterion, ...]
    gbt: tuple[GbtIndicator, ...]
    without_gbt: tuple[str, ...]
    """WCAG criteria of the finding that have no GB/T counterpart."""
    miit: MiitRequirement | None


def standards_of(finding: Finding) -> FindingStandards:
    """The WCAG criteria, GB/T indicators and MIIT requirement a finding bears on."""
    criteria = tuple(CRITERIA[number] for number in finding.wcag if number in CRITERIA)
    indicators = []
    without = []
    for criterion in criteria:
        indicator = gbt_indicator(criterion.number)
        if indicator is None:
            without.append(criterion.number)
        else:
            indicators.append(indicator)
    miit = MIIT_REQUIREMENTS.get(finding.rule) if finding.source is Source.MIIT else None
    return FindingStandards(criteria, tuple(indicators), tuple(without), miit)


class Verdict(enum.StrEnum):
    """A level's state after an audit."""

    FAILED = "failed"
    NO_FAILURES_FOUND = "no-failures-found"
    INCOMPLETE = "incomplete"
    """No failures, but some pages could not be audited (or elder mode was not asked, for the MIIT rules)."""


@dataclass(frozen=True)
class LevelReadiness:
    """One conformance level after an audit: which criteria failed and which need a person to review."""

    standard: str
    """``wcag``, ``gbt`` or ``miit``."""
    level: str
    """``A``/``AA`` (WCAG), ``1``/``2`` (GB/T), ``elder`` (MIIT)."""
    title: str
    """English title (a message id), e.g. "WCAG 2.2 level AA"."""
    failed: tuple[str, ...]
    """Criteria (or MIIT rules) with at least one definite failure."""
    review: tuple[str, ...]
    """Criteria (or MIIT rules) with findings a person must verify, and no definite failure."""
    complete: bool

    @property
    def passed(self) -> bool:
        """True when no definite failure was found at this level."""
        return not self.failed

    @property
    def verdict(self) -> Verdict:
        """Failed, no failures found, or incomplete."""
        if self.failed:
            return Verdict.FAILED
        return Verdict.NO_FAILURES_FOUND if self.complete else Verdict.INCOMPLETE


LEVEL_TITLES = {
    ("wcag", "A"): N_("WCAG 2.2 level A"),
    ("wcag", "AA"): N_("WCAG 2.2 level AA"),
    ("gbt", "1"): N_("GB/T 37668-2019 level 1"),
    ("gbt", "2"): N_("GB/T 37668-2019 level 2"),
    ("miit", "elder"): N_("MIIT elderly-friendly rules"),
}


def _criterion_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


def _scoped(findings: list[Finding], scope: set[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    failed = {n for f in findings if f.outcome is Outcome.FAILED for n in f.wcag if n in scope}
    review = {n for f in findings if f.outcome is Outcome.CANT_TELL for n in f.wcag if n in scope} - failed
    return tuple(sorted(failed, key=_criterion_key)), tuple(sorted(review, key=_criterion_key))


def readiness(report: AuditReport) -> list[LevelReadiness]:
    """Per level (WCAG A, AA; GB/T 一级, 二级; MIIT): criteria with failures or to review, and the verdict."""
    findings = [finding for page in report.pages for finding in page.findings]
    complete = bool(report.pages) and not report.stopped_early and all(p.status is PageStatus.OK for p in report.pages)
    current = {c.number for c in WCAG_CRITERIA if not c.obsolete}
    wcag_a = {n for n in current if CRITERIA[n].level is WcagLevel.A}
    wcag_aa = wcag_a | {n for n in current if CRITERIA[n].level is WcagLevel.AA}
    gbt_1 = {c.number for c in WCAG_CRITERIA if (i := gbt_indicator(c.number)) and i.level is GbtLevel.ONE}
    gbt_2 = gbt_1 | {c.number for c in WCAG_CRITERIA if (i := gbt_indicator(c.number)) and i.level is GbtLevel.TWO}
    levels = []
    for standard, level, scope in (
        ("wcag", "A", wcag_a),
        ("wcag", "AA", wcag_aa),
        ("gbt", "1", gbt_1),
        ("gbt", "2", gbt_2),
    ):
        failed, review = _scoped(findings, scope)
        levels.append(LevelReadiness(standard, level, LEVEL_TITLES[(standard, level)], failed, review, complete))
    miit = [f for f in findings if f.source is Source.MIIT]
    miit_failed = sorted({f.rule for f in miit if f.outcome is Outcome.FAILED})
    miit_review = sorted({f.rule for f in miit if f.outcome is Outcome.CANT_TELL} - set(miit_failed))
    elder = complete and all(page.elder_mode for page in report.pages)
    levels.append(
        LevelReadiness("miit", "elder", LEVEL_TITLES[("miit", "elder")], tuple(miit_failed), tuple(miit_review), elder)
    )
    return levels
