"""Match rows, and the stored file hashes that matching and retro-hunts read."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Row, insert, select
from sqlalchemy.orm import Session

from tipline.banks.repository import MIN_PDQ_QUALITY
from tipline.core.chunks import chunks
from tipline.models import Bank, Indicator, Match, Report, ReportFile


def lock_report(session: Session, report_id: uuid.UUID) -> Report | None:
    return session.scalars(select(Report).where(Report.id == report_id).with_for_update()).one_or_none()


def files_of(session: Session, report_id: uuid.UUID) -> list[ReportFile]:
    query = select(ReportFile).where(ReportFile.report_id == report_id).order_by(ReportFile.position)
    return list(session.scalars(query))


def files_by_id(session: Session, file_ids: Sequence[uuid.UUID]) -> list[ReportFile]:
    return list(session.scalars(select(ReportFile).where(ReportFile.id.in_(file_ids))))


def existing_pairs(session: Session, file_ids: Sequence[uuid.UUID]) -> set[tuple[uuid.UUID, int]]:
    pairs: set[tuple[uuid.UUID, int]] = set()
    for chunk in chunks(file_ids, 2000):
        rows = session.execute(select(Match.file_id, Match.indicator_id).where(Match.file_id.in_(chunk)))
        pairs.update((f, i) for f, i in rows)
    return pairs


def insert_matches(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(Match), list(rows))


def live_matches(session: Session, file_ids: Sequence[uuid.UUID]) -> list[Row[Any]]:
    """Matches of these files whose indicator is active and whose bank is enabled:
    (file_id, hash_type, distance, purpose)."""
    rows: list[Row[Any]] = []
    for chunk in chunks(file_ids, 2000):
        query = (
            select(Match.file_id, Match.hash_type, Match.distance, Bank.purpose)
            .join(Indicator, Indicator.id == Match.indicator_id)
            .join(Bank, Bank.id == Match.bank_id)
            .where(Match.file_id.in_(chunk), Indicator.status == "active", Bank.enabled.is_(True))
        )
        rows.extend(session.execute(query))
    return rows


def matches_of_report(session: Session, report_id: uuid.UUID) -> list[Row[Any]]:
    query = (
        select(Match, Bank.name.label("bank"), Bank.purpose, Indicator.status, Indicator.category)
        .join(Bank, Bank.id == Match.bank_id)
        .join(Indicator, Indicator.id == Match.indicator_id)
        .where(Match.report_id == report_id)
        .order_by(Match.id)
    )
    return list(session.execute(query))


def files_with_hash(
    session: Session, column: str, values: Sequence[str]
) -> list[tuple[uuid.UUID, uuid.UUID, str]]:
    """(id, report_id, value) of stored files whose ``column`` (md5, sha1, sha256, pdq) is among values."""
    col = getattr(ReportFile, column)
    rows: list[tuple[uuid.UUID, uuid.UUID, str]] = []
    for chunk in chunks(values, 2000):
        query = select(ReportFile.id, ReportFile.report_id, col).where(col.in_(chunk))
        rows.extend((f, r, v) for f, r, v in session.execute(query))
    return rows


def stored_pdqs(session: Session, batch: int = 200_000) -> Iterator[list[str]]:
    """Every usable PDQ of a stored file, in batches (duplicates included).

    Read through the driver's own cursor (a server-side one on PostgreSQL), in the session's
    transaction: at ten million rows, SQLAlchemy's row objects would cost about three times as much."""
    sql = (
        "SELECT pdq FROM report_files WHERE pdq IS NOT NULL"
        f" AND (pdq_quality IS NULL OR pdq_quality >= {int(MIN_PDQ_QUALITY)})"
    )
    dbapi = session.connection().connection.dbapi_connection
    assert dbapi is not None
    postgres = session.get_bind().dialect.name == "postgresql"
    cursor = dbapi.cursor(name="tipline_stored_pdqs") if postgres else dbapi.cursor()
    try:
        cursor.execute(sql)
        while rows := cursor.fetchmany(batch):
            yield [str(r[0]) for r in rows]
    finally:
        cursor.close()
