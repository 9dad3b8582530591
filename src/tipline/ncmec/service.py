"""The CyberTipline protocol's use cases over tipline's reports: submit, declare an upload, describe a
file, finish, retract, and the numeric report ids the protocol uses.

A CyberTipline report id is a number; tipline's are UUIDs. The number is the id's first 63 bits,
found again with a range query on the id (no extra column; see docs/ncmec-xml.md). Callers pass the
session; nothing here commits.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from tipline.core.crypto import Keyring
from tipline.core.errors import NotFound, Unprocessable
from tipline.evidence.hashing import Inspection
from tipline.models import Provider, Report
from tipline.ncmec.file_details import FileInfo
from tipline.reports import service as reports
from tipline.reports import workflow
from tipline.reports.schemas import ReportCreate
from tipline.reports.schemas.read import FileState, ReportStatus

ID_BITS = 63


def number_of(report_id: uuid.UUID) -> int:
    """The CyberTipline-style numeric id of a report (fits a signed 64-bit integer)."""
    return report_id.int >> (128 - ID_BITS)


def resolve(session: Session, provider: Provider, number: int) -> Report:
    return reports.find_own_by_id_prefix(session, provider, number, ID_BITS)


def submit(
    session: Session, keyring: Keyring, provider: Provider, data: ReportCreate
) -> tuple[uuid.UUID, bool]:
    """Open a report (it stays open for uploads until /finish); a resubmission with the same
    tl:providerReportId and content returns the existing one."""
    result = reports.submit(session, keyring, provider, data)
    return result.report.id, result.created


def declare_upload(
    session: Session, keyring: Keyring, provider: Provider, report_id: uuid.UUID, ref: str
) -> None:
    """Declare file ``ref`` (bytes to follow, in this same unit of work) unless it is declared."""

    def add(content: dict[str, Any]) -> dict[str, Any]:
        files = content.get("files", [])
        if any(f["ref"] == ref for f in files):
            return content
        return {**content, "files": [*files, {"ref": ref, "bytes_to_follow": True}]}

    reports.amend_open(session, keyring, provider, report_id, add)


def describe_file(
    session: Session, keyring: Keyring, provider: Provider, report_id: uuid.UUID, info: FileInfo
) -> None:
    """Apply a ``<fileDetails>``: it replaces the file's description. A file not uploaded can be declared
    by its hashes (tl:hashes); otherwise it is file_not_found (5002)."""
    received = {f.ref: f for f in reports.get(session, provider, report_id).files}
    row = received.get(info.file_id)
    if row is not None and info.hashes and row.state == FileState.received:
        wrong = [
            k
            for k in ("md5", "sha1", "sha256")
            if k in info.hashes and info.hashes[k].lower() != getattr(row, k)
        ]
        if wrong:
            raise Unprocessable(
                f"tl:hashes {', '.join(wrong)} differ from the uploaded bytes", code="hash_mismatch"
            )
    prefix = f"/fileDetails[@fileId='{info.file_id}']"
    kept = [{**u, "path": prefix + u["path"][len("/fileDetails") :]} for u in info.unmapped]

    def describe(content: dict[str, Any]) -> dict[str, Any]:
        files = content.get("files", [])
        index = next((i for i, f in enumerate(files) if f["ref"] == info.file_id), None)
        if index is None and not info.hashes:
            raise NotFound("no such file in the report; upload it first", code="file_not_found")
        old = {} if index is None else files[index]
        new = {
            "ref": info.file_id,
            "bytes_to_follow": old.get("bytes_to_follow", False),
            **info.fields,
            "hashes": info.hashes if info.hashes else old.get("hashes", {}),
        }
        files = [*files, new] if index is None else [*files[:index], new, *files[index + 1 :]]
        source = dict(content.get("source") or {"format": "ncmec_xml"})
        others = [u for u in source.get("unmapped", []) if not u["path"].startswith(prefix + "/")]
        source["unmapped"] = others + kept
        return {**content, "files": files, "source": source}

    reports.amend_open(session, keyring, provider, report_id, describe)


def finish(session: Session, provider: Provider, report_id: uuid.UUID) -> list[str]:
    """Finish the report; the refs (fileIds) of its files."""
    return [f.ref for f in reports.finish(session, provider, report_id).files]


def retract(session: Session, provider: Provider, report_id: uuid.UUID) -> None:
    reports.retract(session, provider, report_id)


def check_open(session: Session, provider: Provider, number: int) -> uuid.UUID:
    """The report's id if files may still be added to it (before an upload's bytes are stored)."""
    report = resolve(session, provider, number)
    status = ReportStatus(report.status)
    if status is not ReportStatus.open:
        workflow.transition(status, "attach files to")  # raises the matching refusal
    return report.id


def attach(
    session: Session, provider: Provider, report_id: uuid.UUID, ref: str, inspection: Inspection, blob_id: str
) -> None:
    reports.attach_file(session, provider, report_id, ref, inspection, blob_id)


def blob_in_use(session: Session, blob_id: str) -> bool:
    return reports.blob_in_use(session, blob_id)


@dataclass(frozen=True)
class ForExport:
    content: dict[str, Any]
    blobs: dict[str, str]
    """ref -> blob id of each file whose bytes were received."""


def for_export(session: Session, keyring: Keyring, report_id: uuid.UUID) -> ForExport:
    report = reports.get_any(session, report_id)
    blobs = {f.ref: f.blob_id for f in report.files if f.blob_id is not None}
    return ForExport(reports.read_content(keyring, report), blobs)
