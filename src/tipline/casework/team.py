"""Reviewer wellness: how much evidence each person of a supervisor's team revealed, today and over
the last seven days (counts only; which files stays in the audit trail)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from tipline.access.roles import CLEARINGHOUSE, Principal
from tipline.core.clock import utc_now
from tipline.models import EvidenceView, User


def exposure(session: Session, supervisor: Principal) -> list[dict[str, Any]]:
    now = utc_now()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    week = midnight - timedelta(days=6)
    people = select(User).order_by(User.username)
    if supervisor.role.is_law_enforcement:
        people = people.where(User.agency_id == supervisor.agency_id)
    else:
        people = people.where(User.role.in_([r.value for r in CLEARINGHOUSE]))
    team = list(session.scalars(people))
    counts = {
        user_id: (int(today or 0), int(total or 0))
        for user_id, today, total in session.execute(
            select(
                EvidenceView.user_id, func.sum(case((EvidenceView.at >= midnight, 1), else_=0)), func.count()
            )
            .where(EvidenceView.at >= week, EvidenceView.user_id.in_([u.id for u in team]))
            .group_by(EvidenceView.user_id)
        )
    }
    return [
        {
            "username": u.username,
            "display_name": u.display_name,
            "role": u.role,
            "today": counts.get(u.id, (0, 0))[0],
            "week": counts.get(u.id, (0, 0))[1],
        }
        for u in team
    ]
