"""``barrierfree routing build`` and ``barrierfree route``: build a pedestrian graph, plan barrier-free routes."""

from __future__ import annotations

import json
import resource
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer

from barrierfree import routing
from barrierfree.cli._errors import reported
from barrierfree.core.i18n import _, parse_language, use_language
from barrierfree.routing.errors import InvalidRoutingInput

app = typer.Typer(help="Barrier-free routing: build graphs from OSM or OpenSidewalks data, list profiles.")


@app.command("build")
@reported
def build(
    source: Path = typer.Argument(..., help="An .osm.pbf / .osm file or an OpenSidewalks *.edges.OSW.geojson."),
    out: Path = typer.Option(..., "--out", help="Where to write the graph file."),
    dem: list[Path] = typer.Option([], "--dem", help="SRTM tiles (.hgt or .hgt.zip) for slopes; repeat per tile."),
    timezone: str = typer.Option(
        "Asia/Shanghai", "--timezone", help="The map's time zone, for elevator opening hours (e.g. Europe/Berlin)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON summary."),
) -> None:
    """Build a routing graph (nodes, arcs, accessibility facts) and save it to one file."""
    started = time.perf_counter()
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidRoutingInput(
            _("Unknown time zone {zone}: use a name such as Asia/Shanghai or Europe/Berlin.").format(zone=timezone),
            field="timezone",
        ) from None
    graph = routing.build_graph(source, dem, progress=None if as_json else lambda line: typer.echo(line, err=True))
    graph.meta["timezone"] = timezone
    graph.save(out)
    summary = {
        "graph": str(out),
        "nodes": graph.node_count,
        "arcs": graph.arc_count,
        "osm_nodes_read": graph.meta.get("osm_nodes"),
        "seconds": round(time.perf_counter() - started, 2),
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "bytes": out.stat().st_size,
    }
    if as_json:
        typer.echo(json.dumps(summary))
        return
    typer.echo(
        _("Wrote {graph}: {nodes} nodes, {arcs} arcs in {seconds} s (peak memory {peak_memory_mb} MB).").format(
            **summary
        )
    )


@app.command("profiles")
@reported
def profiles(lang: str = typer.Option("zh-CN", "--lang", help="zh-CN or en.")) -> None:
    """List the mobility profiles and their default limits."""
    with use_language(parse_language(lang)):
        for profile in routing.PROFILES.values():
            typer.echo(f"{profile.name:18} {_(profile.label)}")


def _point(text: str, which: str) -> tuple[float, float]:
    try:
        lat, lon = (float(part) for part in text.split(","))
    except ValueError:
        raise InvalidRoutingInput(
            _("The {which} point must be LAT,LON (for example 49.41,8.69), not {text}.").format(which=which, text=text),
            field=which,
        ) from None
    return lat, lon


def _choice(value: str | None, kind: type, option: str) -> object:
    if value is None:
        return None
    try:
        return kind(value)
    except ValueError:
        names = ", ".join(member.value for member in kind)  # type: ignore[attr-defined]
        raise InvalidRoutingInput(
            _("{option} must be one of {names}, not {value}.").format(option=option, names=names, value=value)
        ) from None


def _surfaces(text: str | None) -> frozenset[routing.Surface] | None:
    if text is None:
        return None
    chosen = set()
    for name in filter(None, (part.strip().upper() for part in text.split(","))):
        if name not in routing.Surface.__members__ or name == "UNKNOWN":
            raise InvalidRoutingInput(
                _("Unknown surface {name}: use paved, rough, firm or loose.").format(name=name.lower()),
                field="surfaces",
            )
        chosen.add(routing.Surface[name])
    return frozenset(chosen)


def _time(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidRoutingInput(
            _("--depart must be a time like 2026-12-01T08:30+08:00, not {text}.").format(text=text), field="depart"
        ) from None
    return moment  # without a zone it is the map's local time (the graph's --timezone)


@reported
def route(
    graph_path: Path = typer.Option(..., "--graph", help="A graph file from 'barrierfree routing build'."),
    origin: str = typer.Option(..., "--from", help="Start as LAT,LON."),
    destination: str = typer.Option(..., "--to", help="Destination as LAT,LON."),
    profile: str = typer.Option(
        "foot", "--profile", help="foot, manual_wheelchair, power_wheelchair, walker, blind, stroller."
    ),
    max_uphill: float | None = typer.Option(None, "--max-uphill", help="Steepest climb in percent."),
    max_downhill: float | None = typer.Option(None, "--max-downhill", help="Steepest descent in percent."),
    max_kerb: float | None = typer.Option(None, "--max-kerb", help="Highest kerb in centimetres."),
    min_width: float | None = typer.Option(None, "--min-width", help="Narrowest path in metres."),
    steps: str | None = typer.Option(None, "--steps", help="allowed, handrail (only with a handrail) or none."),
    max_steps: int | None = typer.Option(None, "--max-steps", help="Most steps in one flight."),
    surfaces: str | None = typer.Option(None, "--surfaces", help="Allowed surfaces: paved,rough,firm,loose."),
    unknown: str | None = typer.Option(None, "--unknown", help="Unknown data: pass, penalise or block."),
    soft: list[str] = typer.Option(
        [], "--soft", help="Make a limit a preference: uphill, downhill, kerb, width, steps, surface."
    ),
    depart: str | None = typer.Option(
        None, "--depart", help="Leaving time, ISO 8601; without a zone, the map's local time (default: now)."
    ),
    lang: str = typer.Option("zh-CN", "--lang", help="zh-CN or en."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Plan a barrier-free route and print it as steps (or JSON)."""
    language = parse_language(lang)
    with use_language(language):
        overrides = routing.Overrides(
            max_uphill=max_uphill,
            max_downhill=max_downhill,
            max_kerb_cm=max_kerb,
            min_width_m=min_width,
            steps=_choice(steps, routing.StepsRule, "--steps"),  # type: ignore[arg-type]
            max_steps=max_steps,
            surfaces=_surfaces(surfaces),
            unknown=_choice(unknown, routing.UnknownData, "--unknown"),  # type: ignore[arg-type]
            soft=frozenset(soft),
        )
        request = routing.RouteRequest(
            _point(origin, "origin"), _point(destination, "destination"), profile, overrides, language, _time(depart)
        )
        planned = routing.plan_route(routing.load_graph(graph_path), request)
        if as_json:
            document = planned.document()
            typer.echo(json.dumps(document, ensure_ascii=False))
            return
        typer.echo(
            _("Route of {length} m, about {minutes} minutes.").format(
                length=round(planned.length_m), minutes=max(1, round(planned.duration_s / 60))
            )
        )
        for line in planned.avoided + planned.notes:
            typer.echo(line)
        for number, step in enumerate(planned.steps, start=1):
            typer.echo(f"{number}. {step.text}")
            for note in step.notes:
                typer.echo(f"   {note}")
