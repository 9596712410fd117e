"""Dictation tuned to one domain: a trigram language model estimated from the domain's example sentences.

A general English model lets a recogniser hear "i'm at the gate" as "i'm at the great"; a model of what riders,
customers and merchants actually say makes the likely words likely. The estimate is interpolated Kneser-Ney with
absolute discounting (Chen & Goodman 1998), whose lowest order is mixed with a general English word distribution
so that a word the examples never used can still be heard. It is written as an ARPA file, the format PocketSphinx
(and most decoders) read.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass

ORDER = 3
DISCOUNT = 0.75
"""Absolute discount per seen n-gram; 0.75 is the usual value for small corpora."""
GENERAL_WEIGHT = 0.15
"""Share of the unigram level given to the general English distribution."""
START, END = "<s>", "</s>"
_NO_PROBABILITY = -99.0
"""ARPA's log10 probability for the start symbol, which is never predicted."""
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")

History = tuple[str, ...]


@dataclass(frozen=True)
class DictationDomain:
    """What people say in one setting (a few hundred example sentences), for a recogniser to expect."""

    name: str
    sentences: tuple[str, ...]


def words_of(sentence: str) -> list[str]:
    """The lower-case words of a sentence, apostrophes kept ("i'm"), everything else dropped."""
    return _WORD.findall(sentence.lower())


def _known_runs(words: list[str], dictionary: Container[str] | None) -> list[list[str]]:
    """The sentence split at words the recogniser cannot pronounce (joining around them would invent n-grams)."""
    if dictionary is None:
        return [words]
    runs: list[list[str]] = [[]]
    for word in words:
        if word in dictionary:
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _ngram_counts(sentences: Iterable[Sequence[str]]) -> list[Counter[History]]:
    """Counts of every n-gram up to ORDER, sentences framed by <s> and </s> (index 0 holds unigrams)."""
    counts: list[Counter[History]] = [Counter() for _ in range(ORDER)]
    for words in sentences:
        framed = (START, *words, END)
        for n in range(1, ORDER + 1):
            for i in range(len(framed) - n + 1):
                counts[n - 1][framed[i : i + n]] += 1
    return counts


def _continuation_counts(counts: list[Counter[History]]) -> list[Counter[History]]:
    """Kneser-Ney counts for the lower orders: in how many contexts an n-gram follows another word."""
    kneser: list[Counter[History]] = [Counter() for _ in range(ORDER)]
    for n in range(2, ORDER + 1):
        for gram in counts[n - 1]:
            kneser[n - 2][gram[1:]] += 1
    kneser[ORDER - 1] = counts[ORDER - 1]
    for n in range(2, ORDER):  # n-grams opening a sentence have no word before them: keep their raw counts
        for gram, count in counts[n - 1].items():
            if gram[0] == START:
                kneser[n - 1][gram] = count
    return kneser


class _Estimate:
    """Interpolated Kneser-Ney probabilities over a fixed vocabulary."""

    def __init__(self, sentences: list[list[str]], general: Mapping[str, float], vocabulary: set[str]) -> None:
        self.counts = _continuation_counts(_ngram_counts(sentences))
        self.totals: list[dict[History, int]] = [defaultdict(int) for _ in range(ORDER)]
        self.followers: list[dict[History, int]] = [defaultdict(int) for _ in range(ORDER)]
        for n in range(1, ORDER + 1):
            for gram, count in self.counts[n - 1].items():
                self.totals[n - 1][gram[:-1]] += count
                self.followers[n - 1][gram[:-1]] += 1
        general_total = sum(general.get(word, 0.0) for word in vocabulary) or 1.0
        self.general = {word: general.get(word, 0.0) / general_total for word in vocabulary}
        uniform = 1.0 / len(vocabulary)
        self.floor = {word: uniform for word in vocabulary}

    def backoff_weight(self, history: History) -> float:
        """The share of probability a history leaves to the next lower order."""
        n = len(history) + 1
        total = self.totals[n - 1].get(history, 0)
        if not total:
            return 1.0
        return DISCOUNT * self.followers[n - 1][history] / total

    def probability(self, history: History, word: str) -> float:
        """P(word | history), interpolated down to the general unigram level."""
        if not history:
            seen = self._discounted((), word)
            domain = seen + self.backoff_weight(()) * self.floor[word]
            return (1 - GENERAL_WEIGHT) * domain + GENERAL_WEIGHT * self.general.get(word, 0.0)
        lower = self.probability(history[1:], word)
        return self._discounted(history, word) + self.backoff_weight(history) * lower

    def _discounted(self, history: History, word: str) -> float:
        n = len(history) + 1
        total = self.totals[n - 1].get(history, 0)
        if not total:
            return 0.0
        return max(self.counts[n - 1].get((*history, word), 0) - DISCOUNT, 0.0) / total


def _log10(probability: float) -> float:
    return round(math.log10(probability), 4) if probability > 0 else _NO_PROBABILITY


def arpa(sentences: Iterable[str], general: Mapping[str, float], dictionary: Container[str] | None = None) -> str:
    """An ARPA trigram model of the sentences, able to predict every word of ``general`` (word -> probability).

    With a ``dictionary``, words outside it are left out and the sentence is treated as two at that point.
    """
    tokenised = [run for sentence in sentences for run in _known_runs(words_of(sentence), dictionary)]
    vocabulary = {word for words in tokenised for word in words} | set(general) | {END}
    model = _Estimate(tokenised, general, vocabulary)
    sections: list[list[str]] = [[f"{_NO_PROBABILITY}\t{START}\t{_log10(model.backoff_weight((START,)))}"]]
    for word in sorted(vocabulary):
        sections[0].append(f"{_log10(model.probability((), word))}\t{word}\t{_log10(model.backoff_weight((word,)))}")
    for n in range(2, ORDER + 1):
        lines = []
        for gram in sorted(model.counts[n - 1]):
            probability = _log10(model.probability(gram[:-1], gram[-1]))
            backoff = f"\t{_log10(model.backoff_weight(gram))}" if n < ORDER else ""
            lines.append(f"{probability}\t{' '.join(gram)}{backoff}")
        sections.append(lines)
    header = ["", "\\data\\", *(f"ngram {n}={len(lines)}" for n, lines in enumerate(sections, 1)), ""]
    body = [line for n, lines in enumerate(sections, 1) for line in (f"\\{n}-grams:", *lines, "")]
    return "\n".join([*header, *body, "\\end\\", ""])
