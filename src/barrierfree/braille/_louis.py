"""Private ctypes adapter to liblouis (Debian ``liblouis20`` + ``liblouis-data``), the engine for English braille.

liblouis keeps its compiled tables and scratch buffers in process-wide globals and is not thread-safe, so every
call goes through one module-level lock. Strings cross the boundary as ``widechar`` arrays whose width is asked
of the library (``lou_charSize``: 4 on Debian, UCS-4; 2 on builds with 16-bit widechars). Output buffers start
at a multiple of the input length and grow until liblouis has consumed the whole input.
"""

from __future__ import annotations

import ctypes
import functools
import sys
import threading
from collections import deque
from collections.abc import Sequence
from typing import Any

from barrierfree.braille.errors import BrailleEngineUnavailable
from barrierfree.core.i18n import _

LIBRARY_NAME = "liblouis.so.20"
DEBIAN_LIBRARY_PACKAGE = "liblouis20"
DEBIAN_TABLES_PACKAGE = "liblouis-data"

# translationModes in liblouis.h
MODE_PLAIN = 0
MODE_DOTS_IO = 4  # dot patterns in and out as 0x8000 | dot bits, independent of any display table

LOU_DOTS = 0x8000  # the bit that marks a widechar as a dot pattern
CELL_MASK = 0xFF  # dots 1-8; liblouis's virtual dots 9-15 never reach the output of the UEB tables
LOG_LEVEL_WARN = 30000  # LOU_LOG_WARN: collect warnings and errors, drop info and debug chatter
LOG_MEMORY = 20  # how many recent liblouis log lines are kept to explain a failure

OUTPUT_FACTOR = 4  # first output buffer: 4 widechars per input character (contractions only shrink English)
OUTPUT_SLACK = 64  # plus room for indicators on very short strings
MAX_GROWTHS = 8  # the buffer doubles at most this often (x256) before the call is declared broken

UCS2_BYTES = 2
UCS4_BYTES = 4
_ORDER = "le" if sys.byteorder == "little" else "be"  # widechars are in the machine's byte order
_ENCODINGS = {UCS2_BYTES: f"utf-16-{_ORDER}", UCS4_BYTES: f"utf-32-{_ORDER}"}
_WIDECHAR_TYPES: dict[int, Any] = {UCS2_BYTES: ctypes.c_uint16, UCS4_BYTES: ctypes.c_uint32}
_LOG_CALLBACK = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_char_p)

_RESERVED = {0x0000: 0xFFFD, 0xFFFF: 0xFFFD}  # characters liblouis cannot take in, see Louis._encode
_LOCK = threading.RLock()  # liblouis's globals are per process: one lock for every Louis instance
_LOG: deque[str] = deque(maxlen=LOG_MEMORY)  # liblouis's recent warnings and errors, read under _LOCK


def _remember(level: int, message: bytes | None) -> None:
    """Log callback: keep liblouis's recent warnings and errors instead of printing them to stderr."""
    if message:
        _LOG.append(message.decode("utf-8", errors="replace"))


_LOG_HOOK = _LOG_CALLBACK(_remember)  # module-level: liblouis keeps only the raw pointer, it must never be freed


def table_list(*tables: str) -> str:
    """A liblouis table list (``"unicode.dis,en-ueb-g2.ctb"``): the display table, if any, comes first."""
    return ",".join(table for table in tables if table)


class Louis:
    """One handle on the shared liblouis library: forward and backward translation with any table list."""

    def __init__(self, library: str = LIBRARY_NAME) -> None:
        try:
            self._lib = ctypes.CDLL(library)
        except OSError as exc:
            raise BrailleEngineUnavailable(
                _(
                    "liblouis ({library}) could not be loaded: install the Debian packages {lib_package} and "
                    "{tables_package} (apt-get install {lib_package} {tables_package})."
                ).format(library=library, lib_package=DEBIAN_LIBRARY_PACKAGE, tables_package=DEBIAN_TABLES_PACKAGE)
            ) from exc
        self._declare()
        self.char_size = int(self._lib.lou_charSize())
        if self.char_size not in _ENCODINGS:
            raise BrailleEngineUnavailable(
                _("liblouis reports a widechar of {n} bytes; only 2 and 4 are supported.").format(n=self.char_size)
            )
        self._encoding = _ENCODINGS[self.char_size]
        self._widechar = _WIDECHAR_TYPES[self.char_size]
        self._log = _LOG
        self._checked: set[str] = set()
        with _LOCK:
            self._lib.lou_registerLogCallback(_LOG_HOOK)
            self._lib.lou_setLogLevel(LOG_LEVEL_WARN)

    def _declare(self) -> None:
        """Give ctypes the C signatures, so ints and pointers are passed with the right width."""
        lib = self._lib
        lib.lou_version.restype = ctypes.c_char_p
        lib.lou_version.argtypes = []
        lib.lou_charSize.restype = ctypes.c_int
        lib.lou_charSize.argtypes = []
        lib.lou_getTable.restype = ctypes.c_void_p
        lib.lou_getTable.argtypes = [ctypes.c_char_p]
        translate_args = [
            ctypes.c_char_p,
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_int),
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_int),
            ctypes.c_void_p,
            ctypes.c_void_p,
            ctypes.c_int,
        ]
        for name in ("lou_translateString", "lou_backTranslateString"):
            function = getattr(lib, name)
            function.restype = ctypes.c_int
            function.argtypes = translate_args
        lib.lou_registerLogCallback.restype = None
        lib.lou_registerLogCallback.argtypes = [_LOG_CALLBACK]
        lib.lou_setLogLevel.restype = None
        lib.lou_setLogLevel.argtypes = [ctypes.c_int]
        lib.lou_free.restype = None
        lib.lou_free.argtypes = []

    @property
    def version(self) -> str:
        """liblouis's version string, for example ``"3.24.0"``."""
        return (self._lib.lou_version() or b"").decode("ascii", errors="replace")

    def check_tables(self, tables: str) -> None:
        """Compile a table list once (liblouis caches it); raise BrailleEngineUnavailable naming the package if not."""
        if tables in self._checked:
            return
        with _LOCK:
            self._log.clear()
            loaded = self._lib.lou_getTable(tables.encode("utf-8"))
            details = " ".join(self._log)
        if not loaded:
            raise BrailleEngineUnavailable(
                _(
                    "liblouis could not load the braille tables “{tables}”: install the Debian package "
                    "{package} (apt-get install {package}). {details}"
                )
                .format(tables=tables, package=DEBIAN_TABLES_PACKAGE, details=details[:500])
                .strip()
            )
        self._checked.add(tables)

    def free(self) -> None:
        """Drop every compiled table (``lou_free``); the next call compiles again. Used by the benchmark."""
        with _LOCK:
            self._lib.lou_free()
            self._checked.clear()

    def translate(self, text: str, tables: str) -> str:
        """Forward translation; the braille comes back as characters of the list's display table."""
        return self._decode(self._call(self._encode(text), tables, MODE_PLAIN, backward=False))

    def back_translate(self, braille: str, tables: str) -> str:
        """Backward translation of braille written in the characters of the list's display table."""
        return self._decode(self._call(self._encode(braille), tables, MODE_PLAIN, backward=True))

    def translate_cells(self, text: str, tables: str) -> tuple[int, ...]:
        """Forward translation to cells (dot bit masks, 0 for a blank), whatever display table is installed."""
        raw = self._call(self._encode(text), tables, MODE_DOTS_IO, backward=False)
        # dotsIO gives 0x8000 | dots: the cell is the low byte of each widechar, sliced out in C
        low_byte = 0 if sys.byteorder == "little" else self.char_size - 1
        return tuple(raw[low_byte :: self.char_size])

    def back_translate_cells(self, cells: Sequence[int], tables: str) -> str:
        """Backward translation of cells (dot bit masks 0-255) to print."""
        widechars = (self._widechar * len(cells))(*(LOU_DOTS | (cell & CELL_MASK) for cell in cells))
        return self._decode(self._call(bytes(widechars), tables, MODE_DOTS_IO, backward=True))

    def _encode(self, text: str) -> bytes:
        """A Python string as native widechars (lone surrogates pass through; liblouis escapes them).

        U+0000 would end liblouis's input and U+FFFF is its end-of-segment sentinel, copied to the output
        as is: both become U+FFFD, which liblouis writes as an escape like any other unknown character.
        """
        return text.translate(_RESERVED).encode(self._encoding, errors="surrogatepass")

    def _decode(self, raw: bytes) -> str:
        """Native widechars back to a Python string."""
        return raw.decode(self._encoding, errors="surrogatepass")

    def _call(self, encoded: bytes, tables: str, mode: int, *, backward: bool) -> bytes:
        """One lou_translateString / lou_backTranslateString call, growing the output buffer until all fits."""
        length = len(encoded) // self.char_size
        if not length:
            return b""
        self.check_tables(tables)
        function = self._lib.lou_backTranslateString if backward else self._lib.lou_translateString
        inbuf = (self._widechar * length).from_buffer_copy(encoded)
        capacity = OUTPUT_FACTOR * length + OUTPUT_SLACK
        table_bytes = tables.encode("utf-8")
        for _growth in range(MAX_GROWTHS + 1):
            outbuf = (self._widechar * capacity)()
            inlen = ctypes.c_int(length)
            outlen = ctypes.c_int(capacity)
            with _LOCK:
                self._log.clear()
                ok = function(table_bytes, inbuf, ctypes.byref(inlen), outbuf, ctypes.byref(outlen), None, None, mode)
                details = " ".join(self._log)
            if not ok:
                raise BrailleEngineUnavailable(
                    _("liblouis failed to translate with the tables “{tables}”. {details}")
                    .format(tables=tables, details=details[:500])
                    .strip()
                )
            if inlen.value >= length:
                return ctypes.string_at(outbuf, outlen.value * self.char_size)
            capacity *= 2  # liblouis stopped where the output buffer was full
        raise BrailleEngineUnavailable(
            _("liblouis did not finish translating {n} characters with the tables “{tables}”.").format(
                n=length, tables=tables
            )
        )


@functools.cache
def engine() -> Louis:
    """The process's liblouis handle, loaded on first use."""
    return Louis()
