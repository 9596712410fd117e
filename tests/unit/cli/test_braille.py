"""``barrierfree braille``: translate (argument or standard input), pinyin and labels, with clear errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from barrierfree.braille.cells import from_brf, from_unicode
from barrierfree.cli import app

runner = CliRunner()


def test_translate_writes_unicode_braille_and_brf() -> None:
    unicode = runner.invoke(app, ["braille", "translate", "阿胶"])
    assert unicode.exit_code == 0, unicode.output
    assert from_unicode(unicode.stdout.strip())
    brf = runner.invoke(app, ["braille", "translate", "--format", "brf", "阿胶"])
    assert brf.exit_code == 0 and from_brf(brf.stdout.strip()) == from_unicode(unicode.stdout.strip())


def test_translate_reads_standard_input_and_reports_characters_without_a_reading() -> None:
    result = runner.invoke(app, ["braille", "translate", "--format", "json"], input="白术😀\n")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["words"][0]["pinyin"] == ["bai2", "zhu2"]
    assert document["warnings"][0]["position"] == 2
    assert "warning: character 3" in result.stderr


def test_unknown_system_exits_2_and_lists_the_choices() -> None:
    result = runner.invoke(app, ["braille", "translate", "--system", "nemeth", "阿胶"])
    assert result.exit_code == 2
    assert "gf2018" in result.stderr and "Traceback" not in result.output


def test_pinyin_prints_tone_marks() -> None:
    result = runner.invoke(app, ["braille", "pinyin", "人参"])
    assert result.exit_code == 0 and result.stdout.strip() == "rénshēn"


def test_label_writes_svg_or_pdf_by_file_name(tmp_path: Path) -> None:
    svg, pdf = tmp_path / "label.svg", tmp_path / "label.pdf"
    assert runner.invoke(app, ["braille", "label", "--zh", "阿胶", "--en", "Ejiao", "--out", str(svg)]).exit_code == 0
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<")
    assert runner.invoke(app, ["braille", "label", "--zh", "阿胶", "--dots-only", "--out", str(pdf)]).exit_code == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    wrong = runner.invoke(app, ["braille", "label", "--zh", "阿胶", "--out", str(tmp_path / "label.png")])
    assert wrong.exit_code == 2 and "svg" in wrong.stderr
