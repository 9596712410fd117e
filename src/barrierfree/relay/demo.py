"""Demo data of rider communication: a rider who communicates by text, his station, an order with a chat, a
complaint to exempt and the incident he logged (idempotent)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from barrierfree.core.accounts.models import User
from barrierfree.core.accounts.services import sign_up
from barrierfree.core.demo import DEMO_PASSWORD
from barrierfree.core.orgs.models import Membership, Organisation, OrgKind, OrgRole
from barrierfree.relay import services
from barrierfree.relay.models import ComplaintKind, Order, OrderStage, Sender

DEMO_STATION = "西湖区配送站"
DEMO_ORDER = "ELM2026112900421"
DEMO_RIDER = ("huang.yi", "黄毅（骑手）")
DEMO_STATION_MANAGER = ("ma.tao", "马涛（站长）")


def _person(session: Session, username: str, display_name: str) -> User:
    found = session.scalar(select(User).where(User.username == username))
    if found is not None:
        return found
    return sign_up(session, username=username, password=DEMO_PASSWORD, display_name=display_name, language="zh-CN")


def load_relay_demo(session: Session) -> int:
    """Creates what is missing; returns the number of demo orders."""
    if session.scalar(select(Order.id).where(Order.reference == DEMO_ORDER)) is not None:
        return 1
    rider = _person(session, *DEMO_RIDER)
    manager = _person(session, *DEMO_STATION_MANAGER)
    station = session.scalar(select(Organisation).where(Organisation.name == DEMO_STATION))
    if station is None:
        station = Organisation(name=DEMO_STATION, kind=OrgKind.EMPLOYER)
        session.add(station)
        session.flush()
        session.add_all(
            [
                Membership(organisation_id=station.id, user_id=manager.id, role=OrgRole.OWNER),
                Membership(organisation_id=station.id, user_id=rider.id, role=OrgRole.MEMBER),
            ]
        )
    settings = services.RiderSettings(
        text_only=True, consent=True, chat_only_orders=False, station_phone="0571-88886666"
    )
    services.save_settings(session, rider, settings)
    order = services.create_order(
        session, rider, DEMO_ORDER, "阳光手作小店", "张女士", "杭州市西湖区文三路 90 号 3 单元"
    )
    order.customer_phone = "+8613800000000"
    for stage in (OrderStage.ACCEPTED, OrderStage.AT_MERCHANT, OrderStage.PICKED_UP, OrderStage.ON_THE_WAY):
        services.advance(session, rider, order.id, stage)
    services.post_message(
        session,
        order,
        Sender.RIDER,
        "您好，我是听障骑手，听不到电话。请用文字和我沟通，谢谢！",
        card_id="hearing-impaired",
    )
    services.post_message(session, order, Sender.CUSTOMER, "好的，放门口就行。", from_voice=True)
    services.file_complaint(session, order, ComplaintKind.DID_NOT_ANSWER, "打了两次电话都没人接。")
    services.log_incident(session, rider, "顾客连续来电，我已在聊天里说明并发了卡片。", order.id)
    return 1
