"""Form values of the workforce pages: numbers, days and uploaded files, read with errors tied to their field."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from barrierfree.core.i18n import _
from barrierfree.workforce import services
from barrierfree.workforce.errors import InvalidWorkforceInput

MAX_HISTORY_CHARS = 1_000_000
"""What a page takes pasted or uploaded (about 40,000 history rows), inside the default 1 MiB request body
(``BARRIERFREE_MAX_BODY_BYTES``); the command line takes larger files."""
MAX_WEEKS_DIGITS = 3


async def upload_text(upload: Any, field: str, missing: str | None = None) -> str:
    """The text of an uploaded file; clear errors for a missing (``missing`` says which file to choose), oversized
    or non-UTF-8 file."""
    if upload is None or isinstance(upload, str) or not getattr(upload, "filename", None):
        raise InvalidWorkforceInput(missing or _("Choose the agent's contacts file (CSV)."), field=field)
    raw = await upload.read(MAX_HISTORY_CHARS + 1)
    if len(raw) > MAX_HISTORY_CHARS:
        raise InvalidWorkforceInput(
            _("The file is larger than {limit} bytes. Use the command line for larger files.").format(
                limit=MAX_HISTORY_CHARS
            ),
            field=field,
        )
    try:
        return str(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InvalidWorkforceInput(_("Save the file as UTF-8 text (CSV)."), field=field) from None


def whole_from(text: str, field: str) -> int:
    """A small whole number typed in a form (at most three digits)."""
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_WEEKS_DIGITS:
        raise InvalidWorkforceInput(_("Enter a whole number."), field=field)
    return int(text)


async def history_text(upload: Any, pasted: str) -> str:
    """The contact history from the uploaded file, else from the pasted text; bounded."""
    if upload is not None and hasattr(upload, "read") and getattr(upload, "filename", None):
        raw = await upload.read(MAX_HISTORY_CHARS + 1)
        if len(raw) > MAX_HISTORY_CHARS:
            raise InvalidWorkforceInput(
                _("The history file is larger than {limit} bytes. Use the command line for larger files.").format(
                    limit=MAX_HISTORY_CHARS
                ),
                field="history_file",
            )
        try:
            return str(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise InvalidWorkforceInput(_("Save the history file as UTF-8 text (CSV)."), field="history_file") from None
    if len(pasted) > MAX_HISTORY_CHARS:
        raise InvalidWorkforceInput(
            _("The history is longer than {limit} characters. Use the command line for larger files.").format(
                limit=MAX_HISTORY_CHARS
            ),
            field="history",
        )
    if not pasted.strip():
        raise InvalidWorkforceInput(_("Paste the contact history or choose a CSV file."), field="history")
    return pasted


def number_from(text: str, field: str) -> float:
    """A finite number typed in a form."""
    try:
        value = float(text)
    except ValueError:
        raise InvalidWorkforceInput(_("Enter a number."), field=field) from None
    if not math.isfinite(value):
        raise InvalidWorkforceInput(_("Enter a number."), field=field)
    return value


def whole_number_from(text: str, field: str) -> int:
    """A whole number of weeks typed in a form."""
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_WEEKS_DIGITS:
        raise InvalidWorkforceInput(_("Enter a whole number of weeks, such as 4."), field=field)
    return int(text)


def day_from(text: str, field: str = "day") -> dt.date:
    """A date typed as year-month-day, the error tied to ``field``."""
    try:
        return services.parse_day(text)
    except InvalidWorkforceInput as error:
        raise InvalidWorkforceInput(error.message, field=field) from None
