"""Riders, orders, notices, messages, incidents and complaints as stored, with the privacy rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from barrierfree.core.accounts import User
from barrierfree.core.audit import AuditEntry
from barrierfree.core.errors import NotFound, PermissionDenied
from barrierfree.core.i18n import use_language
from barrierfree.core.orgs.models import Membership, Organisation, OrgKind, OrgRole
from barrierfree.core.privacy import ConsentPurpose, has_consent, withdraw_consent
from barrierfree.relay import services
from barrierfree.relay.errors import InvalidRelayInput
from barrierfree.relay.models import ComplaintKind, Order, OrderStage, Sender
from barrierfree.relay.notices import notice_for

TEXT_ONLY = services.RiderSettings(text_only=True, consent=True, chat_only_orders=False, station_phone="0571-88886666")


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with use_language("en"):
        yield


@pytest.fixture
def people(session: Session) -> dict[str, User]:
    users = {
        name: User(username=name, display_name=name.title(), password_hash="x") for name in ("rider", "boss", "other")
    }
    session.add_all(users.values())
    station = Organisation(name="Station", kind=OrgKind.EMPLOYER)
    session.add(station)
    session.flush()
    session.add_all(
        [
            Membership(organisation_id=station.id, user_id=users["boss"].id, role=OrgRole.MANAGER),
            Membership(organisation_id=station.id, user_id=users["rider"].id, role=OrgRole.MEMBER),
        ]
    )
    session.flush()
    users["station"] = station  # type: ignore[assignment]
    return users


def _order(session: Session, rider: User, reference: str = "ORD-0001-4242") -> Order:
    return services.create_order(session, rider, reference, "Noodle Bar", "Ms Zhang", "90 Wensan Road")


def test_text_only_needs_its_consent_and_withdrawing_turns_it_off(session: Session, people: dict[str, User]) -> None:
    rider = people["rider"]
    with pytest.raises(InvalidRelayInput, match="consent"):
        services.save_settings(session, rider, services.RiderSettings(True, False, False, ""))
    services.save_settings(session, rider, TEXT_ONLY)
    order = _order(session, rider)
    assert services.rider_communicates_by_text(session, order)

    withdraw_consent(session, rider, ConsentPurpose.RELAY_TEXT_RIDER)

    assert services.profile_of(session, rider).text_only is False  # type: ignore[union-attr]
    assert not services.rider_communicates_by_text(session, order)


def test_turning_text_only_off_withdraws_the_consent(session: Session, people: dict[str, User]) -> None:
    rider = people["rider"]
    services.save_settings(session, rider, TEXT_ONLY)
    services.save_settings(session, rider, services.RiderSettings(False, False, False, ""))
    assert not has_consent(session, rider.id, ConsentPurpose.RELAY_TEXT_RIDER)


def test_notices_say_text_only_never_why_and_merchants_get_the_backup_number(
    session: Session, people: dict[str, User]
) -> None:
    rider = people["rider"]
    services.save_settings(session, rider, TEXT_ONLY)
    order = _order(session, rider)
    services.advance(session, rider, order.id, OrderStage.ACCEPTED)
    customer = notice_for(order, Sender.CUSTOMER, text_only=True, station_phone=None)
    merchant = notice_for(order, Sender.MERCHANT, text_only=True, station_phone="0571-88886666")
    assert customer is not None and merchant is not None
    assert "communicates by text" in customer.text and "chat" in customer.text
    assert "0571-88886666" in merchant.text and "4242" in merchant.text
    for text in (customer.text, merchant.text, customer.sms):
        assert "hearing" not in text.lower() and "deaf" not in text.lower()
    assert len(customer.sms) <= 140
    assert notice_for(order, Sender.CUSTOMER, text_only=False, station_phone=None) is None


def test_orders_only_move_forward_and_only_for_their_rider(session: Session, people: dict[str, User]) -> None:
    order = _order(session, people["rider"])
    services.advance(session, people["rider"], order.id, OrderStage.PICKED_UP)
    with pytest.raises(InvalidRelayInput, match="forward"):
        services.advance(session, people["rider"], order.id, OrderStage.ACCEPTED)
    with pytest.raises(NotFound):
        services.advance(session, people["other"], order.id, OrderStage.DELIVERED)
    with pytest.raises(InvalidRelayInput, match="already an order"):
        _order(session, people["rider"])


def test_messages_are_stored_in_order_and_bounded(session: Session, people: dict[str, User]) -> None:
    order = _order(session, people["rider"])
    services.post_message(session, order, Sender.CUSTOMER, "Leave it at the door", from_voice=True)
    services.post_message(session, order, Sender.RIDER, "OK", card_id="at-door")
    assert [m.text for m in services.messages_of(session, order)] == ["Leave it at the door", "OK"]
    for text in ("", " ", "x" * 501):
        with pytest.raises(InvalidRelayInput):
            services.post_message(session, order, Sender.RIDER, text)


def test_a_smart_call_or_the_rider_s_choice_replaces_calls_by_chat(session: Session, people: dict[str, User]) -> None:
    rider = people["rider"]
    order = _order(session, rider)
    assert not services.calls_replaced_by_chat(session, order)
    services.start_smart_call(session, rider, order.id)
    assert services.calls_replaced_by_chat(session, order)
    order.smart_call_until = None
    services.save_settings(session, rider, services.RiderSettings(False, False, True, ""))
    assert services.calls_replaced_by_chat(session, order)


def test_own_cards_are_bounded_and_private(session: Session, people: dict[str, User]) -> None:
    rider = people["rider"]
    card = services.add_card(session, rider, "请放门口", "")
    with pytest.raises(InvalidRelayInput, match="Chinese, in English"):
        services.add_card(session, rider, " ", "")
    with pytest.raises(NotFound):
        services.delete_card(session, people["other"], card.id)
    for number in range(services.MAX_CUSTOM_CARDS - 1):
        services.add_card(session, rider, f"卡片 {number}", "")
    with pytest.raises(InvalidRelayInput, match="the most there can be"):
        services.add_card(session, rider, "one more", "")


def test_communication_complaints_against_a_text_only_rider_are_exempt_and_reported(
    session: Session, people: dict[str, User]
) -> None:
    rider, boss = people["rider"], people["boss"]
    services.save_settings(session, rider, TEXT_ONLY)
    order = _order(session, rider)
    services.file_complaint(session, order, ComplaintKind.DID_NOT_ANSWER, "no answer")
    services.file_complaint(session, order, ComplaintKind.LATE)
    services.log_incident(session, rider, "Customer kept calling", order.id)
    since = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)

    report = services.assessment_report(session, boss, people["station"].id, since)

    assert len(report) == 1
    entry = report[0]
    assert [c.kind for c in entry.exempt] == [ComplaintKind.DID_NOT_ANSWER]
    assert [c.kind for c in entry.counted] == [ComplaintKind.LATE]
    assert [i.description for i in entry.incidents] == ["Customer kept calling"]
    assert "relay.assessment.read" in session.scalars(select(AuditEntry.action)).all()
    with pytest.raises(PermissionDenied):
        services.assessment_report(session, rider, people["station"].id, since)


def test_a_complaint_against_a_rider_who_is_not_text_only_is_counted(session: Session, people: dict[str, User]) -> None:
    order = _order(session, people["rider"])
    complaint = services.file_complaint(session, order, ComplaintKind.DID_NOT_ANSWER)
    assert complaint.exempt is False


def test_links_lead_only_to_their_own_order(session: Session, people: dict[str, User]) -> None:
    order = _order(session, people["rider"])
    assert services.order_by_key(session, order.customer_key, Sender.CUSTOMER) is order
    with pytest.raises(NotFound, match="link"):
        services.order_by_key(session, order.customer_key, Sender.MERCHANT)
