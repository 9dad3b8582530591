"""What law enforcement records on a referral: holds (Art. 51-style preservation and non-disclosure
requests) and outcomes (the structured data of Art. 83(2))."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tipline.core.clock import utc_now
from tipline.core.orm import Base, BigId


class Hold(Base):
    """An agency's request that the provider not inform the user, or not remove the content, until
    ``until`` (at most 18 months). The provider reads active holds on its report's status."""

    __tablename__ = "holds"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    referral_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"))
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"))
    kind: Mapped[str] = mapped_column(String(32))  # do_not_inform | do_not_remove
    until: Mapped[datetime]
    reason: Mapped[str] = mapped_column(Text)
    requested_by: Mapped[str] = mapped_column(String(128))
    requested_at: Mapped[datetime] = mapped_column(default=utc_now)
    lifted_at: Mapped[datetime | None] = mapped_column(default=None)


class Outcome(Base):
    """The current outcome of one referral (one per referral), updated as the case evolves; every
    version is also a report event. ``victims`` counts by sex and age band (no personal data)."""

    __tablename__ = "outcomes"
    __table_args__ = (UniqueConstraint("referral_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    referral_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"))
    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    # investigation_opened | contributed_existing | other_action | no_action
    action: Mapped[str] = mapped_column(String(32))
    no_action_reason: Mapped[str | None] = mapped_column(Text, default=None)
    # {"female": {"0-2": 1, ...}, "male": {...}, "unknown": {...}}: identified and safeguarded
    victims_identified: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    victims_safeguarded: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    suspects_identified: Mapped[int] = mapped_column(default=0)
    suspects_arrested: Mapped[int] = mapped_column(default=0)
    offenders_prosecuted: Mapped[int] = mapped_column(default=0)
    offenders_convicted: Mapped[int] = mapped_column(default=0)
    sentence: Mapped[str | None] = mapped_column(Text, default=None)
    closed_pretrial: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(default=1)
    source: Mapped[str] = mapped_column(String(16), default="recorded")  # recorded | imported
    updated_by: Mapped[str] = mapped_column(String(128))
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)


class NarrativeImport(Base):
    """A document of case narratives read by ``tipline outcomes import`` (e.g. the Member States'
    sample cases). Its cases are dated ``dated``: narratives seldom date each case."""

    __tablename__ = "narrative_imports"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    dated: Mapped[datetime]
    imported_by: Mapped[str] = mapped_column(String(128))
    imported_at: Mapped[datetime] = mapped_column(default=utc_now)
    cases: Mapped[int] = mapped_column(default=0)


class NarrativeCase(Base):
    """One case read from a narrative document: each field with its value, source span, quote and
    confidence (``fields``); fields below the review threshold count in statistics only once a
    person confirmed them (``confirmed`` maps a field to who and when)."""

    __tablename__ = "narrative_cases"
    __table_args__ = (UniqueConstraint("import_id", "seq"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("narrative_imports.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int]
    part: Mapped[str] = mapped_column(String(32))
    country: Mapped[str] = mapped_column(String(64))
    state: Mapped[str | None] = mapped_column(String(2), default=None, index=True)  # ISO 3166 alpha-2
    dated: Mapped[datetime] = mapped_column(index=True)
    first_line: Mapped[str] = mapped_column(Text)
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    confirmed: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    pending_review: Mapped[int] = mapped_column(default=0)  # fields still to confirm
