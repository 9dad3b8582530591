"""Accounts, sign-in and sessions.

A password is hashed with argon2id (argon2-cffi's defaults); the TOTP secret (RFC 6238, 30 s, 6 digits,
pyotp) is sealed with the user id as associated data, and each time step is accepted once. Failed
sign-ins are counted; after ``login_max_failures`` in a row the account is locked for
``login_lockout_minutes`` whatever is typed, and the answer never says which factor was wrong. A
session is a random cookie token of which SHA-256 is stored, with a CSRF token, an idle timeout and a
maximum age.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.orm import Session

from tipline.access.roles import Principal, Role
from tipline.audit import service as audit
from tipline.core.clock import utc_now
from tipline.core.crypto import Keyring
from tipline.core.errors import Conflict, Unauthenticated, Unprocessable
from tipline.models import User, UserSession
from tipline.users import repository

_hasher = PasswordHasher()
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MIN_PASSWORD = 12
ISSUER = "tipline"


@dataclass(frozen=True)
class Policy:
    max_failures: int = 5
    lockout: timedelta = timedelta(minutes=15)
    idle: timedelta = timedelta(minutes=30)
    max_age: timedelta = timedelta(hours=12)


def _totp_ad(user_id: uuid.UUID) -> bytes:
    return user_id.bytes + b"totp"


def add_user(
    session: Session,
    keyring: Keyring,
    username: str,
    role: Role,
    password: str,
    *,
    display_name: str | None = None,
    agency_code: str | None = None,
    actor: str = "cli",
) -> tuple[User, str]:
    """A new account; returns it with its TOTP secret (base32, shown once for the authenticator app).
    Law-enforcement roles need an agency; other roles must not have one."""
    username = username.strip().lower()
    if not _USERNAME.match(username):
        raise Unprocessable(
            "username: 2-64 lower-case letters, digits, dots, dashes", code="invalid_username"
        )
    if len(password) < MIN_PASSWORD:
        raise Unprocessable(f"the password needs at least {MIN_PASSWORD} characters", code="weak_password")
    if repository.by_username(session, username) is not None:
        raise Conflict(f"a user named {username!r} exists", code="user_exists")
    agency_id = None
    if role.is_law_enforcement:
        if not agency_code:
            raise Unprocessable("a law-enforcement user needs an agency", code="agency_required")
        agency = repository.agency_by_code(session, agency_code)
        if agency is None:
            raise Unprocessable(f"no agency {agency_code!r}", code="agency_unknown")
        agency_id = agency.id
    elif agency_code:
        raise Unprocessable("only law-enforcement users belong to an agency", code="agency_not_allowed")
    secret = pyotp.random_base32()
    user = User(
        id=uuid.uuid4(),
        username=username,
        display_name=(display_name or username)[:200],
        role=role.value,
        agency_id=agency_id,
        password_hash=_hasher.hash(password),
        totp_sealed=b"",
        totp_last_step=0,
        failed_logins=0,
        active=True,
    )
    user.totp_sealed = keyring.seal(secret.encode(), associated=_totp_ad(user.id))
    session.add(user)
    session.flush()
    audit.record(session, actor, "user.added", str(user.id), role=role.value)
    return user, secret


def current_code(session: Session, keyring: Keyring, username: str) -> str:
    """The TOTP code of this moment (for demos and development only: the CLI refuses it in production)."""
    user = repository.by_username(session, username.strip().lower())
    if user is None:
        raise Unprocessable(f"no user {username!r}", code="user_unknown")
    secret = keyring.open(user.totp_sealed, associated=_totp_ad(user.id)).decode()
    return pyotp.TOTP(secret).now()


def exists(session: Session, username: str) -> bool:
    return repository.by_username(session, username.strip().lower()) is not None


def provisioning_uri(username: str, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def set_active(session: Session, username: str, active: bool, actor: str) -> User:
    user = repository.by_username(session, username, for_update=True)
    if user is None:
        raise Unprocessable(f"no user {username!r}", code="user_unknown")
    user.active = active
    if not active:
        for s in session.query(UserSession).filter(
            UserSession.user_id == user.id, UserSession.ended_at.is_(None)
        ):
            s.ended_at = utc_now()
    audit.record(session, actor, "user.activated" if active else "user.deactivated", str(user.id))
    return user


def unlock(session: Session, username: str, actor: str) -> User:
    user = repository.by_username(session, username, for_update=True)
    if user is None:
        raise Unprocessable(f"no user {username!r}", code="user_unknown")
    user.failed_logins, user.locked_until = 0, None
    audit.record(session, actor, "user.unlocked", str(user.id))
    return user


class SignInFailed(Unauthenticated):
    """Wrong name, password or code, or a locked or inactive account: one answer for all."""

    def __init__(self) -> None:
        super().__init__("the name, password or code is not right, or the account is locked")
        self.code = "sign_in_failed"


@dataclass(frozen=True)
class Started:
    token: str  # the cookie value (shown to the browser only)
    csrf: str
    principal: Principal


def sign_in(
    session: Session,
    keyring: Keyring,
    username: str,
    password: str,
    code: str,
    policy: Policy,
    now: datetime | None = None,
) -> Started | None:
    """A new session, or None when sign-in failed (the failure is counted and audited by the caller's
    unit of work: it must commit even though sign-in failed)."""
    now = now or utc_now()
    user = repository.by_username(session, username.strip().lower(), for_update=True)
    if user is None:
        _hasher_dummy(password)
        audit.record(session, "anonymous", "auth.failed", None, reason="unknown_user")
        return None
    if not user.active or (user.locked_until is not None and user.locked_until > now):
        audit.record(session, f"user:{user.id}", "auth.failed", str(user.id), reason="locked_or_inactive")
        return None
    ok = _password_ok(user, password) and _totp_ok(keyring, user, code, now)
    if not ok:
        user.failed_logins += 1
        locked = user.failed_logins >= policy.max_failures
        if locked:
            user.locked_until = now + policy.lockout
            user.failed_logins = 0
        audit.record(session, f"user:{user.id}", "auth.failed", str(user.id), locked=locked)
        return None
    user.failed_logins, user.locked_until, user.last_login_at = 0, None, now
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    session.add(
        UserSession(token_hash=_hash(token), user_id=user.id, csrf=csrf, created_at=now, last_seen_at=now)
    )
    audit.record(session, f"user:{user.id}", "auth.signed_in", str(user.id))
    return Started(token, csrf, principal_of(session, user))


def _hasher_dummy(password: str) -> None:
    # the same work as a real check, so an unknown name takes as long as a wrong password
    with contextlib.suppress(VerificationError, InvalidHashError):
        _hasher.verify(_dummy_hash(), password)


@functools.cache
def _dummy_hash() -> str:
    return _hasher.hash("not a password of anyone")


def _password_ok(user: User, password: str) -> bool:
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _totp_ok(keyring: Keyring, user: User, code: str, now: datetime) -> bool:
    code = code.strip().replace(" ", "")
    if not code.isdigit() or len(code) != 6:
        return False
    secret = keyring.open(user.totp_sealed, associated=_totp_ad(user.id)).decode()
    totp = pyotp.TOTP(secret)
    step = int(now.timestamp()) // totp.interval
    for candidate in (step, step - 1, step + 1):  # one step of clock drift either way
        if candidate > user.totp_last_step and secrets.compare_digest(totp.generate_otp(candidate), code):
            user.totp_last_step = candidate
            return True
    return False


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def principal_of(session: Session, user: User) -> Principal:
    return Principal(
        user_id=user.id,
        username=user.username,
        role=Role(user.role),
        agency_id=user.agency_id,
        agency_code=repository.agency_code(session, user.agency_id),
    )


@dataclass(frozen=True)
class Current:
    principal: Principal
    csrf: str
    display_name: str


def resume(
    session: Session, token: str | None, policy: Policy, now: datetime | None = None
) -> Current | None:
    """The session a cookie names, touched; None when absent, ended, idle too long or too old."""
    if not token:
        return None
    now = now or utc_now()
    found = repository.session_row(session, _hash(token))
    if found is None:
        return None
    row, user = found
    if row.ended_at is not None or not user.active:
        return None
    if now - row.last_seen_at > policy.idle or now - row.created_at > policy.max_age:
        row.ended_at = now
        return None
    if now - row.last_seen_at > timedelta(seconds=30):  # not a write on every request
        row.last_seen_at = now
    return Current(principal_of(session, user), row.csrf, user.display_name)


def sign_out(session: Session, token: str | None) -> None:
    if not token:
        return
    found = repository.session_row(session, _hash(token))
    if found is not None and found[0].ended_at is None:
        found[0].ended_at = utc_now()
        audit.record(session, f"user:{found[1].id}", "auth.signed_out", str(found[1].id))


def list_users(session: Session) -> list[dict[str, Any]]:
    return [
        {
            "username": u.username,
            "display_name": u.display_name,
            "role": u.role,
            "agency": code,
            "active": u.active,
            "locked": u.locked_until is not None and u.locked_until > utc_now(),
            "last_login_at": u.last_login_at,
        }
        for u, code in repository.all_users(session)
    ]
