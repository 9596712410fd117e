"""Choose the reading of each character of segmented Chinese: lexicons, pypinyin's phrase data and a context model.

Order of authority for a character:

1. our checked lexicons (medicine names, then our phrase readings) for the jieba word or a word inside it;
2. for a polyphonic character, a vote between pypinyin's phrase data and the g2pM context model: the model's
   log-probability of each reading, plus :data:`PHRASE_BONUS` for the reading pypinyin's phrase data gives when
   the character sits in a multi-character pypinyin phrase. So a phrase wins unless the model is very sure
   (more than e**PHRASE_BONUS times likelier) of another reading. The bonus was tuned on the CPP dev set only;
3. pypinyin's single-character default for everything else.

g2pM (PyPI ``g2pm``, Apache-2.0, Park & Lee 2020) is a one-layer BiLSTM whose 2 MB of weights ship inside the
wheel; it was trained on the CPP training set. We run its network ourselves to get log-probabilities restricted
to the character's own readings (the package only returns the arg-max), once per sentence that needs it.
Written form: the tone sandhi of 一 and 不 in pypinyin's phrase data is undone (citation tones are written).
"""

from __future__ import annotations

import functools
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from pypinyin import Style, pinyin
from pypinyin.constants import PHRASES_DICT
from pypinyin.seg.mmseg import seg as pypinyin_segmenter

from barrierfree.braille import lexicon

SANDHI_UNDONE: dict[tuple[str, str], str] = {("一", "yi2"): "yi1", ("一", "yi4"): "yi1", ("不", "bu2"): "bu4"}
"""pypinyin's phrase data writes the tone sandhi of 一 and 不 (一个 yí gè); the written form keeps the citation tone."""
PHRASE_BONUS = 6.0
"""Log-score bonus of pypinyin's phrase reading over the context model (tuned by 2-fold cross-validation on dev)."""
PROBABILITY_FLOOR = 1e-4
"""Smallest probability given to a reading the model does not rank, so log() stays finite."""
CONTEXT_LIMIT = 160
"""Most characters of context the model reads around a target (a longer sentence is cut into windows)."""
SENTENCE_ENDS = frozenset("。！？；!?;\n")
DEGREE_ADVERBS = frozenset(
    {
        "很",
        "太",
        "更",
        "最",
        "挺",
        "真",
        "好",
        "非常",
        "特别",
        "比较",
        "十分",
        "越来越",
        "这么",
        "那么",
        "多么",
        "极其",
        "相当",
    }
)
"""Words that make a following 长/重 an adjective (cháng, zhòng) and a preceding 得 the complement marker (de)."""
PRONOUNS = frozenset({"我", "你", "他", "她", "它", "您", "我们", "你们", "他们", "她们", "咱们", "大家", "谁"})
"""A pronoun right before a standalone 得 makes it the modal "must" (děi), unless a degree word follows."""
ADJECTIVE_READINGS: dict[str, str] = {"长": "chang2", "重": "zhong4"}
"""Readings of 长 and 重 as adjectives (after a degree adverb: 很长 hěn cháng, 很重 hěn zhòng)."""
START_SYMBOL = "시"  # g2pM's own start and end tokens (Korean syllables, as the package defines them)
END_SYMBOL = "끝"
UNKNOWN_SYMBOL = "<UNK>"


@dataclass
class _Choice:
    """A character's reading so far and whether the context model should vote on it."""

    syllable: str
    fixed: bool  # from our lexicon or a monophonic character: never changed
    phrase: bool  # pypinyin's phrase data chose it


def _sigmoid(values: Any) -> Any:
    return 1.0 / (1.0 + np.exp(-values))


def _lstm(embedded: Any, weight_ih: Any, weight_hh: Any, bias: Any) -> Any:
    """One direction of g2pM's LSTM over a batch of sequences: hidden states, shape (batch, steps, hidden).

    The same arithmetic as g2pM's own cells (gates in the order input, forget, cell, output), but the input
    projection of every step is one matrix product up front, and all the windows of a text step together: numpy's
    cost is per call, so a batch costs about what one window does.
    """
    size = weight_hh.shape[1]
    projected = embedded @ weight_ih.T + bias
    recurrent = weight_hh.T
    batch, steps = embedded.shape[:2]
    hidden = np.zeros((batch, size))
    cell = np.zeros((batch, size))
    states = np.empty((batch, steps, size))
    for step in range(steps):
        gates = projected[:, step] + hidden @ recurrent
        input_forget = _sigmoid(gates[:, : 2 * size])
        cell = input_forget[:, size:] * cell + input_forget[:, :size] * np.tanh(gates[:, 2 * size : 3 * size])
        hidden = _sigmoid(gates[:, 3 * size :]) * np.tanh(cell)
        states[:, step] = hidden
    return states


class _ContextModel:
    """g2pM's BiLSTM, run with numpy on a window of text, returning per-reading log-probabilities."""

    def __init__(self) -> None:
        from g2pM import G2pM  # imported here: the model loads only when a polyphone needs it

        self._model: Any = G2pM()
        self.readings: dict[str, list[str]] = {
            char: [reading.replace("u:", "v") for reading in readings]
            for char, readings in self._model.cedict.items()
            if len(readings) > 1
        }
        self._class_index: dict[str, int] = {
            reading.replace("u:", "v"): index for index, reading in self._model.idx2class.items()
        }

    def log_probabilities(self, window: str, targets: Sequence[int]) -> list[dict[str, float]]:
        """For each target index of ``window``, the log-probability of each of its character's readings."""
        return self.log_probabilities_batch([(window, targets)])[0]

    def log_probabilities_batch(self, windows: Sequence[tuple[str, Sequence[int]]]) -> list[list[dict[str, float]]]:
        """:meth:`log_probabilities` for several windows at once (one pass of the network for all of them)."""
        if not windows:
            return []
        model = self._model
        unknown = model.char2idx[UNKNOWN_SYMBOL]
        sequences = [
            [
                model.char2idx[START_SYMBOL],
                *(model.char2idx.get(char, unknown) for char in window),
                model.char2idx[END_SYMBOL],
            ]
            for window, _targets in windows
        ]
        steps = max(len(ids) for ids in sequences)
        # Padding goes after each sequence, in both directions, so it never reaches a state that is read.
        forward_ids = np.full((len(sequences), steps), model.char2idx[END_SYMBOL], dtype=np.int32)
        backward_ids = forward_ids.copy()
        for row, ids in enumerate(sequences):
            forward_ids[row, : len(ids)] = ids
            backward_ids[row, : len(ids)] = ids[::-1]
        forward = _lstm(
            model.get_embedding(forward_ids), model.weight_ih, model.weight_hh, model.bias_ih + model.bias_hh
        )
        backward = _lstm(
            model.get_embedding(backward_ids),
            model.weight_ih_reverse,
            model.weight_hh_reverse,
            model.bias_ih_reverse + model.bias_hh_reverse,
        )
        results = []
        for row, ((window, targets), ids) in enumerate(zip(windows, sequences, strict=True)):
            positions = [index + 1 for index in targets]
            hidden = np.concatenate(
                [forward[row, positions], backward[row, [len(ids) - 1 - p for p in positions]]], axis=1
            )
            results.append(self._scores(window, targets, model.fc_layer(hidden)))
        return results

    def _scores(self, window: str, targets: Sequence[int], logits: Any) -> list[dict[str, float]]:
        """Log-probabilities over each target character's own readings (a softmax restricted to them)."""
        result = []
        for index, row in zip(targets, logits, strict=True):
            candidates = [r for r in self.readings.get(window[index], []) if r in self._class_index]
            scores = {reading: float(row[self._class_index[reading]]) for reading in candidates}
            top = max(scores.values(), default=0.0)
            total = sum(math.exp(score - top) for score in scores.values())
            result.append({reading: score - top - math.log(total) for reading, score in scores.items()})
        return result


_model: _ContextModel | None = None
_model_lock = threading.Lock()


READING_CACHE_SIZE = 50_000
"""Words whose pypinyin reading is kept (a few MB): enough for a long leaflet's vocabulary."""


def context_model() -> _ContextModel:
    """The context model, loaded once (thread-safe)."""
    global _model
    if _model is None:
        with _model_lock:
            if _model is None:
                _model = _ContextModel()
    return _model


@functools.lru_cache(maxsize=READING_CACHE_SIZE)
def pypinyin_reading(word: str) -> tuple[str, ...]:
    """pypinyin's reading of a word with its phrase data: TONE3, ``v`` for ü, ``5`` for the neutral tone.

    Cached: the same words come back again and again in running text, and pypinyin's style conversion is slow.
    """
    return tuple(item[0] for item in pinyin(word, style=Style.TONE3, neutral_tone_with_five=True, errors="ignore"))


@functools.cache
def _longest_entry() -> int:
    """Length of the longest lexicon word."""
    return max((len(word) for word in lexicon.readings()), default=0)


def _lexicon_spans(word: str) -> list[tuple[int, tuple[str, ...]]]:
    """Lexicon words inside ``word`` as (offset, reading), longest match from left to right."""
    table = lexicon.readings()
    longest = _longest_entry()
    spans = []
    index = 0
    while index < len(word):
        for size in range(min(longest, len(word) - index), 0, -1):
            fixed = table.get(word[index : index + size])
            if fixed is not None and (size > 1 or size == len(word)):
                spans.append((index, fixed))
                index += size
                break
        else:
            index += 1
    return spans


def _word_choices(word: str, polyphonic: dict[str, list[str]]) -> list[_Choice]:
    """First readings of a word's characters: lexicon, pypinyin phrases, pypinyin defaults."""
    choices: list[_Choice] = []
    for piece in pypinyin_segmenter.cut(word):
        phrase = len(piece) > 1 and piece in PHRASES_DICT
        for char, syllable in zip(piece, pypinyin_reading(piece), strict=True):
            syllable = SANDHI_UNDONE.get((char, syllable), syllable)
            choices.append(_Choice(syllable, fixed=char not in polyphonic, phrase=phrase))
    for offset, fixed in _lexicon_spans(word):
        for index, syllable in enumerate(fixed):
            choices[offset + index] = _Choice(syllable, fixed=True, phrase=True)
    return choices


def _windows(text: str, targets: list[int]) -> list[tuple[int, int, list[int]]]:
    """Group target positions into windows of at most CONTEXT_LIMIT characters cut at sentence ends."""
    windows: list[tuple[int, int, list[int]]] = []
    for position in targets:
        if windows and position < windows[-1][1]:
            windows[-1][2].append(position)
            continue
        start = position
        while start > 0 and text[start - 1] not in SENTENCE_ENDS and position - start < CONTEXT_LIMIT // 2:
            start -= 1
        end = position + 1
        while end < len(text) and text[end - 1] not in SENTENCE_ENDS and end - start < CONTEXT_LIMIT:
            end += 1
        windows.append((start, end, [position]))
    return windows


def resolve(text: str, words: Sequence[tuple[int, str]]) -> list[tuple[str, ...]]:
    """The TONE3 reading of each word (start position, word) of ``text``: one syllable per character."""
    model = context_model()
    choices: dict[int, _Choice] = {}
    for start, word in words:
        for offset, choice in enumerate(_word_choices(word, model.readings)):
            choices[start + offset] = choice
    targets = sorted(position for position, choice in choices.items() if not choice.fixed)
    windows = _windows(text, targets)
    batch = [(text[start:end], [position - start for position in positions]) for start, end, positions in windows]
    for (_start, _end, positions), scored in zip(windows, model.log_probabilities_batch(batch), strict=True):
        for position, scores in zip(positions, scored, strict=True):
            choice = choices[position]
            if not scores:
                continue
            votes = {reading: max(score, math.log(PROBABILITY_FLOOR)) for reading, score in scores.items()}
            if choice.phrase:
                votes[choice.syllable] = votes.get(choice.syllable, math.log(PROBABILITY_FLOOR)) + PHRASE_BONUS
            choice.syllable = max(votes, key=lambda reading: votes[reading])
    _context_rules(words, choices)
    return [tuple(choices[start + offset].syllable for offset in range(len(word))) for start, word in words]


def _context_rules(words: Sequence[tuple[int, str]], choices: dict[int, _Choice]) -> None:
    """Our rules for frequent polyphones standing as a word of their own, keyed on the neighbouring words.

    The context model was trained on encyclopaedic prose and misreads short everyday sentences (他跑得很快,
    慢慢地走, 箱子很重); these rules cover the grammatical patterns that decide those readings.
    """
    for index, (start, word) in enumerate(words):
        if len(word) == len("很长") and word[0] in DEGREE_ADVERBS and word[1] in ADJECTIVE_READINGS:
            choices[start + 1].syllable = ADJECTIVE_READINGS[word[1]]
        if len(word) != 1 or choices[start].fixed:
            continue
        before = words[index - 1][1] if index > 0 and words[index - 1][0] + len(words[index - 1][1]) == start else ""
        after = words[index + 1][1] if index + 1 < len(words) and words[index + 1][0] == start + 1 else ""
        follows_degree = any(after.startswith(adverb) for adverb in DEGREE_ADVERBS) or after.startswith("不")
        if word in ADJECTIVE_READINGS and before in DEGREE_ADVERBS:
            choices[start].syllable = ADJECTIVE_READINGS[word]
        elif word == "得" and before and follows_degree:
            choices[start].syllable = "de5"
        elif word == "得" and before in PRONOUNS and after:
            choices[start].syllable = "dei3"
        elif word == "地" and _is_reduplicated(before) and after:
            choices[start].syllable = "de5"


def _is_reduplicated(word: str) -> bool:
    """AA or AABB words (慢慢, 高高兴兴), which make a following 地 the adverbial marker (de)."""
    if len(word) == 2:
        return word[0] == word[1]
    return len(word) == 4 and word[0] == word[1] and word[2] == word[3]
