"""The application factory: ``create_app(settings)``. Nothing connects at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from anyio import to_thread
from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text

from tipline import __version__
from tipline.api import errors
from tipline.api.deps import AppContext
from tipline.api.limits import BodyLimit
from tipline.assessment.api import router as assessment_router
from tipline.banks.api import router as banks_router
from tipline.config import Settings, get_settings
from tipline.context import Context
from tipline.core import migrate
from tipline.forwarding.api import router as forwarding_router
from tipline.linking.api import router as linking_router
from tipline.matching.api import router as matching_router
from tipline.ncmec.api import router as ispws_router
from tipline.portal import web as portal_web
from tipline.portal.routes import router as portal_router
from tipline.reports.api import router as reports_router
from tipline.reports.schemas import Health, IndexHealth, ReportCreate
from tipline.runtime import Background
from tipline.statistics.api import router as statistics_router

DESCRIPTION = """\
tipline receives reports of online child sexual abuse from online service providers and routes them
to the competent law-enforcement agencies.

Providers authenticate with `Authorization: Bearer <api key>` (`tipline provider add NAME` issues one).
Errors are RFC 9457 `application/problem+json` documents with a stable `code` and, for bad fields,
the JSON pointer of each field in `errors`.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        ctx = Context.build(settings)
        app.state.ctx = ctx
        # Request threads = database connections: more threads would only queue for a connection
        # while contending for the GIL.
        to_thread.current_default_thread_limiter().total_tokens = settings.db_pool_size
        background = Background(ctx, worker=settings.worker, refresh_seconds=settings.index_refresh_seconds)
        await run_in_threadpool(background.start)
        try:
            yield
        finally:
            background.stop()
            ctx.close()

    app = FastAPI(
        title="tipline",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        license_info={"name": "Apache-2.0", "identifier": "Apache-2.0"},
    )
    errors.install(app, html=portal_web.html_error)
    app.include_router(reports_router)
    app.include_router(banks_router)
    app.include_router(matching_router)
    app.include_router(assessment_router)
    app.include_router(forwarding_router)
    app.include_router(linking_router)
    app.include_router(statistics_router)
    app.include_router(ispws_router, prefix=settings.ispws_prefix)
    app.include_router(portal_router)
    app.mount("/portal/static", StaticFiles(directory=portal_web.HERE / "static"), name="portal-static")

    @app.get(
        "/health",
        response_model=Health,
        tags=["service"],
        summary="Readiness",
        responses={503: {"model": Health, "description": "Not ready."}},
    )
    async def health(ctx: AppContext) -> Any:
        """200 when the database answers, its schema is current and the PDQ index is current; 503
        otherwise (the index is loading, or has been behind the database for too long)."""
        state, index = await run_in_threadpool(_state, ctx)
        ok = state == "ok" and index is not None and index.state == "current"
        body = Health(status="ok" if ok else "unavailable", database=state, version=__version__, index=index)
        return JSONResponse(body.model_dump(), status_code=200 if ok else 503)

    def limit_for(path: str) -> int:
        if path.startswith("/api/v1/reports/") and path.endswith("/files"):
            return settings.max_file_bytes + 64 * 1024  # multipart framing
        if path == settings.ispws_prefix + "/upload":
            return settings.max_file_bytes + 64 * 1024
        return settings.max_report_bytes

    app.add_middleware(BodyLimit, limit_for=limit_for)

    def openapi() -> dict[str, Any]:
        # The report body is parsed by the route itself (one-pass JSON validation), so its schema is
        # added to the components here; the route's requestBody refers to it.
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
                license_info=app.license_info,
            )
            report = ReportCreate.model_json_schema(ref_template="#/components/schemas/{model}")
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components.update(report.pop("$defs", {}))
            components["ReportCreate"] = report
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def _state(ctx: Context) -> tuple[str, IndexHealth | None]:
    state = _database_state(ctx)
    if state != "ok":
        return state, None
    with ctx.unit() as session:
        status = ctx.pdq.status(session, ctx.settings.index_stale_seconds)
    return state, IndexHealth.model_validate(status, from_attributes=True)


def _database_state(ctx: Context) -> str:
    try:
        with ctx.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return "ok" if migrate.is_current(ctx.engine) else "schema_not_current"
    except Exception as exc:
        return type(exc).__name__
