"""MIIT: no pop-ups and no advertising in elder mode.

The elderly-friendly rules forbid advertisements and plug-ins in the elder version and pop-ups that appear on their
own. Four signs are checked on the loaded page:

- an open dialog (``<dialog open>``, ``role=dialog``/``alertdialog``, ``aria-modal=true``) that nobody opened;
- a fixed or absolutely positioned layer covering at least a third of the viewport and hiding other content
  (a page-wide wrapper that merely contains the page is not a layer over it);
- a window the page opened by itself while loading (``window.open`` on load, WCAG failure F52);
- visible elements that are advertising by name: ``ad``/``ads``/``advert``/``sponsored`` ... class or id tokens,
  iframes from advertising networks, or blocks labelled "广告" / "Advertisement".
"""

from __future__ import annotations

import contextlib
from typing import Any

from barrierfree.audit.checks.base import PageContext, finding_from_element
from barrierfree.audit.checks.miit.dom import MAX_FINDINGS_PER_RULE, script
from barrierfree.audit.findings import Finding, Source
from barrierfree.core.i18n import N_

RULE = "miit:no-popups"
OVERLAY_VIEWPORT_SHARE = 1 / 3
OVERLAY_SAMPLE_POINTS = 5
OVERLAY_MIN_HITS = 2
"""Of the sample points in an overlay, how many must show other content underneath it."""
AD_TOKENS = (
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertise",
    "advertisement",
    "advertising",
    "adsbygoogle",
    "adsense",
    "adbox",
    "adbanner",
    "adslot",
    "adunit",
    "adwrap",
    "sponsored",
    "guanggao",
    "popad",
    "popunder",
)
AD_HOSTS = (
    "doubleclick.net",
    "googlesyndication.com",
    "googleadservices.com",
    "adservice.google.com",
    "pos.baidu.com",
    "cpro.baidu.com",
    "eclick.baidu.com",
    "tanx.com",
    "mediav.com",
    "adnxs.com",
    "taboola.com",
    "outbrain.com",
)
AD_LABELS = ("广告", "推广广告", "赞助广告", "advertisement", "sponsored", "ad choices")
WCAG_NEW_WINDOW = ("3.2.1", "3.2.5")
DIALOG = N_("A dialog is open when the page loads in elder mode")
OVERLAY = N_("A layer covers {share}% of the screen over the page in elder mode")
NEW_WINDOW = N_("The page opened a new window by itself while loading")
ADVERT = N_("Advertising is shown in elder mode")

POPUPS_JS = script(
    r"""
  const found = [];
  const reported = [];
  const add = (kind, el, extra) => {
    if (found.length >= args.maxFindings || reported.some(r => r === el || r.contains(el) || el.contains(r))) return;
    reported.push(el);
    found.push({kind, info: bfInfo(el, null, bfText(el.innerText || '').slice(0, 80)), ...extra});
  };
  for (const el of document.querySelectorAll('dialog[open], [role=dialog], [role=alertdialog], [aria-modal=true]')) {
    if (bfVisible(el)) add('dialog', el, {});
  }
  const vw = innerWidth, vh = innerHeight;
  const body = document.body || document.documentElement;
  const all = body.getElementsByTagName('*');
  for (let n = 0; n < all.length; n++) {
    const el = all[n];
    const cs = getComputedStyle(el);
    if (cs.position !== 'fixed' && cs.position !== 'absolute') continue;
    const r = el.getBoundingClientRect();
    const left = Math.max(r.left, 0), top = Math.max(r.top, 0);
    const right = Math.min(r.right, vw), bottom = Math.min(r.bottom, vh);
    if (right <= left || bottom <= top) continue;
    const share = (right - left) * (bottom - top) / (vw * vh);
    if (share < args.share || !bfVisible(el)) continue;
    const painted = !/^rgba\(.*,\s*0\)$|^transparent$/.test(cs.backgroundColor) || cs.backgroundImage !== 'none'
                    || bfText(el.innerText) || el.querySelector('img, video, iframe, canvas, svg');
    if (!painted) continue;
    const points = [[0.5, 0.5], [0.25, 0.25], [0.75, 0.25], [0.25, 0.75], [0.75, 0.75]].slice(0, args.points);
    let hits = 0;
    for (const [fx, fy] of points) {
      const stack = document.elementsFromPoint(left + (right - left) * fx, top + (bottom - top) * fy);
      if (!stack.length || !(stack[0] === el || el.contains(stack[0]))) continue;
      if (stack.some(e => e !== el && !el.contains(e) && !e.contains(el))) hits++;
    }
    if (hits >= args.minHits) add('overlay', el, {share: Math.round(share * 100)});
  }
  const adTokens = new Set(args.adTokens);
  const tokens = (value) => (value || '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
  for (const el of body.querySelectorAll('[class], [id], iframe[src]')) {
    if (found.length >= args.maxFindings) break;
    const names = [...tokens(typeof el.className === 'string' ? el.className : ''), ...tokens(el.id)];
    let advert = names.some(t => adTokens.has(t));
    if (!advert && el.localName === 'iframe') {
      let host = '';
      try { host = new URL(el.src, location.href).hostname; } catch (e) { host = ''; }
      advert = args.adHosts.some(h => host === h || host.endsWith('.' + h));
    }
    if (advert && bfVisible(el)) add('advert', el, {});
  }
  const labels = new Set(args.adLabels);
  for (const el of body.querySelectorAll('span, div, p, em, i, small, strong, b, label, sup')) {
    if (found.length >= args.maxFindings) break;
    if (el.children.length || !labels.has(bfText(el.textContent).toLowerCase())) continue;
    const parent = el.parentElement;
    const block = parent && parent !== body && parent !== document.documentElement ? parent : el;
    if (bfVisible(el)) add('advert', block, {});
  }
  return found;
"""
)


class PopupCheck:
    """No dialogs, covering layers, self-opened windows or advertising in elder mode (elder mode only)."""

    id = RULE
    source = Source.MIIT

    async def run(self, context: PageContext) -> list[Finding]:
        """One finding per dialog, covering layer, advert or window the page opened on load."""
        if not context.elder_mode:
            return []
        raw: list[dict[str, Any]] = await context.page.evaluate(
            POPUPS_JS,
            {
                "share": OVERLAY_VIEWPORT_SHARE,
                "points": OVERLAY_SAMPLE_POINTS,
                "minHits": OVERLAY_MIN_HITS,
                "adTokens": AD_TOKENS,
                "adHosts": AD_HOSTS,
                "adLabels": AD_LABELS,
                "maxFindings": MAX_FINDINGS_PER_RULE,
            },
        )
        findings = []
        for item in raw:
            kind = item["kind"]
            summary = {"dialog": DIALOG, "overlay": OVERLAY, "advert": ADVERT}[kind]
            details = {"kind": kind, **({"share": item["share"]} if "share" in item else {})}
            findings.append(
                finding_from_element(item["info"], rule=RULE, source=Source.MIIT, summary=summary, details=details)
            )
        findings += await _opened_windows(context)
        return findings


async def _opened_windows(context: PageContext) -> list[Finding]:
    """Windows this page opened by itself; they are closed so they do not outlive the audit of the page."""
    findings = []
    for other in list(context.page.context.pages):
        if other is context.page:
            continue
        opener = None
        with contextlib.suppress(Exception):
            opener = await other.opener()
        if opener is not context.page:
            continue
        findings.append(
            finding_from_element(
                {"selector": "", "snippet": f"window.open({other.url[:200]!r})"},
                rule=RULE,
                source=Source.MIIT,
                summary=NEW_WINDOW,
                wcag=WCAG_NEW_WINDOW,
                details={"kind": "window", "url": other.url[:500]},
            )
        )
        with contextlib.suppress(Exception):
            await other.close()
    return findings[:MAX_FINDINGS_PER_RULE]
