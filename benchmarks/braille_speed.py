"""CPU time of our braille converter against Debian's ``lou_translate`` (liblouis-bin), same text, same run.

English: about 100 KB of English prose (the inputs of liblouis's UEB test cases, then generated sentences to fill
up) through ``translate_english`` (UEB grade 2, liblouis through our ctypes adapter) against
``lou_translate en-ueb-g2.ctb``. Goal: equal.

Chinese: about 100 KB (UTF-8) of Chinese prose (the CPP polyphone dev sentences, markers removed) through our full
pipeline, ``pinyin.read`` -> ``chinese.write_chinese`` (GF 0019-2018, English inside by liblouis) ->
``chinese.to_cells``, against ``lou_translate zhcn-cbs.ctb``, which does no segmentation or polyphone work.
Goal: within 2x.

Both sides get the text line by line (``lou_translate`` translates each line on its own; lines are kept under its
2,048-byte line buffer and free of backslashes, which it would read as escapes). CPU time, never wall time:
``time.process_time()`` for us, ``resource.getrusage(RUSAGE_CHILDREN)`` user + system for the subprocesses; each
measurement is repeated (``--repeats``, alternating sides) and the medians are compared. Three views:

- *cold*: a fresh process for each side, everything included (our interpreter start, imports, jieba and pypinyin
  dictionaries, table compilation; liblouis's process start and table compilation);
- *warm*: our converter running in this process as in a server that has been up a while, against the whole
  ``lou_translate`` run. Before timing, it converts the CPP *test* sentences (about 1 MB, another part of the
  corpus), which fills its per-word caches with a working vocabulary; each repeat then times a 100 KB stretch of
  the *dev* sentences it has never seen. (Warmed with 100 KB only, it is about a fifth slower: new words cost
  more.)
- *engine*: warm against ``lou_translate`` minus its own start-up (a run on one short line: process start and
  table compilation), i.e. translation work against translation work.

    python benchmarks/braille_speed.py [--kb 100] [--repeats 5] [--only english|chinese]

The Chinese part needs ``barrierfree.braille.chinese`` (``write_chinese``, ``to_cells``, ``ChineseSystem``); when
that module is not there yet the script says so and measures English only. Data: ``../shared/data/braille``
(``$BARRIERFREE_BRAILLE_DATA`` overrides); without it the English text is generated and Chinese is skipped.
"""

from __future__ import annotations

import argparse
import importlib
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from barrierfree.braille import _louis
from barrierfree.braille.cells import to_unicode
from barrierfree.braille.english import TABLES, EnglishGrade, translate_english

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "braille"
DEFAULT_KB = 100
BYTES_PER_KB = 1000
DEFAULT_REPEATS = 5
MAX_LINE_BYTES = 1500  # lou_translate reads at most 2,047 bytes of a line; stay well under
ENGLISH_TABLE = TABLES[EnglishGrade.UEB2]
CHINESE_TABLE = "zhcn-cbs.ctb"
ENGLISH_GOAL = 1.0
CHINESE_GOAL = 2.0
WARM_UP_KB = 1000
"""Size of the Chinese warm-up text (all of the CPP test set)."""
CHECK_LINES = 200  # lines compared cell for cell between our English braille and lou_translate's
SEED = 3  # the generated prose is the same on every run
PROBE_LINE = "a\n"  # one short line: makes lou_translate start and compile its table, nothing more
CHINESE_MODULE = "barrierfree.braille.chinese"
MARKER = "\u2581"  # the CPP data set's ▁ around the polyphone

_PROSE = (
    "the patient should take one tablet twice a day with food and water before going to bed "
    "keep this medicine out of the reach of children store below degrees in a dry place "
    "do not exceed the stated dose if symptoms persist consult your doctor or pharmacist "
    "each capsule contains milligrams of the active ingredient together with lactose and starch "
    "read the leaflet carefully because it contains important information about your treatment "
    "through their knowledge which would should could these those people world under ever"
)


def english_text(data: Path, kb: int) -> list[str]:
    """Lines of English totalling ``kb`` KB: liblouis's UEB test inputs first, then generated sentences."""
    sentences: list[str] = []
    cases = data / "liblouis-tests" / "cases.jsonl"
    if cases.exists():
        import json

        for line in cases.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            source = record["input"]
            if record["file"].startswith("en-ueb") and record["testmode"] != "backward" and "\\" not in source:
                sentences.append(" ".join(source.split()))
    vocabulary = _PROSE.split()
    rng = random.Random(SEED)  # noqa: S311 - a reproducible text, not a secret
    while sum(len(s.encode()) + 1 for s in sentences) < kb * BYTES_PER_KB:
        words = rng.choices(vocabulary, k=rng.randint(6, 18))
        number = f" {rng.randint(1, 999)}" if rng.random() < 0.3 else ""
        sentences.append(" ".join(words).capitalize() + number + rng.choice([".", ".", "?", "!", ";"]))
    return pack_lines(sentences, kb)


def chinese_text(data: Path, kb: int, part: int = 0) -> list[str]:
    """Lines of Chinese prose totalling ``kb`` KB of UTF-8: the ``part``-th such stretch of the CPP dev sentences.

    Each repeat of the Chinese measurement reads a stretch of its own, so our word caches never hold the very text
    being timed: they are warm from other text, as in a server that has been running a while.
    """
    source = data / "cpp-polyphones" / "dev.sent"
    sentences = [line.replace(MARKER, "").strip() for line in source.read_text(encoding="utf-8").splitlines()]
    sentences = [s for s in sentences if s and "\\" not in s]
    size = 0
    start = 0
    for _part in range(part):  # skip the stretches of the earlier parts
        while size < kb * BYTES_PER_KB and start < len(sentences):
            size += len(sentences[start].encode()) + 1
            start += 1
        size = 0
    rest = sentences[start:]
    if not rest:
        raise SystemExit(f"{source} has too little text for {part + 1} stretches of {kb} KB: use fewer --repeats")
    return pack_lines(rest, kb)


def chinese_warm_up(data: Path) -> list[str]:
    """The CPP test sentences (markers removed) as lines: what our converter reads before the warm timings."""
    source = data / "cpp-polyphones" / "test.sent"
    sentences = [line.replace(MARKER, "").strip() for line in source.read_text(encoding="utf-8").splitlines()]
    return pack_lines([s for s in sentences if s and "\\" not in s], WARM_UP_KB)


def pack_lines(sentences: list[str], kb: int) -> list[str]:
    """Join sentences into lines under MAX_LINE_BYTES until ``kb`` KB; repeat the sentences if they run out."""
    lines: list[str] = []
    current = ""
    total = 0
    index = 0
    while total < kb * BYTES_PER_KB:
        sentence = sentences[index % len(sentences)]
        index += 1
        candidate = f"{current} {sentence}" if current else sentence
        if len(candidate.encode()) > MAX_LINE_BYTES and current:
            lines.append(current)
            total += len(current.encode()) + 1
            current = sentence
        else:
            current = candidate
    if current and total < kb * BYTES_PER_KB:
        lines.append(current)
    return lines


def lou_translate_cpu(executable: str, tables: str, text_file: Path) -> float:
    """CPU seconds (user + system) of one ``lou_translate`` run over a file."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with text_file.open("rb") as stdin:
        subprocess.run(  # noqa: S603 - our own arguments
            [executable, tables], stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
        )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def child_cpu(kind: str, text_file: Path) -> float:
    """CPU seconds of a fresh Python process running our converter over a file (start-up and imports included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, __file__, "--child", kind, str(text_file)], stdout=subprocess.DEVNULL, check=True
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def our_english() -> Callable[[str], Any]:
    """Our English converter for one line."""
    return lambda line: translate_english(line, EnglishGrade.UEB2)


def our_chinese() -> Callable[[str], Any]:
    """Our full Chinese pipeline for one line: pinyin reading, GF 0019-2018 braille, cells."""
    chinese = importlib.import_module(CHINESE_MODULE)
    pinyin = importlib.import_module("barrierfree.braille.pinyin")
    system = chinese.ChineseSystem.GF2018

    def convert(line: str) -> Any:
        reading = pinyin.read(line)
        words = chinese.write_chinese(
            reading, system, english=lambda latin: translate_english(latin, EnglishGrade.UEB2)
        )
        return chinese.to_cells(words)

    return convert


def our_cpu(convert: Callable[[str], Any], lines: list[str]) -> float:
    """CPU seconds of this process converting every line."""
    start = time.process_time()
    for line in lines:
        convert(line)
    return time.process_time() - start


def chinese_missing() -> str | None:
    """Why the Chinese pipeline cannot run yet, or None."""
    try:
        chinese = importlib.import_module(CHINESE_MODULE)
    except ImportError as exc:
        return f"{CHINESE_MODULE} is not there yet ({exc})"
    missing = [name for name in ("write_chinese", "to_cells", "ChineseSystem") if not hasattr(chinese, name)]
    return f"{CHINESE_MODULE} lacks {', '.join(missing)}" if missing else None


def english_agreement(executable: str, lines: list[str]) -> tuple[int, int]:
    """How many of the first CHECK_LINES lines give the same cells through us and through lou_translate."""
    sample = lines[:CHECK_LINES]
    completed = subprocess.run(  # noqa: S603 - our own arguments
        [executable, _louis.table_list("unicode.dis", ENGLISH_TABLE)],
        input="".join(line + "\n" for line in sample),
        capture_output=True,
        text=True,
        check=True,
    )
    theirs = completed.stdout.split("\n")
    same = sum(1 for line, other in zip(sample, theirs, strict=False) if to_unicode(list(our_english()(line))) == other)
    return same, len(sample)


def measure(
    name: str,
    texts: Callable[[int], list[str]],
    warm_up: list[str],
    convert: Callable[[str], Any],
    table: str,
    executable: str,
    repeats: int,
    goal: float,
) -> None:
    """Time one language both ways and print the medians and ratios.

    ``texts(i)`` is the text of repeat ``i``; ``warm_up`` is converted first and not timed.
    """
    with tempfile.TemporaryDirectory(prefix="braille-speed-") as folder:
        probe_file = Path(folder) / "probe.txt"
        probe_file.write_text(PROBE_LINE, encoding="utf-8")
        for line in warm_up:  # load dictionaries and tables, fill caches, before the warm measurements
            convert(line)
        ours_warm, ours_cold, theirs, probe = [], [], [], []
        text_files = []
        for repeat in range(repeats):
            lines = texts(repeat)
            text_file = Path(folder) / f"{name}-{repeat}.txt"
            text_file.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
            text_files.append(text_file)
            if repeat == 0:
                size = text_file.stat().st_size
                chars = sum(len(line) + 1 for line in lines)
                print(f"\n== {name}: {size / BYTES_PER_KB:.1f} KB UTF-8, {chars:,} characters, {len(lines)} lines ==")
            theirs.append(lou_translate_cpu(executable, table, text_file))
            ours_warm.append(our_cpu(convert, lines))
            probe.append(lou_translate_cpu(executable, table, probe_file))
        # The fresh-process runs come after: between warm runs they would evict this process's data from the CPU
        # caches, which a server's own traffic does not do.
        ours_cold.extend(child_cpu(name, text_file) for text_file in text_files)
    lou = statistics.median(theirs)
    lou_startup = statistics.median(probe)
    engine = [warm / max(total - lou_startup, 1e-9) for warm, total in zip(ours_warm, theirs, strict=True)]
    print(f"lou_translate {table:<14} CPU {lou:8.3f} s  (start-up and table compilation {lou_startup:.3f} s)")
    print(f"ours, fresh process         CPU {statistics.median(ours_cold):8.3f} s")
    print(
        f"ours, warm                  CPU {statistics.median(ours_warm):8.3f} s  "
        f"(each repeat: {', '.join(f'{warm:.3f}' for warm in ours_warm)})"
    )
    print(f"cold   ours/liblouis  {statistics.median(c / t for c, t in zip(ours_cold, theirs, strict=True)):6.2f}x")
    print(f"warm   ours/liblouis  {statistics.median(w / t for w, t in zip(ours_warm, theirs, strict=True)):6.2f}x")
    print(
        f"engine ours/liblouis  {statistics.median(engine):6.2f}x   (goal: at most {goal:g}x; "
        f"each repeat: {', '.join(f'{ratio:.2f}' for ratio in engine)})"
    )


def run_child(kind: str, text_file: Path) -> None:
    """The --child entry: convert a file once in this fresh process (the cold measurement)."""
    lines = text_file.read_text(encoding="utf-8").splitlines()
    convert = our_english() if kind == "english" else our_chinese()
    for line in lines:
        convert(line)


def main() -> int:
    """Parse arguments, build the texts, measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=DEFAULT_KB, help="size of each text in KB (UTF-8)")
    parser.add_argument("--repeats", type=int, default=DEFAULT_REPEATS)
    parser.add_argument("--only", choices=["english", "chinese"])
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("BARRIERFREE_BRAILLE_DATA", DEFAULT_DATA)))
    parser.add_argument("--child", nargs=2, metavar=("KIND", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child[0], Path(args.child[1]))
        return 0
    executable = shutil.which("lou_translate")
    if executable is None:
        print("lou_translate not found: install the Debian package liblouis-bin", file=sys.stderr)
        return 2
    engine = _louis.engine()
    print(f"liblouis {engine.version} (widechar {engine.char_size} bytes); {args.repeats} repeats, medians")
    if args.only in (None, "english"):
        lines = english_text(args.data, args.kb)
        same, checked = english_agreement(executable, lines)
        print(f"English check: {same}/{checked} lines give the same cells as lou_translate")
        measure(
            "english",
            lambda _repeat: lines,
            lines,
            our_english(),
            ENGLISH_TABLE,
            executable,
            args.repeats,
            ENGLISH_GOAL,
        )
    if args.only in (None, "chinese"):
        reason = chinese_missing()
        if reason:
            print(f"\n== chinese: NOT MEASURED: {reason}. Run again when the Chinese writer is in. ==")
        elif not (args.data / "cpp-polyphones" / "dev.sent").exists():
            print(f"\n== chinese: NOT MEASURED: {args.data / 'cpp-polyphones' / 'dev.sent'} not found ==")
        else:
            try:
                convert = our_chinese()
                measure(
                    "chinese",
                    lambda repeat: chinese_text(args.data, args.kb, repeat),
                    chinese_warm_up(args.data),
                    convert,
                    CHINESE_TABLE,
                    executable,
                    args.repeats,
                    CHINESE_GOAL,
                )
            except Exception as exc:  # the pipeline is being written in parallel
                print(f"\n== chinese: NOT MEASURED: our pipeline failed: {type(exc).__name__}: {exc} ==")
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
