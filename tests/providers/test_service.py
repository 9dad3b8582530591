"""API keys: issued once, stored as hashes, verified, cached briefly."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from tipline.context import Context
from tipline.core.errors import Conflict, Unauthenticated, Unprocessable
from tipline.models import ApiKey
from tipline.providers import service


def test_key_is_stored_only_as_a_hash(ctx: Context) -> None:
    with ctx.unit() as session:
        provider, key = service.add_provider(session, "Example Mail")
    with ctx.unit() as session:
        row = session.scalars(select(ApiKey)).one()
        assert row.key_hash == hashlib.sha256(key.encode()).hexdigest()
        assert key not in (row.prefix, row.key_hash)
        assert service.authenticate(session, key).id == provider.id


def test_rotation_keeps_both_keys_valid(ctx: Context) -> None:
    with ctx.unit() as session:
        provider, first = service.add_provider(session, "Example Mail")
        second = service.issue_key(session, "Example Mail")
    with ctx.unit() as session:
        assert service.authenticate(session, first).id == provider.id
        assert service.authenticate(session, second).id == provider.id


@pytest.mark.parametrize("name", ["", " leading space", "x" * 201, "semi;colon"])
def test_bad_names_are_refused(ctx: Context, name: str) -> None:
    with pytest.raises(Unprocessable), ctx.unit() as session:
        service.add_provider(session, name)


def test_duplicate_name_is_a_conflict(ctx: Context) -> None:
    with ctx.unit() as session:
        service.add_provider(session, "Example Mail")
    with pytest.raises(Conflict), ctx.unit() as session:
        service.add_provider(session, "Example Mail")


def test_tampered_key_is_refused(ctx: Context) -> None:
    with ctx.unit() as session:
        _, key = service.add_provider(session, "Example Mail")
    forged = key[:-1] + ("A" if key[-1] != "A" else "B")
    with pytest.raises(Unauthenticated), ctx.unit() as session:
        service.authenticate(session, forged)


def test_cache_remembers_then_forgets(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    with ctx.unit() as session:
        provider, key = service.add_provider(session, "Example Mail")
    cache = service.KeyCache(ttl=30)
    with ctx.unit() as session:
        service.authenticate(session, key, cache)
    with ctx.unit() as session:  # the key's row is gone: only the cache can answer
        session.execute(ApiKey.__table__.delete())
    with ctx.unit() as session:
        assert service.authenticate(session, key, cache).id == provider.id
    now = service.time.monotonic()
    monkeypatch.setattr(service.time, "monotonic", lambda: now + 31)
    with pytest.raises(Unauthenticated), ctx.unit() as session:
        service.authenticate(session, key, cache)


def test_disabled_cache_never_remembers() -> None:
    cache = service.KeyCache(ttl=0)
    cache.put("h", service.Provider(id=None, name="x"), frozenset({"report"}))
    assert cache.get("h") is None
