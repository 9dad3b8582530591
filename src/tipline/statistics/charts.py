"""Charts of the statistics tables, for the portal's dashboard (inline SVG) and the annual report's PDF
(PNG).

Each chart function takes the (published) ``Statistics`` and returns a ``Chart``: its title, a
one-paragraph description of what it shows (the text alternative for people who cannot see it) and a
matplotlib ``Figure``, drawn with ``Figure`` directly (never pyplot, whose global state is not
thread-safe). Drawing and saving hold one lock under fixed settings (DejaVu Sans, bundled with
matplotlib; a fixed SVG hash salt; no date), so the same figures give the same bytes. Colours are the
Okabe-Ito palette, which people with colour-vision deficiencies can tell apart. A withheld value (None)
is not drawn; a note under the chart says so. A table that is missing or empty gives "No data for this
period".
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from tipline.forwarding.service import STATE_NAMES
from tipline.statistics.schemas import Cell, ColumnKind, Statistics, Table

WIDTH = 6.4  # inches: 640 px at 100 dpi, the narrowest the dashboard shows a chart
BLUE, ORANGE, SKY, GREEN, YELLOW, VERMILLION, PURPLE, GREY = (
    "#0072B2",
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#D55E00",
    "#CC79A7",
    "#8C8C8C",
)
PRIORITY_COLOURS = {"P1": VERMILLION, "P2": ORANGE, "P3": SKY, "INFO": GREY}
SEX_COLOURS = {"female": PURPLE, "male": GREEN, "unknown": GREY}
AGE_ORDER = ("0-2", "3-5", "6-9", "10-13", "14-17", "unknown")
EU_STATES = {**STATE_NAMES, "EL": "Greece"}  # the EU's own code for Greece, too
RC: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "tipline",
    "svg.fonttype": "path",  # glyphs as shapes: the chart looks the same without the font installed
    "path.simplify": True,
    "text.parse_math": False,  # a label with $ signs is text, not TeX
}
NO_DATA = "No data for this period"
_LOCK = threading.Lock()
_ID = re.compile(r'\bid="([^"]+)"')


@contextmanager
def _fixed() -> Iterator[None]:
    # rc_context changes matplotlib's process-wide settings: one chart at a time
    with _LOCK, matplotlib.rc_context(RC):  # type: ignore[arg-type]
        yield


@dataclass(frozen=True, slots=True)
class Chart:
    name: str
    title: str
    description: str
    figure: Figure

    def svg(self, *, inline: bool = True) -> str:
        """An ``<svg>`` element to put inline in HTML: role img, labelled by its ``<title>`` and
        ``<desc>``, ids prefixed with the chart's name (several charts on one page), no scripts, 100 %
        wide. ``inline=False`` keeps the drawn size (for an ``<img src="data:image/svg+xml,...">``)."""
        buf = io.StringIO()
        with _fixed():
            self.figure.savefig(buf, format="svg", metadata={"Date": None})
        text = buf.getvalue()
        text = text[text.index("<svg") :]
        text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)  # matplotlib's comments repeat the labels
        ids = sorted(set(_ID.findall(text)), key=len, reverse=True)
        if ids:
            pattern = re.compile(r'(id="|#)(' + "|".join(re.escape(i) for i in ids) + r')(?=["\)])')
            text = pattern.sub(lambda m: f"{m.group(1)}{self.name}-{m.group(2)}", text)
        if inline:
            text = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r'<svg\1 width="100%"', text, count=1)
        head = (
            f'<svg role="img" aria-labelledby="{self.name}-title {self.name}-desc"'
            f' style="max-width:{int(WIDTH * 100)}px;height:auto"'
        )
        text = head + text[len("<svg") :]
        close = text.index(">") + 1
        labels = (
            f'\n <title id="{self.name}-title">{escape(self.title)}</title>'
            f'\n <desc id="{self.name}-desc">{escape(self.description)}</desc>'
        )
        return text[:close] + labels + text[close:]

    def png(self, dpi: int = 150) -> bytes:
        buf = io.BytesIO()
        with _fixed():
            self.figure.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
        return buf.getvalue()


# --- the charts --------------------------------------------------------------------------------------


def funnel(stats: Statistics, *, below: int | None = None) -> Chart:
    """What forwarded reports led to: each step's total over Member States, recorded outcomes and
    imported case narratives stacked."""
    title = "From referral to outcome"
    t = stats.tables.get("funnel_by_state")
    steps = [c for c in t.columns if c.kind is ColumnKind.counted] if t else []
    if t is None or not t.rows or not steps:
        return _empty("funnel", title)
    recorded, imported, partial = [], [], []
    for c in steps:
        values = t.column(c.name)
        sources = t.column("source") if "source" in _names(t) else ["recorded"] * len(values)
        recorded.append(sum(_num(v) for v, s in zip(values, sources, strict=True) if s != "imported"))
        imported.append(sum(_num(v) for v, s in zip(values, sources, strict=True) if s == "imported"))
        partial.append(any(v is None for v in values))
    if not any(recorded) and not any(imported):
        return _empty("funnel", title)
    with _fixed():
        fig = Figure(figsize=(WIDTH, 0.45 * len(steps) + 1.4), layout="constrained")
        ax = fig.add_subplot()
        y = list(range(len(steps)))
        ax.barh(y, recorded, color=BLUE, label="Recorded by the authorities")
        if any(imported):
            ax.barh(y, imported, left=recorded, color=ORANGE, label="Imported from case narratives")
        ax.set_yticks(y, [c.title for c in steps])
        ax.invert_yaxis()
        top = max(r + i for r, i in zip(recorded, imported, strict=True)) or 1
        for k, (r, i, p) in enumerate(zip(recorded, imported, partial, strict=True)):
            ax.text(r + i + top * 0.01, k, ("≥ " if p else "") + f"{r + i:,.0f}", va="center", fontsize=9)
        ax.set_xlim(0, top * 1.15)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_formatter(_thousands)
        ax.set_xlabel("Number")
        ax.legend(loc="lower right", frameon=False, fontsize=9)
        _title(fig, title)
        _withheld_note(fig, any(partial), below, "totals marked ≥ leave out withheld or unknown values")
    description = "; ".join(
        f"{c.title}: {'at least ' if p else ''}{r + i:,.0f}" + (f" ({i:,.0f} imported)" if i else "")
        for c, r, i, p in zip(steps, recorded, imported, partial, strict=True)
    )
    return Chart("funnel", title, description + ".", fig)


def time_series(stats: Statistics, *, below: int | None = None) -> Chart:
    """Reports received, referrals made and reports found manifestly unfounded, month by month."""
    title = "Reports by month of receipt"
    t = stats.tables.get("by_month")
    if t is None or not t.rows:
        return _empty("time_series", title)
    by_label = {str(r[0]): r for r in t.rows}
    months = _months(stats, sorted(by_label))
    series = [
        (c, colour)
        for c, colour in zip(
            [c for c in t.columns if c.kind is ColumnKind.counted],
            (BLUE, ORANGE, GREEN, PURPLE),
            strict=False,
        )
    ]
    names = _names(t)
    withheld = False
    with _fixed():
        fig = Figure(figsize=(WIDTH, 3.4), layout="constrained")
        ax = fig.add_subplot()
        x = list(range(len(months)))
        for c, colour in series:
            ys: list[float] = []
            for m in months:
                row = by_label.get(m)
                v = row[names.index(c.name)] if row is not None else 0
                withheld |= v is None
                ys.append(float("nan") if v is None else _num(v))
            ax.plot(x, ys, color=colour, marker="o", markersize=3.5, linewidth=1.8, label=c.title)
        step = max(1, -(-len(x) // 8))  # at most about 8 labels, so they never overlap at 640 px
        labels = [_month_label(m, months) if i % step == 0 else "" for i, m in enumerate(months)]
        ax.set_xticks(x, labels, rotation=0 if len(x) <= 6 else 30, ha="center" if len(x) <= 6 else "right")
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_formatter(_thousands)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.legend(frameon=False, fontsize=9, ncols=min(3, len(series)), loc="upper left")
        _title(fig, title)
        _withheld_note(fig, withheld, below, "gaps in a line are withheld values")
    total = {c.title: t.total(c.name) for c, _ in series}
    description = (
        f"Monthly figures from {_month_label(months[0], [])} to {_month_label(months[-1], [])}. Published "
        "totals: " + "; ".join(f"{k}: {v:,}" for k, v in total.items()) + "."
    )
    return Chart("time_series", title, description, fig)


def by_state(stats: Statistics, *, below: int | None = None) -> Chart:
    """Reports forwarded to each Member State's authorities, largest first."""
    title = "Reports forwarded, by Member State"
    t = stats.tables.get("forwarded_by_state")
    if t is None or not t.rows:
        return _empty("by_state", title)
    names = _names(t)
    rows = [r for r in t.rows if "kind" not in names or r[names.index("kind")] == "member_state"]
    value = names.index("referrals") if "referrals" in names else 2
    rows.sort(key=lambda r: (-_num(r[value]), r[value] is None, str(r[0])))
    if not rows:
        return _empty("by_state", title)
    labels = [EU_STATES.get(str(r[0]), str(r[0])) for r in rows]
    values = [r[value] for r in rows]
    withheld = any(v is None for v in values)
    with _fixed():
        fig = Figure(figsize=(WIDTH, 0.26 * len(rows) + 1.2), layout="constrained")
        ax = fig.add_subplot()
        y = list(range(len(rows)))
        ax.barh(y, [_num(v) for v in values], color=BLUE)
        ax.set_yticks(y, labels, fontsize=9)
        ax.invert_yaxis()
        top = max(_num(v) for v in values) or 1
        for k, v in enumerate(values):
            text = "withheld" if v is None else f"{_num(v):,.0f}"
            ax.text(_num(v) + top * 0.01, k, text, va="center", fontsize=8, color="#333333")
        ax.set_xlim(0, top * 1.15)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_formatter(_thousands)
        ax.set_xlabel("Reports forwarded")
        _title(fig, title)
        _withheld_note(fig, withheld, below, "withheld values are not drawn")
    description = "Reports forwarded: " + "; ".join(
        f"{label} {('withheld' if v is None else f'{_num(v):,.0f}')}"
        for label, v in zip(labels, values, strict=True)
    )
    return Chart("by_state", title, description + ".", fig)


def time_to_forward(stats: Statistics, *, below: int | None = None) -> Chart:
    """How long referrals took from receipt to forwarding: a histogram, priorities stacked."""
    title = "Time from receipt to forwarding"
    t = stats.tables.get("time_to_forward_distribution")
    if t is None or not t.rows:
        return _empty("time_to_forward", title)
    buckets = [str(r[0]) for r in t.rows]
    priorities = [c for c in t.columns if c.kind is ColumnKind.counted]
    if not any(_num(v) for c in priorities for v in t.column(c.name)):
        return _empty("time_to_forward", title)
    withheld = False
    with _fixed():
        fig = Figure(figsize=(WIDTH, 3.4), layout="constrained")
        ax = fig.add_subplot()
        x = list(range(len(buckets)))
        bottom = [0.0] * len(buckets)
        for c in priorities:
            values = t.column(c.name)
            withheld |= any(v is None for v in values)
            heights = [_num(v) for v in values]
            colour = PRIORITY_COLOURS.get(c.name, PURPLE)
            ax.bar(x, heights, bottom=bottom, color=colour, label=c.title, width=0.7)
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
        ax.set_xticks(x, buckets, fontsize=8.5)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_formatter(_thousands)
        ax.set_ylabel("Referrals")
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.legend(frameon=False, fontsize=9, title="Priority", title_fontsize=9)
        _title(fig, title)
        _withheld_note(fig, withheld, below, "withheld values are not drawn")
    description = "Referrals by time to forward: " + "; ".join(
        f"{b} {total:,.0f}" for b, total in zip(buckets, bottom, strict=True)
    )
    return Chart("time_to_forward", title, description + ".", fig)


def victims(stats: Statistics, *, below: int | None = None) -> Chart:
    """Victims identified and safeguarded by age band, bars per sex."""
    title = "Victims identified and safeguarded, by sex and age"
    t = stats.tables.get("victims")
    if t is None or not t.rows:
        return _empty("victims", title)
    names = _names(t)
    measures = [c for c in t.columns if c.kind is ColumnKind.counted]
    ages = [a for a in AGE_ORDER if a in set(t.column("age"))] + sorted(
        {str(a) for a in t.column("age")} - set(AGE_ORDER)
    )
    sexes = [s for s in SEX_COLOURS if s in set(t.column("sex"))] + sorted(
        {str(s) for s in t.column("sex")} - set(SEX_COLOURS)
    )
    cells: dict[tuple[str, str, str], Cell] = {
        (str(r[names.index("sex")]), str(r[names.index("age")]), c.name): r[names.index(c.name)]
        for r in t.rows
        for c in measures
    }
    withheld = any(v is None for v in cells.values())
    if not any(_num(v) for v in cells.values()):
        return _empty("victims", title, withheld=withheld, below=below)
    with _fixed():
        fig = Figure(figsize=(WIDTH, 3.2), layout="constrained")
        axes = fig.subplots(1, len(measures), sharey=True, squeeze=False)[0]
        width = 0.8 / max(1, len(sexes))
        for ax, c in zip(axes, measures, strict=True):
            for k, sex in enumerate(sexes):
                xs = [i + (k - (len(sexes) - 1) / 2) * width for i in range(len(ages))]
                ys = [_num(cells.get((sex, a, c.name), 0)) for a in ages]
                ax.bar(xs, ys, width=width, color=SEX_COLOURS.get(sex, BLUE), label=sex)
            ax.set_xticks(list(range(len(ages))), ages, fontsize=8.5)
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
            ax.set_title(c.title, fontsize=10)
            ax.set_xlabel("Age (years)", fontsize=9)
            ax.grid(axis="y", color="#dddddd", linewidth=0.6)
            ax.set_axisbelow(True)
        axes[0].legend(frameon=False, fontsize=9)
        _title(fig, title)
        _withheld_note(fig, withheld, below, "withheld values are not drawn")
    description = "; ".join(
        f"{c.title}: {sum(_num(v) for (_, _, m), v in cells.items() if m == c.name):,.0f} published"
        for c in measures
    )
    return Chart("victims", title, description + ".", fig)


def scorecards(stats: Statistics, *, below: int | None = None, limit: int = 15) -> Chart:
    """Per provider (the largest ``limit``): share of reports complete when received, and share found
    manifestly unfounded."""
    title = "Providers: complete and manifestly unfounded reports"
    t = stats.tables.get("provider_scorecards")
    if t is None or not t.rows:
        return _empty("scorecards", title)
    names = _names(t)
    shares = [c for c in t.columns if c.name in ("complete_share", "unfounded_share")]
    rows = t.rows[:limit]
    if not shares:
        return _empty("scorecards", title)
    withheld = any(r[names.index(c.name)] is None for r in rows for c in shares)
    labels = [str(r[0]) for r in rows]
    with _fixed():
        fig = Figure(figsize=(WIDTH, 0.3 * len(rows) + 1.3), layout="constrained")
        ax = fig.add_subplot()
        y = list(range(len(rows)))
        for c, colour, marker in zip(shares, (GREEN, VERMILLION), ("o", "s"), strict=False):
            xs = [r[names.index(c.name)] for r in rows]
            ax.scatter(
                [100 * _num(v) for v in xs if v is not None],
                [k for k, v in zip(y, xs, strict=True) if v is not None],
                color=colour,
                marker=marker,
                label=c.title,
                zorder=3,
            )
        ax.set_yticks(y, labels, fontsize=9)
        ax.set_xlim(-2, 102)
        ax.set_xlabel("Share of the provider's reports (%)")
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_ylim(len(rows) - 0.5, -0.5)
        fig.legend(frameon=False, fontsize=9, loc="outside lower center", ncols=2)
        _title(fig, title)
        _withheld_note(fig, withheld, below, "providers with few reports show no shares")
    description = "Per provider: " + "; ".join(
        f"{label}: " + ", ".join(f"{c.title.lower()} {_pct(r[names.index(c.name)])}" for c in shares)
        for label, r in zip(labels, rows, strict=True)
    )
    return Chart("scorecards", title, description + ".", fig)


CHARTS: dict[str, Callable[..., Chart]] = {
    "time_series": time_series,
    "by_state": by_state,
    "funnel": funnel,
    "time_to_forward": time_to_forward,
    "victims": victims,
    "scorecards": scorecards,
}


def draw_all(
    stats: Statistics, *, below: int | None = None, only: Sequence[str] | None = None
) -> dict[str, Chart]:
    return {name: draw(stats, below=below) for name, draw in CHARTS.items() if only is None or name in only}


# --- helpers -----------------------------------------------------------------------------------------


def _empty(name: str, title: str, *, withheld: bool = False, below: int | None = None) -> Chart:
    with _fixed():
        fig = Figure(figsize=(WIDTH, 1.6), layout="constrained")
        ax = fig.add_subplot()
        ax.set_axis_off()
        text = NO_DATA if not withheld else "Every value is withheld"
        ax.text(0.5, 0.45, text, ha="center", va="center", fontsize=11, color="#555555")
        _title(fig, title)
        _withheld_note(fig, withheld, below, "")
    return Chart(name, title, text + ".", fig)


def _title(fig: Figure, title: str) -> None:
    fig.suptitle(title, x=0.01, ha="left", fontsize=11, fontweight="bold")


def _withheld_note(fig: Figure, withheld: bool, below: int | None, how: str) -> None:
    if not withheld:
        return
    why = f"Counts below {below} are withheld" if below else "Some values are withheld"
    fig.supxlabel(f"{why}{': ' + how if how else ''}.", x=0.01, ha="left", fontsize=8, color="#444444")


def _names(t: Table) -> list[str]:
    return [c.name for c in t.columns]


def _num(v: Cell) -> float:
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else 0.0


def _pct(v: Cell) -> str:
    return "withheld" if v is None else f"{100 * _num(v):.0f} %"


def _thousands(x: float, _pos: float) -> str:
    return f"{x:,.0f}"


def _months(stats: Statistics, present: list[str]) -> list[str]:
    """Every month of the period up to the time of computing (a month without reports is a zero),
    and any month the table has outside it."""
    months: list[str] = []
    d = date(stats.period.start.year, stats.period.start.month, 1)
    end = min(stats.period.end, stats.computed_at.date())
    while d < end:
        months.append(f"{d.year:04d}-{d.month:02d}")
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return sorted(set(months) | set(present))


def _month_label(month: str, months: Sequence[str]) -> str:
    try:
        year, number = int(month[:4]), int(month[5:7])
    except ValueError:
        return month
    name = date(year, number, 1).strftime("%b")
    one_year = bool(months) and len({m[:4] for m in months}) == 1
    return name if one_year else f"{name} {year}"
