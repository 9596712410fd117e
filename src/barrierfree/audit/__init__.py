"""Accessibility conformance checking: WCAG 2.2, GB/T 37668-2019 and the MIIT elderly-friendly rules."""

from barrierfree.audit._browser import ChromiumEngine, Cookie, LoadLimits
from barrierfree.audit.checks.registry import default_checks
from barrierfree.audit.errors import AuditError, AuditNotFound, InvalidAuditRequest, TargetNotAllowed
from barrierfree.audit.findings import Box, Finding, Outcome, PageResult, PageStatus, Source
from barrierfree.audit.runner import AuditOptions, AuditReport, run_audit, target_url

__all__ = [
    "AuditError",
    "AuditNotFound",
    "AuditOptions",
    "AuditReport",
    "Box",
    "ChromiumEngine",
    "Cookie",
    "Finding",
    "InvalidAuditRequest",
    "LoadLimits",
    "Outcome",
    "PageResult",
    "PageStatus",
    "Source",
    "TargetNotAllowed",
    "default_checks",
    "run_audit",
    "target_url",
]
