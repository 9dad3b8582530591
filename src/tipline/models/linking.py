"""Identifiers of reported persons, as keyed hashes, and the subjects (people) they are linked into.

A *mention* is one reported person in one report: ``(report_id, person_ref)``. Mentions that share
identifiers are linked; linked mentions form a subject, a cluster believed to be one person. Every link
keeps its evidence (identifier kinds, the keyed hashes that matched, a strength); an analyst can confirm
or split it. No table holds an identifier in the clear.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tipline.core.clock import utc_now
from tipline.core.orm import Base, BigId


class ReportIdentifier(Base):
    """One normalised identifier of a reported person in a report (email, phone, device, account, screen
    name, IP address with port and hour, an earlier report it cites, the report itself).

    ``key`` is an HMAC of the kind and the normalised value: equal identifiers meet in the index, and
    the table reveals none of them.
    """

    __tablename__ = "report_identifiers"
    __table_args__ = (UniqueConstraint("report_id", "person_ref", "key"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    provider_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("providers.id"))
    person_ref: Mapped[str] = mapped_column(String(64), default="", server_default="")
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64), index=True)


class IdentifierUse(Base):
    """How many distinct accounts use one identifier key. An identifier used by many unrelated accounts
    (a shared public IP, a default device id, a test email) stops identifying anyone: ``common``."""

    __tablename__ = "identifier_uses"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    accounts: Mapped[int] = mapped_column(default=0)
    common: Mapped[bool] = mapped_column(default=False)


class IdentifierAccount(Base):
    """One (identifier key, account) pair, so that ``IdentifierUse.accounts`` counts distinct accounts."""

    __tablename__ = "identifier_accounts"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    account: Mapped[str] = mapped_column(String(64), primary_key=True)


class Subject(Base):
    """A cluster of mentions believed to be one person. A subject absorbed by another keeps its row with
    ``merged_into`` set, so an id someone wrote down still leads somewhere."""

    __tablename__ = "subjects"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    members: Mapped[int] = mapped_column(default=0)
    merged_into: Mapped[uuid.UUID | None] = mapped_column(default=None, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)


class SubjectMember(Base):
    """Which subject a mention belongs to now."""

    __tablename__ = "subject_members"
    __table_args__ = (UniqueConstraint("report_id", "person_ref"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    subject_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("subjects.id"), index=True)
    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    person_ref: Mapped[str] = mapped_column(String(64))
    lead: Mapped[bool] = mapped_column(default=False)  # the report's first reported person
    joined_at: Mapped[datetime] = mapped_column(default=utc_now)


class SubjectLink(Base):
    """Evidence that two mentions are one person. ``state``: ``auto`` (tipline linked them),
    ``confirmed`` or ``split`` (an analyst decided), ``held`` (it would merge, but an analyst split the
    two subjects apart), ``withdrawn`` (its only evidence became too common) or ``weak`` (recorded,
    shown, but not strong enough to merge)."""

    __tablename__ = "subject_links"
    __table_args__ = (
        UniqueConstraint("report_id", "person_ref", "other_report_id", "other_person_ref"),
        Index("ix_subject_links_other", "other_report_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    person_ref: Mapped[str] = mapped_column(String(64))
    other_report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    other_person_ref: Mapped[str] = mapped_column(String(64))
    strength: Mapped[float] = mapped_column(Float)
    kinds: Mapped[list[str]] = mapped_column(JSON)  # identifier kinds shared, strongest first
    keys: Mapped[list[str]] = mapped_column(JSON)  # the keyed hashes that matched
    reasons: Mapped[list[str]] = mapped_column(JSON)  # e.g. "device shared; emails differ: not merged"
    state: Mapped[str] = mapped_column(String(16))
    decided_by: Mapped[str | None] = mapped_column(String(128), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)
