"""Jurisdiction use cases: decide for a report (stored, logged when it changes), read the decision.

Callers pass the session (one unit of work at the edge); nothing here commits. ``decide_for_report`` is
idempotent: on an unchanged report it changes nothing and logs nothing. The reasons are sealed with the
keyring (their notes may name the network a person used); the event on the report's log holds only the
route, the states, the certainty and the kinds of evidence.
"""

from __future__ import annotations

import uuid
from typing import Any

import orjson
from sqlalchemy.orm import Session

from tipline.core.clock import utc_now
from tipline.core.crypto import Keyring
from tipline.core.errors import NotFound
from tipline.jurisdiction import repository
from tipline.jurisdiction.decide import decide, reason_kinds
from tipline.jurisdiction.decision import Jurisdiction, Reason
from tipline.models import ReportJurisdiction
from tipline.reports import repository as reports
from tipline.reports import service as report_service

ACTOR = "system:jurisdiction"
DECIDED_EVENT = "report.jurisdiction_decided"


def decide_for_report(session: Session, keyring: Keyring, report_id: uuid.UUID) -> Jurisdiction:
    """Decide on the report as it stands now (supplements merged) and record the decision."""
    report = repository.lock_report(session, report_id)
    if report is None:
        raise NotFound("no such report", code="report_not_found")
    content = report_service.current_content(session, keyring, report)
    decision = decide(content.data)
    current = repository.get(session, report_id)
    summary: dict[str, Any] = {
        "route": decision.route,
        "states": list(decision.states),
        "countries": list(decision.countries),
        "certainty": decision.certainty,
        "reason_kinds": reason_kinds(decision),
    }
    body = orjson.dumps([_reason_dict(r) for r in decision.reasons])
    if (
        current is not None
        and all(getattr(current, k) == v for k, v in summary.items())
        and keyring.open(current.reasons_sealed, associated=_ad(report_id)) == body
    ):
        return decision
    sealed = keyring.seal(body, associated=_ad(report_id))
    now = utc_now()
    if current is None:
        current = ReportJurisdiction(report_id=report_id, version=0, reasons_sealed=sealed, **summary)
        session.add(current)
    for name, value in summary.items():
        setattr(current, name, value)
    current.reasons_sealed = sealed
    current.version += 1
    current.decided_at = now
    data = {
        "version": current.version,
        "route": decision.route,
        "states": list(decision.states),
        "certainty": decision.certainty,
        "reasons": summary["reason_kinds"],
    }
    reports.append_event(session, report_id, DECIDED_EVENT, ACTOR, now, data)
    session.flush()
    return decision


def get(session: Session, keyring: Keyring, report_id: uuid.UUID) -> Jurisdiction | None:
    """The recorded decision with its reasons (unsealed), or None if none was made yet."""
    row = repository.get(session, report_id)
    if row is None:
        return None
    reasons = orjson.loads(keyring.open(row.reasons_sealed, associated=_ad(report_id)))
    return Jurisdiction(
        row.route,  # type: ignore[arg-type]
        tuple(row.states),
        row.certainty,
        tuple(Reason(**r) for r in reasons),
        tuple(row.countries),
    )


def _ad(report_id: uuid.UUID) -> bytes:
    return report_id.bytes + b"jurisdiction"


def _reason_dict(r: Reason) -> dict[str, Any]:
    return {"kind": r.kind, "role": r.role, "country": r.country, "weight": r.weight, "note": r.note}
