"""The languages the speech engines speak and hear, and how callers may name them."""

from __future__ import annotations

from barrierfree.core.i18n import _
from barrierfree.speech.errors import InvalidSpeechRequest

LANGUAGES = ("zh-CN", "en")
_ALIASES = {
    "zh": "zh-CN",
    "zh-cn": "zh-CN",
    "zh-hans": "zh-CN",
    "cmn": "zh-CN",
    "en": "en",
    "en-us": "en",
    "en-gb": "en",
}


def normalise_language(code: str) -> str:
    """``zh-CN`` or ``en`` for any usual spelling of them (zh, cmn, en-US, ...), or a clear error."""
    language = _ALIASES.get(code.strip().lower().replace("_", "-"))
    if language is None:
        raise InvalidSpeechRequest(
            _("Choose the language zh-CN (Mandarin) or en (English), not {code!r}.").format(code=code[:20]),
            field="language",
        )
    return language
