"""Indicator banks: lists of hashes with a purpose, their indicators, and the matches against files.

Indicators have integer ids because the in-memory PDQ index addresses them by number. ``seq`` is the
bank-wide change sequence: every insert or status change of an indicator takes the next value from the
``counters`` row named ``indicators``. That row is locked until commit, so indicator writers are
serialised and a reader that has seen ``seq <= n`` has seen every change up to ``n`` (the serving
processes catch up with ``WHERE seq > watermark``).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tipline.core.clock import utc_now
from tipline.core.orm import Base, BigId, CreatedAt, UUIDPrimaryKey


class Counter(Base):
    """Named monotonic counters; the row lock serialises the writers that draw from one."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class Bank(UUIDPrimaryKey, CreatedAt, Base):
    __tablename__ = "banks"

    name: Mapped[str] = mapped_column(String(100), unique=True)
    purpose: Mapped[str] = mapped_column(String(16))  # known | allowlist | other
    description: Mapped[str | None] = mapped_column(String(2000), default=None)
    pdq_threshold: Mapped[int] = mapped_column(default=31)
    enabled: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)


class Indicator(Base):
    __tablename__ = "indicators"
    __table_args__ = (
        UniqueConstraint("bank_id", "hash_type", "value"),
        Index("ix_indicators_hash_type_value", "hash_type", "value"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    bank_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("banks.id"))
    hash_type: Mapped[str] = mapped_column(String(8))  # md5 | sha1 | sha256 | pdq
    value: Mapped[str] = mapped_column(String(64))  # lowercase hex
    media_type: Mapped[str | None] = mapped_column(String(16), default=None)
    category: Mapped[str | None] = mapped_column(String(64), default=None)
    quality: Mapped[int | None] = mapped_column(default=None)
    external_id: Mapped[str | None] = mapped_column(String(128), index=True, default=None)
    contributor: Mapped[str | None] = mapped_column(String(200), default=None)
    source: Mapped[str | None] = mapped_column(String(200), default=None)
    decision_ref: Mapped[str | None] = mapped_column(String(200), default=None)
    decided_on: Mapped[date | None] = mapped_column(default=None)
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | withdrawn
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    withdrawn_at: Mapped[datetime | None] = mapped_column(default=None)


class IndicatorEvent(Base):
    """Everything that happens to an indicator: added, updated, withdrawn, reinstated, feedback."""

    __tablename__ = "indicator_events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(default=utc_now)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class BankImport(UUIDPrimaryKey, Base):
    """One import of a file into a bank, with its counts; the same file twice is recognised."""

    __tablename__ = "bank_imports"

    bank_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("banks.id"), index=True)
    actor: Mapped[str] = mapped_column(String(128))
    filename: Mapped[str] = mapped_column(String(500))
    file_sha256: Mapped[str] = mapped_column(String(64))
    format: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime] = mapped_column(default=utc_now)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)
    seq_from: Mapped[int | None] = mapped_column(BigInteger, default=None)
    seq_to: Mapped[int | None] = mapped_column(BigInteger, default=None)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Match(Base):
    """A file of a report matched an indicator: which, at what distance, when, at which index version."""

    __tablename__ = "matches"
    __table_args__ = (UniqueConstraint("file_id", "indicator_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    file_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("report_files.id", ondelete="CASCADE"))
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"), index=True)
    bank_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("banks.id"))
    hash_type: Mapped[str] = mapped_column(String(8))
    distance: Mapped[int]
    matched_at: Mapped[datetime] = mapped_column(default=utc_now)
    index_version: Mapped[int] = mapped_column(BigInteger)
    via: Mapped[str] = mapped_column(String(16))  # intake | retro_hunt
