"""Rider communication through the pages: a rider turns text-only on, the customer and merchant see the notice and
chat, a complaint about not answering is exempted in the station's report; cards show and speak."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from barrierfree.core.db import Database
from barrierfree.core.i18n import use_language
from barrierfree.relay import services
from barrierfree.relay.models import Complaint, Message
from tests.functional.helpers import Factory, audit_count, field_error, login, post_form


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with use_language("en"):
        yield


@pytest.fixture
def world(factory: Factory) -> dict[str, object]:
    rider = factory.user("huang.yi", language="en")
    boss = factory.user("ma.tao", language="en")
    station = factory.org("West Lake Station", owner=boss, kind="employer")
    factory.member(station, rider, "member")
    order = services.create_order(factory.session, rider, "ELM-2026-0421", "Noodle Bar", "Ms Zhang", "90 Wensan Road")
    factory.session.commit()
    return {"station": station.id, "order": order.id, "customer": order.customer_key, "merchant": order.merchant_key}


def english(client: TestClient) -> TestClient:
    client.cookies.set("bf_lang", "en")
    return client


def test_a_text_only_rider_s_customer_and_merchant_are_told_to_chat(
    browser: Callable[[], TestClient], database: Database, world: dict[str, object]
) -> None:
    rider, customer, merchant = english(browser()), english(browser()), english(browser())
    login(rider, "huang.yi")
    refused = post_form(rider, "/relay/rider/settings", {"text_only": "yes"}, page="/relay/rider")
    assert refused.status_code == 422 and "tick the consent box" in (field_error(refused.text, "consent") or "")
    saved = post_form(
        rider,
        "/relay/rider/settings",
        {"text_only": "yes", "consent": "yes", "station_phone": "0571-88886666"},
        page="/relay/rider",
    )
    assert saved.status_code == 303
    moved = post_form(rider, f"/relay/orders/{world['order']}/stage", {"stage": "accepted"}, page="/relay/rider")
    assert moved.status_code == 303

    post_form(rider, f"/relay/orders/{world['order']}/messages", {"text": "At the gate"}, page="/relay/rider")
    seen = customer.get(f"/relay/track/{world['customer']}")
    assert "/speech/audio.wav?text=At+the+gate" in seen.text  # the rider's words can be heard
    assert 'role="alert"' in seen.text and "Your rider communicates by text" in seen.text
    assert "hearing" not in re.sub(r"<[^>]+>", " ", seen.text).lower()
    shop = merchant.get(f"/relay/merchant/{world['merchant']}")
    assert "0571-88886666" in shop.text and "0421" in shop.text

    sent = post_form(
        customer, f"/relay/track/{world['customer']}/messages", {"text": "Leave it at the door"}, page="/relay"
    )
    assert sent.status_code == 303
    card = post_form(rider, f"/relay/orders/{world['order']}/messages", {"card": "at-door"}, page="/relay/rider")
    assert card.status_code == 303
    with database.sessions() as fresh:
        texts = [m.text for m in fresh.scalars(select(Message).order_by(Message.id))]
    assert texts[0] == "At the gate" and texts[1] == "Leave it at the door" and "I am at your door" in texts[2]
    assert "Leave it at the door" in rider.get(f"/relay/orders/{world['order']}").text


def test_a_complaint_about_not_answering_is_exempted_in_the_station_report(
    browser: Callable[[], TestClient], database: Database, factory: Factory, world: dict[str, object]
) -> None:
    rider, customer, boss = english(browser()), english(browser()), english(browser())
    login(rider, "huang.yi")
    post_form(rider, "/relay/rider/settings", {"text_only": "yes", "consent": "yes"}, page="/relay/rider")
    post_form(
        rider,
        "/relay/rider/incidents",
        {"description": "Customer kept calling", "order_id": str(world["order"])},
        page="/relay/rider",
    )
    complaint = post_form(
        customer,
        f"/relay/track/{world['customer']}/complaints",
        {"kind": "did_not_answer", "complaint_text": "No answer twice"},
        page="/relay",
    )
    assert complaint.status_code == 303
    with database.sessions() as fresh:
        assert fresh.scalars(select(Complaint.exempt)).one() is True

    login(boss, "ma.tao")
    report = boss.get(f"/relay/stations/{world['station']}/assessment")
    assert report.status_code == 200
    assert "To exempt: 1. Counted: 0. Incidents logged: 1." in report.text and "Customer kept calling" in report.text
    assert audit_count(database, "relay.assessment.read") == 1
    assert rider.get(f"/relay/stations/{world['station']}/assessment").status_code == 403


def test_a_manager_decides_an_exemption_by_hand_with_a_reason_and_it_is_audited(
    browser: Callable[[], TestClient], database: Database, factory: Factory, world: dict[str, object]
) -> None:
    customer, boss, rider = english(browser()), english(browser()), english(browser())
    post_form(
        customer,
        f"/relay/track/{world['customer']}/complaints",
        {"kind": "did_not_answer", "complaint_text": "No answer"},
        page="/relay",
    )
    with database.sessions() as fresh:
        complaint_id = fresh.scalars(select(Complaint.id)).one()
        assert fresh.scalars(select(Complaint.exempt)).one() is False  # the rider has not turned text-only on
    action = f"/relay/stations/{world['station']}/complaints/{complaint_id}/exemption"
    page = f"/relay/stations/{world['station']}/assessment"
    login(boss, "ma.tao")
    refused = post_form(boss, action, {"exempt": "yes", "note": "ok"}, page=page)
    assert refused.status_code == 422 and "Say why" in (field_error(refused.text, f"note-{complaint_id}") or "")
    assert f'href="#note-{complaint_id}"' in refused.text  # the error summary leads to the field
    saved = post_form(
        boss, action, {"exempt": "yes", "note": "Rider is hard of hearing; setting not on yet"}, page=page
    )
    assert saved.status_code == 303
    report = boss.get(page).text
    assert "To exempt: 1. Counted: 0." in report and "Rider is hard of hearing; setting not on yet" in report
    assert audit_count(database, "relay.complaint.exemption") == 1
    with database.sessions() as fresh:
        assert fresh.scalars(select(Complaint.exempt)).one() is True

    login(rider, "huang.yi")
    assert (
        post_form(rider, action, {"exempt": "no", "note": "I want it counted"}, page="/relay/rider").status_code == 403
    )
    other_station = factory.org("Other Station", owner=factory.user("other.boss"), kind="employer")
    factory.session.commit()
    elsewhere = english(browser())
    login(elsewhere, "other.boss")
    foreign = post_form(
        elsewhere,
        f"/relay/stations/{other_station.id}/complaints/{complaint_id}/exemption",
        {"exempt": "no", "note": "Not my rider at all"},
        page="/relay",
    )
    assert foreign.status_code == 404
    with database.sessions() as fresh:
        assert fresh.scalars(select(Complaint.exempt)).one() is True


def test_cards_show_in_large_type_ask_for_their_values_and_speak(client: TestClient) -> None:
    english(client)
    listing = client.get("/relay/cards")
    assert "/relay/cards/at-door" in listing.text
    asks = client.get("/relay/cards/running-late")
    assert 'id="minutes"' in asks.text and 'class="card-full"' not in asks.text
    shown = client.get("/relay/cards/running-late", params={"minutes": "10", "lang": "en"})
    assert 'class="card-full"' in shown.text and "about 10 minutes late" in shown.text
    bad = client.get("/relay/cards/running-late", params={"minutes": "999"})
    assert bad.status_code == 422 and "from 1 to 120" in (field_error(bad.text, "minutes") or "")
    audio = client.get("/relay/cards/at-door/speech.wav", params={"lang": "en"})
    assert audio.status_code == 200 and audio.headers["content-type"] == "audio/wav" and audio.content[:4] == b"RIFF"
    assert client.get("/relay/cards/no-such-card").status_code == 404


def test_a_rider_s_own_cards_are_private(
    browser: Callable[[], TestClient], factory: Factory, database: Database, world: dict[str, object]
) -> None:
    rider, other = english(browser()), english(browser())
    factory.user("someone")
    factory.session.commit()
    login(rider, "huang.yi")
    login(other, "someone")
    post_form(rider, "/relay/rider/cards", {"text_zh": "请把餐放在门卫处", "text_en": ""}, page="/relay/rider")
    page = rider.get("/relay/cards")
    found = re.search(r'href="/relay/cards/(custom-\d+)"', page.text)
    assert found is not None
    assert rider.get(f"/relay/cards/{found.group(1)}").status_code == 200
    assert other.get(f"/relay/cards/{found.group(1)}").status_code == 404
    too_long = post_form(rider, "/relay/rider/cards", {"text_zh": "长" * 201}, page="/relay/rider")
    assert too_long.status_code == 422


def test_links_and_orders_belong_to_their_people(
    browser: Callable[[], TestClient], factory: Factory, world: dict[str, object]
) -> None:
    stranger = english(browser())
    factory.user("stranger")
    factory.session.commit()
    login(stranger, "stranger")
    assert stranger.get(f"/relay/orders/{world['order']}").status_code == 404
    assert stranger.get("/relay/track/" + "x" * 32).status_code == 404
    assert stranger.get("/relay/track/short").status_code == 422


def test_the_rider_s_order_feed_lists_only_their_own_orders_and_needs_a_login(
    browser: Callable[[], TestClient], factory: Factory, world: dict[str, object]
) -> None:
    rider, stranger, anonymous = english(browser()), english(browser()), english(browser())
    factory.user("stranger")
    factory.session.commit()
    login(rider, "huang.yi")
    login(stranger, "stranger")
    page = rider.get("/relay/rider")
    assert 'data-orders-feed="/relay/rider/orders.json"' in page.text and 'role="status"' in page.text
    feed = rider.get("/relay/rider/orders.json").json()["orders"]
    assert [(order["id"], order["url"]) for order in feed] == [(world["order"], f"/relay/orders/{world['order']}")]
    assert feed[0]["label"].startswith("Order 0421: Noodle Bar to Ms Zhang")
    assert stranger.get("/relay/rider/orders.json").json() == {"orders": []}
    assert anonymous.get("/relay/rider/orders.json", follow_redirects=False).status_code in (303, 401)


def test_the_simulation_page_reports_the_gain_and_refuses_bad_numbers(client: TestClient) -> None:
    english(client)
    data = {"hours_per_week": "60", "pickup_seconds": "250", "delivery_seconds": "360", "weeks": "40"}
    shown = post_form(client, "/relay/simulation", data, page="/relay/simulation")
    assert shown.status_code == 200 and "Predicted extra orders a week" in shown.text
    for field, value in (("weeks", "501"), ("hours_per_week", "abc"), ("pickup_seconds", "-5")):
        refused = post_form(client, "/relay/simulation", data | {field: value}, page="/relay/simulation")
        assert refused.status_code == 422 and field_error(refused.text, field), (field, value)
