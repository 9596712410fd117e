"""Workforce data the tests write themselves: a contacts CSV of a senior-grade agent."""

from __future__ import annotations

SENIOR_CONTACTS = 2_100


def senior_contacts_csv(agent_id: str = "a1", count: int = SENIOR_CONTACTS) -> str:
    """``count`` resolved, well-rated contacts of one agent in 2026 (enough for every senior criterion but the exam)."""
    rows = ["agent_id,contact_id,finished_at,task_type,difficulty,handle_seconds,quality,rating,status"]
    for number in range(count):
        day = 1 + number % 28
        rows.append(f"{agent_id},c{number},2026-10-{day:02d}T10:00:00+08:00,after-sale,1,120,95,5,resolved")
    return "\n".join(rows) + "\n"
