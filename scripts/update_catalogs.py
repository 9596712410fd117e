"""Extract every translatable message and merge it into the zh_CN and en catalogs.

Run after changing user-facing text: ``python scripts/update_catalogs.py``. Existing translations are kept;
new zh_CN entries are left empty (the catalog test then names them); English entries copy the message id,
since English is the source language. Obsolete entries are dropped.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE_DIR = ROOT / "src" / "barrierfree" / "locale"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "gettext": None}
METHOD_MAP = [("src/barrierfree/**.py", "python"), ("src/barrierfree/web/templates/**.html", "jinja2")]
OPTIONS = {"src/barrierfree/web/templates/**.html": {"extensions": "jinja2.ext.i18n"}}


def extract() -> Catalog:
    """Every message id in the package, with where it appears."""
    template = Catalog(project="barrierfree", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), METHOD_MAP, options_map=OPTIONS, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        if message:
            template.add(message, locations=[(filename, lineno)], auto_comments=comments, context=context)
    return template


def merge(template: Catalog, locale: str) -> tuple[int, int]:
    """Update one catalog from the template; returns (total, untranslated)."""
    path = LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=locale)
    else:
        catalog = Catalog(locale=locale, project="barrierfree", charset="utf-8")
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.fuzzy = False
    missing = 0
    for message in catalog:
        if not message.id:
            continue
        if locale == "en" and not message.string:
            message.string = message.id
        if not message.string or (isinstance(message.string, tuple) and not all(message.string)):
            missing += 1
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True, omit_header=False)
    return len(catalog), missing


def main() -> int:
    template = extract()
    for locale in ("zh_CN", "en"):
        total, missing = merge(template, locale)
        print(f"{locale}: {total} messages, {missing} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
