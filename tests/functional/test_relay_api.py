"""The relay API: cards for any app, orders from the delivery platform, the rider's stage and chat, notices with
their SMS text, the simulation; clear problems for bad input."""

from __future__ import annotations

from fastapi.testclient import TestClient

from barrierfree.relay import services
from tests.functional.helpers import Factory, assert_problem, bearer

EN = {"Accept-Language": "en"}


def test_cards_are_listed_and_filled_in(api: TestClient) -> None:
    listed = api.get("/api/v1/relay/cards").json()
    assert {card["id"] for card in listed["cards"]} >= {"at-door", "running-late"}
    shown = api.get("/api/v1/relay/cards/running-late", params={"lang": "en", "minutes": 7}).json()
    assert "about 7 minutes late" in shown["text"]
    assert "minutes late" in assert_problem(api.get("/api/v1/relay/cards/running-late", headers=EN), 422)["detail"]
    assert_problem(api.get("/api/v1/relay/cards/nope", headers=EN), 404)


def test_the_platform_creates_an_order_and_the_rider_moves_it_and_chats(api: TestClient, factory: Factory) -> None:
    admin, rider, outsider = factory.admin(), factory.user("huang.yi"), factory.user("outsider")
    services.save_settings(factory.session, rider, services.RiderSettings(True, True, False, "0571-88886666"))
    factory.session.commit()
    platform, mine, theirs = bearer(factory.token(admin)), bearer(factory.token(rider)), bearer(factory.token(outsider))
    body = {
        "reference": "ELM-0001-0421",
        "rider": "huang.yi",
        "merchant": "Noodle Bar",
        "customer": "Ms Zhang",
        "address": "Wensan Rd",
    }

    created = api.post("/api/v1/relay/orders", json=body, headers=platform | EN)

    assert created.status_code == 201, created.text
    order = created.json()
    assert order["customer_link"].startswith("/relay/track/") and order["notices"]["merchant"]["sms"]
    assert_problem(api.post("/api/v1/relay/orders", json=body | {"reference": "X-1"}, headers=mine | EN), 403)
    assert (
        "already an order"
        in assert_problem(api.post("/api/v1/relay/orders", json=body, headers=platform | EN), 422)["detail"]
    )
    unknown = api.post(
        "/api/v1/relay/orders", json=body | {"reference": "X-2", "rider": "ghost"}, headers=platform | EN
    )
    assert "ghost" in assert_problem(unknown, 422)["detail"]

    moved = api.post(f"/api/v1/relay/orders/{order['id']}/stage", json={"stage": "on_the_way"}, headers=mine | EN)
    assert moved.json()["stage"] == "on_the_way" and "on the way" in moved.json()["notices"]["customer"]["text"]
    back = api.post(f"/api/v1/relay/orders/{order['id']}/stage", json={"stage": "accepted"}, headers=mine | EN)
    assert "forward" in assert_problem(back, 422)["detail"]
    sent = api.post(f"/api/v1/relay/orders/{order['id']}/messages", json={"text": "At the gate"}, headers=mine)
    assert sent.status_code == 201 and sent.json()["messages"][-1]["text"] == "At the gate"
    assert_problem(api.get(f"/api/v1/relay/orders/{order['id']}", headers=theirs), 404)


def test_the_simulation_api_returns_the_gain_with_its_interval(api: TestClient) -> None:
    document = api.post("/api/v1/relay/simulate", json={"weeks": 20}).json()
    gain = document["weekly_gain"]
    assert gain["low"] <= gain["mean"] <= gain["high"] and document["study"]["weekly_gain"] == 5.8
    assert_problem(api.post("/api/v1/relay/simulate", json={"weeks": 1}), 422)
