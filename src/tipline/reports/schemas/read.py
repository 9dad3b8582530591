"""What the API returns to providers."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from tipline.reports.schemas.decisions import HoldKind


class ReportStatus(StrEnum):
    """open: waiting for file bytes or finish; received: finished, being assessed; assessed: assessed and
    in the analysts' queue; incomplete: information was requested from the provider (see
    information_requested); unfounded: manifestly unfounded (see decisions); retracted: withdrawn before
    it was finished.
    """

    open = "open"
    received = "received"
    assessed = "assessed"
    incomplete = "incomplete"
    unfounded = "unfounded"
    retracted = "retracted"


class FileState(StrEnum):
    """hashes_only: no bytes expected; awaiting_bytes: declared with bytes_to_follow, not yet uploaded;
    received: bytes stored.
    """

    hashes_only = "hashes_only"
    awaiting_bytes = "awaiting_bytes"
    received = "received"


class Read(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class FileRead(Read):
    """A file of a report as tipline holds it, with tipline's own hashes."""

    ref: str = Field(description="The file's ref in the report.")
    state: FileState = Field(description="hashes_only, awaiting_bytes or received.")
    media_type: str | None = Field(description="MIME type (detected for uploaded images).")
    size: int | None = Field(description="Size in bytes of the uploaded file.")
    md5: str | None = Field(description="MD5 (computed by tipline when bytes were uploaded).")
    sha1: str | None = Field(description="SHA-1.")
    sha256: str | None = Field(description="SHA-256.")
    pdq: str | None = Field(description="PDQ perceptual hash, for images.")
    pdq_quality: int | None = Field(description="PDQ quality; below 50 the PDQ is not used.")
    hash_check: str = Field(
        description="not_applicable (no bytes), verified (provider hashes equal ours) or "
        "not_supplied (provider gave no exact hash)."
    )


class EventRead(Read):
    """One entry of a report's append-only log."""

    seq: int = Field(description="Position in the report's log, from 1.")
    kind: str = Field(description="What happened, e.g. report.received.")
    actor: str = Field(description="Who did it: provider:<id>, system or user:<id>.")
    at: datetime = Field(description="When (UTC).")


class DecisionRead(BaseModel):
    """One of tipline's decisions on a report, with its reasons."""

    kind: str = Field(description="priority, unfounded, jurisdiction, forwarding, ...")
    value: str = Field(description="The decision.")
    reasons: list[str] = Field(description="Why.")
    at: datetime = Field(description="When it was made.")


class InformationRequest(BaseModel):
    """Information tipline needs from the provider before the report can be acted on (Art. 48(5))."""

    code: str = Field(description="identifiers, location or content.")
    message: str = Field(description="What is missing and how to send it.")


class HoldRead(BaseModel):
    """A hold law enforcement has in force on the report (Art. 48(6)-(7)), until ``until``.

    do_not_inform: do not inform the user concerned of the report or of anything done about it;
    do_not_remove: do not remove or disable access to the reported material; keep it available and
    preserved.

    Once ``until`` has passed, or the hold is no longer listed (law enforcement lifted it), it no longer
    applies. Which authority asked, and why, is not disclosed.
    """

    kind: HoldKind = Field(description="do_not_inform or do_not_remove.")
    until: datetime = Field(description="When the hold ends (UTC); at most 18 months after it was asked for.")


class ForwardingRead(BaseModel):
    """Whether tipline forwarded the report to law enforcement, and when; or why not (yet)."""

    forwarded: bool = Field(description="True once the report was forwarded to at least one agency.")
    at: datetime | None = Field(description="When it was first forwarded.")
    reason: str | None = Field(
        description="Why it is not forwarded: unfounded (manifestly unfounded, see decisions), "
        "awaiting_information (see information_requested), retracted, or pending (being assessed or "
        "routed)."
    )
    agencies: list[str] | None = Field(
        None, description="The agencies it went to, when the routing policy discloses them (else null)."
    )
    holds: list[HoldRead] = Field(
        default_factory=list,
        exclude_if=lambda holds: not holds,
        description="What law enforcement asks of you about this report, each until a time: do_not_inform "
        "(do not notify the user) and do_not_remove (keep the content available and preserved). Present "
        "only while a hold is in force.",
    )


class ReportRead(Read):
    """A report's status, files, decisions and log, as its provider sees them."""

    id: uuid.UUID = Field(description="tipline's id of the report.")
    provider_report_id: str = Field(description="The provider's own id.")
    schema_version: str = Field(description="Schema version it was submitted with.")
    status: ReportStatus = Field(description="open, received, assessed, incomplete, unfounded or retracted.")
    received_at: datetime = Field(description="When tipline first received it (UTC).")
    finished_at: datetime | None = Field(description="When it was finished.")
    retracted_at: datetime | None = Field(description="When it was retracted.")
    files: list[FileRead] = Field(description="Files with tipline's own hashes.")
    awaiting_files: list[str] = Field(description="refs of files whose bytes are still expected.")
    decisions: list[DecisionRead] = Field(
        description="tipline's decisions you are told of (manifestly unfounded with its reasons, "
        "information requested), newest last."
    )
    information_requested: list[InformationRequest] = Field(
        default_factory=list,
        description="What tipline asks you to send (POST .../supplements) while the report is incomplete.",
    )
    forwarding: ForwardingRead | None = Field(
        None, description="Whether the report was forwarded to law enforcement, or why not."
    )
    events: list[EventRead] = Field(description="The report's log.")


class ReportReceipt(ReportRead):
    """The answer to a submission: the report, and whether this call created it."""

    created: bool = Field(description="False when this call matched an existing report.")


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str = Field(description="URI naming the problem type: urn:tipline:problem:<code>.")
    title: str = Field(description="Short summary.")
    status: int = Field(description="HTTP status.")
    code: str = Field(description="Stable machine-readable code.")
    detail: str = Field(description="What went wrong here.")
    instance: str | None = Field(None, description="The request path.")
    errors: list[dict[str, Any]] = Field(
        default_factory=list, description="Per-field errors: pointer (JSON pointer), code, message."
    )


class IndexHealth(BaseModel):
    """The state of this process's PDQ index."""

    state: str = Field(description="loading, current, or stale (behind the database for too long).")
    size: int = Field(description="Live PDQ indicators in the index.")
    delta: int = Field(description="Indicators added since the last build (searched by brute force).")
    watermark: int = Field(description="The last indicator change the index has.")
    behind: int = Field(description="Indicator changes in the database that the index does not have yet.")
    seconds_behind: float = Field(description="For how long the index has been behind.")


class Health(BaseModel):
    """Readiness of the service."""

    status: str = Field(description="ok, or unavailable.")
    database: str = Field(description="ok, or the error class.")
    version: str = Field(description="tipline version.")
    index: IndexHealth | None = Field(None, description="The PDQ index (absent when the database is not ok).")
