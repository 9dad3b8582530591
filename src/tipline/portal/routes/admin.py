"""Audit search and verification, users, team exposure, banks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tipline.access.roles import Permission
from tipline.audit import service as audit
from tipline.banks import service as banks
from tipline.casework import team
from tipline.context import Context
from tipline.core.errors import Unprocessable
from tipline.portal import web
from tipline.users import service as users
from tipline.users.service import Current

router = APIRouter()


def _search(ctx: Context, current: Current, filters: dict[str, Any]) -> list[Any]:
    with ctx.unit() as session:
        rows = audit.search(session, **filters)
        audit.record(
            session, current.principal.actor, "audit.searched", None, purpose="audit", found=len(rows)
        )
        return rows


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.combine(date.fromisoformat(value), datetime.min.time(), tzinfo=UTC)
    except ValueError as exc:
        raise Unprocessable("a date like 2026-11-29", code="invalid_filter") from exc


@router.get("/audit", response_class=HTMLResponse)
async def audit_page(
    request: Request,
    ctx: web.PortalContext,
    current: Annotated[Current, web.needs(Permission.audit_read)],
    actor: Annotated[str | None, Query(max_length=200)] = None,
    action: Annotated[str | None, Query(max_length=64)] = None,
    target: Annotated[str | None, Query(max_length=200)] = None,
    since: str | None = None,
    until: str | None = None,
    before: int | None = None,
) -> Response:
    end = _date(until)
    filters = {
        "actor": actor or None,
        "action": action or None,
        "target": target or None,
        "since": _date(since),
        "until": end + timedelta(days=1) if end else None,
        "before_seq": before,
    }
    rows = await run_in_threadpool(_search, ctx, current, filters)
    q = {"actor": actor, "action": action, "target": target, "since": since, "until": until}
    return web.render(request, "audit.html", current, verification=None, rows=rows, q=q)


def _verify(ctx: Context, current: Current) -> audit.Verification:
    with ctx.read() as session:
        result = audit.verify(session)
    with ctx.unit() as session:
        audit.record(
            session, current.principal.actor, "audit.verified", None, ok=result.ok, checked=result.checked
        )
    return result


@router.post("/audit/verify", response_class=HTMLResponse)
async def audit_verify(
    request: Request, ctx: web.PortalContext, current: Annotated[Current, web.needs(Permission.audit_read)]
) -> Response:
    result = await run_in_threadpool(_verify, ctx, current)
    return web.render(request, "_verification.html", current, verification=result)


def _users(ctx: Context) -> list[dict[str, Any]]:
    with ctx.read() as session:
        return users.list_users(session)


@router.get("/users", response_class=HTMLResponse)
async def users_page(
    request: Request, ctx: web.PortalContext, current: Annotated[Current, web.needs(Permission.users_manage)]
) -> Response:
    return web.render(request, "users.html", current, users=await run_in_threadpool(_users, ctx))


def _set(ctx: Context, current: Current, username: str, change: str) -> None:
    with ctx.unit() as session:
        if change == "unlock":
            users.unlock(session, username, current.principal.actor)
        else:
            users.set_active(session, username, change == "activate", current.principal.actor)


@router.post("/users/{username}/{change}")
async def user_change(
    ctx: web.PortalContext,
    current: Annotated[Current, web.needs(Permission.users_manage)],
    username: str,
    change: str,
) -> Response:
    if change not in ("activate", "deactivate", "unlock"):
        raise Unprocessable("activate, deactivate or unlock", code="invalid_change")
    await run_in_threadpool(_set, ctx, current, username, change)
    return RedirectResponse("/portal/users", status_code=303, headers=web.SECURITY_HEADERS)


def _team(ctx: Context, current: Current) -> list[dict[str, Any]]:
    with ctx.unit() as session:
        rows = team.exposure(session, current.principal)
        audit.record(session, current.principal.actor, "team.exposure_read", None, people=len(rows))
        return rows


@router.get("/team", response_class=HTMLResponse)
async def team_page(
    request: Request, ctx: web.PortalContext, current: Annotated[Current, web.needs(Permission.team_exposure)]
) -> Response:
    rows = await run_in_threadpool(_team, ctx, current)
    return web.render(request, "team.html", current, rows=rows, limit=ctx.settings.exposure_soft_limit)


def _banks(ctx: Context, current: Current) -> list[Any]:
    with ctx.unit() as session:
        return [b.model_dump() for b in banks.list_banks(session, current.principal.actor)]


@router.get("/banks", response_class=HTMLResponse)
async def banks_page(
    request: Request, ctx: web.PortalContext, current: Annotated[Current, web.needs(Permission.banks_read)]
) -> Response:
    return web.render(request, "banks.html", current, banks=await run_in_threadpool(_banks, ctx, current))
