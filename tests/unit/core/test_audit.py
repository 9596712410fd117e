"""Tests of barrierfree.core.audit: recording, reading, and the append-only guarantee (ORM and database)."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from barrierfree.core.audit import AUDIT_PAGE_SIZE, Actor, AuditEntry, entries_about, record, search
from barrierfree.core.audit.services import MAX_AUDIT_PAGE_SIZE
from barrierfree.core.clock import utcnow
from barrierfree.core.db import Database
from barrierfree.core.errors import PermissionDenied

ALICE = Actor(user_id=1, label="alice", ip="192.0.2.1")
BOB = Actor(user_id=2, label="bob")


def test_record_stores_who_did_what_to_whom(session: Session) -> None:
    entry = record(
        session,
        ALICE,
        "sensitive.read",
        subject_user_id=2,
        organisation_id=7,
        detail={"by": "caseworker", "备注": "读"},
    )
    session.commit()
    session.expire_all()
    stored = session.get_one(AuditEntry, entry.id)
    assert (stored.actor_id, stored.actor_label, stored.ip) == (1, "alice", "192.0.2.1")
    assert (stored.action, stored.subject_user_id, stored.organisation_id) == ("sensitive.read", 2, 7)
    assert stored.detail == {"by": "caseworker", "备注": "读"}
    assert stored.at.tzinfo is not None
    assert abs(stored.at - utcnow()) < timedelta(minutes=1)
    assert stored.at.utcoffset() == UTC.utcoffset(None)


def test_record_defaults_and_truncates_the_label(session: Session) -> None:
    entry = record(session, Actor(user_id=None, label="x" * 100), "system.started")
    session.flush()
    assert entry.actor_label == "x" * 60
    assert entry.detail == {}
    assert entry.actor_id is None
    assert entry.subject_user_id is None


def test_system_actor() -> None:
    assert Actor.system() == Actor(user_id=None, label="system")
    assert Actor.system("cli:root").label == "cli:root"
    assert Actor.system().is_admin is False


def test_entries_about_a_user_include_what_they_did_and_what_was_done_to_them(session: Session) -> None:
    mine = record(session, ALICE, "account.login", subject_user_id=1)
    about_me = record(session, BOB, "sensitive.read", subject_user_id=1)
    by_me = record(session, ALICE, "org.member_set", subject_user_id=3)
    record(session, BOB, "account.login", subject_user_id=2)
    session.flush()
    assert entries_about(session, 1) == [by_me, about_me, mine]
    assert entries_about(session, 1, limit=2) == [by_me, about_me]
    assert entries_about(session, 99) == []


def test_pages_are_capped(session: Session) -> None:
    session.add_all(
        AuditEntry(actor_id=1, actor_label="alice", action="bulk", subject_user_id=1, detail={})
        for _ in range(MAX_AUDIT_PAGE_SIZE + 5)
    )
    session.flush()
    assert len(entries_about(session, 1, limit=10_000)) == MAX_AUDIT_PAGE_SIZE
    assert len(search(session, limit=10_000)) == MAX_AUDIT_PAGE_SIZE
    assert len(search(session)) == AUDIT_PAGE_SIZE


def test_search_filters_by_action_and_subject_newest_first(session: Session) -> None:
    first = record(session, ALICE, "account.login", subject_user_id=1)
    second = record(session, BOB, "account.login", subject_user_id=2)
    third = record(session, BOB, "sensitive.read", subject_user_id=1)
    session.flush()
    assert search(session) == [third, second, first]
    assert search(session, action="account.login") == [second, first]
    assert search(session, subject_user_id=1) == [third, first]
    assert search(session, action="account.login", subject_user_id=2) == [second]
    assert search(session, action="no.such.action") == []
    assert search(session, limit=1, offset=1) == [second]
    assert search(session, offset=-5) == [third, second, first]


def test_orm_refuses_to_change_an_entry(session: Session) -> None:
    entry = record(session, ALICE, "account.login", subject_user_id=1)
    session.commit()
    entry.action = "account.logout"
    with pytest.raises(PermissionDenied):
        session.flush()
    session.rollback()
    session.expire_all()
    assert session.get_one(AuditEntry, entry.id).action == "account.login"


def test_orm_refuses_to_delete_an_entry(session: Session) -> None:
    entry = record(session, ALICE, "account.login", subject_user_id=1)
    session.commit()
    session.delete(entry)
    with pytest.raises(PermissionDenied):
        session.commit()
    session.rollback()
    assert len(search(session)) == 1


@pytest.mark.parametrize(
    "statement",
    [
        text("UPDATE audit_log SET action = 'forged'"),
        text("DELETE FROM audit_log"),
        update(AuditEntry).values(actor_label="someone else"),
        delete(AuditEntry),
    ],
    ids=["raw-update", "raw-delete", "orm-bulk-update", "orm-bulk-delete"],
)
def test_database_refuses_to_rewrite_the_log(session: Session, database: Database, statement: object) -> None:
    record(session, ALICE, "account.login", subject_user_id=1)
    session.commit()
    with pytest.raises(DBAPIError) as caught:
        session.execute(statement)  # type: ignore[call-overload]
    assert "append-only" in str(caught.value)
    session.rollback()
    with database.sessions() as other:
        [entry] = other.scalars(select(AuditEntry)).all()
        assert (entry.action, entry.actor_label) == ("account.login", "alice")


@pytest.mark.postgres_only
def test_postgres_refuses_to_truncate_the_log(session: Session, database: Database) -> None:
    if database.engine.dialect.name != "postgresql":
        pytest.skip("TRUNCATE and its trigger exist only on PostgreSQL (SQLite has no TRUNCATE)")
    record(session, ALICE, "account.login")
    session.commit()
    with pytest.raises(DBAPIError) as caught:
        session.execute(text("TRUNCATE audit_log"))
    assert "append-only" in str(caught.value)
    session.rollback()
    assert len(search(session)) == 1
