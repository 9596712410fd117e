"""Password hashing (argon2id) and the password policy."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from barrierfree.core.errors import InvalidInput
from barrierfree.core.i18n import _

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256

_hasher = PasswordHasher()
# A real hash to verify against when the user does not exist, so that timing does not reveal usernames.
_DUMMY_HASH = _hasher.hash("barrierfree-timing-equaliser")


def check_policy(password: str, *, username: str) -> None:
    """Refuse passwords that are too short, too long or equal to the username."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            _("The password must have at least {n} characters.").format(n=MIN_PASSWORD_LENGTH),
            field="password",
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidInput(
            _("The password may have at most {n} characters.").format(n=MAX_PASSWORD_LENGTH),
            field="password",
        )
    if password.strip().lower() == username.strip().lower():
        raise InvalidInput(_("The password must not be the same as the username."), field="password")


def hash_password(password: str) -> str:
    """An argon2id hash with the library's current recommended parameters."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; with no hash, spend the same time and return False."""
    if len(password) > MAX_PASSWORD_LENGTH:
        return False
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash uses older parameters and should be replaced at the next login."""
    return _hasher.check_needs_rehash(password_hash)
