"""Label size profiles: the published figures, lookup by name, and validation of custom dimensions."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from barrierfree.braille.errors import InvalidBrailleRequest
from barrierfree.braille.profiles import (
    DEFAULT_PROFILE,
    GBT_15720,
    LIMITS,
    MARBURG_MEDIUM,
    MIN_DOT_GAP_MM,
    PROFILES,
    LabelProfile,
    custom_profile,
    get_profile,
    profile_names,
)


def test_marburg_medium_is_the_default_with_its_published_grid() -> None:
    profile = get_profile()
    assert DEFAULT_PROFILE == MARBURG_MEDIUM
    assert profile.name == MARBURG_MEDIUM
    # Marburg Medium: 2.5 mm inside a cell, 6.0 mm cell to cell, 10.0 mm line to line, dots 1.3-1.6 mm wide.
    assert (profile.dot_spacing_mm, profile.cell_spacing_mm, profile.line_spacing_mm) == (2.5, 6.0, 10.0)
    assert 1.3 <= profile.dot_diameter_mm <= 1.6
    assert profile.dot_height_mm == pytest.approx(0.2)  # ISO 17351 / EN 15823 target dot height


def test_gbt_15720_profile_exists_and_says_its_figures_are_unverified() -> None:
    profile = get_profile(GBT_15720)
    assert profile.name == GBT_15720
    assert "not verified" in profile.source


@pytest.mark.parametrize("spelling", ["marburg-medium", "MARBURG_MEDIUM", " Marburg-Medium ", "gbt_15720"])
def test_profile_names_are_case_and_separator_insensitive(spelling: str) -> None:
    assert get_profile(spelling) in PROFILES.values()


def test_unknown_profile_error_lists_the_known_names() -> None:
    with pytest.raises(InvalidBrailleRequest) as caught:
        get_profile("marburg-large")
    assert caught.value.field == "profile"
    for name in profile_names():
        assert name in caught.value.message


def test_custom_profile_overrides_only_the_given_dimensions() -> None:
    profile = custom_profile(dot_diameter_mm=1.2, cells_per_line=12)
    assert profile.name == "custom"
    assert (profile.dot_diameter_mm, profile.cells_per_line) == (1.2, 12)
    assert profile.cell_spacing_mm == get_profile().cell_spacing_mm


def test_custom_profile_can_start_from_another_profile() -> None:
    profile = custom_profile(GBT_15720, margin_mm=2.0)
    assert profile.dot_height_mm == get_profile(GBT_15720).dot_height_mm
    assert profile.margin_mm == 2.0


def test_custom_profile_refuses_an_unknown_dimension_and_lists_the_known_ones() -> None:
    with pytest.raises(InvalidBrailleRequest) as caught:
        custom_profile(dot_size=1.5)  # type: ignore[arg-type]
    assert "dot_size" in caught.value.message
    assert "dot_diameter_mm" in caught.value.message


@pytest.mark.parametrize(
    ("dims", "field"),
    [
        ({"dot_diameter_mm": 25}, "dot_diameter_mm"),
        ({"line_spacing_mm": math.nan}, "line_spacing_mm"),
        ({"cell_spacing_mm": math.inf}, "cell_spacing_mm"),
        ({"cells_per_line": 2.5}, "cells_per_line"),
        ({"margin_mm": True}, "margin_mm"),
        ({"dot_height_mm": "0.2"}, "dot_height_mm"),
        ({"dot_diameter_mm": 2.4, "dot_spacing_mm": 2.5}, "dot_spacing_mm"),
        ({"cell_spacing_mm": 4.1, "dot_spacing_mm": 3.0}, "cell_spacing_mm"),
        ({"line_spacing_mm": 6.2, "dot_spacing_mm": 2.5}, "line_spacing_mm"),
    ],
)
def test_custom_profile_refuses_bad_dimensions_with_the_field_named(dims: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidBrailleRequest) as caught:
        custom_profile(**dims)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert caught.value.message


@pytest.mark.parametrize("key", ["dot_diameter_mm", "cells_per_line", "margin_mm"])
def test_out_of_range_messages_name_the_dimension_and_its_range(key: str) -> None:
    low, high = LIMITS[key]
    with pytest.raises(InvalidBrailleRequest) as caught:
        custom_profile(**{key: int(high) + 100})
    assert key in caught.value.message
    assert str(low) in caught.value.message and str(high) in caught.value.message


def test_profiles_cannot_be_built_bad_directly() -> None:
    with pytest.raises(InvalidBrailleRequest):
        LabelProfile(
            "x", dot_diameter_mm=1.5, dot_height_mm=0.2, dot_spacing_mm=1.6, cell_spacing_mm=6, line_spacing_mm=10
        )


def test_profile_as_dict_is_json_ready() -> None:
    data = get_profile().as_dict()
    assert data["name"] == MARBURG_MEDIUM
    assert set(LIMITS) <= set(data)


_numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-1000, max_value=1000),
    st.booleans(),
    st.none(),
    st.text(max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(LIMITS)), _numbers, max_size=len(LIMITS)))
def test_custom_profile_either_builds_a_sane_grid_or_refuses_cleanly(dims: dict[str, object]) -> None:
    try:
        profile = custom_profile(**dims)  # type: ignore[arg-type]
    except InvalidBrailleRequest as error:
        assert error.message
        return
    for key, (low, high) in LIMITS.items():
        assert low <= getattr(profile, key) <= high
    assert profile.dot_spacing_mm - profile.dot_diameter_mm >= MIN_DOT_GAP_MM
    assert profile.cell_spacing_mm - profile.dot_spacing_mm - profile.dot_diameter_mm >= MIN_DOT_GAP_MM
    assert profile.line_spacing_mm - 2 * profile.dot_spacing_mm - profile.dot_diameter_mm >= MIN_DOT_GAP_MM


@settings(max_examples=200, deadline=None)
@given(
    diameter=st.floats(min_value=0.8, max_value=2.5),
    spacing=st.floats(min_value=1.8, max_value=4.0),
    cell=st.floats(min_value=4.0, max_value=12.0),
    line=st.floats(min_value=6.0, max_value=20.0),
)
def test_in_range_dimensions_are_refused_only_when_dots_would_touch(
    diameter: float, spacing: float, cell: float, line: float
) -> None:
    fits = (
        spacing - diameter >= MIN_DOT_GAP_MM
        and cell - spacing - diameter >= MIN_DOT_GAP_MM
        and line - 2 * spacing - diameter >= MIN_DOT_GAP_MM
    )
    dims = {"dot_diameter_mm": diameter, "dot_spacing_mm": spacing, "cell_spacing_mm": cell, "line_spacing_mm": line}
    if fits:
        assert custom_profile(**dims).dot_spacing_mm == spacing
    else:
        with pytest.raises(InvalidBrailleRequest):
            custom_profile(**dims)
