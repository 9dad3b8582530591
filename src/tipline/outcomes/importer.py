"""``tipline outcomes import``: a narrative document's cases stored as imported outcomes.

Each case keeps every field with its value, source span, quoted words and confidence; fields below
``REVIEW_BELOW`` wait for a person (the portal's review list) and count in statistics only once
confirmed. Importing the same document again changes nothing (it is recognised by its SHA-256).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tipline.audit import service as audit
from tipline.core.clock import utc_now
from tipline.core.errors import Unprocessable
from tipline.forwarding.service import STATE_NAMES
from tipline.models import NarrativeCase, NarrativeImport
from tipline.outcomes import narrative

_STATE_OF = {name.lower(): code for code, name in STATE_NAMES.items()} | {
    "czech republic": "CZ",
    "the czech republic": "CZ",
    "the netherlands": "NL",
    "slovak republic": "SK",
    "republic of cyprus": "CY",
    "hellenic republic": "GR",
}
# "(2019-2022)" in a document's title: its cases are dated at the end of the last year
_YEARS = re.compile(r"\((?:19|20)\d\d\s*[-–]\s*((?:19|20)\d\d)\)")


@dataclass(frozen=True, slots=True)
class ImportSummary:
    import_id: int
    name: str
    cases: int
    fields: int
    to_review: int
    dated: datetime
    already: bool  # the same document was imported before: nothing changed


def state_of(country: str) -> str | None:
    return _STATE_OF.get(country.strip().lower())


def document_date(text: str) -> datetime | None:
    years = [int(m.group(1)) for m in _YEARS.finditer(text[:2000])]
    return datetime(max(years), 12, 31, tzinfo=UTC) if years else None


def stored_fields(case: narrative.NarrativeCase) -> dict[str, Any]:
    return {
        name: {
            "value": f.value,
            "confidence": f.confidence,
            "span": list(f.span) if f.span else None,
            "quote": f.quote,
            "review": f.needs_review,
        }
        for name, f in case.fields.items()
    }


def import_document(
    session: Session, text: str, name: str, *, actor: str, dated: datetime | None = None
) -> ImportSummary:
    digest = hashlib.sha256(text.encode()).hexdigest()
    existing = session.scalar(select(NarrativeImport).where(NarrativeImport.sha256 == digest))
    if existing is not None:
        rows = session.scalars(select(NarrativeCase).where(NarrativeCase.import_id == existing.id)).all()
        return ImportSummary(
            existing.id,
            existing.name,
            existing.cases,
            sum(len(r.fields) for r in rows),
            sum(r.pending_review for r in rows),
            existing.dated,
            already=True,
        )
    cases = narrative.parse_document(text)
    if not cases:
        raise Unprocessable(
            "no case found: expected a case-summary document (country headings, two-column tables or "
            "bulleted case descriptions)",
            code="no_cases",
        )
    when = dated or document_date(text) or utc_now()
    record = NarrativeImport(name=name[:255], sha256=digest, dated=when, imported_by=actor, cases=len(cases))
    session.add(record)
    session.flush()
    fields = to_review = 0
    for seq, case in enumerate(cases, start=1):
        stored = stored_fields(case)
        pending = sum(1 for f in stored.values() if f["review"])
        fields += len(stored)
        to_review += pending
        session.add(
            NarrativeCase(
                import_id=record.id,
                seq=seq,
                part=case.part,
                country=case.country,
                state=state_of(case.country),
                dated=when,
                first_line=case.first_line,
                fields=stored,
                confirmed={},
                pending_review=pending,
            )
        )
    session.flush()
    audit.record(
        session,
        actor,
        "narratives.imported",
        f"narrative_import:{record.id}",
        cases=len(cases),
        to_review=to_review,
    )
    return ImportSummary(record.id, record.name, len(cases), fields, to_review, when, already=False)
