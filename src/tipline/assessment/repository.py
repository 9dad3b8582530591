"""Assessment rows: decisions, notes, items and their sightings, bundles. Never commits."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, func, select, update
from sqlalchemy.orm import Session

from tipline.core.db import insert_ignore
from tipline.models import (
    Assessment,
    Bank,
    Bundle,
    Indicator,
    Item,
    ItemSighting,
    Match,
    Report,
    ReportFile,
    ReportNote,
    ReportSupplement,
)


def first_supplement_since(session: Session, report_id: uuid.UUID, since: datetime) -> datetime | None:
    return session.scalar(
        select(func.min(ReportSupplement.received_at)).where(
            ReportSupplement.report_id == report_id, ReportSupplement.received_at >= since
        )
    )


def lock_report(session: Session, report_id: uuid.UUID) -> Report | None:
    return session.scalars(select(Report).where(Report.id == report_id).with_for_update()).one_or_none()


def files_of(session: Session, report_id: uuid.UUID) -> Sequence[ReportFile]:
    return session.scalars(
        select(ReportFile).where(ReportFile.report_id == report_id).order_by(ReportFile.position)
    ).all()


def live_matches(session: Session, report_id: uuid.UUID) -> list[Row[Any]]:
    """(file_id, indicator_id, bank name, purpose, hash_type, distance) of the report's live matches."""
    query = (
        select(Match.file_id, Match.indicator_id, Bank.name, Bank.purpose, Match.hash_type, Match.distance)
        .join(Bank, Bank.id == Match.bank_id)
        .join(Indicator, Indicator.id == Match.indicator_id)
        .where(Match.report_id == report_id, Indicator.status == "active", Bank.enabled.is_(True))
        .order_by(Match.id)
    )
    return list(session.execute(query))


def get(session: Session, report_id: uuid.UUID) -> Assessment | None:
    return session.get(Assessment, report_id)


def notes_of(session: Session, report_id: uuid.UUID) -> Sequence[ReportNote]:
    return session.scalars(
        select(ReportNote).where(ReportNote.report_id == report_id).order_by(ReportNote.id)
    ).all()


def earlier_with_key(session: Session, key: str, report_id: uuid.UUID, received_at: datetime) -> bool:
    """Another report with this duplicate key, received before this one (ties broken by id)."""
    query = select(Assessment.report_id).where(
        Assessment.duplicate_key == key,
        Assessment.report_id != report_id,
        (Assessment.received_at < received_at)
        | ((Assessment.received_at == received_at) & (Assessment.report_id < report_id)),
    )
    return session.execute(query.limit(1)).first() is not None


def with_key(session: Session, key: str) -> frozenset[uuid.UUID]:
    """Reports with this duplicate key."""
    return frozenset(session.scalars(select(Assessment.report_id).where(Assessment.duplicate_key == key)))


def ensure_items(session: Session, keys: Sequence[str], seen: datetime) -> dict[str, Item]:
    """The items with these keys, created when new (concurrent creators do not conflict)."""
    insert_ignore(
        session,
        Item,
        [
            {"key": k, "first_seen": seen, "last_seen": seen, "reports": 0, "occurrences": 0}
            for k in sorted(keys)
        ],
    )
    # locked in id order, so that two reports sharing items cannot deadlock
    items = session.scalars(
        select(Item).where(Item.key.in_(list(keys))).order_by(Item.id).with_for_update()
    ).all()
    return {i.key: i for i in items}


def sightings_of_report(session: Session, report_id: uuid.UUID) -> dict[int, ItemSighting]:
    rows = session.scalars(select(ItemSighting).where(ItemSighting.report_id == report_id)).all()
    return {s.item_id: s for s in rows}


def add_sighting(
    session: Session, item: Item, report_id: uuid.UUID, seen: datetime, n: int, accounts: list[str]
) -> None:
    session.add(
        ItemSighting(item_id=item.id, report_id=report_id, seen_at=seen, occurrences=n, accounts=accounts)
    )
    item.reports += 1
    item.occurrences += n
    item.first_seen = min(item.first_seen, seen)
    item.last_seen = max(item.last_seen, seen)


def sightings_in_window(
    session: Session, item_id: int, start: datetime, end: datetime
) -> list[tuple[uuid.UUID, list[str]]]:
    """(report id, account keys) of the item's sightings between start and end."""
    query = select(ItemSighting.report_id, ItemSighting.accounts).where(
        ItemSighting.item_id == item_id, ItemSighting.seen_at >= start, ItemSighting.seen_at <= end
    )
    return [(r, a) for r, a in session.execute(query)]


def bundle_of_item(session: Session, item_id: int) -> Bundle | None:
    return session.scalars(select(Bundle).where(Bundle.item_id == item_id).with_for_update()).one_or_none()


def get_bundle(session: Session, bundle_id: uuid.UUID) -> Bundle | None:
    return session.get(Bundle, bundle_id)


def bundle_members(session: Session, bundle_id: uuid.UUID) -> Sequence[Assessment]:
    return session.scalars(
        select(Assessment).where(Assessment.bundle_id == bundle_id).order_by(Assessment.received_at)
    ).all()


def queue(
    session: Session, states: Sequence[str], priority: str | None, limit: int, offset: int
) -> Sequence[Assessment]:
    """Assessments in queue order: priority rank, then oldest first."""
    query = select(Assessment).where(Assessment.state.in_(list(states)))
    if priority is not None:
        query = query.where(Assessment.priority == priority)
    query = query.order_by(Assessment.rank, Assessment.received_at, Assessment.report_id)
    return session.scalars(query.limit(limit).offset(offset)).all()


def counts(session: Session) -> dict[str, dict[str, int]]:
    """Assessments by state, priority, unfounded reason and information requested; items and bundles
    (aggregates only: no report, account or hash)."""
    by_state = dict(session.execute(select(Assessment.state, func.count()).group_by(Assessment.state)).all())
    by_priority = dict(
        session.execute(select(Assessment.priority, func.count()).group_by(Assessment.priority)).all()
    )
    unfounded: dict[str, int] = {}
    asked: dict[str, int] = {}
    query = select(Assessment.unfounded_reasons, Assessment.missing).where(Assessment.state != "assessed")
    for reasons, missing in session.execute(query):
        for r in reasons:
            unfounded[r] = unfounded.get(r, 0) + 1
        for m in missing:
            asked[m] = asked.get(m, 0) + 1
    items = session.execute(
        select(
            func.count(),
            func.count().filter(Item.reports > 1),
            func.coalesce(func.sum(Item.occurrences), 0),
        )
    ).one()
    bundles = session.execute(
        select(func.count(), func.coalesce(func.sum(Bundle.reports), 0)).select_from(Bundle)
    ).one()
    return {
        "state": by_state,
        "priority": by_priority,
        "unfounded_reasons": unfounded,
        "information_requested": asked,
        "items": {"distinct": items[0], "reported_more_than_once": items[1], "occurrences": int(items[2])},
        "bundles": {"bundles": bundles[0], "reports": int(bundles[1])},
    }


def set_bundle_counts(session: Session, bundle: Bundle) -> None:
    """Recount a bundle's members (reports, accounts, occurrences) from its item's sightings."""
    rows = session.scalars(
        select(ItemSighting)
        .join(Assessment, Assessment.report_id == ItemSighting.report_id)
        .where(ItemSighting.item_id == bundle.item_id, Assessment.bundle_id == bundle.id)
    ).all()
    accounts = {a for s in rows for a in s.accounts}
    session.execute(
        update(Bundle)
        .where(Bundle.id == bundle.id)
        .values(reports=len(rows), accounts=len(accounts), occurrences=sum(s.occurrences for s in rows))
    )
