"""MIIT: the page offers a visible way into the elder (适老化) version.

A visible link, button or switch whose accessible name says so: 长辈模式, 长者模式, 关怀模式/关怀版, 适老, 大字,
老年版, "elder mode", "senior mode" ... In elder mode a way back (标准版, 普通版, "standard mode", 退出长辈模式)
counts too. MIIT asks for the entry in a prominent place of the home page, so a missing entry is a failure on a
home page (path ``/`` or ``/index.*``) and "needs review" on other pages, where a site need not repeat it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from barrierfree.audit.checks.base import PageContext
from barrierfree.audit.checks.miit.dom import script
from barrierfree.audit.findings import Finding, Outcome, Source
from barrierfree.core.i18n import N_

RULE = "miit:elder-entry"
ENTRY_NAMES = (
    r"长辈模式|长者模式|关怀模式|关怀版|长辈版|长者版|老年版|老年模式|老人模式|适老|大字"
    r"|elder(?:ly)?[- ]?(?:mode|version|friendly)|senior[- ]?(?:mode|version|friendly)|for seniors"
)
EXIT_NAMES = r"标准版|普通版|标准模式|普通模式|standard (?:mode|version)|normal (?:mode|version)"
HOME_PATH = re.compile(r"^/?(?:index\.[a-z]+|default\.[a-z]+)?$", re.I)
MISSING = N_("No visible entry to an elder (elderly-friendly) mode on the page")

ENTRY_JS = script(
    r"""
  const NAMES = new RegExp(args.names, 'i');
  const selector = 'a[href], button, [role=button], [role=link], [role=switch], [role=menuitem], [role=tab], ' +
                   'input[type=button], input[type=submit], input[type=image], summary, select';
  for (const el of document.querySelectorAll(selector)) {
    const name = el.localName === 'select' ? [...el.options].map(o => o.text).join(' ') : bfName(el);
    if (NAMES.test(name) && bfVisible(el)) return {name, info: bfInfo(el, null, name)};
  }
  return null;
"""
)


def is_home_page(url: str) -> bool:
    """True for a site's home page: an http(s) URL whose path is empty, ``/`` or ``/index.*``."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(HOME_PATH.match(parts.path))


class ElderEntryCheck:
    """A visible control leads into (or, in elder mode, out of) the elder version of the site."""

    id = RULE
    source = Source.MIIT

    async def run(self, context: PageContext) -> list[Finding]:
        """A finding when no visible control names an elder mode (failure on a home page, review elsewhere)."""
        names = ENTRY_NAMES + ("|" + EXIT_NAMES if context.elder_mode else "")
        found = await context.page.evaluate(ENTRY_JS, {"names": names})
        if found:
            return []
        home = is_home_page(context.url)
        return [
            Finding(
                rule=RULE,
                source=Source.MIIT,
                outcome=Outcome.FAILED if home else Outcome.CANT_TELL,
                summary=MISSING,
                impact="moderate",
                details={"home_page": home},
            )
        ]
