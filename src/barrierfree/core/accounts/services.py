"""Sign-up, login with lockout, sessions, API tokens, password change and reset."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from barrierfree.core.accounts.models import ApiToken, LoginAttempt, PasswordReset, User, UserSession
from barrierfree.core.accounts.passwords import check_policy, hash_password, needs_rehash, verify_password
from barrierfree.core.accounts.tokens import digest, new_token
from barrierfree.core.audit import Actor, record
from barrierfree.core.clock import utcnow
from barrierfree.core.errors import Conflict, InvalidInput, NotAuthenticated, NotFound, TooManyAttempts
from barrierfree.core.i18n import LANGUAGES, _

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]{2,39}$")
EMAIL_PATTERN = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s.]{2,63}$")
MAX_DISPLAY_NAME = 80
MAX_TOKEN_NAME = 80
MAX_ACTIVE_API_TOKENS = 20
API_TOKEN_PREFIX = "bf_"  # noqa: S105 - a public marker, not a secret
LOGIN_WINDOW_MINUTES = 15


@dataclass(frozen=True)
class LoginLimits:
    """How many failures lock an account or throttle an address, and for how long."""

    max_failures: int = 5
    lockout_minutes: int = 15
    ip_max_failures: int = 30
    window_minutes: int = LOGIN_WINDOW_MINUTES


def actor_for(user: User, ip: str | None = None) -> Actor:
    """The audit identity of a user."""
    return Actor(user_id=user.id, label=user.username, ip=ip, is_admin=user.is_admin)


def normalise_username(username: str) -> str:
    """Lower-case and check a username; raise InvalidInput saying what is allowed."""
    value = username.strip().lower()
    if not USERNAME_PATTERN.fullmatch(value):
        raise InvalidInput(
            _(
                "A username has 3 to 40 characters: lower-case letters, digits, '.', '_' or '-', "
                "starting with a letter or digit."
            ),
            field="username",
        )
    return value


def _clean_email(email: str | None) -> str | None:
    value = (email or "").strip().lower()
    if not value:
        return None
    if len(value) > 254 or not EMAIL_PATTERN.fullmatch(value):
        raise InvalidInput(_("That does not look like an e-mail address, such as name@example.cn."), field="email")
    return value


def _clean_display_name(display_name: str, fallback: str) -> str:
    value = " ".join(display_name.split()) or fallback
    if len(value) > MAX_DISPLAY_NAME:
        raise InvalidInput(
            _("The display name may have at most {n} characters.").format(n=MAX_DISPLAY_NAME),
            field="display_name",
        )
    return value


def sign_up(
    session: Session,
    *,
    username: str,
    password: str,
    display_name: str = "",
    email: str | None = None,
    language: str | None = None,
    is_admin: bool = False,
    ip: str | None = None,
) -> User:
    """Create an account after checking every field; nothing is stored when any field is wrong."""
    name = normalise_username(username)
    check_policy(password, username=name)
    mail = _clean_email(email)
    if language is not None and language not in LANGUAGES:
        raise InvalidInput(_("Unsupported language."), field="language")
    if session.scalar(select(User.id).where(User.username == name)) is not None:
        raise Conflict(_("The username “{name}” is taken. Choose another.").format(name=name), field="username")
    if mail and session.scalar(select(User.id).where(User.email == mail)) is not None:
        raise Conflict(_("An account with this e-mail address exists. Log in or reset its password."), field="email")
    user = User(
        username=name,
        email=mail,
        display_name=_clean_display_name(display_name, name),
        password_hash=hash_password(password),
        language=language,
        is_admin=is_admin,
    )
    session.add(user)
    session.flush()
    record(session, actor_for(user, ip), "account.created", subject_user_id=user.id)
    return user


def _throttle_address(session: Session, ip: str, limits: LoginLimits) -> None:
    since = utcnow() - timedelta(minutes=limits.window_minutes)
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < since))
    failures = session.scalar(
        select(func.count()).select_from(LoginAttempt).where(LoginAttempt.ip == ip, LoginAttempt.at >= since)
    )
    if (failures or 0) >= limits.ip_max_failures:
        raise TooManyAttempts(
            _("Too many failed logins from this address. Wait {n} minutes and try again.").format(
                n=limits.window_minutes
            ),
            retry_after=limits.window_minutes * 60,
        )


def _locked_error(seconds: int) -> TooManyAttempts:
    minutes = max(1, -(-seconds // 60))
    return TooManyAttempts(
        _(
            "This account is locked for {n} minutes after too many failed logins. "
            "Wait, or reset the password to unlock it now."
        ).format(n=minutes),
        retry_after=seconds,
    )


def authenticate(session: Session, username: str, password: str, *, ip: str, limits: LoginLimits) -> User:
    """Check a login. Failures are committed before raising, so lockout counts survive the error."""
    _throttle_address(session, ip, limits)
    user = session.scalar(select(User).where(User.username == username.strip().lower()[:40]))
    now = utcnow()
    if user is not None and user.locked_until is not None and user.locked_until > now:
        raise _locked_error(int((user.locked_until - now).total_seconds()))
    if user is None or not verify_password(user.password_hash, password):
        session.add(LoginAttempt(ip=ip[:45], username=username.strip().lower()[:40]))
        if user is not None:
            user.failed_logins += 1
            record(session, actor_for(user, ip), "account.login_failed", subject_user_id=user.id)
            if user.failed_logins >= limits.max_failures:
                user.failed_logins = 0
                user.locked_until = now + timedelta(minutes=limits.lockout_minutes)
                record(session, actor_for(user, ip), "account.locked", subject_user_id=user.id)
                session.commit()
                raise _locked_error(limits.lockout_minutes * 60)
        session.commit()  # the failure must persist although the caller's unit of work fails
        raise NotAuthenticated(_("Wrong username or password. Check both and try again."))
    user.failed_logins = 0
    user.locked_until = None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    record(session, actor_for(user, ip), "account.login", subject_user_id=user.id)
    return user


def start_session(session: Session, user: User, *, days: int) -> str:
    """Open a browser session; returns the cookie value (stored only as a hash)."""
    raw = new_token()
    now = utcnow()
    session.execute(delete(UserSession).where(UserSession.user_id == user.id, UserSession.expires_at <= now))
    session.add(UserSession(token_hash=digest(raw), user_id=user.id, expires_at=now + timedelta(days=days)))
    return raw


def user_for_session(session: Session, raw: str | None) -> User | None:
    """The user behind a session cookie, or None when it is unknown or expired."""
    if not raw or len(raw) > 200:
        return None
    found = session.scalar(select(UserSession).where(UserSession.token_hash == digest(raw)))
    if found is None or found.expires_at <= utcnow():
        return None
    return found.user


def end_session(session: Session, raw: str | None) -> None:
    """Log a browser out (idempotent)."""
    if raw:
        session.execute(delete(UserSession).where(UserSession.token_hash == digest(raw)))


def _replace_password(session: Session, user: User, new: str) -> None:
    """Store a new hash, log every browser out and spend every outstanding reset link."""
    now = utcnow()
    user.password_hash = hash_password(new)
    user.password_changed_at = now
    session.execute(delete(UserSession).where(UserSession.user_id == user.id))
    session.execute(
        update(PasswordReset)
        .where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
        .values(used_at=now)
    )


def change_password(session: Session, user: User, current: str, new: str, *, ip: str | None = None) -> None:
    """Replace the password after checking the current one; every other session is logged out."""
    if not verify_password(user.password_hash, current):
        raise InvalidInput(_("The current password is wrong."), field="current_password")
    check_policy(new, username=user.username)
    _replace_password(session, user, new)
    record(session, actor_for(user, ip), "account.password_changed", subject_user_id=user.id)


def request_password_reset(
    session: Session, identifier: str, *, minutes: int, ip: str | None = None
) -> tuple[User, str] | None:
    """Create a reset token for the account with this username or e-mail; None when there is none."""
    key = identifier.strip().lower()[:254]
    user = session.scalar(select(User).where((User.username == key) | (User.email == key)))
    if user is None:
        return None
    raw = new_token()
    session.add(
        PasswordReset(user_id=user.id, token_hash=digest(raw), expires_at=utcnow() + timedelta(minutes=minutes))
    )
    record(session, Actor(user_id=None, label="anonymous", ip=ip), "account.reset_requested", subject_user_id=user.id)
    return user, raw


def _valid_reset(session: Session, raw: str) -> PasswordReset:
    reset = session.scalar(select(PasswordReset).where(PasswordReset.token_hash == digest(raw[:200])))
    if reset is None or reset.used_at is not None or reset.expires_at <= utcnow():
        raise NotFound(_("This reset link is unknown, used or expired. Ask for a new one."))
    return reset


def check_reset_token(session: Session, raw: str) -> None:
    """Raise NotFound unless the token can still be used (to show the form only when it can)."""
    _valid_reset(session, raw)


def reset_password(session: Session, raw: str, new: str, *, ip: str | None = None) -> User:
    """Set a new password with a reset token; the token is spent and the lockout cleared."""
    reset = _valid_reset(session, raw)
    user = session.get_one(User, reset.user_id)
    check_policy(new, username=user.username)
    _replace_password(session, user, new)
    user.failed_logins = 0
    user.locked_until = None
    record(session, actor_for(user, ip), "account.password_reset", subject_user_id=user.id)
    return user


def create_api_token(session: Session, user: User, name: str) -> tuple[ApiToken, str]:
    """Issue a bearer token; the raw value is returned once and never stored."""
    label = " ".join(name.split())
    if not label or len(label) > MAX_TOKEN_NAME:
        raise InvalidInput(_("Give the token a name of 1 to {n} characters.").format(n=MAX_TOKEN_NAME), field="name")
    active = session.scalar(
        select(func.count()).select_from(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    )
    if (active or 0) >= MAX_ACTIVE_API_TOKENS:
        raise Conflict(
            _("You have {n} active tokens, the most allowed. Revoke one first.").format(n=MAX_ACTIVE_API_TOKENS)
        )
    raw = new_token(API_TOKEN_PREFIX)
    token = ApiToken(user_id=user.id, name=label, prefix=raw[:8], token_hash=digest(raw))
    session.add(token)
    session.flush()
    record(session, actor_for(user), "token.created", subject_user_id=user.id, detail={"token_id": token.id})
    return token, raw


def user_for_api_token(session: Session, raw: str) -> User | None:
    """The user behind a bearer token, or None when it is unknown or revoked."""
    if not raw.startswith(API_TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(raw)))
    if token is None or token.revoked_at is not None:
        return None
    token.last_used_at = utcnow()
    return token.user


def list_api_tokens(session: Session, user: User) -> list[ApiToken]:
    """The user's tokens, newest first."""
    return list(session.scalars(select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc())))


def revoke_api_token(session: Session, user: User, token_id: int) -> None:
    """Revoke one of the user's own tokens."""
    token = session.scalar(select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user.id))
    if token is None:
        raise NotFound(_("No such token."))
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        record(session, actor_for(user), "token.revoked", subject_user_id=user.id, detail={"token_id": token_id})


def set_preferences(session: Session, user: User, *, language: str | None, elder_mode: bool | None) -> None:
    """Remember a user's language and elder mode across devices."""
    if language is not None:
        if language not in LANGUAGES:
            raise InvalidInput(_("Unsupported language."), field="language")
        user.language = language
    if elder_mode is not None:
        user.elder_mode = elder_mode


def get_user(session: Session, username: str) -> User:
    """A user by username, or NotFound."""
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise NotFound(_("No user “{name}”.").format(name=username[:40]))
    return user


def list_users(session: Session, *, limit: int = 200, offset: int = 0) -> list[User]:
    """Every user, oldest first (for administrators)."""
    return list(session.scalars(select(User).order_by(User.id).limit(limit).offset(offset)))
