"""Pronunciations for words the pronouncing dictionary lacks, derived from words it has.

A domain's example messages use possessives and contractions ("the gate's open"), plurals and past forms of known
words ("bollards", "tinned") and compounds ("letterbox", "footbridge") that the CMU dictionary leaves out. Each is
built from the dictionary's own entries with the English rules for the ending; anything else stays unknown (and the
language model leaves it out) rather than being guessed. A compound split can give a word whose parts are not
words a near miss ("hoodie" as "hoo die"): close enough to be recognised, and only words the dictionary lacks are
affected.
"""

from __future__ import annotations

from collections.abc import Callable

Lookup = Callable[[str], str | None]
"""A word's phones (ARPAbet, space-separated) or None."""

_SIBILANTS = frozenset({"S", "Z", "SH", "ZH", "CH", "JH"})
_VOICELESS = frozenset({"P", "T", "K", "F", "TH", "HH"})
_MIN_PART = 3
"""Compound parts shorter than this ("a", "an", "be") split too many words wrongly."""


def _with_s(phones: str) -> str:
    """The phones with the -s / -'s ending: "iz" after a hissing sound, "s" after a voiceless one, else "z"."""
    last = phones.split()[-1]
    if last in _SIBILANTS:
        return f"{phones} IH Z"
    return f"{phones} {'S' if last in _VOICELESS else 'Z'}"


def _with_ed(phones: str) -> str:
    """The phones with the -ed ending: "id" after t or d, "t" after a voiceless sound, else "d"."""
    last = phones.split()[-1]
    if last in {"T", "D"}:
        return f"{phones} IH D"
    return f"{phones} {'T' if last in _VOICELESS or last in _SIBILANTS - {'Z', 'ZH', 'JH'} else 'D'}"


def _inflected(word: str, lookup: Lookup) -> str | None:
    if word.endswith("'s") and (base := lookup(word[:-2])):
        return _with_s(base)
    if word.endswith("ies") and (base := lookup(word[:-3] + "y")):
        return _with_s(base)
    if word.endswith("s") and not word.endswith("ss") and (base := lookup(word[:-1])):
        return _with_s(base)
    if word.endswith("ed"):
        doubled = len(word) > 4 and word[-3] == word[-4]  # "tinned" from "tin"
        for stem in (word[:-3] if doubled else None, word[:-1], word[:-2]):
            if stem and (base := lookup(stem)):
                return _with_ed(base)
    return None


def _compound(word: str, lookup: Lookup) -> str | None:
    """Two known words written as one, the longer first part preferred ("letterbox" = letter + box)."""
    for cut in range(len(word) - _MIN_PART, _MIN_PART - 1, -1):
        head, tail = lookup(word[:cut]), lookup(word[cut:])
        if head and tail:
            return f"{head} {tail}"
    return None


def derived(word: str, lookup: Lookup) -> str | None:
    """Phones for ``word`` built from dictionary words, or None when no rule fits."""
    return _inflected(word, lookup) or _compound(word, lookup)
