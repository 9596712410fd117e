"""Tests of the Alembic migrations: the head matches the models, and the chain goes down and up again."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, MetaData, String, inspect, text
from sqlalchemy.exc import DBAPIError

from barrierfree.core.accounts import User
from barrierfree.core.db import Database, make_engine
from barrierfree.core.migrate import alembic_config, downgrade, upgrade
from barrierfree.core.orgs import Organisation, OrgKind
from barrierfree.models import Base
from barrierfree.workforce.models import Application, Programme

CORE_TABLES = {
    "api_tokens",
    "audit_log",
    "consents",
    "login_attempts",
    "memberships",
    "organisations",
    "password_resets",
    "sensitive_profiles",
    "user_sessions",
    "users",
}


def test_models_define_the_core_tables() -> None:
    assert set(Base.metadata.tables) >= CORE_TABLES


def test_migration_head_matches_the_models(database: Database) -> None:
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_the_comparison_would_notice_a_model_change(database: Database) -> None:
    # Guards the test above against comparing nothing: a column the migrations lack must show up.
    changed = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["users"].append_column(Column("nickname", String(20)))
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, changed)
    assert [(diff[0], diff[3].name) for diff in differences] == [("add_column", "nickname")]


def test_the_database_is_at_the_single_head(database: Database, database_url: str) -> None:
    script = ScriptDirectory.from_config(alembic_config(database_url))
    heads = script.get_heads()
    assert len(heads) == 1, f"the migrations branch: {heads}"
    with database.engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == heads[0]


def test_downgrade_to_base_then_upgrade_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)
    try:
        assert set(inspect(engine).get_table_names()) >= CORE_TABLES

        downgrade(url, "base")
        engine.dispose()
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        with engine.connect() as connection:
            assert MigrationContext.configure(connection).get_current_revision() is None
            triggers = connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).all()
            assert triggers == []

        upgrade(url)
        engine.dispose()
        assert set(inspect(engine).get_table_names()) >= CORE_TABLES
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO audit_log (at, actor_label, action, detail) "
                    "VALUES (CURRENT_TIMESTAMP, 'system', 'test.inserted', '{}')"
                )
            )
        # The append-only triggers are back after the round trip.
        with pytest.raises(DBAPIError), engine.begin() as connection:
            connection.execute(text("DELETE FROM audit_log"))
    finally:
        engine.dispose()


def test_upgrade_is_idempotent_at_head(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'twice.sqlite3'}"
    upgrade(url)
    upgrade(url)
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            revision = MigrationContext.configure(connection).get_current_revision()
        assert revision == ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    finally:
        engine.dispose()


def test_employers_with_applications_keep_taking_them_after_the_programmes_migration(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'programmes.sqlite3'}"
    upgrade(url)
    database = Database(url)
    try:
        with database.session() as session:
            hiring, station = (
                Organisation(name="Hiring", kind=OrgKind.EMPLOYER),
                Organisation(name="Station", kind=OrgKind.EMPLOYER),
            )
            person = User(username="li", display_name="Li", password_hash="x")
            session.add_all([hiring, station, person])
            session.flush()
            session.add(Application(organisation_id=hiring.id, user_id=person.id, source_channel="self"))
            hiring_id = hiring.id
        downgrade(url, "0008")  # the deployment as it was before programmes existed
        upgrade(url)
        with database.session() as session:
            programmes = [(p.organisation_id, p.taking_applications) for p in session.query(Programme)]
        assert programmes == [(hiring_id, True)]  # the station, with no applications, is not offered
    finally:
        database.dispose()
