"""ACT bypass-blocks rules: a way past repeated content (navigation, side notes) to the page's own content.

The page is split in the browser into *repeated content* (links, navigation and complementary landmarks, banners
that come before the content) and the *start of the main content*: the ``main`` landmark when there is a visible
one, otherwise the first visible run of ordinary text (at least MIN_WORDS words, outside links and landmarks).
Pages with nothing repeated before their content are not judged. Then each technique is looked for:

- 047fe0: a visible heading, exposed to assistive technologies, outside navigation and complementary content;
- b40fd1: a visible ``main`` landmark exposed to assistive technologies;
- ye5d6e: a same-page link (or a control whose script goes to ``#id``) before the content, whose target exists
  and is followed by no other non-link text before the content starts; a control whose script cannot be read
  counts as a possible way, so the rule is not failed;
- 3e12e1: any control that could hide the repeated block (a button, a disclosure, a scripted link). Only its
  complete absence fails: whether a control really hides the block is not tried, since pressing it could change
  the page;
- cf77f2 (WCAG 2.4.1): fails only when all four fail.
"""

from __future__ import annotations

from barrierfree.audit.checks.act._rules import ActCheck, ActRule, act_finding
from barrierfree.audit.checks.base import ELEMENT_INFO_JS, PageContext
from barrierfree.audit.findings import Finding
from barrierfree.core.i18n import N_

NO_HEADING = ActRule(
    "047fe0", (), N_("No heading marks the start of the content after the repeated blocks."), impact="moderate"
)
NO_LANDMARK = ActRule("b40fd1", (), N_("The page's own content is not in a main landmark."), impact="moderate")
NO_SKIP_LINK = ActRule("ye5d6e", (), N_("No working link lets keyboard users skip to the content."), impact="moderate")
NOT_COLLAPSIBLE = ActRule("3e12e1", (), N_("Repeated blocks of content cannot be hidden."), impact="minor")
NO_BYPASS = ActRule("cf77f2", ("2.4.1",), N_("There is no way to bypass the blocks of content repeated on pages."))
TECHNIQUES = (NO_HEADING, NO_LANDMARK, NO_SKIP_LINK, NOT_COLLAPSIBLE)
MIN_WORDS = 5

SURVEY_JS = f"""(minWords) => {{
  const body = document.body;
  if (!body) return null;
  const info = {ELEMENT_INFO_JS};
  const width = Math.max(document.documentElement.scrollWidth, innerWidth);
  const height = Math.max(document.documentElement.scrollHeight, innerHeight);
  const onPage = (rects) => [...rects].some(r => r.width > 1 && r.height > 1 && r.right + scrollX > 0
    && r.bottom + scrollY > 0 && r.left + scrollX < width && r.top + scrollY < height);
  const styled = (el) => {{ const s = getComputedStyle(el); return s.visibility !== 'hidden' && s.display !== 'none'; }};
  const visible = (el) => styled(el) && onPage(el.getClientRects());
  const hidden = (el) => !!el.closest('[aria-hidden="true" i], [inert]');
  const follows = (a, b) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
  const REPEATED = 'nav, [role=navigation], aside, [role=complementary], [role=banner], [role=contentinfo], '
    + 'body > header, body > footer';
  const LINKISH = 'a[href], [role=link], button, [role=button], label, select, option, summary';
  const SKIPPED = 'script, style, noscript, template, title';
  const textNodes = [];
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {{
    const parent = node.parentElement;
    if (!parent || !node.textContent.trim() || parent.closest(SKIPPED) || !styled(parent)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    if (onPage(range.getClientRects())) textNodes.push(node);
  }}
  const plain = (node) => !node.parentElement.closest(LINKISH + ', ' + REPEATED);
  const firstText = textNodes.find(n => plain(n) && n.textContent.trim().split(/\\s+/).length >= minWords);
  const mains = [...document.querySelectorAll('main, [role=main]')].filter(m => visible(m) || m.textContent.trim());
  const exposedMain = mains.find(m => !hidden(m) && visible(m));
  const start = exposedMain || (firstText ? firstText.parentElement : null);
  if (!start) return {{applicable: false}};
  const repeated = [...document.querySelectorAll('a[href], [role=link], ' + REPEATED)]
    .filter(el => visible(el) && follows(el, start) && !el.contains(start));
  if (!repeated.length) return {{applicable: false}};
  const outside = (el) => !el.closest('nav, [role=navigation], aside, [role=complementary]');
  const heading = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]')].some(h => {{
    const role = (h.getAttribute('role') || '').trim().toLowerCase();
    if (h.localName.match(/^h[1-6]$/) && role && role !== 'heading') return false;
    const named = h.textContent.trim() || (h.getAttribute('aria-label') || '').trim()
      || [...h.querySelectorAll('img[alt], [aria-label]')].some(i => (i.alt || i.getAttribute('aria-label')).trim());
    return visible(h) && !hidden(h) && outside(h) && named && follows(repeated[0], h);
  }});
  const textBetween = (target) => textNodes.filter(n => follows(target, n) && follows(n, start)
    && !start.contains(n) && !n.parentElement.closest(LINKISH));
  let skip = false;
  let unknown = false;
  const controls = [...document.querySelectorAll('a[href], [role=link], button, [role=button], [onclick]')]
    .filter(el => follows(el, start) || el === start);
  for (const el of controls) {{
    const href = el.getAttribute('href') || '';
    const script = el.getAttribute('onclick') || '';
    let id = null;
    if (href.startsWith('#') && href.length > 1) id = decodeURIComponent(href.slice(1));
    else if (/#([\\w-]+)/.test(script)) id = /#([\\w-]+)/.exec(script)[1];
    else if (script || el.matches('button, [role=button]') || (el.matches('[role=link]') && !href)) unknown = true;
    if (!id) continue;
    const target = document.getElementById(id);
    if (!target) continue;
    if (target === start || target.contains(start) || start.contains(target)) {{ skip = true; break; }}
    if (follows(target, start) && !textBetween(target).length) {{ skip = true; break; }}
  }}
  const toggle = !!document.querySelector('button, [role=button], summary, input[type=button], input[type=checkbox], '
    + 'input[type=submit], a[href="#"], a[href^="javascript:" i], [onclick], [onkeydown], [onmousedown]');
  return {{applicable: true, heading, landmark: !!exposedMain, skip: skip || (unknown ? null : false), toggle,
           info: info(repeated[0])}};
}}"""


class BypassBlocksCheck(ActCheck):
    """Headings, main landmark, skip links and collapsible blocks (047fe0, b40fd1, ye5d6e, 3e12e1, cf77f2)."""

    id = "act:bypass"

    async def run(self, context: PageContext) -> list[Finding]:
        """Findings for each missing technique, and cf77f2 when none is there."""
        survey = await context.page.evaluate(SURVEY_JS, MIN_WORDS)
        if not survey or not survey.get("applicable"):
            return []
        missing = [
            rule
            for rule, present in (
                (NO_HEADING, survey["heading"]),
                (NO_LANDMARK, survey["landmark"]),
                (NO_SKIP_LINK, survey["skip"] is not False),
                (NOT_COLLAPSIBLE, survey["toggle"]),
            )
            if not present
        ]
        if len(missing) == len(TECHNIQUES):
            missing.append(NO_BYPASS)
        return [act_finding(rule, survey["info"]) for rule in missing]
