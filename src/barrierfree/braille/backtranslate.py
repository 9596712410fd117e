"""Chinese braille back to pinyin, to check a label: the cells are read as a braille reader would.

Output: words separated by spaces; each word is its syllables written together (an apostrophe before a syllable
that starts with a, o or e inside a word, as in pinyin: ``pi2'ao3``), numbers as digits, Latin letters as letters,
punctuation as the Chinese mark.

Tones: a tone cell comes back as its digit. A syllable without a tone cell comes back

* in ``gf2018`` with the tone GF 0019-2018 leaves unwritten for its initial (``ren2`` from ⠚⠴), because that is
  how the standard tells the reader to read it. A neutral-tone syllable is bare too, so it also comes back with
  that tone (们 men5 → ``men2``); the few syllables that write every tone (zi, le, e, wen) come back without digit;
* in ``current`` without a digit (neutral tone: every other tone is written).

Shorthands (gf2018) come back as the reading they stand for (⠙ → ``de5`` is returned as ``de``; ⠝ → ``ni3``,
⠞ → ``ta1``, ⠞⠁ → ``ta1``, ⠈⠞ → ``ta1``, ⠍ → ``me``). Cells shared by two sounds are read by pinyin's own rules:
g/j, k/q, h/x by the final; o/e as o after b p f (and after m, except a bare ⠍⠢ which is 么 me), e elsewhere.
A word that is not valid pinyin is read as Latin letters when it can be (a Latin word standing alone has no sign).
"""

from __future__ import annotations

from barrierfree.braille import chinese_cells as cc
from barrierfree.braille.cells import BLANK, dots_of
from barrierfree.braille.chinese import APICAL_FINAL, ChineseSystem, omitted_tone

_INITIAL_OF_CELL: dict[int, str] = {}
for _initial, _cell in cc.INITIAL_CELL.items():
    _INITIAL_OF_CELL.setdefault(_cell, _initial)  # g k h (j q x are chosen by the final)
_FINAL_OF_CELL: dict[int, str] = {}
for _final, _cell in cc.FINAL_CELL.items():
    _FINAL_OF_CELL.setdefault(_cell, _final)  # o (e chosen by the initial), ong (weng without initial), iou, e
_TONE_OF_CELL = {cell: tone for tone, cell in cc.TONE_CELL.items()}
_FINAL_OR_TONE = frozenset(_FINAL_OF_CELL) | frozenset(_TONE_OF_CELL)
_LETTER_OF_CELL = {cell: letter for letter, cell in cc.LETTER_CELL.items()}
_DIGIT_OF_CELL = {cell: digit for digit, cell in cc.DIGIT_CELL.items()}
_PALATAL = {"g": "j", "k": "q", "h": "x"}
_LABIAL = frozenset({"b", "p", "m", "f"})
_SHORTHAND_READING: dict[tuple[int, ...], str] = {
    cells: pinyin.rstrip("5") for (_, pinyin), cells in cc.SHORTHAND_CELLS.items()
}
_GUARDED_SHORTHANDS = frozenset(
    cells for (char, _), cells in cc.SHORTHAND_CELLS.items() if char in cc.SHORTHAND_NEEDS_INITIAL_AFTER
)
_PUNCTUATION_OF_CELLS: dict[tuple[int, ...], str] = {}
for _mark, _cells in cc.PUNCTUATION_CELLS.items():
    _PUNCTUATION_OF_CELLS.setdefault(_cells, _mark)
_CLOSING_FORM = {"“": "”", "‘": "’", "【": "】"}
"""Marks whose opening and closing forms share cells: the opening form at the start of a word, else the closing."""
_MAX_PUNCTUATION = max(len(cells) for cells in _PUNCTUATION_OF_CELLS)
_MAX_SHORTHAND = max(len(cells) for cells in _SHORTHAND_READING)
_CURRENT_PRONOUN = (cc.cells_of("4"), "ta1")  # ⠈ before ⠞⠔⠁ in Current Braille: 它

_ZERO_SPELLING = {
    "i": "yi",
    "ia": "ya",
    "io": "yo",
    "ie": "ye",
    "iao": "yao",
    "iou": "you",
    "ian": "yan",
    "in": "yin",
    "iang": "yang",
    "ing": "ying",
    "iong": "yong",
    "u": "wu",
    "ua": "wa",
    "uo": "wo",
    "uai": "wai",
    "uei": "wei",
    "uan": "wan",
    "uen": "wen",
    "uang": "wang",
    "ong": "weng",
    "ueng": "weng",  # the cell of ong without an initial is ueng, spelled weng (瓮 wèng)
    "ü": "yu",
    "üe": "yue",
    "üan": "yuan",
    "ün": "yun",
}
_I_FINALS = frozenset({"i", "ia", "io", "ie", "iao", "iou", "ian", "in", "iang", "ing", "iong"})
_U_FINALS = frozenset({"ü", "üe", "üan", "ün"})


def _spell(initial: str, final: str) -> str:
    """Pinyin spelling of an initial and a table-form final (j + ü → ju, l + ü → lv, g + uei → gui)."""
    if not initial:
        return _ZERO_SPELLING.get(final, final)
    if final == APICAL_FINAL:
        return initial + "i"
    if initial in _PALATAL.values() and final in _U_FINALS:
        return initial + "u" + final[1:]
    spelled = {"iou": "iu", "uei": "ui", "uen": "un"}.get(final, final)
    return initial + spelled.replace("ü", "v")


def _syllable(cells: list[int], index: int, system: ChineseSystem) -> tuple[str, int] | None:
    """The syllable starting at ``index`` as (pinyin, next index), or None if the cells there are not a syllable."""
    initial = _INITIAL_OF_CELL.get(cells[index], "")
    position = index + 1 if initial else index
    final = _FINAL_OF_CELL.get(cells[position]) if position < len(cells) else None
    if final is None:
        if initial not in cc.APICAL_INITIALS:
            return None
        final = APICAL_FINAL
    else:
        position += 1
    if initial in _PALATAL and final in _I_FINALS | _U_FINALS:
        initial = _PALATAL[initial]
    elif initial and final in _I_FINALS | _U_FINALS and initial not in "bpmdtnlf":  # f: 覅 fiào (Wu)
        if initial not in cc.APICAL_INITIALS:
            return None
        final, position = APICAL_FINAL, position - 1  # shi + ye: the final belongs to the next syllable
    if final == "o" and initial not in _LABIAL:  # o only after b p m f ("" is not in _LABIAL)
        final = "e"
    elif final == "ong" and not initial:
        final = "ueng"
    tone = _TONE_OF_CELL.get(cells[position]) if position < len(cells) else None
    if tone is not None:
        position += 1
    elif system is ChineseSystem.GF2018:
        tone = omitted_tone(initial, final)
    if initial == "m" and final == "o" and tone is None and system is ChineseSystem.CURRENT:
        final = "e"  # 么 me: Current Braille writes every tone but the neutral one, so a bare mo/me is me
    return _spell(initial, final) + (str(tone) if tone else ""), position


def _latin(cells: list[int]) -> tuple[str, int]:
    """Plain braille letters (with capital signs) at the start of ``cells``: (letters, cells used); stops at a number."""
    letters = []
    index = 0
    capital_word = tuple(cells[:2]) == cc.CAPITAL_WORD
    if capital_word:
        index = 2
    capital_next = False
    while index < len(cells):
        cell = cells[index]
        if cell == cc.CAPITAL_SIGN and index + 1 < len(cells) and cells[index + 1] in _LETTER_OF_CELL:
            capital_next = True
        elif cell in _LETTER_OF_CELL:
            letter = _LETTER_OF_CELL[cell]
            letters.append(letter.upper() if capital_word or capital_next else letter)
            capital_next = False
        else:
            break
        index += 1
    if not letters:
        return "", 0
    return "".join(letters), index


def _whole_latin(cells: list[int]) -> str | None:
    """A word that is letters (and numbers) only, or None."""
    out = []
    index = 0
    while index < len(cells):
        if cells[index] == cc.NUMBER_SIGN:
            digits, index = _number(cells, index)
            out.append(digits)
            continue
        if cells[index] == cc.LETTER_SIGN:
            index += 1
        letters, used = _latin(cells[index:])
        if not used:
            return None
        out.append(letters)
        index += used
    return "".join(out)


def _number(cells: list[int], index: int) -> tuple[str, int]:
    """Digits after a number sign at ``index``, with decimal points and commas."""
    out = []
    index += 1
    while index < len(cells):
        cell = cells[index]
        if cell in _DIGIT_OF_CELL:
            out.append(_DIGIT_OF_CELL[cell])
        elif cell == cc.DECIMAL_POINT and index + 1 < len(cells) and cells[index + 1] in _DIGIT_OF_CELL:
            out.append(".")
        elif cell == cc.NUMERIC_COMMA and index + 1 < len(cells) and cells[index + 1] in _DIGIT_OF_CELL:
            out.append(",")
        else:
            break
        index += 1
    return "".join(out), index


def _word(cells: list[int], system: ChineseSystem) -> str:
    """One blank-delimited word back to pinyin, or to Latin letters when it is not pinyin but is letters."""
    text, complete = _pinyin_word(cells, system)
    if not complete:
        return _whole_latin(cells) or text
    return text


def _pinyin_word(cells: list[int], system: ChineseSystem) -> tuple[str, bool]:
    """A word read as Chinese braille: (text, whether every cell was understood); unknown cells as ``[dots]``."""
    complete = True
    out: list[str] = []
    index = 0
    while index < len(cells):
        cell = cells[index]
        if cell == cc.NUMBER_SIGN:
            digits, index = _number(cells, index)
            out.append(("-" if out and out[-1][-1:].isdigit() else "") + digits)
            continue
        rest = cells[index:]
        if (cell == cc.LETTER_SIGN and len(rest) > 1 and rest[1] in _LETTER_OF_CELL) or (
            cell == cc.CAPITAL_SIGN and len(rest) > 1 and (rest[1] in _LETTER_OF_CELL or rest[1] == cc.CAPITAL_SIGN)
        ):
            skip = 1 if cell == cc.LETTER_SIGN else 0
            letters, used = _latin(rest[skip:])
            if used:
                out.append(letters)
                index += skip + used
                continue
        if system is ChineseSystem.CURRENT and tuple(rest[:1]) == _CURRENT_PRONOUN[0] and len(rest) > 1:
            index += 1  # the dot-4 sign of 它: the syllable after it is read as ta1
            continue
        matched = False
        if system is ChineseSystem.GF2018:
            for length in range(_MAX_SHORTHAND, 0, -1):
                key = tuple(rest[:length])
                after = rest[length] if len(rest) > length else None
                guarded = key in _GUARDED_SHORTHANDS and after in _FINAL_OR_TONE
                if key in _SHORTHAND_READING and not guarded:
                    out.append(_SHORTHAND_READING[key])
                    index += length
                    matched = True
                    break
        if matched:
            continue
        syllable = _syllable(cells, index, system)
        if syllable is not None:
            text, index = syllable
            if out and text[0] in "aoe" and out[-1][-1:].isalnum():
                text = "'" + text
            out.append(text)
            continue
        for length in range(_MAX_PUNCTUATION, 0, -1):
            mark = _PUNCTUATION_OF_CELLS.get(tuple(rest[:length]))
            if mark is not None:
                mark = _CLOSING_FORM.get(mark, mark) if index else mark
                out.append(mark)
                index += length
                matched = True
                break
        if not matched:
            complete = False
            out.append(f"[{dots_of(cell)}]")
            index += 1
    return "".join(out), complete


def back_translate(cells: list[int], system: ChineseSystem = ChineseSystem.GF2018) -> str:
    """Braille cells back to pinyin words separated by spaces (tone digits as described in the module doc)."""
    words: list[list[int]] = [[]]
    for cell in cells:
        if cell == BLANK:
            words.append([])
        else:
            words[-1].append(cell)
    return " ".join(_word(word, system) for word in words if word)
