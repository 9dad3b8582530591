"""What every portal page shares: templates, the signed-in person, CSRF, security headers, HTML errors.

Sessions are cookies (HttpOnly, SameSite=Strict, Secure in production) naming a server-side session;
every POST carries the session's CSRF token (a form field, or the ``X-CSRF-Token`` header HTMX sends
from ``hx-headers`` on the body). Authorization is not decided here: routes name a permission
(``access.roles.Permission``) and read reports through ``access.scope``.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import escape

from tipline.access.roles import Permission, Principal, require
from tipline.config import Environment as Env
from tipline.context import Context
from tipline.core.clock import utc_now
from tipline.core.errors import Forbidden, TiplineError, Unauthenticated
from tipline.portal.text import t
from tipline.users import service as users

COOKIE = "tipline_session"
LOGIN_COOKIE = "tipline_login"
HERE = Path(__file__).parent
templates = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


def ago(then: datetime | None, now: datetime | None = None) -> str:
    if then is None:
        return ""
    return span((now or utc_now()) - then)


def span(d: timedelta) -> str:
    seconds = int(abs(d.total_seconds()))
    if seconds < 3600:
        return f"{seconds // 60} min"
    if seconds < 86400 * 2:
        return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
    return f"{seconds // 86400} d"


def when(value: datetime | None) -> str:
    return "" if value is None else value.strftime("%Y-%m-%d %H:%M UTC")


templates.globals.update(t=t, ago=ago, when=when, span=span, Permission=Permission)


def policy(ctx: Context) -> users.Policy:
    s = ctx.settings
    return users.Policy(
        max_failures=s.login_max_failures,
        lockout=timedelta(minutes=s.login_lockout_minutes),
        idle=timedelta(minutes=s.session_idle_minutes),
        max_age=timedelta(hours=s.session_max_hours),
    )


async def _context(request: Request) -> Context:
    ctx: Context = request.app.state.ctx
    return ctx


PortalContext = Annotated[Context, Depends(_context)]


def _resume(ctx: Context, token: str | None) -> users.Current | None:
    with ctx.unit() as session:
        return users.resume(session, token, policy(ctx))


async def _viewer(request: Request, ctx: PortalContext) -> users.Current:
    current = await run_in_threadpool(_resume, ctx, request.cookies.get(COOKIE))
    if current is None:
        raise Unauthenticated("sign in first", code="not_signed_in")
    if request.method not in ("GET", "HEAD"):
        sent = request.headers.get("x-csrf-token")
        if not sent:
            value = (await request.form()).get("csrf")
            sent = value if isinstance(value, str) else None
        if not sent or not hmac.compare_digest(sent, current.csrf):
            raise Forbidden(t("csrf"), code="csrf_failed")
    return current


Viewer = Annotated[users.Current, Depends(_viewer)]


def needs(permission: Permission) -> Any:
    """A dependency: the signed-in person, who must hold ``permission`` (403 otherwise)."""

    def check(current: Viewer) -> users.Current:
        require(current.principal, permission)
        return current

    return Depends(check)


def render(
    request: Request, name: str, current: users.Current | None = None, *, status: int = 200, **values: Any
) -> HTMLResponse:
    body = templates.get_template(name).render(
        request=request,
        me=current.principal if current else None,
        my_name=current.display_name if current else None,
        csrf=current.csrf if current else None,
        **values,
    )
    return HTMLResponse(body, status_code=status, headers=SECURITY_HEADERS)


def secure_cookies(ctx: Context) -> bool:
    return ctx.settings.env is Env.production


def set_session_cookie(response: Response, ctx: Context, token: str) -> None:
    response.set_cookie(
        COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=secure_cookies(ctx),
        path="/portal",
        max_age=int(ctx.settings.session_max_hours * 3600),
    )


def login_nonce() -> str:
    return secrets.token_urlsafe(24)


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def html_error(request: Request, exc: TiplineError) -> Response | None:
    """The portal's rendering of an error (the API's is problem+json): a sign-in redirect for a page
    whose session ended, else a small page (or fragment, for HTMX) with the message."""
    if not request.url.path.startswith("/portal"):
        return None
    if exc.status_code == 401 and request.method == "GET" and not is_htmx(request):
        target = quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""), safe="")
        return RedirectResponse(f"/portal/login?next={target}", status_code=303, headers=SECURITY_HEADERS)
    message = {404: t("not_found"), 403: exc.message if exc.code == "csrf_failed" else t("forbidden")}.get(
        exc.status_code, exc.message
    )
    if is_htmx(request) and request.headers.get("hx-boosted") != "true":
        body = f'<p class="error" role="alert">{_escape(message)}</p>'
        return HTMLResponse(body, status_code=exc.status_code, headers=SECURITY_HEADERS)
    return render(
        request, "error.html", None, status=exc.status_code, message=message, status_code=exc.status_code
    )


def _escape(text: str) -> str:
    return str(escape(text))


def principal(current: users.Current) -> Principal:
    return current.principal
