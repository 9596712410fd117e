"""The cells of Mainland Chinese braille: initials, finals, tones, GF 0019-2018 tone omission, shorthands, signs.

Sources, cited on each table below:

* **[GF]** GF 0019-2018《国家通用盲文方案》(National Common Braille), Ministry of Education, State Language Commission
  and China Disabled Persons' Federation, 2018. It keeps every cell of Current Braille and adds two things: the
  rule that one tone per initial is left unwritten, and six shorthand characters.
* **[GB]** GB/T 15720-2008《中国盲文》(Chinese Braille): the cells of Current Braille (1952, 现行盲文), its
  punctuation, the number sign and the letter signs, and word spacing (分词连写).
* **[LL]** liblouis tables ``zhcn-cbs.ctb`` (GF 0019-2018) and ``zhcn-g1.ctb`` (Current Braille), LGPL-2.1+, used
  as a check: the rows were compared with every single-reading character of ``zhcn-cbs.ctb``
  (``benchmarks/braille_chinese_agreement.py``) and with liblouis's own test cases.

Tables hold dot numbers as written in the standards ("1245" = dots 1, 2, 4, 5) and are turned into cells (bit
masks, see :mod:`barrierfree.braille.cells`) once, at import.
"""

from __future__ import annotations

from barrierfree.braille.cells import cell_from_dots

# --- Syllables [GB] 声母表, 韵母表; unchanged in [GF] -------------------------------------------------------------

INITIAL_DOTS: dict[str, str] = {
    "b": "12",
    "p": "1234",
    "m": "134",
    "f": "124",
    "d": "145",
    "t": "2345",
    "n": "1345",
    "l": "123",
    "g": "1245",  # g and j share a cell: j only before i/ü finals, g never
    "k": "13",  # k and q share a cell, as g/j
    "h": "125",  # h and x share a cell, as g/j
    "j": "1245",
    "q": "13",
    "x": "125",
    "zh": "34",
    "ch": "12345",
    "sh": "156",
    "r": "245",
    "z": "1356",
    "c": "14",
    "s": "234",
}
"""Pinyin initial -> dots. 18 cells for 21 initials [GB]."""

APICAL_INITIALS = frozenset({"zh", "ch", "sh", "r", "z", "c", "s"})
"""Initials whose bare syllable (zhi chi shi ri zi ci si, the apical vowel "-i") is written with the initial alone [GB]."""

FINAL_DOTS: dict[str, str] = {
    "a": "35",
    "o": "26",  # o and e share one cell [GB]
    "e": "26",
    "ê": "26",  # 欸 ê: no cell of its own; written as e
    "er": "1235",
    "ai": "246",
    "ei": "2346",
    "ao": "235",
    "ou": "12356",
    "an": "1236",
    "en": "356",
    "ang": "236",
    "eng": "3456",
    "ong": "256",
    "i": "24",
    "ia": "1246",
    "ie": "15",
    "iao": "345",
    "iou": "1256",  # you, -iu
    "io": "1256",  # 哟 yo: no cell of its own; written as you [LL: 哟 1256]
    "ian": "146",
    "in": "126",
    "iang": "1346",
    "ing": "16",
    "iong": "1456",
    "u": "136",
    "ua": "123456",
    "uo": "135",
    "uai": "13456",
    "uei": "2456",  # wei, -ui
    "uan": "12456",
    "uen": "25",  # wen, -un
    "uang": "2356",
    "ueng": "256",  # weng: the cell of ong [GB]
    "ü": "346",  # yu, ju qu xu, nü lü
    "üe": "23456",
    "üan": "12346",
    "ün": "456",
}
"""Canonical final (the Hanyu Pinyin scheme's table form: iou, uei, uen, ü...) -> dots, 34 cells [GB]."""

TONE_DOTS: dict[int, str] = {1: "1", 2: "2", 3: "3", 4: "23"}
"""Tone number -> dots, written after the final [GB]. The neutral tone (5) has no cell in either system."""

NEUTRAL_TONE = 5

# --- GF 0019-2018 tone omission [GF] §标调规则 -----------------------------------------------------------------------
# Every syllable carries its tone, except that for each initial one tone is left unwritten: the most frequent tone
# of the syllables with that initial, whatever the final ("声母相同的音节, 不论韵母是什么, 省写相同的一个声调符号").
# A syllable without a tone cell is read in that tone; the neutral tone is never written, so a bare syllable may
# also be neutral (the reader tells from the word). Checked against zhcn-cbs.ctb [LL]: every initial agrees.

GF2018_OMITTED_TONE: dict[str, int] = {
    "b": 4,
    "d": 4,
    "g": 4,
    "j": 4,
    "k": 4,
    "l": 4,
    "x": 4,
    "zh": 4,
    "sh": 4,
    "z": 4,
    "s": 4,
    "p": 2,
    "m": 2,
    "t": 2,
    "n": 2,
    "h": 2,
    "q": 2,
    "ch": 2,
    "r": 2,
    "c": 2,
    "f": 1,
}
"""Initial -> the tone that GF 0019-2018 leaves unwritten after it."""

GF2018_ZERO_INITIAL_OMITTED_TONE = 4
"""Syllables without an initial (a-, o-, e-, y-, w- syllables) leave the falling tone unwritten, except below."""

GF2018_ZERO_INITIAL_EXCEPTIONS: dict[str, int | None] = {
    "i": 1,  # yi: 一 yī, 衣 yī are bare; 以 yǐ ⠊⠄, 亦 yì ⠊⠆ [LL]
    "ie": 3,  # ye: 也 yě bare; 夜 yè ⠑⠆
    "iou": 3,  # you: 有 yǒu bare; 又 yòu ⠳⠆
    "io": 3,  # yo follows you
    "uo": 3,  # wo: 我 wǒ bare; 卧 wò ⠕⠆
    "er": 2,  # er: 而 ér bare; 二 èr ⠗⠆
    "e": None,  # e: every tone written (额 é ⠢⠂, 恶 ě ⠢⠄, 饿 è ⠢⠆) [LL], so a bare ⠢ is the neutral tone
    "o": None,  # o shares the cell of e
    "ê": None,
    "uen": None,  # wen: every tone written (问 wèn ⠒⠆, 稳 wěn ⠒⠄, 文 wén ⠒⠂, 温 wēn ⠒⠁) [LL]
}
"""Zero-initial finals whose unwritten tone is not the falling tone (``None``: every tone is written)."""

GF2018_FULLY_TONED_SYLLABLES = frozenset({("z", "-i"), ("l", "e")})
"""Syllables that write every tone, the "个别特例" of [GF]: their bare form is kept for the frequent neutral-tone
子 zi and 了 le, so 字 zì ⠵⠆ and 乐 lè ⠇⠢⠆ write the falling tone ([LL]: all 5 zì and all 3 lè characters)."""

# --- GF 0019-2018 shorthand characters (简写字) [GF]; liblouis zhcn-cbs.ctb writes the same six [LL] ---------------
# Only for the reading given (的 in 目的 mùdì or 的确 díquè is spelled out) and only where the next cell of the word
# is an initial or the word ends: ⠙ followed by a final would read as a d-syllable (的爱 → ⠙⠪ "dai"), so the writer
# spells a shorthand character out before a zero-initial syllable or a tone cell.

SHORTHAND_DOTS: dict[tuple[str, str], str] = {
    ("的", "de5"): "145",  # ⠙ for ⠙⠢
    ("么", "me5"): "134",  # ⠍ for ⠍⠢
    ("你", "ni3"): "1345",  # ⠝ for ⠝⠊⠄
    ("他", "ta1"): "2345",  # ⠞ for ⠞⠔(⠁)
    ("她", "ta1"): "2345-1",  # ⠞⠁ for ⠞⠔⠁
    ("它", "ta1"): "4-2345",  # ⠈⠞ for ⠈⠞⠔⠁
}
"""(character, reading) -> dots of the GF 0019-2018 shorthand."""

SHORTHAND_NEEDS_INITIAL_AFTER = frozenset({"的", "么", "你", "他", "它"})
"""Shorthands that end in a bare initial, and so may not be followed by a final or tone cell in the same word."""

# --- Current Braille conventions for the three third-person pronouns [GB]; as liblouis zhcn-g1.ctb [LL] -----------
# Current Braille marks the tone of every other syllable (the zhcn-g1 convention; the neutral tone is never marked),
# but tells 他 / 她 / 它 apart by form: 他 ⠞⠔ without its tone, 她 ⠞⠔⠁, 它 ⠈⠞⠔⠁ with dot 4 before it.

CURRENT_PRONOUN_DOTS: dict[tuple[str, str], str] = {
    ("他", "ta1"): "2345-35",
    ("她", "ta1"): "2345-35-1",
    ("它", "ta1"): "4-2345-35-1",
}

# --- Numbers and letters [GB] 数字, 外文字母; the same cells as English braille ---------------------------------------

NUMBER_SIGN_DOTS = "3456"
"""⠼ before a number: the letters a-j that follow are the digits 1-9, 0 [GB]."""

DIGIT_DOTS: dict[str, str] = {
    "1": "1",
    "2": "12",
    "3": "14",
    "4": "145",
    "5": "15",
    "6": "124",
    "7": "1245",
    "8": "125",
    "9": "24",
    "0": "245",
}
DECIMAL_POINT_DOTS = "46"
"""⠨ inside a number (3.5 → ⠼⠉⠨⠑), as in braille mathematics and UEB."""

NUMERIC_COMMA_DOTS = "2"
"""⠂ between digit groups (1,000 → ⠼⠁⠂⠚⠚⠚), as in UEB."""

LETTER_DOTS: dict[str, str] = {
    "a": "1",
    "b": "12",
    "c": "14",
    "d": "145",
    "e": "15",
    "f": "124",
    "g": "1245",
    "h": "125",
    "i": "24",
    "j": "245",
    "k": "13",
    "l": "123",
    "m": "134",
    "n": "1345",
    "o": "135",
    "p": "1234",
    "q": "12345",
    "r": "1235",
    "s": "234",
    "t": "2345",
    "u": "136",
    "v": "1236",
    "w": "2456",
    "x": "1346",
    "y": "13456",
    "z": "1356",
}
"""Latin letters, the basic Braille alphabet [GB]."""

LETTER_SIGN_DOTS = "56"
"""⠰ (外文符号) before lower-case Latin letters written inside Chinese or after a number [GB]; [LL] 带u盘 ⠙⠪⠆⠰⠥."""

CAPITAL_SIGN_DOTS = "6"
"""⠠ before a capital letter [GB]; it also ends a number or a Chinese syllable, so no letter sign is needed."""

CAPITAL_WORD_DOTS = "6-6"
"""⠠⠠ before a word of two or more capitals (liblouis ``begcapsword 6-6`` [LL], as UEB)."""

# --- Punctuation [GB] 标点符号; the same cells in both systems, as liblouis zhcn-g1.ctb [LL] -------------------------
# ``blank after``: the mark must be followed by a blank cell even before another mark, because its last cell would
# otherwise join the next cell (⠐ comma + ⠆ would read as ⠐⠆ full stop).


class PunctuationKind:
    """Which side a punctuation mark is written against (no blank between them)."""

    CLOSING = "closing"  # written against the word before it: ， 。 ？ ” 》 ）...
    OPENING = "opening"  # written against the word after it: “ 《 （ ...


PUNCTUATION: dict[str, tuple[str, str, bool]] = {
    "，": ("5", PunctuationKind.CLOSING, True),  # 逗号
    "。": ("5-23", PunctuationKind.CLOSING, False),  # 句号
    "？": ("5-3", PunctuationKind.CLOSING, False),  # 问号
    "！": ("56-2", PunctuationKind.CLOSING, False),  # 叹号
    "、": ("4", PunctuationKind.CLOSING, True),  # 顿号
    "：": ("36", PunctuationKind.CLOSING, True),  # 冒号
    "；": ("56", PunctuationKind.CLOSING, True),  # 分号
    "“": ("45", PunctuationKind.OPENING, False),  # 引号
    "”": ("45", PunctuationKind.CLOSING, True),
    "‘": ("45-45", PunctuationKind.OPENING, False),  # 单引号
    "’": ("45-45", PunctuationKind.CLOSING, True),
    "《": ("5-36", PunctuationKind.OPENING, False),  # 书名号
    "》": ("36-2", PunctuationKind.CLOSING, False),
    "（": ("56-3", PunctuationKind.OPENING, False),  # 括号
    "）": ("6-23", PunctuationKind.CLOSING, False),
    "【": ("56-23", PunctuationKind.OPENING, False),  # 方头括号 (the same cells open and close [LL])
    "】": ("56-23", PunctuationKind.CLOSING, False),
    "——": ("6-36", PunctuationKind.CLOSING, False),  # 破折号: one mark in print, one sign in braille
    "—": ("6-36", PunctuationKind.CLOSING, False),
    "……": ("5-5-5", PunctuationKind.CLOSING, True),  # 省略号: one mark in print, one sign in braille
    "…": ("5-5-5", PunctuationKind.CLOSING, True),
    "～": ("5-6-2", PunctuationKind.CLOSING, False),  # range 2～3 [LL zhcn-g1 FF5E]
    "％": ("3456-245-356", PunctuationKind.CLOSING, False),  # per cent [LL math FF05]
    "／": ("456-34", PunctuationKind.CLOSING, False),  # slash [LL FF0F]
}
"""Punctuation mark -> (dots, which word it is written against, whether a blank must follow)."""

ASCII_PUNCTUATION: dict[str, str] = {
    ",": "，",
    ".": "。",
    "?": "？",
    "!": "！",
    ":": "：",
    ";": "；",
    "(": "（",
    ")": "）",
    "[": "【",
    "]": "】",
    "~": "～",
    "%": "％",
    "/": "／",
}
"""ASCII punctuation written as its Chinese counterpart inside Chinese braille.

Marks in neither table (the hyphen, the middle dot 间隔号, < > and other symbols) are left out: their cells are not
settled by [GB] for this use, and :func:`barrierfree.braille.chinese.unwritten` lists them as warnings.
"""

QUOTE_PAIRS: dict[str, tuple[str, str]] = {'"': ("“", "”"), "'": ("‘", "’"), "「": ("“", "”"), "『": ("‘", "’")}
"""Straight and corner quotes -> (opening, closing) Chinese quotes; straight quotes alternate open/close."""

CLOSING_CORNER_QUOTES: dict[str, str] = {"」": "”", "』": "’"}

CONTINUATION_DOTS = "36"
"""⠤ at the end of a line whose word goes on at the next line (连接号, as at a line break in Chinese braille [GB])."""


def cells_of(dots: str) -> tuple[int, ...]:
    """``"5-23"`` -> the cells (one per ``-``-separated group of dot numbers)."""
    return tuple(cell_from_dots(group) for group in dots.split("-"))


INITIAL_CELL: dict[str, int] = {initial: cell_from_dots(dots) for initial, dots in INITIAL_DOTS.items()}
FINAL_CELL: dict[str, int] = {final: cell_from_dots(dots) for final, dots in FINAL_DOTS.items()}
TONE_CELL: dict[int, int] = {tone: cell_from_dots(dots) for tone, dots in TONE_DOTS.items()}
SHORTHAND_CELLS: dict[tuple[str, str], tuple[int, ...]] = {key: cells_of(dots) for key, dots in SHORTHAND_DOTS.items()}
CURRENT_PRONOUN_CELLS: dict[tuple[str, str], tuple[int, ...]] = {
    key: cells_of(dots) for key, dots in CURRENT_PRONOUN_DOTS.items()
}
NUMBER_SIGN = cell_from_dots(NUMBER_SIGN_DOTS)
DIGIT_CELL: dict[str, int] = {digit: cell_from_dots(dots) for digit, dots in DIGIT_DOTS.items()}
DECIMAL_POINT = cell_from_dots(DECIMAL_POINT_DOTS)
NUMERIC_COMMA = cell_from_dots(NUMERIC_COMMA_DOTS)
LETTER_CELL: dict[str, int] = {letter: cell_from_dots(dots) for letter, dots in LETTER_DOTS.items()}
LETTER_SIGN = cell_from_dots(LETTER_SIGN_DOTS)
CAPITAL_SIGN = cell_from_dots(CAPITAL_SIGN_DOTS)
CAPITAL_WORD = cells_of(CAPITAL_WORD_DOTS)
PUNCTUATION_CELLS: dict[str, tuple[int, ...]] = {mark: cells_of(dots) for mark, (dots, _, _) in PUNCTUATION.items()}
CONTINUATION = cell_from_dots(CONTINUATION_DOTS)
