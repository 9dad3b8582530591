"""Report, file and event rows. Never commits."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session, selectinload

from tipline.models import (
    Agency,
    Assessment,
    Base,
    Hold,
    Referral,
    Report,
    ReportEvent,
    ReportFile,
    ReportSupplement,
    RoutingPolicy,
)

GENESIS = "0" * 64


def get_by_provider_ref(session: Session, provider_id: uuid.UUID, provider_report_id: str) -> Report | None:
    return session.scalars(
        select(Report).where(
            Report.provider_id == provider_id, Report.provider_report_id == provider_report_id
        )
    ).one_or_none()


def get_for_provider(
    session: Session, provider_id: uuid.UUID, report_id: uuid.UUID, *, for_update: bool = False
) -> Report | None:
    stmt = select(Report).where(Report.id == report_id, Report.provider_id == provider_id)
    if for_update:
        stmt = stmt.with_for_update()
    return session.scalars(stmt).one_or_none()


def load_full(session: Session, report_id: uuid.UUID) -> Report:
    return session.scalars(
        select(Report)
        .where(Report.id == report_id)
        .options(selectinload(Report.files), selectinload(Report.events))
        .execution_options(populate_existing=True)
    ).one()


def files_of(session: Session, report_id: uuid.UUID) -> Sequence[ReportFile]:
    return session.scalars(
        select(ReportFile).where(ReportFile.report_id == report_id).order_by(ReportFile.position)
    ).all()


def event_hash(prev_hash: str, seq: int, kind: str, actor: str, at: datetime, data: Any) -> str:
    body = orjson.dumps(
        {
            "prev": prev_hash,
            "seq": seq,
            "kind": kind,
            "actor": actor,
            "at": at.isoformat(),
            "data": data,
        },
        option=orjson.OPT_SORT_KEYS,
    )
    return hashlib.sha256(body).hexdigest()


def event_row(
    report_id: uuid.UUID,
    kind: str,
    actor: str,
    at: datetime,
    data: dict[str, Any] | None = None,
    *,
    last: tuple[int, str] | None = None,
) -> dict[str, Any]:
    """The column values of an event, chained to ``last`` (seq, hash) of the report's log."""
    seq, prev = (1, GENESIS) if last is None else (last[0] + 1, last[1])
    payload = data or {}
    return {
        "report_id": report_id,
        "seq": seq,
        "kind": kind,
        "actor": actor,
        "at": at,
        "data": payload,
        "prev_hash": prev,
        "hash": event_hash(prev, seq, kind, actor, at, payload),
    }


def insert_rows(session: Session, model: type[Base], rows: Sequence[dict[str, Any]]) -> None:
    """Bulk INSERT of column values (a Core insert on the table: the ORM-enabled bulk path costs
    about a quarter of the request's CPU more for the same statement, docs/benchmarks.md)."""
    if not rows:
        return
    table = model.__table__
    assert isinstance(table, Table)
    session.execute(insert(table), list(rows))


def append_event(
    session: Session,
    report_id: uuid.UUID,
    kind: str,
    actor: str,
    at: datetime,
    data: dict[str, Any] | None = None,
) -> ReportEvent:
    """Append to the log of a report whose row the caller has locked (so no other writer races)."""
    last = session.scalars(
        select(ReportEvent)
        .where(ReportEvent.report_id == report_id)
        .order_by(ReportEvent.seq.desc())
        .limit(1)
    ).one_or_none()
    event = ReportEvent(
        **event_row(report_id, kind, actor, at, data, last=None if last is None else (last.seq, last.hash))
    )
    session.add(event)
    session.flush()  # the next append in this unit reads this one as the last
    return event


def verify_chain(events: Sequence[ReportEvent]) -> bool:
    """True when every event's hash matches its content and its predecessor."""
    prev = GENESIS
    for expected_seq, e in enumerate(events, start=1):
        if e.seq != expected_seq or e.prev_hash != prev:
            return False
        if e.hash != event_hash(prev, e.seq, e.kind, e.actor, e.at, e.data):
            return False
        prev = e.hash
    return True


def count_by_status(session: Session) -> dict[str, int]:
    rows = session.execute(select(Report.status, func.count()).group_by(Report.status)).all()
    return {status: n for status, n in rows}


def blob_referenced(session: Session, blob_id: str) -> bool:
    return session.scalar(select(func.count()).where(ReportFile.blob_id == blob_id)) != 0


def find_for_provider_in_id_range(
    session: Session, provider_id: uuid.UUID, low: uuid.UUID, high: uuid.UUID, *, limit: int = 2
) -> Sequence[Report]:
    """The provider's reports whose id lies in [low, high] (ids compare as 128-bit numbers on both
    databases: native uuid on PostgreSQL, fixed-width lowercase hex on SQLite)."""
    return session.scalars(
        select(Report)
        .where(Report.provider_id == provider_id, Report.id >= low, Report.id <= high)
        .limit(limit)
    ).all()


def get(session: Session, report_id: uuid.UUID) -> Report | None:
    return session.get(Report, report_id)


def supplement_count(session: Session, report_id: uuid.UUID) -> int:
    return session.scalar(select(func.count()).where(ReportSupplement.report_id == report_id)) or 0


def supplements_of(session: Session, report_id: uuid.UUID) -> Sequence[ReportSupplement]:
    return session.scalars(
        select(ReportSupplement).where(ReportSupplement.report_id == report_id).order_by(ReportSupplement.seq)
    ).all()


def assessment_of(session: Session, report_id: uuid.UUID) -> Assessment | None:
    """The assessment's decision on the report (written by the assessment domain; read here for the
    provider's view of its report)."""
    return session.get(Assessment, report_id)


def forwarded_to(session: Session, report_id: uuid.UUID) -> list[tuple[datetime, str]]:
    """(sent_at, agency name) of the report's referrals, oldest first (written by the forwarding domain;
    read here for the provider's view of its report)."""
    rows = session.execute(
        select(Referral.sent_at, Agency.name)
        .join(Agency, Agency.id == Referral.agency_id)
        .where(Referral.report_id == report_id)
        .order_by(Referral.sent_at, Agency.name)
    )
    return [(at, name) for at, name in rows]


def agencies_disclosed(session: Session) -> bool:
    """Whether the routing policy in force lets providers see which agencies received their reports."""
    latest = session.scalars(
        select(RoutingPolicy.disclose_agencies).order_by(RoutingPolicy.id.desc()).limit(1)
    ).one_or_none()
    return bool(latest)


def holds_in_force(session: Session, report_id: uuid.UUID, now: datetime) -> list[tuple[str, datetime]]:
    """(kind, until) of the holds law enforcement has in force on the report, one per kind with the
    latest end (written by casework; read here for the provider's view of its report). One query on
    ``ix_holds_report_id``; never which agency asked, nor why."""
    rows = session.execute(
        select(Hold.kind, func.max(Hold.until))
        .where(Hold.report_id == report_id, Hold.lifted_at.is_(None), Hold.until > now)
        .group_by(Hold.kind)
        .order_by(Hold.kind)
    )
    return [(kind, until) for kind, until in rows]
