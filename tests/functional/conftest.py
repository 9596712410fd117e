"""Fixtures of the HTTP tests: the real app on the test's database, browsers, people, logins, the outbox.

Every test gets ``create_app(settings, database)`` on its own freshly migrated database (SQLite copy, or the
emptied PostgreSQL test database), the real OutboxMailer writing into ``settings.data_dir / "outbox"`` and a
``TestClient`` that does not follow redirects, so each 303 and its target are asserted.

argon2id keeps its algorithm but gets its smallest cost parameters for these modules: the HTTP tests check
flows, not hash strength (``tests/unit/core/test_passwords.py`` does), and the default parameters cost about
0.2 s per hash or verify on the CI machines, which the permission matrix alone would multiply into minutes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from barrierfree.core.accounts import passwords
from barrierfree.core.db import Database
from barrierfree.core.settings import Settings
from barrierfree.web import create_app
from tests.functional.helpers import Factory


@pytest.fixture(autouse=True, scope="module")
def _cheap_password_hashing() -> Iterator[None]:
    """argon2id with minimal cost for this module (restored afterwards, so unit tests see the real one)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
        yield


@pytest.fixture
def app(settings: Settings, database: Database) -> FastAPI:
    """The real application on the test's database, with the default (outbox) mailer."""
    return create_app(settings, database)


@pytest.fixture
def browser(app: FastAPI) -> Iterator[Callable[[], TestClient]]:
    """Open another independent browser (its own cookie jar) on the same app.

    Each client is entered as a context manager: it then keeps one event-loop thread for all its requests
    instead of starting one per request, which makes a request about five times cheaper.
    """
    with ExitStack() as stack:

        def open_browser() -> TestClient:
            return stack.enter_context(TestClient(app, follow_redirects=False))

        yield open_browser


@pytest.fixture
def client(browser: Callable[[], TestClient]) -> TestClient:
    """The test's first browser."""
    return browser()


@pytest.fixture
def api(browser: Callable[[], TestClient]) -> TestClient:
    """A client for the JSON API (it never relies on cookies)."""
    return browser()


@pytest.fixture
def factory(session: Session) -> Factory:
    """Make people and organisations for a test."""
    return Factory(session)
