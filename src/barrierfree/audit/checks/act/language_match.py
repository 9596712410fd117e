"""ACT ucwvc8 and off6ek: the ``lang`` of the page, and of each element that has one, matches its text's language.

A page that says ``lang="en"`` but is written in Chinese (or the reverse) is read aloud by screen readers with the
wrong voice and pronunciation rules. ucwvc8 (WCAG 3.1.1) judges the ``html`` element, off6ek (WCAG 3.1.2) each
element in the body with a ``lang`` attribute. The text judged for an element is the ACT rules' "text with the same
programmatic language": its visible or exposed text nodes down to the next element with its own ``lang`` (shadow
roots and slots followed as in the flat tree; frames are not entered), the accessible names that do not come from
that text (``alt``, ``aria-label``, ``aria-labelledby`` ...) and the accessible descriptions of the exposed elements
it holds, and, for the page, the document title. Names and descriptions are computed in the page, for their common
sources (ACCESSIBLE_TEXTS_JS), in one script with the walk: asking Chromium's accessibility tree element by element
costs tens of milliseconds each on a big page. Text in ``code``, ``pre``, ``kbd``, ``samp`` and ``var`` is left out
as technical.

Languages are told apart by ``lingua-language-detector``, whose models ship in its wheel: a low-accuracy detector
over the LANGUAGES below screens each piece of text, and a suspected mismatch between two languages written in the
same script is confirmed by a high-accuracy detector for just those two (loaded on first use, at most
MAX_CONFIRM_LANGUAGES at a time). The check only fails when it is sure, because a wrong failure costs more than a
missed one:

- a tag is judged only when its primary language is one of LANGUAGES (after the aliases ``no``, ``nn``, ``cmn``
  ...); ``eng``, grandfathered and invalid tags are left to other checks;
- text is split into pieces: each block's text, each accessible name, the title; then quotations apart (a quoted
  foreign word in an English sentence is counted on its own) and each writing system apart (the English words in
  a Chinese paragraph too). Han, kana and hangul are one writing system; a short piece written only in Han
  characters (at most MAX_KANJI_ONLY_CHARS) may be Japanese;
- a piece counts only with at least MIN_PIECE_WORDS words (CJK_CHARS_PER_WORD characters of Chinese or Japanese
  make a word); it counts for the declared language when the detector gives that language at least PLAUSIBLE,
  and for another language only when the detector gives that one at least CONFIDENT and, unless the piece is
  written in a script the declared language does not use, the confirmation gives it at least CONFIRM; a language
  close to the declared one (Danish for Norwegian, Spanish for Portuguese ...) needs CLOSE_LANGUAGE_WORDS words and
  CLOSE_CONFIDENCE;
- an element fails when the words counted for another language reach MIN_WORDS and the declared language has
  fewer than DECLARED_SHARE of them: its lang is then not a most common language of its text.

Work per page is capped: the page walk stops after MAX_ELEMENTS elements or MAX_TEXT_CHARS characters of text; at
most MAX_OWNERS elements with ``lang`` are judged, MAX_NAMED accessible names and descriptions are read, and each
element's text is judged on at most MAX_PIECES pieces (taken evenly through it) of at most MAX_PIECE_CHARS
characters each.
"""

from __future__ import annotations

import asyncio
import functools
import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import Any

from lingua import ConfidenceValue, IsoCode639_1, LanguageDetector, LanguageDetectorBuilder

from barrierfree.audit.checks.act._rules import ActCheck, ActRule, act_finding
from barrierfree.audit.checks.base import ELEMENT_INFO_JS, PageContext
from barrierfree.audit.checks.chinese.bcp47 import CHINESE_LANGUAGES, GRANDFATHERED, TagStatus, parse_tag
from barrierfree.audit.findings import Finding
from barrierfree.core.i18n import N_

PAGE_RULE = ActRule("ucwvc8", ("3.1.1",), N_("The page's lang attribute does not match the language of its text."))
PART_RULE = ActRule(
    "off6ek",
    ("3.1.2",),
    N_("An element's lang attribute does not match the language of its text."),
    impact="moderate",
)

LANGUAGES = (
    "en", "zh", "ja", "ko", "fr", "de", "es", "pt", "it", "nl", "ru", "ar", "tr", "pl", "vi", "id",
    "ms", "th", "sv", "da", "nb", "fi", "cs", "el", "he", "hi", "hu", "ro", "uk", "fa", "mn",
)  # fmt: skip
"""Languages the detector tells apart: Chinese, its neighbours, and the languages most used on the web."""
ALIASES = {"no": "nb", "nn": "nb", "in": "id", "iw": "he", **{code: "zh" for code in CHINESE_LANGUAGES}}
"""Primary language subtags judged as another: Norwegian is written much the same in both forms, and so on."""
SAME_WRITING = (frozenset({"id", "ms"}),)
"""Languages the detector cannot tell apart in writing: text in one counts for the other."""
CLOSE_LANGUAGES = (
    frozenset({"da", "nb", "sv"}),
    frozenset({"es", "pt", "it", "ro"}),
    frozenset({"nl", "de"}),
    frozenset({"ru", "uk", "mn"}),
    frozenset({"cs", "pl"}),
    frozenset({"id", "ms"}),
    frozenset({"ar", "fa"}),
    frozenset({"fr", "it", "ro"}),
)
"""Related languages a detector confuses on short text: telling them apart needs more words."""

MIN_PIECE_WORDS = 3
CJK_CHARS_PER_WORD = 2
PLAUSIBLE = 0.05
"""The declared language is a possible language of a piece when the screening detector gives it this much."""
CONFIDENT = 0.9
"""Another language counts only when the screening detector gives it this much ..."""
CONFIRM = 0.8
"""... and the high-accuracy detector, choosing between it and the declared language, this much."""
MAX_KANJI_ONLY_CHARS = 20
"""Han characters without kana may be Japanese up to this length (a name, a label); longer Japanese text has kana."""
CLOSE_LANGUAGE_WORDS = 12
CLOSE_CONFIDENCE = 0.99
MIN_WORDS = 3
DECLARED_SHARE = 0.5
MAX_CONFIRM_LANGUAGES = 4
"""High-accuracy models kept loaded (about 45 MB each); more are dropped and loaded again when needed."""

MAX_ELEMENTS = 8000
MAX_TEXT_CHARS = 20000
MAX_OWNERS = 100
MAX_NAMED = 300
MAX_PIECES = 60
MAX_PIECE_CHARS = 400

NAMED_SELECTOR = (
    "img[alt], area[alt], input[type=image][alt], input[type=button][value], input[type=submit][value], "
    "input[type=reset][value], input[placeholder], textarea[placeholder], [aria-label], [aria-labelledby], "
    "[aria-describedby], [aria-description], [title]"
)
ACCESSIBLE_TEXTS_JS = """(el) => {
  const attr = (name) => (el.getAttribute(name) || '').replace(/\\s+/g, ' ').trim();
  const referenced = (name) => attr(name).split(' ').map(id => id && el.ownerDocument.getElementById(id))
    .filter(Boolean).map(ref => ref.textContent).join(' ').replace(/\\s+/g, ' ').trim();
  const tag = el.localName;
  let name = referenced('aria-labelledby') || attr('aria-label');
  if (!name && (tag === 'img' || tag === 'area' || (tag === 'input' && el.type === 'image'))) {
    if (tag === 'img' && /^(none|presentation)$/i.test(attr('role'))) return [];
    name = attr('alt');
  }
  if (!name && tag === 'input' && ['button', 'submit', 'reset'].includes(el.type)) name = attr('value');
  if (!name && (tag === 'input' || tag === 'textarea') && !(el.labels && el.labels.length)) name = attr('placeholder');
  const titleIsName = !name && !el.textContent.trim() && !!attr('title');
  if (titleIsName) name = attr('title');
  const description = referenced('aria-describedby') || attr('aria-description') || (titleIsName ? '' : attr('title'));
  return [name, description].filter((text, i, all) => text && all.indexOf(text) === i);
}"""
"""The accessible name (unless it comes from the element's own text) and description of an element, as Chromium
computes them for the common cases: ``aria-labelledby``, ``aria-label``, ``alt``, a button's ``value``, a field's
``placeholder`` when it has no label, ``title``; ``aria-describedby``, ``aria-description``, ``title``."""
COLLECT_JS = rf"""() => {{
  const doc = document;
  const root = doc.documentElement;
  if (!root || doc.contentType !== 'text/html') return [];
  const SKIP = new Set(['head', 'script', 'style', 'template', 'noscript', 'iframe', 'frame', 'object', 'code', 'pre',
                        'kbd', 'samp', 'var']);
  const info = {ELEMENT_INFO_JS};
  const accessibleTexts = {ACCESSIBLE_TEXTS_JS};
  const records = new Map();
  const record = (el) => {{
    if (!records.has(el)) {{
      if (records.size >= {MAX_OWNERS}) return null;
      records.set(el, {{el, blocks: new Map(), names: []}});
    }}
    return records.get(el);
  }};
  const own = (el) => {{ const lang = el.getAttribute('lang'); return lang !== null && lang !== ''; }};
  const stack = [[root, own(root) ? root : null, root, false, true]];
  let elements = 0, named = 0, chars = 0;
  while (stack.length && elements < {MAX_ELEMENTS} && chars < {MAX_TEXT_CHARS}) {{
    const [node, owner, block, ariaHidden, parentVisible] = stack.pop();
    if (node.nodeType === Node.TEXT_NODE) {{
      const text = node.nodeValue;
      if (!owner || !parentVisible || !text.trim()) continue;
      if (ariaHidden) {{  // left out of the accessibility tree: counts only if it is visible
        const range = doc.createRange();
        range.selectNodeContents(node);
        if (![...range.getClientRects()].some(r => r.width >= 1 && r.height >= 1)) continue;
      }}
      const rec = record(owner);
      if (!rec) continue;
      if (!rec.blocks.has(block)) rec.blocks.set(block, []);
      rec.blocks.get(block).push(text);
      chars += text.length;
      continue;
    }}
    if (node.nodeType !== Node.ELEMENT_NODE || SKIP.has(node.localName)) continue;
    elements += 1;
    if (node.localName === 'br') {{  // a line break separates words like a space
      const rec = owner && records.get(owner);
      if (rec && rec.blocks.has(block)) rec.blocks.get(block).push(' ');
      continue;
    }}
    const style = getComputedStyle(node);
    if (style.display === 'none') continue;
    const nextOwner = own(node) ? node : owner;
    const inline = style.display.startsWith('inline') || style.display.startsWith('ruby') || style.display === 'contents';
    const nextBlock = inline ? block : node;
    const nextHidden = ariaHidden || (node.getAttribute('aria-hidden') || '').trim().toLowerCase() === 'true';
    const visible = style.visibility === 'visible';
    if (nextOwner && !nextHidden && visible && named < {MAX_NAMED} && node.matches('{NAMED_SELECTOR}')) {{
      const texts = accessibleTexts(node);
      const rec = texts.length ? record(nextOwner) : null;
      if (rec) {{
        named += 1;
        rec.names.push(...texts);
        chars += texts.join('').length;
      }}
    }}
    let children = node.childNodes;
    if (node.shadowRoot) children = node.shadowRoot.childNodes;
    else if (node.localName === 'slot' && node.assignedNodes().length) children = node.assignedNodes();
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], nextOwner, nextBlock, nextHidden, visible]);
  }}
  const title = doc.title.replace(/\s+/g, ' ').trim();
  if (own(root) && title) record(root);
  return [...records.values()].map(rec => {{
    const texts = [...rec.blocks.values()].map(parts => parts.join('').replace(/\s+/g, ' ').trim()).filter(Boolean);
    if (rec.el === root && title) texts.unshift(title);
    return {{lang: rec.el.getAttribute('lang'), root: rec.el === root, texts: [...texts, ...rec.names],
             info: info(rec.el)}};
  }});
}}"""

QUOTATION = re.compile(r'"([^"]+)"|“([^”]+)”|„([^“”]+)[“”]|«([^»]+)»|「([^」]+)」|『([^』]+)』')
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
KANA = re.compile(r"[\u3040-\u30ff]")
CJK_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "IDEOGRAPHIC")
LANGUAGE_SCRIPTS = {
    "zh": "CJK", "ja": "CJK", "ko": "CJK", "ru": "CYRILLIC", "uk": "CYRILLIC", "mn": "CYRILLIC", "ar": "ARABIC",
    "fa": "ARABIC", "he": "HEBREW", "el": "GREEK", "th": "THAI", "hi": "DEVANAGARI",
}  # fmt: skip
"""The writing system of each of LANGUAGES not written in the Latin alphabet."""


@dataclass(frozen=True)
class Mismatch:
    """The language most of an element's text is in, when it is not the declared one."""

    language: str
    words: float
    declared_words: float
    sample: str


def judged_language(tag: str) -> str | None:
    """The language of LANGUAGES a ``lang`` value declares (``"zh-Hans-CN"`` -> ``"zh"``), or None if not judged."""
    parsed = parse_tag(tag)
    if parsed.status is TagStatus.INVALID or tag.strip().lower() in GRANDFATHERED:
        return None
    language = ALIASES.get(parsed.language, parsed.language)
    return language if language in LANGUAGES else None


@functools.lru_cache(maxsize=4096)
def script_of(char: str) -> str:
    """The writing system of a letter: "LATIN", "CYRILLIC" ..., with Han, kana and hangul as one, "CJK".

    Empty for letters of no particular script (modifier letters).
    """
    words = unicodedata.name(char, "").split()
    if words[:1] in (["FULLWIDTH"], ["HALFWIDTH"]):
        words = words[1:]
    if not words or words[0] == "MODIFIER":
        return ""
    return "CJK" if words[0].startswith(CJK_SCRIPTS) else words[0]


def pieces(text: str) -> list[str]:
    """``text`` with its quotations apart, each part split into one piece per writing system (see module doc)."""
    unquoted: list[str] = []
    quoted: list[str] = []
    last = 0
    for match in QUOTATION.finditer(text):
        unquoted.append(text[last : match.start()])
        quoted.append(next(group for group in match.groups() if group is not None))
        last = match.end()
    unquoted.append(text[last:])
    result: list[str] = []
    for part in [" ".join(unquoted), *quoted]:
        by_script: dict[str, list[str]] = {}
        run: list[str] = []
        script = ""
        for char in part:
            char_script = script_of(char) if char.isalpha() else ""
            if char_script:
                if script and char_script != script:
                    by_script.setdefault(script, []).append("".join(run))
                    run = []
                script = char_script
            run.append(char)
        if run:  # the last run; letters of no known script (Tangut, say) stay in it rather than being lost
            by_script.setdefault(script, []).append("".join(run))
        result.extend(" ".join(" ".join(runs).split()) for runs in by_script.values())
    return [piece for piece in result if piece]


def count_words(text: str) -> float:
    """Words of ``text``: letters between spaces, and CJK_CHARS_PER_WORD Chinese or Japanese characters per word."""
    cjk = len(CJK.findall(text))
    return len(WORD.findall(CJK.sub(" ", text))) + cjk / CJK_CHARS_PER_WORD


def _code(value: ConfidenceValue) -> str:
    return str(value.language.iso_code_639_1.name).lower()


class _Detectors:
    """The screening detector and the pairwise confirmation detectors, shared by every page (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._screen: LanguageDetector | None = None
        self._pairs: dict[tuple[str, str], LanguageDetector] = {}

    def screen(self, text: str) -> dict[str, float]:
        """Confidence of each of LANGUAGES for ``text`` (low-accuracy mode, all languages)."""
        with self._lock:
            if self._screen is None:
                codes = [IsoCode639_1.from_str(code) for code in LANGUAGES]
                self._screen = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()
            return {_code(value): value.value for value in self._screen.compute_language_confidence_values(text)}

    def versus(self, text: str, declared: str, other: str) -> float:
        """Confidence, between ``declared`` and ``other`` only, that ``text`` is in ``other`` (high accuracy)."""
        pair = (min(declared, other), max(declared, other))
        with self._lock:
            detector = self._pairs.get(pair)
            if detector is None:
                loaded = {code for key in self._pairs for code in key} | set(pair)
                if len(loaded) > MAX_CONFIRM_LANGUAGES:
                    for old in self._pairs.values():
                        old.unload_language_models()
                    self._pairs.clear()
                codes = [IsoCode639_1.from_str(code) for code in pair]
                detector = self._pairs[pair] = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()
            values = detector.compute_language_confidence_values(text)
        return next((value.value for value in values if _code(value) == other), 0.0)


DETECTORS = _Detectors()


def _declared_set(declared: str) -> frozenset[str]:
    return next((group for group in SAME_WRITING if declared in group), frozenset({declared}))


def _close(language: str, declared: frozenset[str]) -> bool:
    return any(language in group and group & declared for group in CLOSE_LANGUAGES)


def piece_language(piece: str, declared: str) -> str | None:
    """``declared`` when ``piece`` may be in it, another language when that is sure, None when neither is."""
    text = piece[:MAX_PIECE_CHARS]
    allowed = _declared_set(declared)
    script = next((script_of(char) for char in text if char.isalpha() and script_of(char)), "")
    other_script = script != LANGUAGE_SCRIPTS.get(declared, "LATIN")
    confidence = DETECTORS.screen(text)
    kanji_only = not KANA.search(text) and len(CJK.findall(text)) <= MAX_KANJI_ONLY_CHARS
    if "ja" in allowed and confidence.get("zh", 0.0) > PLAUSIBLE and kanji_only:
        return declared  # kanji without kana reads as Chinese to the detector, and may well be Japanese
    if sum(confidence.get(code, 0.0) for code in allowed) >= PLAUSIBLE:
        return declared
    top = max(confidence, key=lambda code: confidence[code])
    if confidence[top] < CONFIDENT:
        return None
    if other_script:
        return top  # written in another script: surely not the declared language, nothing to confirm
    if _close(top, allowed) and (count_words(text) < CLOSE_LANGUAGE_WORDS or confidence[top] < CLOSE_CONFIDENCE):
        return None
    if min(DETECTORS.versus(text, code, top) for code in allowed) < CONFIRM:
        return None
    return top


def mismatch(texts: list[str], declared: str) -> Mismatch | None:
    """The language that most of ``texts`` is in, when it is surely not ``declared`` (one of LANGUAGES)."""
    words: dict[str, float] = {}
    samples: dict[str, str] = {}
    judged = [
        (piece, count)
        for text in texts
        for piece in pieces(text[: MAX_PIECE_CHARS * 4])
        if (count := count_words(piece)) >= MIN_PIECE_WORDS
    ]
    for piece, count in judged[:: -(-len(judged) // MAX_PIECES) or 1]:  # at most MAX_PIECES, spread evenly
        language = piece_language(piece, declared)
        if language is not None:
            words[language] = words.get(language, 0.0) + count
            samples.setdefault(language, piece)
    others = {language: count for language, count in words.items() if language != declared}
    if not others:
        return None
    top = max(others, key=lambda language: others[language])
    declared_words = words.get(declared, 0.0)
    if others[top] < MIN_WORDS or declared_words >= DECLARED_SHARE * others[top]:
        return None
    return Mismatch(top, others[top], declared_words, samples[top][:MAX_PIECE_CHARS])


def judge(owners: list[dict[str, Any]]) -> list[Finding]:
    """Findings for the elements (as COLLECT_JS gives them) whose text is surely not in their ``lang``."""
    findings = []
    for owner in owners:
        declared = judged_language(owner.get("lang") or "")
        if declared is None:
            continue
        found = mismatch(owner.get("texts") or [], declared)
        if found is None:
            continue
        details = {
            "lang": str(owner.get("lang"))[:40],
            "detected": found.language,
            "words": {found.language: round(found.words, 1), declared: round(found.declared_words, 1)},
            "sample": found.sample[:200],
        }
        rule = PAGE_RULE if owner.get("root") else PART_RULE
        findings.append(act_finding(rule, owner.get("info"), details=details))
    return findings


class LanguageMatchCheck(ActCheck):
    """The page's and each element's ``lang`` against the language of their text (ucwvc8, off6ek)."""

    id = "act:language-match"

    async def run(self, context: PageContext) -> list[Finding]:
        """One finding per element (the page's ``html`` included) whose text is surely in another language."""
        owners: list[dict[str, Any]] = await context.page.evaluate(COLLECT_JS)
        if not owners:
            return []
        return await asyncio.to_thread(judge, owners)
