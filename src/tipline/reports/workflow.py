"""Report status transitions as a pure table (no I/O)."""

from __future__ import annotations

from tipline.core.errors import InvalidTransition
from tipline.reports.schemas.read import ReportStatus

_ALLOWED: dict[tuple[ReportStatus, str], ReportStatus] = {
    (ReportStatus.open, "finish"): ReportStatus.received,
    (ReportStatus.open, "retract"): ReportStatus.retracted,
}

# a finished report: assessment may move it between these, and the provider may supplement it
FINISHED = frozenset(
    {ReportStatus.received, ReportStatus.assessed, ReportStatus.incomplete, ReportStatus.unfounded}
)
ASSESSMENT_OUTCOMES = frozenset({ReportStatus.assessed, ReportStatus.incomplete, ReportStatus.unfounded})

# Stable codes for refused transitions (NCMEC's 5101 "already retracted" and 5102 "already finished").
_REFUSALS: dict[ReportStatus, str] = {
    ReportStatus.retracted: "report_retracted",
    **{status: "report_finished" for status in FINISHED},
}


def transition(current: ReportStatus, action: str) -> ReportStatus:
    target = _ALLOWED.get((current, action))
    if target is None:
        raise InvalidTransition(
            f"cannot {action} a report that is {current.value}",
            code=_REFUSALS.get(current, "invalid_state"),
        )
    return target


def assessed(current: ReportStatus, outcome: ReportStatus) -> ReportStatus:
    """The status after an assessment: only a finished report is assessed, to one of three outcomes."""
    if current not in FINISHED or outcome not in ASSESSMENT_OUTCOMES:
        raise InvalidTransition(f"cannot assess a report that is {current.value}", code="invalid_state")
    return outcome


def check_can_supplement(current: ReportStatus) -> None:
    """A provider supplements a finished report; an open one is amended or finished instead."""
    if current not in FINISHED:
        raise InvalidTransition(
            f"cannot supplement a report that is {current.value}",
            code="report_retracted" if current is ReportStatus.retracted else "report_open",
        )
