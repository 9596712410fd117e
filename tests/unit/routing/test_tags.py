"""OSM tag values read as numbers: examples from real maps, and properties over any text."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from barrierfree.routing import tags


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("5%", 5.0),
        ("-3 %", -3.0),
        ("12,5%", 12.5),
        ("7", 7.0),
        ("45°", 100.0),
        ("up", None),
        ("down", None),
        ("x", None),
    ],
)
def test_incline_reads_percent_degrees_and_refuses_words(text: str, grade: float | None) -> None:
    found = tags.incline_percent(text)
    assert found == pytest.approx(grade) if grade is not None else found is None


def test_an_incline_steeper_than_45_degrees_is_a_typing_error() -> None:
    assert tags.incline_percent("250%") is None


@pytest.mark.parametrize(
    ("text", "metres"), [("1.5", 1.5), ("1,5 m", 1.5), ("150 cm", 1.5), ("2'6\"", 0.762), ("wide", None), ("-1", None)]
)
def test_widths_in_any_unit(text: str, metres: float | None) -> None:
    found = tags.metres(text)
    assert found == pytest.approx(metres) if metres is not None else found is None


@pytest.mark.parametrize(
    ("height", "kerb", "cm"),
    [
        ("0.03", None, 3.0),
        ("3", None, 3.0),
        ("3 cm", None, 3.0),
        (None, "raised", 10.0),
        (None, "lowered", 2.0),
        (None, "flush", 0.0),
        (None, "yes", None),
        ("tall", None, None),
    ],
)
def test_kerb_heights(height: str | None, kerb: str | None, cm: float | None) -> None:
    assert tags.kerb_height_cm(height, kerb) == cm


def test_unknown_is_never_read_as_no() -> None:
    assert tags.tri(None) is tags.Tri.UNKNOWN
    assert tags.tri("maybe") is tags.Tri.UNKNOWN
    assert tags.tri("no") is tags.Tri.NO
    assert tags.tri("limited") is tags.Tri.LIMITED


def test_crossings_by_control() -> None:
    assert tags.crossing({"crossing": "traffic_signals"}) is tags.Crossing.SIGNALS
    assert tags.crossing({"highway": "crossing", "crossing": "zebra"}) is tags.Crossing.MARKED
    assert tags.crossing({"highway": "crossing"}) is tags.Crossing.UNMARKED
    assert tags.crossing({"kerb": "lowered"}) is tags.Crossing.NONE


@given(st.text(max_size=30))
def test_parsers_never_fail_and_stay_in_range(text: str) -> None:
    grade = tags.incline_percent(text)
    assert grade is None or (math.isfinite(grade) and abs(grade) <= tags.MAX_INCLINE_PERCENT)
    width = tags.metres(text)
    assert width is None or 0 <= width <= tags.MAX_WIDTH_METRES
    kerb = tags.kerb_height_cm(text, text)
    assert kerb is None or 0 <= kerb <= tags.MAX_KERB_CM
    steps = tags.step_count(text)
    assert steps is None or 0 < steps <= tags.MAX_STEP_COUNT
    assert tags.surface(text) in set(tags.Surface)
    assert -1 <= tags.smoothness(text) <= 7


@given(st.floats(min_value=-100, max_value=100, allow_nan=False).map(lambda v: round(v, 2)))
def test_any_percentage_reads_back(value: float) -> None:
    assert tags.incline_percent(f"{value}%") == pytest.approx(value)


@pytest.mark.parametrize(
    ("way_tags", "left", "right"),
    [
        ({"sidewalk": "both"}, tags.Tri.YES, tags.Tri.YES),
        ({"sidewalk": "right"}, tags.Tri.NO, tags.Tri.YES),
        ({"sidewalk": "left"}, tags.Tri.YES, tags.Tri.NO),
        ({"sidewalk": "no"}, tags.Tri.NO, tags.Tri.NO),
        ({"sidewalk": "separate"}, tags.Tri.YES, tags.Tri.YES),
        ({"sidewalk": "yes"}, tags.Tri.UNKNOWN, tags.Tri.UNKNOWN),  # there is one, side not said
        ({"sidewalk:both": "no", "sidewalk:right": "separate"}, tags.Tri.NO, tags.Tri.YES),
        ({"sidewalk:left": "yes"}, tags.Tri.YES, tags.Tri.UNKNOWN),
        ({}, tags.Tri.UNKNOWN, tags.Tri.UNKNOWN),
    ],
)
def test_pavement_sides_from_the_street_tags(way_tags: dict[str, str], left: tags.Tri, right: tags.Tri) -> None:
    assert tags.sidewalk_sides(way_tags) == (left, right)


@given(st.sampled_from(list(tags.Tri)), st.sampled_from(list(tags.Tri)))
def test_sides_pack_and_swap_for_the_other_direction(left: tags.Tri, right: tags.Tri) -> None:
    packed = tags.pack_sides(left, right)
    assert tags.unpack_sides(packed) == (left, right)
    assert tags.unpack_sides(tags.swap_sides(packed)) == (right, left)
