"""The relay chat's dictation domain: example messages the recogniser can pronounce, apart from the held-out set."""

from __future__ import annotations

from pathlib import Path

from barrierfree.relay import cards
from barrierfree.relay.dictation import PHRASES_FILE, chat_domain
from barrierfree.speech._pocketsphinx import _dictionary, domain_words
from barrierfree.speech.language_model import words_of

BENCHMARK_DATA = Path(__file__).resolve().parents[3] / "benchmarks" / "data"


def spoken(path: Path) -> set[str]:
    return {" ".join(words_of(line)) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def test_no_held_out_or_development_sentence_is_among_the_example_messages() -> None:
    held_out = spoken(BENCHMARK_DATA / "relay_dictation_heldout.txt")
    development = spoken(BENCHMARK_DATA / "relay_dictation_dev.txt")
    assert len(held_out) >= 50 and len(development) >= 50
    assert not (held_out | development) & spoken(PHRASES_FILE)
    assert not held_out & development


def test_the_domain_holds_the_messages_and_every_english_card() -> None:
    sentences = chat_domain().sentences
    assert len(sentences) >= len(spoken(PHRASES_FILE)) + len(cards.preset_cards())
    assert all("{" not in sentence for sentence in sentences)


def test_nearly_every_example_word_is_in_the_pronouncing_dictionary() -> None:
    words = {word for sentence in chat_domain().sentences for word in words_of(sentence)}
    unknown = words - _dictionary().keys() - domain_words(chat_domain()).keys()
    assert len(unknown) <= len(words) // 100, sorted(unknown)  # a few such as "halal" are left out
