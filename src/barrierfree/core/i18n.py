"""Translations: zh-CN first, English second.

Catalogs are gettext ``.po`` files under ``barrierfree/locale``; they are compiled in memory when first
used, so there is no build step and no stale ``.mo`` file. The current language lives in a context
variable set per request (web) or per command (CLI); ``_()`` anywhere in the package translates into it.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gettext
import io
from collections.abc import Iterator
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from barrierfree.core.errors import InvalidInput

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"
LANGUAGES: dict[str, str] = {"zh-CN": "zh_CN", "en": "en"}
"""Public language tag (BCP 47, used in URLs, cookies and ``lang``) -> gettext locale directory."""
LANGUAGE_NAMES: dict[str, str] = {"zh-CN": "简体中文", "en": "English"}
FALLBACK_LANGUAGE = "zh-CN"

_current: contextvars.ContextVar[str] = contextvars.ContextVar("barrierfree_language", default=FALLBACK_LANGUAGE)


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog for a public language tag."""
    po_path = LOCALE_DIR / LANGUAGES[language] / "LC_MESSAGES" / f"{DOMAIN}.po"
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=LANGUAGES[language])
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def parse_language(code: str) -> str:
    """Return the supported tag for ``code`` (case-insensitive, ``_`` or ``-``), or raise InvalidInput."""
    wanted = code.strip().replace("_", "-").lower()
    for tag in LANGUAGES:
        if tag.lower() == wanted:
            return tag
    supported = ", ".join(LANGUAGES)
    raise InvalidInput(
        _("Unsupported language “{code}”. Choose one of: {supported}.").format(code=code[:40], supported=supported),
        field="lang",
    )


def negotiate(accept_language: str | None, default: str) -> str:
    """Pick a supported language from an Accept-Language header, else ``default``."""
    if not accept_language:
        return default
    weighted: list[tuple[float, str]] = []
    for part in accept_language.split(",")[:20]:
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        if not quality > 0:  # q=0 means "not acceptable" (RFC 9110, 12.4.2); NaN and negatives are garbage
            continue
        weighted.append((quality, tag.strip()))
    for _quality, tag in sorted(weighted, key=lambda item: -item[0]):
        for supported in LANGUAGES:
            if tag.lower() == supported.lower() or tag.split("-")[0].lower() == supported.split("-")[0].lower():
                return supported
    return default


def current_language() -> str:
    """The language of the current request or command."""
    return _current.get()


def set_language(language: str) -> contextvars.Token[str]:
    """Make ``language`` current; returns the token to restore the previous one."""
    return _current.set(language)


def reset_language(token: contextvars.Token[str]) -> None:
    """Restore the language that was current before :func:`set_language`."""
    _current.reset(token)


@contextlib.contextmanager
def use_language(language: str) -> Iterator[None]:
    """Run a block in one language, then restore the previous language."""
    token = _current.set(language)
    try:
        yield
    finally:
        _current.reset(token)


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return translations(_current.get()).gettext(message)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark now, translate later"
    """Mark a constant for extraction without translating it at import time."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a message that depends on a count."""
    return translations(_current.get()).ngettext(singular, plural, count)


def locale_of(language: str) -> Locale:
    """The Babel locale for formatting dates and numbers."""
    return Locale.parse(LANGUAGES[language])
