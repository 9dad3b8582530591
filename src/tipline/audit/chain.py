"""The audit log's hash chain (pure): how one entry's hash is computed from its predecessor's.

Changing this function invalidates every stored chain; the migration that introduced the chain
(0007) imports it to chain the rows that existed before.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

import orjson

GENESIS = "0" * 64


def entry_hash(
    prev_hash: str,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    target: str | None,
    purpose: str | None,
    data: Any,
) -> str:
    body = orjson.dumps(
        [prev_hash, seq, at.isoformat(timespec="microseconds"), actor, action, target, purpose, data],
        option=orjson.OPT_SORT_KEYS,
    )
    return hashlib.sha256(body).hexdigest()
