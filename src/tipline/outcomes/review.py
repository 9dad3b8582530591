"""The review list: fields of imported narrative cases that the parser was not sure of, for a person
to confirm as read or correct. A confirmation is recorded on the case (who, when, the value) and in
the audit trail; statistics use a field below the threshold only once it is confirmed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tipline.audit import service as audit
from tipline.core.clock import utc_now
from tipline.core.errors import NotFound, Unprocessable
from tipline.models import NarrativeCase, NarrativeImport

COUNTS = frozenset(
    {"report_count", "victims_in_case", "offenders_in_case", "victims_safeguarded", "offenders_prosecuted"}
)
LISTS = frozenset({"providers", "services", "nature", "urgency_indicators"})
FLAGS = frozenset({"convicted"})
STATUSES = ("ongoing", "closed", "unknown")


@dataclass(frozen=True, slots=True)
class PendingField:
    name: str
    value: Any
    confidence: float
    quote: str | None


@dataclass(frozen=True, slots=True)
class Pending:
    case_id: int
    document: str
    seq: int
    country: str
    part: str
    first_line: str
    fields: list[PendingField]


def pending(session: Session, limit: int = 200) -> list[Pending]:
    rows = session.execute(
        select(NarrativeCase, NarrativeImport.name)
        .join(NarrativeImport, NarrativeImport.id == NarrativeCase.import_id)
        .where(NarrativeCase.pending_review > 0)
        .order_by(NarrativeCase.import_id, NarrativeCase.seq)
        .limit(limit)
    ).all()
    out = []
    for case, document in rows:
        fields = [
            PendingField(name, f.get("value"), float(f.get("confidence", 0)), f.get("quote"))
            for name, f in case.fields.items()
            if f.get("review") and name not in (case.confirmed or {})
        ]
        out.append(Pending(case.id, document, case.seq, case.country, case.part, case.first_line, fields))
    return out


def parse_value(field: str, raw: str | None) -> Any:
    """A reviewer's correction, typed like the field; an empty answer means "not stated" (null)."""
    text = (raw or "").strip()
    if field in LISTS:
        return [part.strip() for part in text.split(",") if part.strip()]
    if not text or text.lower() in ("null", "none", "not stated", "unknown") and field != "status":
        return None
    if field in COUNTS:
        if not text.isdigit():
            raise Unprocessable(f"{field} is a number of people or reports (or empty)", code="invalid_value")
        return int(text)
    if field in FLAGS:
        if text.lower() not in ("yes", "no", "true", "false"):
            raise Unprocessable("convicted is yes or no (or empty)", code="invalid_value")
        return text.lower() in ("yes", "true")
    if field == "status" and text not in STATUSES:
        raise Unprocessable("status is ongoing, closed or unknown", code="invalid_value")
    return text


def confirm(session: Session, case_id: int, field: str, value: str | None, *, actor: str) -> None:
    """Confirm ``field`` of a case as read (``value`` None) or with a corrected value."""
    case = session.get(NarrativeCase, case_id, with_for_update=True)
    if case is None:
        raise NotFound("no such case", code="case_not_found")
    if field not in case.fields:
        raise Unprocessable("no such field", code="invalid_field")
    read = case.fields[field].get("value")
    final = read if value is None else parse_value(field, value)
    confirmed = dict(case.confirmed or {})
    confirmed[field] = {"value": final, "by": actor, "at": utc_now().isoformat(), "corrected": final != read}
    case.confirmed = confirmed
    case.pending_review = sum(1 for n, f in case.fields.items() if f.get("review") and n not in confirmed)
    session.flush()
    audit.record(
        session,
        actor,
        "narratives.confirmed",
        f"narrative_case:{case_id}",
        field=field,
        corrected=final != read,
    )
