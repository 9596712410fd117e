"""Polyphone accuracy on the CPP benchmark: plain pypinyin, pypinyin with phrases, and our reader, side by side.

CPP (Park & Lee 2020, in ``../shared/data/braille/cpp-polyphones``): one polyphonic character per sentence, marked
with U+2581 on both sides; the label file has its reading (numeric tone, ``u:`` for ü). Our reader's only
dev-tuned number is ``polyphones.PHRASE_BONUS``; dev is the tuning set and test is only measured.

- plain: pypinyin's reading of the marked character alone (no phrase data, no context);
- phrases: pypinyin on the whole sentence (its own segmentation and phrase data);
- ours: ``barrierfree.braille.pinyin.read`` on the whole sentence.

Run: ``python benchmarks/braille_polyphones.py [--data DIR] [--sets dev test] [--every N] [--errors K]``.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

from pypinyin import Style, pinyin

from barrierfree.braille import pinyin as reader

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "braille" / "cpp-polyphones"
MARK = "\u2581"
SHOWN_ERRORS = 40


def load(data: Path, name: str, every: int = 1) -> list[tuple[str, int, str]]:
    """The (sentence, index of the marked character, TONE3 label) cases of one CPP set, every ``every``-th one."""
    sentences = (data / f"{name}.sent").read_text(encoding="utf-8").splitlines()
    labels = (data / f"{name}.lb").read_text(encoding="utf-8").splitlines()
    cases = []
    for sentence, label in list(zip(sentences, labels, strict=True))[::every]:
        cases.append((sentence.replace(MARK, ""), sentence.index(MARK), label.strip().replace("u:", "v")))
    return cases


def plain(text: str, index: int) -> str:
    """pypinyin's single-character reading of the marked character."""
    return pinyin(text[index], style=Style.TONE3, neutral_tone_with_five=True)[0][0]


def phrases(text: str, index: int) -> str:
    """pypinyin's reading of the marked character with its phrase data, on the whole sentence."""
    return pinyin(text, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda chars: ["?"] * len(chars))[index][
        0
    ]


def ours(text: str, index: int) -> str:
    """Our reader's reading of the marked character."""
    for syllable in reader.read(text).syllables:
        if syllable.position == index:
            return syllable.pinyin
    return "?"


def accuracy(cases: list[tuple[str, int, str]]) -> tuple[float, collections.Counter[str]]:
    """Our accuracy on the cases and our errors per character (the function the test suite uses)."""
    errors: collections.Counter[str] = collections.Counter()
    for text, index, label in cases:
        if ours(text, index) != label:
            errors[text[index]] += 1
    return 1 - sum(errors.values()) / len(cases), errors


def main() -> int:
    """Print the three configurations' accuracy per set, timings, and our per-character errors on dev."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sets", nargs="+", default=["dev", "test"])
    parser.add_argument("--every", type=int, default=1, help="use every N-th sentence (a quick look)")
    parser.add_argument("--errors", type=int, default=SHOWN_ERRORS, help="characters listed with dev errors")
    args = parser.parse_args()
    if not (args.data / "dev.sent").exists():
        print(f"CPP data not found in {args.data}", file=sys.stderr)
        return 2
    reader.read("预热。")  # load jieba and the context model outside the timings
    print(f"{'set':6}{'cases':>7}{'plain':>9}{'phrases':>9}{'ours':>9}   seconds (plain / phrases / ours)")
    for name in args.sets:
        cases = load(args.data, name, args.every)
        scores = []
        seconds = []
        for method in (plain, phrases, ours):
            started = time.process_time()
            right = sum(method(text, index) == label for text, index, label in cases)
            seconds.append(time.process_time() - started)
            scores.append(right / len(cases))
        print(
            f"{name:6}{len(cases):7}"
            + "".join(f"{score:9.2%}" for score in scores)
            + "   "
            + " / ".join(f"{second:.1f}" for second in seconds)
        )
    if "dev" in args.sets:
        _score, errors = accuracy(load(args.data, "dev", args.every))
        print(f"\nour errors on dev by character ({sum(errors.values())} in all, top {args.errors}):")
        print("  ".join(f"{char} {count}" for char, count in errors.most_common(args.errors)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
