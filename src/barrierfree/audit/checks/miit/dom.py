"""JavaScript helpers shared by the MIIT and Chinese checks: visibility, selectors, snippets, accessible names.

Each check's script is wrapped by :func:`script`, which defines these helpers inside the evaluated function so
nothing is left behind on the audited page's ``window``.
"""

from __future__ import annotations

MAX_FINDINGS_PER_RULE = 20
"""Findings one rule reports per page; a page with more has the same fault throughout."""

HELPERS_JS = r"""
  const bfClipMemo = new Map();
  const bfClipped = (el) => {
    // true when el or an ancestor hides its content visually (sr-only clip patterns, 1 px overflow boxes)
    if (!el || el.nodeType !== 1 || el === document.documentElement || el === document.body) return false;
    if (bfClipMemo.has(el)) return bfClipMemo.get(el);
    const cs = getComputedStyle(el);
    let hidden = false;
    if ((cs.position === 'absolute' || cs.position === 'fixed') && cs.clip && cs.clip !== 'auto') hidden = true;
    else if (cs.clipPath && cs.clipPath !== 'none') hidden = true;
    else if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) hidden = true;
    }
    if (!hidden) hidden = bfClipped(el.parentElement);
    bfClipMemo.set(el, hidden);
    return hidden;
  };
  const bfOnPage = (r) => r.width > 1 && r.height > 1 && r.right + scrollX > 0 && r.bottom + scrollY > 0;
  const bfVisible = (el) => {
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
    return bfOnPage(el.getBoundingClientRect()) && !bfClipped(el);
  };
  const bfDocRect = (r) => [r.left + scrollX, r.top + scrollY, r.width, r.height];
  const bfPlaces = new Map();
  const bfPlace = (node) => {
    // [position among siblings of the same tag, how many there are], one pass per parent
    const parent = node.parentElement;
    if (!bfPlaces.has(parent)) {
      const counts = new Map(), places = new Map();
      for (const child of parent.children) {
        const n = (counts.get(child.localName) || 0) + 1;
        counts.set(child.localName, n);
        places.set(child, n);
      }
      bfPlaces.set(parent, {counts, places});
    }
    const {counts, places} = bfPlaces.get(parent);
    return [places.get(node), counts.get(node.localName)];
  };
  const bfSelector = (el) => {
    const path = [];
    for (let node = el; node && node.nodeType === 1 && path.length < 6; node = node.parentElement) {
      let part = node.localName;
      if (node.id) { part += '#' + CSS.escape(node.id); path.unshift(part); break; }
      if (node.parentElement) {
        const [position, count] = bfPlace(node);
        if (count > 1) part += `:nth-of-type(${position})`;
      }
      path.unshift(part);
    }
    return path.join(' > ');
  };
  const bfSnippet = (el, text) => {
    const copy = el.cloneNode(false);
    if (text) copy.textContent = text.length > 80 ? text.slice(0, 80) + '…' : text;
    return copy.outerHTML.slice(0, 240);
  };
  const bfInfo = (el, rect, text) => ({selector: bfSelector(el), snippet: bfSnippet(el, text),
                                       box: bfDocRect(rect || el.getBoundingClientRect())});
  const bfText = (text) => (text || '').replace(/\s+/g, ' ').trim();
  const bfName = (el) => {
    const parts = [];
    for (const id of (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean)) {
      const label = document.getElementById(id);
      if (label) parts.push(label.textContent);
    }
    parts.push(el.getAttribute('aria-label') || '', el.innerText || el.textContent || '');
    if (el.localName === 'input') parts.push(el.value || '', el.getAttribute('alt') || '');
    parts.push(el.getAttribute('title') || '');
    for (const img of el.querySelectorAll('img[alt]')) parts.push(img.getAttribute('alt'));
    return bfText(parts.join(' ')).slice(0, 200);
  };
"""


def script(body: str) -> str:
    """A function expression for ``page.evaluate(script, args)`` with the helpers in scope."""
    return "(args) => {\n" + HELPERS_JS + body + "\n}"
