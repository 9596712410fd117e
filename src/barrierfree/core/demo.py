"""Idempotent demo data: one user of each role and one organisation of each kind.

Running it twice changes nothing. The demo password is public (README), so demo data is for trying the
platform out, never for a deployment that holds real people's data.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from barrierfree.core.accounts.models import User
from barrierfree.core.accounts.services import sign_up
from barrierfree.core.orgs.models import Membership, Organisation, OrgKind, OrgRole
from barrierfree.core.privacy.models import ConsentPurpose
from barrierfree.core.privacy.services import ProfileInput, give_consent, has_consent, save_profile

DEMO_PASSWORD = "barrierfree-demo"  # noqa: S105 - documented public demo password


@dataclass(frozen=True)
class DemoUser:
    """A demo account and what it is for."""

    username: str
    display_name: str
    language: str
    is_admin: bool = False


DEMO_USERS = (
    DemoUser("admin", "平台管理员 Platform admin", "zh-CN", is_admin=True),
    DemoUser("li.ming", "李明", "zh-CN"),
    DemoUser("wang.fang", "王芳（个案工作者）", "zh-CN"),
    DemoUser("zhao.lei", "赵磊（联合会负责人）", "zh-CN"),
    DemoUser("chen.jing", "陈静（雇主经理）", "zh-CN"),
    DemoUser("sun.li", "孙丽（志愿者组织）", "zh-CN"),
    DemoUser("zhou.qiang", "周强（慈善机构）", "zh-CN"),
    DemoUser("liu.yang", "刘洋（商户）", "zh-CN"),
    DemoUser("emma", "Emma Clarke", "en"),
)

DEMO_ORGANISATIONS = (
    ("杭州市残疾人联合会", OrgKind.FEDERATION, (("zhao.lei", OrgRole.OWNER), ("wang.fang", OrgRole.CASEWORKER))),
    ("晨光助残志愿者协会", OrgKind.NGO, (("sun.li", OrgRole.OWNER), ("li.ming", OrgRole.MEMBER))),
    ("云端客服科技有限公司", OrgKind.EMPLOYER, (("chen.jing", OrgRole.MANAGER), ("zhao.lei", OrgRole.OWNER))),
    ("善行公益基金会", OrgKind.CHARITY, (("zhou.qiang", OrgRole.OWNER), ("emma", OrgRole.MEMBER))),
    ("阳光手作小店", OrgKind.MERCHANT, (("liu.yang", OrgRole.OWNER),)),
)


def _ensure_user(session: Session, demo: DemoUser) -> User:
    existing = session.scalar(select(User).where(User.username == demo.username))
    if existing is not None:
        return existing
    return sign_up(
        session,
        username=demo.username,
        password=DEMO_PASSWORD,
        display_name=demo.display_name,
        language=demo.language,
        is_admin=demo.is_admin,
    )


def _ensure_organisation(session: Session, name: str, kind: OrgKind) -> Organisation:
    org = session.scalar(select(Organisation).where(Organisation.name == name))
    if org is None:
        org = Organisation(name=name, kind=kind)
        session.add(org)
        session.flush()
    return org


def load_demo(session: Session) -> dict[str, int]:
    """Create whatever demo data is missing; returns how many users and organisations exist for it."""
    users = {demo.username: _ensure_user(session, demo) for demo in DEMO_USERS}
    for name, kind, roster in DEMO_ORGANISATIONS:
        org = _ensure_organisation(session, name, kind)
        for username, role in roster:
            user = users[username]
            found = session.scalar(
                select(Membership).where(Membership.organisation_id == org.id, Membership.user_id == user.id)
            )
            if found is None:
                session.add(Membership(organisation_id=org.id, user_id=user.id, role=role))
    session.flush()
    _share_demo_profile(session, users["li.ming"])
    return {"users": len(users), "organisations": len(DEMO_ORGANISATIONS)}


def _share_demo_profile(session: Session, person: User) -> None:
    """李明 consents to storing a (fictional) profile and shares it with the federation."""
    if has_consent(session, person.id, ConsentPurpose.SENSITIVE_PROFILE):
        return
    give_consent(session, person, ConsentPurpose.SENSITIVE_PROFILE)
    save_profile(session, person, ProfileInput("visual", 1, None, "全盲，使用读屏软件。"))
    federation = session.scalar(select(Organisation).where(Organisation.kind == OrgKind.FEDERATION))
    if federation is not None:
        give_consent(session, person, ConsentPurpose.SHARE_WITH_ORGANISATION, organisation_id=federation.id)
