"""MIIT: text in elder mode can be enlarged to 30 px and the page still works.

The check raises the root font size to 30 CSS px (an inline ``!important`` style on ``<html>``, removed again
afterwards), the way a site's own "larger text" control or a reader's browser setting does, and compares the
layout before and after:

- text that does not grow with the root size (sized in ``px``, ``vw`` ...) cannot reach 30 px;
- text whose ``overflow: hidden``/``clip`` container starts clipping it is cut off (WCAG failure F69);
- text that starts overlapping other text is obscured (F69 too).

Clipping and overlap map to WCAG 1.4.4 when the enlargement is at most 200 %, the range 1.4.4 covers; text that
does not grow is an MIIT finding only (1.4.4 can also be met by browser zoom, which scales ``px`` too).
"""

from __future__ import annotations

from typing import Any

from barrierfree.audit.checks.base import PageContext, finding_from_element
from barrierfree.audit.checks.miit.dom import MAX_FINDINGS_PER_RULE, script
from barrierfree.audit.findings import Finding, Source
from barrierfree.core.i18n import N_

RULE = "miit:text-enlarge"
TARGET_ROOT_PX = 30.0
MIN_SCALE_TO_TEST_GROWTH = 1.1
"""Below this enlargement (a root already near 30 px) growth is not judged, only clipping and overlap."""
GROWTH_SHARE = 0.5
"""Text must grow by at least half as much as the root did (0.875rem text grows by 87.5 %, px text by 0 %)."""
OVERLAP_SHARE = 0.3
"""Two texts overlap when the intersection covers this share of the smaller line box."""
MAX_ELEMENTS = 600
MAX_FRAGMENTS = 3000
WCAG_RESIZE_LIMIT = 2.0
WCAG = ("1.4.4",)
NOT_GROWING = N_("Text stays at {size} px when the page's base font size is raised to {target} px")
CLIPPED = N_("Text is cut off when the page's base font size is raised to {target} px")
OVERLAPPING = N_("Text overlaps other text when the page's base font size is raised to {target} px")

ENLARGE_JS = script(
    r"""
  const XHTML = 'http://www.w3.org/1999/xhtml';
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'SELECT', 'OPTION', 'OPTGROUP']);
  const body = document.body || document.documentElement;
  const html = document.documentElement;
  const groups = new Map();
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.nodeValue || !/[\p{L}\p{N}]/u.test(node.nodeValue)) continue;
    const el = node.parentElement;
    if (!el || el.namespaceURI !== XHTML || SKIP.has(el.tagName)) continue;
    if (!groups.has(el)) {
      if (groups.size >= args.maxElements) break;
      groups.set(el, []);
    }
    groups.get(el).push(node);
  }
  const els = [], nodes = [];
  for (const [el, list] of groups) {
    if (el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) && !bfClipped(el)) {
      els.push(el);
      nodes.push(list);
    }
  }
  const clips = (v) => v === 'hidden' || v === 'clip';
  const containers = new Set();
  const containersOf = els.map(el => {
    const mine = [];
    for (let node = el; node && node !== body && node !== html; node = node.parentElement) {
      const cs = getComputedStyle(node);
      if (clips(cs.overflowX) || clips(cs.overflowY)) { mine.push(node); containers.add(node); }
    }
    return mine;
  });
  const range = document.createRange();
  const measure = () => {
    const sizes = els.map(el => parseFloat(getComputedStyle(el).fontSize));
    const clipped = new Map(), inner = new Map(), axes = new Map();
    for (const c of containers) {
      const cs = getComputedStyle(c);
      axes.set(c, [clips(cs.overflowX), clips(cs.overflowY)]);
      clipped.set(c, (clips(cs.overflowX) && c.scrollWidth > c.clientWidth + 1)
                      || (clips(cs.overflowY) && c.scrollHeight > c.clientHeight + 1));
      const r = c.getBoundingClientRect();
      inner.set(c, [r.left + c.clientLeft, r.top + c.clientTop, r.left + c.clientLeft + c.clientWidth,
                    r.top + c.clientTop + c.clientHeight]);
    }
    const unions = [], fragments = [];
    els.forEach((el, i) => {
      // what of the text its clipping containers let show
      const view = [-Infinity, -Infinity, Infinity, Infinity];
      for (const c of containersOf[i]) {
        const [x, y] = axes.get(c), box = inner.get(c);
        if (x) { view[0] = Math.max(view[0], box[0]); view[2] = Math.min(view[2], box[2]); }
        if (y) { view[1] = Math.max(view[1], box[1]); view[3] = Math.min(view[3], box[3]); }
      }
      let u = null;
      for (const node of nodes[i]) {
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) {
          if (r.width <= 0 || r.height <= 0) continue;
          u = u ? [Math.min(u[0], r.left), Math.min(u[1], r.top), Math.max(u[2], r.right), Math.max(u[3], r.bottom)]
                : [r.left, r.top, r.right, r.bottom];
          const f = [i, Math.max(r.left, view[0]), Math.max(r.top, view[1]), Math.min(r.right, view[2]),
                     Math.min(r.bottom, view[3])];
          if (f[3] > f[1] && f[4] > f[2] && fragments.length < args.maxFragments) fragments.push(f);
        }
      }
      unions.push(u);
    });
    fragments.sort((a, b) => a[2] - b[2]);
    const overlaps = new Set();
    for (let a = 0; a < fragments.length; a++) {
      const fa = fragments[a];
      for (let b = a + 1; b < fragments.length && fragments[b][2] < fa[4]; b++) {
        const fb = fragments[b];
        if (fa[0] === fb[0]) continue;
        const w = Math.min(fa[3], fb[3]) - Math.max(fa[1], fb[1]);
        const h = Math.min(fa[4], fb[4]) - Math.max(fa[2], fb[2]);
        if (w <= 0 || h <= 0) continue;
        const smaller = Math.min((fa[3] - fa[1]) * (fa[4] - fa[2]), (fb[3] - fb[1]) * (fb[4] - fb[2]));
        if (w * h < args.overlapShare * smaller) continue;
        const [i, j] = fa[0] < fb[0] ? [fa[0], fb[0]] : [fb[0], fa[0]];
        if (els[i].contains(els[j]) || els[j].contains(els[i])) continue;
        overlaps.add(i + ':' + j);
      }
    }
    return {sizes, unions, clipped, inner, overlaps};
  };
  const rootBefore = parseFloat(getComputedStyle(html).fontSize);
  const before = measure();
  const oldStyle = html.getAttribute('style');
  html.style.setProperty('font-size', args.target + 'px', 'important');
  let after;
  try {
    after = measure();
  } finally {
    // put the attribute back as it was; reading it first flushes Chromium's lazily synchronised inline style
    html.getAttribute('style');
    if (oldStyle === null) html.removeAttribute('style');
    else html.setAttribute('style', oldStyle);
  }
  const scale = args.target / rootBefore;
  const result = {root: rootBefore, scale, notGrowing: [], clipped: [], overlaps: []};
  if (scale >= args.minScale) {
    els.forEach((el, i) => {
      const grown = before.sizes[i] * (1 + (scale - 1) * args.growthShare);
      if (after.sizes[i] + 0.01 < grown && result.notGrowing.length < args.maxFindings) {
        result.notGrowing.push({size: before.sizes[i], after: after.sizes[i], info: bfInfo(el, null, bfText(el.textContent))});
      }
    });
  }
  for (const c of containers) {
    if (before.clipped.get(c) || !after.clipped.get(c) || result.clipped.length >= args.maxFindings) continue;
    const cs = getComputedStyle(c);
    const inner = after.inner.get(c);
    const cut = els.findIndex((el, i) => containersOf[i].includes(c) && after.unions[i] && (
      (clips(cs.overflowX) && (after.unions[i][0] < inner[0] - 1 || after.unions[i][2] > inner[2] + 1)) ||
      (clips(cs.overflowY) && (after.unions[i][1] < inner[1] - 1 || after.unions[i][3] > inner[3] + 1))));
    if (cut >= 0) result.clipped.push({info: bfInfo(c, null, bfText(els[cut].textContent))});
  }
  for (const key of after.overlaps) {
    if (before.overlaps.has(key) || result.overlaps.length >= args.maxFindings) continue;
    const [i, j] = key.split(':').map(Number);
    result.overlaps.push({info: bfInfo(els[i], null, bfText(els[i].textContent)), other: bfSelector(els[j])});
  }
  return result;
"""
)


class TextEnlargeCheck:
    """Raising the root font size to 30 px makes text grow, without clipping or overlap (elder mode only)."""

    id = RULE
    source = Source.MIIT

    async def run(self, context: PageContext) -> list[Finding]:
        """Findings for text that does not grow, is cut off, or overlaps once the base size is 30 px."""
        if not context.elder_mode:
            return []
        raw: dict[str, Any] = await context.page.evaluate(
            ENLARGE_JS,
            {
                "target": TARGET_ROOT_PX,
                "minScale": MIN_SCALE_TO_TEST_GROWTH,
                "growthShare": GROWTH_SHARE,
                "overlapShare": OVERLAP_SHARE,
                "maxElements": MAX_ELEMENTS,
                "maxFragments": MAX_FRAGMENTS,
                "maxFindings": MAX_FINDINGS_PER_RULE,
            },
        )
        scale = float(raw["scale"])
        wcag = WCAG if scale <= WCAG_RESIZE_LIMIT else ()
        common = {"target": TARGET_ROOT_PX, "root": raw["root"], "scale": round(scale, 2)}
        findings = [
            finding_from_element(
                item["info"],
                rule=RULE,
                source=Source.MIIT,
                summary=NOT_GROWING,
                details={**common, "size": round(item["size"], 1), "after": round(item["after"], 1)},
            )
            for item in raw["notGrowing"]
        ]
        findings += [
            finding_from_element(
                item["info"], rule=RULE, source=Source.MIIT, summary=CLIPPED, wcag=wcag, details=common
            )
            for item in raw["clipped"]
        ]
        findings += [
            finding_from_element(
                item["info"],
                rule=RULE,
                source=Source.MIIT,
                summary=OVERLAPPING,
                wcag=wcag,
                details={**common, "other": item["other"]},
            )
            for item in raw["overlaps"]
        ]
        return findings
