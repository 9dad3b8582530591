"""Looking at evidence without being harmed by it, and on the record.

A file is previewed blurred and greyscale; revealing one is an explicit act that writes an
``evidence_views`` row (the person's daily exposure count is read from those) and an audit entry. A
file no person at the provider viewed needs a stated reason when ``unviewed_needs_reason`` is set
(opening it may be a search that needs legal grounds). The revealed bytes are served only against a
reveal of the same person within ``REVEAL_VALID``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tipline.access.roles import Principal
from tipline.access.scope import file_visible
from tipline.audit import service as audit
from tipline.casework import dossier
from tipline.core.clock import utc_now
from tipline.core.crypto import Keyring
from tipline.core.errors import NotFound, Unprocessable
from tipline.evidence import preview
from tipline.evidence.storage import BlobStore
from tipline.models import EvidenceView, ReportFile

REVEAL_VALID = timedelta(minutes=10)


@dataclass(frozen=True)
class Revealed:
    view_id: int
    file_id: uuid.UUID
    is_image: bool
    today: int  # reveals by this person since midnight UTC, this one included
    over_limit: bool


def _bytes(blobs: BlobStore, f: ReportFile) -> bytes:
    if not f.blob_id:
        raise NotFound("the file's bytes were not received", code="file_not_received")
    return b"".join(blobs.open(f.blob_id))


def preview_of(
    session: Session, blobs: BlobStore, principal: Principal, file_id: uuid.UUID, max_pixels: int
) -> bytes:
    """The blurred greyscale JPEG of an image file (audited: it is a view, however blurred)."""
    file_visible(session, principal, file_id)
    f = session.get(ReportFile, file_id)
    assert f is not None
    if not (f.media_type or "").startswith("image/"):
        raise NotFound("no preview for this file", code="no_preview")
    data = preview.blurred(_bytes(blobs, f), max_pixels)
    audit.record(session, principal.actor, "evidence.previewed", str(file_id), purpose="blurred preview")
    return data


def exposure_today(session: Session, user_id: uuid.UUID, now: datetime | None = None) -> int:
    now = now or utc_now()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return int(
        session.scalar(
            select(func.count())
            .select_from(EvidenceView)
            .where(EvidenceView.user_id == user_id, EvidenceView.at >= midnight)
        )
        or 0
    )


def reveal(
    session: Session,
    keyring: Keyring,
    principal: Principal,
    file_id: uuid.UUID,
    reason: str | None,
    *,
    soft_limit: int,
    unviewed_needs_reason: bool,
) -> Revealed:
    report_id = file_visible(session, principal, file_id)
    f, viewed = dossier.provider_viewed(session, keyring, file_id)
    reason = (reason or "").strip() or None
    if viewed is not True and unviewed_needs_reason and reason is None:
        raise Unprocessable(
            "no person at the provider viewed this file: state why you need to open it",
            code="reason_required",
        )
    now = utc_now()
    view = EvidenceView(
        user_id=principal.user_id,
        file_id=file_id,
        report_id=report_id,
        at=now,
        provider_viewed=viewed,
        reason=reason,
    )
    session.add(view)
    session.flush()
    today = exposure_today(session, principal.user_id, now)
    audit.record(
        session,
        principal.actor,
        "evidence.revealed",
        str(file_id),
        purpose=reason or "reveal",
        report=str(report_id),
        provider_viewed=viewed,
        today=today,
    )
    return Revealed(view.id, file_id, (f.media_type or "").startswith("image/"), today, today > soft_limit)


def revealed_bytes(
    session: Session,
    blobs: BlobStore,
    principal: Principal,
    file_id: uuid.UUID,
    view_id: int,
    max_pixels: int,
) -> tuple[bytes, str]:
    """The picture (re-encoded PNG) or, for other files, the bytes, against a recent reveal by the same
    person; (bytes, media type)."""
    file_visible(session, principal, file_id)
    view = session.get(EvidenceView, view_id)
    if (
        view is None
        or view.user_id != principal.user_id
        or view.file_id != file_id
        or utc_now() - view.at > REVEAL_VALID
    ):
        raise NotFound("reveal the file first", code="not_revealed")
    f = session.get(ReportFile, file_id)
    assert f is not None
    data = _bytes(blobs, f)
    audit.record(session, principal.actor, "evidence.opened", str(file_id), view=view_id)
    if (f.media_type or "").startswith("image/"):
        return preview.revealed(data, max_pixels), "image/png"
    return data, "application/octet-stream"
