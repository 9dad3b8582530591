"""Reports, their files, and the append-only per-report event log.

The submitted report is kept whole (Art. 45(2)(a)) but sealed: ``content_sealed`` is the canonical JSON
encrypted with AES-GCM. Columns beside it hold only what queries need and no personal data.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tipline.core.clock import utc_now
from tipline.core.orm import Base, BigId, UUIDPrimaryKey


class Report(UUIDPrimaryKey, Base):
    __tablename__ = "reports"
    __table_args__ = (
        UniqueConstraint("provider_id", "provider_report_id"),
        Index("ix_reports_provider_report_id", "provider_report_id"),  # the portal's search
    )

    provider_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("providers.id"), index=True)
    provider_report_id: Mapped[str] = mapped_column(String(512))
    schema_version: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(32), index=True)
    content_digest: Mapped[str] = mapped_column(String(64))
    content_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    incident_categories: Mapped[list[str]] = mapped_column(JSON)
    incident_time: Mapped[datetime]
    service_type: Mapped[str] = mapped_column(String(32))
    provider_urgent: Mapped[bool]
    received_at: Mapped[datetime] = mapped_column(default=utc_now, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)
    retracted_at: Mapped[datetime | None] = mapped_column(default=None)

    files: Mapped[list[ReportFile]] = relationship(
        lazy="raise", order_by="ReportFile.position", back_populates="report"
    )
    events: Mapped[list[ReportEvent]] = relationship(lazy="raise", order_by="ReportEvent.seq")


class ReportFile(UUIDPrimaryKey, Base):
    __tablename__ = "report_files"
    __table_args__ = (
        UniqueConstraint("report_id", "ref"),
        Index("ix_report_files_received_at", "received_at"),  # statistics, a month at a time
    )

    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    position: Mapped[int]
    ref: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(32))
    media_type: Mapped[str | None] = mapped_column(String(255))
    size: Mapped[int | None] = mapped_column(BigInteger)
    md5: Mapped[str | None] = mapped_column(String(32), index=True)
    sha1: Mapped[str | None] = mapped_column(String(40), index=True)
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    pdq: Mapped[str | None] = mapped_column(String(64), index=True)
    pdq_quality: Mapped[int | None]
    hash_check: Mapped[str] = mapped_column(String(32), default="not_applicable")
    blob_id: Mapped[str | None] = mapped_column(String(64))
    received_at: Mapped[datetime | None] = mapped_column(default=None)
    # known | allowlisted | unknown, set by matching (None until the file has been matched)
    classification: Mapped[str | None] = mapped_column(String(16), default=None)
    matched_at: Mapped[datetime | None] = mapped_column(default=None)

    report: Mapped[Report] = relationship(lazy="raise", back_populates="files")


class ReportEvent(Base):
    """One change to a report. Rows are only ever inserted; each hash chains to the previous one."""

    __tablename__ = "report_events"
    __table_args__ = (UniqueConstraint("report_id", "seq"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    seq: Mapped[int]
    kind: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime]
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
