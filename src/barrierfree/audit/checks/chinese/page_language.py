"""The page language: present, a valid BCP 47 tag, and Chinese when the page's text is mostly Chinese.

WCAG 3.1.1 (GB/T 37668 一级). axe-core checks that ``lang`` exists and that its primary subtag is known; this
check adds the full tag (``zh_CN`` and ``cn`` are common mistakes) and whether the language matches the visible
text: a page whose text is mostly Han characters (and not Japanese) must say ``zh``, ``zh-CN``, ``zh-Hans``,
``zh-Hant-TW`` ... rather than ``en``, or screen readers read it with the wrong voice.
"""

from __future__ import annotations

from barrierfree.audit.checks.base import PageContext
from barrierfree.audit.checks.chinese.bcp47 import TagStatus, parse_tag
from barrierfree.audit.checks.chinese.scripts import count_scripts
from barrierfree.audit.findings import Finding, Outcome, Source
from barrierfree.core.i18n import N_

RULE = "zh:page-language"
WCAG = ("3.1.1",)
MAX_TEXT_CHARS = 20000
CHINESE_SHARE = 0.5
"""Han characters among the letters for a page to be "mostly Chinese"."""
MIN_HAN_CHARS = 20
MAX_KANA_SHARE = 0.05
"""More kana than this (relative to Han) makes the text Japanese."""
MISSING = N_("The page has no lang attribute")
INVALID = N_("The page language “{lang}” is not a valid BCP 47 language tag")
UNKNOWN = N_("The page language “{lang}” has a subtag that is not in the language registry")
MISMATCH = N_("The page text is mostly Chinese but its language is “{lang}”; use zh-CN, zh-Hans or zh-Hant")

PAGE_JS = """(maxChars) => ({
  lang: document.documentElement.getAttribute('lang'),
  xmlLang: document.documentElement.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'lang'),
  text: (document.body ? document.body.innerText : '').slice(0, maxChars),
  html: document.documentElement.outerHTML.slice(0, document.documentElement.outerHTML.indexOf('>') + 1),
})"""


class PageLanguageCheck:
    """``<html lang>`` is present, valid, and Chinese on mostly Chinese pages."""

    id = RULE
    source = Source.CHINESE

    async def run(self, context: PageContext) -> list[Finding]:
        """At most one finding about the page's language."""
        raw = await context.page.evaluate(PAGE_JS, MAX_TEXT_CHARS)
        lang = (raw.get("lang") or raw.get("xmlLang") or "").strip()
        snippet = raw.get("html", "")[:240]

        def finding(summary: str, outcome: Outcome = Outcome.FAILED, **details: object) -> list[Finding]:
            return [
                Finding(
                    rule=RULE,
                    source=Source.CHINESE,
                    outcome=outcome,
                    summary=summary,
                    wcag=WCAG,
                    selector="html",
                    snippet=snippet,
                    details={"lang": lang[:40], **details},
                )
            ]

        if not lang:
            return finding(MISSING)
        tag = parse_tag(lang)
        if tag.status is TagStatus.INVALID:
            return finding(INVALID, problem=tag.problem)
        counts = count_scripts(raw.get("text") or "")
        mostly_chinese = counts.mostly_chinese(
            share=CHINESE_SHARE, minimum_han=MIN_HAN_CHARS, max_kana_share=MAX_KANA_SHARE
        )
        if mostly_chinese and not tag.is_chinese:
            return finding(MISMATCH, han=counts.han, letters=counts.letters)
        if tag.status is TagStatus.UNKNOWN:
            return finding(UNKNOWN, Outcome.CANT_TELL, problem=tag.problem)
        return []
