"""ACT afw4f7 and 09o5cg: contrast of text over background images and gradients, measured on screen.

axe-core cannot compute contrast when a CSS background image or gradient lies behind text and leaves it for a
person. This check measures it: the text's area is photographed with the text made transparent, which gives every
background colour behind it; the text colour (blended over each of them when it is translucent) is compared with
each. As in the ACT rules, the *highest* contrast found counts: text fails only when even its best spot is below
4.5:1 (3:1 for large text) for afw4f7, 7:1 (4.5:1) for 09o5cg. Text with a shadow or inside translucent parts of
the page is not judged, nor disabled controls or text hidden from assistive technologies.
"""

from __future__ import annotations

import contextlib
from typing import Any

from barrierfree.audit.checks.act._png import PngError, decode
from barrierfree.audit.checks.act._rules import ActCheck, ActRule, act_finding
from barrierfree.audit.checks.base import ELEMENT_INFO_JS, PageContext
from barrierfree.audit.findings import Finding
from barrierfree.core.i18n import N_

MINIMUM = ActRule("afw4f7", ("1.4.3",), N_("Text over a background image or gradient has too little contrast."))
ENHANCED = ActRule(
    "09o5cg",
    ("1.4.6",),
    N_("Text over a background image or gradient has less than enhanced contrast."),
    impact="minor",
)
THRESHOLDS = {MINIMUM.id: (4.5, 3.0), ENHANCED.id: (7.0, 4.5)}
"""(normal text, large text) contrast ratios for each rule."""
LARGE_PX = 24.0
LARGE_BOLD_PX = 18.66
BOLD_WEIGHT = 700
MAX_CANDIDATES = 10
MAX_SAMPLES = 4000
MARK = "data-barrierfree-contrast"

CANDIDATES_JS = f"""([mark, maxCandidates, largePx, largeBoldPx, boldWeight]) => {{
  const info = {ELEMENT_INFO_JS};
  const rgba = (text) => {{
    const m = /rgba?\\(([^)]+)\\)/.exec(text || '');
    if (!m) return null;
    const parts = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  }};
  const found = [];
  const seen = new Set();
  const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node && found.length < maxCandidates; node = walker.nextNode()) {{
    const el = node.parentElement;
    if (!el || seen.has(el) || !node.textContent.trim()) continue;
    seen.add(el);
    if (el.closest('script, style, noscript, template, title, [aria-hidden="true" i], [disabled], '
                   + '[aria-disabled="true" i], option, select, textarea')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.textShadow !== 'none') continue;
    let image = false, translucent = false;
    for (let a = el; a; a = a.parentElement) {{
      const s = getComputedStyle(a);
      if (Number(s.opacity) < 1 || (s.filter && s.filter !== 'none') || s.mixBlendMode !== 'normal') translucent = true;
      if (s.backgroundImage && s.backgroundImage !== 'none') image = true;
      const bg = rgba(s.backgroundColor);
      if (bg && bg[3] >= 1) break;
    }}
    if (!image || translucent) continue;
    const fg = rgba(style.color);
    if (!fg || fg[3] === 0) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter(r => r.width >= 1 && r.height >= 1);
    if (!rects.length) continue;
    const left = Math.min(...rects.map(r => r.left)) + scrollX, top = Math.min(...rects.map(r => r.top)) + scrollY;
    const right = Math.max(...rects.map(r => r.right)) + scrollX, bottom = Math.max(...rects.map(r => r.bottom)) + scrollY;
    if (right <= 0 || bottom <= 0) continue;
    const size = parseFloat(style.fontSize), weight = Number(style.fontWeight) || 400;
    el.setAttribute(mark, String(found.length));
    found.push({{fg, large: size >= largePx || (size >= largeBoldPx && weight >= boldWeight),
                rect: [Math.max(left, 0), Math.max(top, 0), right - Math.max(left, 0), bottom - Math.max(top, 0)],
                info: info(el)}});
  }}
  return found;
}}"""
HIDE_JS = """([mark, hide]) => {
  const id = mark + '-style';
  let style = document.getElementById(id);
  if (hide && !style) {
    style = document.createElement('style');
    style.id = id;
    style.textContent = `[${mark}], [${mark}] * { color: transparent !important; -webkit-text-fill-color: transparent
      !important; text-shadow: none !important; text-decoration-color: transparent !important; }`;
    document.documentElement.appendChild(style);
  } else if (!hide) {
    if (style) style.remove();
    document.querySelectorAll('[' + mark + ']').forEach(el => el.removeAttribute(mark));
  }
}"""


def _linear(channel: float) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG relative luminance of an sRGB colour (0-255 channels)."""
    red, green, blue = rgb
    return 0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue)


def contrast(first: tuple[float, float, float], second: tuple[float, float, float]) -> float:
    """WCAG contrast ratio of two colours, from 1 to 21."""
    a, b = sorted((luminance(first), luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def highest_contrast(foreground: list[float], backgrounds: set[tuple[int, int, int]]) -> float:
    """The highest contrast between the text colour (blended over each background when translucent) and them."""
    red, green, blue, alpha = foreground
    best = 1.0
    for background in backgrounds:
        bg_red, bg_green, bg_blue = background
        text = (
            alpha * red + (1 - alpha) * bg_red,
            alpha * green + (1 - alpha) * bg_green,
            alpha * blue + (1 - alpha) * bg_blue,
        )
        best = max(best, contrast(text, (bg_red, bg_green, bg_blue)))
    return best


def background_colours(png: bytes) -> set[tuple[int, int, int]]:
    """The distinct colours of a screenshot, sampled evenly (at most MAX_SAMPLES pixels)."""
    image = decode(png)
    step = max(1, int((image.width * image.height / MAX_SAMPLES) ** 0.5))
    return {image.pixel(x, y) for y in range(0, image.height, step) for x in range(0, image.width, step)}


class ImageContrastCheck(ActCheck):
    """Text contrast over background images and gradients (afw4f7, 09o5cg)."""

    id = "act:image-contrast"

    async def run(self, context: PageContext) -> list[Finding]:
        """Findings for text whose best contrast with the picture behind it is too low."""
        page = context.page
        candidates: list[dict[str, Any]] = await page.evaluate(
            CANDIDATES_JS, [MARK, MAX_CANDIDATES, LARGE_PX, LARGE_BOLD_PX, BOLD_WEIGHT]
        )
        if not candidates:
            return []
        findings = []
        try:
            await page.evaluate(HIDE_JS, [MARK, True])
            for candidate in candidates:
                x, y, width, height = candidate["rect"]
                with contextlib.suppress(PngError):
                    shot = await page.screenshot(
                        clip={"x": x, "y": y, "width": width, "height": height}, full_page=True, animations="disabled"
                    )
                    best = highest_contrast(candidate["fg"], background_colours(shot))
                    for rule in (MINIMUM, ENHANCED):
                        normal, large = THRESHOLDS[rule.id]
                        if best < (large if candidate["large"] else normal):
                            details = {"highest_contrast": round(best, 2), "large_text": candidate["large"]}
                            findings.append(act_finding(rule, candidate["info"], details=details))
        finally:
            await page.evaluate(HIDE_JS, [MARK, False])
        return findings
