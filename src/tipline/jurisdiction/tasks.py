"""Jobs of the jurisdiction domain. Each opens its own unit of work and is idempotent."""

from __future__ import annotations

import uuid
from typing import Any

from tipline.context import Context
from tipline.jurisdiction import service


def decide(ctx: Context, payload: dict[str, Any]) -> None:
    """reports.finished and reports.changed {report_id}: decide the report's jurisdiction (again)."""
    with ctx.unit() as session:
        service.decide_for_report(session, ctx.keyring, uuid.UUID(payload["report_id"]))
