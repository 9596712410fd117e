"""ACT audio and video rules that can be settled mechanically in the browser.

- 80f0bf, 4c31df, aaa1bf: an ``audio`` or ``video`` element that starts by itself (``autoplay``, not muted) and
  plays more than 3 seconds of sound (its own duration, or the ``#t=`` media fragment) must have a way to pause or
  mute it: the browser's own controls, or a visible, named button on the page. aaa1bf fails any such element.
  Whether a video has sound at all is measured: its soundtrack is decoded with the Web Audio API and its peak
  level read, so a silent video (or one with a silent track) does not count; when that cannot be done (another
  origin, a very large file) the video is left alone rather than guessed at.
- 2eb176, e7aa44: an audio player on a page that offers no text at all (none visible and exposed to assistive
  technologies) cannot have a transcript or a text alternative. Whether some text *is* a correct transcript is
  for a person to judge and is not attempted.
"""

from __future__ import annotations

from typing import Any

from barrierfree.audit.checks.act import _cdp
from barrierfree.audit.checks.act._rules import ActCheck, ActRule, act_finding
from barrierfree.audit.checks.base import PageContext
from barrierfree.audit.findings import Finding
from barrierfree.core.i18n import N_

NO_CONTROL = ActRule(
    "80f0bf", ("1.4.2",), N_("Media plays sound automatically for more than 3 seconds with no way to pause or mute it.")
)
NO_CONTROL_MECHANISM = ActRule(
    "4c31df", ("1.4.2",), N_("Media that plays automatically has no control to pause it or turn the sound down.")
)
PLAYS_SOUND = ActRule("aaa1bf", (), N_("Media plays sound automatically for more than 3 seconds."), impact="moderate")
NO_TRANSCRIPT = ActRule("2eb176", (), N_("An audio player has no transcript anywhere on the page."))
NO_TEXT_ALTERNATIVE = ActRule("e7aa44", ("1.2.1",), N_("An audio player has no text alternative on the page."))

MAX_AUTOPLAY_SECONDS = 3.0
"""WCAG 1.4.2: sound that plays automatically for more than 3 seconds needs a control."""
SILENCE_PEAK = 0.001
"""Peak sample level (of 1.0) below which a soundtrack counts as silent."""
MAX_DECODE_BYTES = 32 * 1024 * 1024
METADATA_WAIT_MS = 4000
CONTROL_ROLES = frozenset({"button", "togglebutton", "checkbox", "switch", "slider", "menuitem", "menuitemcheckbox"})

COLLECT_JS = "() => [...document.querySelectorAll('audio, video')]"
DESCRIBE_JS = """async (el, [waitMs, maxBytes, silence]) => {
  const src = el.currentSrc || el.src || (el.querySelector('source[src]') || {}).src || '';
  const time = (text) => {
    if (!text) return null;
    const parts = text.replace(/^npt:/, '').split(':').map(Number);
    if (parts.some(Number.isNaN)) return null;
    return parts.reduce((total, part) => total * 60 + part, 0);
  };
  const fragment = /#.*\\bt=([^&]*)/.exec(src);
  const [fromText, toText] = fragment ? fragment[1].split(',') : [];
  if (el.readyState < 1 && src) {
    await new Promise(resolve => {
      el.addEventListener('loadedmetadata', resolve, {once: true});
      el.addEventListener('error', resolve, {once: true});
      setTimeout(resolve, waitMs);
    });
  }
  const duration = Number.isFinite(el.duration) ? el.duration : null;
  let audible = null;
  if (el.autoplay && !el.muted && src) {
    try {
      const controller = new AbortController();
      const response = await fetch(src.split('#')[0], {signal: controller.signal});
      const length = Number(response.headers.get('content-length') || 0);
      if (response.ok && length <= maxBytes) {
        const decoded = await new OfflineAudioContext(1, 1, 44100).decodeAudioData(await response.arrayBuffer());
        let peak = 0;
        for (let ch = 0; ch < decoded.numberOfChannels && peak < silence; ch++) {
          const samples = decoded.getChannelData(ch);
          for (let i = 0; i < samples.length; i += 8) peak = Math.max(peak, Math.abs(samples[i]));
        }
        audible = peak >= silence;
      } else {
        controller.abort();
      }
    } catch (error) {
      audible = error && error.name === 'EncodingError' ? false : null;
    }
  }
  const style = getComputedStyle(el);
  return {
    kind: el.localName, autoplay: el.autoplay, muted: el.muted || el.hasAttribute('muted'), controls: el.controls,
    rendered: el.getClientRects().length > 0 && style.visibility !== 'hidden' && style.display !== 'none',
    duration, from: time(fromText) || 0, to: time(toText), audible,
  };
}"""

VISIBLE_TEXT_JS = """(media) => {
  const width = Math.max(document.documentElement.scrollWidth, innerWidth);
  const height = Math.max(document.documentElement.scrollHeight, innerHeight);
  const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const parent = node.parentElement;
    if (!parent || media.contains(parent) || parent.closest('[aria-hidden="true" i], script, style, noscript, template'))
      continue;
    const style = getComputedStyle(parent);
    if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      const x = r.left + scrollX, y = r.top + scrollY;
      if (r.width > 1 && r.height > 1 && x + r.width > 0 && y + r.height > 0 && x < width && y < height) return true;
    }
  }
  return false;
}"""


def plays_too_long(media: dict[str, Any]) -> bool:
    """True when the element starts by itself with sound that lasts more than MAX_AUTOPLAY_SECONDS."""
    if not media.get("autoplay") or media.get("muted") or media.get("duration") is None:
        return False
    audible = media.get("audible")
    if audible is False or (audible is None and media.get("kind") != "audio"):
        return False
    end = media["to"] if media.get("to") is not None else media["duration"]
    return min(end, media["duration"]) - media.get("from", 0) > MAX_AUTOPLAY_SECONDS


async def _named_controls(context: PageContext) -> bool:
    """True when the page exposes at least one visible, named button-like control."""
    cdp = await context.cdp_session()
    tree = await cdp.send("Accessibility.getFullAXTree", {})
    for node in tree.get("nodes", []):
        role = str((node.get("role") or {}).get("value") or "").lower()
        name = str((node.get("name") or {}).get("value") or "").strip()
        if role in CONTROL_ROLES and name and not node.get("ignored"):
            return True
    return False


class AutoplayCheck(ActCheck):
    """Sound that starts by itself (80f0bf, 4c31df, aaa1bf)."""

    id = "act:autoplay"

    async def run(self, context: PageContext) -> list[Finding]:
        """Findings for each media element that plays sound automatically, and lacks a control if it does."""
        findings: list[Finding] = []
        if not await context.page.evaluate("() => !!document.querySelector('audio[autoplay], video[autoplay]')"):
            return findings
        async with _cdp.query(context, COLLECT_JS) as elements:
            page_controls: bool | None = None
            for element in elements:
                media = await _cdp.call(
                    context, element, DESCRIBE_JS, [METADATA_WAIT_MS, MAX_DECODE_BYTES, SILENCE_PEAK]
                )
                if not media or not plays_too_long(media):
                    continue
                info = await _cdp.element_info(context, element)
                details = {"seconds": media["duration"], "from": media["from"], "to": media["to"]}
                findings.append(act_finding(PLAYS_SOUND, info, details=details))
                if media["controls"] and media["rendered"]:
                    continue
                if page_controls is None:
                    page_controls = await _named_controls(context)
                if not page_controls:
                    findings.append(act_finding(NO_CONTROL, info, details=details))
                    findings.append(act_finding(NO_CONTROL_MECHANISM, info, details=details))
        return findings


class AudioAlternativeCheck(ActCheck):
    """Audio players on pages with no text at all (2eb176, e7aa44)."""

    id = "act:audio-alternative"

    async def run(self, context: PageContext) -> list[Finding]:
        """Findings for each visible audio player (or autoplaying audio) on a page that offers no text."""
        findings: list[Finding] = []
        if not await context.page.evaluate("() => !!document.querySelector('audio')"):
            return findings
        async with _cdp.query(context, "() => [...document.querySelectorAll('audio')]") as elements:
            for element in elements:
                playable = await _cdp.call(
                    context, element, "(el) => el.autoplay || (el.controls && el.getClientRects().length > 0)"
                )
                if not playable:
                    continue
                if await _cdp.call(context, element, VISIBLE_TEXT_JS):
                    continue
                info = await _cdp.element_info(context, element)
                findings += [act_finding(NO_TRANSCRIPT, info), act_finding(NO_TEXT_ALTERNATIVE, info)]
        return findings
