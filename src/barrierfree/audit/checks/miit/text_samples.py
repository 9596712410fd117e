"""The visible text of a page, one sample per element that directly holds text, with its computed style.

Text size, line height and the two contrast checks all read the same samples; they are collected once per page
(one ``page.evaluate``) and kept on the page's :class:`PageContext`. A sample's background is resolved only when it is
certain: walking up from the element, background colours are layered until an opaque one; any background image,
opacity below 1, filter, blend mode, text shadow, or a positioned or replaced element overlapping the text makes the
background "unknown" and the contrast checks skip the sample (axe-core reports those as "incomplete").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from barrierfree.audit.checks.base import PageContext
from barrierfree.audit.checks.miit.dom import script

MAX_SAMPLES = 600
"""Elements with text examined per page (document order)."""
MAX_PAINTERS = 3000
"""Positioned or replaced elements considered as possible overlaps of text."""
MAX_SAMPLE_TEXT = 300
PROSE_TAGS = ("p", "li", "dd", "dt", "td", "th", "blockquote", "figcaption", "caption", "label", "legend", "address")
"""Block containers whose text is running prose (line height applies even to a single line)."""

SAMPLES_JS = script(
    r"""
  const XHTML = 'http://www.w3.org/1999/xhtml';
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'SELECT', 'OPTION', 'OPTGROUP',
                        'DATALIST', 'IFRAME', 'OBJECT', 'CANVAS', 'VIDEO', 'AUDIO']);
  const PROSE = new Set(args.prose.map(t => t.toUpperCase()));
  const REPLACED = new Set(['IMG', 'VIDEO', 'CANVAS', 'IFRAME', 'OBJECT', 'EMBED', 'svg', 'PICTURE']);
  const root = document.body || document.documentElement;
  const groups = new Map();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.nodeValue || !node.nodeValue.trim()) continue;
    const el = node.parentElement;
    if (!el || el.namespaceURI !== XHTML || SKIP.has(el.tagName)) continue;
    let group = groups.get(el);
    if (!group) {
      if (groups.size >= args.maxSamples) break;
      group = [];
      groups.set(el, group);
    }
    group.push(node);
  }
  const transparent = (c) => c === 'transparent' || /^rgba\(.*,\s*0\)$/.test(c);
  const opaque = (c) => /^rgb\(/.test(c) || /^rgba\(.*,\s*1\)$/.test(c);
  const scheme = getComputedStyle(document.documentElement).colorScheme || 'normal';
  const darkCanvas = /dark/.test(scheme) && !/light/.test(scheme);
  const fadeMemo = new Map();
  const faded = (node) => {
    if (!node) return '';
    if (fadeMemo.has(node)) return fadeMemo.get(node);
    const cs = getComputedStyle(node);
    let why = '';
    if (parseFloat(cs.opacity) < 1) why = 'opacity';
    else if (cs.filter !== 'none' || cs.mixBlendMode !== 'normal' || (cs.backdropFilter || 'none') !== 'none') why = 'filter';
    if (!why) why = faded(node.parentElement);
    fadeMemo.set(node, why);
    return why;
  };
  const bgMemo = new Map();
  const background = (node) => {
    if (!node) return darkCanvas ? {layers: [], unknown: 'dark-canvas'} : {layers: [], unknown: ''};
    if (bgMemo.has(node)) return bgMemo.get(node);
    const cs = getComputedStyle(node);
    let result;
    if (cs.backgroundImage !== 'none') result = {layers: [], unknown: 'background-image'};
    else if (opaque(cs.backgroundColor)) result = {layers: [cs.backgroundColor], unknown: ''};
    else {
      const parent = background(node.parentElement);
      result = parent.unknown || transparent(cs.backgroundColor) ? parent
             : {layers: [cs.backgroundColor, ...parent.layers], unknown: ''};
    }
    bgMemo.set(node, result);
    return result;
  };
  let painters = null;
  const paintersOnPage = () => {
    painters = [];
    const all = root.getElementsByTagName('*');
    for (let i = 0; i < all.length && painters.length < args.maxPainters; i++) {
      const el = all[i];
      let paints = REPLACED.has(el.tagName);
      if (!paints) {
        const cs = getComputedStyle(el);
        paints = cs.backgroundImage !== 'none' || (cs.position !== 'static' && !transparent(cs.backgroundColor));
      }
      if (paints) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) painters.push([el, r]);
      }
    }
  };
  const overlapped = (el, u) => {
    if (painters === null) paintersOnPage();
    for (const [p, r] of painters) {
      if (r.left < u.right && r.right > u.left && r.top < u.bottom && r.bottom > u.top
          && p !== el && !p.contains(el) && !el.contains(p)) return true;
    }
    return false;
  };
  const normalMemo = new Map();
  const normalLineHeight = (cs, han) => {
    const key = [cs.fontFamily, cs.fontSize, cs.fontWeight, cs.fontStyle, han].join('|');
    if (normalMemo.has(key)) return normalMemo.get(key);
    // XHTML by name: in an XML or SVG document createElement() makes an unstyled element (no .style).
    const probe = document.createElementNS('http://www.w3.org/1999/xhtml', 'span');
    if (!probe.style) return NaN;
    probe.style.cssText = 'position:absolute;left:-9999px;top:0;visibility:hidden;display:inline-block;' +
      'white-space:nowrap;line-height:normal;margin:0;padding:0;border:0';
    probe.style.fontFamily = cs.fontFamily;
    probe.style.fontSize = cs.fontSize;
    probe.style.fontWeight = cs.fontWeight;
    probe.style.fontStyle = cs.fontStyle;
    probe.textContent = han ? 'Ag汉字' : 'Ag';
    root.appendChild(probe);
    const height = probe.getBoundingClientRect().height;
    probe.remove();
    const measured = height > 0 ? height : NaN;  // not rendered (inside SVG): unknown, not zero
    normalMemo.set(key, measured);
    return measured;
  };
  const blockOf = (el) => {
    for (let node = el; node && node !== root; node = node.parentElement) {
      const display = getComputedStyle(node).display;
      if (display !== 'inline' && display !== 'contents') return node;
    }
    return root;
  };
  const range = document.createRange();
  const samples = [];
  for (const [el, nodes] of groups) {
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) || bfClipped(el)) continue;
    const rects = [];
    for (const node of nodes) {
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) rects.push(r);
    }
    if (!rects.length) continue;
    const u = {left: Math.min(...rects.map(r => r.left)), top: Math.min(...rects.map(r => r.top)),
               right: Math.max(...rects.map(r => r.right)), bottom: Math.max(...rects.map(r => r.bottom))};
    const union = new DOMRect(u.left, u.top, u.right - u.left, u.bottom - u.top);
    if (!bfOnPage(union)) continue;
    const text = bfText(nodes.map(n => n.nodeValue).join(''));
    const cs = getComputedStyle(el);
    const han = /[\u3400-\u9fff]/.test(text);
    const lineHeight = cs.lineHeight === 'normal' ? normalLineHeight(cs, han) : parseFloat(cs.lineHeight);
    let unknown = faded(el);
    let layers = [];
    if (!unknown && cs.textShadow !== 'none') unknown = 'text-shadow';
    if (!unknown && parseFloat(cs.webkitTextStrokeWidth || '0') > 0) unknown = 'text-stroke';
    if (!unknown) {
      const bg = background(el);
      unknown = bg.unknown;
      layers = bg.layers;
    }
    if (!unknown && overlapped(el, u)) unknown = 'overlap';
    const block = blockOf(el);
    samples.push({
      text: text.slice(0, args.maxText),
      fontSize: parseFloat(cs.fontSize),
      fontWeight: parseInt(cs.fontWeight, 10) || 400,
      lineHeight: isFinite(lineHeight) ? lineHeight : null,
      lines: new Set(rects.map(r => Math.round(r.top))).size,
      prose: PROSE.has(block.tagName),
      colour: cs.webkitTextFillColor || cs.color,
      layers, unknown,
      info: bfInfo(el, union, text),
    });
  }
  return samples;
"""
)


@dataclass(frozen=True)
class TextSample:
    """One element's own visible text and how it is drawn."""

    text: str
    font_size: float
    font_weight: int
    line_height: float | None
    """Used line height in CSS px (``normal`` measured with a probe in the same font)."""
    lines: int
    prose: bool
    colour: str
    background: tuple[str, ...]
    """Background colours from the element outwards to the first opaque one; empty when unknown or the canvas."""
    background_unknown: str
    """Why the background cannot be known ("background-image", "overlap", ...), or "" when it is known."""
    info: dict[str, Any] = field(default_factory=dict)
    """Selector, snippet and box, as :func:`finding_from_element` expects."""

    @property
    def line_height_ratio(self) -> float | None:
        """Line height as a multiple of the font size."""
        if self.line_height is None or self.font_size <= 0:
            return None
        return self.line_height / self.font_size


CACHE_ATTRIBUTE = "_barrierfree_text_samples"
"""Where the samples are kept on the :class:`PageContext` (one per loaded page), so every check shares them."""


def _sample(raw: dict[str, Any]) -> TextSample:
    return TextSample(
        text=raw["text"],
        font_size=float(raw["fontSize"]),
        font_weight=int(raw["fontWeight"]),
        line_height=float(raw["lineHeight"]) if raw.get("lineHeight") is not None else None,
        lines=int(raw["lines"]),
        prose=bool(raw["prose"]),
        colour=raw["colour"],
        background=tuple(raw["layers"]),
        background_unknown=raw["unknown"],
        info=raw["info"],
    )


async def text_samples(context: PageContext) -> list[TextSample]:
    """The page's text samples, collected on first use and shared by every check of this page."""
    cached: list[TextSample] | None = getattr(context, CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    raw = await context.page.evaluate(
        SAMPLES_JS,
        {"maxSamples": MAX_SAMPLES, "maxPainters": MAX_PAINTERS, "maxText": MAX_SAMPLE_TEXT, "prose": PROSE_TAGS},
    )
    samples = [_sample(item) for item in raw]
    setattr(context, CACHE_ATTRIBUTE, samples)
    return samples


def has_words(text: str) -> bool:
    """True when the text holds a letter or digit (punctuation-only text such as "|" or "·" is not judged)."""
    return any(ch.isalnum() for ch in text)
