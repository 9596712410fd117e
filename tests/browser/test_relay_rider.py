"""A rider's order by keyboard alone: move the order on, write in the chat over the live socket, and notice a
customer's new message without reloading (read out through the live log, a vibration, a visual signal); a new
order shows up on the rider's page the same way."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import select

from barrierfree.core.accounts.models import User
from barrierfree.relay import services
from barrierfree.relay.models import Sender
from tests.browser._pages import axe_violations, describe, log_in, set_display
from tests.browser.test_keyboard import _tab_to

WAIT_SECONDS = 20.0
RECORD_VIBRATIONS = (
    "window.vibrations = []; navigator.vibrate = function (p) { window.vibrations.push(p); return true; };"
)


def _wait_until(page: Any, condition: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not page.evaluate(condition):
        assert time.monotonic() < deadline, f"still false after {WAIT_SECONDS} s: {condition}"
        page.wait_for_timeout(100)


def test_a_rider_works_an_order_by_keyboard_and_sees_new_messages_live(context: Any, live_site: Any) -> None:
    base, order = live_site.base_url, live_site.relay_order
    rider = context.new_page()
    rider.add_init_script(RECORD_VIBRATIONS)
    set_display(rider, base, language="en", elder=False)
    log_in(rider, base, "huang.yi", live_site.password)
    rider.goto(f"{base}/relay/orders/{order.id}")

    if rider.locator("form[action$='/stage'] button").count():
        _tab_to(rider, "form[action$='/stage'] button")
        with rider.expect_navigation():
            rider.keyboard.press("Enter")
        assert rider.locator(".notice").count() == 1
    _tab_to(rider, "#text")
    rider.keyboard.type("I am at the gate")
    _tab_to(rider, "section[data-chat-socket] button[type=submit]")
    rider.keyboard.press("Enter")  # sent over the socket: no reload
    _wait_until(rider, "() => document.querySelector('.chat-log').textContent.includes('I am at the gate')")
    assert rider.input_value("#text") == ""

    customer = context.browser.new_context().new_page()
    customer.goto(f"{base}/preferences/language?lang=en&next=/")
    customer.goto(f"{base}/relay/track/{order.customer_key}")
    assert "I am at the gate" in customer.inner_text("[role=log]")
    customer.fill("#text", "Coming down now")
    customer.click("section[data-chat-socket] button[type=submit]")

    _wait_until(rider, "() => document.querySelector('[role=log]').textContent.includes('Coming down now')")
    assert rider.evaluate("window.vibrations.length") >= 1
    assert not (violations := axe_violations(rider)), describe(violations)
    customer.context.close()


def test_a_new_order_is_announced_on_the_rider_page_and_opened_by_keyboard(context: Any, live_site: Any) -> None:
    base = live_site.base_url
    rider = context.new_page()
    rider.add_init_script(RECORD_VIBRATIONS)
    set_display(rider, base, language="en", elder=False)
    log_in(rider, base, "huang.yi", live_site.password)
    rider.goto(f"{base}/relay/rider")
    with live_site.database.session() as session:  # the delivery platform assigns the rider an order
        user = session.scalar(select(User).where(User.username == "huang.yi"))
        order = services.create_order(session, user, "ELM2026112907777", "Bakery", "Mr Chen", "1 Lake Road")
        order_id = order.id

    _wait_until(rider, "() => document.querySelector('.orders-status').textContent.includes('7777')")
    assert rider.inner_text(".orders-status").startswith("New order:")
    assert rider.evaluate("window.vibrations.length") >= 1
    _tab_to(rider, f"li[data-id='{order_id}'] a")
    with rider.expect_navigation():
        rider.keyboard.press("Enter")
    assert rider.url.endswith(f"/relay/orders/{order_id}")
    assert not (violations := axe_violations(rider)), describe(violations)


def test_a_station_manager_decides_an_exemption_by_keyboard_and_an_empty_reason_is_explained(
    context: Any, live_site: Any
) -> None:
    base = live_site.base_url
    manager = context.new_page()
    set_display(manager, base, language="en", elder=False)
    log_in(manager, base, "ma.tao", live_site.password)
    manager.goto(f"{base}/relay/stations/{live_site.station_id}/assessment")
    _tab_to(manager, "main details summary")
    manager.keyboard.press("Enter")  # opens the decision form
    _tab_to(manager, "main details textarea")
    manager.keyboard.type("no")
    _tab_to(manager, "main details button[type=submit]")
    with manager.expect_navigation():
        manager.keyboard.press("Enter")
    assert manager.locator(".error-summary").is_visible() and manager.locator("details[open] .field-error").count() == 1
    assert not (violations := axe_violations(manager)), describe(violations)
    manager.fill("main details[open] textarea", "Checked the chat log: the customer never wrote")
    with manager.expect_navigation():
        manager.click("main details[open] button[type=submit]")
    assert "Checked the chat log" in manager.inner_text("main")
    assert not (violations := axe_violations(manager)), describe(violations)


def test_a_rider_message_arriving_live_can_be_listened_to_by_the_customer(context: Any, live_site: Any) -> None:
    base, key = live_site.base_url, live_site.relay_order.customer_key
    customer = context.browser.new_context().new_page()
    customer.goto(f"{base}/preferences/language?lang=en&next=/")
    customer.goto(f"{base}/relay/track/{key}")
    _wait_until(customer, "() => document.querySelector('.chat-status') !== null")
    with live_site.database.session() as session:
        order = services.order_by_key(session, key, Sender.CUSTOMER)
        services.post_message(session, order, Sender.RIDER, "Your order is at the red gate")
    _wait_until(customer, "() => document.querySelector('.chat-log').textContent.includes('red gate')")
    listen = customer.locator(".chat-log li", has_text="red gate").last.locator("a")
    assert listen.inner_text() == "Listen" and "red+gate" in (listen.get_attribute("href") or "")
    assert "red gate" in (listen.get_attribute("aria-label") or "")
    audio = customer.request.get(base + (listen.get_attribute("href") or ""))
    assert audio.ok and audio.headers["content-type"] == "audio/wav"
    customer.context.close()
