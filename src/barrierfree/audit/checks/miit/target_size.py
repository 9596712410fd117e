"""MIIT: touch targets are at least 60 x 60 CSS px in elder mode, and at least 44 x 44 otherwise.

Targets are links, buttons, form controls, ``summary`` and elements with an interactive ARIA role that are
visible, enabled and on the page. A checkbox or radio button counts with its label when the label is larger,
since clicking the label operates it. Links inside a sentence are exempt (WCAG 2.5.8's "inline" exception):
an inline (or inline-block) link with letters or digits of the same block's text beside it on one of its lines.
Separators such as "|" or "·" between links do not make a sentence.
"""

from __future__ import annotations

from barrierfree.audit.checks.base import PageContext, finding_from_element
from barrierfree.audit.checks.miit.dom import MAX_FINDINGS_PER_RULE, script
from barrierfree.audit.findings import Finding, Source
from barrierfree.core.i18n import N_

RULE = "miit:target-size"
MIN_ELDER_TARGET_PX = 60.0
MIN_TARGET_PX = 44.0
WCAG_ENHANCED_TARGET_PX = 44.0
"""WCAG 2.5.5 Target Size (Enhanced), level AAA: 44 x 44 CSS px."""
SIZE_TOLERANCE_PX = 0.5
MIN_SENTENCE_CHARS = 2
"""Letters or digits outside any link, on the same line and in the same block, that put a link in a sentence."""
MAX_TARGETS = 2000
SUMMARY = N_("Target is {width} × {height} px; at least {minimum} × {minimum} px is needed")
TARGET_SELECTOR = ", ".join(
    (
        "a[href]",
        "area[href]",
        "button",
        "input:not([type=hidden])",
        "select",
        "textarea",
        "summary",
        *(
            f"[role={role}]"
            for role in (
                "button",
                "link",
                "checkbox",
                "radio",
                "switch",
                "tab",
                "menuitem",
                "menuitemcheckbox",
                "menuitemradio",
                "option",
                "slider",
                "spinbutton",
                "combobox",
            )
        ),
    )
)

TARGETS_JS = script(
    r"""
  const targets = [...document.querySelectorAll(args.selector)].slice(0, args.maxTargets);
  const small = [];
  const blockMemo = new Map();
  const blockOf = (el) => {
    if (blockMemo.has(el)) return blockMemo.get(el);
    const display = getComputedStyle(el).display;
    const block = (display !== 'inline' && display !== 'contents') || !el.parentElement ? el : blockOf(el.parentElement);
    blockMemo.set(el, block);
    return block;
  };
  const range = document.createRange();
  const inSentence = (el) => {
    // a link in running text: text outside any control shares its block and one of its lines
    if (!(el.localName === 'a' || el.getAttribute('role') === 'link')) return false;
    if (!/^inline(-block|-flex)?$/.test(getComputedStyle(el).display) || !el.parentElement) return false;
    const block = blockOf(el.parentElement);
    const lines = [...el.getClientRects()];
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let outside = 0;
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const parent = node.parentElement;
      if (!parent || !node.nodeValue.trim() || blockOf(parent) !== block) continue;
      if (parent.closest('a[href], [role=link], button, [role=button]')) continue;
      range.selectNodeContents(node);
      const sameLine = [...range.getClientRects()].some(r => lines.some(l => r.top < l.bottom && r.bottom > l.top));
      if (sameLine) outside += (node.nodeValue.match(/[\p{L}\p{N}]/gu) || []).length;
      if (outside >= args.sentenceChars) return true;
    }
    return false;
  };
  for (const el of targets) {
    if (small.length >= args.maxFindings) break;
    if (el.disabled || el.getAttribute('aria-disabled') === 'true') continue;
    if (el.parentElement && el.parentElement.closest(args.selector)) continue;
    if (!bfVisible(el)) continue;
    let rect = el.getBoundingClientRect();
    if (el.labels && el.labels.length) {
      for (const label of el.labels) {
        const r = label.getBoundingClientRect();
        if (bfVisible(label) && Math.min(r.width, r.height) > Math.min(rect.width, rect.height)) rect = r;
      }
    }
    if (rect.width + args.tolerance >= args.minimum && rect.height + args.tolerance >= args.minimum) continue;
    if (inSentence(el)) continue;
    small.push({width: rect.width, height: rect.height, info: bfInfo(el, el.getBoundingClientRect(), bfName(el))});
  }
  return small;
"""
)


class TargetSizeCheck:
    """Pointer targets are at least 60 x 60 px in elder mode and 44 x 44 px otherwise."""

    id = RULE
    source = Source.MIIT

    async def run(self, context: PageContext) -> list[Finding]:
        """One finding per target smaller than the minimum for the mode."""
        minimum = MIN_ELDER_TARGET_PX if context.elder_mode else MIN_TARGET_PX
        raw = await context.page.evaluate(
            TARGETS_JS,
            {
                "selector": TARGET_SELECTOR,
                "minimum": minimum,
                "tolerance": SIZE_TOLERANCE_PX,
                "sentenceChars": MIN_SENTENCE_CHARS,
                "maxTargets": MAX_TARGETS,
                "maxFindings": MAX_FINDINGS_PER_RULE,
            },
        )
        findings = []
        for item in raw:
            width, height = float(item["width"]), float(item["height"])
            below_wcag = min(width, height) + SIZE_TOLERANCE_PX < WCAG_ENHANCED_TARGET_PX
            findings.append(
                finding_from_element(
                    item["info"],
                    rule=RULE,
                    source=Source.MIIT,
                    summary=SUMMARY,
                    wcag=("2.5.5",) if below_wcag else (),
                    impact="serious" if context.elder_mode else "moderate",
                    details={"width": round(width), "height": round(height), "minimum": int(minimum)},
                )
            )
        return findings
