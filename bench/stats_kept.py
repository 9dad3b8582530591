"""Statistics with kept months, over databases filled by bench/stats.py (1M and 10M reports).

For each database (given as URLs, smallest first) it applies the migrations (the kept-month tables
and their indexes), forgets every kept month, and times ``compute()`` for the whole history:

- **cold**: nothing kept yet: every month that is over is computed (one pass per table over their
  span) and kept, as the first dashboard view or ``tipline report prepare`` does;
- **warm** (3 runs): the kept months are read, the current month live;
- after a **late change** (an old referral acknowledged and given an outcome): one month recomputed;
- the year 2025 warm, one month live, one agency's scope (live), and one provider's scorecard.

"Today" is the day of the newest report's receipt (the data end on the last day of a month), so the
current month, read live, is a whole month: the most a live system reads. Figures are printed with
the ratio 10M/1M measured in the same run.

    .venv/bin/python bench/stats_kept.py sqlite:////tmp/mine1m.sqlite3 sqlite:////tmp/keep/stats-10M.sqlite3
"""

from __future__ import annotations

import argparse
import os
import statistics as stats_
import time
import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

import tipline.statistics.freshness  # noqa: F401  (the hooks that bump a changed month)
from tipline.core.clock import utc_now
from tipline.core.db import make_engine
from tipline.core.migrate import upgrade
from tipline.models import Agency, Outcome, Provider, Referral, Report, StatsPartial
from tipline.statistics import service
from tipline.statistics.schemas import Period


def timed(run: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    out = run()
    return time.perf_counter() - started, out


def bench(url: str, warm_runs: int) -> dict[str, float]:
    engine = make_engine(url)
    print(f"\n== {url}", flush=True)
    seconds, _ = timed(lambda: upgrade(engine))
    print(f"  migrations applied in {seconds:.0f} s", flush=True)
    with Session(engine) as session:
        reports = session.scalar(select(func.count()).select_from(Report)) or 0
        newest = session.scalar(select(func.max(Report.received_at)))
        oldest = session.scalar(select(func.min(Report.received_at)))
        session.execute(delete(StatsPartial))
        session.commit()
    assert newest is not None
    assert oldest is not None
    today = newest.date()  # the last day of a month: its whole month is live, the most there is
    history = Period(date(oldest.year, 1, 1), today + timedelta(days=1))
    print(f"  {reports:,} reports from {oldest.date()} to {newest.date()}; today = {today}", flush=True)
    out: dict[str, float] = {"reports": reports}

    def compute(period: Period, keep: bool = True, **kw: Any) -> Any:
        with Session(engine) as session:
            result = service.compute(session, period, today=today, **kw)
        if keep and result.fresh:
            with Session(engine) as session:
                service.keep(session, result.fresh)
                session.commit()
        return result

    seconds, cold = timed(lambda: compute(history))
    out["cold"] = seconds
    t = cold.timings
    print(
        f"  cold: {seconds:.1f} s ({int(t['months_computed'])} months computed and kept, "
        f"{int(t['days_live'])} days live; shaping {t['shaping']:.1f} s)",
        flush=True,
    )
    assert cold.headline["reports_received"] == reports, (cold.headline, reports)
    warm = []
    for _ in range(warm_runs):
        seconds, result = timed(lambda: compute(history))
        warm.append(seconds)
        assert result.timings["months_computed"] == 0
    out["warm"] = stats_.median(warm)
    print(f"  warm: median {out['warm']:.1f} s, min {min(warm):.1f} s of {warm_runs}", flush=True)
    assert result.headline == cold.headline

    # a late change in an old month: that month alone is computed again
    with Session(engine) as session:
        referral = session.scalars(
            select(Referral)
            .where(Referral.status == "sent", Referral.report_received_at < newest - timedelta(days=200))
            .limit(1)
        ).one()
        referral.status, referral.acknowledged_at = "acknowledged", utc_now()
        session.add(
            Outcome(
                referral_id=referral.id,
                report_id=referral.report_id,
                agency_id=referral.agency_id,
                action="investigation_opened",
                victims_safeguarded={"female": {"14-17": 1}},
                updated_by="bench",
            )
        )
        session.commit()
    seconds, after = timed(lambda: compute(history))
    out["after_change"] = seconds
    print(
        f"  after a late change: {seconds:.1f} s ({int(after.timings['months_computed'])} month computed)",
        flush=True,
    )

    year = today.year - 1
    seconds, _ = timed(lambda: compute(Period.year(year)))
    out["year"] = seconds
    print(f"  the year {year} (kept): {seconds:.1f} s", flush=True)
    month = Period(today.replace(day=1), today + timedelta(days=1))
    seconds, _ = timed(lambda: compute(month))
    out["month"] = seconds
    print(f"  the current month (live): {seconds:.1f} s", flush=True)
    with Session(engine) as session:
        agency = session.scalar(select(Agency.id).where(Agency.code == os.environ.get("BENCH_AGENCY", "AT")))
        provider = session.scalar(select(Provider.id).order_by(Provider.name).limit(1))
    assert isinstance(agency, uuid.UUID)
    assert isinstance(provider, uuid.UUID)
    seconds, scoped = timed(lambda: compute(history, keep=False, agency_id=agency))
    out["agency"] = seconds
    print(
        f"  one agency's scope, whole history (live): {seconds:.1f} s "
        f"({scoped.headline['reports_received']:,} reports)",
        flush=True,
    )

    def card() -> Any:
        with Session(engine) as session:
            return service.scorecard(session, history, provider, today=today)

    seconds, _ = timed(card)
    out["scorecard"] = seconds
    print(f"  one provider's scorecard, whole history (kept): {seconds:.1f} s", flush=True)
    engine.dispose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("urls", nargs="+", help="filled databases, smallest first")
    parser.add_argument("--warm-runs", type=int, default=3)
    args = parser.parse_args()
    print(f"load {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    results = [bench(url, args.warm_runs) for url in args.urls]
    base = results[0]
    print(
        "\n                         "
        + "".join(f"{int(r['reports']):>14,}" for r in results)
        + "   ratio last/first"
    )
    for key in ("cold", "warm", "after_change", "year", "month", "agency", "scorecard"):
        cells = "".join(f"{r[key]:>12.1f} s" for r in results)
        print(f"  {key:<22} {cells}   {results[-1][key] / base[key]:.2f}")
    print(f"load {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")


if __name__ == "__main__":
    main()
