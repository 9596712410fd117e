"""Workforce data the tests write themselves: a contacts CSV of a senior-grade agent, a small bidding round, a toy
rostering instance."""

from __future__ import annotations

SENIOR_CONTACTS = 2_100


def senior_contacts_csv(agent_id: str = "a1", count: int = SENIOR_CONTACTS) -> str:
    """``count`` resolved, well-rated contacts of one agent in 2026 (enough for every senior criterion but the exam)."""
    rows = ["agent_id,contact_id,finished_at,task_type,difficulty,handle_seconds,quality,rating,status"]
    for number in range(count):
        day = 1 + number % 28
        rows.append(f"{agent_id},c{number},2026-10-{day:02d}T10:00:00+08:00,after-sale,1,120,95,5,resolved")
    return "\n".join(rows) + "\n"


TOY_INSTANCE = """\
SECTION_HORIZON
14
SECTION_SHIFTS
E,480,
L,600,E
SECTION_STAFF
A,E=14|L=3,6000,960,5,2,2,1
B,E=14|L=0,4800,0,4,1,1,2
SECTION_DAYS_OFF
A,3,4
B,0
SECTION_SHIFT_ON_REQUESTS
A,0,E,2
SECTION_SHIFT_OFF_REQUESTS
B,1,E,3
SECTION_COVER
0,E,1,100,1
0,L,1,100,1
1,E,1,100,1
"""
"""A two-employee, 14-day rostering instance in the Curtois-Qu format with every kind of rule."""

BIDDING_AGENTS = """agent,protected,base,tier,max_day,max_week,availability
li.ming,yes,2,1,1,5,
emma,no,0,3,1,5,mon-fri 08:00-20:00
"""
BIDDING_SHIFTS = """shift,start,end,seats
mon-day,2026-12-07T09:00+08:00,2026-12-07T17:00+08:00,1
tue-day,2026-12-08T09:00+08:00,2026-12-08T17:00+08:00,1
wed-day,2026-12-09T09:00+08:00,2026-12-09T17:00+08:00,2
"""
BIDDING_BIDS = """agent,shift
li.ming,mon-day
li.ming,tue-day
emma,mon-day
emma,wed-day
"""
BIDDING_REQUIREMENT = """start,agents
2026-12-07T09:00+08:00,1
2026-12-09T09:00+08:00,2
"""


def bidding_files() -> dict[str, str]:
    """A one-week round: li.ming is protected (base 2) and contests mon-day with emma, who is of a higher tier."""
    return {
        "agents": BIDDING_AGENTS,
        "shifts": BIDDING_SHIFTS,
        "bids": BIDDING_BIDS,
        "requirement": BIDDING_REQUIREMENT,
    }
