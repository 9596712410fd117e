"""Tests of barrierfree.core.settings: overrides, environment variables and fail-fast messages."""

from __future__ import annotations

import os
from pathlib import Path
from zoneinfo import available_timezones

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from pydantic import ValidationError

from barrierfree.core.errors import BarrierfreeError, SettingsError
from barrierfree.core.settings import (
    DEV_SECRET_KEY,
    MIN_SECRET_KEY_LENGTH,
    Settings,
    get_settings,
    load_settings,
)

GOOD_SECRET = "s3cr3t-" + "x" * 40


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts from an environment without BARRIERFREE_* variables."""
    for name in list(os.environ):
        if name.startswith("BARRIERFREE_"):
            monkeypatch.delenv(name)


def _error_of(**overrides: object) -> str:
    with pytest.raises(SettingsError) as caught:
        load_settings(**overrides)
    return caught.value.message


def test_defaults_are_a_working_development_configuration(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path)
    assert settings.debug is True
    assert settings.secret_key == DEV_SECRET_KEY
    assert settings.default_language == "zh-CN"
    assert settings.timezone == "Asia/Shanghai"
    assert settings.session_days == 14
    assert settings.effective_database_url == f"sqlite:///{tmp_path / 'barrierfree.sqlite3'}"
    assert settings.is_sqlite


def test_environment_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BARRIERFREE_TIMEZONE", "Europe/Berlin")
    monkeypatch.setenv("BARRIERFREE_SESSION_DAYS", "7")
    monkeypatch.setenv("BARRIERFREE_DEFAULT_LANGUAGE", "en")
    settings = load_settings()
    assert settings.timezone == "Europe/Berlin"
    assert settings.session_days == 7
    assert settings.default_language == "en"


def test_explicit_overrides_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BARRIERFREE_SESSION_DAYS", "7")
    monkeypatch.setenv("BARRIERFREE_LOGIN_MAX_FAILURES", "9")
    settings = load_settings(session_days=3)
    assert settings.session_days == 3
    assert settings.login_max_failures == 9


def test_settings_are_frozen() -> None:
    settings = load_settings()
    with pytest.raises(ValidationError):
        settings.debug = False  # type: ignore[misc]
    assert settings.debug is True


def test_settings_error_is_a_platform_error_with_its_own_code() -> None:
    with pytest.raises(BarrierfreeError) as caught:
        load_settings(secret_key="short")
    assert isinstance(caught.value, SettingsError)
    assert caught.value.code == "bad-settings"


def test_short_secret_key_names_the_variable_and_the_minimum() -> None:
    message = _error_of(secret_key="too-short")
    assert "BARRIERFREE_SECRET_KEY" in message
    assert str(MIN_SECRET_KEY_LENGTH) in message


def test_short_secret_key_is_not_echoed_in_the_error() -> None:
    # A startup error ends up in logs; even a rejected secret must not be written there.
    secret = "hunter2-almost-my-real-key"
    message = _error_of(secret_key=secret)
    assert secret not in message
    assert "BARRIERFREE_SECRET_KEY" in message


def test_unknown_database_scheme_names_the_variable() -> None:
    message = _error_of(database_url="mysql://root@localhost/barrierfree")
    assert "BARRIERFREE_DATABASE_URL" in message
    assert "postgresql+psycopg://" in message


def test_database_password_is_not_echoed_in_the_error() -> None:
    message = _error_of(database_url="mysql://root:pa55word@db.internal:3306/bf")
    assert "pa55word" not in message
    assert "db.internal" in message


def test_bad_timezone_names_the_variable() -> None:
    message = _error_of(timezone="Mars/Olympus_Mons")
    assert "BARRIERFREE_TIMEZONE" in message
    assert "IANA" in message


def test_non_integer_session_days_from_the_environment_names_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BARRIERFREE_SESSION_DAYS", "fourteen")
    message = _error_of()
    assert "BARRIERFREE_SESSION_DAYS" in message
    assert "fourteen" in message


@pytest.mark.parametrize("days", [0, 91, -1])
def test_session_days_out_of_range_is_refused(days: int) -> None:
    assert "BARRIERFREE_SESSION_DAYS" in _error_of(session_days=days)


def test_unknown_language_is_refused() -> None:
    assert "BARRIERFREE_DEFAULT_LANGUAGE" in _error_of(default_language="fr")


def test_every_bad_variable_is_listed_at_once() -> None:
    message = _error_of(secret_key="short", timezone="Nowhere/Land", session_days="x", mail_backend="pigeon")
    for name in ("SECRET_KEY", "TIMEZONE", "SESSION_DAYS", "MAIL_BACKEND"):
        assert f"BARRIERFREE_{name}" in message
    assert message.startswith("barrierfree cannot start")
    assert "README.md" in message


def test_dev_secret_is_refused_when_debug_is_off() -> None:
    message = _error_of(debug=False)
    assert "BARRIERFREE_SECRET_KEY" in message
    assert "BARRIERFREE_DEBUG" in message


def test_dev_secret_is_refused_when_debug_is_switched_off_in_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BARRIERFREE_DEBUG", "false")
    assert "BARRIERFREE_SECRET_KEY" in _error_of()


def test_production_mode_starts_with_a_real_secret() -> None:
    settings = load_settings(debug=False, secret_key=GOOD_SECRET)
    assert settings.debug is False
    assert settings.secret_key == GOOD_SECRET


@pytest.mark.parametrize(
    ("given_url", "expected"),
    [
        ("postgres://bf:pw@127.0.0.1:5432/bf", "postgresql+psycopg://bf:pw@127.0.0.1:5432/bf"),
        ("postgresql://bf@localhost/bf", "postgresql+psycopg://bf@localhost/bf"),
        ("postgresql+psycopg://bf@localhost/bf", "postgresql+psycopg://bf@localhost/bf"),
        ("sqlite:////tmp/bf.sqlite3", "sqlite:////tmp/bf.sqlite3"),
    ],
)
def test_database_url_is_normalised_to_the_psycopg_driver(given_url: str, expected: str) -> None:
    settings = load_settings(database_url=given_url)
    assert settings.database_url == expected
    assert settings.effective_database_url == expected
    assert settings.is_sqlite is expected.startswith("sqlite")


def test_get_settings_reads_once() -> None:
    get_settings.cache_clear()
    try:
        first = get_settings()
        assert get_settings() is first
        assert isinstance(first, Settings)
    finally:
        get_settings.cache_clear()


@hypothesis_settings(max_examples=60)
@given(st.text(min_size=MIN_SECRET_KEY_LENGTH, max_size=200))
def test_any_secret_of_the_minimum_length_is_accepted(secret: str) -> None:
    assert load_settings(secret_key=secret).secret_key == secret


@hypothesis_settings(max_examples=60)
@given(st.text(max_size=MIN_SECRET_KEY_LENGTH - 1))
def test_any_shorter_secret_is_refused(secret: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(secret_key=secret)
    assert "BARRIERFREE_SECRET_KEY" in caught.value.message


@hypothesis_settings(max_examples=60)
@given(st.sampled_from(sorted(available_timezones())))
def test_every_iana_timezone_is_accepted(zone: str) -> None:
    assert load_settings(timezone=zone).timezone == zone
