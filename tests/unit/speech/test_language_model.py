"""A domain's trigram language model: a proper distribution, readable by PocketSphinx, and better for the domain."""

from __future__ import annotations

import math
from pathlib import Path

import jiwer
import pytest
from hypothesis import given
from hypothesis import strategies as st

from barrierfree import speech
from barrierfree.speech import language_model
from barrierfree.speech._pocketsphinx import PocketsphinxRecognizer, domain_model_file
from tests.audio import flite_wav

EXAMPLES = (
    "please leave it at the door",
    "please leave it with the guard",
    "i'm coming down now",
    "the lift is broken please take the stairs",
)
GENERAL = {"the": 0.4, "door": 0.2, "gate": 0.2, "parcel": 0.2}


def estimate() -> language_model._Estimate:
    tokenised = [language_model.words_of(line) for line in EXAMPLES]
    vocabulary = {word for words in tokenised for word in words} | set(GENERAL) | {language_model.END}
    return language_model._Estimate(tokenised, GENERAL, vocabulary)


@pytest.mark.parametrize("history", [(), ("please",), ("leave",), ("please", "leave"), ("the", "lift"), ("no", "such")])
def test_every_history_gives_a_distribution_that_sums_to_one(history: tuple[str, ...]) -> None:
    model = estimate()
    total = sum(model.probability(history, word) for word in model.floor)
    assert math.isclose(total, 1.0, rel_tol=1e-9)


@given(st.lists(st.sampled_from(["leave", "it", "at", "door", "gate", "please", "now"]), min_size=1, max_size=6))
def test_any_sentence_of_known_words_has_a_probability(words: list[str]) -> None:
    model = estimate()
    history: tuple[str, ...] = (language_model.START,)
    for word in words:
        assert 0 < model.probability(history[-2:], word) < 1
        history = (*history, word)


def test_seen_continuations_are_likelier_and_general_words_stay_possible() -> None:
    model = estimate()
    assert model.probability(("leave", "it"), "at") > model.probability(("leave", "it"), "parcel") > 0


def test_words_the_dictionary_lacks_split_the_sentence_instead_of_joining_around_them() -> None:
    text = language_model.arpa(["leave it zzqx at the door"], GENERAL, dictionary={"leave", "it", "at", "the", "door"})
    assert "\tit at" not in text and "leave it" in text and "zzqx" not in text


def test_the_arpa_file_is_read_by_pocketsphinx(tmp_path: Path) -> None:
    from pocketsphinx import NGramModel

    path = tmp_path / "domain.arpa"
    path.write_text(language_model.arpa(EXAMPLES, GENERAL), encoding="utf-8")
    model = NGramModel.readfile(str(path))
    # PocketSphinx takes the word first, then its history from the nearest word back.
    assert model.prob(["at", "it", "leave"]) > model.prob(["parcel", "it", "leave"])


def test_a_domain_model_hears_its_domain_better_than_the_general_model(tmp_path: Path) -> None:
    domain = speech.DictationDomain("test-doorstep", (*EXAMPLES, "could you leave the parcel by the blue gate"))
    assert domain_model_file(domain) == domain_model_file(domain)  # built once
    spoken = ["please leave it at the door", "the lift is broken please take the stairs"]
    calls = [speech.wav_bytes(speech.telephone_path(speech.read_wav(flite_wav(text, tmp_path)))) for text in spoken]
    general = [speech.transcribe(call, recognizer=PocketsphinxRecognizer()).text for call in calls]
    tuned = [speech.transcribe(call, recognizer=PocketsphinxRecognizer(domain)).text for call in calls]
    assert jiwer.wer(spoken, tuned) < jiwer.wer(spoken, general), (general, tuned)
