"""The queues: incoming reports for clearinghouse analysts, referrals for an agency; filters, search
and keyset pagination (a page costs the same on page 1 and page 10,000, with a million reports).

Analysts' order is the assessment's (priority rank, received, id: index ``ix_assessments_queue``);
an agency's is its referrals' (rank kept in step with the report's priority, sent, id: index
``ix_referrals_agency_queue``). Law enforcement only ever sees its own agency's referrals.
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import String, Uuid, cast, literal, select, tuple_
from sqlalchemy.orm import Session

from tipline.access.roles import Principal
from tipline.core.crypto import Keyring
from tipline.core.errors import Unprocessable
from tipline.core.orm import UTCDateTime
from tipline.linking import service as linking
from tipline.models import Assessment, Provider, Referral, Report, ReportIdentifier, ReportJurisdiction

ANALYST_STATES = ("assessed", "incomplete", "unfounded")
REFERRAL_STATES = ("open", "sent", "delivered", "acknowledged", "declined", "closed")
OPEN_REFERRALS = ("sent", "delivered", "acknowledged")
PRIORITIES = ("P1", "P2", "P3", "INFO")
PAGE = 50


@dataclass(frozen=True)
class Filters:
    priority: str | None = None
    state: str | None = None  # analysts: assessment state (default: assessed + incomplete); LE: status
    provider: str | None = None
    incident: str | None = None
    jurisdiction: str | None = None  # a member state code, or undetermined / international
    received_from: datetime | None = None
    received_to: datetime | None = None
    q: str | None = None  # report id, provider's report id, email, phone or screen name
    after: str | None = None  # the cursor of the last row of the previous page

    def check(self, law_enforcement: bool) -> None:
        if self.priority and self.priority not in PRIORITIES:
            raise Unprocessable("unknown priority", code="invalid_filter")
        states = REFERRAL_STATES if law_enforcement else ANALYST_STATES
        if self.state and self.state not in states:
            raise Unprocessable("unknown state", code="invalid_filter")


@dataclass(frozen=True)
class Row:
    report_id: uuid.UUID
    referral_id: uuid.UUID | None
    priority: str
    state: str
    provider: str
    service_type: str
    incidents: list[str]
    received_at: datetime
    waiting_since: datetime  # receipt by tipline (analysts) or by the agency (LE)
    due_at: datetime | None  # the SLA: P1 minutes, P2 hours; None for P3 and INFO
    bundle_id: uuid.UUID | None
    cursor: str


@dataclass
class Page:
    rows: list[Row] = field(default_factory=list)
    next_cursor: str | None = None


@dataclass(frozen=True)
class Sla:
    p1: timedelta = timedelta(minutes=30)
    p2: timedelta = timedelta(hours=8)

    def due(self, priority: str, since: datetime) -> datetime | None:
        if priority == "P1":
            return since + self.p1
        if priority == "P2":
            return since + self.p2
        return None


def _cursor(rank: int, at: datetime, ident: uuid.UUID) -> str:
    return f"{rank}~{at.isoformat()}~{ident}"


def _after(cursor: str) -> Any:
    """The bound (rank, time, id) of a cursor, typed like the columns it is compared with."""
    try:
        rank, at, ident = cursor.split("~")
        when = datetime.fromisoformat(at)
        if when.tzinfo is None:
            raise ValueError("naive")
        values = int(rank), when, uuid.UUID(ident)
    except (ValueError, TypeError) as exc:
        raise Unprocessable("the page cursor is not valid", code="invalid_cursor") from exc
    return tuple_(literal(values[0]), literal(values[1], UTCDateTime()), literal(values[2], Uuid()))


def queue(
    session: Session, keyring: Keyring, principal: Principal, f: Filters, sla: Sla, limit: int = PAGE
) -> Page:
    law = principal.role.is_law_enforcement
    f.check(law)
    if law:
        return _agency_queue(session, keyring, principal, f, sla, limit)
    return _analyst_queue(session, keyring, f, sla, limit)


def _common(query: Any, session: Session, keyring: Keyring, f: Filters) -> Any:
    if f.provider:
        query = query.where(Provider.name == f.provider)
    if f.incident:
        query = query.where(cast(Report.incident_categories, String).like(f'%"{_safe(f.incident)}"%'))
    if f.jurisdiction:
        # correlated per row (EXISTS), so an ordered scan stops after a page instead of listing every
        # report of the state first
        code = _safe(f.jurisdiction)
        decided = select(ReportJurisdiction.report_id).where(ReportJurisdiction.report_id == Report.id)
        if code in ("undetermined", "international"):
            query = query.where(decided.where(ReportJurisdiction.route == code).exists())
        else:
            like = cast(ReportJurisdiction.states, String).like(f'%"{code.upper()}"%')
            query = query.where(decided.where(like).exists())
    if f.received_from:
        query = query.where(Report.received_at >= f.received_from)
    if f.received_to:
        query = query.where(Report.received_at < f.received_to)
    if f.q:
        query = query.where(Report.id.in_(_search(session, keyring, f.q)))
    return query


def _safe(text: str) -> str:
    return "".join(c for c in text if c.isalnum() or c in "_-")[:64]


def _search(session: Session, keyring: Keyring, text: str) -> list[uuid.UUID]:
    """Reports a typed value names: a report id, a provider's report id, or an identifier of a reported
    person (looked up by its keyed hash, so nothing is searched in the clear)."""
    text = text.strip()[:256]
    found: list[uuid.UUID] = []
    with contextlib.suppress(ValueError):
        found.append(uuid.UUID(text))
    found.extend(session.scalars(select(Report.id).where(Report.provider_report_id == text).limit(200)))
    keys = linking.search_keys(keyring, text)
    if keys:
        found.extend(
            session.scalars(
                select(ReportIdentifier.report_id).where(ReportIdentifier.key.in_(keys)).distinct().limit(500)
            )
        )
    return list(dict.fromkeys(found))


def _analyst_queue(session: Session, keyring: Keyring, f: Filters, sla: Sla, limit: int) -> Page:
    states = [f.state] if f.state else ["assessed", "incomplete"]
    found = _search(session, keyring, f.q) if f.q else None
    rows: list[Any] = []
    # one ordered read of the index (state, rank, received_at) per state, merged here: an IN over two
    # states cannot be read in order and would sort the whole queue for every page
    for state in states:
        rows += _analyst_rows(session, keyring, f, state, limit + 1, found)
    rows.sort(key=lambda row: (row[0].rank, row[0].received_at, row[0].report_id))
    page = Page()
    for a, service_type, incidents, provider in rows[:limit]:
        page.rows.append(
            Row(
                report_id=a.report_id,
                referral_id=None,
                priority=a.priority,
                state=a.state,
                provider=provider,
                service_type=service_type,
                incidents=list(incidents),
                received_at=a.received_at,
                waiting_since=a.received_at,
                due_at=sla.due(a.priority, a.received_at),
                bundle_id=a.bundle_id,
                cursor=_cursor(a.rank, a.received_at, a.report_id),
            )
        )
    if len(rows) > limit:
        page.next_cursor = page.rows[-1].cursor
    return page


def _analyst_rows(
    session: Session, keyring: Keyring, f: Filters, state: str, limit: int, found: list[uuid.UUID] | None
) -> list[Any]:
    query = (
        select(Assessment, Report.service_type, Report.incident_categories, Provider.name)
        .join(Report, Report.id == Assessment.report_id)
        .join(Provider, Provider.id == Report.provider_id)
        .where(Assessment.state == state)
    )
    if f.priority:
        query = query.where(Assessment.rank == PRIORITIES.index(f.priority) + 1)
    if f.received_from:  # on the queue's own table (the report's receipt time, copied)
        query = query.where(Assessment.received_at >= f.received_from)
    if f.received_to:
        query = query.where(Assessment.received_at < f.received_to)
    if found is not None:
        query = query.where(Assessment.report_id.in_(found))
    query = _common(query, session, keyring, replace(f, received_from=None, received_to=None, q=None))
    if f.after:
        query = query.where(
            tuple_(Assessment.rank, Assessment.received_at, Assessment.report_id) > _after(f.after)
        )
    query = query.order_by(Assessment.rank, Assessment.received_at, Assessment.report_id).limit(limit)
    return list(session.execute(query).all())


def _agency_queue(
    session: Session, keyring: Keyring, principal: Principal, f: Filters, sla: Sla, limit: int
) -> Page:
    statuses = list(OPEN_REFERRALS) if not f.state or f.state == "open" else [f.state]
    query = (
        select(Referral, Report.service_type, Report.incident_categories, Report.received_at, Provider.name)
        .join(Report, Report.id == Referral.report_id)
        .join(Provider, Provider.id == Report.provider_id)
        .where(Referral.agency_id == principal.agency_id, Referral.status.in_(statuses))
    )
    if f.priority:
        query = query.where(Referral.rank == PRIORITIES.index(f.priority) + 1)
    query = _common(query, session, keyring, f)
    if f.after:
        query = query.where(tuple_(Referral.rank, Referral.sent_at, Referral.id) > _after(f.after))
    query = query.order_by(Referral.rank, Referral.sent_at, Referral.id).limit(limit + 1)
    rows = session.execute(query).all()
    page = Page()
    for r, service_type, incidents, received_at, provider in rows[:limit]:
        due = sla.due(r.priority, r.sent_at) if r.acknowledged_at is None else None
        page.rows.append(
            Row(
                report_id=r.report_id,
                referral_id=r.id,
                priority=r.priority,
                state=r.status,
                provider=provider,
                service_type=service_type,
                incidents=list(incidents),
                received_at=received_at,
                waiting_since=r.sent_at,
                due_at=due,
                bundle_id=r.bundle_id,
                cursor=_cursor(r.rank, r.sent_at, r.id),
            )
        )
    if len(rows) > limit:
        page.next_cursor = page.rows[-1].cursor
    return page


def providers(session: Session) -> list[str]:
    return list(session.scalars(select(Provider.name).order_by(Provider.name)))
