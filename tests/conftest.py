"""Shared fixtures: a migrated database per test, on SQLite by default or PostgreSQL.

Set ``BARRIERFREE_TEST_DATABASE_URL`` to a PostgreSQL URL (``scripts/test.sh`` does, for its second pass)
to run the whole suite there. On SQLite each test gets a copy of a database migrated once per run; on
PostgreSQL each pytest-xdist worker gets its own database (the URL's name plus the worker's id), migrated once,
and every table is emptied between tests.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from sqlalchemy import text
from sqlalchemy.orm import Session

from barrierfree.core.db import Database
from barrierfree.core.migrate import upgrade
from barrierfree.core.settings import Settings, load_settings
from barrierfree.models import Base
from tests.postgres import fresh_postgres_database

# The suite's property tests run the same examples every time, so that CI passes or fails on the code, not on
# the luck of the draw. To hunt for new counter-examples, run `pytest --hypothesis-profile=explore`: it draws
# fresh examples, ten times as many; fix what it finds and add the example as a regular test. No deadline: the
# machine is shared, and a property test checks what the code does, not how fast (speed lives in benchmarks/).
hypothesis_settings.register_profile("repeatable", derandomize=True, deadline=None)
hypothesis_settings.register_profile("explore", max_examples=1000, deadline=None)
hypothesis_settings.load_profile("repeatable")

POSTGRES_URL = os.environ.get("BARRIERFREE_TEST_DATABASE_URL", "")
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On the PostgreSQL pass, run only what touches a database; the rest already ran in the SQLite pass."""
    if not POSTGRES_URL:
        return
    skip = pytest.mark.skip(reason="does not touch the database: it ran in the SQLite pass")
    other_display = pytest.mark.skip(
        reason="language and elder mode do not depend on the database: every display ran in the SQLite pass, "
        "and one display checks these pages on PostgreSQL"
    )
    for item in items:
        names = getattr(item, "fixturenames", ())
        if "database_url" not in names and "live_site" not in names:
            item.add_marker(skip)
        elif _is_other_display(item):
            item.add_marker(other_display)


def _is_other_display(item: pytest.Item) -> bool:
    """A browser test run for a display other than the first (zh-CN, not elder mode)."""
    params = getattr(getattr(item, "callspec", None), "params", {})
    return "language" in params and "elder" in params and (params["language"], params["elder"]) != ("zh-CN", False)


def pytest_report_header() -> str:
    return f"barrierfree database: {'PostgreSQL ' + POSTGRES_URL if POSTGRES_URL else 'SQLite (per-test copies)'}"


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """This worker's PostgreSQL database ("" on the SQLite pass): workers must not empty each other's tables."""
    if not POSTGRES_URL:
        return ""
    return fresh_postgres_database(POSTGRES_URL, XDIST_WORKER) if XDIST_WORKER else POSTGRES_URL


@pytest.fixture(scope="session")
def _migrated_template(tmp_path_factory: pytest.TempPathFactory, postgres_url: str) -> str:
    """Migrate once per run: a SQLite template file, or this worker's PostgreSQL test database itself."""
    if postgres_url:
        upgrade(postgres_url)
        return postgres_url
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    url = f"sqlite:///{path}"
    upgrade(url)
    return str(path)


def _empty_postgres(database: Database) -> None:
    tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
    with database.engine.begin() as connection:
        # The audit log refuses TRUNCATE through a trigger; replica mode skips triggers for test clean-up only.
        connection.execute(text("SET LOCAL session_replication_role = replica"))
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture
def database_url(_migrated_template: str, tmp_path: Path) -> Iterator[str]:
    """A URL of a freshly migrated, empty database for this test (PostgreSQL is emptied afterwards)."""
    if not POSTGRES_URL:
        target = tmp_path / "barrierfree.sqlite3"
        shutil.copyfile(_migrated_template, target)
        yield f"sqlite:///{target}"
        return
    yield _migrated_template
    cleaner = Database(_migrated_template)
    try:
        _empty_postgres(cleaner)
    finally:
        cleaner.dispose()


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """The test's database."""
    db = Database(database_url)
    yield db
    db.dispose()


@pytest.fixture
def session(database: Database) -> Iterator[Session]:
    """A session for service tests; committed only when the test commits."""
    with database.sessions() as db_session:
        yield db_session


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    """Settings for a test: its own data folder and database, fast lockout numbers."""
    # Audit jobs stay queued: tests that run one call execute_job themselves, with a loopback policy.
    return load_settings(database_url=database_url, data_dir=tmp_path / "data", debug=True, audit_worker="off")
