"""Identifiers of reported persons, as keyed hashes: which reports name the same person."""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tipline.core.orm import Base, BigId


class ReportIdentifier(Base):
    """One normalised identifier (email, phone, device, account) of a reported person in a report.

    ``key`` is an HMAC of the kind and the normalised value: equal identifiers meet in the index, and
    the table reveals none of them.
    """

    __tablename__ = "report_identifiers"
    __table_args__ = (UniqueConstraint("report_id", "key"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    provider_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("providers.id"))
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64), index=True)
