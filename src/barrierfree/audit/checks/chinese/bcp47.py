"""BCP 47 language tags (RFC 5646): well-formedness, and whether the subtags are registered.

Well-formedness follows the RFC's ABNF exactly. Validity is checked against CLDR's language, script and region
lists shipped with Babel (plus the deprecated ISO 639-1 codes the IANA registry still lists). CLDR covers every
two-letter ISO 639-1 code, so an unknown two-letter language is invalid; it covers only part of ISO 639-3, so an
unknown three-letter language, script or region is "unknown", not invalid.
"""

from __future__ import annotations

import enum
import functools
import re
from dataclasses import dataclass
from typing import Any

_ALNUM = "[a-z0-9]"
_LANGTAG = re.compile(
    r"^(?P<language>[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})"
    r"(?:-(?P<script>[a-z]{4}))?"
    r"(?:-(?P<region>[a-z]{2}|[0-9]{3}))?"
    rf"(?P<variants>(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*)"
    rf"(?P<extensions>(?:-[0-9a-wyz](?:-{_ALNUM}{{2,8}})+)*)"
    rf"(?:-x(?:-{_ALNUM}{{1,8}})+)?$"
)
_PRIVATE = re.compile(rf"^x(?:-{_ALNUM}{{1,8}})+$")
GRANDFATHERED = frozenset(
    [
        "en-gb-oed",
        "i-ami",
        "i-bnn",
        "i-default",
        "i-enochian",
        "i-hak",
        "i-klingon",
        "i-lux",
        "i-mingo",
        "i-navajo",
        "i-pwn",
        "i-tao",
        "i-tay",
        "i-tsu",
        "sgn-be-fr",
        "sgn-be-nl",
        "sgn-ch-de",
        "art-lojban",
        "cel-gaulish",
        "no-bok",
        "no-nyn",
        "zh-guoyu",
        "zh-hakka",
        "zh-min",
        "zh-min-nan",
        "zh-xiang",
    ]
)
DEPRECATED_TWO_LETTER = frozenset({"bh", "in", "iw", "ji", "jw", "mo", "sh"})
CHINESE_LANGUAGES = frozenset(
    {"zh", "cmn", "yue", "lzh", "wuu", "hak", "nan", "gan", "hsn", "cdo", "cjy", "cpx", "czh", "czo", "mnp"}
)
"""``zh`` and the members of the Chinese macrolanguage that pages use for Chinese text."""


class TagStatus(enum.StrEnum):
    """What a language tag is worth."""

    VALID = "valid"
    UNKNOWN = "unknown"
    """Well-formed, but a subtag is not in CLDR (it may still be registered)."""
    INVALID = "invalid"


@dataclass(frozen=True)
class LanguageTag:
    """A parsed language tag."""

    tag: str
    status: TagStatus
    language: str = ""
    script: str = ""
    region: str = ""
    problem: str = ""

    @property
    def is_chinese(self) -> bool:
        """True for zh and the Chinese macrolanguage members."""
        return self.language in CHINESE_LANGUAGES


@functools.cache
def _cldr() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    from babel import Locale
    from babel.core import get_global

    english = Locale("en")
    codes: dict[str, Any] = dict(english.languages)
    languages = {str(code).lower() for code in codes if "_" not in str(code)}
    aliases: dict[str, Any] = dict(get_global("language_aliases"))
    languages |= {code.lower() for code in aliases if "_" not in code and "-" not in code}
    scripts = {str(code).lower() for code in dict(english.scripts)}
    regions = {str(code).lower() for code in dict(english.territories)}
    return frozenset(languages | DEPRECATED_TWO_LETTER), frozenset(scripts), frozenset(regions)


def parse_tag(tag: str) -> LanguageTag:
    """Parse and judge a language tag such as ``zh-Hans-CN``."""
    text = tag.strip()
    lower = text.lower()
    if not lower:
        return LanguageTag(text, TagStatus.INVALID, problem="empty")
    if lower in GRANDFATHERED:
        return LanguageTag(text, TagStatus.VALID, language=lower.split("-")[0])
    if _PRIVATE.match(lower):
        return LanguageTag(text, TagStatus.UNKNOWN, problem="private-use")
    match = _LANGTAG.match(lower)
    if not match:
        return LanguageTag(text, TagStatus.INVALID, problem="malformed")
    language = match.group("language").split("-")[0]
    script = match.group("script") or ""
    region = match.group("region") or ""
    result = {"language": language, "script": script, "region": region}
    languages, scripts, regions = _cldr()
    if len(language) >= 4:
        return LanguageTag(text, TagStatus.INVALID, problem="unregistered-language", **result)
    if language not in languages:
        status = TagStatus.INVALID if len(language) == 2 else TagStatus.UNKNOWN
        return LanguageTag(text, status, problem="unregistered-language", **result)
    if script and script not in scripts:
        return LanguageTag(text, TagStatus.UNKNOWN, problem="unknown-script", **result)
    if region and not region.isdigit() and region not in regions:
        return LanguageTag(text, TagStatus.UNKNOWN, problem="unknown-region", **result)
    return LanguageTag(text, TagStatus.VALID, **result)
