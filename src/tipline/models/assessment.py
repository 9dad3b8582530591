"""Assessment of reports: the current decision per report, provider supplements, analyst notes, and the
items (files) seen across reports with their viral bundles.

Signals and texts are sealed (AES-GCM, the row id as associated data): a signal's evidence quotes the
words that produced it. The plain columns hold only codes, counts and times, for queues and statistics.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tipline.core.clock import utc_now
from tipline.core.orm import Base, BigId, UUIDPrimaryKey


class Assessment(Base):
    """tipline's current decision on one report; every change to it is also a report event."""

    __tablename__ = "assessments"
    __table_args__ = (
        Index("ix_assessments_queue", "state", "rank", "received_at"),
        Index("ix_assessments_information_requested_at", "information_requested_at"),
        Index("ix_assessments_received_at", "received_at"),
    )

    report_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True
    )
    # assessed | incomplete | unfounded
    state: Mapped[str] = mapped_column(String(16))
    # the priority in force (an override wins over tipline's own), its rank for ordering (1 = P1 ... 4 = INFO)
    priority: Mapped[str] = mapped_column(String(8))
    rank: Mapped[int]
    auto_priority: Mapped[str] = mapped_column(String(8))
    override_priority: Mapped[str | None] = mapped_column(String(8), default=None)
    override_reason: Mapped[str | None] = mapped_column(String(32), default=None)
    override_by: Mapped[str | None] = mapped_column(String(128), default=None)
    override_at: Mapped[datetime | None] = mapped_column(default=None)
    provider_urgent: Mapped[bool]
    reasons: Mapped[list[str]] = mapped_column(JSON)  # reason codes, strongest first
    signal_kinds: Mapped[list[str]] = mapped_column(JSON)
    unfounded_reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    missing: Mapped[list[str]] = mapped_column(JSON, default=list)  # information requested (Art. 48(5))
    # an analyst's decisions, which re-assessment keeps: manifestly unfounded by hand, and information
    # asked for by hand (codes of MissingInformation; cleared when the provider sends a supplement)
    analyst_unfounded: Mapped[bool] = mapped_column(default=False)
    analyst_requested: Mapped[list[str] | None] = mapped_column(JSON, default=None)
    signals_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    bundle_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("bundles.id"), default=None, index=True)
    duplicate_key: Mapped[str | None] = mapped_column(String(64), default=None, index=True)
    received_at: Mapped[datetime]
    provider_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("providers.id"))  # the report's (statistics)
    # Art. 48(5) requests, for the providers' scorecards: when information was first asked for (by
    # tipline or an analyst), and when the provider's first supplement after that arrived
    information_requested_at: Mapped[datetime | None] = mapped_column(default=None)
    information_answered_at: Mapped[datetime | None] = mapped_column(default=None)
    version: Mapped[int] = mapped_column(default=1)
    assessed_at: Mapped[datetime] = mapped_column(default=utc_now)


class ReportSupplement(Base):
    """What a provider sent after the report (an answer to an information request, or a retraction)."""

    __tablename__ = "report_supplements"
    __table_args__ = (UniqueConstraint("report_id", "seq"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    seq: Mapped[int]
    received_at: Mapped[datetime] = mapped_column(default=utc_now)
    content_sealed: Mapped[bytes] = mapped_column(LargeBinary)


class ReportNote(Base):
    """An analyst's note on a report (sealed: it may quote the report)."""

    __tablename__ = "report_notes"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(default=utc_now)
    purpose: Mapped[str] = mapped_column(String(16))  # note | override
    text_sealed: Mapped[bytes] = mapped_column(LargeBinary)


class Item(Base):
    """One reported item across reports: a matched indicator, or a file's exact hash.

    ``occurrences`` counts every time it was reported (a batched report counts its incidents), for
    Art. 83(3)(h); ``reports`` counts reports.
    """

    __tablename__ = "items"
    __table_args__ = (Index("ix_items_first_seen", "first_seen"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]
    reports: Mapped[int] = mapped_column(default=0)
    occurrences: Mapped[int] = mapped_column(BigInteger, default=0)


class ItemSighting(Base):
    """An item in a report, with the (keyed-hashed) accounts that shared it there."""

    __tablename__ = "item_sightings"
    __table_args__ = (
        UniqueConstraint("item_id", "report_id"),
        Index("ix_item_sightings_seen", "item_id", "seen_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"))
    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    seen_at: Mapped[datetime]
    occurrences: Mapped[int] = mapped_column(default=1)
    accounts: Mapped[list[str]] = mapped_column(JSON)  # keyed hashes of (provider, account id)


class Bundle(UUIDPrimaryKey, Base):
    """Reports re-sharing one viral item, assessed together: one entry in a queue, every sharer kept."""

    __tablename__ = "bundles"

    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), unique=True)
    opened_at: Mapped[datetime] = mapped_column(default=utc_now)
    reason: Mapped[str] = mapped_column(String(32))  # provider_batch | accounts_in_window
    reports: Mapped[int] = mapped_column(default=0)
    accounts: Mapped[int] = mapped_column(default=0)
    occurrences: Mapped[int] = mapped_column(BigInteger, default=0)
    priority: Mapped[str] = mapped_column(String(8), default="INFO")
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
