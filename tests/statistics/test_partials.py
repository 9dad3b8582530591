"""Kept months: a period reads whole old months from kept statistics, which equal a live computation,
and any change to a kept month's rows makes it stale in the same unit of work."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from tests.statistics.test_compute import YEAR, World
from tipline.context import Context
from tipline.core.clock import utc_now
from tipline.models import Outcome, Referral, StatsGeneration, StatsPartial
from tipline.statistics import partials, service
from tipline.statistics.schemas import Period, Statistics

TODAY = date(2026, 6, 15)  # every month of 2025 may be kept
LIVE = date(2025, 1, 1)  # before the period: nothing may be kept, everything is read live


def figures(stats: Statistics) -> dict[str, Any]:
    return {name: t.rows for name, t in stats.tables.items()} | {"headline": stats.headline}


def run(ctx: Context, today: date, period: Period = YEAR) -> Statistics:
    with ctx.read() as session:
        stats = service.compute(session, period, today=today)
    with ctx.unit() as session:
        service.keep(session, stats.fresh)
    return stats


def test_kept_months_give_the_live_figures(ctx: Context, world: World) -> None:
    live = run(ctx, LIVE)
    assert live.timings["months_kept"] == 0
    first = run(ctx, TODAY)
    assert (first.timings["months_kept"], first.timings["months_computed"]) == (0, 12)
    second = run(ctx, TODAY)
    assert (second.timings["months_kept"], second.timings["months_computed"]) == (12, 0)
    assert figures(first) == figures(live)
    assert figures(second) == figures(live)
    with ctx.read() as session:
        assert len(session.scalars(select(StatsPartial.month)).all()) == 12
    # a period cutting months reads its edges live and the whole months in between from kept rows
    cut = Period(date(2025, 2, 10), date(2025, 11, 20))
    kept = run(ctx, TODAY, cut)
    assert kept.timings["months_kept"] == 8
    assert kept.timings["days_live"] == 19 + 19
    assert figures(kept) == figures(run(ctx, LIVE, cut))


def test_a_change_in_a_kept_month_makes_it_stale(ctx: Context, world: World) -> None:
    run(ctx, TODAY)
    with ctx.unit() as session:  # an old referral is acknowledged now, and gets an outcome
        referral = session.scalars(select(Referral).where(Referral.status == "sent")).first()
        assert referral is not None
        referral.status, referral.acknowledged_at = "acknowledged", utc_now()
        session.add(
            Outcome(
                referral_id=referral.id,
                report_id=referral.report_id,
                agency_id=referral.agency_id,
                action="investigation_opened",
                victims_safeguarded={"male": {"6-9": 3}},
                updated_by="test",
            )
        )
        month = referral.report_received_at.strftime("%Y-%m")
    with ctx.read() as session:
        generation = session.get(StatsGeneration, month)
        assert generation is not None
        assert generation.generation >= 1
    after = run(ctx, TODAY)
    assert after.timings["months_computed"] == 1  # only the changed month
    assert figures(after) == figures(run(ctx, LIVE))
    safeguarded = {(r["sex"], r["age"]): r["safeguarded"] for r in after.tables["victims"].as_dicts()}
    assert safeguarded[("male", "6-9")] == 3


def test_the_current_month_is_not_bumped_before_its_last_day(ctx: Context, world: World) -> None:
    now = utc_now()
    with ctx.unit() as session:
        referral = session.scalars(select(Referral)).first()
        assert referral is not None
        referral.report_received_at = now  # a referral of this month's report changes
    with ctx.read() as session:
        bumped = session.get(StatsGeneration, now.strftime("%Y-%m"))
    last_day = (now + timedelta(days=1)).month != now.month
    assert (bumped is not None) == last_day


def test_month_arithmetic() -> None:
    assert list(partials.months_between(date(2025, 11, 2), date(2026, 3, 1))) == [
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]
    assert partials.keepable_before(date(2026, 1, 15)) == date(2026, 1, 1)
    assert partials.keepable_before(date(2026, 3, 1)) == date(2026, 3, 1)
    assert datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=0) == partials._at(date(2025, 1, 1))
