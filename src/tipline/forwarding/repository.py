"""Agency, credential, policy, referral and delivery rows. Never commits.

Every query of referrals on behalf of an agency goes through :func:`readable_by`, so no caller can
forget the agency filter.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, or_, select, update
from sqlalchemy.orm import Session

from tipline.models import (
    Agency,
    AgencyKey,
    Assessment,
    Referral,
    Report,
    RoutingPolicy,
    WebhookDelivery,
)

# --- agencies ------------------------------------------------------------------------------------


def agencies(session: Session, *, active_only: bool = False) -> Sequence[Agency]:
    query = select(Agency).order_by(Agency.kind, Agency.code)
    if active_only:
        query = query.where(Agency.active.is_(True))
    return session.scalars(query).all()


def agency_by_code(session: Session, code: str) -> Agency | None:
    return session.scalars(select(Agency).where(Agency.code == code)).one_or_none()


def agency_codes(session: Session) -> set[str]:
    return set(session.scalars(select(Agency.code)))


def key_by_prefix(session: Session, prefix: str) -> tuple[AgencyKey, Agency] | None:
    row = session.execute(
        select(AgencyKey, Agency)
        .join(Agency, Agency.id == AgencyKey.agency_id)
        .where(AgencyKey.prefix == prefix, AgencyKey.revoked_at.is_(None))
    ).one_or_none()
    return None if row is None else (row[0], row[1])


# --- policy --------------------------------------------------------------------------------------


def current_policy(session: Session) -> RoutingPolicy | None:
    return session.scalars(select(RoutingPolicy).order_by(RoutingPolicy.id.desc()).limit(1)).one_or_none()


# --- reports and assessments ---------------------------------------------------------------------


def lock_report(session: Session, report_id: uuid.UUID) -> Report | None:
    """The report row, locked until commit: its event log is appended to and routing must not race."""
    return session.scalars(select(Report).where(Report.id == report_id).with_for_update()).one_or_none()


def get_report(session: Session, report_id: uuid.UUID) -> Report | None:
    return session.get(Report, report_id)


def assessment_of(session: Session, report_id: uuid.UUID) -> Assessment | None:
    return session.get(Assessment, report_id)


# --- referrals -----------------------------------------------------------------------------------


def referrals_of_report(session: Session, report_id: uuid.UUID) -> list[tuple[Referral, Agency]]:
    rows = session.execute(
        select(Referral, Agency)
        .join(Agency, Agency.id == Referral.agency_id)
        .where(Referral.report_id == report_id)
        .order_by(Referral.sent_at, Agency.code)
    )
    return [(r, a) for r, a in rows]


def referrals_for_reports(session: Session, report_ids: Sequence[uuid.UUID]) -> list[tuple[Any, ...]]:
    if not report_ids:
        return []
    rows = session.execute(
        select(
            Referral.report_id,
            Agency.code,
            Agency.name,
            Referral.status,
            Referral.sent_at,
            Referral.acknowledged_at,
        )
        .join(Agency, Agency.id == Referral.agency_id)
        .where(Referral.report_id.in_(list(dict.fromkeys(report_ids))))
        .order_by(Referral.report_id, Referral.sent_at, Agency.code)
    )
    return [tuple(r) for r in rows]


def readable_by(agency_id: uuid.UUID) -> Select[Referral]:
    """The referrals an agency may see: its own, never another's."""
    return select(Referral).where(Referral.agency_id == agency_id)


def inbox(
    session: Session, agency_id: uuid.UUID, statuses: Sequence[str], limit: int, offset: int
) -> Sequence[Referral]:
    query = (
        readable_by(agency_id)
        .where(Referral.status.in_(list(statuses)))
        .order_by(Referral.urgent.desc(), Referral.sent_at, Referral.id)
        .limit(limit)
        .offset(offset)
    )
    return session.scalars(query).all()


def agency_referral(
    session: Session, agency_id: uuid.UUID, referral_id: uuid.UUID, *, for_update: bool = False
) -> Referral | None:
    query = readable_by(agency_id).where(Referral.id == referral_id)
    if for_update:
        query = query.with_for_update()
    return session.scalars(query).one_or_none()


def referral_counts(session: Session) -> dict[str, int]:
    return {s: n for s, n in session.execute(select(Referral.status, func.count()).group_by(Referral.status))}


# --- webhook deliveries --------------------------------------------------------------------------


def due_deliveries(session: Session, now: datetime, limit: int) -> Sequence[WebhookDelivery]:
    """Deliveries to attempt now: waiting ones whose time has come, and sending ones whose lease ran
    out (their dispatcher died). Locked; other dispatchers skip them on PostgreSQL."""
    query = (
        select(WebhookDelivery)
        .where(
            or_(
                WebhookDelivery.state == "pending",
                WebhookDelivery.state == "failing",
                WebhookDelivery.state == "sending",
            ),
            WebhookDelivery.next_attempt_at <= now,
        )
        .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return session.scalars(query).all()


def delivery_targets(
    session: Session, referral_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, tuple[Referral, Agency]]:
    rows = session.execute(
        select(Referral, Agency)
        .join(Agency, Agency.id == Referral.agency_id)
        .where(Referral.id.in_(list(referral_ids)))
    )
    return {r.id: (r, a) for r, a in rows}


def get_delivery(session: Session, delivery_id: int) -> WebhookDelivery | None:
    return session.get(WebhookDelivery, delivery_id)


def mark_referral_delivered(session: Session, referral_id: uuid.UUID, at: datetime) -> None:
    """sent -> delivered; a referral the agency has already moved on is left as it is."""
    session.execute(
        update(Referral)
        .where(Referral.id == referral_id, Referral.status == "sent")
        .values(status="delivered", delivered_at=at, updated_at=at)
    )


def deliveries_of_report(session: Session, report_id: uuid.UUID) -> Sequence[WebhookDelivery]:
    return session.scalars(
        select(WebhookDelivery)
        .join(Referral, Referral.id == WebhookDelivery.referral_id)
        .where(Referral.report_id == report_id)
        .order_by(WebhookDelivery.id)
    ).all()


def delivery_counts(session: Session) -> dict[str, int]:
    rows = session.execute(select(WebhookDelivery.state, func.count()).group_by(WebhookDelivery.state))
    return {s: n for s, n in rows}


def report_facts(
    session: Session, report_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, tuple[datetime, str | None]]:
    """(received at, priority in force) of each report, for the deconfliction view."""
    if not report_ids:
        return {}
    rows = session.execute(
        select(Report.id, Report.received_at, Assessment.priority)
        .outerjoin(Assessment, Assessment.report_id == Report.id)
        .where(Report.id.in_(list(dict.fromkeys(report_ids))))
    )
    return {r: (at, priority) for r, at, priority in rows}
