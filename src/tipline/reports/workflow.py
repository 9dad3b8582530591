"""Report status transitions as a pure table (no I/O)."""

from __future__ import annotations

from tipline.core.errors import InvalidTransition
from tipline.reports.schemas.read import ReportStatus

_ALLOWED: dict[tuple[ReportStatus, str], ReportStatus] = {
    (ReportStatus.open, "finish"): ReportStatus.received,
    (ReportStatus.open, "retract"): ReportStatus.retracted,
}

# Stable codes for refused transitions (NCMEC's 5101 "already retracted" and 5102 "already finished").
_REFUSALS: dict[ReportStatus, str] = {
    ReportStatus.retracted: "report_retracted",
    ReportStatus.received: "report_finished",
}


def transition(current: ReportStatus, action: str) -> ReportStatus:
    target = _ALLOWED.get((current, action))
    if target is None:
        raise InvalidTransition(
            f"cannot {action} a report that is {current.value}",
            code=_REFUSALS.get(current, "invalid_state"),
        )
    return target
