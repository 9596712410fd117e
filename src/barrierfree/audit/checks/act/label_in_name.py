"""ACT 2ee8b8: the visible label of a control is part of its accessible name, as whole words (WCAG 2.5.3).

People who use speech input say what they see. axe-core compares the label and the name as plain strings, so a
label that stops in the middle of a word of the name ("Discover It" for "Discover Italy") passes there. This check
compares words: after lower-casing and dropping punctuation and symbols, the visible text must appear in the name
starting and ending at word boundaries (ignoring the spaces between words, so "nonstandard" matches
"non-standard"). A word written as an abbreviation ("Ave.") may be the start of a longer word in the name.

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

RULE = ActRule("2ee8b8", ("2.5.3",), "The visible label is not part of the control's accessible name.")
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

COLLECT_JS = """() => [...document.querySelectorAll('[aria-label], [aria-labelledby]')].filter(el =>
  el.getClientRects().length > 0 && !/icon|symbol|glyph|awesome/i.test(getComputedStyle(el).fontFamily))"""
VISIBLE_TEXT_JS = """(el) => {
  const parts = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !node.textContent.trim() || getComputedStyle(parent).visibility !== 'visible') continue;
    let tiny = false;
    for (let a = parent; a && a !== el.parentElement; a = a.parentElement) {
      const s = getComputedStyle(a);
      const r = a.getBoundingClientRect();
      if ((s.overflow !== 'visible' || s.clipPath !== 'none') && (r.width <= 2 || r.height <= 2)) { tiny = true; break; }
    }
    if (tiny) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    if ([...range.getClientRects()].some(r => r.width >= 1 && r.height >= 1)) parts.push(node);
  }
  return parts.map(n => n.textContent).join(' ');
}"""


def words(text: str) -> list[str]:
    """Lower-case words of letters and digits; punctuation, symbols and emoji are dropped."""
    cleaned = "".join(c if unicodedata.category(c)[0] in "LN" else " " for c in text.lower())
    return cleaned.split()


def label_in_name(label: str, name: str) -> bool:
    """True when the visible ``label`` appears in ``name`` from a word start to a word end (see module doc)."""
    label_words = words(label)
    if not label_words:
        return True
    name_words = words(name)
    joined_label = "".join(label_words)
    joined_name = "".join(name_words)
    starts, ends, position = set(), set(), 0
    for word in name_words:
        starts.add(position)
        position += len(word)
        ends.add(position)
    abbreviated = bool(ABBREVIATION.search(label))
    index = joined_name.find(joined_label)
    while index >= 0:
        end = index + len(joined_label)
        if index in starts and (end in ends or abbreviated):
            return True
        index = joined_name.find(joined_label, index + 1)
    return False


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
