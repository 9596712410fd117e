"""OpenStreetMap tags to places: category, names, address and the accessibility attributes.

Pure functions on a ``Mapping[str, str]`` of tags, so they are tested without any file. Which tags are read is
documented in ``docs/places.md``; in short:

- ``wheelchair``; ``toilets:wheelchair`` (and, on ``amenity=toilets``, ``wheelchair`` describes the toilet);
- ``hearing_loop`` and any ``hearing_loop:*`` key;
- sign language: ``sign_language``, ``service:sign_language``, ``deaf:sign_language`` and ``sign_language:*``;
- ``subtitles``, ``cinema:subtitles``, ``subtitles:*``; ``audio_description``, ``cinema:audio_description``,
  ``audio_description:*``;
- employs disabled people: OSM has no established tag. We read ``employs:disabled`` (our choice, ``yes`` /
  ``limited`` / ``no``) and count a sheltered workshop (``social_facility=workshop`` for ``disabled``) as ``yes``.

Values: ``yes``/``designated``/``true``/``1`` are yes, ``limited``/``partial``/``some``/``sometimes`` limited,
``no``/``false``/``0``/``none`` no; anything else is unknown, never no. For sign language and subtitles a language
code (``csl``, ``zh``, ``en-GB``) means yes. ``a;b`` lists: when the parts agree that value, when they disagree
``limited``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from barrierfree.places.models import Access, Attribute, Category

YES_WORDS = frozenset({"yes", "designated", "true", "1"})
LIMITED_WORDS = frozenset({"limited", "partial", "some", "sometimes"})
NO_WORDS = frozenset({"no", "false", "0", "none"})
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?$")

NETWORK_KEYS = frozenset({"highway", "barrier", "entrance", "kerb", "footway", "sidewalk"})
"""Keys of the path network: such features belong to routing, not to places."""
MAX_NAME_CHARS = 200
MAX_ADDRESS_CHARS = 300

ATTRIBUTE_KEYS: dict[Attribute, tuple[str, ...]] = {
    Attribute.WHEELCHAIR: ("wheelchair",),
    Attribute.ACCESSIBLE_TOILET: ("toilets:wheelchair",),
    Attribute.HEARING_LOOP: ("hearing_loop",),
    Attribute.SIGN_LANGUAGE: ("sign_language", "service:sign_language", "deaf:sign_language"),
    Attribute.SUBTITLES: ("subtitles", "cinema:subtitles"),
    Attribute.AUDIO_DESCRIPTION: ("audio_description", "cinema:audio_description"),
    Attribute.EMPLOYS_DISABLED: ("employs:disabled",),
}
"""Keys read for each attribute, most specific first; a value from the first key that says something wins."""
PREFIXES: dict[Attribute, tuple[str, ...]] = {
    Attribute.HEARING_LOOP: ("hearing_loop:",),
    Attribute.SIGN_LANGUAGE: ("sign_language:",),
    Attribute.SUBTITLES: ("subtitles:",),
    Attribute.AUDIO_DESCRIPTION: ("audio_description:",),
}
"""Sub-keys (``hearing_loop:induction=yes``, ``sign_language:csl=yes``) read when the plain keys say nothing."""
LANGUAGE_VALUED = frozenset({Attribute.SIGN_LANGUAGE, Attribute.SUBTITLES})

CATEGORY_TAGS: tuple[tuple[str, frozenset[str] | None, Category], ...] = (
    ("amenity", frozenset({"cinema"}), Category.CINEMA),
    ("amenity", frozenset({"theatre", "arts_centre", "concert_hall"}), Category.THEATRE),
    ("amenity", frozenset({"toilets"}), Category.TOILETS),
    ("amenity", frozenset({"restaurant", "fast_food", "cafe", "food_court", "bar", "pub"}), Category.RESTAURANT),
    (
        "amenity",
        frozenset({"townhall", "post_office", "bank", "social_facility", "community_centre", "police", "courthouse"}),
        Category.SERVICE_POINT,
    ),
    ("office", frozenset({"government", "employment_agency", "ngo", "association"}), Category.SERVICE_POINT),
    (
        "amenity",
        frozenset({"hospital", "clinic", "doctors", "dentist", "pharmacy"}),
        Category.HEALTHCARE,
    ),
    ("healthcare", None, Category.HEALTHCARE),
    ("amenity", frozenset({"library"}), Category.LIBRARY),
    ("amenity", frozenset({"bus_station", "ferry_terminal"}), Category.TRANSPORT),
    ("railway", frozenset({"station", "halt", "tram_stop", "stop", "platform"}), Category.TRANSPORT),
    ("public_transport", frozenset({"station", "platform", "stop_position"}), Category.TRANSPORT),
    ("shop", None, Category.SHOP),
    ("tourism", frozenset({"hotel", "hostel", "guest_house", "motel"}), Category.HOTEL),
    ("tourism", frozenset({"museum", "gallery"}), Category.MUSEUM),
    ("tourism", frozenset({"attraction", "viewpoint", "zoo", "theme_park"}), Category.ATTRACTION),
    ("leisure", frozenset({"park", "garden"}), Category.PARK),
)
"""The first matching rule names the category (``None``: any value of the key, except ``no``)."""


def parse_access(value: str | None, *, language_valued: bool = False) -> Access:
    """One tag value as yes / limited / no / unknown; anything not recognised is unknown, never no."""
    if value is None:
        return Access.UNKNOWN
    states = set()
    for part in value.split(";"):
        word = part.strip().lower()
        if not word:
            continue
        if word in YES_WORDS:
            states.add(Access.YES)
        elif word in LIMITED_WORDS:
            states.add(Access.LIMITED)
        elif word in NO_WORDS:
            states.add(Access.NO)
        elif language_valued and _LANGUAGE_CODE.match(word):
            states.add(Access.YES)
    if not states:
        return Access.UNKNOWN
    return states.pop() if len(states) == 1 else Access.LIMITED


def attribute_value(tags: Mapping[str, str], attribute: Attribute) -> tuple[Access, str]:
    """The value of one attribute and the tag it came from (``key=value``, empty when unknown)."""
    language_valued = attribute in LANGUAGE_VALUED
    for key in ATTRIBUTE_KEYS[attribute]:
        found = parse_access(tags.get(key), language_valued=language_valued)
        if found is not Access.UNKNOWN:
            return found, f"{key}={tags[key]}"
    sub_values = [
        (key, parse_access(value, language_valued=language_valued))
        for key, value in sorted(tags.items())
        if key.startswith(PREFIXES.get(attribute, ()) or ("\0",))
    ]
    known = [(key, state) for key, state in sub_values if state is not Access.UNKNOWN]
    if known:
        states = {state for _key, state in known}
        state = states.pop() if len(states) == 1 else Access.LIMITED
        if Access.YES in {s for _k, s in known} and state is Access.LIMITED:
            state = Access.YES  # one loop type or language offered is enough to say yes
        return state, "; ".join(f"{key}={tags[key]}" for key, _state in known)
    if attribute is Attribute.ACCESSIBLE_TOILET and tags.get("amenity") == "toilets":
        found = parse_access(tags.get("wheelchair"))
        if found is not Access.UNKNOWN:
            return found, f"amenity=toilets; wheelchair={tags['wheelchair']}"
    if attribute is Attribute.EMPLOYS_DISABLED and _sheltered_workshop(tags):
        return Access.YES, "social_facility=workshop; social_facility:for=" + tags.get("social_facility:for", "")
    return Access.UNKNOWN, ""


def _sheltered_workshop(tags: Mapping[str, str]) -> bool:
    groups = {part.strip().lower() for part in tags.get("social_facility:for", "").split(";")}
    return tags.get("social_facility") == "workshop" and bool(groups & {"disabled", "mental_health"})


def attributes_of(tags: Mapping[str, str]) -> dict[Attribute, tuple[Access, str]]:
    """Every attribute the tags say something about, with its value and the tags it came from."""
    found = {attribute: attribute_value(tags, attribute) for attribute in Attribute}
    return {attribute: pair for attribute, pair in found.items() if pair[0] is not Access.UNKNOWN}


def category_of(tags: Mapping[str, str]) -> Category | None:
    """The category of a feature, or None when its tags name no kind of place we list."""
    for key, values, category in CATEGORY_TAGS:
        value = tags.get(key)
        if value is None or value == "no":
            continue
        if values is None or value in values:
            return category
    return None


def _clean(text: str | None, limit: int) -> str:
    return " ".join((text or "").split())[:limit]


def address_of(tags: Mapping[str, str]) -> str:
    """A one-line address from ``addr:full`` or the street, house number, postcode and city."""
    if tags.get("addr:full"):
        return _clean(tags["addr:full"], MAX_ADDRESS_CHARS)
    street = " ".join(part for part in (tags.get("addr:street"), tags.get("addr:housenumber")) if part)
    city = " ".join(part for part in (tags.get("addr:postcode"), tags.get("addr:city")) if part)
    return _clean(", ".join(part for part in (street, city) if part), MAX_ADDRESS_CHARS)


@dataclass(frozen=True)
class MappedFeature:
    """What a feature's tags say about it as a place (position and OSM id are added by the reader)."""

    name: str
    name_zh: str
    name_en: str
    category: Category
    address: str
    attributes: dict[Attribute, tuple[Access, str]]


def map_tags(tags: Mapping[str, str]) -> MappedFeature | None:
    """The place a feature describes, or None when it is not one.

    A feature is a place when it has a name and a category, or any accessibility tag together with a category
    or a name (then the category may be ``other``). Parts of the path network (``highway``, ``barrier``,
    ``entrance``, ``kerb``) are the routing domain's, never places; a feature with neither a name nor
    a category says nothing a person could look for.
    """
    if any(key in tags for key in NETWORK_KEYS):
        return None
    attributes = attributes_of(tags)
    category = category_of(tags)
    name = _clean(tags.get("name"), MAX_NAME_CHARS)
    name_zh = _clean(tags.get("name:zh") or tags.get("name:zh-Hans"), MAX_NAME_CHARS)
    name_en = _clean(tags.get("name:en"), MAX_NAME_CHARS)
    named = bool(name or name_zh or name_en)
    if category is None and not named:
        return None
    if not ((named and category is not None) or attributes):
        return None
    return MappedFeature(
        name=name or name_zh or name_en,
        name_zh=name_zh,
        name_en=name_en,
        category=category or Category.OTHER,
        address=address_of(tags),
        attributes=attributes,
    )
