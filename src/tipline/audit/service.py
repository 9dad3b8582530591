"""Recording audit entries. Data holds counts and ids, never report content, hashes or keys."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tipline.models import AuditRecord


def record(session: Session, actor: str, action: str, target: str | None = None, **data: Any) -> None:
    session.add(AuditRecord(actor=actor, action=action, target=target, data=data))


def recent(session: Session, limit: int = 100, action: str | None = None) -> list[AuditRecord]:
    query = select(AuditRecord).order_by(AuditRecord.id.desc()).limit(limit)
    if action is not None:
        query = query.where(AuditRecord.action == action)
    return list(session.scalars(query))
