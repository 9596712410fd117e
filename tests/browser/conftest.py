"""A live barrierfree server with demo data, and headless Debian Chromium driven by Playwright.

Skipped, with the reason, when Debian's chromium-headless-shell is missing (scripts/test.sh installs it, so CI has it).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
import uvicorn
from sqlalchemy import select

from barrierfree.audit._browser import CHROMIUM_ARGS as AUDIT_CHROMIUM_ARGS
from barrierfree.audit._browser import CHROMIUM_PATH
from barrierfree.core.accounts import User, request_password_reset
from barrierfree.core.db import Database
from barrierfree.core.migrate import upgrade
from barrierfree.core.orgs import Organisation, OrgKind
from barrierfree.core.settings import load_settings
from barrierfree.demo import DEMO_PASSWORD, load_all
from barrierfree.relay.demo import DEMO_ORDER, DEMO_STATION
from barrierfree.relay.models import Order
from barrierfree.web import create_app
from barrierfree.workforce.demo import DEMO_EMPLOYER
from barrierfree.workforce.models import Application, ShiftPlan
from tests.postgres import fresh_postgres_database

CHROMIUM = CHROMIUM_PATH  # the audit's browser: Debian's chromium-headless-shell
CHROMIUM_ARGS = list(AUDIT_CHROMIUM_ARGS)
NO_CHROMIUM = f"Debian's chromium-headless-shell is not installed ({CHROMIUM_PATH}); scripts/test.sh installs it"
SERVER_START_SECONDS = 20

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class LiveSite:
    """Where the server listens and the ids the tests need."""

    base_url: str
    federation_id: int
    client_id: int
    reset_token: str
    employer_id: int
    application_id: int
    plan_id: int
    relay_order: Any
    station_id: int
    database: Database
    """The server's own database, for tests that play another system (the delivery platform placing an order)."""
    password: str = DEMO_PASSWORD


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def live_site(tmp_path_factory: pytest.TempPathFactory, postgres_url: str) -> Iterator[LiveSite]:
    """Migrate a database, load the demo data and serve the app on a free loopback port."""
    if not CHROMIUM.exists():
        pytest.skip(NO_CHROMIUM)
    data_dir = tmp_path_factory.mktemp("live")
    # The server gets its own database: the other tests empty theirs after each test.
    url = fresh_postgres_database(postgres_url, "browser") if postgres_url else f"sqlite:///{data_dir / 'live.sqlite3'}"
    upgrade(url)
    database = Database(url)
    with database.session() as session:
        load_all(session)
        federation = session.scalar(select(Organisation).where(Organisation.kind == OrgKind.FEDERATION))
        client = session.scalar(select(User).where(User.username == "li.ming"))
        found = request_password_reset(session, "emma", minutes=60)
        employer = session.scalar(select(Organisation).where(Organisation.name == DEMO_EMPLOYER))
        assert federation is not None and client is not None and found is not None and employer is not None
        application = session.scalar(select(Application).where(Application.user_id == client.id))
        assert application is not None
        plan_id = session.scalar(select(ShiftPlan.id).where(ShiftPlan.organisation_id == employer.id))
        assert plan_id is not None, "the demo data publishes a shift plan"
        order = session.scalar(select(Order).where(Order.reference == DEMO_ORDER))
        station_id = session.scalar(select(Organisation.id).where(Organisation.name == DEMO_STATION))
        assert order is not None and station_id is not None, "the demo data has a delivery order and its station"
        relay_order = SimpleNamespace(id=order.id, customer_key=order.customer_key, merchant_key=order.merchant_key)
        ids = (federation.id, client.id, found[1], employer.id, application.id, plan_id, relay_order, station_id)
    settings = load_settings(database_url=url, data_dir=data_dir, debug=True, login_max_failures=50)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings, database), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + SERVER_START_SECONDS
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the live server did not start")
        time.sleep(0.05)
    yield LiveSite(f"http://127.0.0.1:{port}", *ids, database=database)
    server.should_exit = True
    thread.join(timeout=10)
    database.dispose()


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """One headless Chromium for the whole run."""
    if not CHROMIUM.exists():
        pytest.skip(NO_CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(chromium: object) -> Iterator[object]:
    """A fresh browser profile (no cookies) per test."""
    ctx = chromium.new_context()  # type: ignore[attr-defined]
    yield ctx
    ctx.close()
