"""OSM tags to places: values, attributes, categories and which features count as places (with properties)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from barrierfree.places.models import Access, Attribute, Category
from barrierfree.places.tags import LIMITED_WORDS, NO_WORDS, YES_WORDS, attribute_value, map_tags, parse_access

WORDS = sorted(YES_WORDS | LIMITED_WORDS | NO_WORDS)
tag_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("yes", Access.YES),
        ("Designated", Access.YES),
        (" limited ", Access.LIMITED),
        ("no", Access.NO),
        ("yes;no", Access.LIMITED),
        ("yes;yes", Access.YES),
        ("fixme", Access.UNKNOWN),
        ("", Access.UNKNOWN),
        (None, Access.UNKNOWN),
        ("csl", Access.UNKNOWN),
    ],
)
def test_values_map_to_four_states(value: str | None, expected: Access) -> None:
    assert parse_access(value) is expected


def test_a_language_code_means_yes_only_where_a_language_is_expected() -> None:
    assert parse_access("csl", language_valued=True) is Access.YES
    assert parse_access("en-GB;zh", language_valued=True) is Access.YES
    assert parse_access("no", language_valued=True) is Access.NO


@given(tag_text)
def test_parse_access_always_answers_one_of_the_four_states(value: str) -> None:
    assert parse_access(value) in set(Access)
    assert parse_access(value, language_valued=True) in set(Access)


@given(tag_text)
def test_unknown_is_never_turned_into_no(value: str) -> None:
    words = {part.strip().lower() for part in value.split(";")}
    if parse_access(value) is Access.NO:
        assert words & NO_WORDS, "no only comes from a word that says no"
    if not words & set(WORDS):
        assert parse_access(value) is Access.UNKNOWN


@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4), st.sampled_from(["", " ", "  "]))
def test_case_spacing_and_order_do_not_matter(parts: list[str], pad: str) -> None:
    plain = ";".join(parts)
    varied = ";".join(pad + part.upper() + pad for part in reversed(parts))
    assert parse_access(plain) is parse_access(varied)


@given(st.dictionaries(st.sampled_from(["wheelchair", "name", "amenity", "shop", "hearing_loop:x", "foo"]), tag_text))
def test_map_tags_never_fails_and_names_a_place_only_with_a_name_or_a_category(tags: dict[str, str]) -> None:
    feature = map_tags(tags)
    if feature is not None:
        assert feature.name or feature.category is not Category.OTHER
        assert all(value is not Access.UNKNOWN for value, _tag in feature.attributes.values())


def test_every_documented_key_is_read() -> None:
    tags = {
        "name": "Kino",
        "amenity": "cinema",
        "wheelchair": "yes",
        "toilets:wheelchair": "limited",
        "hearing_loop:induction": "yes",
        "deaf:sign_language": "csl",
        "cinema:subtitles": "yes",
        "audio_description": "no",
        "employs:disabled": "yes",
    }
    feature = map_tags(tags)
    assert feature is not None and feature.category is Category.CINEMA
    values = {attribute: value for attribute, (value, _tag) in feature.attributes.items()}
    assert values == {
        Attribute.WHEELCHAIR: Access.YES,
        Attribute.ACCESSIBLE_TOILET: Access.LIMITED,
        Attribute.HEARING_LOOP: Access.YES,
        Attribute.SIGN_LANGUAGE: Access.YES,
        Attribute.SUBTITLES: Access.YES,
        Attribute.AUDIO_DESCRIPTION: Access.NO,
        Attribute.EMPLOYS_DISABLED: Access.YES,
    }
    assert feature.attributes[Attribute.SIGN_LANGUAGE][1] == "deaf:sign_language=csl"


def test_a_toilet_s_wheelchair_tag_describes_the_toilet_and_a_workshop_employs_disabled_people() -> None:
    assert attribute_value({"amenity": "toilets", "wheelchair": "yes"}, Attribute.ACCESSIBLE_TOILET)[0] is Access.YES
    assert attribute_value({"amenity": "cafe", "wheelchair": "yes"}, Attribute.ACCESSIBLE_TOILET)[0] is Access.UNKNOWN
    workshop = {"social_facility": "workshop", "social_facility:for": "disabled"}
    assert attribute_value(workshop, Attribute.EMPLOYS_DISABLED)[0] is Access.YES


@pytest.mark.parametrize(
    ("tags", "kept"),
    [
        ({"name": "Spar", "shop": "supermarket"}, True),
        ({"shop": "bakery", "wheelchair": "no"}, True),
        ({"name": "Rathaus", "wheelchair": "limited"}, True),
        ({"name": "Some name"}, False),
        ({"wheelchair": "yes", "building": "yes"}, False),
        ({"name": "Hauptstraße", "highway": "footway", "wheelchair": "yes"}, False),
        ({"entrance": "main", "wheelchair": "yes", "name": "Door"}, False),
        ({"shop": "no", "name": "Closed"}, False),
    ],
)
def test_which_features_are_places(tags: dict[str, str], kept: bool) -> None:
    assert (map_tags(tags) is not None) is kept


def test_names_and_address() -> None:
    feature = map_tags(
        {
            "name": "西湖邮局",
            "name:en": "West Lake Post Office",
            "amenity": "post_office",
            "addr:street": "湖滨路",
            "addr:housenumber": "25",
            "addr:city": "杭州市",
        }
    )
    assert feature is not None
    assert (feature.name, feature.name_zh, feature.name_en) == ("西湖邮局", "", "West Lake Post Office")
    assert feature.category is Category.SERVICE_POINT
    assert feature.address == "湖滨路 25, 杭州市"
