"""Identifier rows. Never commits."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from tipline.core.chunks import chunks
from tipline.models import ReportIdentifier


def keys_of(session: Session, report_id: uuid.UUID) -> set[str]:
    return set(session.scalars(select(ReportIdentifier.key).where(ReportIdentifier.report_id == report_id)))


def add(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(ReportIdentifier), list(rows))


def sharing(
    session: Session, keys: Sequence[str], report_id: uuid.UUID
) -> list[tuple[uuid.UUID, uuid.UUID, str]]:
    """(report id, provider id, kind) of other reports holding any of these keys."""
    found: list[tuple[uuid.UUID, uuid.UUID, str]] = []
    for chunk in chunks(list(keys), 500):
        query = select(ReportIdentifier.report_id, ReportIdentifier.provider_id, ReportIdentifier.kind).where(
            ReportIdentifier.key.in_(chunk), ReportIdentifier.report_id != report_id
        )
        found.extend((r, p, k) for r, p, k in session.execute(query))
    return found
