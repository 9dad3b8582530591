"""The annual transparency report (Art. 84): one standalone HTML page, and a PDF of the same page.

Only published figures reach the page: ``render_html`` and ``render_pdf`` suppress small counts
themselves (``publish.publish``) before anything is drawn or written, so a caller cannot forget to.
The HTML carries its charts as inline SVG and its style inline: no script, no external resource. The
PDF is made by xhtml2pdf from the same template with the charts as PNG data: URIs (it draws no SVG).
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Literal

import matplotlib
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from tipline.statistics import charts
from tipline.statistics.publish import Hidden, Published, publish
from tipline.statistics.schemas import ColumnKind, Statistics

Mode = Literal["html", "pdf"]
PNG_WIDTH_PT = 460  # the charts' width on an A4 page with 2 cm margins (PDF)


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    title: str
    intro: str
    tables: tuple[str, ...]
    chart: str | None = None


SECTIONS = (
    Section(
        "received",
        "Reports received",
        "Every report providers submitted in the year, by month of receipt, by provider and by the type "
        "of service the provider offers (Art. 83(3)(c), (d)).",
        ("by_month", "received_by_provider", "received_by_service"),
        "time_series",
    ),
    Section(
        "forwarded",
        "Reports forwarded, by Member State",
        "Reports forwarded to the competent law-enforcement authorities, by the Member State (or body, "
        "such as Europol) whose authority received them, and what the authorities did on receipt "
        "(Art. 83(3)(c)).",
        ("forwarded_by_state",),
        "by_state",
    ),
    Section(
        "content",
        "What the reports concern",
        "Items of potential known and new child sexual abuse material, and reports concerning the "
        "solicitation of children (Art. 83(3)(d)).",
        ("content",),
    ),
    Section(
        "unfounded",
        "Manifestly unfounded reports",
        "Reports assessed as manifestly unfounded and not forwarded, by reason (Art. 83(3)(e)).",
        ("unfounded_reasons",),
    ),
    Section(
        "not_an_offence",
        "Reports assessed by the authorities as not an offence",
        "Forwarded reports that the receiving authority declined as not an offence under its law, by "
        "Member State (Art. 83(3)(f)), with the referrals they declined for any reason.",
        (),
    ),
    Section(
        "occurrences",
        "Items reported more than once",
        "How often the same item (the same file, by its hashes) was reported (Art. 83(3)(h)).",
        ("occurrences",),
    ),
    Section(
        "timeliness",
        "Timeliness",
        "How long reports took from receipt to forwarding, and from forwarding to the authority's "
        "acknowledgement, by priority.",
        ("time_to_forward", "time_to_acknowledge", "time_to_forward_distribution"),
        "time_to_forward",
    ),
    Section(
        "outcomes",
        "What forwarded reports led to",
        "The follow-up the authorities recorded for forwarded reports (Art. 83(2)), and the outcome "
        "funnel by Member State. Rows marked 'imported' come from case narratives the authorities sent, "
        "not from outcomes recorded on referrals.",
        ("outcome_actions", "funnel_by_state"),
        "funnel",
    ),
    Section(
        "victims",
        "Victims identified and safeguarded",
        "Victims identified and safeguarded, by sex and age, as recorded by the authorities (Art. 83(2)).",
        ("victims",),
        "victims",
    ),
    Section(
        "providers",
        "Providers",
        "For each provider: how complete its reports were, how many were manifestly unfounded, how it "
        "answered requests for information, and what its forwarded reports led to.",
        ("provider_scorecards", "funnel_by_provider"),
        "scorecards",
    ),
)
HEADLINE_TITLES = {
    "reports_received": "Reports received",
    "referrals": "Referrals to law enforcement",
    "manifestly_unfounded": "Manifestly unfounded reports",
    "victims_identified": "Victims identified",
    "victims_safeguarded": "Victims safeguarded",
    "offenders_convicted": "Offenders convicted",
    "imported_cases": "Cases imported from narratives",
}
LABELS = {
    "all_files_allowlisted": "All files on the allowlist (not abuse material)",
    "no_content": "No content to assess",
    "duplicate": "Repeats an earlier report",
    "provider_retracted": "Retracted by the provider",
    "analyst_assessed": "Assessed by an analyst",
    "investigation_opened": "New criminal investigation",
    "contributed_existing": "Contributed to an ongoing investigation",
    "other_action": "Other action",
    "no_action": "No action",
    "member_state": "Member State",
    "cloud_storage": "Cloud storage",
    "messaging": "Messaging",
    "social_media": "Social media",
}


@dataclass(frozen=True, slots=True)
class CellView:
    text: str
    css: str  # "num", "label", "withheld"


@dataclass(frozen=True, slots=True)
class TableView:
    name: str
    title: str
    headers: list[tuple[str, str]]
    rows: list[tuple[str, list[CellView]]]  # (row css, cells)
    note: str | None


@dataclass(frozen=True, slots=True)
class SectionView:
    key: str
    title: str
    intro: str
    chart: Markup | None
    tables: list[TableView]


def render_html(stats: Statistics | Published, *, below: int, generated_at: datetime, publisher: str) -> str:
    """The report as one standalone HTML page (inline SVG charts)."""
    return _render(_published(stats, below), "html", generated_at, publisher)


def render_pdf(stats: Statistics | Published, *, below: int, generated_at: datetime, publisher: str) -> bytes:
    """The report as PDF: the same page with the charts as PNG."""
    from xhtml2pdf import pisa  # type: ignore[import-untyped]  # heavy (reportlab): only when a PDF is made

    html = _render(_published(stats, below), "pdf", generated_at, publisher)
    out = io.BytesIO()
    status = pisa.CreatePDF(html, dest=out, encoding="utf-8")
    if status.err:
        raise RuntimeError(f"the PDF could not be made ({status.err} errors)")
    return out.getvalue()


def _published(stats: Statistics | Published, below: int) -> Published:
    if isinstance(stats, Published):
        if stats.below != below:
            raise ValueError("the figures were published with another threshold")
        return stats
    return publish(stats, below)


def _render(p: Published, mode: Mode, generated_at: datetime, publisher: str) -> str:
    drawn = charts.draw_all(p.stats, below=p.below, only=[s.chart for s in SECTIONS if s.chart])
    pictures = {name: _picture(chart, mode) for name, chart in drawn.items()}
    covered = {name for s in SECTIONS for name in s.tables}
    sections = [
        SectionView(
            s.key,
            s.title,
            s.intro,
            pictures.get(s.chart) if s.chart else None,
            _tables(p, s),
        )
        for s in SECTIONS
    ]
    others = [_table(p, name) for name in p.stats.tables if name not in covered]
    if others:
        sections.append(
            SectionView("other", "Other figures", "Further tables of the same figures.", None, others)
        )
    sections = [s for s in sections if s.tables or s.chart is not None]
    headline = [
        (HEADLINE_TITLES.get(key, key.replace("_", " ").capitalize()), p.headline_text(key))
        for key in p.stats.headline
    ]
    template = _environment().get_template("annual.html")
    return template.render(
        mode=mode,
        year=p.stats.period.label(),
        period=p.stats.period,
        publisher=publisher,
        generated=generated_at.strftime("%Y-%m-%d %H:%M UTC"),
        below=p.below,
        headline=headline,
        sections=sections,
        withheld=any(why is not Hidden.base for why in p.hidden.values()),
        fonts=_fonts(),
    )


def _tables(p: Published, section: Section) -> list[TableView]:
    views = [_table(p, name) for name in section.tables if name in p.stats.tables]
    if section.key == "not_an_offence" and "forwarded_by_state" in p.stats.tables:
        columns = [c.name for c in p.stats.tables["forwarded_by_state"].columns]
        wanted = [c for c in ("state", "kind", "referrals", "declined", "not_abuse") if c in columns]
        views.append(
            _table(
                p,
                "forwarded_by_state",
                columns=wanted,
                title="Reports assessed as not an offence, by Member State",
            )
        )
    return views


def _table(
    p: Published, name: str, *, columns: Sequence[str] | None = None, title: str | None = None
) -> TableView:
    t = p.stats.tables[name]
    shown = [c for c in t.columns if columns is None or c.name in columns]
    rows: list[tuple[str, list[CellView]]] = []
    for i, row in enumerate(t.rows):
        cells: list[CellView] = []
        css = ""
        for c in shown:
            if c.kind is ColumnKind.label:
                value = row[[x.name for x in t.columns].index(c.name)]
                text = LABELS.get(str(value), str(value))
                if c.name == "state" and str(value) in charts.EU_STATES:
                    text = f"{charts.EU_STATES[str(value)]} ({value})"
                if c.name == "source" and value == "imported":
                    css = "imported"
                cells.append(CellView(text, "label"))
            else:
                why = p.why(name, i, c.name)
                cells.append(CellView(p.text(name, i, c.name), "withheld" if why else "num"))
        rows.append((css, cells))
    headers = [(c.title, "label" if c.kind is ColumnKind.label else "num") for c in shown]
    return TableView(name, title or t.title, headers, rows, t.note if columns is None else None)


def _picture(chart: charts.Chart, mode: Mode) -> Markup:
    if mode == "html":
        return Markup(chart.svg())  # matplotlib's SVG: labels escaped, comments removed
    data = base64.b64encode(chart.png(dpi=144)).decode("ascii")
    height = PNG_WIDTH_PT * chart.figure.get_figheight() / chart.figure.get_figwidth()
    return Markup('<img src="data:image/png;base64,{}" width="{}" height="{}" alt="{}">').format(
        data, PNG_WIDTH_PT, round(height), chart.description
    )


def _fonts() -> dict[str, str]:
    """DejaVu Sans as matplotlib bundles it: the PDF's text font (it has ≥, ≤, – and accented names)."""
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return {"regular": str(folder / "DejaVuSans.ttf"), "bold": str(folder / "DejaVuSans-Bold.ttf")}


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("tipline.statistics", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
