"""ACT 2ee8b8: the visible label of a control is part of its accessible name, as whole words (WCAG 2.5.3).

People who use speech input say what they see. axe-core compares the label and the name as plain strings, so a
label that stops in the middle of a word of the name ("Discover It" for "Discover Italy") passes there. This check
follows the ACT label-in-name algorithm: after lower-casing, dropping text in round brackets (a hint such as
"(YYYY-MM-DD)"), punctuation and symbols, the words of the visible text must occur one after another in the
name, so "W C A G" is not in "WCAG" and "justice" is not in "just ice". Chinese is compared character by
character, since it puts no spaces between words. Two spellings the ACT rule leaves unjudged are let through: a
hyphenated word written joined ("nonstandard" for "non-standard") and an abbreviated last word ("Ave." for
"Avenue").

Only controls whose name could come from their content and that override it (``aria-label`` or
``aria-labelledby``) are checked; single-symbol labels ("X") and icon-font ligatures are not judged.
"""

from __future__ import annotations

import re
import unicodedata

from barrierfree.audit.checks.act import _cdp
from barrierfree.audit.checks.act._rules import ActCheck, ActRule, act_finding
from barrierfree.audit.checks.base import PageContext
from barrierfree.audit.findings import Finding
from barrierfree.core.i18n import N_

RULE = ActRule("2ee8b8", ("2.5.3",), N_("The visible label is not part of the control's accessible name."))
NAME_FROM_CONTENT_ROLES = frozenset(
    {
        "button",
        "togglebutton",
        "link",
        "menuitem",
        "menuitemcheckbox",
        "menuitemradio",
        "tab",
        "checkbox",
        "radio",
        "switch",
        "option",
        "treeitem",
    }
)
ABBREVIATION = re.compile(r"\w\.\s*$")
HYPHENS = re.compile(r"[-\u2010\u2011]")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
PARENTHESISED = re.compile(r"[(\uff08][^()\uff08\uff09]*[)\uff09]")
"""Text in round brackets, ASCII or full-width: a hint such as "(YYYY-MM-DD)" is not part of the label."""

COLLECT_JS = """() => [...document.querySelectorAll('[aria-label], [aria-labelledby]')].filter(el =>
  el.getClientRects().length > 0 && !/icon|symbol|glyph|awesome/i.test(getComputedStyle(el).fontFamily))"""
# The visible inner text: visible text nodes in order, run together inside one line box (inline elements such as
# <span>A</span><span>C</span> read "AC") and separated where a block starts; whitespace-only nodes count as a space.
VISIBLE_TEXT_JS = """(el) => {
  const blockOf = (node) => {
    let a = node.parentElement;
    while (a && a !== el && getComputedStyle(a).display.startsWith('inline')) a = a.parentElement;
    return a;
  };
  let text = '';
  let lastBlock = null;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent) continue;
    if (!node.textContent.trim()) { text += ' '; continue; }
    if (getComputedStyle(parent).visibility !== 'visible') continue;
    let tiny = false;
    for (let a = parent; a && a !== el.parentElement; a = a.parentElement) {
      const s = getComputedStyle(a);
      const r = a.getBoundingClientRect();
      if ((s.overflow !== 'visible' || s.clipPath !== 'none') && (r.width <= 2 || r.height <= 2)) { tiny = true; break; }
    }
    if (tiny) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    if (![...range.getClientRects()].some(r => r.width >= 1 && r.height >= 1)) continue;
    const block = blockOf(node);
    text += (lastBlock !== null && block !== lastBlock ? ' ' : '') + node.textContent;
    lastBlock = block;
  }
  return text;
}"""


def words(text: str, *, join_hyphenated: bool = False) -> list[str]:
    """Lower-case words of letters, marks and digits, each Han character a word of its own.

    Text in brackets, punctuation, symbols and emoji are dropped; with ``join_hyphenated``, hyphens join the
    parts of a word instead of separating them ("non-standard" -> "nonstandard").
    """
    text = PARENTHESISED.sub(" ", text)
    if join_hyphenated:
        text = HYPHENS.sub("", text)
    kept = []
    for char in text.lower():
        if HAN.match(char):
            kept.append(f" {char} ")  # Chinese has no spaces between words: compare character by character
        elif unicodedata.category(char)[0] in "LNM":
            kept.append(char)
        else:
            kept.append(" ")
    return "".join(kept).split()


def _contains(name_words: list[str], label_words: list[str], *, abbreviated: bool) -> bool:
    """True when ``label_words`` occur consecutively in ``name_words``; an abbreviated last word may be a prefix."""
    width = len(label_words)
    for start in range(len(name_words) - width + 1):
        window = name_words[start : start + width]
        if window[:-1] != label_words[:-1]:
            continue
        last_label, last_name = label_words[-1], window[-1]
        if last_name == last_label or (abbreviated and last_name.startswith(last_label)):
            return True
    return False


def label_in_name(label: str, name: str) -> bool:
    """True when the visible ``label`` appears in ``name`` as consecutive whole words (see module doc)."""
    if not words(label):
        return True
    abbreviated = bool(ABBREVIATION.search(label))
    return any(
        _contains(words(name, join_hyphenated=joined), words(label, join_hyphenated=joined), abbreviated=abbreviated)
        for joined in (False, True)
    )


def judged(label: str) -> bool:
    """False for labels this check leaves alone: empty, or a single non-digit symbol such as "X"."""
    letters = [c for c in label if unicodedata.category(c)[0] in "LN"]
    return bool(letters) and not (len(letters) == 1 and not letters[0].isdigit())


class LabelInNameCheck(ActCheck):
    """Visible labels missing, as words, from the accessible name (2ee8b8)."""

    id = "act:2ee8b8"

    async def run(self, context: PageContext) -> list[Finding]:
        """One finding per control whose visible label is not in its accessible name."""
        findings = []
        async with _cdp.query(context, COLLECT_JS) as elements:
            for element in elements:
                if element.role.lower() not in NAME_FROM_CONTENT_ROLES or element.ax.get("ignored"):
                    continue
                label = await _cdp.call(context, element, VISIBLE_TEXT_JS) or ""
                if judged(label) and not label_in_name(label, element.name):
                    info = await _cdp.element_info(context, element)
                    findings.append(act_finding(RULE, info, details={"label": label.strip(), "name": element.name}))
        return findings
