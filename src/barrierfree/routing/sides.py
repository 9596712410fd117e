"""Street sides for blind travellers: which side the pavement is on, where it changes side or ends, and the side
streets a pavement crosses.

OSM maps a pavement either as its own way (``footway=sidewalk``, joined to the other side by crossing ways) or
as ``sidewalk=left|right|both|no`` on the street itself. For the second kind the graph keeps, per arc and in the
arc's direction, whether there is a pavement on the left and on the right (``tags.pack_sides``). Only what the
map says is announced: an unknown side is never called "no pavement".
"""

from __future__ import annotations

from barrierfree.core.i18n import _
from barrierfree.routing import facts
from barrierfree.routing.geo import bearing_degrees
from barrierfree.routing.graph import ArcKind, Graph
from barrierfree.routing.tags import Tri, unpack_sides
from barrierfree.routing.wording import heading_change

STREET_KINDS = frozenset({ArcKind.STREET, ArcKind.MAJOR_ROAD, ArcKind.SERVICE})
"""Ways with traffic, walked along a kerb, where the side of the street matters (not pedestrian zones)."""


def pavement(graph: Graph, arc: int) -> tuple[Tri, Tri] | None:
    """(left, right) pavement of a street arc in its direction; None for paths or when the map says nothing."""
    if int(graph.arcs["kind"][arc]) not in STREET_KINDS:
        return None
    sides = unpack_sides(int(graph.arcs["sidewalk"][arc]))
    return None if sides == (Tri.UNKNOWN, Tri.UNKNOWN) else sides


def pavement_words(sides: tuple[Tri, Tri]) -> str:
    """Where the pavement is, as the step begins."""
    left, right = sides
    if left == Tri.YES and right == Tri.YES:
        return _("There is a pavement on both sides.")
    if left == Tri.NO and right == Tri.NO:
        return _("This street has no pavement: keep to the edge of the road.")
    if left == Tri.YES:
        return _("The pavement is on your left only.") if right == Tri.NO else _("There is a pavement on your left.")
    if right == Tri.YES:
        return _("The pavement is on your right only.") if left == Tri.NO else _("There is a pavement on your right.")
    return _("There is no pavement on your left.") if left == Tri.NO else _("There is no pavement on your right.")


def _only(sides: tuple[Tri, Tri]) -> str | None:
    """'left' or 'right' when the pavement is known to be on that side alone."""
    if sides == (Tri.YES, Tri.NO):
        return "left"
    if sides == (Tri.NO, Tri.YES):
        return "right"
    return None


def change_words(before: tuple[Tri, Tri], after: tuple[Tri, Tri], distance: str) -> str | None:
    """The pavement changing side, ending or starting part-way along a street; None when nothing changes."""
    was, now = _only(before), _only(after)
    if was and now and was != now:
        text = (
            _("After {distance} the pavement continues on the other side of the street: cross to your right.")
            if now == "right"
            else _("After {distance} the pavement continues on the other side of the street: cross to your left.")
        )
        return text.format(distance=distance)
    if after == (Tri.NO, Tri.NO) and before != after:
        return _("After {distance} the pavement ends: keep to the edge of the road.").format(distance=distance)
    if before == (Tri.YES, Tri.YES) and now:
        text = (
            _("After {distance} the pavement on your right ends: keep to the left side.")
            if now == "left"
            else _("After {distance} the pavement on your left ends: keep to the right side.")
        )
        return text.format(distance=distance)
    if before == (Tri.NO, Tri.NO) and (Tri.YES in after):
        if after == (Tri.YES, Tri.YES):
            return _("After {distance} a pavement begins on both sides.").format(distance=distance)
        text = (
            _("After {distance} a pavement begins on your left.")
            if after[0] == Tri.YES
            else _("After {distance} a pavement begins on your right.")
        )
        return text.format(distance=distance)
    return None


def _heading_into(graph: Graph, arc: int) -> float:
    lats, lons = graph.shape_of(arc)
    return bearing_degrees(float(lats[-2]), float(lons[-2]), float(lats[-1]), float(lons[-1]))


def _heading_out_of(graph: Graph, arc: int) -> float:
    lats, lons = graph.shape_of(arc)
    return bearing_degrees(float(lats[0]), float(lons[0]), float(lats[1]), float(lons[1]))


def side_streets(graph: Graph, arriving: int, leaving: int) -> dict[str, set[str]]:
    """Named streets meeting the route at the node between two arcs, other than the one walked: name -> sides.

    A side is "left" or "right" of the direction of travel; a street that runs off on both sides is a cross
    street.
    """
    node = int(graph.arcs["target"][arriving])
    walked = {facts.where(graph, arriving), facts.where(graph, leaving)}
    skip = {int(graph.arcs["twin"][arriving]), leaving}
    heading = _heading_into(graph, arriving)
    found: dict[str, set[str]] = {}
    for arc in range(int(graph.indptr[node]), int(graph.indptr[node + 1])):
        if arc in skip or int(graph.arcs["kind"][arc]) not in STREET_KINDS:
            continue
        name = facts.where(graph, arc)  # an unnamed street by its kind: "the service road"
        if name in walked:
            continue
        side = "right" if heading_change(heading, _heading_out_of(graph, arc)) > 0 else "left"
        found.setdefault(name, set()).add(side)
    return found


def side_street_words(name: str, sides: set[str], walking_side: str | None, crossing: str | None) -> str | None:
    """A side street met going straight on: crossed for sure when it runs off on the pavement's side."""
    where = _(" at {crossing}").format(crossing=crossing) if crossing else ""
    if len(sides) == 2 or (walking_side is not None and walking_side in sides):
        return _("Cross {street}{where}.").format(street=name, where=where)
    if walking_side is not None:
        return None  # it joins on the other side of the street: nothing to cross
    text = (
        _("{street} joins from your left{where}.") if "left" in sides else _("{street} joins from your right{where}.")
    )
    return text.format(street=name, where=where)


def walking_side(sides: tuple[Tri, Tri] | None) -> str | None:
    """The side a traveller on this street must be walking on, when the pavement is on one side only."""
    return _only(sides) if sides is not None else None
