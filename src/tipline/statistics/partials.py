"""Statistics kept per month of receipt, so that a period over years reads its old months once.

Every pass of ``repository`` gives grouped rows whose counts add up across periods, so a period's
rows are the rows of its months put together. A month is kept once it is two months old (the last
month still takes late changes in quick succession, and a unit of work that began in it may commit
after it ended); a kept month is valid while its generation (bumped by ``freshness`` whenever
something in it changes) is the one it was computed at. The months at the period's edges that are
not whole, and the recent months, are read live.

``gather`` returns the rows and the months it had to compute (``Fresh``); the caller keeps them with
``keep`` in a unit of work of its own (the computation itself runs in a read-only unit).
"""

from __future__ import annotations

import uuid
from collections import namedtuple
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tipline.core.db import insert_ignore
from tipline.models import StatsGeneration, StatsPartial
from tipline.statistics import repository
from tipline.statistics.repository import Window

VERSION = 1  # bump when a pass's rows change shape: kept months of another version are recomputed

PASSES: dict[str, Callable[[Session, Window], Sequence[Any]]] = {
    "reports": repository.received,
    "assessments": repository.assessed,
    "information_requests": repository.answers,
    "files": repository.files,
    "referrals_by_agency": repository.referred_to,
    "referrals_by_provider": repository.referred_from,
    "forward_delays": repository.forward_delays,
    "acknowledge_delays": repository.acknowledge_delays,
    "outcomes": repository.outcomes,
    "occurrences": repository.occurrences,
}


@dataclass(frozen=True, slots=True)
class Fresh:
    """A month computed in this run, to keep."""

    month: str
    generation: int
    payload: dict[str, Any]


@dataclass(slots=True)
class Gathered:
    rows: dict[str, list[Any]]
    fresh: list[Fresh] = field(default_factory=list)
    kept: int = 0  # months read from kept rows
    computed: int = 0  # months computed now
    live_days: int = 0  # days read live (edges and recent months)


def _first(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _at(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def months_between(start: date, end: date) -> Iterator[date]:
    """First days of the whole months within [start, end)."""
    month = start if start.day == 1 else _next_month(start)
    while _next_month(month) <= end:
        yield month
        month = _next_month(month)


def keepable_before(today: date) -> date:
    """Months starting before this day may be kept: the month before last and earlier."""
    this = _first(today)
    last = _first(date.fromordinal(this.toordinal() - 1))
    return last


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Decimal):  # PostgreSQL's sum of bigints; counts are whole
        return int(value)
    return value


def _encode(rows: Sequence[Any]) -> dict[str, Any]:
    fields = list(rows[0]._fields) if rows else []
    return {
        "fields": fields,
        "rows": [[_plain(v) for v in row] for row in rows],
    }


def _decode(name: str, data: dict[str, Any]) -> list[Any]:
    fields = data["fields"]
    if not fields:
        return []
    shape = namedtuple(f"{name.title().replace('_', '')}Row", fields)  # type: ignore[misc]  # noqa: PYI024
    ids = [i for i, f in enumerate(fields) if f.endswith("_id")]
    out = []
    for row in data["rows"]:
        for i in ids:
            if row[i] is not None:
                row[i] = uuid.UUID(row[i])
        out.append(shape(*row))
    return out


def _live(session: Session, since: datetime, until: datetime, rows: dict[str, list[Any]]) -> None:
    w = Window(since, until)
    for name, run in PASSES.items():
        rows[name].extend(run(session, w))


def gather(session: Session, start: date, end: date, today: date) -> Gathered:
    """The rows of every pass for [start, end): kept months where valid, the rest computed."""
    result = Gathered({name: [] for name in PASSES})
    limit = keepable_before(today)
    months = [m for m in months_between(start, end) if m < limit]
    if not months:
        _live(session, _at(start), _at(end), result.rows)
        result.live_days = (end - start).days
        return result
    labels = [m.strftime("%Y-%m") for m in months]
    generations: dict[str, int] = {
        month: generation
        for month, generation in session.execute(
            select(StatsGeneration.month, StatsGeneration.generation).where(StatsGeneration.month.in_(labels))
        )
    }
    kept = {
        p.month: p
        for p in session.scalars(select(StatsPartial).where(StatsPartial.month.in_(labels)))
        if p.version == VERSION and p.generation == generations.get(p.month, 0)
    }
    for month, label in zip(months, labels, strict=True):
        partial = kept.get(label)
        if partial is not None:
            for name in PASSES:
                result.rows[name].extend(_decode(name, partial.payload[name]))
            result.kept += 1
            continue
        generation = generations.get(label, 0)  # read before the rows: a change after it makes this stale
        w = Window(_at(month), _at(_next_month(month)))
        computed = {name: run(session, w) for name, run in PASSES.items()}
        for name, rows in computed.items():
            result.rows[name].extend(rows)
        result.fresh.append(Fresh(label, generation, {n: _encode(r) for n, r in computed.items()}))
        result.computed += 1
    head_end, tail_start = months[0], _next_month(months[-1])
    if start < head_end:
        _live(session, _at(start), _at(head_end), result.rows)
    if tail_start < end:
        _live(session, _at(tail_start), _at(end), result.rows)
    result.live_days = (head_end - start).days + max(0, (end - tail_start).days)
    return result


def keep(session: Session, fresh: Sequence[Fresh]) -> None:
    """Store months computed by ``gather`` (a concurrent run storing the same month is harmless)."""
    if not fresh:
        return
    session.execute(delete(StatsPartial).where(StatsPartial.month.in_([f.month for f in fresh])))
    insert_ignore(
        session,
        StatsPartial,
        [
            {"month": f.month, "generation": f.generation, "version": VERSION, "payload": f.payload}
            for f in fresh
        ],
    )
