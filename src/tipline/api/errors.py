"""RFC 9457 problem+json for every error the API returns, each with a stable ``code``."""

from __future__ import annotations

import logging
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from tipline.core.errors import TiplineError

log = logging.getLogger("tipline.api")

PROBLEM = "application/problem+json"


def problem(
    status: int,
    code: str,
    detail: str,
    instance: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    extra: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"urn:tipline:problem:{code}",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "code": code,
        "detail": detail,
        "instance": instance,
        "errors": errors or [],
        **(extra or {}),
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def pointer(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header", "form"):
        parts = parts[1:]
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts)


_STATUS_CODES = {
    401: "unauthenticated",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
}


def install(app: FastAPI, html: Callable[[Request, TiplineError], Response | None] | None = None) -> None:
    """Error handlers; ``html`` may render an error as a page instead (the portal's paths)."""

    @app.exception_handler(TiplineError)
    async def _tipline(request: Request, exc: TiplineError) -> Response:
        page = html(request, exc) if html is not None else None
        if page is not None:
            return page
        headers = {"WWW-Authenticate": "Bearer"} if exc.status_code == 401 else None
        return problem(
            exc.status_code,
            exc.code,
            exc.message,
            request.url.path,
            [e.as_dict() for e in exc.errors],
            exc.extra,
            headers,
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errs = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errs):
            return problem(400, "malformed_json", "the body is not valid JSON", request.url.path)
        fields = [
            {
                "pointer": pointer(e.get("loc", ())),
                "code": e.get("type", "invalid"),
                "message": e.get("msg", "invalid"),
            }
            for e in errs
        ]
        return problem(422, "invalid_report", f"{len(fields)} invalid field(s)", request.url.path, fields)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _STATUS_CODES.get(exc.status_code, f"http_{exc.status_code}")
        return problem(exc.status_code, code, str(exc.detail), request.url.path)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Only the class: messages may contain report content.
        log.error("unhandled %s on %s %s", type(exc).__name__, request.method, request.url.path)
        return problem(500, "internal_error", "internal error; nothing was saved", request.url.path)
