"""Forwarding: the agency registry, agencies' credentials, the routing policy (versioned), referrals and
the webhook outbox.

A referral is one report forwarded to one agency, with its own status. A webhook delivery is written in
the same unit of work as its referral (the outbox), so a committed referral is never left unannounced
and a rolled-back one never announced. Nothing here holds report content: referrals carry codes, the
jurisdiction's summary (countries, certainty, kinds of evidence) and times.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tipline.core.clock import utc_now
from tipline.core.orm import Base, BigId, CreatedAt, UUIDPrimaryKey


class Agency(UUIDPrimaryKey, CreatedAt, Base):
    """A law-enforcement authority tipline forwards to: a member state's competent authority, Europol,
    or the international route. Editable (``tipline agencies``)."""

    __tablename__ = "agencies"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # ISO 3166 alpha-2 of a member state; "EU" for Europol; "INT" for the international route
    country: Mapped[str] = mapped_column(String(3), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # member_state | europol | international
    webhook_url: Mapped[str | None] = mapped_column(String(2000), default=None)
    # AES-GCM sealed (the agency code as associated data): the HMAC key webhooks are signed with
    webhook_secret_sealed: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    active: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)


class AgencyKey(UUIDPrimaryKey, CreatedAt, Base):
    """An agency system's credential for the pull API: ``tla_<prefix>_<secret>``, stored as SHA-256."""

    __tablename__ = "agency_keys"

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), index=True)
    prefix: Mapped[str] = mapped_column(String(32), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)


class RoutingPolicy(Base):
    """One version of the routing policy; the row with the highest id is in force. Rows are never
    changed, so every referral can name the policy version that produced it."""

    __tablename__ = "routing_policies"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(32))  # commission | narrow
    disclose_agencies: Mapped[bool] = mapped_column(default=False)
    set_by: Mapped[str] = mapped_column(String(128))
    set_at: Mapped[datetime] = mapped_column(default=utc_now)


class Referral(UUIDPrimaryKey, Base):
    """One report forwarded to one agency."""

    __tablename__ = "referrals"
    __table_args__ = (
        UniqueConstraint("report_id", "agency_id"),
        Index("ix_referrals_agency_inbox", "agency_id", "status", "urgent", "sent_at"),
        Index("ix_referrals_agency_queue", "agency_id", "rank", "sent_at"),
    )

    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    bundle_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("bundles.id"), default=None)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"))
    # sent | delivered | acknowledged | declined | closed
    status: Mapped[str] = mapped_column(String(16))
    decline_reason: Mapped[str | None] = mapped_column(String(32), default=None)
    urgent: Mapped[bool]
    priority: Mapped[str] = mapped_column(String(8))  # the report's priority now (kept in step by routing)
    rank: Mapped[int] = mapped_column(default=3)  # of the priority: 1 = P1 ... 4 = INFO (queue order)
    # why this agency: competent_state | europol_policy | undetermined | international |
    # no_agency_for_state | analyst
    reason: Mapped[str] = mapped_column(String(32))
    cause: Mapped[str] = mapped_column(String(32))  # what ran the routing (assessed, jurisdiction, cli, ...)
    # the jurisdiction as routed: route, states, certainty, kinds of evidence (never identifiers)
    basis: Mapped[dict[str, Any]] = mapped_column(JSON)
    policy_version: Mapped[int | None] = mapped_column(default=None)
    created_by: Mapped[str] = mapped_column(String(128))
    sent_at: Mapped[datetime] = mapped_column(default=utc_now)
    # copied from the report when the referral is made, so that statistics over tens of millions of
    # referrals read one table (time to forward, outcomes per provider) instead of joining reports
    provider_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("providers.id"))
    report_received_at: Mapped[datetime] = mapped_column(index=True)
    delivered_at: Mapped[datetime | None] = mapped_column(default=None)
    acknowledged_at: Mapped[datetime | None] = mapped_column(default=None)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)  # closed or declined
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)


class WebhookDelivery(Base):
    """The outbox: one announcement of a referral to its agency's webhook, retried until delivered.

    ``next_attempt_at`` is the lease expiry while ``state`` is ``sending`` (a dispatcher that died is
    replaced once it passes). ``failing`` is still retried, at the longest interval: it is never given up.
    """

    __tablename__ = "webhook_deliveries"
    __table_args__ = (Index("ix_webhook_deliveries_due", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    referral_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"), index=True)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    event: Mapped[str] = mapped_column(String(32))  # referral.created
    state: Mapped[str] = mapped_column(String(16))  # pending | sending | failing | delivered | skipped
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utc_now)
    last_status: Mapped[int | None] = mapped_column(default=None)
    last_error: Mapped[str | None] = mapped_column(String(500), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    delivered_at: Mapped[datetime | None] = mapped_column(default=None)
