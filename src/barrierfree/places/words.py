"""Human words for the places domain's codes (values, attributes, categories, sources), translated on use.

``unknown`` reads "not known", never "no": a place nobody has checked is not a place that failed a check.
"""

from __future__ import annotations

from barrierfree.core.i18n import N_, _
from barrierfree.places.models import Access, Attribute, Category, EditSource, Place
from barrierfree.places.services import display_name

ACCESS_WORDS: dict[Access, str] = {
    Access.YES: N_("yes"),
    Access.LIMITED: N_("limited"),
    Access.NO: N_("no"),
    Access.UNKNOWN: N_("not known"),
}
ATTRIBUTE_NAMES: dict[Attribute, str] = {
    Attribute.WHEELCHAIR: N_("Wheelchair access"),
    Attribute.ACCESSIBLE_TOILET: N_("Accessible toilet"),
    Attribute.HEARING_LOOP: N_("Hearing loop"),
    Attribute.SIGN_LANGUAGE: N_("Sign-language service"),
    Attribute.SUBTITLES: N_("Subtitles"),
    Attribute.AUDIO_DESCRIPTION: N_("Audio description"),
    Attribute.EMPLOYS_DISABLED: N_("Employs disabled people"),
}
CATEGORY_NAMES: dict[Category, str] = {
    Category.CINEMA: N_("cinema"),
    Category.THEATRE: N_("theatre"),
    Category.SHOP: N_("shop"),
    Category.RESTAURANT: N_("restaurant or café"),
    Category.TOILETS: N_("public toilet"),
    Category.SERVICE_POINT: N_("service point"),
    Category.HEALTHCARE: N_("healthcare"),
    Category.TRANSPORT: N_("station or stop"),
    Category.HOTEL: N_("hotel"),
    Category.MUSEUM: N_("museum or gallery"),
    Category.LIBRARY: N_("library"),
    Category.ATTRACTION: N_("sight"),
    Category.PARK: N_("park or garden"),
    Category.OTHER: N_("other place"),
}
SOURCE_NAMES: dict[EditSource, str] = {
    EditSource.OSM: N_("OpenStreetMap"),
    EditSource.SURVEY: N_("survey"),
    EditSource.OWNER: N_("the place's owner"),
    EditSource.USER_REPORT: N_("a user's report"),
}


def access_word(value: Access) -> str:
    """yes / limited / no / not known, in the current language."""
    return _(ACCESS_WORDS[value])


def attribute_name(attribute: Attribute) -> str:
    """The attribute's name, in the current language."""
    return _(ATTRIBUTE_NAMES[attribute])


def category_name(category: Category) -> str:
    """The category's name, in the current language."""
    return _(CATEGORY_NAMES[category])


def source_name(source: EditSource) -> str:
    """Who stands behind a value, in the current language."""
    return _(SOURCE_NAMES[source])


def length_words(metres: int) -> str:
    """A search radius: "500 m", "2 km"."""
    if metres < 1000:
        return _("{n} m").format(n=metres)
    return _("{km} km").format(km=f"{metres / 1000:g}")


def distance_words(metres: float) -> str:
    """A distance as people say it: "350 m away" (to 10 m), "1.2 km away" from one kilometre on."""
    shown = round(metres) if metres < 10 else int(round(metres, -1))
    if shown < 1000:
        return _("{n} m away").format(n=shown)
    return _("{km} km away").format(km=f"{metres / 1000:.1f}")


def place_title(place: Place, language: str) -> str:
    """The place's name in ``language`` (see ``display_name``), or its kind when it has no name at all."""
    return display_name(place, language) or _("{category} without a name").format(
        category=category_name(place.category)
    )
