"""Demo data of the customer-service programme: two applications at different stages (idempotent)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from barrierfree.core.accounts.models import User
from barrierfree.core.orgs.models import Organisation, OrgKind
from barrierfree.workforce import recruitment
from barrierfree.workforce.models import Application, Stage

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
