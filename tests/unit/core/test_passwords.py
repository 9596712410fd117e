"""Tests of barrierfree.core.accounts.passwords: the policy (pure, property-tested) and argon2id hashing."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from barrierfree.core.accounts.passwords import (
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    check_policy,
    hash_password,
    needs_rehash,
    verify_password,
)
from barrierfree.core.errors import InvalidInput

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def stored_hash() -> str:
    """One hash shared by the verify tests (argon2 costs ~0.1 s per call)."""
    return hash_password(PASSWORD)


def test_policy_accepts_the_shortest_and_the_longest_allowed_password() -> None:
    check_policy("a" * MIN_PASSWORD_LENGTH, username="li.ming")
    check_policy("b" * MAX_PASSWORD_LENGTH, username="li.ming")


@pytest.mark.parametrize("password", ["", "short", "a" * (MIN_PASSWORD_LENGTH - 1)])
def test_policy_refuses_short_passwords(password: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_policy(password, username="li.ming")
    assert caught.value.field == "password"
    assert str(MIN_PASSWORD_LENGTH) in caught.value.message


def test_policy_refuses_over_long_passwords() -> None:
    with pytest.raises(InvalidInput) as caught:
        check_policy("x" * (MAX_PASSWORD_LENGTH + 1), username="li.ming")
    assert caught.value.field == "password"
    assert str(MAX_PASSWORD_LENGTH) in caught.value.message


@pytest.mark.parametrize("password", ["wang.fang.2024", "WANG.FANG.2024", "  Wang.Fang.2024  "])
def test_policy_refuses_the_username_as_password(password: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_policy(password, username="wang.fang.2024")
    assert caught.value.field == "password"


@hypothesis_settings(max_examples=300)
@given(st.text(max_size=MAX_PASSWORD_LENGTH + 20), st.text(max_size=45))
def test_policy_refuses_exactly_the_bad_passwords(password: str, username: str) -> None:
    bad = (
        len(password) < MIN_PASSWORD_LENGTH
        or len(password) > MAX_PASSWORD_LENGTH
        or password.strip().lower() == username.strip().lower()
    )
    try:
        check_policy(password, username=username)
    except InvalidInput as error:
        assert bad
        assert error.field == "password"
    else:
        assert not bad


def test_hash_is_argon2id_and_salted(stored_hash: str) -> None:
    other = hash_password(PASSWORD)
    assert stored_hash.startswith("$argon2id$")
    assert other != stored_hash
    assert PASSWORD not in stored_hash
    assert verify_password(other, PASSWORD)


def test_verify_accepts_the_right_password(stored_hash: str) -> None:
    assert verify_password(stored_hash, PASSWORD) is True


@pytest.mark.parametrize("attempt", ["correct horse batterY", "correct horse battery ", "", "x" * 20])
def test_verify_refuses_a_wrong_password(stored_hash: str, attempt: str) -> None:
    assert verify_password(stored_hash, attempt) is False


def test_verify_without_a_hash_is_false() -> None:
    assert verify_password(None, PASSWORD) is False
    assert verify_password("", PASSWORD) is False


def test_verify_without_a_hash_is_false_even_for_the_internal_timing_password() -> None:
    # The dummy hash used to equalise timing must never let anyone in.
    assert verify_password(None, "barrierfree-timing-equaliser") is False


def test_verify_refuses_a_corrupt_hash() -> None:
    assert verify_password("not-an-argon2-hash", PASSWORD) is False
    assert verify_password("$argon2id$v=19$m=65536,t=3,p=4$broken", PASSWORD) is False


def test_verify_refuses_over_long_passwords_without_hashing_them() -> None:
    too_long = "y" * (MAX_PASSWORD_LENGTH + 1)
    assert verify_password(hash_password(too_long), too_long) is False


def test_unicode_passwords_round_trip() -> None:
    password = "无障碍 服务平台 密码 ⠃⠗⠁⠊⠇⠇⠑"
    hashed = hash_password(password)
    assert verify_password(hashed, password)
    assert not verify_password(hashed, password.replace("密码", "口令"))


def test_fresh_hashes_do_not_need_rehashing(stored_hash: str) -> None:
    assert needs_rehash(stored_hash) is False


def test_hashes_with_weaker_parameters_need_rehashing() -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    assert needs_rehash(weak) is True
    assert verify_password(weak, PASSWORD)
