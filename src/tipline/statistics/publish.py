"""Statistics fit for publication: small counts suppressed, and what they could be worked out from.

``publish(stats, below)`` returns a copy of the figures and a record of every cell it withheld, with
why; ``suppress(stats, below)`` returns only the copy. What is protected:

1. Primary suppression: every count (``ColumnKind.counted`` cells and headline figures) with
   ``0 < n < below`` is withheld (shown as "< {below}"). Zero stays zero: that nothing happened is
   not about anyone.
2. Shares and durations (``ColumnKind.share``, ``ColumnKind.hours``) are withheld when the row's base
   count (``Table.base``, else the row's first count) is below the threshold, and when their own
   denominator (``DENOMINATORS``, e.g. a provider's information requests) is: the median time of three
   referrals is nearly a fact about each of them. (A base withheld by secondary suppression is not
   small, so its row's shares stay.)
3. Secondary suppression: where a published figure is the sum of other published cells (the
   identities in ``_groups``: a headline total and the columns that add up to it, e.g. reports received
   = the sum over providers = over service types = over months; a priority's referrals in one table and
   its distribution or acknowledged + waiting in another; solicitation reports by provider, by service
   type and in the content table), a group with exactly one withheld cell would give it away by
   subtraction. Then the smallest other published cell of the group (non-zero first) is withheld too,
   or the total when there is none, until no group has exactly one withheld cell.
4. A title or note that states a count (``"...: 12, by reason"``) has the number replaced when it is
   below the threshold or is a withheld headline figure.

What is not protected: bounds. Two withheld cells of a group give their sum; a withheld count is known
to be 1..below-1; a count of occurrences gives a range for the number of items. Identities not listed
in ``_groups`` (the lead adding a total somewhere) are not seen: add them there. Labels are provider
names (public organisations), Member States, service types, months, reasons and buckets, never a
person; nothing here checks labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from tipline.statistics.schemas import Cell, Column, ColumnKind, Statistics, Table

HEADLINE = ""  # the table name of a headline figure's cell reference


class Hidden(StrEnum):
    small = "small"  # a count below the threshold
    secondary = "secondary"  # a count that would give away a small one by subtraction
    base = "base"  # a share or duration whose base (or denominator) is small or withheld


# (table, row index, column); headline figures are (HEADLINE, -1, key)
CellRef = tuple[str, int, str]

# share/hours columns whose denominator is a count other than the table's base
DENOMINATORS: dict[tuple[str, str], str] = {
    ("provider_scorecards", "answered_share"): "information_requests",
    ("provider_scorecards", "answer_median_hours"): "information_requests",
    ("provider_scorecards", "answer_p90_hours"): "information_requests",
    ("provider_scorecards", "investigated_share"): "referrals",
}

# headline figure -> the (table, column) sums equal to it
HEADLINE_SUMS: dict[str, tuple[tuple[str, str], ...]] = {
    "reports_received": (
        ("received_by_provider", "reports"),
        ("received_by_service", "reports"),
        ("by_month", "received"),
        ("provider_scorecards", "reports"),
    ),
    "referrals": (
        ("forwarded_by_state", "referrals"),
        ("by_month", "referrals"),
        ("time_to_forward", "referrals"),
        ("provider_scorecards", "referrals"),
    ),
    # (not the reasons: a report may have several)
    "manifestly_unfounded": (("by_month", "unfounded"),),
    "victims_identified": (
        ("funnel_by_state", "victims_identified"),
        ("funnel_by_provider", "victims_identified"),
    ),
    "victims_safeguarded": (
        ("funnel_by_state", "victims_safeguarded"),
        ("funnel_by_provider", "victims_safeguarded"),
    ),
    "offenders_convicted": (
        ("funnel_by_state", "offenders_convicted"),
        ("funnel_by_provider", "offenders_convicted"),
    ),
}
# the same quantity in two tables, row by row (matched on the first label)
SAME: tuple[tuple[tuple[str, str], tuple[str, str]], ...] = (
    (("received_by_provider", "reports"), ("provider_scorecards", "reports")),
    (("forwarded_by_state", "referrals"), ("funnel_by_state", "forwarded")),
    (("provider_scorecards", "referrals"), ("funnel_by_provider", "forwarded")),
)
SOLICITATION_ROW = "Reports concerning solicitation of children"
_STATED_COUNT = re.compile(r"(?<=: )\d+(?:,\d{3})*(?![\d.])")


@dataclass(frozen=True, slots=True)
class Group:
    """``total`` is the sum of ``members`` (or at least their bound): one withheld member gives itself
    away."""

    total: CellRef
    members: tuple[CellRef, ...]


@dataclass(frozen=True, slots=True)
class Published:
    stats: Statistics
    below: int
    hidden: Mapping[CellRef, Hidden]

    def why(self, table: str, row: int, column: str) -> Hidden | None:
        return self.hidden.get((table, row, column))

    def text(self, table: str, row: int, column: str) -> str:
        """A cell as shown: the number, "< {below}", "withheld", or "–" (nothing to show)."""
        t = self.stats.tables[table]
        kind = next(c.kind for c in t.columns if c.name == column)
        value = t.rows[row][[c.name for c in t.columns].index(column)]
        return self._show(value, kind, self.hidden.get((table, row, column)))

    def headline_text(self, key: str) -> str:
        return self._show(self.stats.headline.get(key), ColumnKind.counted, self.hidden.get(_h(key)))

    def csv(self, table: str) -> str:
        """The table as CSV: withheld values blank, and a last column ``withheld`` naming them
        ("reports < 10; referrals withheld")."""
        t = self.stats.tables[table]
        marks = [
            "; ".join(
                f"{c.name} < {self.below}"
                if self.hidden[(table, i, c.name)] is Hidden.small
                else f"{c.name} withheld"
                for c in t.columns
                if (table, i, c.name) in self.hidden
            )
            for i in range(len(t.rows))
        ]
        marked = Table(
            t.name,
            t.title,
            [*t.columns, Column("withheld", "Withheld", ColumnKind.label)],
            [[*row, mark or None] for row, mark in zip(t.rows, marks, strict=True)],
        )
        return marked.to_csv()

    def headline_csv(self) -> str:
        rows: list[list[Cell]] = []
        for key, value in self.stats.headline.items():
            why = self.hidden.get(_h(key))
            rows.append(
                [
                    key,
                    value,
                    None if why is None else f"< {self.below}" if why is Hidden.small else "withheld",
                ]
            )
        cols = [
            Column("figure", "Figure", ColumnKind.label),
            Column("value", "Value"),
            Column("withheld", "Withheld", ColumnKind.label),
        ]
        return Table("headline", "Headline figures", cols, rows).to_csv()

    def _show(self, value: Cell, kind: ColumnKind, why: Hidden | None) -> str:
        if why is Hidden.small:
            return f"< {self.below}"
        if why is not None:
            return "withheld"
        return format_cell(value, kind)


def format_cell(value: Cell, kind: ColumnKind) -> str:
    if value is None:
        return "–"
    if kind is ColumnKind.share and isinstance(value, int | float):
        return f"{value * 100:.1f} %"
    if kind is ColumnKind.hours and isinstance(value, int | float):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def suppress(stats: Statistics, below: int) -> Statistics:
    """A copy of ``stats`` with small counts, the shares and durations of small rows, and what could
    give a small count away set to None (the module's docstring has the rules)."""
    return publish(stats, below).stats


def publish(stats: Statistics, below: int) -> Published:
    if below < 1:
        raise ValueError("the suppression threshold is at least 1")
    tables = {name: _copy(t) for name, t in stats.tables.items()}
    headline = dict(stats.headline)
    out = Statistics(stats.period, stats.scope, stats.computed_at, tables, headline, dict(stats.timings))
    hidden: dict[CellRef, Hidden] = {}
    raw = {name: t.rows for name, t in stats.tables.items()}

    def small(v: Cell) -> bool:
        return isinstance(v, int | float) and not isinstance(v, bool) and 0 < v < below

    # 1. primary: small counts
    for name, t in tables.items():
        for j, col in enumerate(t.columns):
            if col.kind is not ColumnKind.counted:
                continue
            for i, row in enumerate(t.rows):
                if small(row[j]):
                    hidden[(name, i, col.name)] = Hidden.small
    for key, v in headline.items():
        if small(v):
            hidden[_h(key)] = Hidden.small

    # 3. secondary: no group with exactly one withheld cell, no copy of a withheld cell published
    groups = list(_groups(out))
    same = list(_same(out))
    changed = True
    while changed:
        changed = False
        for cells in same:
            reasons = {hidden[c] for c in cells if c in hidden}
            for c in cells:
                if reasons and c not in hidden:
                    hidden[c] = Hidden.small if Hidden.small in reasons else Hidden.secondary
                    changed = True
        for g in groups:
            if g.total in hidden or _value(out, g.total) is None:
                continue
            withheld = [m for m in g.members if m in hidden]

            if len(withheld) != 1:
                continue
            open_ = [m for m in g.members if m not in hidden and isinstance(_value(out, m), int | float)]
            nonzero = [m for m in open_ if _value(out, m)]
            pick = min(nonzero or open_, key=lambda m: _number(out, m), default=g.total)
            hidden[pick] = Hidden.secondary
            changed = True

    for ref in hidden:
        _clear(out, ref)

    # 2. shares and durations of small or withheld bases
    for name, t in tables.items():
        names = [c.name for c in t.columns]
        counts = [c.name for c in t.columns if c.kind is ColumnKind.counted]
        base = t.base or (counts[0] if counts else None)
        for j, col in enumerate(t.columns):
            if col.kind not in (ColumnKind.share, ColumnKind.hours):
                continue
            bases = [b for b in (base, DENOMINATORS.get((name, col.name))) if b is not None]
            for i, row in enumerate(t.rows):
                if row[j] is None:
                    continue
                if not bases or any(
                    hidden.get((name, i, b)) is Hidden.small
                    or _number_or_zero(raw[name][i][names.index(b)]) < below
                    for b in bases
                ):
                    row[j] = None
                    hidden[(name, i, col.name)] = Hidden.base

    # 4. counts stated in titles and notes
    withheld_headline = {
        int(v) for k, v in stats.headline.items() if _h(k) in hidden and isinstance(v, int | float)
    }

    def scrub(text: str | None) -> str | None:
        if text is None:
            return None

        def one(m: re.Match[str]) -> str:
            n = int(m.group(0).replace(",", ""))
            return f"< {below}" if 0 < n < below else "withheld" if n in withheld_headline else m.group(0)

        return _STATED_COUNT.sub(one, text)

    for t in tables.values():
        t.title = scrub(t.title) or t.title
        t.note = scrub(t.note)
    return Published(out, below, hidden)


def _groups(stats: Statistics) -> Iterable[Group]:
    tables = stats.tables

    def column(table: str, col: str, where: tuple[str, str] | None = None) -> tuple[CellRef, ...]:
        t = tables.get(table)
        if t is None or col not in [c.name for c in t.columns]:
            return ()
        rows = range(len(t.rows))
        if where is not None:
            rows = [i for i, v in enumerate(t.column(where[0])) if v == where[1]]  # type: ignore[assignment]
        return tuple((table, i, col) for i in rows)

    def row_of(table: str, label: str) -> int | None:
        t = tables.get(table)
        if t is None or not t.columns:
            return None
        labels = t.column(t.columns[0].name)
        return labels.index(label) if label in labels else None

    for key, sums in HEADLINE_SUMS.items():
        if key not in stats.headline:
            continue
        for table, col in sums:
            if members := column(table, col):
                yield Group(_h(key), members)
    # victims by sex and age are the recorded part of the funnel's victims
    for key, col in (("victims_identified", "identified"), ("victims_safeguarded", "safeguarded")):
        recorded = column("victims", col)
        imported = column("funnel_by_state", key, ("source", "imported"))
        if key in stats.headline and recorded:
            yield Group(_h(key), recorded + imported)
    # solicitation reports: by provider, by service type, and one row of the content table
    i = row_of("content", SOLICITATION_ROW)
    if i is not None:
        for table in ("received_by_provider", "received_by_service"):
            if members := column(table, "solicitation"):
                yield Group(("content", i, "count"), members)
    # a priority's referrals: its distribution over time buckets; acknowledged + waiting
    forward = tables.get("time_to_forward")
    if forward is not None:
        for i, priority in enumerate(forward.column("priority") if forward.rows else []):
            total: CellRef = ("time_to_forward", i, "referrals")
            if members := column("time_to_forward_distribution", str(priority)):
                yield Group(total, members)
            j = row_of("time_to_acknowledge", str(priority))
            if j is not None:
                yield Group(
                    total, (("time_to_acknowledge", j, "acknowledged"), ("time_to_acknowledge", j, "waiting"))
                )


def _same(stats: Statistics) -> Iterable[tuple[CellRef, ...]]:
    """Cells holding the same count in two tables: a provider's reports in the table by provider and
    in its scorecard, a Member State's referrals and its funnel's first step (recorded rows), ..."""
    for (ta, ca), (tb, cb) in SAME:
        a, b = stats.tables.get(ta), stats.tables.get(tb)
        if a is None or b is None or ca not in _names(a) or cb not in _names(b):
            continue
        rows_b: dict[Cell, list[int]] = {}
        for i, row in enumerate(b.rows):
            if "source" in _names(b) and row[_names(b).index("source")] == "imported":
                continue
            rows_b.setdefault(row[0], []).append(i)
        for i, row in enumerate(a.rows):
            matches = rows_b.get(row[0], [])
            if "kind" in _names(a) and row[_names(a).index("kind")] != "member_state":
                continue  # other bodies are named by code in the funnel, by country here
            if matches:
                yield ((ta, i, ca), *((tb, j, cb) for j in matches))


def _names(t: Table) -> list[str]:
    return [c.name for c in t.columns]


def _h(key: str) -> CellRef:
    return (HEADLINE, -1, key)


def _copy(t: Table) -> Table:
    return Table(t.name, t.title, list(t.columns), [list(r) for r in t.rows], t.note, t.base)


def _value(stats: Statistics, ref: CellRef) -> Cell:
    table, i, col = ref
    if table == HEADLINE:
        return stats.headline.get(col)
    t = stats.tables[table]
    return t.rows[i][[c.name for c in t.columns].index(col)]


def _clear(stats: Statistics, ref: CellRef) -> None:
    table, i, col = ref
    if table == HEADLINE:
        stats.headline[col] = None
        return
    t = stats.tables[table]
    t.rows[i][[c.name for c in t.columns].index(col)] = None


def _number(stats: Statistics, ref: CellRef) -> float:
    return _number_or_zero(_value(stats, ref))


def _number_or_zero(v: Cell) -> float:
    return float(v) if isinstance(v, int | float) else 0.0
