"""Elevator opening hours (OSM ``opening_hours``), checked at the departure time of a route."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
import opening_hours

from barrierfree.routing.graph import Graph

DEFAULT_ZONE = ZoneInfo("Asia/Shanghai")


def _parsed(graph: Graph) -> dict[int, opening_hours.OpeningHours | None]:
    """Each elevator node's parsed hours; None where the text cannot be read (then it counts as open)."""
    cached = graph.cache.get("elevator_hours")
    if cached is None:
        cached = {}
        for node in np.flatnonzero(graph.nodes["hours"] >= 0).tolist():
            text = graph.text(int(graph.nodes["hours"][node])) or ""
            try:
                cached[node] = opening_hours.OpeningHours(text)
            except (SyntaxError, ValueError):
                cached[node] = None
        graph.cache["elevator_hours"] = cached
    return cached


def map_zone(graph: Graph) -> ZoneInfo:
    """The map's time zone (``routing build --timezone``), Asia/Shanghai when the graph does not say."""
    return ZoneInfo(str(graph.meta.get("timezone"))) if graph.meta.get("timezone") else DEFAULT_ZONE


def in_map_time(graph: Graph, moment: datetime) -> datetime:
    """A time as an aware datetime: one written without a zone is the map's local time."""
    return moment if moment.tzinfo else moment.replace(tzinfo=map_zone(graph))


def closed_elevators(graph: Graph, departure: datetime | None) -> set[int]:
    """Elevator nodes whose opening hours say they are closed at ``departure`` (a time without a zone is read as
    the map's local time)."""
    if departure is None:
        return set()
    local = in_map_time(graph, departure).astimezone(map_zone(graph)).replace(tzinfo=None)
    return {node for node, hours in _parsed(graph).items() if hours is not None and hours.is_closed(local)}


def hours_text(graph: Graph, node: int) -> str | None:
    """The opening hours of an elevator as mapped, for explanations."""
    index = int(graph.nodes["hours"][node])
    return graph.text(index)
