"""The order chat over WebSocket and voice messages: a message sent on one page's socket is stored and reaches the
other pages' sockets; strangers cannot follow an order; a customer's voice message reaches the rider as text."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from starlette.websockets import WebSocketDisconnect

from barrierfree import speech
from barrierfree.core.db import Database
from barrierfree.core.i18n import use_language
from barrierfree.relay import services
from barrierfree.relay.models import Message, Sender
from tests.audio import SPOKEN_PHRASE, SPOKEN_RATE, heard_the_phrase, resampled
from tests.functional.helpers import Factory, csrf_token, field_error, login


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with use_language("en"):
        yield


@pytest.fixture
def order(factory: Factory) -> dict[str, object]:
    rider = factory.user("huang.yi", language="en")
    made = services.create_order(factory.session, rider, "ELM-2026-0421", "Noodle Bar", "Ms Zhang", "Wensan Rd")
    services.post_message(factory.session, made, Sender.RIDER, "I am on my way")
    factory.session.commit()
    return {"id": made.id, "customer": made.customer_key, "merchant": made.merchant_key}


def next_messages(socket: object) -> list[dict[str, object]]:
    while True:
        data = socket.receive_json()  # type: ignore[attr-defined]
        if "messages" in data:
            return list(data["messages"])


def test_a_message_sent_on_the_customer_s_socket_is_stored_and_reaches_the_rider(
    browser: Callable[[], TestClient], database: Database, order: dict[str, object]
) -> None:
    rider, customer = browser(), browser()
    login(rider, "huang.yi")
    with (
        rider.websocket_connect(f"/relay/chat/rider/{order['id']}") as rider_socket,
        customer.websocket_connect(f"/relay/chat/customer/{order['customer']}") as customer_socket,
    ):
        assert [m["text"] for m in next_messages(rider_socket)] == ["I am on my way"]
        assert [m["text"] for m in next_messages(customer_socket)] == ["I am on my way"]
        customer_socket.send_text(json.dumps({"text": "Please leave it at the door"}))
        reply = customer_socket.receive_json()
        while "stored" not in reply and "error" not in reply:
            reply = customer_socket.receive_json()
        assert "stored" in reply
        arrived = next_messages(rider_socket)
        assert arrived[-1]["text"] == "Please leave it at the door" and arrived[-1]["sender"] == "customer"
        customer_socket.send_text(json.dumps({"text": ""}))
        refused = customer_socket.receive_json()
        while "error" not in refused:
            refused = customer_socket.receive_json()
        assert refused["error"] == "Fill in this field."
    with database.sessions() as fresh:
        assert [m.text for m in fresh.scalars(select(Message).order_by(Message.id))] == [
            "I am on my way",
            "Please leave it at the door",
        ]


def test_strangers_cannot_follow_an_order(
    browser: Callable[[], TestClient], factory: Factory, order: dict[str, object]
) -> None:
    stranger = browser()
    factory.user("stranger")
    factory.session.commit()
    login(stranger, "stranger")
    for path in (f"/relay/chat/rider/{order['id']}", "/relay/chat/customer/" + "x" * 32, "/relay/chat/system/1"):
        with pytest.raises(WebSocketDisconnect) as closed, stranger.websocket_connect(path) as socket:
            socket.receive_json()
        assert closed.value.code == 4404, path


def test_a_voice_message_reaches_the_rider_as_text(
    client: TestClient, database: Database, order: dict[str, object]
) -> None:
    client.cookies.set("bf_lang", "en")
    page = f"/relay/track/{order['customer']}"
    wav = resampled(speech.synthesize(SPOKEN_PHRASE, "en", SPOKEN_RATE), speech.RECOGNITION_RATE)

    sent = client.post(
        f"{page}/voice",
        data={"voice_language": "en", "csrf_token": csrf_token(client, page)},
        files={"voice": ("v.wav", wav, "audio/wav")},
    )

    assert sent.status_code == 303, sent.text
    with database.sessions() as fresh:
        stored = fresh.scalars(select(Message).where(Message.from_voice.is_(True))).one()
    assert stored.sender is Sender.CUSTOMER and heard_the_phrase(stored.text), stored.text
    chinese = client.post(
        f"{page}/voice",
        data={"voice_language": "zh-CN", "csrf_token": csrf_token(client, page)},
        files={"voice": ("v.wav", wav, "audio/wav")},
    )
    assert chinese.status_code == 422 and "Mandarin" in (field_error(chinese.text, "voice") or "")
    empty = client.post(f"{page}/voice", data={"csrf_token": csrf_token(client, page)})
    assert empty.status_code == 422 and field_error(empty.text, "voice")
