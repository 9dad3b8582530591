"""Jobs of the forwarding domain, and the webhook dispatcher a serving process runs.

``forwarding.route`` {report_id, cause} routes a report in its own unit of work; it is idempotent, so
it can follow every assessment and every jurisdiction decision. The jurisdiction is read through a
callable the composition root (``worker.py``) passes in, so this domain does not import the
jurisdiction service.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from functools import partial
from typing import Any

from sqlalchemy.orm import Session

from tipline.context import Context
from tipline.core.crypto import Keyring
from tipline.forwarding import service
from tipline.forwarding.webhooks import Dispatcher, DispatchSettings
from tipline.jobs import queue as jobs
from tipline.jurisdiction.decision import Jurisdiction

log = logging.getLogger("tipline.forwarding")

ROUTE_JOB = "forwarding.route"

# the stored jurisdiction decision of a report, or None while there is none
# (``tipline.jurisdiction.service.get(session, keyring, report_id)`` has this shape)
JurisdictionOf = Callable[[Session, Keyring, uuid.UUID], Jurisdiction | None]


def enqueue_route(session: Session, report_id: uuid.UUID, cause: str) -> None:
    """Ask for routing after this unit commits (e.g. from the jurisdiction service)."""
    jobs.enqueue(session, ROUTE_JOB, {"report_id": str(report_id), "cause": cause})


def route_report(ctx: Context, payload: dict[str, Any], *, jurisdiction_of: JurisdictionOf) -> None:
    """forwarding.route {report_id, cause}: route the report per the policy in force."""
    report_id = uuid.UUID(payload["report_id"])
    with ctx.unit() as session:
        routed = service.route_report(
            session,
            ctx.keyring,
            report_id,
            jurisdiction=jurisdiction_of(session, ctx.keyring, report_id),
            cause=str(payload.get("cause", "assessed")),
        )
    if routed.unroutable:
        log.warning("a report could not be routed: no active agency for its route and no Europol entry")


def route_handler(jurisdiction_of: JurisdictionOf) -> Callable[[Context, dict[str, Any]], None]:
    """The ``forwarding.route`` handler for the worker's table, bound to the jurisdiction reader."""
    return partial(route_report, jurisdiction_of=jurisdiction_of)


def dispatch_settings(ctx: Context) -> DispatchSettings:
    s = ctx.settings
    return DispatchSettings(
        timeout=s.webhook_timeout_seconds,
        backoff=s.webhook_backoff_seconds,
        max_backoff=s.webhook_max_backoff_seconds,
        failing_after=s.webhook_failing_after,
        concurrency=s.webhook_concurrency,
        poll_seconds=s.webhook_poll_seconds,
    )


def make_dispatcher(ctx: Context) -> Dispatcher:
    """The webhook dispatcher of a process: ``.start()`` with the worker, ``.stop()`` at shutdown."""
    return Dispatcher(ctx, dispatch_settings(ctx))
