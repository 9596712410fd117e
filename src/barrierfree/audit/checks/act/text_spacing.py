"""ACT 24afc2, 9e45ec, 78fd32: spacing set with ``!important`` in a style attribute leaves room to adjust text.

WCAG 1.4.12 asks that people can override letter spacing (to 0.12 times the font size), word spacing (0.16) and
line height (1.5). A user style sheet cannot beat an ``!important`` declaration in a ``style`` attribute, so such a
declaration must already be at least that wide. The check follows the ACT rules rather than axe's
``avoid-inline-spacing`` (which it replaces, see ``registry.SUPERSEDED_AXE_RULES``):

- only the text the declaration actually styles counts: a visible text node whose nearest ancestor declaring the
  property in its style attribute is the element itself (a child that sets its own spacing owns its text);
- the spacing is measured against the font size of the text's own parent, so a 2 px letter spacing inherited by
  10 px text is wide enough;
- ``inherit``, ``unset`` and ``revert`` hand the decision to the parent and are not judged; ``normal`` and
  ``initial`` are too narrow;
- line height only matters for text that wraps onto more than one line.

At most ``MAX_ELEMENTS`` elements with a style attribute are examined per page.
"""

from __future__ import annotations

from dataclasses import dataclass

from barrierfree.audit.checks.act._rules import ActCheck, ActRule, act_finding
from barrierfree.audit.checks.base import ELEMENT_INFO_JS, PageContext
from barrierfree.audit.findings import Finding
from barrierfree.core.i18n import N_

MAX_ELEMENTS = 300


@dataclass(frozen=True)
class SpacingRule:
    """One spacing property, the ACT rule that judges it and the smallest ratio to the font size it allows."""

    rule: ActRule
    css_property: str
    minimum_ratio: float
    needs_wrapping: bool = False


SPACING_RULES = (
    SpacingRule(
        ActRule("24afc2", ("1.4.12",), N_("Letter spacing set with !important in a style attribute is too narrow.")),
        "letter-spacing",
        0.12,
    ),
    SpacingRule(
        ActRule("9e45ec", ("1.4.12",), N_("Word spacing set with !important in a style attribute is too narrow.")),
        "word-spacing",
        0.16,
    ),
    SpacingRule(
        ActRule("78fd32", ("1.4.12",), N_("Line height set with !important in a style attribute is too small.")),
        "line-height",
        1.5,
        needs_wrapping=True,
    ),
)

# For each element whose style attribute declares the property as important (and not as a keyword that defers to
# the parent), the visible text it owns, each with its parent's computed spacing and font size in pixels.
COLLECT_JS = f"""([property, wrapping, maxElements]) => {{
  const DEFERRING = new Set(['inherit', 'unset', 'revert', 'revert-layer']);
  const declares = (el) => el.style && el.style.getPropertyValue(property) !== '';
  const inPage = (rect) => rect.width > 0 && rect.height > 0 && rect.right + window.scrollX > 0
      && rect.bottom + window.scrollY > 0;
  const pixels = (value) => {{
    if (value === 'normal') return property === 'line-height' ? null : 0;
    const number = parseFloat(value);
    return Number.isFinite(number) ? number : null;
  }};
  const lines = (rects) => new Set(rects.filter(r => r.height > 0).map(r => Math.round(r.top))).size;
  const found = [];
  const candidates = [...document.querySelectorAll('[style]')].filter(el =>
    el.namespaceURI === 'http://www.w3.org/1999/xhtml' && el.style.getPropertyPriority(property) === 'important'
    && !DEFERRING.has(el.style.getPropertyValue(property).trim().toLowerCase())).slice(0, maxElements);
  for (const el of candidates) {{
    const texts = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {{
      if (!node.textContent.trim()) continue;
      const parent = node.parentElement;
      let owner = parent;
      while (owner && owner !== el && !declares(owner)) owner = owner.parentElement;
      if (owner !== el) continue;
      const style = getComputedStyle(parent);
      if (style.visibility !== 'visible') continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()];
      if (!rects.some(inPage)) continue;
      if (wrapping && lines(rects) < 2) continue;
      const fontSize = parseFloat(style.fontSize);
      texts.push({{spacing: pixels(style.getPropertyValue(property)), fontSize,
                  text: node.textContent.trim().slice(0, 80)}});
      if (texts.length >= 20) break;
    }}
    if (texts.length) found.push({{declared: el.style.getPropertyValue(property), texts,
                                  info: ({ELEMENT_INFO_JS})(el)}});
  }}
  return found;
}}"""


def too_narrow(spacing: float | None, font_size: float, minimum_ratio: float) -> bool:
    """True when ``spacing`` pixels (None: ``normal`` line height) is below ``minimum_ratio`` times the font size."""
    if spacing is None:
        return True
    # Half a hundredth of a pixel absorbs the rounding of computed values (0.12 x 25 px = 3 px exactly).
    return spacing + 0.005 < minimum_ratio * font_size


class TextSpacingCheck(ActCheck):
    """Important spacing declarations in style attributes that are too tight (24afc2, 9e45ec, 78fd32)."""

    id = "act:text-spacing"

    async def run(self, context: PageContext) -> list[Finding]:
        """One finding per element and property whose declaration makes some of its text too tight."""
        findings = []
        for spacing_rule in SPACING_RULES:
            elements = await context.page.evaluate(
                COLLECT_JS, [spacing_rule.css_property, spacing_rule.needs_wrapping, MAX_ELEMENTS]
            )
            for element in elements:
                tight = [
                    text
                    for text in element["texts"]
                    if too_narrow(text["spacing"], text["fontSize"], spacing_rule.minimum_ratio)
                ]
                if tight:
                    details = {
                        "property": spacing_rule.css_property,
                        "declared": element["declared"],
                        "font_size_px": tight[0]["fontSize"],
                        "minimum": f"{spacing_rule.minimum_ratio:g} x font size",
                    }
                    findings.append(act_finding(spacing_rule.rule, element["info"], details=details))
        return findings
