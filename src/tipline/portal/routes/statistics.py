"""The statistics dashboard, its CSV exports, provider scorecards, and the review of imported case
narratives. Law enforcement sees only figures about reports forwarded to its own agency."""

from __future__ import annotations

import base64
import threading
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tipline.access.roles import Permission, Principal
from tipline.audit import service as audit
from tipline.context import Context
from tipline.core.clock import utc_now
from tipline.core.errors import NotFound, Unprocessable
from tipline.outcomes import review
from tipline.portal import web
from tipline.statistics import charts
from tipline.statistics import service as statistics
from tipline.statistics.schemas import Period, Statistics
from tipline.users.service import Current

router = APIRouter()

# tables of the dashboard, in page order (the scorecards have their own page and permission)
DASHBOARD = (
    "by_month",
    "funnel_by_state",
    "forwarded_by_state",
    "time_to_forward_distribution",
    "time_to_forward",
    "time_to_acknowledge",
    "received_by_provider",
    "received_by_service",
    "content",
    "unfounded_reasons",
    "occurrences",
    "indicators",
    "outcome_actions",
    "victims",
    "funnel_by_provider",
)


# which chart draws which table (charts.CHARTS names -> the table shown under it)
CHART_OF_TABLE = {
    "by_month": "time_series",
    "funnel_by_state": "funnel",
    "forwarded_by_state": "by_state",
    "time_to_forward_distribution": "time_to_forward",
    "victims": "victims",
}


def _images(stats: Statistics, wanted: dict[str, str]) -> dict[str, dict[str, str]]:
    """The charts ``wanted`` (table name -> chart name) as ``data:`` images: the portal's CSP allows
    no inline style, which SVG drawings use, while an image's styles are its own. The chart's title
    and description are the alternative text."""
    drawn = charts.draw_all(stats, only=list(wanted.values()))
    return {
        table: {
            "src": "data:image/svg+xml;base64,"
            + base64.b64encode(drawn[name].svg(inline=False).encode()).decode(),
            "alt": f"{drawn[name].title}. {drawn[name].description}",
        }
        for table, name in wanted.items()
        if name in drawn
    }


@dataclass
class _Computed:
    stats: Statistics
    images: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)  # by chart set

    def charts(self, kind: str, wanted: dict[str, str]) -> dict[str, dict[str, str]]:
        """The drawn charts (each takes a fraction of a second), drawn once per computation."""
        if kind not in self.images:
            self.images[kind] = _images(self.stats, wanted)
        return self.images[kind]


class _Cache:
    """Computed statistics (and their charts) per (period, scope) for a few minutes: over millions of
    reports a computation takes seconds, and a dashboard is opened again and again."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[tuple[Any, ...], tuple[float, _Computed]] = {}

    def get(self, key: tuple[Any, ...], ttl: float) -> _Computed | None:
        with self._lock:
            hit = self._entries.get(key)
            if hit is None or time.monotonic() - hit[0] > ttl:
                return None
            return hit[1]

    def put(self, key: tuple[Any, ...], computed: _Computed) -> None:
        with self._lock:
            if len(self._entries) > 64:
                self._entries.clear()
            self._entries[key] = (time.monotonic(), computed)


def _cache_of(request: Request) -> _Cache:
    """One cache per app (so per database)."""
    state = request.app.state
    if not hasattr(state, "statistics_cache"):
        state.statistics_cache = _Cache()
    cache: _Cache = state.statistics_cache
    return cache


def _last(period: Period) -> str:
    """The last day of the period (the page shows inclusive dates)."""
    return (period.end - timedelta(days=1)).isoformat()


def period_of(start: str | None, end: str | None) -> Period:
    """From the page's ``start``/``end`` (inclusive last day); default: the last 365 days."""
    try:
        last = date.fromisoformat(end) if end else utc_now().date()
        first = date.fromisoformat(start) if start else last - timedelta(days=364)
    except ValueError as exc:
        raise Unprocessable("a date like 2026-11-29", code="invalid_period") from exc
    if last < first:
        raise Unprocessable("the period ends before it starts", code="invalid_period")
    return Period(first, last + timedelta(days=1))


def _stats(ctx: Context, cache: _Cache, principal: Principal, period: Period, *, audited: str) -> _Computed:
    agency = principal.agency_id if principal.role.is_law_enforcement else None
    key = (period, agency)
    computed = cache.get(key, ctx.settings.stats_cache_seconds)
    if computed is None:
        with ctx.read() as session:
            computed = _Computed(statistics.compute(session, period, agency_id=agency))
        cache.put(key, computed)
    stats = computed.stats
    with ctx.unit() as session:
        statistics.keep(session, stats.fresh)
        stats.fresh = []
        audit.record(
            session,
            principal.actor,
            audited,
            None,
            purpose="statistics",
            start=period.start.isoformat(),
            end=period.end.isoformat(),
            scope=stats.scope,
        )
    return computed


async def _figures(
    request: Request, ctx: Context, current: Current, period: Period, audited: str
) -> _Computed:
    return await run_in_threadpool(
        _stats, ctx, _cache_of(request), current.principal, period, audited=audited
    )


def _presets(today: date) -> list[dict[str, str]]:
    return [
        {
            "label": "Last 365 days",
            "start": (today - timedelta(days=364)).isoformat(),
            "end": today.isoformat(),
        },
        {"label": str(today.year), "start": date(today.year, 1, 1).isoformat(), "end": today.isoformat()},
        {
            "label": str(today.year - 1),
            "start": date(today.year - 1, 1, 1).isoformat(),
            "end": date(today.year - 1, 12, 31).isoformat(),
        },
        {"label": "Since 2019", "start": "2019-01-01", "end": today.isoformat()},
    ]


@router.get("/statistics", response_class=HTMLResponse)
async def dashboard(
    request: Request,
    ctx: web.PortalContext,
    current: Annotated[Current, web.needs(Permission.statistics_read)],
    start: str | None = None,
    end: str | None = None,
) -> Response:
    period = period_of(start, end)
    computed = await _figures(request, ctx, current, period, "statistics.viewed")
    stats = computed.stats
    drawn = await run_in_threadpool(computed.charts, "dashboard", CHART_OF_TABLE)
    query = f"start={period.start.isoformat()}&end={_last(period)}"
    return web.render(
        request,
        "statistics.html",
        current,
        stats=stats,
        tables=[stats.tables[n] for n in DASHBOARD if n in stats.tables],
        charts=drawn,
        query=query,
        period=period,
        last_day=period.end - timedelta(days=1),
        presets=_presets(utc_now().date()),
    )


def _csv(table: Any, period: Period) -> Response:
    name = f"tipline-{table.name}-{period.start.isoformat()}-{_last(period)}.csv"
    return Response(
        table.to_csv(),
        media_type="text/csv; charset=utf-8",
        headers={**web.SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/statistics/{name}.csv")
async def dashboard_csv(
    request: Request,
    ctx: web.PortalContext,
    current: Annotated[Current, web.needs(Permission.statistics_read)],
    name: str,
    start: str | None = None,
    end: str | None = None,
) -> Response:
    if name not in DASHBOARD:
        raise NotFound("no such table", code="table_not_found")
    period = period_of(start, end)
    stats = (await _figures(request, ctx, current, period, "statistics.exported")).stats
    return _csv(stats.tables[name], period)


@router.get("/scorecards", response_class=HTMLResponse)
async def scorecards_page(
    request: Request,
    ctx: web.PortalContext,
    current: Annotated[Current, web.needs(Permission.scorecards_read)],
    start: str | None = None,
    end: str | None = None,
) -> Response:
    period = period_of(start, end)
    computed = await _figures(request, ctx, current, period, "scorecards.viewed")
    stats = computed.stats
    return web.render(
        request,
        "scorecards.html",
        current,
        table=stats.tables["provider_scorecards"],
        charts=await run_in_threadpool(computed.charts, "scorecards", {"provider_scorecards": "scorecards"}),
        period=period,
        last_day=period.end - timedelta(days=1),
        query=f"start={period.start.isoformat()}&end={_last(period)}",
        presets=_presets(utc_now().date()),
    )


@router.get("/scorecards.csv")
async def scorecards_csv(
    request: Request,
    ctx: web.PortalContext,
    current: Annotated[Current, web.needs(Permission.scorecards_read)],
    start: str | None = None,
    end: str | None = None,
) -> Response:
    period = period_of(start, end)
    stats = (await _figures(request, ctx, current, period, "scorecards.exported")).stats
    return _csv(stats.tables["provider_scorecards"], period)


# --- imported narratives: the review list -------------------------------------------------------------


def _pending(ctx: Context) -> list[review.Pending]:
    with ctx.read() as session:
        return review.pending(session)


@router.get("/narratives", response_class=HTMLResponse)
async def narratives_page(
    request: Request,
    ctx: web.PortalContext,
    current: Annotated[Current, web.needs(Permission.narratives_review)],
) -> Response:
    cases = await run_in_threadpool(_pending, ctx)
    return web.render(request, "narratives.html", current, cases=cases)


def _confirm(ctx: Context, current: Current, case_id: int, field: str, value: str | None) -> None:
    with ctx.unit() as session:
        review.confirm(session, case_id, field, value, actor=current.principal.actor)


@router.post("/narratives/{case_id}/confirm")
async def narrative_confirm(
    ctx: web.PortalContext,
    current: Annotated[Current, web.needs(Permission.narratives_review)],
    case_id: int,
    field: Annotated[str, Form(max_length=64)],
    value: Annotated[str | None, Form(max_length=2000)] = None,
) -> Response:
    await run_in_threadpool(_confirm, ctx, current, case_id, field, value)
    return RedirectResponse(
        f"/portal/narratives#case-{case_id}", status_code=303, headers=web.SECURITY_HEADERS
    )
