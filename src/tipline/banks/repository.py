"""Bank, indicator, import and counter rows. Bulk paths use Core statements, not ORM objects."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Row, and_, func, insert, or_, select, update
from sqlalchemy.orm import Session

from tipline.core.chunks import chunks
from tipline.evidence.hashing import PDQ_MIN_QUALITY
from tipline.models import Bank, BankImport, Counter, Indicator, IndicatorEvent

INDICATOR_SEQ = "indicators"
INSTANCE = "instance"
MIN_PDQ_QUALITY = PDQ_MIN_QUALITY  # below it a PDQ is matched on neither side


def take_seq(session: Session, n: int) -> int:
    """Reserve ``n`` indicator change numbers; returns the last. Locks the counter row until commit,
    which serialises indicator writers so that sequence order is commit order."""
    value = session.execute(
        update(Counter)
        .where(Counter.name == INDICATOR_SEQ)
        .values(value=Counter.value + n)
        .returning(Counter.value)
    ).scalar_one()
    return int(value)


def lock_indicator_writes(session: Session) -> None:
    """Take the indicator counter's row lock now (until commit), before reading what to write, so that
    two imports cannot both decide that the same indicator is new."""
    session.execute(update(Counter).where(Counter.name == INDICATOR_SEQ).values(value=Counter.value))


def counter(session: Session, name: str) -> int:
    return int(session.execute(select(Counter.value).where(Counter.name == name)).scalar_one())


def get_bank(session: Session, name: str) -> Bank | None:
    return session.scalars(select(Bank).where(Bank.name == name)).one_or_none()


def list_banks(session: Session) -> list[Bank]:
    return list(session.scalars(select(Bank).order_by(Bank.name)))


def banks_by_id(session: Session) -> dict[uuid.UUID, Bank]:
    return {b.id: b for b in session.scalars(select(Bank))}


def indicator_counts(session: Session) -> dict[tuple[uuid.UUID, str, str], int]:
    rows = session.execute(
        select(Indicator.bank_id, Indicator.hash_type, Indicator.status, func.count()).group_by(
            Indicator.bank_id, Indicator.hash_type, Indicator.status
        )
    )
    return {(b, t, s): n for b, t, s, n in rows}


def existing(
    session: Session, bank_id: uuid.UUID, keys: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], Indicator]:
    """The bank's indicators among ``keys`` of (hash_type, value)."""
    found: dict[tuple[str, str], Indicator] = {}
    for hash_type, values in _by_type(keys).items():
        # One IN list of values per hash type, on the (hash_type, value) index; the bank is checked
        # here. With bank_id in the WHERE clause, PostgreSQL without fresh statistics walks the whole
        # bank through the unique index and filters the values (quadratic imports); a list of
        # (type, value) tuples does the same with statistics.
        query = select(Indicator).where(Indicator.hash_type == hash_type, Indicator.value.in_(values))
        for indicator in session.scalars(query):
            if indicator.bank_id == bank_id:
                found[(indicator.hash_type, indicator.value)] = indicator
            else:
                session.expunge(indicator)
    return found


def _by_type(keys: Sequence[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for hash_type, value in keys:
        grouped.setdefault(hash_type, []).append(value)
    return grouped


def insert_indicators(session: Session, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert and return the new ids, in order."""
    if not rows:
        return []
    result = session.execute(
        insert(Indicator).returning(Indicator.id, sort_by_parameter_order=True), list(rows)
    )
    return [int(r[0]) for r in result]


def insert_events(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(IndicatorEvent), list(rows))


def get_indicator(session: Session, indicator_id: int, *, for_update: bool = False) -> Indicator | None:
    return session.get(Indicator, indicator_id, with_for_update=for_update)


def indicator_events(session: Session, indicator_id: int) -> list[IndicatorEvent]:
    query = (
        select(IndicatorEvent).where(IndicatorEvent.indicator_id == indicator_id).order_by(IndicatorEvent.id)
    )
    return list(session.scalars(query))


def feedback_of(session: Session, indicator_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = {}
    if not indicator_ids:
        return found
    query = select(IndicatorEvent.indicator_id, IndicatorEvent.data).where(
        IndicatorEvent.indicator_id.in_(indicator_ids), IndicatorEvent.kind == "feedback"
    )
    for indicator_id, data in session.execute(query):
        found.setdefault(indicator_id, []).append(data)
    return found


def indicators_by_id(session: Session, ids: Sequence[int]) -> dict[int, Row[Any]]:
    """id -> (id, bank_id, hash_type, value, status, category) for match filtering."""
    found: dict[int, Row[Any]] = {}
    for chunk in chunks(ids, 5000):
        query = select(
            Indicator.id,
            Indicator.bank_id,
            Indicator.hash_type,
            Indicator.value,
            Indicator.status,
            Indicator.category,
        ).where(Indicator.id.in_(chunk))
        found.update({row.id: row for row in session.execute(query)})
    return found


def exact_lookup(session: Session, keys: Sequence[tuple[str, str]]) -> list[Row[Any]]:
    """Active indicators whose (hash_type, value) is among ``keys`` (all banks)."""
    rows: list[Row[Any]] = []
    for hash_type, values in _by_type(keys).items():
        for chunk in chunks(values, 2000):
            query = select(
                Indicator.id, Indicator.bank_id, Indicator.hash_type, Indicator.value, Indicator.category
            ).where(
                Indicator.hash_type == hash_type, Indicator.value.in_(chunk), Indicator.status == "active"
            )
            rows.extend(session.execute(query))
    return rows


def pdq_changes_since(session: Session, watermark: int, batch: int = 100_000) -> Iterator[Sequence[Row[Any]]]:
    """Indicator changes after ``watermark``, in batches: (id, seq, live, value, hash_type); ``live`` is
    true for an active PDQ of usable quality. Selected on ``seq`` alone so that the seq index serves
    it (with ``hash_type`` in the WHERE clause SQLite walks every PDQ row); callers skip other types."""
    live = and_(
        Indicator.hash_type == "pdq",
        Indicator.status == "active",
        or_(Indicator.quality.is_(None), Indicator.quality >= MIN_PDQ_QUALITY),
    )
    query = (
        select(Indicator.id, Indicator.seq, live.label("live"), Indicator.value, Indicator.hash_type)
        .where(Indicator.seq > watermark)
        .order_by(Indicator.seq)
        .execution_options(yield_per=batch)
    )
    yield from session.execute(query).partitions(batch)  # type: ignore[misc]


def indicators_in_seq_range(session: Session, seq_from: int, seq_to: int) -> list[Row[Any]]:
    """Active indicators last changed in [seq_from, seq_to]: the candidates of a retro-hunt."""
    query = select(
        Indicator.id, Indicator.bank_id, Indicator.hash_type, Indicator.value, Indicator.quality
    ).where(Indicator.seq >= seq_from, Indicator.seq <= seq_to, Indicator.status == "active")
    return list(session.execute(query))


def add_import(session: Session, **values: Any) -> BankImport:
    row = BankImport(**values)
    session.add(row)
    session.flush()
    return row


def find_import(session: Session, bank_id: uuid.UUID, file_sha256: str) -> BankImport | None:
    query = (
        select(BankImport)
        .where(
            BankImport.bank_id == bank_id,
            BankImport.file_sha256 == file_sha256,
            BankImport.finished_at.is_not(None),
        )
        .order_by(BankImport.started_at.desc())
        .limit(1)
    )
    return session.scalars(query).first()
