"""Demo data of the customer-service programme: two applications at different stages and a published shift plan
(idempotent)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from barrierfree.core.accounts.models import User
from barrierfree.core.orgs.models import Organisation, OrgKind
from barrierfree.workforce import recruitment, shift_plans
from barrierfree.workforce.models import Application, Programme, ShiftPlan, Stage

DEMO_EMPLOYER = "云端客服科技有限公司"
DEMO_FEDERATION = "杭州市残疾人联合会"


def load_workforce_demo(session: Session) -> int:
    """李明 (blind, referred by the federation) is in training; Emma has just applied. Returns the applications."""
    employer = session.scalar(
        select(Organisation).where(Organisation.name == DEMO_EMPLOYER, Organisation.kind == OrgKind.EMPLOYER)
    )
    people = {
        user.username: user for user in session.scalars(select(User).where(User.username.in_(("li.ming", "emma"))))
    }
    if employer is None or len(people) < 2:
        return 0
    if session.get(Programme, employer.id) is None:
        session.add(Programme(organisation_id=employer.id, taking_applications=True))  # the demo's only programme
        session.flush()
    plans = (
        ("li.ming", DEMO_FEDERATION, ("screen_reader", "extra_time"), Stage.TRAINING),
        ("emma", "self", (), Stage.APPLIED),
    )
    for username, channel, needs, stage in plans:
        person = people[username]
        found = session.scalar(
            select(Application).where(Application.user_id == person.id, Application.organisation_id == employer.id)
        )
        if found is not None:
            continue
        data = recruitment.ApplicationInput(employer.id, channel, needs, bool(needs))
        application = recruitment.apply(session, person, data)
        if stage is not Stage.APPLIED:
            recruitment.move(session, application, stage)
    session.flush()
    return len(plans)


DEMO_PLAN_TITLE = "2026年12月第1周"
DEMO_PLAN_FILES = {
    "agents": (
        "agent,protected,base,tier,max_day,max_week,availability\n"
        "li.ming,yes,3,2,1,5,mon-fri 08:00-20:00\n"
        "emma,no,0,3,1,5,\n"
    ),
    "shifts": (
        "shift,start,end,seats\n"
        "周一早班,2026-12-07T08:00+08:00,2026-12-07T16:00+08:00,1\n"
        "周二早班,2026-12-08T08:00+08:00,2026-12-08T16:00+08:00,1\n"
        "周三早班,2026-12-09T08:00+08:00,2026-12-09T16:00+08:00,1\n"
        "周四早班,2026-12-10T08:00+08:00,2026-12-10T16:00+08:00,2\n"
        "周六早班,2026-12-12T08:00+08:00,2026-12-12T16:00+08:00,1\n"
    ),
    "bids": (
        "agent,shift\n"
        "li.ming,周一早班\nli.ming,周二早班\nli.ming,周三早班\nli.ming,周四早班\n"
        "emma,周一早班\nemma,周四早班\nemma,周六早班\n"
    ),
    "requirement": (
        "start,agents\n"
        "2026-12-07T08:00+08:00,1\n2026-12-10T08:00+08:00,2\n2026-12-10T08:30+08:00,2\n2026-12-12T08:00+08:00,1\n"
    ),
}
DEMO_PLAN_SECONDS = 10


def load_shift_plan_demo(session: Session) -> int:
    """A published one-week plan of the demo employer: 李明 is protected (base 3) and contests Monday with Emma."""
    employer = session.scalar(
        select(Organisation).where(Organisation.name == DEMO_EMPLOYER, Organisation.kind == OrgKind.EMPLOYER)
    )
    if employer is None or session.scalar(select(ShiftPlan.id).where(ShiftPlan.organisation_id == employer.id)):
        return 0
    plan = ShiftPlan(
        organisation_id=employer.id,
        title=DEMO_PLAN_TITLE,
        inputs=DEMO_PLAN_FILES,
        time_limit_seconds=DEMO_PLAN_SECONDS,
        language="zh-CN",
    )
    session.add(plan)
    session.flush()
    agents, summary = shift_plans.solve_plan(DEMO_PLAN_FILES, DEMO_PLAN_SECONDS, "zh-CN")
    shift_plans.publish(session, plan, agents, summary)
    return 1
