"""Our checked lexicons: medicine, herb and health-product names, phrase and character readings pypinyin gets wrong.

The files are package data (``barrierfree/braille/data/*.tsv``), tab-separated with a header line, ``#`` lines
are comments. Readings are TONE3 pinyin, one syllable per character, ``v`` for ü and ``5`` for the neutral tone.
They are loaded once and validated: a malformed file is a programming error and fails loudly at first use.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

DATA_PACKAGE = "barrierfree.braille.data"
MEDICINES_FILE = "medicines.tsv"
PHRASES_FILE = "phrases.tsv"
CHARACTERS_FILE = "characters.tsv"
SYLLABLE_PATTERN = re.compile(r"^(?:[a-z]+|ê)[1-5]$")
MEDICINE_COLUMNS = ("word", "pinyin", "category", "source")
PHRASE_COLUMNS = ("word", "pinyin", "note")
CHARACTER_COLUMNS = ("char", "pinyin", "source")


@dataclass(frozen=True)
class LexiconEntry:
    """One word with its checked reading and where the reading was checked."""

    word: str
    pinyin: tuple[str, ...]
    category: str
    source: str


class LexiconFormatError(ValueError):
    """A lexicon file of the package is malformed (a bug in the shipped data, not bad user input)."""


def _rows(filename: str, columns: tuple[str, ...]) -> list[list[str]]:
    """The data rows of a shipped TSV file, checked against its header."""
    text = resources.files(DATA_PACKAGE).joinpath(filename).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    if tuple(header[: len(columns)]) != columns:
        raise LexiconFormatError(f"{filename}: header {header!r} does not start with {columns!r}")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) < len(columns):
            raise LexiconFormatError(f"{filename}: data line {number} has {len(fields)} fields: {line!r}")
        rows.append(fields)
    return rows


def _syllables(filename: str, word: str, reading: str) -> tuple[str, ...]:
    """Split and check a TONE3 reading: one valid syllable per character of ``word``."""
    syllables = tuple(reading.split())
    if len(syllables) != len(word) or not all(SYLLABLE_PATTERN.match(s) for s in syllables):
        raise LexiconFormatError(f"{filename}: reading {reading!r} does not fit {word!r}")
    return syllables


@functools.cache
def medicines() -> tuple[LexiconEntry, ...]:
    """Every entry of the medicine lexicon (medicines, herbs, health products), in file order."""
    entries = []
    seen: set[str] = set()
    for fields in _rows(MEDICINES_FILE, MEDICINE_COLUMNS):
        word, reading, category, source = (field.strip() for field in fields[:4])
        if word in seen:
            raise LexiconFormatError(f"{MEDICINES_FILE}: {word!r} is listed twice")
        seen.add(word)
        if not source:
            raise LexiconFormatError(f"{MEDICINES_FILE}: {word!r} has no source")
        entries.append(LexiconEntry(word, _syllables(MEDICINES_FILE, word, reading), category, source))
    return tuple(entries)


@functools.cache
def phrases() -> dict[str, tuple[str, ...]]:
    """Our phrase readings for general words that pypinyin's phrase data reads wrongly."""
    table: dict[str, tuple[str, ...]] = {}
    for fields in _rows(PHRASES_FILE, PHRASE_COLUMNS):
        word, reading = fields[0].strip(), fields[1].strip()
        table[word] = _syllables(PHRASES_FILE, word, reading)
    return table


@functools.cache
def readings() -> dict[str, tuple[str, ...]]:
    """Every word with a fixed reading: our phrases, then the medicine lexicon (which wins)."""
    table = dict(phrases())
    table.update({entry.word: entry.pinyin for entry in medicines()})
    return table


@functools.cache
def characters() -> dict[str, str]:
    """Our default readings of single characters that pypinyin reads otherwise (each with its source)."""
    table: dict[str, str] = {}
    for fields in _rows(CHARACTERS_FILE, CHARACTER_COLUMNS):
        char, reading, source = (field.strip() for field in fields[:3])
        if char in table:
            raise LexiconFormatError(f"{CHARACTERS_FILE}: {char!r} is listed twice")
        if not source:
            raise LexiconFormatError(f"{CHARACTERS_FILE}: {char!r} has no source")
        table[char] = _syllables(CHARACTERS_FILE, char, reading)[0]
    return table
