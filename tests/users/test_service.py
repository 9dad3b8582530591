"""Sign-in: argon2 password, TOTP once per step, lockout, sessions with idle timeout and maximum age."""

from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import select

from tipline.access.roles import Role
from tipline.audit import service as audit
from tipline.context import Context
from tipline.core.clock import utc_now
from tipline.core.errors import Conflict, Unprocessable
from tipline.forwarding import service as forwarding
from tipline.models import User
from tipline.users import service as users

PASSWORD = "a long enough password"
POLICY = users.Policy(max_failures=3, lockout=timedelta(minutes=15), idle=timedelta(minutes=30))


@pytest.fixture
def alice(ctx: Context) -> str:
    with ctx.unit() as session:
        _, secret = users.add_user(session, ctx.keyring, "alice", Role.analyst, PASSWORD)
    return secret


def _sign_in(ctx: Context, code: str, password: str = PASSWORD, now=None) -> users.Started | None:  # type: ignore[no-untyped-def]
    with ctx.unit() as session:
        return users.sign_in(session, ctx.keyring, "alice", password, code, POLICY, now)


def test_password_is_argon2_and_totp_secret_is_sealed(ctx: Context, alice: str) -> None:
    with ctx.unit() as session:
        user = session.scalars(select(User)).one()
        assert user.password_hash.startswith("$argon2id$")
        assert alice.encode() not in user.totp_sealed


def test_sign_in_needs_password_and_code(ctx: Context, alice: str) -> None:
    code = pyotp.TOTP(alice).now()
    assert _sign_in(ctx, code, password="wrong password!") is None
    started = _sign_in(ctx, code)
    assert started is not None
    assert started.principal.role is Role.analyst
    with ctx.unit() as session:
        assert users.resume(session, started.token, POLICY) is not None
        assert users.resume(session, started.token + "x", POLICY) is None


def test_a_code_is_accepted_once(ctx: Context, alice: str) -> None:
    code = pyotp.TOTP(alice).now()
    assert _sign_in(ctx, code) is not None
    assert _sign_in(ctx, code) is None  # replayed


def test_lockout_after_repeated_failures_even_with_the_right_factors(ctx: Context, alice: str) -> None:
    for _ in range(3):
        assert _sign_in(ctx, "000000", password="nope nope nope") is None
    assert _sign_in(ctx, pyotp.TOTP(alice).now()) is None  # locked
    later = utc_now() + timedelta(minutes=16)
    assert _sign_in(ctx, pyotp.TOTP(alice).at(later), now=later) is not None
    with ctx.unit() as session:
        failed = audit.search(session, action="auth.failed")
        assert len(failed) == 4
        assert any(r.data.get("locked") for r in failed)


def test_sessions_end_when_idle_too_long_or_signed_out(ctx: Context, alice: str) -> None:
    started = _sign_in(ctx, pyotp.TOTP(alice).now())
    assert started is not None
    with ctx.unit() as session:
        assert users.resume(session, started.token, POLICY, utc_now() + timedelta(minutes=31)) is None
        assert users.resume(session, started.token, POLICY) is None  # ended for good
    again = _sign_in(ctx, pyotp.TOTP(alice).at(utc_now() + timedelta(seconds=30)))
    assert again is not None
    with ctx.unit() as session:
        users.sign_out(session, again.token)
    with ctx.unit() as session:
        assert users.resume(session, again.token, POLICY) is None


def test_deactivated_user_cannot_sign_in_or_resume(ctx: Context, alice: str) -> None:
    started = _sign_in(ctx, pyotp.TOTP(alice).now())
    assert started is not None
    with ctx.unit() as session:
        users.set_active(session, "alice", False, "test")
    with ctx.unit() as session:
        assert users.resume(session, started.token, POLICY) is None
    assert _sign_in(ctx, pyotp.TOTP(alice).at(utc_now() + timedelta(seconds=30))) is None


def test_roles_and_agencies(ctx: Context) -> None:
    with ctx.unit() as session:
        forwarding.seed_agencies(session)
        with pytest.raises(Unprocessable, match="agency"):
            users.add_user(session, ctx.keyring, "bob", Role.le_officer, PASSWORD)
        with pytest.raises(Unprocessable, match="agency"):
            users.add_user(session, ctx.keyring, "bob", Role.analyst, PASSWORD, agency_code="DE")
        with pytest.raises(Unprocessable, match="password"):
            users.add_user(session, ctx.keyring, "bob", Role.analyst, "short")
        user, _ = users.add_user(session, ctx.keyring, "bob", Role.le_officer, PASSWORD, agency_code="DE")
        assert users.principal_of(session, user).agency_code == "DE"
        with pytest.raises(Conflict):
            users.add_user(session, ctx.keyring, "BOB", Role.analyst, PASSWORD)
