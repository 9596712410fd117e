"""Barrier-free pedestrian routing on OpenStreetMap and OpenSidewalks data (issue 4).

Build a compact graph once (``build_graph`` then ``Graph.save``), load it in milliseconds (``load_graph``) and
plan routes for a mobility profile with per-request limits (``plan_route``). Routes come with steps written
for screen readers in zh-CN or English, the barriers each step accepted and what the route avoided; a failed
search names what blocked it and the nearest relaxation.

The names below are loaded on first use: a graph build needs only pyosmium and numpy, not the search engine,
SciPy or the wording libraries, and builds are measured by their peak memory per million OSM nodes.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from barrierfree.routing.build import build_graph
    from barrierfree.routing.errors import (
        InvalidRoutingInput,
        NoRoute,
        PointOffNetwork,
        RoutingError,
        UnknownReport,
    )
    from barrierfree.routing.graph import Graph, load_graph
    from barrierfree.routing.instructions import Step
    from barrierfree.routing.profiles import PROFILES, Overrides, Profile, StepsRule, UnknownData
    from barrierfree.routing.routes import Route, RouteRequest, plan_route
    from barrierfree.routing.tags import Surface

_HOMES = {
    "build_graph": "build",
    "InvalidRoutingInput": "errors",
    "NoRoute": "errors",
    "PointOffNetwork": "errors",
    "RoutingError": "errors",
    "UnknownReport": "errors",
    "Graph": "graph",
    "load_graph": "graph",
    "Step": "instructions",
    "PROFILES": "profiles",
    "Overrides": "profiles",
    "Profile": "profiles",
    "StepsRule": "profiles",
    "UnknownData": "profiles",
    "Route": "routes",
    "RouteRequest": "routes",
    "plan_route": "routes",
    "Outline": "surroundings",
    "streets_around": "surroundings",
    "Surface": "tags",
}

__all__ = [
    "PROFILES",
    "Graph",
    "InvalidRoutingInput",
    "NoRoute",
    "Outline",
    "Overrides",
    "PointOffNetwork",
    "Profile",
    "Route",
    "RouteRequest",
    "RoutingError",
    "Step",
    "StepsRule",
    "Surface",
    "UnknownData",
    "UnknownReport",
    "build_graph",
    "load_graph",
    "plan_route",
    "streets_around",
]
assert set(__all__) == set(_HOMES)


def __getattr__(name: str) -> Any:
    """Import the module that defines ``name`` when it is first asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'barrierfree.routing' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"barrierfree.routing.{home}"), name)
    globals()[name] = value
    return value
