"""``barrierfree braille``: Chinese, pinyin, English and braille for medicine packaging (the Health Font)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from barrierfree.braille import services
from barrierfree.braille.errors import InvalidBrailleRequest
from barrierfree.cli._errors import reported
from barrierfree.core.i18n import _

app = typer.Typer(help="Chinese and English braille, pinyin and packaging labels.", no_args_is_help=True)


def _text_or_stdin(text: str | None) -> str:
    """TEXT, or standard input when it is absent (so files can be piped in)."""
    if text is not None:
        return text
    if sys.stdin.isatty():
        raise InvalidBrailleRequest(_("Give the text as an argument or pipe it in on standard input."), field="text")
    return sys.stdin.read(services.MAX_CLI_TEXT_CHARS + 1)


def _print_warnings(warnings: list[dict[str, object]]) -> None:
    for warning in warnings:
        typer.echo(
            f"warning: character {int(str(warning['position'])) + 1}: {warning['message']} ({warning['fallback']})",
            err=True,
        )


@app.command("translate")
@reported
def translate(
    text: str | None = typer.Argument(None, help="Text to translate; read from standard input when absent."),
    system: str = typer.Option("gf2018", "--system", help="Chinese braille: gf2018 (GF 0019-2018) or current."),
    english: str = typer.Option("ueb2", "--english", help="English braille: ueb1 or ueb2 (contracted)."),
    output_format: str = typer.Option("unicode", "--format", help="unicode, brf (embossers) or json (aligned)."),
    cells_per_line: int = typer.Option(0, "--cells-per-line", help="Wrap lines at this many cells (0: no wrap)."),
) -> None:
    """Translate Chinese (with English inside it) to braille."""
    fmt = services.parse_format(output_format)
    translation = services.translate(
        _text_or_stdin(text),
        system=system,
        english_grade=english,
        cells_per_line=cells_per_line,
        max_chars=services.MAX_CLI_TEXT_CHARS,
    )
    typer.echo(services.render_translation(translation, fmt))
    _print_warnings(services.translation_document(translation)["warnings"])


@app.command("pinyin")
@reported
def pinyin(
    text: str | None = typer.Argument(None, help="Chinese text; read from standard input when absent."),
    as_json: bool = typer.Option(False, "--json", help="Every character with its reading, as JSON."),
) -> None:
    """Tone-marked pinyin, word by word."""
    reading = services.read_pinyin(_text_or_stdin(text), max_chars=services.MAX_CLI_TEXT_CHARS)
    document = services.pinyin_document(reading)
    typer.echo(json.dumps(document, ensure_ascii=False, indent=1) if as_json else document["pinyin"])
    _print_warnings(document["warnings"])


@app.command("label")
@reported
def label(
    zh: str = typer.Option(..., "--zh", help="The medicine's Chinese name."),
    out: Path = typer.Option(..., "--out", help="Where to write the label: a .svg or .pdf file."),
    en: str = typer.Option("", "--en", help="The English name."),
    profile: str = typer.Option("marburg-medium", "--profile", help="Braille size: marburg-medium or gbt-15720."),
    dots_only: bool = typer.Option(False, "--dots-only", help="Only the dots: a layer for embossing or varnish."),
    system: str = typer.Option("gf2018", "--system", help="Chinese braille: gf2018 or current."),
) -> None:
    """Make a packaging label (SVG or PDF, chosen by the file name) at physical size."""
    label_format = out.suffix.lower().lstrip(".")
    made = services.make_label(zh, en, profile=profile, label_format=label_format, dots_only=dots_only, system=system)
    out.write_bytes(made.content)
    typer.echo(_("Label written to {path}.").format(path=out), err=True)
