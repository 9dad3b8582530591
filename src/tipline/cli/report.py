"""`tipline report annual`: the annual transparency report (Art. 84) as HTML, PDF and CSV tables.

Every file written holds published figures only: small counts suppressed (``statistics.publish``),
nothing about a report, a person or an account.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from tipline.cli.common import command_context, err
from tipline.core.clock import utc_now

report_app = typer.Typer(
    help="Published reports: the annual transparency report (Art. 84).", no_args_is_help=True
)


@report_app.command("annual")
def annual(
    year: Annotated[int, typer.Option(help="The calendar year (reports by time of receipt, UTC).")],
    out: Annotated[Path, typer.Option(help="Folder to write to (created if missing).", file_okay=False)],
    suppress_below: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Counts from 1 to this minus one are withheld (shown as '< N'). "
            "Default: TIPLINE_STATS_SUPPRESS_BELOW (10).",
        ),
    ] = None,
    publisher: Annotated[
        str, typer.Option(help="Who publishes the report (named on every page).")
    ] = "tipline",
) -> None:
    """Write tipline-annual-YEAR.html, tipline-annual-YEAR.pdf and tables/<name>.csv to OUT."""
    from tipline.statistics import annual as report
    from tipline.statistics import service
    from tipline.statistics.publish import publish
    from tipline.statistics.schemas import Period

    now = utc_now()
    if year > now.year:
        err.print(f"[red]{year} has not begun: no annual report can be made for it[/red]")
        raise typer.Exit(2)
    if year < 2000:
        err.print(f"[red]{year}: not a year tipline has figures for[/red]")
        raise typer.Exit(2)
    if year == now.year:
        err.print(f"[yellow]{year} is not over: the figures cover it up to now[/yellow]")
    out.mkdir(parents=True, exist_ok=True)
    (out / "tables").mkdir(exist_ok=True)

    def step(label: str, started: float) -> None:
        err.print(f"{label} ({time.perf_counter() - started:.1f} s)")

    with command_context() as ctx:
        if suppress_below is None:
            suppress_below = ctx.settings.stats_suppress_below
        started = time.perf_counter()
        with ctx.read() as session:
            stats = service.compute(session, Period.year(year))
        with ctx.unit() as session:  # the months computed now serve the next run
            service.keep(session, stats.fresh)
        step(f"figures for {year} computed", started)

    started = time.perf_counter()
    published = publish(stats, suppress_below)
    withheld = len(published.hidden)
    step(f"small counts suppressed below {suppress_below} ({withheld} values withheld)", started)

    written: list[Path] = []
    started = time.perf_counter()
    tables = out / "tables"
    for name in published.stats.tables:
        path = tables / f"{name}.csv"
        path.write_text(published.csv(name), encoding="utf-8")
        written.append(path)
    path = tables / "headline.csv"
    path.write_text(published.headline_csv(), encoding="utf-8")
    written.append(path)
    step(f"{len(written)} CSV tables written", started)

    html_path = out / f"tipline-annual-{year}.html"
    started = time.perf_counter()
    html_path.write_text(
        report.render_html(published, below=suppress_below, generated_at=now, publisher=publisher),
        encoding="utf-8",
    )
    step("HTML written", started)

    pdf_path = out / f"tipline-annual-{year}.pdf"
    started = time.perf_counter()
    pdf_path.write_bytes(
        report.render_pdf(published, below=suppress_below, generated_at=now, publisher=publisher)
    )
    step("PDF written", started)

    print(html_path)
    print(pdf_path)
    print(tables)


@report_app.command("prepare")
def prepare(
    since: Annotated[str, typer.Option(help="First day to prepare (YYYY-MM-DD).")] = "2019-01-01",
) -> None:
    """Compute and keep the statistics of every whole month that is over since SINCE, so
    that the dashboard and reports read them instead of the rows (run after an upgrade or an import
    of history; later months are kept as they are first asked for)."""
    from datetime import date, timedelta

    from tipline.statistics import service
    from tipline.statistics.schemas import Period

    try:
        first = date.fromisoformat(since)
    except ValueError as exc:
        err.print(f"[red]{since}: not a date like 2019-01-01[/red]")
        raise typer.Exit(2) from exc
    tomorrow = utc_now().date() + timedelta(days=1)
    if first >= tomorrow:
        err.print(f"[red]{since} is in the future[/red]")
        raise typer.Exit(2)
    with command_context() as ctx:
        started = time.perf_counter()
        with ctx.read() as session:
            stats = service.compute(session, Period(first, tomorrow))
        with ctx.unit() as session:
            service.keep(session, stats.fresh)
    t = stats.timings
    print(
        f"{int(t.get('months_computed', 0))} months computed and kept, {int(t.get('months_kept', 0))} "
        f"already kept, {int(t.get('days_live', 0))} recent days read live, in "
        f"{time.perf_counter() - started:.1f} s"
    )
