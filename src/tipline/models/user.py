"""People who sign in to the portal, their sessions, and what evidence they have looked at.

Passwords are argon2 hashes; TOTP secrets are sealed (AES-GCM, the user id as associated data). A
session cookie is a random token of which only SHA-256 is stored.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tipline.core.clock import utc_now
from tipline.core.orm import Base, BigId, CreatedAt, UUIDPrimaryKey


class User(UUIDPrimaryKey, CreatedAt, Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    # analyst | supervisor | le_officer | le_supervisor | curator | auditor | admin (access/roles.py)
    role: Mapped[str] = mapped_column(String(32))
    agency_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agencies.id"), default=None, index=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    totp_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    totp_last_step: Mapped[int] = mapped_column(default=0)  # a code is accepted once (no replay)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(default=None)
    active: Mapped[bool] = mapped_column(default=True)
    last_login_at: Mapped[datetime | None] = mapped_column(default=None)


class UserSession(Base):
    __tablename__ = "user_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    last_seen_at: Mapped[datetime] = mapped_column(default=utc_now)
    ended_at: Mapped[datetime | None] = mapped_column(default=None)


class EvidenceView(Base):
    """One reveal of one file by one person: the exposure count is read from these rows."""

    __tablename__ = "evidence_views"
    __table_args__ = (Index("ix_evidence_views_user_at", "user_id", "at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    file_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("report_files.id", ondelete="CASCADE"), index=True)
    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(default=utc_now)
    provider_viewed: Mapped[bool | None]
    reason: Mapped[str | None] = mapped_column(Text, default=None)  # required when the provider did not view
