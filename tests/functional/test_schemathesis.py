"""Property-based tests of the whole JSON API from its OpenAPI schema (schemathesis): never a server error.

Each operation is one test item, called with generated valid and invalid input as a platform administrator
who owns an organisation, has a caseworker in it and has stored and shared a profile, so most paths reach
real rows. The run is bounded (``max_examples`` per operation) to keep the suite fast.

The schema is loaded once at import from an app without a database (``/openapi.json`` needs none); the
calls go through ``ROUTED``, which every test points at its own app on its own migrated database.
``schemathesis.pytest.from_fixture`` would do the same, but its lazy loader does not run under pytest 9.2.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error

from barrierfree.core.settings import load_settings
from barrierfree.web import create_app
from tests.functional.helpers import Factory, bearer

MAX_EXAMPLES = 25
SLOW_OPERATIONS = {
    "operations": [
        # Every boundary case of the coverage phase ran a whole default simulation (200 weeks, 3.5 s each; 83
        # calls, half of this file's time). The simulation's bounds are tested in tests/unit/relay/test_simulation.py;
        # here it gets generated and fuzzed input like every other operation.
        {"include-path": "/api/v1/relay/simulate", "phases": {"coverage": {"enabled": False}}},
    ]
}


class RoutedApp:
    """An ASGI app that forwards to whichever app the current test set."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self.app(scope, receive, send)


ROUTED = RoutedApp(create_app(load_settings(database_url="sqlite:///:memory:", debug=True)))
schema = schemathesis.openapi.from_asgi(
    "/api/v1/openapi.json", ROUTED, config=schemathesis.Config.from_dict(SLOW_OPERATIONS)
)


@pytest.fixture
def admin_headers(factory: Factory, app: FastAPI) -> Iterator[dict[str, str]]:
    """Route calls to this test's app; an administrator with a shared profile in an organisation they own."""
    admin = factory.admin()
    org = factory.org("Harbour NGO", owner=admin)
    factory.member(org, factory.user("case.worker"), "caseworker")
    factory.profile(admin, share_with=org)
    previous, ROUTED.app = ROUTED.app, app
    yield bearer(factory.token(admin))
    ROUTED.app = previous


@schema.parametrize()
@hypothesis_settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_never_answers_with_a_server_error(case: schemathesis.Case, admin_headers: dict[str, str]) -> None:
    response = case.call_and_validate(headers=admin_headers, checks=[not_a_server_error])

    assert response.status_code < 500
