"""Accessible points of interest (issue 4): cinemas with subtitles and audio description, shops that employ
disabled people, service points with sign language, accessible toilets.

Places come from OpenStreetMap or are added by hand; each has yes / limited / no / unknown for every attribute
(unknown is never shown as no). People record values with a source and evidence; every value is kept. Search by
attribute and distance; a place links to a route there.
"""

from barrierfree.places.errors import InvalidPlacesInput, PlaceNotFound, PlacesError, UnreadableOsmFile
from barrierfree.places.models import Access, Attribute, Category, EditSource, Place, PlaceAttributeEdit, PlaceSource
from barrierfree.places.services import (
    MAX_RADIUS_M,
    MAX_RESULTS,
    MIN_RADIUS_M,
    EditInput,
    EditOptions,
    Found,
    ImportCounts,
    NewPlace,
    NewPlaceText,
    SearchQuery,
    add_place,
    add_place_as_member,
    add_place_as_operator,
    adding_organisations,
    current_edit,
    display_name,
    edit_options,
    get_place,
    haversine_m,
    history,
    import_osm,
    parse_filters,
    parse_point,
    read_new_place,
    record_value,
    search,
)

__all__ = [
    "MAX_RADIUS_M",
    "MAX_RESULTS",
    "MIN_RADIUS_M",
    "Access",
    "Attribute",
    "Category",
    "EditInput",
    "EditOptions",
    "EditSource",
    "Found",
    "ImportCounts",
    "InvalidPlacesInput",
    "NewPlace",
    "NewPlaceText",
    "Place",
    "PlaceAttributeEdit",
    "PlaceNotFound",
    "PlaceSource",
    "PlacesError",
    "SearchQuery",
    "UnreadableOsmFile",
    "add_place",
    "add_place_as_member",
    "add_place_as_operator",
    "adding_organisations",
    "current_edit",
    "display_name",
    "edit_options",
    "get_place",
    "haversine_m",
    "history",
    "import_osm",
    "parse_filters",
    "parse_point",
    "read_new_place",
    "record_value",
    "search",
]
