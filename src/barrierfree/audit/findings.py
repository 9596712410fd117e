"""What a check reports: findings, and what happened to each page."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Outcome(enum.StrEnum):
    """A finding is a definite failure or something a person must verify."""

    FAILED = "failed"
    CANT_TELL = "cantTell"


class Source(enum.StrEnum):
    """Which family of checks produced a finding."""

    AXE = "axe"
    ACT = "act"
    MIIT = "miit"
    CHINESE = "chinese"


class PageStatus(enum.StrEnum):
    """How loading a page went; anything but OK is reported as such, never as a crash."""

    OK = "ok"
    TIMEOUT = "timeout"
    CRASHED = "crashed"
    NOT_HTML = "not-html"
    TOO_MANY_REDIRECTS = "too-many-redirects"
    HTTP_ERROR = "http-error"
    NETWORK_ERROR = "network-error"
    TOO_LARGE = "too-large"
    NOT_ALLOWED = "not-allowed"


@dataclass(frozen=True)
class Box:
    """Where an element is on the page, in CSS pixels of the full page."""

    x: float
    y: float
    width: float
    height: float


@dataclass
class Finding:
    """One problem on one page."""

    rule: str
    """Our rule id: ``axe:<axe-rule>``, ``act:<act-rule-id>``, ``miit:<name>`` or ``zh:<name>``."""
    source: Source
    outcome: Outcome
    summary: str
    """A short English message id; reports translate it."""
    wcag: tuple[str, ...] = ()
    """WCAG 2.2 success criteria, e.g. ("1.4.3",)."""
    act_rules: tuple[str, ...] = ()
    """W3C ACT rule ids this finding fails, e.g. ("afw4f7",)."""
    selector: str = ""
    snippet: str = ""
    impact: str = "serious"
    box: Box | None = None
    screenshot_png: bytes | None = None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class PageResult:
    """Everything found on one page."""

    url: str
    status: PageStatus
    title: str = ""
    language: str = ""
    message: str = ""
    findings: list[Finding] = field(default_factory=list)
    elder_mode: bool = False
    seconds: float = 0.0

    @property
    def failed(self) -> list[Finding]:
        """The definite failures."""
        return [f for f in self.findings if f.outcome is Outcome.FAILED]
