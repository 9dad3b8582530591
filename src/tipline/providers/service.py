"""Registering providers and issuing and checking their API keys.

A key looks like ``tl_<prefix>_<secret>``. Only SHA-256 of the whole key is stored: keys are 256-bit
random strings, so a slow password hash would add latency to every request without adding safety.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from sqlalchemy.orm import Session

from tipline.core.errors import Conflict, Unauthenticated, Unprocessable
from tipline.models import ApiKey, Provider
from tipline.providers import repository

_KEY_RE = re.compile(r"^tl_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$")
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,199}$")


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _new_key(session: Session, provider: Provider) -> str:
    prefix = secrets.token_hex(8)
    key = f"tl_{prefix}_{secrets.token_urlsafe(32)}"
    session.add(ApiKey(provider_id=provider.id, prefix=prefix, key_hash=_hash(key)))
    return key


def add_provider(session: Session, name: str) -> tuple[Provider, str]:
    """Register a provider; returns it with its first API key (shown once, never stored)."""
    if not _NAME_RE.match(name):
        raise Unprocessable("provider name: 1-200 letters, digits, spaces, dots, dashes", code="invalid_name")
    if repository.get_by_name(session, name) is not None:
        raise Conflict(f"a provider named {name!r} exists", code="provider_exists")
    provider = Provider(name=name)
    session.add(provider)
    session.flush()
    return provider, _new_key(session, provider)


def issue_key(session: Session, name: str) -> str:
    """A further key for an existing provider (rotation); the old keys stay valid until revoked."""
    provider = repository.get_by_name(session, name)
    if provider is None:
        raise Conflict(f"no provider named {name!r}", code="provider_unknown")
    return _new_key(session, provider)


def authenticate(session: Session, key: str | None) -> Provider:
    match = _KEY_RE.match(key or "")
    if match is None:
        raise Unauthenticated()
    found = repository.get_key_by_prefix(session, match.group(1))
    if found is None or not hmac.compare_digest(found[0].key_hash, _hash(key or "")):
        raise Unauthenticated()
    return found[1]
