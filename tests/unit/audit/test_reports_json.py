"""The JSON report: versioned schema, per-page status, findings mapped to WCAG/GB/T/MIIT, readiness, crops."""

from __future__ import annotations

import base64
import importlib
import json
import pkgutil
import struct
import zlib
from datetime import UTC, datetime
from typing import Any

import pytest

from barrierfree.audit import AuditOptions, AuditReport, Box, Finding, Outcome, PageResult, PageStatus, Source
from barrierfree.audit.checks import act as act_checks
from barrierfree.audit.checks.act._rules import ActRule, act_finding
from barrierfree.audit.errors import InvalidAuditRequest
from barrierfree.audit.reports import FORMATS, MEDIA_TYPES, SCHEMA, SCHEMA_VERSION, render
from barrierfree.audit.reports.labels import finding_text
from barrierfree.core.errors import InvalidInput
from barrierfree.core.i18n import use_language

Reports = dict[str, dict[str, Any]]
"""Parsed JSON reports by language."""


def png(width: int = 4, height: int = 3) -> bytes:
    """A small valid grey PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def sample_report() -> AuditReport:
    """Two audited pages (one with findings of every family) and a page that timed out."""
    started = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
    report = AuditReport(
        targets=["https://example.test/"], options=AuditOptions(elder_mode=True, max_pages=3), started_at=started
    )
    report.finished_at = datetime(2025, 3, 1, 8, 1, tzinfo=UTC)
    findings = [
        Finding(
            rule="axe:image-alt",
            source=Source.AXE,
            outcome=Outcome.FAILED,
            summary="Images must have alternative text",
            wcag=("1.1.1",),
            act_rules=("23a2a8",),
            selector="img.logo",
            snippet='<img class="logo" src="logo.png">',
            impact="critical",
            box=Box(10, 20, 4, 3),
            screenshot_png=png(),
        ),
        Finding(
            rule="miit:text-size",
            source=Source.MIIT,
            outcome=Outcome.FAILED,
            summary="Text is {size} px in elder mode; at least {minimum} px is needed",
            selector="p.note",
            snippet="<p class=note>小字 \x07 \ud800</p>",
            details={"size": 14.0, "minimum": 18.0},
        ),
        Finding(
            rule="miit:target-size",
            source=Source.MIIT,
            outcome=Outcome.FAILED,
            summary="Target is {width} × {height} px; at least {minimum} × {minimum} px is needed",
            wcag=("2.5.5",),
            selector="a#more",
            details={"width": 30, "height": 20, "minimum": 60},
        ),
        Finding(
            rule="miit:elder-entry",
            source=Source.MIIT,
            outcome=Outcome.CANT_TELL,
            summary="No visible entry to an elder (elderly-friendly) mode on the page",
        ),
        Finding(
            rule="zh:page-language",
            source=Source.CHINESE,
            outcome=Outcome.FAILED,
            summary="The page language “{lang}” is not a valid BCP 47 language tag",
            wcag=("3.1.1",),
            selector="html",
            details={"lang": "zh_CN"},
        ),
    ]
    report.pages = [
        PageResult(
            url="https://example.test/",
            status=PageStatus.OK,
            title="首页 <示例> & “引号”",
            language="zh-CN",
            findings=findings,
            elder_mode=True,
            seconds=1.5,
        ),
        PageResult(
            url="https://example.test/clean", status=PageStatus.OK, title="Clean", language="en", elder_mode=True
        ),
        PageResult(
            url="https://example.test/slow",
            status=PageStatus.TIMEOUT,
            message="no response within 20 s",
            elder_mode=True,
        ),
    ]
    return report


@pytest.fixture(scope="module")
def data() -> Reports:
    """The sample report as parsed JSON, per language."""
    return {language: json.loads(render(sample_report(), "json", language)) for language in ("zh-CN", "en")}


def test_the_schema_is_named_and_versioned(data: Reports) -> None:
    for language, report in data.items():
        assert report["schema"] == SCHEMA == "barrierfree.audit-report"
        assert report["schema_version"] == SCHEMA_VERSION == 1
        assert report["language"] == language
        assert report["summary"] == {"pages": 3, "pages_audited": 2, "failed": 4, "needs_review": 1}


def test_each_page_has_its_status_and_counts(data: Reports) -> None:
    pages = data["en"]["pages"]
    assert [(p["status"], p["failed"], p["needs_review"]) for p in pages] == [
        ("ok", 4, 1),
        ("ok", 0, 0),
        ("timeout", 0, 0),
    ]
    assert pages[2]["status_label"] == "did not load in time"
    assert data["zh-CN"]["pages"][2]["status_label"] != "did not load in time"


def test_findings_are_mapped_to_wcag_gbt_and_miit(data: Reports) -> None:
    image, size, target, _entry, language = data["en"]["pages"][0]["findings"]
    assert image["wcag"] == [{"number": "1.1.1", "name": "Non-text Content", "level": "A", "since": "2.0"}]
    assert image["gbt"][0] | {"principle": ""} == {
        "standard": "GB/T 37668-2019",
        "indicator": "1.1.1",
        "level": 1,
        "level_label": "level 1",
        "principle": "",
    }
    assert target["wcag_without_gbt"] == ["2.5.5"] and target["gbt"] == []
    assert size["miit"]["topic_zh"] == "文字大小" and size["wcag"] == []
    assert language["gbt"][0]["level"] == 1
    assert image["act_rules"] == ["23a2a8"]
    assert image["box"] == {"x": 10, "y": 20, "width": 4, "height": 3}


def test_messages_are_translated_and_filled_in(data: Reports) -> None:
    english = data["en"]["pages"][0]["findings"][1]
    chinese = data["zh-CN"]["pages"][0]["findings"][1]
    assert english["summary"] == "Text is 14 px in elder mode; at least 18 px is needed"
    assert english["message_id"] == chinese["message_id"]
    assert "14" in chinese["summary"] and "18" in chinese["summary"] and chinese["summary"] != english["summary"]


def test_screenshot_crops_are_base64_png(data: Reports) -> None:
    crop = data["en"]["pages"][0]["findings"][0]["screenshot_png"]
    assert base64.b64decode(crop) == png()
    assert data["en"]["pages"][0]["findings"][1]["screenshot_png"] is None


def test_readiness_and_disclaimers_are_included(data: Reports) -> None:
    levels = {(r["standard"], r["level"]): r for r in data["en"]["readiness"]}
    assert levels[("wcag", "A")]["failed"] == ["1.1.1", "3.1.1"]
    assert levels[("gbt", "2")]["verdict"] == "failed"
    assert levels[("miit", "elder")]["needs_review"] == ["miit:elder-entry"]
    assert set(data["zh-CN"]["disclaimers"]) == {"automation", "gbt", "miit"}
    assert "GB/T 37668-2019" in data["zh-CN"]["disclaimers"]["gbt"]


def test_render_refuses_unknown_formats_and_languages() -> None:
    assert set(FORMATS) == set(MEDIA_TYPES) == {"html", "json", "junit"}
    with pytest.raises(InvalidAuditRequest):
        render(sample_report(), "pdf", "en")
    with pytest.raises(InvalidInput):
        render(sample_report(), "json", "fr")


def test_every_act_check_message_reads_in_chinese() -> None:
    messages = set()
    for module_info in pkgutil.iter_modules(act_checks.__path__):
        module = importlib.import_module(f"{act_checks.__name__}.{module_info.name}")
        messages |= {value.summary for value in vars(module).values() if isinstance(value, ActRule)}
    assert len(messages) >= 25
    with use_language("zh-CN"):
        for message in messages:
            text = finding_text(act_finding(ActRule("x", (), message)))
            assert any("\u4e00" <= char <= "\u9fff" for char in text), message
