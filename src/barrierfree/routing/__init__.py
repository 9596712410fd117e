"""Barrier-free pedestrian routing on OpenStreetMap and OpenSidewalks data (issue 4).

Build a compact graph once (``build_graph`` then ``Graph.save``), load it in milliseconds (``load_graph``) and
plan routes for a mobility profile with per-request limits (``plan_route``). Routes come with steps written
for screen readers in zh-CN or English, the barriers each step accepted and what the route avoided; a failed
search names what blocked it and the nearest relaxation.
"""

from __future__ import annotations

from barrierfree.routing.build import build_graph
from barrierfree.routing.errors import InvalidRoutingInput, NoRoute, PointOffNetwork, RoutingError, UnknownReport
from barrierfree.routing.graph import Graph, load_graph
from barrierfree.routing.instructions import Step
from barrierfree.routing.profiles import PROFILES, Overrides, Profile, StepsRule, UnknownData
from barrierfree.routing.routes import Route, RouteRequest, plan_route
from barrierfree.routing.tags import Surface

__all__ = [
    "PROFILES",
    "Graph",
    "InvalidRoutingInput",
    "NoRoute",
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
]
