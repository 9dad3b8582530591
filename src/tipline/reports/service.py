"""Report intake use cases: submit, attach a file, finish, retract, read.

Callers pass the session (one unit of work at the edge); nothing here commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from typing import Any

import orjson
from sqlalchemy.orm import Session

from tipline.core.clock import utc_now
from tipline.core.crypto import Keyring
from tipline.core.errors import Conflict, FieldError, NotFound, Unprocessable
from tipline.evidence.hashing import Inspection, pdq_distance
from tipline.jobs import queue
from tipline.models import Assessment, Job, Provider, Report, ReportEvent, ReportFile, ReportSupplement
from tipline.providers.service import actor_of
from tipline.reports import repository, workflow
from tipline.reports.schemas import FileDeclaration, FileState, ReportCreate, ReportStatus
from tipline.reports.schemas.decisions import (
    MISSING_MESSAGES,
    UNFOUNDED_MESSAGES,
    MissingInformation,
    UnfoundedReason,
)
from tipline.reports.schemas.supplements import SupplementCreate

# the job every finished report gets, after the commit that finished it (matching, then assessment)
FINISHED_JOB = "reports.finished"
# something new bears on a finished report (a supplement, a late match, an analyst's note): assess again
CHANGED_JOB = "reports.changed"


class NewReport(SimpleNamespace):
    """The values just written for a new report, readable like a loaded Report (attributes, files,
    events) without the cost of ORM objects."""


@dataclass(frozen=True)
class Submitted:
    report: Report | NewReport
    created: bool


def content_digest(keyring: Keyring, report: ReportCreate) -> tuple[bytes, str]:
    canonical = orjson.dumps(report.content(), option=orjson.OPT_SORT_KEYS)
    return canonical, keyring.mac(canonical)


def submit(
    session: Session, keyring: Keyring, provider: Provider, data: ReportCreate, *, known_new: bool = False
) -> Submitted:
    """Create a report, or return the existing one for a resubmission of the same content.

    With ``known_new`` the caller asserts that no report with this provider_report_id exists and the
    lookup is skipped: the unique constraint still refuses a duplicate (IntegrityError at the insert), and
    the caller then retries without the flag. This saves a query on the common path.
    """
    problems = data.reference_errors()
    if problems:
        raise Unprocessable(
            "the report refers to things it does not contain",
            code="invalid_report",
            errors=[FieldError(p, "invalid_reference", m) for p, m in problems],
        )
    canonical, digest = content_digest(keyring, data)
    if not known_new:
        existing = repository.get_by_provider_ref(session, provider.id, data.provider_report_id)
        if existing is not None:
            if existing.content_digest != digest:
                raise Conflict(
                    "a report with this provider_report_id exists with different content",
                    code="report_conflict",
                    extra={"report_id": str(existing.id)},
                )
            return Submitted(existing, created=False)

    rows = new_report_rows(keyring, provider, data, canonical, digest, utc_now())
    # Three bulk INSERTs of plain values: no ORM objects, no unit-of-work bookkeeping on this hot path.
    repository.insert_rows(session, Report, [rows.report])
    repository.insert_rows(session, ReportFile, rows.files)
    repository.insert_rows(session, ReportEvent, rows.events)
    if rows.jobs:
        repository.insert_rows(session, Job, rows.jobs)
        queue.mark_enqueued(session)
    written = NewReport(
        **rows.report,
        files=[SimpleNamespace(**f) for f in rows.files],
        events=[SimpleNamespace(**e) for e in rows.events],
    )
    return Submitted(written, created=True)


@dataclass(frozen=True)
class NewRows:
    """The column values of a new report, its files and its first events."""

    report: dict[str, Any]
    files: list[dict[str, Any]]
    events: list[dict[str, Any]]
    jobs: list[dict[str, Any]]


def new_report_rows(
    keyring: Keyring, provider: Provider, data: ReportCreate, canonical: bytes, digest: str, now: datetime
) -> NewRows:
    """What ``submit`` writes for a new report (the intake benchmark inserts the same rows raw)."""
    report_id = uuid.uuid4()
    awaiting = sum(f.bytes_to_follow for f in data.files)
    finished = data.finish and awaiting == 0
    report = {
        "id": report_id,
        "provider_id": provider.id,
        "provider_report_id": data.provider_report_id,
        "schema_version": data.schema_version,
        "status": (workflow.transition(ReportStatus.open, "finish") if finished else ReportStatus.open).value,
        "content_digest": digest,
        "content_sealed": keyring.seal(canonical, associated=report_id.bytes),
        "incident_categories": [c.value for c in data.incident.categories],
        "incident_time": data.incident.time,
        "service_type": data.service.type.value,
        "provider_urgent": data.flags.urgent,
        "received_at": now,
        "finished_at": now if finished else None,
        "retracted_at": None,
    }
    files = [declared_file_row(report_id, position, f) for position, f in enumerate(data.files)]
    actor = actor_of(provider)
    received = {"schema_version": data.schema_version, "files": len(data.files), "awaiting_bytes": awaiting}
    events = [repository.event_row(report_id, "report.received", actor, now, received)]
    jobs = []
    if finished:
        first = events[0]
        events.append(
            repository.event_row(report_id, "report.finished", actor, now, last=(first["seq"], first["hash"]))
        )
        jobs.append(queue.job_row(FINISHED_JOB, {"report_id": str(report_id)}, now))
    return NewRows(report, files, events, jobs)


def read_content(keyring: Keyring, report: Report) -> dict[str, object]:
    """The report as submitted (decrypted)."""
    content: dict[str, object] = orjson.loads(keyring.open(report.content_sealed, associated=report.id.bytes))
    return content


def _own_report(
    session: Session, provider: Provider, report_id: uuid.UUID, *, for_update: bool = False
) -> Report:
    report = repository.get_for_provider(session, provider.id, report_id, for_update=for_update)
    if report is None:
        raise NotFound("no such report", code="report_not_found")
    return report


def get_own(session: Session, provider: Provider, report_id: uuid.UUID) -> Report:
    return _own_report(session, provider, report_id)


def get(session: Session, provider: Provider, report_id: uuid.UUID) -> Report:
    _own_report(session, provider, report_id)
    return repository.load_full(session, report_id)


def finish(session: Session, provider: Provider, report_id: uuid.UUID) -> Report:
    report = _own_report(session, provider, report_id, for_update=True)
    status = ReportStatus(report.status)
    if status in workflow.FINISHED:
        return repository.load_full(session, report_id)  # finishing twice is harmless
    missing = [f.ref for f in repository.files_of(session, report_id) if f.state == FileState.awaiting_bytes]
    if status is ReportStatus.open and missing:
        raise Conflict(
            f"{len(missing)} file(s) still await their bytes",
            code="files_missing",
            extra={"awaiting_files": missing},
        )
    report.status = workflow.transition(status, "finish").value
    report.finished_at = utc_now()
    repository.append_event(session, report.id, "report.finished", actor_of(provider), report.finished_at)
    queue.enqueue(session, FINISHED_JOB, {"report_id": str(report.id)})
    session.flush()
    return repository.load_full(session, report_id)


def retract(session: Session, provider: Provider, report_id: uuid.UUID) -> Report:
    report = _own_report(session, provider, report_id, for_update=True)
    status = ReportStatus(report.status)
    if status is ReportStatus.retracted:
        return repository.load_full(session, report_id)  # retracting twice is harmless
    report.status = workflow.transition(status, "retract").value
    report.retracted_at = utc_now()
    repository.append_event(session, report.id, "report.retracted", actor_of(provider), report.retracted_at)
    session.flush()
    return repository.load_full(session, report_id)


@dataclass(frozen=True)
class Attached:
    file: ReportFile
    created: bool


def check_can_attach(session: Session, provider: Provider, report_id: uuid.UUID, ref: str) -> ReportFile:
    """Refuse early (before bytes are stored) what attach_file would refuse."""
    return _attachable(session, _own_report(session, provider, report_id), ref)


def _attachable(session: Session, report: Report, ref: str) -> ReportFile:
    """The declared file ``ref`` of ``report`` if bytes may be attached to it (or already were)."""
    row = next((f for f in repository.files_of(session, report.id) if f.ref == ref), None)
    if row is not None and row.state == FileState.received:
        return row
    status = ReportStatus(report.status)
    if status is not ReportStatus.open:
        workflow.transition(status, "attach files to")  # raises the matching refusal
    if row is None or row.state != FileState.awaiting_bytes:
        raise Unprocessable(
            f"the report declares no file {ref!r} with bytes_to_follow",
            code="unknown_file_ref",
            errors=[FieldError("/ref", "unknown_file_ref", "not a declared file awaiting bytes")],
        )
    return row


def attach_file(
    session: Session,
    provider: Provider,
    report_id: uuid.UUID,
    ref: str,
    inspection: Inspection,
    blob_id: str,
) -> Attached:
    """Record uploaded bytes for a declared file; uploading the same bytes again is harmless."""
    row = _attachable(session, _own_report(session, provider, report_id, for_update=True), ref)
    d = inspection.digests
    if row.state == FileState.received:
        if row.sha256 != d.sha256:
            raise Conflict(f"file {ref!r} was already uploaded with other bytes", code="file_conflict")
        return Attached(row, created=False)
    mismatched = [
        name
        for name, declared, ours in (
            ("md5", row.md5, d.md5),
            ("sha1", row.sha1, d.sha1),
            ("sha256", row.sha256, d.sha256),
        )
        if declared is not None and declared != ours
    ]
    if mismatched:
        raise Unprocessable(
            "the uploaded bytes do not match the hashes declared for this file",
            code="hash_mismatch",
            errors=[
                FieldError(
                    f"/files/{row.position}/hashes/{n}",
                    "hash_mismatch",
                    "differs from the uploaded bytes",
                )
                for n in mismatched
            ],
        )
    declared_any = any((row.md5, row.sha1, row.sha256))
    declared_pdq = row.pdq
    row.hash_check = "verified" if declared_any else "not_supplied"
    row.md5, row.sha1, row.sha256, row.size = d.md5, d.sha1, d.sha256, d.size
    row.media_type = inspection.media_type or row.media_type
    if inspection.pdq is not None:
        row.pdq, row.pdq_quality = inspection.pdq.hash, inspection.pdq.quality
    row.blob_id = blob_id
    row.state = FileState.received.value
    row.received_at = utc_now()
    data: dict[str, object] = {"ref": ref, "size": d.size, "hash_check": row.hash_check}
    if declared_pdq and inspection.pdq is not None:
        data["provider_pdq_distance"] = pdq_distance(declared_pdq, inspection.pdq.hash)
    repository.append_event(
        session, report_id, "report.file_added", actor_of(provider), row.received_at, data
    )
    session.flush()
    return Attached(row, created=True)


def blob_in_use(session: Session, blob_id: str) -> bool:
    return repository.blob_referenced(session, blob_id)


def counts_by_status(session: Session) -> dict[str, int]:
    return repository.count_by_status(session)


def find_own_by_id_prefix(session: Session, provider: Provider, prefix: int, bits: int) -> Report:
    """The provider's report whose id starts with the ``bits``-bit number ``prefix`` (the numeric report
    ids of the CyberTipline protocol); report_not_found when none or, improbably, several match."""
    shift = 128 - bits
    if not 0 <= prefix < 1 << bits:
        raise NotFound("no such report", code="report_not_found")
    low, high = uuid.UUID(int=prefix << shift), uuid.UUID(int=(prefix << shift) | ((1 << shift) - 1))
    found = repository.find_for_provider_in_id_range(session, provider.id, low, high)
    if len(found) != 1:
        raise NotFound("no such report", code="report_not_found")
    return found[0]


def amend_open(
    session: Session,
    keyring: Keyring,
    provider: Provider,
    report_id: uuid.UUID,
    change: Callable[[dict[str, Any]], dict[str, Any]],
) -> Report:
    """Change the content of an open report, for protocols that describe files after the report (the
    CyberTipline XML intake declares each file at its upload and describes it afterwards).

    ``change`` gets the content and returns the new one, which is validated whole and sealed again.
    Files may be added or described, never removed; an added file gets its row. Refused like an
    upload once the report is finished or retracted.
    """
    report = _own_report(session, provider, report_id, for_update=True)
    status = ReportStatus(report.status)
    if status is not ReportStatus.open:
        workflow.transition(status, "amend")  # raises the matching refusal
    data = ReportCreate.model_validate({**change(read_content(keyring, report)), "finish": False})
    problems = data.reference_errors()
    if problems:
        raise Unprocessable(
            "the report refers to things it does not contain",
            code="invalid_report",
            errors=[FieldError(p, "invalid_reference", m) for p, m in problems],
        )
    rows = {f.ref for f in repository.files_of(session, report.id)}
    refs = [f.ref for f in data.files]
    if not rows <= set(refs):
        raise Unprocessable("files cannot be removed from a report", code="invalid_report")
    canonical, digest = content_digest(keyring, data)
    report.content_sealed = keyring.seal(canonical, associated=report.id.bytes)
    report.content_digest = digest
    report.incident_categories = [c.value for c in data.incident.categories]
    report.incident_time = data.incident.time
    report.service_type = data.service.type.value
    report.provider_urgent = data.flags.urgent
    added = [(position, f) for position, f in enumerate(data.files) if f.ref not in rows]
    for position, f in added:
        session.add(ReportFile(**declared_file_row(report.id, position, f)))
    amended = {"files": len(refs), "added": len(added)}
    repository.append_event(session, report.id, "report.amended", actor_of(provider), utc_now(), amended)
    session.flush()
    return report


def declared_file_row(report_id: uuid.UUID, position: int, f: FileDeclaration) -> dict[str, Any]:
    """The row of a declared file, at submission or (XML protocol) after it."""
    return {
        "id": uuid.uuid4(),
        "report_id": report_id,
        "position": position,
        "ref": f.ref,
        "state": (FileState.awaiting_bytes if f.bytes_to_follow else FileState.hashes_only).value,
        "media_type": f.media_type,
        "size": f.size,
        "md5": f.hashes.md5,
        "sha1": f.hashes.sha1,
        "sha256": f.hashes.sha256,
        "pdq": f.hashes.pdq,
        "pdq_quality": f.hashes.pdq_quality,
        "hash_check": "not_applicable",
        "blob_id": None,
        "received_at": None,
    }


def get_any(session: Session, report_id: uuid.UUID) -> Report:
    """Any provider's report, with its files and events (operator tools, e.g. the export command)."""
    if repository.get(session, report_id) is None:
        raise NotFound("no such report", code="report_not_found")
    return repository.load_full(session, report_id)


def supplement(
    session: Session, keyring: Keyring, provider: Provider, report_id: uuid.UUID, data: SupplementCreate
) -> Report:
    """Add a provider's supplement to a finished report and have the report assessed again."""
    report = _own_report(session, provider, report_id, for_update=True)
    workflow.check_can_supplement(ReportStatus(report.status))
    if data.is_empty():
        raise Unprocessable("the supplement adds nothing", code="empty_supplement")
    problems = data.duplicate_refs()
    if problems:
        raise Unprocessable(
            "the supplement repeats a ref",
            code="invalid_supplement",
            errors=[FieldError(p, "duplicate_ref", m) for p, m in problems],
        )
    seq = repository.supplement_count(session, report_id) + 1
    body = orjson.dumps(data.model_dump(mode="json", exclude_none=True))
    now = utc_now()
    session.add(
        ReportSupplement(
            report_id=report_id,
            seq=seq,
            received_at=now,
            content_sealed=keyring.seal(body, associated=_supplement_ad(report_id, seq)),
        )
    )
    counts = {
        "seq": seq,
        "answers": [a.value for a in data.answers],
        "reported_persons": len(data.reported_persons),
        "victims": len(data.victims),
        "texts": len(data.texts),
        "internet_details": len(data.internet_details),
        "retract": data.retract is not None,
    }
    repository.append_event(session, report_id, "report.supplemented", actor_of(provider), now, counts)
    queue.enqueue(session, CHANGED_JOB, {"report_id": str(report_id), "cause": "supplement"})
    session.flush()
    return repository.load_full(session, report_id)


def _supplement_ad(report_id: uuid.UUID, seq: int) -> bytes:
    return report_id.bytes + seq.to_bytes(4, "big")


@dataclass(frozen=True)
class Content:
    """A report as it stands: the submitted content with its supplements merged in."""

    data: dict[str, Any]
    supplements: int
    retraction: str | None


def current_content(session: Session, keyring: Keyring, report: Report) -> Content:
    """The report's content with every supplement merged, in order (decrypted; never log it)."""
    data: dict[str, Any] = read_content(keyring, report)
    retraction: str | None = None
    rows = repository.supplements_of(session, report.id)
    for row in rows:
        extra = orjson.loads(keyring.open(row.content_sealed, associated=_supplement_ad(report.id, row.seq)))
        _merge(data, extra)
        if "retract" in extra:
            retraction = extra["retract"]["reason"]
    return Content(data, len(rows), retraction)


def _merge(data: dict[str, Any], extra: dict[str, Any]) -> None:
    for group in ("reported_persons", "victims"):
        people: list[dict[str, Any]] = data.setdefault(group, [])
        by_ref = {p["ref"]: p for p in people}
        for person in extra.get(group, []):
            known = by_ref.get(person["ref"])
            if known is None:
                people.append(person)
                continue
            for name, value in person.items():
                if isinstance(value, list):
                    known.setdefault(name, []).extend(value)
                elif known.get(name) is None:
                    known[name] = value
    for group in ("texts", "internet_details"):
        data.setdefault(group, []).extend(extra.get(group, []))
    if extra.get("additional_info"):
        before = data.get("additional_info")
        data["additional_info"] = (
            f"{before}\n\n{extra['additional_info']}" if before else extra["additional_info"]
        )


@dataclass(frozen=True)
class Told:
    """What the provider is told of tipline's decisions on its report."""

    decisions: list[dict[str, Any]]
    information_requested: list[dict[str, str]]
    forwarding: dict[str, Any] | None = None


def told(session: Session, report_id: uuid.UUID) -> Told:
    """Manifestly unfounded with its reasons (Art. 48(2)) and information requested (Art. 48(5));
    tipline's priority is not disclosed to providers."""
    a = repository.assessment_of(session, report_id)
    forwarding = _forwarding(session, report_id, a)
    if a is None:
        return Told([], [], forwarding)
    decisions: list[dict[str, Any]] = []
    if a.unfounded_reasons:
        decisions.append(
            {
                "kind": "unfounded",
                "value": "manifestly_unfounded",
                "reasons": [UNFOUNDED_MESSAGES[UnfoundedReason(r)] for r in a.unfounded_reasons],
                "at": a.assessed_at,
            }
        )
    asked = [{"code": m, "message": MISSING_MESSAGES[MissingInformation(m)]} for m in a.missing]
    if asked:
        decisions.append(
            {
                "kind": "information_request",
                "value": "incomplete",
                "reasons": [x["message"] for x in asked],
                "at": a.assessed_at,
            }
        )
    if forwarding["forwarded"]:
        to_whom = forwarding["agencies"] or ["forwarded to the competent law-enforcement authorities"]
        decisions.append(
            {"kind": "forwarding", "value": "forwarded", "reasons": to_whom, "at": forwarding["at"]}
        )
    return Told(decisions, asked, forwarding)


NOT_FORWARDED: dict[str, Any] = {"forwarded": False, "at": None, "reason": "pending", "agencies": None}


def _forwarding(session: Session, report_id: uuid.UUID, a: Assessment | None) -> dict[str, Any]:
    """Forwarded and when, or why not; to whom only when the routing policy allows (Art. 48)."""
    sent = repository.forwarded_to(session, report_id)
    if sent:
        names = list(dict.fromkeys(name for _, name in sent))
        disclosed = repository.agencies_disclosed(session)
        out = {"forwarded": True, "at": sent[0][0], "reason": None, "agencies": names if disclosed else None}
        holds = _holds(session, report_id)
        return {**out, "holds": holds} if holds else out
    reason = "pending"
    report = repository.get(session, report_id)
    if report is not None and report.status == ReportStatus.retracted:
        reason = "retracted"
    elif a is not None and a.state == "unfounded":
        reason = "unfounded"
    elif a is not None and a.state == "incomplete":
        reason = "awaiting_information"
    return {**NOT_FORWARDED, "reason": reason}


def _holds(session: Session, report_id: uuid.UUID) -> list[dict[str, Any]]:
    """The holds in force (Art. 48(6)): the provider must not inform the user (do_not_inform), or must
    keep the material available and preserved (do_not_remove), until ``until``. One entry per kind with
    the latest end; never which agency asked, nor why. Only a forwarded report can carry one."""
    return [{"kind": k, "until": u} for k, u in repository.holds_in_force(session, report_id, utc_now())]
