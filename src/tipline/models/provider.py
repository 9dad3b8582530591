"""Providers (online service providers who report) and their API keys (stored only as hashes)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from tipline.core.orm import Base, CreatedAt, UUIDPrimaryKey


class Provider(UUIDPrimaryKey, CreatedAt, Base):
    __tablename__ = "providers"

    name: Mapped[str] = mapped_column(String(200), unique=True)


class ApiKey(UUIDPrimaryKey, CreatedAt, Base):
    __tablename__ = "api_keys"

    provider_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("providers.id"), index=True)
    prefix: Mapped[str] = mapped_column(String(32), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    # space-separated: report (submit reports), match (query the banks), curate (manage the banks)
    scopes: Mapped[str] = mapped_column(String(200), default="report", server_default="report")
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
