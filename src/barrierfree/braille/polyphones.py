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

import bisect
import functools
import gc
import itertools
import math
import re
import threading
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from pypinyin.constants import PHRASES_DICT, PINYIN_DICT
from pypinyin.contrib.tone_convert import to_tone3
from pypinyin.seg.mmseg import seg as pypinyin_segmenter
from threadpoolctl import threadpool_limits

from barrierfree.braille import lexicon

SANDHI_UNDONE: dict[tuple[str, str], str] = {("一", "yi2"): "yi1", ("一", "yi4"): "yi1", ("不", "bu2"): "bu4"}
"""pypinyin's phrase data writes the tone sandhi of 一 and 不 (一个 yí gè); the written form keeps the citation tone."""
PHRASE_BONUS = 6.0
"""Log-score bonus of pypinyin's phrase reading over the context model (tuned by 2-fold cross-validation on dev)."""
PROBABILITY_FLOOR = 1e-4
"""Smallest probability given to a reading the model does not rank, so log() stays finite."""
ONNX_OPSET = 17
"""ONNX operator set of the network graph (LSTM and Gather are unchanged in it since opset 14 and 13)."""
BATCH_WINDOWS = 256
"""Windows per pass of the network: numpy's cost per call favours big batches, memory traffic small ones; 256 is
the fastest on a 100 KB text (64: 0.073 s, 256: 0.066 s, 2,000: 0.140 s)."""
CONTEXT_LIMIT = 32
"""Most characters of context the model reads around a target (a longer sentence is cut into windows). Full CPP
dev accuracy: 97.90 % at 32, 97.88 % at 40, 97.89 % at 160, 97.86 % at 28; the model's cost grows with the
longest window of a text, so the shortest window that loses nothing."""
SENTENCE_ENDS = frozenset("。！？；!?;\n")
SENTENCE_END = re.compile("[" + re.escape("".join(sorted(SENTENCE_ENDS))) + "]")
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
_DEGREE_ADJECTIVES = frozenset(
    adverb + adjective for adverb in DEGREE_ADVERBS if len(adverb) == 1 for adjective in ADJECTIVE_READINGS
)
"""Two-character words of a degree adverb and 长 or 重 (很长, 太重), read as adjectives."""
_RULED_POLYPHONES = frozenset({*ADJECTIVE_READINGS, "得", "地"})
"""The one-character words :func:`_context_rules` decides."""
START_SYMBOL = "시"  # g2pM's own start and end tokens (Korean syllables, as the package defines them)
END_SYMBOL = "끝"
UNKNOWN_SYMBOL = "<UNK>"


def _lstm_session(model: Any) -> Any:
    """An onnxruntime session that runs g2pM's embedding and bidirectional LSTM.

    Inputs ``ids`` (steps, windows; int64, each window start symbol, characters, end symbol, then padding) and
    ``lengths`` (windows; int32, counting both symbols); output ``hidden`` (steps, 2, windows, hidden): each step's
    forward and backward states, both aligned with the step's character. The graph is built here from the weights
    in g2pM's wheel (nothing is downloaded); onnxruntime runs the recurrence in C++, two to three times faster than
    the same arithmetic in numpy, whose cost is per call and a recurrence needs a dozen calls per step. float32: the
    readings are the same as g2pM's own float64 code (a test compares them).
    """
    import onnx  # imported here, with the model: only texts with polyphones need them
    import onnxruntime
    from onnx import TensorProto, helper, numpy_helper

    size = model.weight_hh.shape[1]
    onnx_order = np.r_[0:size, 3 * size : 4 * size, size : 2 * size, 2 * size : 3 * size]  # PyTorch ifgo -> ONNX iofc
    directions = (
        (model.weight_ih, model.weight_hh, model.bias_ih, model.bias_hh),
        (model.weight_ih_reverse, model.weight_hh_reverse, model.bias_ih_reverse, model.bias_hh_reverse),
    )
    weights = {
        "embeddings": model.embeddings,
        "W": np.stack([weight_ih[onnx_order] for weight_ih, _hh, _bi, _bh in directions]),
        "R": np.stack([weight_hh[onnx_order] for _ih, weight_hh, _bi, _bh in directions]),
        "B": np.stack(
            [np.concatenate([bias_ih[onnx_order], bias_hh[onnx_order]]) for _i, _h, bias_ih, bias_hh in directions]
        ),
    }
    graph = helper.make_graph(
        [
            helper.make_node("Gather", ["embeddings", "ids"], ["embedded"], axis=0),
            helper.make_node(
                "LSTM", ["embedded", "W", "R", "B", "lengths"], ["hidden"], direction="bidirectional", hidden_size=size
            ),
        ],
        "g2pm_bilstm",
        [
            helper.make_tensor_value_info("ids", TensorProto.INT64, ["steps", "windows"]),
            helper.make_tensor_value_info("lengths", TensorProto.INT32, ["windows"]),
        ],
        [helper.make_tensor_value_info("hidden", TensorProto.FLOAT, ["steps", 2, "windows", size])],
        initializer=[numpy_helper.from_array(value.astype(np.float32), name) for name, value in weights.items()],
    )
    network = helper.make_model(graph, opset_imports=[helper.make_opsetid("", ONNX_OPSET)])
    onnx.checker.check_model(network)
    options = onnxruntime.SessionOptions()
    # One thread: the batches are small, and a server gets its parallelism from concurrent requests.
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    return onnxruntime.InferenceSession(network.SerializeToString(), options, providers=["CPUExecutionProvider"])


class _ContextModel:
    """g2pM's BiLSTM, run with numpy on a window of text, returning per-reading log-probabilities."""

    def __init__(self) -> None:
        from g2pM import G2pM  # imported here: the model loads only when a polyphone needs it

        model: Any = G2pM()
        self._model = model
        # The network's matrices are tiny: BLAS threads would only spin (twice the CPU time on two cores for
        # nothing), and limiting them around each call costs more than the call (threadpoolctl asks the library for
        # its state each time). So numpy's BLAS runs single-threaded in this process from here on; the server gets
        # its parallelism from concurrent requests, not from threads inside one small product.
        threadpool_limits(limits=1, user_api="blas")
        self.readings: dict[str, list[str]] = {
            char: [reading.replace("u:", "v") for reading in readings]
            for char, readings in model.cedict.items()
            if len(readings) > 1
        }
        class_index = {reading.replace("u:", "v"): index for index, reading in model.idx2class.items()}
        # Per polyphonic character: its readings the model knows, and their output columns.
        self._candidates: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {}
        for char, readings in self.readings.items():
            known = tuple(reading for reading in readings if reading in class_index)
            self._candidates[char] = (known, tuple(class_index[reading] for reading in known))
        self._lstm = _lstm_session(model)
        self._inner_weight = model.hidden_weight_l0.astype(np.float32)
        self._inner_bias = model.hidden_bias_l0.astype(np.float32)
        self._output_weight = model.hidden_weight_l1.astype(np.float32)
        self._output_bias = model.hidden_bias_l1.astype(np.float32)

    def log_probabilities(self, window: str, targets: Sequence[int]) -> list[dict[str, float]]:
        """For each target index of ``window``, the log-probability of each of its character's readings."""
        return self.log_probabilities_batch([(window, targets)])[0]

    def log_probabilities_batch(self, windows: Sequence[tuple[str, Sequence[int]]]) -> list[list[dict[str, float]]]:
        """:meth:`log_probabilities` for several windows at once."""
        readings, values = self._flat_scores(windows)
        flat = iter(values.tolist())
        scored = [{reading: next(flat) for reading in candidates} for candidates in readings]
        results: list[list[dict[str, float]]] = []
        taken = 0
        for _window, targets in windows:
            results.append(scored[taken : taken + len(targets)])
            taken += len(targets)
        return results

    def choose(self, windows: Sequence[tuple[str, Sequence[int]]], favoured: Sequence[str | None]) -> list[str | None]:
        """The reading each target of the windows gets, in order: the vote between the model and the phrase data.

        Each reading the model knows for the character scores its log-probability (at least log PROBABILITY_FLOOR);
        ``favoured[i]``, the reading pypinyin's phrase data gives target ``i`` (None if no phrase covers it), gets
        PHRASE_BONUS more, even if the model does not know it. The best score wins, the model's order breaking ties.
        None for a character the model has no readings for (the caller keeps its reading).
        """
        readings, values = self._flat_scores(windows)
        floor = math.log(PROBABILITY_FLOOR)
        votes = np.maximum(values, floor).tolist()
        chosen: list[str | None] = []
        taken = 0
        for candidates, phrase_reading in zip(readings, favoured, strict=True):
            scores = votes[taken : taken + len(candidates)]
            taken += len(candidates)
            if not candidates:
                chosen.append(None)
                continue
            if phrase_reading is None:
                chosen.append(candidates[scores.index(max(scores))])
                continue
            if phrase_reading in candidates:
                scores[candidates.index(phrase_reading)] += PHRASE_BONUS
                chosen.append(candidates[scores.index(max(scores))])
            else:
                best = max(scores)
                chosen.append(phrase_reading if floor + PHRASE_BONUS > best else candidates[scores.index(best)])
        return chosen

    def _flat_scores(self, windows: Sequence[tuple[str, Sequence[int]]]) -> tuple[list[tuple[str, ...]], Any]:
        """Each target's candidate readings (in window order) and one flat array of their log-probabilities."""
        readings: list[tuple[str, ...]] = []
        values = []
        for first in range(0, len(windows), BATCH_WINDOWS):  # BATCH_WINDOWS per pass of the network
            batch_readings, batch_values = self._run(windows[first : first + BATCH_WINDOWS])
            readings.extend(batch_readings)
            values.append(batch_values)
        return readings, np.concatenate(values) if values else np.zeros(0)

    def _run(self, windows: Sequence[tuple[str, Sequence[int]]]) -> tuple[list[tuple[str, ...]], Any]:
        """One pass of the network over a batch of windows: :meth:`_flat_scores` for them."""
        char2idx = self._model.char2idx
        start, end = char2idx[START_SYMBOL], char2idx[END_SYMBOL]
        joined = "".join(window for window, _targets in windows)
        char_ids = np.fromiter(
            map(char2idx.get, joined, itertools.repeat(char2idx[UNKNOWN_SYMBOL])), dtype=np.int64, count=len(joined)
        )
        lengths = np.array([len(window) for window, _targets in windows], dtype=np.intp)
        offsets = np.cumsum(lengths) - lengths
        # Each window runs start symbol, characters, end symbol, then padding (which the LSTM skips by length).
        columns = np.arange(lengths.max() + 2)
        inside = (columns >= 1) & (columns <= lengths[:, None])
        ids = np.full(inside.shape, end, dtype=np.int64)
        ids[:, 0] = start
        ids[inside] = char_ids[(offsets[:, None] + columns - 1)[inside]]
        counts = [len(targets) for _window, targets in windows]
        rows = np.repeat(np.arange(len(windows)), counts)
        indexes = np.fromiter(itertools.chain.from_iterable(t for _w, t in windows), dtype=np.intp, count=sum(counts))
        (states,) = self._lstm.run(["hidden"], {"ids": ids.T.copy(), "lengths": (lengths + 2).astype(np.int32)})
        steps = indexes + 1  # after the start symbol
        hidden = np.concatenate([states[steps, 0, rows], states[steps, 1, rows]], axis=1)
        chars = [joined[offset + index] for offset, index in zip(offsets[rows].tolist(), indexes.tolist(), strict=True)]
        return self._scores(chars, hidden)

    def _scores(self, chars: Sequence[str], hidden: Any) -> tuple[list[tuple[str, ...]], Any]:
        """Each target's candidate readings and their log-probabilities, flat (a softmax restricted to them).

        g2pM's output layers (a ReLU layer, then one logit per reading of any character) are computed only for the
        readings of each target's character, a few of the 876 columns, and the softmax runs over each character's
        readings alone.
        """
        no_candidates: tuple[tuple[str, ...], tuple[int, ...]] = ((), ())
        candidates = [self._candidates.get(char, no_candidates) for char in chars]
        readings = [reading for reading, _columns in candidates]
        sizes = np.array([len(reading) for reading in readings], dtype=np.intp)
        if not sizes.any():
            return readings, np.zeros(0)
        rows = np.repeat(np.arange(len(chars)), sizes)
        wanted = np.fromiter(
            itertools.chain.from_iterable(columns for _readings, columns in candidates), dtype=np.intp, count=len(rows)
        )
        inner = np.maximum(hidden @ self._inner_weight.T + self._inner_bias, 0.0)
        logits = np.einsum("ij,ij->i", inner[rows], self._output_weight[wanted]) + self._output_bias[wanted]
        firsts = (np.cumsum(sizes) - sizes)[sizes > 0]
        top = np.maximum.reduceat(logits, firsts)
        normaliser = top + np.log(np.add.reduceat(np.exp(logits - np.repeat(top, sizes[sizes > 0])), firsts))
        return readings, logits - np.repeat(normaliser, sizes[sizes > 0])


_model: _ContextModel | None = None
_model_lock = threading.Lock()


READING_CACHE_SIZE = 50_000
"""Words whose first reading is kept (a few MB): enough for a long leaflet's vocabulary."""
CHARACTER_CACHE_SIZE = 65_536
"""Characters whose first reading is kept: a text uses a few thousand."""
TONE_CACHE_SIZE = 8_192
"""Tone-marked syllables whose TONE3 form is kept: pypinyin writes about 2,000 distinct ones."""


def context_model() -> _ContextModel:
    """The context model, loaded once (thread-safe)."""
    global _model
    if _model is None:
        with _model_lock:
            if _model is None:
                _model = _ContextModel()
                _exempt_loaded_objects_from_collection()
    return _model


def _exempt_loaded_objects_from_collection() -> None:
    """Collect garbage once, then freeze every object alive into the collector's permanent generation.

    pypinyin's phrase data and g2pM's tables (about 240,000 objects, loaded with the model) live as long as the
    process. Left in the collector's care they are walked again by every full collection, which the objects of a
    conversion trigger every few hundred kilobytes of text: 60-120 ms each, a quarter of the time of converting
    100 KB. Frozen objects are still freed by reference counting; only cycles among them would outlive their use,
    and the collection just before the freeze leaves none.
    """
    gc.collect()
    gc.freeze()


def pypinyin_reading(word: str) -> tuple[str, ...]:
    """pypinyin's reading of a word with its phrase data: TONE3, ``v`` for ü, ``5`` for the neutral tone.

    Read straight from pypinyin's dictionaries (the phrase's readings, else each character's first reading):
    the same as ``pinyin(word, style=TONE3, neutral_tone_with_five=True)`` for every character and phrase it
    knows (a test checks them all), without its converter pipeline, which costs ten times more; except that our
    character readings (:func:`lexicon.characters`) replace pypinyin's for the few characters it reads wrongly.
    """
    phrase = PHRASES_DICT.get(word) if len(word) > 1 else None
    if phrase is not None:
        return tuple(_tone3(readings[0]) for readings in phrase)
    return tuple(map(_character_reading, word))


@functools.lru_cache(maxsize=CHARACTER_CACHE_SIZE)
def _character_reading(char: str) -> str:
    """A character's reading on its own, TONE3: ours (:func:`lexicon.characters`), else pypinyin's first."""
    return lexicon.characters().get(char) or _tone3(PINYIN_DICT[ord(char)].split(",", 1)[0])


@functools.lru_cache(maxsize=TONE_CACHE_SIZE)
def _tone3(marked: str) -> str:
    """A tone-marked syllable as TONE3 (``lǜ`` -> ``lv4``, ``de`` -> ``de5``)."""
    return to_tone3(marked, v_to_u=False, neutral_tone_with_five=True)


@functools.cache
def _entry_lengths() -> dict[str, tuple[int, ...]]:
    """For each first character of a lexicon word, the lengths of the words that start with it, longest first."""
    lengths: dict[str, set[int]] = {}
    for word in lexicon.readings():
        lengths.setdefault(word[0], set()).add(len(word))
    return {char: tuple(sorted(sizes, reverse=True)) for char, sizes in lengths.items()}


def _lexicon_spans(word: str) -> list[tuple[int, tuple[str, ...]]]:
    """Lexicon words inside ``word`` as (offset, reading), longest match from left to right.

    A single-character entry counts only when it is the whole word (我们 is not read through an entry for 我).
    """
    table = lexicon.readings()
    starting = _entry_lengths()
    spans = []
    index = 0
    while index < len(word):
        for size in starting.get(word[index], ()):
            fixed = table.get(word[index : index + size]) if index + size <= len(word) else None
            if fixed is not None and (size > 1 or size == len(word)):
                spans.append((index, fixed))
                index += size
                break
        else:
            index += 1
    return spans


FirstReading = tuple[tuple[str, ...], tuple[tuple[int, bool], ...]]
"""A word's readings before context (lexicon, pypinyin phrases, pypinyin defaults), and (offset, from pypinyin's
phrase data?) for each polyphonic character the context model may still change; every other character is settled.
A plain tuple of strings, numbers and booleans: the garbage collector stops tracking those, so a full cache does not
slow every full collection down."""


@functools.lru_cache(maxsize=READING_CACHE_SIZE)
def _first_reading(word: str) -> FirstReading:
    """The readings of a word on its own; cached, since they depend on the word alone and text repeats words."""
    polyphonic = context_model().readings
    settled = lexicon.characters()  # our character readings are not put to the vote
    syllables: list[str] = []
    open_offsets: dict[int, bool] = {}
    # pypinyin's segmenter looks for its phrases inside the word: a word that is a phrase (or one character) is one
    # piece, and a two-character word that is not a phrase has none inside, so only longer words need it.
    if len(word) == 1 or word in PHRASES_DICT:
        pieces: Iterable[str] = (word,)
    elif len(word) == len("两字"):
        pieces = word
    else:
        pieces = pypinyin_segmenter.cut(word)
    for piece in pieces:
        phrase = len(piece) > 1 and piece in PHRASES_DICT
        for char, syllable in zip(piece, pypinyin_reading(piece), strict=True):
            if char in polyphonic and (phrase or char not in settled):
                open_offsets[len(syllables)] = phrase
            syllables.append(SANDHI_UNDONE.get((char, syllable), syllable))
    for offset, fixed in _lexicon_spans(word):
        for index, syllable in enumerate(fixed):
            syllables[offset + index] = syllable
            open_offsets.pop(offset + index, None)
    return tuple(syllables), tuple(open_offsets.items())


def _windows(text: str, targets: list[int]) -> list[tuple[int, int, list[int]]]:
    """Group target positions into windows of at most CONTEXT_LIMIT characters cut at sentence ends.

    A window starts at most half the limit before its first target, just after a sentence end if one comes sooner,
    and runs to the limit, to the end of the text, or through the next sentence end, whichever comes first; the
    targets before its end share it. (Sentence ends are found once per text: bisecting them is cheaper than
    walking character by character.)
    """
    ends = [match.start() for match in SENTENCE_END.finditer(text)]
    windows: list[tuple[int, int, list[int]]] = []
    for position in targets:
        if windows and position < windows[-1][1]:
            windows[-1][2].append(position)
            continue
        before = bisect.bisect_left(ends, position)  # ends[before - 1] < position <= ends[before]
        start = max(position - CONTEXT_LIMIT // 2, ends[before - 1] + 1 if before else 0)
        end = min(len(text), start + CONTEXT_LIMIT, ends[before] + 1 if before < len(ends) else len(text))
        windows.append((start, end, [position]))
    return windows


def resolve(text: str, words: Sequence[tuple[int, str]]) -> list[tuple[str, ...]]:
    """The TONE3 reading of each word (start position, word) of ``text``: one syllable per character."""
    model = context_model()
    readings: list[Any] = []  # a word's first reading (a tuple), or a list once the model or a rule may change it
    open_positions: dict[int, tuple[int, int, bool]] = {}  # text position -> (word index, offset, phrase)
    for word_index, (start, word) in enumerate(words):
        syllables, open_offsets = _first_reading(word)
        if open_offsets:
            readings.append(list(syllables))
            for offset, phrase in open_offsets:
                open_positions[start + offset] = (word_index, offset, phrase)
        else:
            readings.append(syllables)
    windows = _windows(text, list(open_positions))  # words come in order, so positions ascend
    batch = [(text[start:end], [position - start for position in positions]) for start, end, positions in windows]
    favoured = []
    for _start, _end, positions in windows:
        for position in positions:
            word_index, offset, phrase = open_positions[position]
            favoured.append(readings[word_index][offset] if phrase else None)
    chosen = iter(model.choose(batch, favoured))
    for _start, _end, positions in windows:
        for position in positions:
            reading = next(chosen)
            if reading is not None:
                word_index, offset, _phrase = open_positions[position]
                readings[word_index][offset] = reading
    _context_rules(words, readings, open_positions)
    return [syllables if type(syllables) is tuple else tuple(syllables) for syllables in readings]


def _context_rules(
    words: Sequence[tuple[int, str]], readings: list[Any], open_positions: dict[int, tuple[int, int, bool]]
) -> None:
    """Our rules for frequent polyphones standing as a word of their own, keyed on the neighbouring words.

    The context model was trained on encyclopaedic prose and misreads short everyday sentences (他跑得很快,
    慢慢地走, 箱子很重); these rules cover the grammatical patterns that decide those readings.
    """
    for index, (start, word) in enumerate(words):
        if word in _DEGREE_ADJECTIVES:
            readings[index] = (readings[index][0], ADJECTIVE_READINGS[word[1]])
        if word not in _RULED_POLYPHONES or start not in open_positions:
            continue
        before = words[index - 1][1] if index > 0 and words[index - 1][0] + len(words[index - 1][1]) == start else ""
        after = words[index + 1][1] if index + 1 < len(words) and words[index + 1][0] == start + 1 else ""
        if word in ADJECTIVE_READINGS and before in DEGREE_ADVERBS:
            readings[index][0] = ADJECTIVE_READINGS[word]
        elif word == "得" and before and _starts_with_degree(after):
            readings[index][0] = "de5"
        elif word == "得" and before in PRONOUNS and after:
            readings[index][0] = "dei3"
        elif word == "地" and _is_reduplicated(before) and after:
            readings[index][0] = "de5"


def _starts_with_degree(word: str) -> bool:
    """Whether a word starts with a degree adverb or 不 (跑得很快, 说得不好): 得 is then the complement marker."""
    return word.startswith("不") or any(word.startswith(adverb) for adverb in DEGREE_ADVERBS)


def _is_reduplicated(word: str) -> bool:
    """AA or AABB words (慢慢, 高高兴兴), which make a following 地 the adverbial marker (de)."""
    if len(word) == 2:
        return word[0] == word[1]
    return len(word) == 4 and word[0] == word[1] and word[2] == word[3]
