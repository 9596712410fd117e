"""Pronunciations derived from dictionary words for possessives, plurals, past forms and compounds."""

from __future__ import annotations

import pytest

from barrierfree.speech._pronounce import derived

DICTIONARY = {
    "gate": "G EY T",
    "bus": "B AH S",
    "bag": "B AE G",
    "nappy": "N AE P IY",
    "tin": "T IH N",
    "grit": "G R IH T",
    "message": "M EH S AH JH",
    "letter": "L EH T ER",
    "box": "B AA K S",
}


@pytest.mark.parametrize(
    ("word", "phones"),
    [
        ("gate's", "G EY T S"),  # voiceless: s
        ("bus's", "B AH S IH Z"),  # hissing: iz
        ("bags", "B AE G Z"),  # voiced: z
        ("nappies", "N AE P IY Z"),
        ("tinned", "T IH N D"),
        ("gritted", "G R IH T IH D"),
        ("messaged", "M EH S AH JH D"),
        ("letterbox", "L EH T ER B AA K S"),
    ],
)
def test_endings_and_compounds_follow_english_rules(word: str, phones: str) -> None:
    assert derived(word, DICTIONARY.get) == phones


def test_words_no_rule_fits_stay_unknown() -> None:
    assert derived("halal", DICTIONARY.get) is None
    assert derived("boxes", DICTIONARY.get) is None  # "-es" after a hiss is not guessed from "boxe"
