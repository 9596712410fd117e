"""A rider's one-click smart call through the page, placed for real to SIPp on loopback: the card is spoken, the
customer's key comes back as text, the words were in the chat before the call, and a missing trunk or a busy line
tells the rider to use the chat."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from barrierfree.core.db import Database
from barrierfree.core.i18n import use_language
from barrierfree.core.settings import Settings
from barrierfree.relay import services, smart_calls
from barrierfree.relay.models import Message, Sender, SmartCall
from barrierfree.web import create_app
from tests import sipp
from tests.functional.helpers import Factory, login, post_form

WAIT_SECONDS = 60


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with use_language("en"):
        yield


@pytest.fixture
def order_id(factory: Factory) -> int:
    rider = factory.user("huang.yi", language="en")
    order = services.create_order(factory.session, rider, "ELM-2026-0421", "Noodle Bar", "Ms Zhang", "Wensan Rd")
    smart_calls.set_customer_phone(factory.session, order, "+86 138 1234 5678")
    factory.session.commit()
    return order.id


def rider_browser(app: FastAPI, stack: list[TestClient]) -> TestClient:
    client = TestClient(app, follow_redirects=False)
    stack.append(client.__enter__())
    client.cookies.set("bf_lang", "en")
    login(client, "huang.yi")
    return client


def wait_for_call(database: Database) -> SmartCall:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        with database.sessions() as fresh:
            call = fresh.scalars(select(SmartCall)).one()
            if call.outcome is not None:
                fresh.expunge(call)
                return call
        time.sleep(0.2)
    raise AssertionError("the call did not end")


def call(client: TestClient, order: int) -> None:
    sent = post_form(
        client, f"/relay/orders/{order}/calls", {"call_card": "downstairs", "call_language": "en"}, page="/relay/rider"
    )
    assert sent.status_code == 303, sent.text


@pytest.mark.skipif(sipp.SIPP is None, reason=sipp.SKIP_REASON)
def test_the_customer_s_key_comes_back_to_the_rider_as_text(
    settings: Settings, database: Database, order_id: int, tmp_path: Path
) -> None:
    clients: list[TestClient] = []
    with sipp.RtpRecorder() as media, sipp.callee(sipp.answering(media.port, "2", key_after_ms=800), tmp_path) as phone:
        app = create_app(
            settings.model_copy(update={"relay_sip_host": "127.0.0.1", "relay_sip_port": phone.port}), database
        )
        rider = rider_browser(app, clients)
        call(rider, order_id)
        ended = wait_for_call(database)
        assert phone.finish() == 0, phone.errors()
    assert ended.outcome == "answered" and ended.reply == "2"
    assert len(media.packets) > 10, "the card's audio reached the customer's phone"
    page = rider.get(f"/relay/orders/{order_id}")
    assert "The customer pressed 2: leave the order at the door." in page.text
    with database.sessions() as fresh:
        messages = [(m.sender, m.text) for m in fresh.scalars(select(Message).order_by(Message.id))]
    assert messages[0][0] is Sender.RIDER and "I am downstairs" in messages[0][1]
    assert messages[-1] == (Sender.SYSTEM, "The customer pressed 2: leave the order at the door.")
    for client in clients:
        client.__exit__(None, None, None)


def test_without_a_trunk_the_rider_is_told_to_use_the_chat(
    browser: Callable[[], TestClient], database: Database, order_id: int
) -> None:
    rider = browser()
    rider.cookies.set("bf_lang", "en")
    login(rider, "huang.yi")
    call(rider, order_id)
    ended = wait_for_call(database)
    assert ended.outcome == "trunk-down"
    assert (
        "Calls cannot be placed right now. Send the customer a text message instead."
        in rider.get(f"/relay/orders/{order_id}").text
    )


def test_an_order_without_a_customer_number_is_refused_and_nothing_is_queued(
    browser: Callable[[], TestClient], database: Database, factory: Factory, order_id: int
) -> None:
    rider = browser()
    rider.cookies.set("bf_lang", "en")
    login(rider, "huang.yi")
    other = services.create_order(
        factory.session, services.user_named(factory.session, "huang.yi"), "ELM-2", "Bar", "Mr Li", "Road"
    )
    factory.session.commit()
    refused = post_form(rider, f"/relay/orders/{other.id}/calls", {"call_card": "downstairs"}, page="/relay/rider")
    assert refused.status_code == 422 and "no phone number" in refused.text
    with database.sessions() as fresh:
        assert fresh.scalars(select(SmartCall)).all() == []
