"""JUnit XML for CI: one ``testsuite`` per page, one ``testcase`` per finding, ``failure`` for definite failures.

Findings a person must review are ``skipped`` test cases (CI shows them without failing the build); a page that
could not be audited (timeout, crash, not HTML ...) is one test case with an ``error``; a clean page is one passing
test case. Text from audited pages can hold any character, so characters XML 1.0 cannot carry (control characters,
lone surrogates, U+FFFE/U+FFFF) are written as visible ``\\xNN`` / ``\\uNNNN`` escapes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from barrierfree.audit.findings import Finding, Outcome, PageResult, PageStatus
from barrierfree.audit.reports.labels import REPORT_TITLE, finding_text, gbt_level_label, outcome_label, status_label
from barrierfree.audit.runner import AuditReport
from barrierfree.audit.standards import GBT_STANDARD, standards_of
from barrierfree.core.i18n import _

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object) -> str:
    """``value`` as text that XML 1.0 can hold, with forbidden characters escaped visibly."""
    text = str(value)

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group(0))
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _NOT_XML.sub(escape, text)


def _element(parent: ET.Element, tag: str, **attributes: object) -> ET.Element:
    return ET.SubElement(parent, tag, {key: xml_text(value) for key, value in attributes.items()})


def _failure_body(finding: Finding) -> str:
    standards = standards_of(finding)
    lines = [finding_text(finding), ""]
    if finding.selector:
        lines.append(_("Element: {selector}").format(selector=finding.selector))
    if finding.snippet:
        lines.append(_("HTML: {snippet}").format(snippet=finding.snippet))
    if standards.wcag:
        names = ", ".join(f"{c.number} {_(c.name)} ({c.level.value})" for c in standards.wcag)
        lines.append(_("WCAG 2.2: {criteria}").format(criteria=names))
    if standards.gbt:
        names = ", ".join(f"{i.number} ({gbt_level_label(i.level)})" for i in standards.gbt)
        lines.append(_("{standard}: {indicators}").format(standard=GBT_STANDARD, indicators=names))
    if standards.miit:
        lines.append(_("MIIT: {requirement}").format(requirement=_(standards.miit.requirement)))
    return "\n".join(lines)


def _page_suite(root: ET.Element, page: PageResult, index: int) -> tuple[int, int, int, int]:
    failures = sum(1 for f in page.findings if f.outcome is Outcome.FAILED)
    skipped = sum(1 for f in page.findings if f.outcome is Outcome.CANT_TELL)
    errors = 0 if page.status is PageStatus.OK else 1
    tests = len(page.findings) + errors + (1 if page.status is PageStatus.OK and not page.findings else 0)
    suite = _element(
        root,
        "testsuite",
        name=page.url,
        id=index,
        tests=tests,
        failures=failures,
        errors=errors,
        skipped=skipped,
        time=f"{page.seconds:.3f}",
    )
    properties = _element(suite, "properties")
    for name, value in (
        ("status", page.status.value),
        ("title", page.title),
        ("language", page.language),
        ("elder_mode", str(page.elder_mode).lower()),
    ):
        _element(properties, "property", name=name, value=value)
    if page.status is not PageStatus.OK:
        case = _element(suite, "testcase", classname="page", name=_("load {url}").format(url=page.url), time="0")
        error = _element(case, "error", type=page.status.value, message=status_label(page.status))
        error.text = xml_text(page.message)
    elif not page.findings:
        _element(suite, "testcase", classname="page", name=_("no findings on {url}").format(url=page.url), time="0")
    for finding in page.findings:
        name = f"{finding.rule} {finding.selector}".strip()
        case = _element(suite, "testcase", classname=finding.rule.replace(":", "."), name=name, time="0")
        message = f"{outcome_label(finding.outcome)}: {finding_text(finding)}"
        if finding.outcome is Outcome.FAILED:
            failure = _element(case, "failure", type=finding.rule, message=message)
            failure.text = xml_text(_failure_body(finding))
        else:
            _element(case, "skipped", message=message)
    return tests, failures, errors, skipped


def render_junit(report: AuditReport, language: str) -> bytes:
    """UTF-8 JUnit XML of the report; call inside ``use_language(language)``."""
    root = ET.Element("testsuites", {"name": xml_text(_(REPORT_TITLE))})
    totals = [0, 0, 0, 0]
    for index, page in enumerate(report.pages):
        for position, count in enumerate(_page_suite(root, page, index)):
            totals[position] += count
    seconds = sum(page.seconds for page in report.pages)
    for key, value in zip(("tests", "failures", "errors", "skipped"), totals, strict=True):
        root.set(key, str(value))
    root.set("time", f"{seconds:.3f}")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
