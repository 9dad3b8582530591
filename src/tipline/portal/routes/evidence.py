"""The evidence viewer: blurred previews, audited reveals, revealed bytes."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from tipline.access.roles import Permission
from tipline.casework import evidence
from tipline.context import Context
from tipline.portal import web
from tipline.users.service import Current

router = APIRouter()
Viewing = Annotated[Current, web.needs(Permission.evidence_view)]


def _preview(ctx: Context, current: Current, file_id: uuid.UUID) -> bytes:
    with ctx.unit() as session:
        return evidence.preview_of(
            session, ctx.blobs, current.principal, file_id, ctx.settings.max_image_pixels
        )


@router.get("/files/{file_id}/preview")
async def preview(ctx: web.PortalContext, current: Viewing, file_id: uuid.UUID) -> Response:
    data = await run_in_threadpool(_preview, ctx, current, file_id)
    return Response(data, media_type="image/jpeg", headers=web.SECURITY_HEADERS)


def _reveal(ctx: Context, current: Current, file_id: uuid.UUID, reason: str | None) -> evidence.Revealed:
    with ctx.unit() as session:
        return evidence.reveal(
            session,
            ctx.keyring,
            current.principal,
            file_id,
            reason,
            soft_limit=ctx.settings.exposure_soft_limit,
            unviewed_needs_reason=ctx.settings.unviewed_needs_reason,
        )


@router.post("/files/{file_id}/reveal", response_class=HTMLResponse)
async def reveal(
    request: Request,
    ctx: web.PortalContext,
    current: Viewing,
    file_id: uuid.UUID,
    reason: Annotated[str | None, Form(max_length=2000)] = None,
) -> Response:
    shown = await run_in_threadpool(_reveal, ctx, current, file_id, reason)
    return web.render(request, "_revealed.html", current, shown=shown, limit=ctx.settings.exposure_soft_limit)


def _bytes(ctx: Context, current: Current, file_id: uuid.UUID, view_id: int) -> tuple[bytes, str]:
    with ctx.unit() as session:
        return evidence.revealed_bytes(
            session, ctx.blobs, current.principal, file_id, view_id, ctx.settings.max_image_pixels
        )


@router.get("/files/{file_id}/view/{view_id}")
async def revealed(ctx: web.PortalContext, current: Viewing, file_id: uuid.UUID, view_id: int) -> Response:
    data, media_type = await run_in_threadpool(_bytes, ctx, current, file_id, view_id)
    headers = dict(web.SECURITY_HEADERS)
    if media_type == "application/octet-stream":
        headers["Content-Disposition"] = f'attachment; filename="{file_id}.bin"'
    return Response(data, media_type=media_type, headers=headers)
