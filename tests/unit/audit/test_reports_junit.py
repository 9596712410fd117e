"""JUnit XML for CI: parsed back with xml.etree; valid for any text the audited pages hold."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from barrierfree.audit import AuditOptions, AuditReport, Finding, Outcome, PageResult, PageStatus, Source
from barrierfree.audit.reports import render
from barrierfree.audit.reports.junit import xml_text
from tests.unit.audit.test_reports_json import sample_report


def _parse(report: AuditReport, language: str = "en") -> ET.Element:
    return ET.fromstring(render(report, "junit", language))  # noqa: S314 - our own output


def test_one_testsuite_per_page_with_totals() -> None:
    root = _parse(sample_report())
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        "https://example.test/",
        "https://example.test/clean",
        "https://example.test/slow",
    ]
    assert [(s.get("tests"), s.get("failures"), s.get("errors"), s.get("skipped")) for s in suites] == [
        ("5", "4", "0", "1"),
        ("1", "0", "0", "0"),
        ("1", "0", "1", "0"),
    ]
    assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == ("7", "4", "1", "1")


def test_failures_carry_the_rule_message_and_standards() -> None:
    suite = _parse(sample_report()).findall("testsuite")[0]
    cases = suite.findall("testcase")
    assert [c.get("classname") for c in cases][:2] == ["axe.image-alt", "miit.text-size"]
    failure = cases[0].find("failure")
    assert failure is not None and failure.get("type") == "axe:image-alt"
    assert failure.text is not None and "1.1.1" in failure.text and "GB/T 37668-2019" in failure.text
    size = cases[1].find("failure")
    assert size is not None and "14 px" in (size.get("message") or "")
    review = cases[3]
    assert review.find("skipped") is not None and review.find("failure") is None


def test_a_clean_page_passes_and_an_unloaded_page_is_an_error() -> None:
    clean, slow = _parse(sample_report()).findall("testsuite")[1:]
    case = clean.find("testcase")
    assert case is not None and list(case) == []
    error = slow.find("testcase/error")
    assert error is not None and error.get("type") == "timeout" and error.text == "no response within 20 s"


def test_control_characters_and_lone_surrogates_are_escaped_visibly() -> None:
    text = ET.tostring(_parse(sample_report()), encoding="unicode")
    assert "\\x07" in text and "\\ud800" in text
    assert xml_text("a\x00b\x1fc\ufffed") == "a\\x00b\\x1fc\\ufffed"
    assert xml_text("中文\t\n") == "中文\t\n"


def test_the_chinese_report_is_chinese() -> None:
    root = _parse(sample_report(), "zh-CN")
    messages = " ".join(f.get("message") or "" for f in root.iter("failure"))
    assert any("\u4e00" <= ch <= "\u9fff" for ch in messages.replace("小字", ""))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60), st.text(max_size=60))
def test_any_text_from_a_page_gives_well_formed_xml(title: str, snippet: str, message: str) -> None:
    report = AuditReport(targets=["t"], options=AuditOptions(), started_at=datetime(2025, 1, 1, tzinfo=UTC))
    finding = Finding(rule="axe:x", source=Source.AXE, outcome=Outcome.FAILED, summary=message, snippet=snippet)
    report.pages = [
        PageResult(url="u" + title, status=PageStatus.OK, title=title, findings=[finding]),
        PageResult(url="v", status=PageStatus.CRASHED, message=message),
    ]
    root = _parse(report)
    assert root.get("failures") == "1" and root.get("errors") == "1"
