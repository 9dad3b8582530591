"""The queries behind the statistics: each reads one table (two for outcomes) once, grouped.

Tens of millions of rows are scanned, so every query is a single pass with a GROUP BY whose groups
are few (providers, states, months, priorities, whole minutes of a duration); percentiles are taken
from minute histograms in Python, exact to the minute. The columns read are those copied for this
purpose (the report's provider and time of receipt on assessments and referrals), so no query joins
reports. Each pass groups by few keys: SQLite sorts every row of a GROUP BY, so one pass per
breakdown costs less than one pass whose groups multiply.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, Text, and_, case, cast, func, select, text
from sqlalchemy.orm import InstrumentedAttribute, Session

from tipline.models import (
    Agency,
    Assessment,
    Bank,
    Indicator,
    Item,
    ItemSighting,
    NarrativeCase,
    Outcome,
    Provider,
    Referral,
    Report,
    ReportFile,
)


@dataclass(frozen=True, slots=True)
class Window:
    """The period [since, until); optionally one agency whose referrals bound what is counted, or one
    provider whose reports do."""

    since: datetime
    until: datetime
    agency_id: uuid.UUID | None = None
    provider_id: uuid.UUID | None = None
    monthly: bool = False  # add the month of ``column`` as a key (``month_key``): many months in one pass


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def tune(session: Session) -> None:
    """PostgreSQL, for this transaction: no JIT (it compiled for seconds per statistics query) and
    room to sort and hash in memory (at the default 4 MB the grouped passes spill to disk)."""
    if _dialect(session) == "postgresql":
        session.execute(text("SET LOCAL jit = off"))
        session.execute(text("SET LOCAL work_mem = '128MB'"))


def _month(session: Session, column: Any) -> ColumnElement[str]:
    if _dialect(session) == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM")
    return func.substr(column, 1, 7)  # SQLite keeps times as ISO text in UTC


def minutes(session: Session, later: Any, earlier: Any) -> ColumnElement[int]:
    """Whole minutes from ``earlier`` to ``later`` (rounded down), computed once per row."""
    if _dialect(session) == "postgresql":
        return cast(func.floor(func.extract("epoch", later - earlier) / 60), Integer)
    if sqlite3.sqlite_version_info >= (3, 38):
        # integers: SQLite's division of integers rounds toward zero
        return cast((func.unixepoch(later) - func.unixepoch(earlier)) / 60, Integer)
    # julianday is a float of days: round to the second first, or 60 minutes come out as 59.99999
    return cast(func.round((func.julianday(later) - func.julianday(earlier)) * 86400.0) / 60.0, Integer)


def _text(column: Any) -> ColumnElement[str]:
    return cast(column, Text)


def _in_window(column: InstrumentedAttribute[Any], w: Window) -> ColumnElement[bool]:
    return and_(column >= w.since, column < w.until)


def _monthly(session: Session, query: Any, w: Window, column: Any) -> Any:
    """With ``w.monthly``, the query also groups by the month of ``column`` (``month_key``)."""
    if not w.monthly:
        return query
    month = _month(session, column)
    return query.add_columns(month.label("month_key")).group_by(month)


def _agency_reports(w: Window) -> Any:
    return select(Referral.report_id).where(Referral.agency_id == w.agency_id)


def _scoped(query: Any, w: Window, report_id: Any, provider_id: Any | None = None) -> Any:
    """``query`` limited to the window's agency (reports forwarded to it) and provider."""
    if w.agency_id is not None:
        query = query.where(report_id.in_(_agency_reports(w)))
    if w.provider_id is not None:
        if provider_id is not None:
            query = query.where(provider_id == w.provider_id)
        else:
            query = query.where(report_id.in_(select(Report.id).where(Report.provider_id == w.provider_id)))
    return query


# --- names -------------------------------------------------------------------------------------------


def provider_names(session: Session) -> dict[uuid.UUID, str]:
    return {pid: name for pid, name in session.execute(select(Provider.id, Provider.name))}


def agencies(session: Session) -> dict[uuid.UUID, Any]:
    rows = session.execute(select(Agency.id, Agency.code, Agency.name, Agency.country, Agency.kind))
    return {row.id: row for row in rows}


# --- the passes --------------------------------------------------------------------------------------


def _referrals_scoped(query: Any, w: Window) -> Any:
    if w.agency_id is not None:
        query = query.where(Referral.agency_id == w.agency_id)
    if w.provider_id is not None:
        query = query.where(Referral.provider_id == w.provider_id)
    return query


def received(session: Session, w: Window) -> Sequence[Any]:
    """Reports by provider, service type, month, status and whether they concern solicitation."""
    solicitation = _text(Report.incident_categories).like('%"solicitation"%')
    month = _month(session, Report.received_at)
    query = (
        select(
            Report.provider_id,
            Report.service_type,
            month.label("month"),
            Report.status,
            case((solicitation, 1), else_=0).label("solicitation"),
            func.count().label("n"),
        )
        .where(_in_window(Report.received_at, w), Report.status != "open")
        .group_by(Report.provider_id, Report.service_type, month, Report.status, "solicitation")
    )
    query = _monthly(session, query, w, Report.received_at)
    return session.execute(_scoped(query, w, Report.id, Report.provider_id)).all()


def assessed(session: Session, w: Window) -> Sequence[Any]:
    """Assessments by provider, month, state, priority, unfounded reasons and information asked."""
    month = _month(session, Assessment.received_at)
    reasons = _text(Assessment.unfounded_reasons)
    asked = case((Assessment.information_requested_at.is_not(None), 1), else_=0)
    query = (
        select(
            Assessment.provider_id,
            month.label("month"),
            Assessment.state,
            Assessment.priority,
            reasons.label("reasons"),
            Assessment.analyst_unfounded,
            asked.label("asked"),
            func.count().label("n"),
        )
        .where(_in_window(Assessment.received_at, w))
        .group_by(
            Assessment.provider_id,
            month,
            Assessment.state,
            Assessment.priority,
            reasons,
            Assessment.analyst_unfounded,
            asked,
        )
    )
    query = _monthly(session, query, w, Assessment.received_at)
    return session.execute(_scoped(query, w, Assessment.report_id, Assessment.provider_id)).all()


def answers(session: Session, w: Window) -> Sequence[Any]:
    """Information requests made in the period, by provider and minutes to the provider's answer
    (None: not answered)."""
    waited = minutes(session, Assessment.information_answered_at, Assessment.information_requested_at)
    query = (
        select(Assessment.provider_id, waited.label("minutes"), func.count().label("n"))
        .where(_in_window(Assessment.information_requested_at, w))
        .group_by(Assessment.provider_id, waited)
    )
    query = _monthly(session, query, w, Assessment.information_requested_at)
    return session.execute(_scoped(query, w, Assessment.report_id, Assessment.provider_id)).all()


def files(session: Session, w: Window) -> Sequence[Any]:
    """Files received in the period by classification (known, allowlisted, unknown = possibly new)."""
    query = (
        select(ReportFile.classification, func.count().label("n"))
        .where(_in_window(ReportFile.received_at, w))
        .group_by(ReportFile.classification)
    )
    query = _monthly(session, query, w, ReportFile.received_at)
    return session.execute(_scoped(query, w, ReportFile.report_id)).all()


def referred_to(session: Session, w: Window) -> Sequence[Any]:
    """Referrals of reports received in the period by agency, status, decline reason, acknowledged."""
    acknowledged = case((Referral.acknowledged_at.is_not(None), 1), else_=0)
    query = (
        select(
            Referral.agency_id,
            Referral.status,
            Referral.decline_reason,
            acknowledged.label("acknowledged"),
            func.count().label("n"),
        )
        .where(_in_window(Referral.report_received_at, w))
        .group_by(Referral.agency_id, Referral.status, Referral.decline_reason, acknowledged)
    )
    query = _monthly(session, query, w, Referral.report_received_at)
    return session.execute(_referrals_scoped(query, w)).all()


def referred_from(session: Session, w: Window) -> Sequence[Any]:
    """Referrals of reports received in the period by the reporting provider and month of receipt."""
    month = _month(session, Referral.report_received_at)
    query = (
        select(Referral.provider_id, month.label("month"), func.count().label("n"))
        .where(_in_window(Referral.report_received_at, w))
        .group_by(Referral.provider_id, month)
    )
    query = _monthly(session, query, w, Referral.report_received_at)
    return session.execute(_referrals_scoped(query, w)).all()


def _referral_minutes(session: Session, w: Window, later: Any, earlier: Any) -> Sequence[Any]:
    waited = minutes(session, later, earlier)
    query = (
        select(Referral.priority, waited.label("minutes"), func.count().label("n"))
        .where(_in_window(Referral.report_received_at, w))
        .group_by(Referral.priority, waited)
    )
    query = _monthly(session, query, w, Referral.report_received_at)
    return session.execute(_referrals_scoped(query, w)).all()


def forward_delays(session: Session, w: Window) -> Sequence[Any]:
    """Referrals by priority and whole minutes from the report's receipt to sending."""
    return _referral_minutes(session, w, Referral.sent_at, Referral.report_received_at)


def acknowledge_delays(session: Session, w: Window) -> Sequence[Any]:
    """Referrals by priority and whole minutes from sending to acknowledgement (None: not yet)."""
    return _referral_minutes(session, w, Referral.acknowledged_at, Referral.sent_at)


def outcomes(session: Session, w: Window) -> Sequence[Any]:
    """Recorded outcomes of referrals of reports received in the period, grouped by agency,
    provider, action and the victims' breakdowns (few distinct values), with the counts summed."""
    identified = _text(Outcome.victims_identified)
    safeguarded = _text(Outcome.victims_safeguarded)
    query = (
        select(
            Outcome.agency_id,
            Referral.provider_id,
            Outcome.action,
            identified.label("identified"),
            safeguarded.label("safeguarded"),
            func.count().label("n"),
            func.sum(Outcome.suspects_identified).label("suspects_identified"),
            func.sum(Outcome.suspects_arrested).label("suspects_arrested"),
            func.sum(Outcome.offenders_prosecuted).label("offenders_prosecuted"),
            func.sum(Outcome.offenders_convicted).label("offenders_convicted"),
            func.sum(case((Outcome.closed_pretrial, 1), else_=0)).label("closed_pretrial"),
        )
        .join(Referral, Referral.id == Outcome.referral_id)
        .where(_in_window(Referral.report_received_at, w))
        .group_by(Outcome.agency_id, Referral.provider_id, Outcome.action, identified, safeguarded)
    )
    query = _monthly(session, query, w, Referral.report_received_at)
    return session.execute(_referrals_scoped(query, w)).all()


def occurrences(session: Session, w: Window) -> Sequence[Any]:
    """Items first reported in the period, by how many times they have been reported to date (Art.
    83(3)(h)), as a histogram (bucket, items, times); in a scope, the items of its reports of the
    period."""
    query = select(Item.occurrences.label("times")).where(_in_window(Item.first_seen, w))
    if w.monthly:
        query = query.add_columns(_month(session, Item.first_seen).label("month_key"))
    if w.agency_id is not None or w.provider_id is not None:
        seen = _scoped(
            select(ItemSighting.item_id).where(_in_window(ItemSighting.seen_at, w)), w, ItemSighting.report_id
        )
        query = select(Item.occurrences.label("times")).where(Item.id.in_(seen))
    sub = query.subquery()
    times = sub.c.times
    bucket = case(
        (times <= 1, 1),
        (times <= 4, 2),
        (times <= 9, 5),
        (times <= 99, 10),
        (times <= 999, 100),
        else_=1000,
    )
    outer = select(bucket.label("bucket"), func.count().label("items"), func.sum(times).label("times"))
    if w.monthly:
        outer = outer.add_columns(sub.c.month_key).group_by(sub.c.month_key)
    return session.execute(outer.group_by(bucket).order_by(bucket)).all()


def indicators(session: Session, w: Window) -> Sequence[Any]:
    """Indicators per bank (Art. 83(3)(a)): in force at the period's end, added and withdrawn in it."""
    active = and_(
        Indicator.created_at < w.until,
        (Indicator.withdrawn_at.is_(None)) | (Indicator.withdrawn_at >= w.until),
    )
    return session.execute(
        select(
            Bank.name,
            Bank.purpose,
            func.sum(case((active, 1), else_=0)).label("active"),
            func.sum(case((_in_window(Indicator.created_at, w), 1), else_=0)).label("added"),
            func.sum(case((_in_window(Indicator.withdrawn_at, w), 1), else_=0)).label("withdrawn"),
        )
        .join(Bank, Bank.id == Indicator.bank_id)
        .group_by(Bank.name, Bank.purpose)
        .order_by(Bank.name)
    ).all()


def narrative_cases(session: Session, w: Window, state: str | None) -> Sequence[NarrativeCase]:
    query = select(NarrativeCase).where(_in_window(NarrativeCase.dated, w)).order_by(NarrativeCase.id)
    if state is not None:
        query = query.where(NarrativeCase.state == state)
    return session.scalars(query).all()
