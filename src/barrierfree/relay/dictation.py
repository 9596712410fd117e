"""What riders, customers and merchants say to each other, so that dictation of their voice messages expects it.

``content/chat_phrases.txt`` holds 2,269 example chat messages (written for this purpose, one per line, spoken
words only: numbers as words, no punctuation); the English preset cards are added to them. The sentences that
measure the effect were written apart, by writers who never saw these (``benchmarks/data/relay_dictation_*.txt``).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from barrierfree import speech
from barrierfree.relay import cards

PHRASES_FILE = Path(__file__).parent / "content" / "chat_phrases.txt"
DOMAIN_NAME = "relay-chat"
_PLACEHOLDER = re.compile(r"\{[^}]*\}")


@functools.cache
def chat_domain() -> speech.DictationDomain:
    """The relay chat as a dictation domain: the example messages and the English cards."""
    phrases = [line.strip() for line in PHRASES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    card_texts = [_PLACEHOLDER.sub(" ", card.texts["en"]) for card in cards.preset_cards() if "en" in card.texts]
    return speech.DictationDomain(DOMAIN_NAME, tuple(phrases + card_texts))
