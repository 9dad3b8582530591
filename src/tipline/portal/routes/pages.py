"""The queue (page and HTMX rows) and the report view."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from tipline.access.roles import Permission, Role
from tipline.casework import dossier, queue
from tipline.casework.evidence import exposure_today
from tipline.context import Context
from tipline.core.errors import Unprocessable
from tipline.forwarding import service as forwarding
from tipline.forwarding import workflow
from tipline.portal import web
from tipline.users.service import Current

router = APIRouter()

LANDING = {
    Role.curator: "/portal/banks",
    Role.auditor: "/portal/audit",
    Role.admin: "/portal/users",
}


def _day(value: str | None, name: str) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.combine(date.fromisoformat(value), datetime.min.time(), tzinfo=UTC)
    except ValueError as exc:
        raise Unprocessable(f"{name}: a date like 2026-11-29", code="invalid_filter") from exc


def filters(
    priority: str | None = None,
    state: str | None = None,
    provider: str | None = None,
    incident: str | None = None,
    jurisdiction: str | None = None,
    received_from: str | None = None,
    received_to: str | None = None,
    q: Annotated[str | None, Query(max_length=256)] = None,
    after: Annotated[str | None, Query(max_length=200)] = None,
) -> queue.Filters:
    until = _day(received_to, "received until")
    return queue.Filters(
        priority=priority or None,
        state=state or None,
        provider=provider or None,
        incident=incident or None,
        jurisdiction=jurisdiction or None,
        received_from=_day(received_from, "received from"),
        received_to=until + timedelta(days=1) if until else None,
        q=(q or "").strip() or None,
        after=after or None,
    )


def sla(ctx: Context) -> queue.Sla:
    return queue.Sla(
        p1=timedelta(minutes=ctx.settings.sla_p1_minutes), p2=timedelta(hours=ctx.settings.sla_p2_hours)
    )


def _queue(ctx: Context, current: Current, f: queue.Filters) -> tuple[queue.Page, list[str]]:
    with ctx.read() as session:
        page = queue.queue(session, ctx.keyring, current.principal, f, sla(ctx))
        return page, queue.providers(session)


@router.get("/", response_class=HTMLResponse)
async def home(current: web.Viewer) -> Response:
    role = current.principal.role
    if role in LANDING:
        return RedirectResponse(LANDING[role], status_code=303, headers=web.SECURITY_HEADERS)
    return RedirectResponse("/portal/queue", status_code=303, headers=web.SECURITY_HEADERS)


@router.get("/queue", response_class=HTMLResponse)
async def queue_page(
    request: Request,
    ctx: web.PortalContext,
    current: Annotated[Current, web.needs(Permission.queue_read)],
    f: Annotated[queue.Filters, Depends(filters)],
) -> Response:
    page, providers = await run_in_threadpool(_queue, ctx, current, f)
    law = current.principal.role.is_law_enforcement
    values: dict[str, Any] = {
        "page": page,
        "f": f,
        "providers": providers,
        "priorities": queue.PRIORITIES,
        "states": queue.REFERRAL_STATES if law else queue.ANALYST_STATES,
        "law": law,
        "now": datetime.now(UTC),
        "received_to": (request.query_params.get("received_to") or "")[:10],
        "query": urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "after"]),
    }
    if web.is_htmx(request) and request.headers.get("hx-boosted") != "true":  # the rows only
        return web.render(request, "_queue_rows.html", current, **values)
    return web.render(request, "queue.html", current, **values)


def _read(
    ctx: Context, current: Current, report_id: uuid.UUID, purpose: str
) -> tuple[dossier.Dossier, int, list[tuple[str, str]]]:
    with ctx.unit() as session:
        d = dossier.read(session, ctx.keyring, current.principal, report_id, purpose)
        exposure = exposure_today(session, current.principal.user_id)
        agencies = _agencies(session) if current.principal.can(Permission.report_forward) else []
        return d, exposure, agencies


def _agencies(session: Session) -> list[tuple[str, str]]:
    return [(a.code, a.name) for a in forwarding.list_agencies(session) if a.active]


@router.get("/reports/{report_id}", response_class=HTMLResponse)
async def report_page(
    request: Request,
    ctx: web.PortalContext,
    current: Annotated[Current, web.needs(Permission.report_read)],
    report_id: uuid.UUID,
    purpose: Annotated[str, Query(max_length=200)] = "casework",
) -> Response:
    d, exposure, agencies = await run_in_threadpool(_read, ctx, current, report_id, purpose)
    return web.render(
        request,
        "report.html",
        current,
        d=d,
        exposure=exposure,
        limit=ctx.settings.exposure_soft_limit,
        agencies=agencies,
        decline_reasons=[r.value for r in workflow.DeclineReason],
        now=datetime.now(UTC),
    )
