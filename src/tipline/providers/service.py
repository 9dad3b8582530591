"""Registering providers and issuing and checking their API keys.

A key looks like ``tl_<prefix>_<secret>``. Only SHA-256 of the whole key is stored: keys are 256-bit
random strings, so a slow password hash would add latency to every request without adding safety.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
import uuid

from sqlalchemy.orm import Session

from tipline.core.errors import Conflict, Forbidden, Unauthenticated, Unprocessable
from tipline.models import ApiKey, Provider
from tipline.providers import repository

_KEY_RE = re.compile(r"^tl_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$")
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,199}$")
# report: submit reports; match: query the banks; curate: manage banks and indicators
SCOPES = ("report", "match", "curate", "assess")


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _new_key(session: Session, provider: Provider, scopes: tuple[str, ...]) -> str:
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown or not scopes:
        raise Unprocessable(f"scopes must be among {', '.join(SCOPES)}", code="invalid_scope")
    prefix = secrets.token_hex(8)
    key = f"tl_{prefix}_{secrets.token_urlsafe(32)}"
    ordered = " ".join(s for s in SCOPES if s in scopes)
    session.add(ApiKey(provider_id=provider.id, prefix=prefix, key_hash=_hash(key), scopes=ordered))
    return key


def add_provider(session: Session, name: str, scopes: tuple[str, ...] = ("report",)) -> tuple[Provider, str]:
    """Register a provider (or another organisation using the API); returns it with its first API key
    (shown once, never stored)."""
    if not _NAME_RE.match(name):
        raise Unprocessable("provider name: 1-200 letters, digits, spaces, dots, dashes", code="invalid_name")
    if repository.get_by_name(session, name) is not None:
        raise Conflict(f"a provider named {name!r} exists", code="provider_exists")
    provider = Provider(name=name)
    session.add(provider)
    session.flush()
    return provider, _new_key(session, provider, scopes)


def ensure_provider(session: Session, name: str) -> Provider:
    """The provider of this name, registered if new (its first key is not shown: in-process loading
    needs none, `tipline provider key` issues one)."""
    return repository.get_by_name(session, name) or add_provider(session, name)[0]


def issue_key(session: Session, name: str, scopes: tuple[str, ...] = ("report",)) -> str:
    """A further key for an existing provider (rotation); the old keys stay valid until revoked."""
    provider = repository.get_by_name(session, name)
    if provider is None:
        raise Conflict(f"no provider named {name!r}", code="provider_unknown")
    return _new_key(session, provider, scopes)


class KeyCache:
    """Recently verified keys, per process, so that a busy provider is not looked up on every request.

    Holds only the SHA-256 of each key, its scopes and the provider's id and name. A revoked key stays
    usable in a process for at most ``ttl`` seconds; ``ttl`` 0 disables the cache.
    """

    def __init__(self, ttl: float, max_entries: int = 10_000) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._entries: dict[str, tuple[float, uuid.UUID, str, frozenset[str]]] = {}

    def get(self, key_hash: str) -> tuple[Provider, frozenset[str]] | None:
        entry = self._entries.get(key_hash)
        if entry is None or entry[0] < time.monotonic():
            return None
        return Provider(id=entry[1], name=entry[2]), entry[3]

    def put(self, key_hash: str, provider: Provider, scopes: frozenset[str]) -> None:
        if self.ttl <= 0:
            return
        if len(self._entries) >= self.max_entries:
            self._entries.clear()
        self._entries[key_hash] = (time.monotonic() + self.ttl, provider.id, provider.name, scopes)


def authenticate(
    session: Session, key: str | None, cache: KeyCache | None = None, scope: str = "report"
) -> Provider:
    """The provider a key belongs to; Unauthenticated for a missing, malformed, unknown or revoked key,
    Forbidden for a key without ``scope``.

    A provider from the cache is a detached object carrying only ``id`` and ``name``.
    """
    match = _KEY_RE.match(key or "")
    if match is None:
        raise Unauthenticated()
    key_hash = _hash(key or "")
    cached = cache.get(key_hash) if cache is not None else None
    if cached is None:
        found = repository.get_key_by_prefix(session, match.group(1))
        if found is None or not hmac.compare_digest(found[0].key_hash, key_hash):
            raise Unauthenticated()
        cached = found[1], frozenset(found[0].scopes.split())
        if cache is not None:
            cache.put(key_hash, *cached)
    provider, scopes = cached
    if scope not in scopes:
        raise Forbidden(f"this API key may not {_VERBS[scope]}", code="scope_missing")
    return provider


_VERBS = {
    "report": "submit reports",
    "match": "query the banks",
    "curate": "manage the banks",
    "assess": "read or change assessments",
}


def actor_of(provider: Provider) -> str:
    """How a provider's actions are attributed in event logs and the audit trail."""
    return f"provider:{provider.id}"
