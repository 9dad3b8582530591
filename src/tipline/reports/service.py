"""Report intake use cases: submit, attach a file, finish, retract, read.

Callers pass the session (one unit of work at the edge); nothing here commits.
"""

from __future__ import annotations

import uuid
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
from tipline.models import Provider, Report, ReportEvent, ReportFile
from tipline.reports import repository, workflow
from tipline.reports.schemas import FileState, ReportCreate, ReportStatus


def actor_of(provider: Provider) -> str:
    return f"provider:{provider.id}"


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
    files = [
        {
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
        for position, f in enumerate(data.files)
    ]
    actor = actor_of(provider)
    received = {"schema_version": data.schema_version, "files": len(data.files), "awaiting_bytes": awaiting}
    events = [repository.event_row(report_id, "report.received", actor, now, received)]
    if finished:
        first = events[0]
        events.append(
            repository.event_row(report_id, "report.finished", actor, now, last=(first["seq"], first["hash"]))
        )
    return NewRows(report, files, events)


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
    if status is ReportStatus.received:
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
