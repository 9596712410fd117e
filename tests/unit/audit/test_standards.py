"""WCAG 2.2 table, the GB/T 37668-2019 mapping by WCAG 2.0 number, MIIT requirements, readiness per level."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest

from barrierfree.audit import AuditOptions, AuditReport, Finding, Outcome, PageResult, PageStatus, Source
from barrierfree.audit.checks.chinese import CHINESE_CHECKS
from barrierfree.audit.checks.miit import MIIT_CHECKS
from barrierfree.audit.standards import (
    CRITERIA,
    GBT_DISCLAIMER,
    GUIDELINES,
    MIIT_REQUIREMENTS,
    WCAG_CRITERIA,
    GbtLevel,
    Verdict,
    WcagLevel,
    gbt_indicator,
    readiness,
    standards_of,
)


def test_the_wcag_22_table_has_the_published_counts() -> None:
    current = [c for c in WCAG_CRITERIA if not c.obsolete]
    assert len(current) == 86
    assert Counter(c.level for c in current) == {WcagLevel.A: 31, WcagLevel.AA: 24, WcagLevel.AAA: 31}
    wcag20 = [c for c in WCAG_CRITERIA if c.since == "2.0"]
    assert len(wcag20) == 61
    assert Counter(c.level for c in wcag20) == {WcagLevel.A: 25, WcagLevel.AA: 13, WcagLevel.AAA: 23}
    assert Counter(c.since for c in current) == {"2.0": 60, "2.1": 17, "2.2": 9}
    assert [c.number for c in WCAG_CRITERIA if c.obsolete] == ["4.1.1"]


def test_every_criterion_is_unique_and_belongs_to_a_guideline() -> None:
    assert len(CRITERIA) == len(WCAG_CRITERIA)
    assert {c.guideline for c in WCAG_CRITERIA} == set(GUIDELINES)
    assert CRITERIA["2.5.8"].name == "Target Size (Minimum)" and CRITERIA["2.5.8"].level is WcagLevel.AA


@pytest.mark.parametrize(
    ("number", "level"),
    [("1.1.1", GbtLevel.ONE), ("1.4.3", GbtLevel.TWO), ("3.1.2", GbtLevel.TWO), ("4.1.1", GbtLevel.ONE)],
)
def test_wcag_20_criteria_map_to_the_gbt_indicator_of_the_same_number(number: str, level: GbtLevel) -> None:
    indicator = gbt_indicator(number)
    assert indicator is not None
    assert (indicator.number, indicator.level) == (number, level)


@pytest.mark.parametrize("number", ["1.4.10", "2.5.8", "3.3.8", "1.4.6", "9.9.9"])
def test_wcag_21_22_and_aaa_criteria_have_no_gbt_counterpart(number: str) -> None:
    assert gbt_indicator(number) is None


def test_the_gbt_disclaimer_says_the_mapping_is_by_number_and_unverified() -> None:
    assert "not freely published" in GBT_DISCLAIMER and "not been verified" in GBT_DISCLAIMER


def test_a_finding_maps_to_wcag_gbt_and_miit() -> None:
    finding = Finding(
        rule="miit:target-size", source=Source.MIIT, outcome=Outcome.FAILED, summary="x", wcag=("2.5.5", "1.4.3")
    )
    standards = standards_of(finding)
    assert [c.number for c in standards.wcag] == ["2.5.5", "1.4.3"]
    assert [(i.number, i.level) for i in standards.gbt] == [("1.4.3", GbtLevel.TWO)]
    assert standards.without_gbt == ("2.5.5",)
    assert standards.miit is not None and standards.miit.topic_zh == "可点击区域大小"
    assert standards.gbt[0].principle == "可感知性"


def test_every_rule_of_ours_has_its_standards() -> None:
    assert {check.id for check in MIIT_CHECKS} == set(MIIT_REQUIREMENTS)
    assert all(check.id.startswith("zh:") for check in CHINESE_CHECKS)


def _report(*pages: PageResult, stopped: str = "") -> AuditReport:
    report = AuditReport(targets=["http://t/"], options=AuditOptions(), started_at=datetime(2025, 1, 1, tzinfo=UTC))
    report.pages.extend(pages)
    report.stopped_early = stopped
    return report


def _finding(
    rule: str, wcag: tuple[str, ...], outcome: Outcome = Outcome.FAILED, source: Source = Source.AXE
) -> Finding:
    return Finding(rule=rule, source=source, outcome=outcome, summary="x", wcag=wcag)


def test_readiness_lists_failed_criteria_per_cumulative_level() -> None:
    page = PageResult(url="http://t/", status=PageStatus.OK, elder_mode=True)
    page.findings = [
        _finding("axe:image-alt", ("1.1.1",)),
        _finding("axe:color-contrast", ("1.4.3",)),
        _finding("axe:target-size", ("2.5.8",)),
        _finding("act:focus", ("2.4.7",), Outcome.CANT_TELL),
        _finding("miit:text-size", (), source=Source.MIIT),
    ]
    levels = {(level.standard, level.level): level for level in readiness(_report(page))}
    assert levels[("wcag", "A")].failed == ("1.1.1",)
    assert levels[("wcag", "AA")].failed == ("1.1.1", "1.4.3", "2.5.8")
    assert levels[("wcag", "AA")].review == ("2.4.7",)
    assert levels[("gbt", "1")].failed == ("1.1.1",)
    assert levels[("gbt", "2")].failed == ("1.1.1", "1.4.3")
    assert levels[("miit", "elder")].failed == ("miit:text-size",)
    assert all(level.verdict is Verdict.FAILED for level in levels.values())


def test_readiness_without_failures_is_incomplete_when_a_page_was_not_audited() -> None:
    clean = PageResult(url="http://t/", status=PageStatus.OK)
    levels = readiness(_report(clean))
    assert {level.verdict for level in levels if level.standard != "miit"} == {Verdict.NO_FAILURES_FOUND}
    miit = next(level for level in levels if level.standard == "miit")
    assert miit.verdict is Verdict.INCOMPLETE  # elder mode was not asked for
    timed_out = PageResult(url="http://t/slow", status=PageStatus.TIMEOUT)
    assert {level.verdict for level in readiness(_report(clean, timed_out))} == {Verdict.INCOMPLETE}
    assert {level.verdict for level in readiness(_report(clean, stopped="time"))} == {Verdict.INCOMPLETE}
    assert all(level.passed for level in readiness(_report(clean, timed_out)))
