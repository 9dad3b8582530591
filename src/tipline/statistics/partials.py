"""Statistics kept per month of receipt, so that a period over years reads its old months once.

Every pass of ``repository`` gives grouped rows whose counts add up across periods, so a period's
rows are the rows of its months put together. A month is kept once it is over; a kept month is
valid while its generation (bumped by ``freshness`` whenever something in it changes) is the one it
was computed at. The months at the period's edges that are not whole, and the current month, are
read live.

``gather`` returns the rows and the months it had to compute (``Fresh``); the caller keeps them with
``keep`` in a unit of work of its own (the computation itself runs in a read-only unit).
"""

from __future__ import annotations

import functools
import uuid
from collections import defaultdict, namedtuple
from collections.abc import Callable, Iterable, Iterator, Sequence
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

VERSION = 2  # bump when a pass's rows change shape: kept months of another version are recomputed

# the columns of a pass's rows that add up (counts and sums); every other column is part of the key
ADDITIVE = frozenset(
    {
        "n",
        "items",
        "times",
        "suspects_identified",
        "suspects_arrested",
        "offenders_prosecuted",
        "offenders_convicted",
        "closed_pretrial",
    }
)

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
    live_days: int = 0  # days read live (edges and the current month)


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
    """Months starting before this day may be kept: every month before the current one."""
    return _first(today)


def coarse_minutes(minutes: int | None) -> int | None:
    """A duration's histogram key: exact under an hour, to 5 minutes under a day, to the hour under a
    week, to the day beyond (a percentile is the lower bound of its key). Kept months then hold a few
    hundred keys per priority instead of every distinct minute."""
    if minutes is None:
        return None
    m = max(0, int(minutes))
    if m < 60:
        return m
    if m < 1440:
        return m - m % 5
    if m < 10080:
        return m - m % 60
    return m - m % 1440


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Decimal):  # PostgreSQL's sum of bigints; counts are whole
        return int(value)
    return value


class _Merged:
    """Rows of one pass from many months, summed by key as they come: a period of years has a few
    distinct keys per pass, however many months it spans. Ids travel as text and become UUIDs once
    per distinct key."""

    def __init__(self) -> None:
        self.fields: list[str] = []
        self._keys: list[int] = []
        self._sums: list[int] = []
        self._acc: dict[tuple[Any, ...], list[int]] = {}

    def add(self, fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        if not fields:
            return
        if not self.fields:
            self.fields = list(fields)
            self._keys = [i for i, f in enumerate(fields) if f not in ADDITIVE]
            self._sums = [i for i, f in enumerate(fields) if f in ADDITIVE]
        keys, sums, acc = self._keys, self._sums, self._acc
        coarse = {i for i in keys if self.fields[i] == "minutes"}
        for row in rows:
            key = tuple(coarse_minutes(row[i]) if i in coarse else _plain(row[i]) for i in keys)
            values = [int(row[i] or 0) for i in sums]
            total = acc.get(key)
            if total is None:
                acc[key] = values
            else:
                for j, v in enumerate(values):
                    total[j] += v

    def encode(self) -> dict[str, Any]:
        """The summed rows as JSON (ids as text), to keep."""
        order = self._keys + self._sums
        rows = []
        for key, values in self._acc.items():
            row: list[Any] = [None] * len(self.fields)
            for i, v in zip(order, (*key, *values), strict=True):
                row[i] = v
            rows.append(row)
        return {"fields": self.fields, "rows": rows}

    def rows(self, name: str) -> list[Any]:
        if not self.fields:
            return []
        shape = _shape(name, tuple(self.fields))
        ids = {i for i, f in enumerate(self.fields) if f.endswith("_id")}
        order = self._keys + self._sums
        out = []
        for key, values in self._acc.items():
            row: list[Any] = [None] * len(self.fields)
            for i, v in zip(order, (*key, *values), strict=True):
                row[i] = _uuid(v) if i in ids and v is not None else v
            out.append(shape(*row))
        return out


@functools.cache
def _shape(name: str, fields: tuple[str, ...]) -> Any:
    return namedtuple(f"{name.title().replace('_', '')}Row", fields)  # noqa: PYI024


@functools.cache
def _uuid(text: str) -> uuid.UUID:
    return uuid.UUID(text)


def gather(session: Session, start: date, end: date, today: date) -> Gathered:
    """The rows of every pass for [start, end): kept months where valid, the rest computed, all
    summed by key."""
    merged = {name: _Merged() for name in PASSES}
    result = Gathered({})

    def live(since: date, until: date) -> None:
        w = Window(_at(since), _at(until))
        for name, run in PASSES.items():
            rows = run(session, w)
            if rows:
                merged[name].add(rows[0]._fields, rows)
        result.live_days += (until - since).days

    limit = keepable_before(today)
    months = [m for m in months_between(start, end) if m < limit]
    if not months:
        live(start, end)
    else:
        labels = [m.strftime("%Y-%m") for m in months]
        generations: dict[str, int] = {
            month: generation
            for month, generation in session.execute(
                select(StatsGeneration.month, StatsGeneration.generation).where(
                    StatsGeneration.month.in_(labels)
                )
            )
        }
        kept = {
            p.month: p
            for p in session.scalars(select(StatsPartial).where(StatsPartial.month.in_(labels)))
            if p.version == VERSION and p.generation == generations.get(p.month, 0)
        }
        missing = []
        for month, label in zip(months, labels, strict=True):
            partial = kept.get(label)
            if partial is None:
                missing.append((month, label))
                continue
            for name in PASSES:
                merged[name].add(partial.payload[name]["fields"], partial.payload[name]["rows"])
            result.kept += 1
        if missing:
            _compute_months(session, missing, generations, merged, result)
        if start < months[0]:
            live(start, months[0])
        if _next_month(months[-1]) < end:
            live(_next_month(months[-1]), end)
    result.rows = {name: m.rows(name) for name, m in merged.items()}
    return result


def _compute_months(
    session: Session,
    missing: list[tuple[date, str]],
    generations: dict[str, int],
    merged: dict[str, _Merged],
    result: Gathered,
) -> None:
    """The months not kept (or stale), in one pass per table over their span, split by month. The
    generations were read before the rows: a change after them makes the new months stale."""
    span = Window(_at(missing[0][0]), _at(_next_month(missing[-1][0])), monthly=True)
    months = {label: {name: _Merged() for name in PASSES} for _, label in missing}
    for name, run in PASSES.items():
        rows = run(session, span)
        if not rows:
            continue
        at = rows[0]._fields.index("month_key")
        fields = [f for i, f in enumerate(rows[0]._fields) if i != at]
        by_month: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        for row in rows:
            by_month[row[at]].append(tuple(v for i, v in enumerate(row) if i != at))
        for label, month_rows in by_month.items():
            if label in months:  # a kept month inside the span is read from what was kept
                months[label][name].add(fields, month_rows)
                merged[name].add(fields, month_rows)
    for _, label in missing:
        payload = {name: m.encode() for name, m in months[label].items()}
        result.fresh.append(Fresh(label, generations.get(label, 0), payload))
        result.computed += 1


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
