"""Colour arithmetic behind the contrast checks: parsing computed colours, compositing, WCAG ratios."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from barrierfree.audit.checks.miit.colour import (
    Rgba,
    contrast_ratio,
    is_large_text,
    parse_colour,
    required_ratio,
    shown_ratio,
    text_contrast,
)

channels = st.integers(min_value=0, max_value=255)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rgb(255, 0, 0)", Rgba(255, 0, 0)),
        ("rgba(0, 0, 0, 0.5)", Rgba(0, 0, 0, 0.5)),
        ("rgb(10 20 30 / 0.25)", Rgba(10, 20, 30, 0.25)),
        ("transparent", Rgba(0, 0, 0, 0.0)),
        ("color(srgb 1 0.5 0)", Rgba(255, 127.5, 0)),
        ("rgb(100%, 0%, 0%)", Rgba(255, 0, 0)),
    ],
)
def test_computed_colours_are_parsed(text: str, expected: Rgba) -> None:
    assert parse_colour(text) == expected


@pytest.mark.parametrize("text", ["oklch(0.5 0.1 200)", "color(display-p3 1 0 0)", "red", "", "rgb(1, 2)"])
def test_colours_in_other_spaces_are_unknown(text: str) -> None:
    assert parse_colour(text) is None


def test_black_on_white_is_21_and_known_greys_match_wcag() -> None:
    assert contrast_ratio(Rgba(0, 0, 0), Rgba(255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio(Rgba(0x76, 0x76, 0x76), Rgba(255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio(Rgba(0x77, 0x77, 0x77), Rgba(255, 255, 255)) == pytest.approx(4.48, abs=0.01)


def test_translucent_text_and_backgrounds_are_composited_over_the_canvas() -> None:
    # 30 % black on white is rgb(179, 179, 179)
    assert text_contrast("rgba(0, 0, 0, 0.3)", ()) == pytest.approx(
        contrast_ratio(Rgba(178.5, 178.5, 178.5), Rgba(255, 255, 255))
    )
    assert text_contrast("rgb(0, 0, 0)", ("rgba(0, 0, 0, 0.5)", "rgb(255, 255, 255)")) == pytest.approx(5.28, abs=0.01)
    assert text_contrast("rgb(0, 0, 0)", ("oklch(0.5 0.1 200)",)) is None


@pytest.mark.parametrize(
    ("size", "weight", "large"),
    [(24, 400, True), (23.9, 400, False), (18.67, 700, True), (18.66, 700, True), (18.5, 700, False), (20, 600, False)],
)
def test_large_text_is_18pt_or_14pt_bold(size: float, weight: int, large: bool) -> None:
    assert is_large_text(size, weight) is large
    assert required_ratio(large) == (3.0 if large else 4.5)


def test_ratios_shown_to_people_never_round_up_to_a_pass() -> None:
    assert shown_ratio(4.4999) == 4.49
    assert shown_ratio(21.0) == 21.0


@given(channels, channels, channels, channels, channels, channels)
def test_contrast_is_symmetric_and_between_1_and_21(r1: int, g1: int, b1: int, r2: int, g2: int, b2: int) -> None:
    first, second = Rgba(r1, g1, b1), Rgba(r2, g2, b2)
    ratio = contrast_ratio(first, second)
    assert 1.0 <= ratio <= 21.0 + 1e-9
    assert ratio == pytest.approx(contrast_ratio(second, first))


@given(channels, channels, channels, st.floats(min_value=0, max_value=1))
def test_parsing_round_trips_what_chromium_prints(red: int, green: int, blue: int, alpha: float) -> None:
    text = f"rgba({red}, {green}, {blue}, {alpha:g})"
    parsed = parse_colour(text)
    assert parsed is not None
    assert (parsed.red, parsed.green, parsed.blue) == (red, green, blue)
    assert parsed.alpha == pytest.approx(float(f"{alpha:g}"))
