"""Which months' kept statistics a unit of work makes stale.

Statistics of a month of receipt are kept (``statistics.partials``) once the month is over. A unit of
work that changes a report, an assessment, a referral, an outcome, a file or an item bumps the
generation of the months those rows count in, when it commits, so that a kept month is never read
after something in it changed. The hooks watch the ORM (every domain change goes through it); two
Core statements bypass it and change nothing the statistics read: intake's bulk inserts (new
reports, always in the current month, which is never kept) and ``mark_referral_delivered`` (sent ->
delivered: no figure tells the two apart). The current month is bumped only on its last day (it is
not kept before it is over), so the pipeline's hot path takes no extra lock the rest of the month.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from itertools import chain
from typing import Any

from sqlalchemy import event, update
from sqlalchemy.orm import Session

from tipline.core.clock import as_utc, utc_now
from tipline.core.db import insert_ignore
from tipline.models import Assessment, Item, Outcome, Referral, Report, ReportFile, StatsGeneration

_MONTHS = "tipline.statistics.months"


def month_of(at: datetime | None) -> str | None:
    return None if at is None else as_utc(at).strftime("%Y-%m")


def _months(session: Session, obj: Any) -> Iterable[datetime | None]:
    if isinstance(obj, Report):
        return (obj.received_at,)
    if isinstance(obj, Assessment):
        return (obj.received_at, obj.information_requested_at)
    if isinstance(obj, Referral):
        return (obj.report_received_at,)
    if isinstance(obj, ReportFile):
        return (obj.received_at,)
    if isinstance(obj, Item):
        return (obj.first_seen,)
    if isinstance(obj, Outcome):
        with session.no_autoflush:
            referral = session.get(Referral, obj.referral_id)
        return (referral.report_received_at if referral is not None else None,)
    return ()


@event.listens_for(Session, "before_flush")
def _collect(session: Session, _context: Any, _instances: Any) -> None:
    found: set[str] = session.info.setdefault(_MONTHS, set())
    for obj in chain(session.new, session.dirty, session.deleted):
        for at in _months(session, obj):
            month = month_of(at)
            if month is not None:
                found.add(month)


@event.listens_for(Session, "before_commit")
def _bump(session: Session) -> None:
    session.flush()  # commit flushes after this hook: collect what is still pending first
    found: set[str] = session.info.pop(_MONTHS, set())
    # months that are over, or will be within a day: a clock a little behind another process's, or a
    # unit of work that began before midnight, still bumps a month another process may keep
    soon = (utc_now() + timedelta(days=1)).strftime("%Y-%m")
    months = sorted(m for m in found if m < soon)
    if not months:
        return
    insert_ignore(session, StatsGeneration, [{"month": m, "generation": 0} for m in months])
    session.execute(
        update(StatsGeneration)
        .where(StatsGeneration.month.in_(months))
        .values(generation=StatsGeneration.generation + 1)
    )


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_MONTHS, None)
