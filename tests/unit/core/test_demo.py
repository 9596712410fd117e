"""Tests of barrierfree.core.demo: the demo data loads, works, and loading it again changes nothing."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from barrierfree.core.accounts import LoginLimits, authenticate, get_user
from barrierfree.core.db import Database
from barrierfree.core.demo import DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS, load_demo
from barrierfree.core.orgs import Organisation, OrgKind, OrgRole, role_in
from barrierfree.core.privacy import DisabilityCategory, read_client_profile
from barrierfree.demo import load_all
from barrierfree.models import Base
from barrierfree.relay.demo import DEMO_STATION
from barrierfree.workforce import recruitment
from barrierfree.workforce.demo import DEMO_EMPLOYER


def row_counts(session: Session) -> dict[str, int]:
    """How many rows every table of the platform holds."""
    return {
        table.name: session.scalar(select(func.count()).select_from(table)) or 0
        for table in Base.metadata.sorted_tables
    }


def test_load_demo_is_idempotent(session: Session, database: Database) -> None:
    first = load_demo(session)
    session.commit()
    after_first = row_counts(session)
    with database.sessions() as again:
        assert load_demo(again) == first
        again.commit()
    with database.sessions() as again:
        assert load_demo(again) == first
        again.commit()
    session.expire_all()
    assert row_counts(session) == after_first
    assert first == {"users": len(DEMO_USERS), "organisations": len(DEMO_ORGANISATIONS)}
    assert after_first["users"] == len(DEMO_USERS)
    assert after_first["organisations"] == len(DEMO_ORGANISATIONS)
    assert after_first["memberships"] == sum(len(roster) for _name, _kind, roster in DEMO_ORGANISATIONS)
    assert after_first["sensitive_profiles"] == 1


def test_demo_accounts_work_and_the_federation_caseworker_sees_the_shared_profile(session: Session) -> None:
    load_demo(session)
    admin = authenticate(session, "admin", DEMO_PASSWORD, ip="127.0.0.1", limits=LoginLimits())
    assert admin.is_admin
    federation = session.scalars(select(Organisation).where(Organisation.kind == OrgKind.FEDERATION)).one()
    caseworker = get_user(session, "wang.fang")
    assert role_in(session, caseworker, federation.id) is OrgRole.CASEWORKER
    profile = read_client_profile(session, caseworker, federation.id, get_user(session, "li.ming").id)
    assert profile.disability_category is DisabilityCategory.VISUAL
    assert profile.disability_level == 1


def test_the_demo_offers_applicants_its_customer_service_employer_and_not_the_delivery_station(
    session: Session,
) -> None:
    load_all(session)

    names = [organisation.name for organisation in recruitment.employers(session)]
    assert names == [DEMO_EMPLOYER]
    assert session.scalar(select(Organisation.kind).where(Organisation.name == DEMO_STATION)) is OrgKind.EMPLOYER
