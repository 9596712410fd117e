"""Demo data of the whole platform: the core's people and organisations, then each domain's own (idempotent)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from barrierfree.core.demo import DEMO_PASSWORD, load_demo
from barrierfree.places.demo import load_places_demo
from barrierfree.relay.demo import load_relay_demo
from barrierfree.workforce.demo import load_shift_plan_demo, load_workforce_demo

__all__ = ["DEMO_PASSWORD", "load_all"]


def load_all(session: Session) -> dict[str, int]:
    """Create whatever demo data is missing and count it."""
    counts = load_demo(session)
    counts["applications"] = load_workforce_demo(session)
    counts["shift_plans"] = load_shift_plan_demo(session)
    counts["relay_orders"] = load_relay_demo(session)
    counts["places"] = load_places_demo(session)
    return counts
