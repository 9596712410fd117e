"""``barrierfree places``: import accessible places from OpenStreetMap, and search them by attribute and distance."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from barrierfree import places
from barrierfree.cli import _context
from barrierfree.cli._errors import reported
from barrierfree.core.i18n import _, parse_language, use_language
from barrierfree.places import words
from barrierfree.places.services import DEFAULT_RADIUS_M, DEFAULT_RESULTS, check_limit, parse_category

app = typer.Typer(help="Accessible places: import them from OpenStreetMap, search them.", no_args_is_help=True)


@app.command("import")
@reported
def import_places(
    osm_file: Path = typer.Argument(..., help="An OpenStreetMap extract: .osm.pbf or .osm (XML)."),
    as_json: bool = typer.Option(False, "--json", help="Print the counts as JSON."),
) -> None:
    """Import (or re-import) places: new ones are added, known ones updated; values people recorded stay."""
    database = _context.database()

    def progress(read: int) -> None:
        print(_("{n} tagged objects read").format(n=f"{read:,}"), file=sys.stderr)

    try:
        with database.session() as session:
            counts = places.import_osm(session, osm_file, on_progress=progress)
    finally:
        database.dispose()
    if as_json:
        typer.echo(json.dumps(counts.as_dict()))
        return
    typer.echo(
        _(
            "{found} places in {file}: {created} new, {updated} updated, {unchanged} unchanged; "
            "{values} OSM values recorded, {kept} values recorded by people kept."
        ).format(
            found=counts.places_found,
            file=osm_file.name,
            created=counts.created,
            updated=counts.updated,
            unchanged=counts.unchanged,
            values=counts.values_recorded,
            kept=counts.people_values_kept,
        )
    )


@app.command("add")
@reported
def add_place(
    name: str = typer.Argument(..., help="The place's name, as written at the place."),
    at: str = typer.Option(..., "--at", help="Position as LAT,LON in degrees (the entrance, if known)."),
    category: str = typer.Option(..., "--category", help="cinema, shop, service_point, toilets, ... (see search)."),
    name_zh: str = typer.Option("", "--name-zh", help="Name in Chinese."),
    name_en: str = typer.Option("", "--name-en", help="Name in English."),
    address: str = typer.Option("", "--address", help="Address."),
    run_by: int | None = typer.Option(None, "--run-by", help="Id of the organisation that runs the place."),
    as_json: bool = typer.Option(False, "--json", help="Print the new place as JSON."),
) -> None:
    """Add a place that is missing; its values start unknown (record them on its page or through the API)."""
    lat, lon = places.parse_point(at, "at")
    new = places.NewPlace(
        name=name,
        category=parse_category(category),
        lat=lat,
        lon=lon,
        name_zh=name_zh,
        name_en=name_en,
        address=address,
        organisation_id=run_by,
    )
    database = _context.database()
    try:
        with database.session() as session:
            place = places.add_place_as_operator(session, new)
            document = {"id": place.id, "name": place.name, "category": place.category.value, "lat": lat, "lon": lon}
    finally:
        database.dispose()
    if as_json:
        typer.echo(json.dumps(document, ensure_ascii=False))
        return
    typer.echo(_("Added place {id}: {name}.").format(id=document["id"], name=document["name"]))


def _document(found: places.Found, language: str) -> dict[str, object]:
    place = found.place
    return {
        "id": place.id,
        "name": places.display_name(place, language),
        "names": {"name": place.name, "zh-CN": place.name_zh, "en": place.name_en},
        "category": place.category.value,
        "lat": place.lat,
        "lon": place.lon,
        "address": place.address,
        "distance_m": round(found.distance_m, 1),
        "attributes": {attribute.value: place.value(attribute).value for attribute in places.Attribute},
    }


@app.command("search")
@reported
def search(
    near: str = typer.Option(..., "--near", help="Where to search from: LAT,LON in degrees, such as 30.259,120.152."),
    radius: float = typer.Option(DEFAULT_RADIUS_M, "--radius", help="Metres around it (1 to 50,000)."),
    has: list[str] = typer.Option(
        [], "--has", help="attribute=value[,value], such as wheelchair=yes or subtitles=yes,limited; repeatable."
    ),
    category: str | None = typer.Option(None, "--category", help="Only this category, such as cinema or shop."),
    limit: int = typer.Option(DEFAULT_RESULTS, "--limit", help="At most this many places (1 to 200)."),
    lang: str | None = typer.Option(None, "--lang", help="zh-CN or en (default: BARRIERFREE_DEFAULT_LANGUAGE)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """Places near a point, nearest first, each with every attribute (unknown is "not known", never "no")."""
    settings = _context.settings()  # makes the configured language current; --lang overrides it below
    language = parse_language(lang) if lang else settings.default_language
    database = _context.database()
    try:
        with use_language(language), database.session() as session:
            lat, lon = places.parse_point(near)
            query = places.SearchQuery(
                lat,
                lon,
                radius_m=radius,
                filters=places.parse_filters(has),
                category=parse_category(category) if category else None,
                limit=check_limit(limit),
            )
            found = places.search(session, query)
            if as_json:
                typer.echo(json.dumps([_document(f, language) for f in found], ensure_ascii=False, indent=2))
                return
            if not found:
                typer.echo(_("No place within {radius} m matches.").format(radius=f"{radius:g}"))
                return
            for item in found:
                place = item.place
                typer.echo(
                    f"{words.place_title(place, language)} ({words.category_name(place.category)}), "
                    f"{words.distance_words(item.distance_m)}  [#{place.id}]"
                )
                values = "; ".join(
                    f"{words.attribute_name(a)}: {words.access_word(place.value(a))}" for a in places.Attribute
                )
                typer.echo(f"  {values}")
    finally:
        database.dispose()
