"""Jobs of the matching domain. Each opens its own unit of work and is idempotent."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from tipline.context import Context
from tipline.matching import service

log = logging.getLogger("tipline.matching")


def match_report(ctx: Context, payload: dict[str, Any]) -> None:
    """matching.match_report {report_id}: match the files of a finished report."""
    with ctx.unit() as session:
        service.match_report(session, ctx.pdq, uuid.UUID(payload["report_id"]))


def retro_hunt(ctx: Context, payload: dict[str, Any]) -> None:
    """matching.retro_hunt {bank_id, seq_from, seq_to}: earlier reports against new indicators."""
    bank_id, seq_from, seq_to = (
        uuid.UUID(payload["bank_id"]),
        int(payload["seq_from"]),
        int(payload["seq_to"]),
    )
    with ctx.read() as session:  # the long scan holds no write lock
        found = service.retro_hunt(session, bank_id, seq_from, seq_to)
    with ctx.unit() as session:
        result = service.record_retro_hunt(session, ctx.pdq, found)
    log.info(
        "retro-hunt: %d indicators, %d stored PDQs, %d new matches on %d reports",
        result.indicators,
        result.files_scanned,
        result.new_matches,
        result.reports,
    )
