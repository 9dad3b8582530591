"""Jobs of the assessment domain. Each opens its own unit of work and is idempotent."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from tipline.assessment import service
from tipline.context import Context


def viral_rule(ctx: Context) -> service.ViralRule:
    s = ctx.settings
    return service.ViralRule(accounts=s.viral_accounts, window=timedelta(hours=s.viral_window_hours))


def assess(ctx: Context, payload: dict[str, Any]) -> None:
    """reports.changed {report_id, cause} (and after matching, reports.finished): assess the report."""
    with ctx.unit() as session:
        service.assess(
            session,
            ctx.keyring,
            uuid.UUID(payload["report_id"]),
            viral=viral_rule(ctx),
            cause=str(payload.get("cause", "finished")),
        )
