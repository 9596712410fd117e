"""Report words: translated labels for outcomes, statuses, sources, verdicts, and a finding's own message.

Every function translates into the current language (``use_language``), so renderers call them inside one.
"""

from __future__ import annotations

import string
from datetime import datetime
from typing import Any

from babel.dates import format_datetime

from barrierfree.audit.findings import Finding, Outcome, PageStatus, Source
from barrierfree.audit.standards import GbtLevel, Verdict
from barrierfree.core.clock import local
from barrierfree.core.i18n import N_, _, current_language, locale_of

DISPLAY_TIMEZONE = "Asia/Shanghai"
REPORT_TITLE = N_("Accessibility audit report")

OUTCOMES = {Outcome.FAILED: N_("failed"), Outcome.CANT_TELL: N_("needs review")}
SOURCES = {
    Source.AXE: N_("axe-core"),
    Source.ACT: N_("ACT rule"),
    Source.MIIT: N_("MIIT elderly-friendly rule"),
    Source.CHINESE: N_("Chinese-language check"),
}
STATUSES = {
    PageStatus.OK: N_("audited"),
    PageStatus.TIMEOUT: N_("did not load in time"),
    PageStatus.CRASHED: N_("the page crashed the browser"),
    PageStatus.NOT_HTML: N_("not a web page"),
    PageStatus.TOO_MANY_REDIRECTS: N_("redirects without end"),
    PageStatus.HTTP_ERROR: N_("the server answered with an error"),
    PageStatus.NETWORK_ERROR: N_("could not be reached"),
    PageStatus.TOO_LARGE: N_("too large"),
    PageStatus.NOT_ALLOWED: N_("not allowed"),
}
VERDICTS = {
    Verdict.FAILED: N_("failures found"),
    Verdict.NO_FAILURES_FOUND: N_("no failures found"),
    Verdict.INCOMPLETE: N_("no failures found, but the audit is incomplete"),
}
GBT_LEVELS = {GbtLevel.ONE: N_("level 1"), GbtLevel.TWO: N_("level 2")}


class _Blanks(dict[str, Any]):
    """Placeholders a finding's details do not fill stay as they are."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def finding_text(finding: Finding) -> str:
    """The finding's message in the current language, with its details filled in."""
    text = _(finding.summary) if finding.summary else ""
    try:
        fields = {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}
    except ValueError:
        return text  # stray braces (an outside message): show it as it is
    if not fields:
        return text
    values = _Blanks({key: _display(value) for key, value in finding.details.items() if isinstance(key, str)})
    try:
        return text.format_map(values)
    except (ValueError, KeyError, IndexError, AttributeError):
        return text


def is_untranslated(message: str) -> bool:
    """True when a message has no translation in the current language (it is shown in English)."""
    return current_language() != "en" and _(message) == message and any(ch.isascii() and ch.isalpha() for ch in message)


def _display(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def outcome_label(outcome: Outcome) -> str:
    """The word for an outcome: "failed" or "needs review"."""
    return _(OUTCOMES[outcome])


def source_label(source: Source) -> str:
    """Which family of checks a finding comes from."""
    return _(SOURCES[source])


def status_label(status: PageStatus) -> str:
    """How loading a page went."""
    return _(STATUSES[status])


def verdict_label(verdict: Verdict) -> str:
    """A level's result."""
    return _(VERDICTS[verdict])


def gbt_level_label(level: GbtLevel) -> str:
    """一级 / 二级 (level 1 / level 2)."""
    return _(GBT_LEVELS[level])


def moment(value: datetime | None) -> str:
    """A time for people, in the display time zone and the current language."""
    if value is None:
        return "—"
    return format_datetime(local(value, DISPLAY_TIMEZONE), "medium", locale=locale_of(current_language()))
