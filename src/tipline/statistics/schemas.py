"""The shape of statistics: a period, and named tables whose columns say what kind of value they hold.

Every chart of the dashboard and of the annual report is drawn from one of these tables, and every
table can be exported as CSV, so a figure can always be checked against the numbers behind it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any


class ColumnKind(StrEnum):
    label = "label"  # a name: provider, member state, reason, month, bucket
    counted = "count"  # a number of reports, items, people (suppressed when small in public output)
    share = "share"  # a fraction 0..1 (suppressed with the row's base count)
    hours = "hours"  # a duration in hours (suppressed with the row's base count)


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    title: str
    kind: ColumnKind = ColumnKind.counted


Cell = str | int | float | None


@dataclass(slots=True)
class Table:
    """One table of figures. ``base`` names the count column whose size decides whether the row's
    shares and durations may be published (a share of three reports says something about each)."""

    name: str
    title: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    note: str | None = None
    base: str | None = None

    def column(self, name: str) -> list[Cell]:
        i = [c.name for c in self.columns].index(name)
        return [row[i] for row in self.rows]

    def total(self, name: str) -> int:
        return sum(int(v) for v in self.column(name) if isinstance(v, int | float))

    def as_dicts(self) -> list[dict[str, Cell]]:
        names = [c.name for c in self.columns]
        return [dict(zip(names, row, strict=True)) for row in self.rows]

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([c.name for c in self.columns])
        for row in self.rows:
            writer.writerow(["" if v is None else _csv_safe(v) for v in row])
        return out.getvalue()


def _csv_safe(value: Cell) -> Cell:
    # a label starting with = + - @ would be a formula in a spreadsheet (CSV injection)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@dataclass(frozen=True, slots=True)
class Period:
    """[start, end) in UTC days."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError("a period ends after it starts")

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year + 1, 1, 1))

    @property
    def since(self) -> datetime:
        return datetime.combine(self.start, time(), tzinfo=UTC)

    @property
    def until(self) -> datetime:
        return datetime.combine(self.end, time(), tzinfo=UTC)

    def label(self) -> str:
        if self.start.month == 1 and self.start.day == 1 and self.end == date(self.start.year + 1, 1, 1):
            return str(self.start.year)
        return f"{self.start.isoformat()} to {(self.end - timedelta(days=1)).isoformat()}"


@dataclass(slots=True)
class Statistics:
    """The figures of one period, as one viewer may see them (``scope``: everyone, or one agency)."""

    period: Period
    scope: str  # "all" | "agency:<code>"
    computed_at: datetime
    tables: dict[str, Table]
    headline: dict[str, int | float | None]
    timings: dict[str, float] = field(default_factory=dict)  # seconds per query group (benchmarks)
    fresh: list[Any] = field(default_factory=list)  # months computed now, to keep (partials.Fresh)

    def table(self, name: str) -> Table:
        return self.tables[name]

    def as_json(self) -> dict[str, Any]:
        return {
            "period": {"start": self.period.start.isoformat(), "end": self.period.end.isoformat()},
            "scope": self.scope,
            "computed_at": self.computed_at.isoformat(),
            "headline": self.headline,
            "tables": {
                name: {
                    "title": t.title,
                    "columns": [{"name": c.name, "title": c.title, "kind": c.kind.value} for c in t.columns],
                    "rows": t.rows,
                    "note": t.note,
                }
                for name, t in self.tables.items()
            },
        }
