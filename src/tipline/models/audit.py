"""The audit trail: who did what to which resource, why, with counts but never report content or hashes.

Rows are chained: ``seq`` is drawn from the ``counters`` row ``audit`` when the unit of work commits, and
``hash = SHA-256(prev_hash, seq, at, actor, action, target, purpose, data)`` (``audit/chain.py``), so an
edited, inserted or deleted row is detected by ``tipline audit verify``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from tipline.core.clock import utc_now
from tipline.core.orm import Base, BigId


class AuditRecord(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utc_now, index=True)
    actor: Mapped[str] = mapped_column(String(200), index=True)
    action: Mapped[str] = mapped_column(String(64), index=True)  # e.g. bank.create, match.query
    target: Mapped[str | None] = mapped_column(String(200), default=None, index=True)
    purpose: Mapped[str | None] = mapped_column(String(200), default=None)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
