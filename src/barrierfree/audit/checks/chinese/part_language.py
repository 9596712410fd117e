"""Parts in another language carry their own ``lang``: English sentences in a Chinese page, Chinese in others.

WCAG 3.1.2 (GB/T 37668 二级). Its exceptions (proper names, technical terms, words of indeterminate language,
borrowed words) make a careful check conservative:

- in a Chinese page, a run of at least 3 Latin-script words that reads as a sentence (it holds a function word
  such as "the", "of", "und") fails; 6 or more words without one need review; product names, acronyms, code,
  and ``translate="no"`` text are left alone;
- in a page in another language (not Chinese, Japanese or Korean), a run of at least 8 Han characters fails when
  it reads as a sentence (sentence punctuation or a grammatical character such as 的, 了, 是); a run without
  them is most likely a name (杭州市残疾人联合会) and needs review.

Text is grouped by its block and its nearest ``lang`` so that a sentence split by inline links is judged whole.
"""

from __future__ import annotations

from typing import Any

from barrierfree.audit.checks.base import PageContext, finding_from_element
from barrierfree.audit.checks.chinese.bcp47 import parse_tag
from barrierfree.audit.checks.chinese.page_language import CHINESE_SHARE, MAX_KANA_SHARE, MIN_HAN_CHARS
from barrierfree.audit.checks.chinese.scripts import (
    count_scripts,
    han_runs,
    has_function_word,
    latin_runs,
    reads_as_chinese_sentence,
)
from barrierfree.audit.checks.miit.dom import MAX_FINDINGS_PER_RULE, script
from barrierfree.audit.findings import Finding, Outcome, Source
from barrierfree.core.i18n import N_

RULE = "zh:part-language"
WCAG = ("3.1.2",)
MIN_LATIN_WORDS = 3
LATIN_WORDS_WITHOUT_FUNCTION_WORD = 6
MIN_HAN_RUN = 8
MAX_GROUPS = 800
MAX_GROUP_CHARS = 2000
CJK_LANGUAGES = ("ja", "ko")
LATIN_IN_CHINESE = N_("A passage in a Latin-script language inside Chinese text has no lang attribute")
CHINESE_IN_OTHER = N_("A passage in Chinese inside text in another language has no lang attribute")

GROUPS_JS = script(
    r"""
  const XHTML = 'http://www.w3.org/1999/xhtml';
  const SKIP = 'script, style, noscript, template, textarea, select, code, pre, kbd, samp, var, [translate=no]';
  const body = document.body || document.documentElement;
  const blockMemo = new Map();
  const blockOf = (el) => {
    if (blockMemo.has(el)) return blockMemo.get(el);
    const display = getComputedStyle(el).display;
    const block = (display !== 'inline' && display !== 'contents') || el === body || !el.parentElement
                  ? el : blockOf(el.parentElement);
    blockMemo.set(el, block);
    return block;
  };
  const groups = new Map();
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.nodeValue || !node.nodeValue.trim()) continue;
    const el = node.parentElement;
    if (!el || el.namespaceURI !== XHTML || el.closest(SKIP)) continue;
    const langEl = el.closest('[lang]');
    const block = blockOf(el);
    let byLang = groups.get(block);
    if (!byLang) {
      if (groups.size >= args.maxGroups) break;
      byLang = new Map();
      groups.set(block, byLang);
    }
    if (!byLang.has(langEl)) byLang.set(langEl, []);
    byLang.get(langEl).push(node.nodeValue);
  }
  const result = [];
  for (const [block, byLang] of groups) {
    if (!bfVisible(block)) continue;
    for (const [langEl, texts] of byLang) {
      const text = bfText(texts.join('')).slice(0, args.maxChars);
      result.push({lang: langEl ? langEl.getAttribute('lang') : '', root: langEl === document.documentElement,
                   text, info: bfInfo(block, null, text)});
    }
  }
  return result;
"""
)


class PartLanguageCheck:
    """Long passages in a language other than the surrounding one are marked with ``lang``."""

    id = RULE
    source = Source.CHINESE

    async def run(self, context: PageContext) -> list[Finding]:
        """One finding per block holding an unmarked passage in another language."""
        groups: list[dict[str, Any]] = await context.page.evaluate(
            GROUPS_JS, {"maxGroups": MAX_GROUPS, "maxChars": MAX_GROUP_CHARS}
        )
        # A page in Chinese whose lang says otherwise is one page-language failure, not one per paragraph.
        page_text = " ".join(group["text"] for group in groups if group.get("root"))
        page_is_chinese = count_scripts(page_text).mostly_chinese(
            share=CHINESE_SHARE, minimum_han=MIN_HAN_CHARS, max_kana_share=MAX_KANA_SHARE
        )
        findings = []
        for group in groups:
            if page_is_chinese and group.get("root") and not parse_tag(group.get("lang") or "").is_chinese:
                continue
            finding = _judge(group)
            if finding is not None:
                findings.append(finding)
                if len(findings) >= MAX_FINDINGS_PER_RULE:
                    break
        return findings


def _judge(group: dict[str, Any]) -> Finding | None:
    lang = (group.get("lang") or "").strip()
    if not lang:
        return None  # no language to differ from: the page-language check reports a missing lang
    tag = parse_tag(lang)
    text = group["text"]
    if tag.is_chinese:
        outcome = None
        passage: list[str] = []
        for words in latin_runs(text, MIN_LATIN_WORDS):
            if has_function_word(words):
                outcome, passage = Outcome.FAILED, words
                break
            if len(words) >= LATIN_WORDS_WITHOUT_FUNCTION_WORD and outcome is None:
                outcome, passage = Outcome.CANT_TELL, words
        if outcome is None:
            return None
        return finding_from_element(
            group["info"],
            rule=RULE,
            source=Source.CHINESE,
            summary=LATIN_IN_CHINESE,
            wcag=WCAG,
            outcome=outcome,
            impact="moderate",
            details={"lang": lang[:40], "passage": " ".join(passage)[:200]},
        )
    if tag.language in CJK_LANGUAGES:
        return None
    runs = han_runs(text, MIN_HAN_RUN)
    if not runs:
        return None
    sentences = [run for run in runs if reads_as_chinese_sentence(run)]
    return finding_from_element(
        group["info"],
        rule=RULE,
        source=Source.CHINESE,
        summary=CHINESE_IN_OTHER,
        wcag=WCAG,
        outcome=Outcome.FAILED if sentences else Outcome.CANT_TELL,
        impact="moderate",
        details={"lang": lang[:40], "passage": (sentences or runs)[0][:200]},
    )
