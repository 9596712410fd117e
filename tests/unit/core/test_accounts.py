"""Tests of barrierfree.core.accounts.services: sign-up, login and lockout, sessions, resets, API tokens.

argon2 costs ~0.1 s per hash or verify, so most users are inserted with one precomputed hash and the
property tests exercise the pure validators (or inputs refused before any hashing happens).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from barrierfree.core.accounts import (
    MAX_PASSWORD_LENGTH,
    ApiToken,
    LoginLimits,
    PasswordReset,
    User,
    UserSession,
    actor_for,
    authenticate,
    change_password,
    check_reset_token,
    create_api_token,
    end_session,
    get_user,
    list_api_tokens,
    list_users,
    request_password_reset,
    reset_password,
    revoke_api_token,
    set_preferences,
    sign_up,
    start_session,
    user_for_api_token,
    user_for_session,
)
from barrierfree.core.accounts.models import LoginAttempt
from barrierfree.core.accounts.passwords import hash_password, needs_rehash, verify_password
from barrierfree.core.accounts.services import (
    API_TOKEN_PREFIX,
    MAX_ACTIVE_API_TOKENS,
    MAX_TOKEN_NAME,
    USERNAME_PATTERN,
    normalise_username,
)
from barrierfree.core.accounts.tokens import digest
from barrierfree.core.audit import AuditEntry, search
from barrierfree.core.clock import utcnow
from barrierfree.core.db import Database
from barrierfree.core.errors import Conflict, InvalidInput, NotAuthenticated, NotFound, TooManyAttempts

PASSWORD = "correct horse battery"
NEW_PASSWORD = "staple-gun-orbit-42"
IP = "198.51.100.7"


@pytest.fixture(scope="module")
def password_hash() -> str:
    return hash_password(PASSWORD)


def add_user(session: Session, password_hash: str, username: str = "li.ming", **fields: object) -> User:
    """Insert a user directly (no hashing) with PASSWORD as their password."""
    user = User(username=username, display_name=username, password_hash=password_hash, **fields)
    session.add(user)
    session.flush()
    return user


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def actions(session: Session, user_id: int | None = None) -> list[str]:
    """Audit actions, oldest first (optionally about one user)."""
    return [entry.action for entry in reversed(search(session, subject_user_id=user_id, limit=500))]


# --- sign-up -------------------------------------------------------------------------------------------


def test_sign_up_stores_a_normalised_account_and_logs_it(session: Session) -> None:
    user = sign_up(
        session,
        username="  Li.Ming ",
        password=PASSWORD,
        display_name="  李明   Li   Ming ",
        email=" Li.Ming@Example.CN ",
        language="en",
        ip=IP,
    )
    assert user.id is not None
    assert user.username == "li.ming"
    assert user.display_name == "李明 Li Ming"
    assert user.email == "li.ming@example.cn"
    assert user.language == "en"
    assert user.is_admin is False
    assert user.password_hash != PASSWORD
    assert verify_password(user.password_hash, PASSWORD)
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "account.created")).one()
    assert (entry.subject_user_id, entry.actor_id, entry.ip) == (user.id, user.id, IP)


def test_sign_up_defaults_the_display_name_to_the_username(session: Session) -> None:
    user = sign_up(session, username="wang.fang", password=PASSWORD, display_name="   ")
    assert user.display_name == "wang.fang"
    assert user.email is None
    assert user.language is None


BAD_FIELDS = [
    pytest.param({"username": "ab"}, "username", id="username-too-short"),
    pytest.param({"username": "a" * 41}, "username", id="username-too-long"),
    pytest.param({"username": "-li"}, "username", id="username-leading-dash"),
    pytest.param({"username": ".li"}, "username", id="username-leading-dot"),
    pytest.param({"username": "li ming"}, "username", id="username-space"),
    pytest.param({"username": "李明明"}, "username", id="username-not-ascii"),
    pytest.param({"username": "li@ming"}, "username", id="username-at"),
    pytest.param({"password": "short"}, "password", id="password-short"),
    pytest.param({"password": "p" * (MAX_PASSWORD_LENGTH + 1)}, "password", id="password-long"),
    pytest.param({"password": "LI.MING.2024"}, "password", id="password-is-username"),
    pytest.param({"email": "not-an-address"}, "email", id="email-no-at"),
    pytest.param({"email": "a@b"}, "email", id="email-no-domain"),
    pytest.param({"email": "li ming@example.cn"}, "email", id="email-space"),
    pytest.param({"email": "x" * 250 + "@example.cn"}, "email", id="email-too-long"),
    pytest.param({"language": "fr"}, "language", id="language-unknown"),
    pytest.param({"display_name": "名" * 81}, "display_name", id="display-name-too-long"),
]


@pytest.mark.parametrize(("bad", "field"), BAD_FIELDS)
def test_sign_up_refuses_bad_input_and_stores_nothing(session: Session, bad: dict[str, str], field: str) -> None:
    fields = {"username": "li.ming.2024", "password": PASSWORD, "email": "li@example.cn", **bad}
    with pytest.raises(InvalidInput) as caught:
        sign_up(session, **fields)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert count(session, User) == 0
    assert count(session, AuditEntry) == 0


def test_sign_up_refuses_a_taken_username_whatever_its_case(session: Session, password_hash: str) -> None:
    add_user(session, password_hash, "li.ming")
    with pytest.raises(Conflict) as caught:
        sign_up(session, username="LI.MING", password=PASSWORD)
    assert caught.value.field == "username"
    assert count(session, User) == 1


def test_sign_up_refuses_a_taken_email_whatever_its_case(session: Session, password_hash: str) -> None:
    add_user(session, password_hash, "li.ming", email="li@example.cn")
    with pytest.raises(Conflict) as caught:
        sign_up(session, username="wang.fang", password=PASSWORD, email="LI@Example.cn")
    assert caught.value.field == "email"
    assert count(session, User) == 1


def test_several_accounts_may_have_no_email(session: Session, password_hash: str) -> None:
    add_user(session, password_hash, "li.ming")
    add_user(session, password_hash, "wang.fang")
    session.commit()
    assert count(session, User) == 2


VALID_USERNAMES = st.from_regex(r"[a-z0-9][a-z0-9_.\-]{2,39}", fullmatch=True)


@hypothesis_settings(max_examples=200)
@given(VALID_USERNAMES, st.booleans(), st.text(" \t\n", max_size=3))
def test_valid_usernames_are_kept_lower_case(name: str, shout: bool, padding: str) -> None:
    assert normalise_username(padding + (name.upper() if shout else name) + padding) == name


@hypothesis_settings(max_examples=300)
@given(st.text(max_size=50))
def test_normalise_username_returns_a_valid_name_or_raises(raw: str) -> None:
    try:
        name = normalise_username(raw)
    except InvalidInput as error:
        assert error.field == "username"
        assert USERNAME_PATTERN.fullmatch(raw.strip().lower()) is None
    else:
        assert name == raw.strip().lower()
        assert USERNAME_PATTERN.fullmatch(name)
        assert 3 <= len(name) <= 40


@hypothesis_settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.text(max_size=50).filter(lambda raw: USERNAME_PATTERN.fullmatch(raw.strip().lower()) is None))
def test_sign_up_with_any_invalid_username_stores_nothing(session: Session, raw: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        sign_up(session, username=raw, password=PASSWORD)
    assert caught.value.field == "username"
    assert count(session, User) == 0


# --- login and lockout ---------------------------------------------------------------------------------

LIMITS = LoginLimits(max_failures=3, lockout_minutes=15, ip_max_failures=30)


def test_authenticate_returns_the_user_and_logs_the_login(session: Session, password_hash: str) -> None:
    user = add_user(session, password_hash, failed_logins=2)
    assert authenticate(session, "  LI.Ming ", PASSWORD, ip=IP, limits=LIMITS) is user
    assert user.failed_logins == 0
    assert user.locked_until is None
    assert actions(session, user.id)[-1] == "account.login"


def test_wrong_password_and_unknown_user_fail_alike(session: Session, password_hash: str) -> None:
    user = add_user(session, password_hash)
    with pytest.raises(NotAuthenticated) as wrong_password:
        authenticate(session, "li.ming", "not the password", ip=IP, limits=LIMITS)
    with pytest.raises(NotAuthenticated) as unknown_user:
        authenticate(session, "nobody.here", PASSWORD, ip=IP, limits=LIMITS)
    assert wrong_password.value.message == unknown_user.value.message
    assert user.failed_logins == 1
    assert count(session, LoginAttempt) == 2
    assert actions(session, user.id) == ["account.login_failed"]


def test_account_locks_after_max_failures(session: Session, password_hash: str) -> None:
    user = add_user(session, password_hash)
    for _attempt in range(LIMITS.max_failures - 1):
        with pytest.raises(NotAuthenticated):
            authenticate(session, "li.ming", "wrong password", ip=IP, limits=LIMITS)
    with pytest.raises(TooManyAttempts) as caught:
        authenticate(session, "li.ming", "wrong password", ip=IP, limits=LIMITS)
    assert caught.value.retry_after == LIMITS.lockout_minutes * 60
    assert user.locked_until is not None
    assert timedelta(minutes=14) < user.locked_until - utcnow() <= timedelta(minutes=15)
    assert "account.locked" in actions(session, user.id)
    # Even the right password is refused while the lock lasts.
    with pytest.raises(TooManyAttempts) as still_locked:
        authenticate(session, "li.ming", PASSWORD, ip=IP, limits=LIMITS)
    assert 0 < still_locked.value.retry_after <= LIMITS.lockout_minutes * 60


def test_failures_survive_the_callers_rollback(session: Session, database: Database, password_hash: str) -> None:
    add_user(session, password_hash)
    session.commit()
    with pytest.raises(NotAuthenticated):
        authenticate(session, "li.ming", "wrong password", ip=IP, limits=LIMITS)
    session.rollback()  # the request that saw the error throws its unit of work away
    with database.sessions() as other:
        user = other.scalars(select(User)).one()
        assert user.failed_logins == 1
        assert count(other, LoginAttempt) == 1
        assert [e.action for e in search(other)] == ["account.login_failed"]


def test_lockout_persists_across_sessions(session: Session, database: Database, password_hash: str) -> None:
    add_user(session, password_hash)
    session.commit()
    for _attempt in range(LIMITS.max_failures - 1):
        with pytest.raises(NotAuthenticated):
            authenticate(session, "li.ming", "wrong password", ip=IP, limits=LIMITS)
        session.rollback()
    with pytest.raises(TooManyAttempts):
        authenticate(session, "li.ming", "wrong password", ip=IP, limits=LIMITS)
    session.rollback()
    with database.sessions() as other:
        assert other.scalars(select(User)).one().locked_until is not None
        with pytest.raises(TooManyAttempts):
            authenticate(other, "li.ming", PASSWORD, ip="203.0.113.1", limits=LIMITS)


def test_login_works_again_when_the_lock_has_expired(session: Session, password_hash: str) -> None:
    user = add_user(session, password_hash, locked_until=utcnow() - timedelta(seconds=1))
    assert authenticate(session, "li.ming", PASSWORD, ip=IP, limits=LIMITS) is user
    assert user.locked_until is None


def test_the_failure_count_starts_again_after_a_lock(session: Session, password_hash: str) -> None:
    user = add_user(session, password_hash, failed_logins=LIMITS.max_failures - 1)
    with pytest.raises(TooManyAttempts):
        authenticate(session, "li.ming", "wrong password", ip=IP, limits=LIMITS)
    assert user.failed_logins == 0


def test_a_successful_login_resets_the_failure_count(session: Session, password_hash: str) -> None:
    user = add_user(session, password_hash)
    with pytest.raises(NotAuthenticated):
        authenticate(session, "li.ming", "wrong password", ip=IP, limits=LIMITS)
    authenticate(session, "li.ming", PASSWORD, ip=IP, limits=LIMITS)
    assert user.failed_logins == 0


def _recent_failures(session: Session, ip: str, n: int, minutes_ago: float = 1) -> None:
    at = utcnow() - timedelta(minutes=minutes_ago)
    session.add_all(LoginAttempt(ip=ip, username=f"guess{i}", at=at) for i in range(n))
    session.flush()


def test_an_address_with_too_many_failures_is_throttled(session: Session, password_hash: str) -> None:
    limits = LoginLimits(max_failures=100, ip_max_failures=3, window_minutes=15)
    user = add_user(session, password_hash)
    _recent_failures(session, IP, limits.ip_max_failures)
    with pytest.raises(TooManyAttempts) as caught:
        authenticate(session, "li.ming", PASSWORD, ip=IP, limits=limits)
    assert caught.value.retry_after == limits.window_minutes * 60
    assert user.failed_logins == 0
    # Another address is not affected.
    assert authenticate(session, "li.ming", PASSWORD, ip="203.0.113.9", limits=limits) is user


def test_failed_logins_count_towards_the_address_limit(session: Session) -> None:
    limits = LoginLimits(max_failures=100, ip_max_failures=2)
    for name in ("guess.one", "guess.two"):
        with pytest.raises(NotAuthenticated):
            authenticate(session, name, "whatever-password", ip=IP, limits=limits)
    with pytest.raises(TooManyAttempts):
        authenticate(session, "guess.three", "whatever-password", ip=IP, limits=limits)


def test_failures_older_than_the_window_are_forgotten(session: Session, password_hash: str) -> None:
    limits = LoginLimits(ip_max_failures=3, window_minutes=15)
    user = add_user(session, password_hash)
    _recent_failures(session, IP, 10, minutes_ago=16)
    assert authenticate(session, "li.ming", PASSWORD, ip=IP, limits=limits) is user
    assert count(session, LoginAttempt) == 0


def test_password_reset_clears_a_lockout(session: Session, password_hash: str) -> None:
    user = add_user(session, password_hash)
    for _attempt in range(LIMITS.max_failures - 1):
        with pytest.raises(NotAuthenticated):
            authenticate(session, "li.ming", "wrong password", ip=IP, limits=LIMITS)
    with pytest.raises(TooManyAttempts):
        authenticate(session, "li.ming", "wrong password", ip=IP, limits=LIMITS)
    found = request_password_reset(session, "li.ming", minutes=30)
    assert found is not None
    reset_password(session, found[1], NEW_PASSWORD)
    assert user.locked_until is None
    assert user.failed_logins == 0
    assert authenticate(session, "li.ming", NEW_PASSWORD, ip=IP, limits=LIMITS) is user


def test_login_upgrades_an_outdated_hash(session: Session) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    user = add_user(session, weak)
    authenticate(session, "li.ming", PASSWORD, ip=IP, limits=LIMITS)
    assert user.password_hash != weak
    assert not needs_rehash(user.password_hash)
    assert verify_password(user.password_hash, PASSWORD)


# --- browser sessions ----------------------------------------------------------------------------------


def test_session_cookie_finds_its_user_and_only_its_hash_is_stored(session: Session, password_hash: str) -> None:
    user = add_user(session, password_hash)
    raw = start_session(session, user, days=14)
    session.flush()
    stored = session.scalars(select(UserSession)).one()
    assert stored.token_hash == digest(raw) != raw
    assert timedelta(days=13, hours=23) < stored.expires_at - utcnow() <= timedelta(days=14)
    assert user_for_session(session, raw) is user


@pytest.mark.parametrize("raw", [None, "", "unknown-cookie", "x" * 201])
def test_unknown_session_cookies_find_nobody(session: Session, password_hash: str, raw: str | None) -> None:
    start_session(session, add_user(session, password_hash), days=1)
    assert user_for_session(session, raw) is None


def test_expired_sessions_find_nobody(session: Session, password_hash: str) -> None:
    user = add_user(session, password_hash)
    raw = start_session(session, user, days=1)
    session.flush()
    stored = session.scalars(select(UserSession)).one()
    stored.expires_at = utcnow() - timedelta(seconds=1)
    session.flush()
    assert user_for_session(session, raw) is None


def test_end_session_logs_out_that_browser_only(session: Session, password_hash: str) -> None:
    user = add_user(session, password_hash)
    phone, laptop = start_session(session, user, days=1), start_session(session, user, days=1)
    end_session(session, phone)
    end_session(session, phone)  # idempotent
    end_session(session, None)
    assert user_for_session(session, phone) is None
    assert user_for_session(session, laptop) is user


def test_sessions_persist_across_database_sessions(session: Session, database: Database, password_hash: str) -> None:
    raw = start_session(session, add_user(session, password_hash), days=1)
    session.commit()
    with database.sessions() as other:
        found = user_for_session(other, raw)
        assert found is not None
        assert found.username == "li.ming"


def test_change_password_logs_out_every_session(session: Session, password_hash: str) -> None:
    user = add_user(session, password_hash)
    before = user.password_changed_at
    cookies = [start_session(session, user, days=1) for _ in range(2)]
    change_password(session, user, PASSWORD, NEW_PASSWORD, ip=IP)
    assert all(user_for_session(session, raw) is None for raw in cookies)
    assert verify_password(user.password_hash, NEW_PASSWORD)
    assert not verify_password(user.password_hash, PASSWORD)
    assert user.password_changed_at >= before
    assert actions(session, user.id)[-1] == "account.password_changed"
    # The caller starts a fresh session for the browser that made the change.
    assert user_for_session(session, start_session(session, user, days=1)) is user


def test_change_password_needs_the_current_password(session: Session, password_hash: str) -> None:
    user = add_user(session, password_hash)
    raw = start_session(session, user, days=1)
    with pytest.raises(InvalidInput) as caught:
        change_password(session, user, "not the password", NEW_PASSWORD)
    assert caught.value.field == "current_password"
    assert user.password_hash == password_hash
    assert user_for_session(session, raw) is user


def test_change_password_applies_the_policy(session: Session, password_hash: str) -> None:
    user = add_user(session, password_hash)
    with pytest.raises(InvalidInput) as caught:
        change_password(session, user, PASSWORD, "short")
    assert caught.value.field == "password"
    assert user.password_hash == password_hash


# --- password reset ------------------------------------------------------------------------------------


def test_reset_for_an_unknown_account_returns_none_and_stores_nothing(session: Session) -> None:
    assert request_password_reset(session, "nobody@example.cn", minutes=30) is None
    assert count(session, PasswordReset) == 0


@pytest.mark.parametrize("identifier", ["li.ming", " LI.MING ", "li@example.cn", "LI@Example.CN"])
def test_reset_can_be_asked_for_by_username_or_email(session: Session, password_hash: str, identifier: str) -> None:
    user = add_user(session, password_hash, email="li@example.cn")
    found = request_password_reset(session, identifier, minutes=30, ip=IP)
    assert found is not None
    assert found[0] is user
    stored = session.scalars(select(PasswordReset)).one()
    assert stored.token_hash == digest(found[1])
    assert timedelta(minutes=29) < stored.expires_at - utcnow() <= timedelta(minutes=30)
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "account.reset_requested")).one()
    assert (entry.actor_id, entry.actor_label, entry.subject_user_id) == (None, "anonymous", user.id)


def test_reset_token_is_single_use(session: Session, password_hash: str) -> None:
    user = add_user(session, password_hash)
    cookie = start_session(session, user, days=1)
    found = request_password_reset(session, "li.ming", minutes=30)
    assert found is not None
    raw = found[1]
    check_reset_token(session, raw)
    assert reset_password(session, raw, NEW_PASSWORD, ip=IP) is user
    assert verify_password(user.password_hash, NEW_PASSWORD)
    assert user_for_session(session, cookie) is None
    assert "account.password_reset" in actions(session, user.id)
    with pytest.raises(NotFound):
        check_reset_token(session, raw)
    with pytest.raises(NotFound):
        reset_password(session, raw, "another-good-password")
    assert verify_password(user.password_hash, NEW_PASSWORD)


def test_expired_reset_tokens_are_refused(session: Session, password_hash: str) -> None:
    add_user(session, password_hash)
    found = request_password_reset(session, "li.ming", minutes=30)
    assert found is not None
    session.flush()
    session.scalars(select(PasswordReset)).one().expires_at = utcnow() - timedelta(seconds=1)
    session.flush()
    with pytest.raises(NotFound):
        check_reset_token(session, found[1])
    with pytest.raises(NotFound):
        reset_password(session, found[1], NEW_PASSWORD)


@pytest.mark.parametrize("raw", ["", "made-up-token", "z" * 5000])
def test_unknown_reset_tokens_are_refused(session: Session, password_hash: str, raw: str) -> None:
    add_user(session, password_hash)
    request_password_reset(session, "li.ming", minutes=30)
    with pytest.raises(NotFound):
        check_reset_token(session, raw)


def test_a_weak_new_password_does_not_spend_the_reset_token(session: Session, password_hash: str) -> None:
    user = add_user(session, password_hash)
    found = request_password_reset(session, "li.ming", minutes=30)
    assert found is not None
    with pytest.raises(InvalidInput):
        reset_password(session, found[1], "li.ming")
    check_reset_token(session, found[1])
    assert user.password_hash == password_hash


# --- API tokens ----------------------------------------------------------------------------------------


def test_api_token_is_shown_once_and_finds_its_user(session: Session, password_hash: str) -> None:
    user = add_user(session, password_hash)
    token, raw = create_api_token(session, user, "  screen   reader  ")
    assert raw.startswith(API_TOKEN_PREFIX)
    assert token.name == "screen reader"
    assert token.prefix == raw[:8]
    assert token.token_hash == digest(raw)
    assert raw not in (token.name, token.prefix, token.token_hash)
    assert token.last_used_at is None
    assert user_for_api_token(session, raw) is user
    assert token.last_used_at is not None
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "token.created")).one()
    assert entry.detail == {"token_id": token.id}


@pytest.mark.parametrize("raw", ["", "no-prefix-token", API_TOKEN_PREFIX + "unknown", API_TOKEN_PREFIX + "x" * 200])
def test_unknown_api_tokens_find_nobody(session: Session, password_hash: str, raw: str) -> None:
    create_api_token(session, add_user(session, password_hash), "cli")
    assert user_for_api_token(session, raw) is None


def test_a_revoked_api_token_finds_nobody(session: Session, password_hash: str) -> None:
    user = add_user(session, password_hash)
    token, raw = create_api_token(session, user, "cli")
    revoke_api_token(session, user, token.id)
    revoke_api_token(session, user, token.id)  # idempotent, logged once
    assert token.revoked_at is not None
    assert user_for_api_token(session, raw) is None
    assert actions(session, user.id).count("token.revoked") == 1


def test_nobody_revokes_another_users_token(session: Session, password_hash: str) -> None:
    owner, other = add_user(session, password_hash, "li.ming"), add_user(session, password_hash, "wang.fang")
    token, raw = create_api_token(session, owner, "cli")
    with pytest.raises(NotFound):
        revoke_api_token(session, other, token.id)
    with pytest.raises(NotFound):
        revoke_api_token(session, owner, token.id + 1000)
    assert user_for_api_token(session, raw) is owner


@pytest.mark.parametrize("name", ["", "   ", "n" * (MAX_TOKEN_NAME + 1)])
def test_api_token_needs_a_sensible_name(session: Session, password_hash: str, name: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        create_api_token(session, add_user(session, password_hash), name)
    assert caught.value.field == "name"
    assert count(session, ApiToken) == 0


def test_active_api_tokens_are_limited(session: Session, password_hash: str) -> None:
    user = add_user(session, password_hash)
    tokens = [create_api_token(session, user, f"token {i}")[0] for i in range(MAX_ACTIVE_API_TOKENS)]
    with pytest.raises(Conflict):
        create_api_token(session, user, "one too many")
    assert count(session, ApiToken) == MAX_ACTIVE_API_TOKENS
    revoke_api_token(session, user, tokens[0].id)
    create_api_token(session, user, "replacement")
    assert count(session, ApiToken) == MAX_ACTIVE_API_TOKENS + 1
    # The limit is per user.
    create_api_token(session, add_user(session, password_hash, "wang.fang"), "first")


def test_list_api_tokens_shows_only_the_users_tokens_newest_first(session: Session, password_hash: str) -> None:
    user, other = add_user(session, password_hash, "li.ming"), add_user(session, password_hash, "wang.fang")
    for name in ("first", "second", "third"):
        create_api_token(session, user, name)
    create_api_token(session, other, "not mine")
    assert [t.name for t in list_api_tokens(session, user)] == ["third", "second", "first"]


# --- preferences, look-ups, audit identity -------------------------------------------------------------


def test_set_preferences_remembers_language_and_elder_mode(session: Session, password_hash: str) -> None:
    user = add_user(session, password_hash)
    set_preferences(session, user, language="en", elder_mode=True)
    assert (user.language, user.elder_mode) == ("en", True)
    set_preferences(session, user, language=None, elder_mode=None)
    assert (user.language, user.elder_mode) == ("en", True)
    with pytest.raises(InvalidInput) as caught:
        set_preferences(session, user, language="klingon", elder_mode=False)
    assert caught.value.field == "language"
    assert user.language == "en"


def test_get_user_and_list_users(session: Session, password_hash: str) -> None:
    first, second = add_user(session, password_hash, "li.ming"), add_user(session, password_hash, "wang.fang")
    assert get_user(session, " Wang.Fang ") is second
    with pytest.raises(NotFound):
        get_user(session, "nobody")
    assert list_users(session) == [first, second]
    assert list_users(session, limit=1, offset=1) == [second]


def test_actor_for_carries_the_users_identity(session: Session, password_hash: str) -> None:
    user = add_user(session, password_hash, is_admin=True)
    actor = actor_for(user, IP)
    assert (actor.user_id, actor.label, actor.ip, actor.is_admin) == (user.id, "li.ming", IP, True)


def test_password_reset_spends_every_other_outstanding_link(session: Session) -> None:
    user = sign_up(session, username="twolinks", password="first-passphrase")
    first = request_password_reset(session, "twolinks", minutes=30)
    second = request_password_reset(session, "twolinks", minutes=30)
    assert first is not None and second is not None
    reset_password(session, first[1], "second-passphrase")
    with pytest.raises(NotFound):
        reset_password(session, second[1], "third-passphrase")
    assert verify_password(user.password_hash, "second-passphrase")


def test_starting_a_session_prunes_the_users_expired_sessions(session: Session) -> None:
    user = sign_up(session, username="pruner", password="pruner-passphrase")
    stale = start_session(session, user, days=1)
    session.flush()
    for row in session.scalars(select(UserSession).where(UserSession.user_id == user.id)):
        row.expires_at = utcnow() - timedelta(seconds=1)
    session.flush()
    start_session(session, user, days=1)
    session.flush()
    assert user_for_session(session, stale) is None
    assert session.scalar(select(func.count()).select_from(UserSession).where(UserSession.user_id == user.id)) == 1
