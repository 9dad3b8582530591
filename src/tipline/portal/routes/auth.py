"""Sign in (password + TOTP in one form, CSRF by a double-submit cookie), sign out."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tipline.context import Context
from tipline.portal import web
from tipline.portal.text import t
from tipline.users import service as users

router = APIRouter()


def _safe_next(target: str | None) -> str:
    # only a path inside the portal: never an open redirect
    if target and target.startswith("/portal/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/portal/"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = None) -> Response:
    nonce = web.login_nonce()
    response = web.render(request, "login.html", None, nonce=nonce, next=_safe_next(next), error=None)
    response.set_cookie(web.LOGIN_COOKIE, nonce, httponly=True, samesite="strict", path="/portal/login")
    return response


def _sign_in(ctx: Context, username: str, password: str, code: str) -> users.Started | None:
    with ctx.unit() as session:  # commits failures too: they count towards the lockout
        return users.sign_in(session, ctx.keyring, username, password, code, web.policy(ctx))


@router.post("/login", response_class=HTMLResponse)
async def login(
    request: Request,
    ctx: web.PortalContext,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    code: Annotated[str, Form(max_length=16)],
    nonce: Annotated[str, Form(max_length=64)],
    next: Annotated[str, Form(max_length=2000)] = "/portal/",
) -> Response:
    response: Response
    cookie = request.cookies.get(web.LOGIN_COOKIE, "")
    if not cookie or not hmac.compare_digest(cookie, nonce):
        fresh = web.login_nonce()
        response = web.render(
            request, "login.html", None, status=403, nonce=fresh, next=_safe_next(next), error=t("csrf")
        )
        response.set_cookie(web.LOGIN_COOKIE, fresh, httponly=True, samesite="strict", path="/portal/login")
        return response
    started = await run_in_threadpool(_sign_in, ctx, username, password, code)
    if started is None:
        return web.render(
            request,
            "login.html",
            None,
            status=401,
            nonce=nonce,
            next=_safe_next(next),
            error=t("sign_in_failed"),
        )
    response = RedirectResponse(_safe_next(next), status_code=303, headers=web.SECURITY_HEADERS)
    web.set_session_cookie(response, ctx, started.token)
    response.delete_cookie(web.LOGIN_COOKIE, path="/portal/login")
    return response


def _sign_out(ctx: Context, token: str | None) -> None:
    with ctx.unit() as session:
        users.sign_out(session, token)


@router.post("/logout")
async def logout(request: Request, ctx: web.PortalContext, current: web.Viewer) -> Response:
    await run_in_threadpool(_sign_out, ctx, request.cookies.get(web.COOKIE))
    response = RedirectResponse("/portal/login", status_code=303, headers=web.SECURITY_HEADERS)
    response.delete_cookie(web.COOKIE, path="/portal")
    return response
