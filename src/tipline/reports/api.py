"""The provider-facing report API: /api/v1/reports."""

from __future__ import annotations

import uuid
from typing import Any

import orjson
from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from starlette.datastructures import UploadFile

from tipline.api.deps import ApiKey, AppContext
from tipline.context import Context
from tipline.core.errors import FieldError, PayloadTooLarge, Unprocessable, UnsupportedMediaType
from tipline.evidence import hashing
from tipline.models import Report, ReportFile
from tipline.providers.service import authenticate
from tipline.reports import service
from tipline.reports.schemas import FileRead, Problem, ReportCreate, ReportRead, ReportReceipt
from tipline.reports.schemas.read import FileState
from tipline.reports.schemas.supplements import SupplementCreate

router = APIRouter(prefix="/api/v1/reports", tags=["reports"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": Problem, "description": text, "content": {"application/problem+json": {}}}
    for code, text in {
        400: "Malformed JSON (malformed_json).",
        401: "Missing or invalid API key (unauthenticated).",
        404: "No such report for this provider (report_not_found).",
        409: "Conflict: report_conflict, report_finished, report_retracted, report_open, files_missing, "
        "file_conflict.",
        413: "Body or file over the configured limit (payload_too_large).",
        415: "The report is not sent as application/json (unsupported_media_type).",
        422: "Invalid input, with the JSON pointer of each bad field: invalid_report, "
        "unknown_file_ref, hash_mismatch, malformed_media, decompression_bomb, empty_supplement, "
        "invalid_supplement.",
    }.items()
}


def to_read(report: Report | service.NewReport, told: service.Told | None = None) -> dict[str, Any]:
    files: list[ReportFile] = report.files
    return {
        "id": report.id,
        "provider_report_id": report.provider_report_id,
        "schema_version": report.schema_version,
        "status": report.status,
        "received_at": report.received_at,
        "finished_at": report.finished_at,
        "retracted_at": report.retracted_at,
        "files": [{name: getattr(f, name) for name in _FILE_FIELDS} for f in files],
        "awaiting_files": [f.ref for f in files if f.state == FileState.awaiting_bytes],
        "decisions": told.decisions if told else [],
        "information_requested": told.information_requested if told else [],
        "forwarding": told.forwarding if told else service.NOT_FORWARDED,
        "events": [{"seq": e.seq, "kind": e.kind, "actor": e.actor, "at": e.at} for e in report.events],
    }


_FILE_FIELDS = tuple(FileRead.model_fields)


def parse_report(raw: bytes) -> ReportCreate:
    """Parse and validate in one pass (pydantic-core's JSON parser); errors are located as usual."""
    try:
        return ReportCreate.model_validate_json(raw)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_context=False, include_input=False)
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in errors]) from None


def _create(ctx: Context, key: str | None, raw: bytes) -> tuple[dict[str, Any], bool]:
    with ctx.unit() as session:  # 401 before the body is examined (no query when the key is cached)
        authenticate(session, key, ctx.keys)
    data = parse_report(raw)
    if data.source is not None:
        raise Unprocessable(
            "source is set by tipline for reports received in another format",
            code="invalid_report",
            errors=[FieldError("/source", "reserved", "set by tipline, not by the provider")],
        )
    return _submit(ctx, key, data)


def _submit(ctx: Context, key: str | None, data: ReportCreate) -> tuple[dict[str, Any], bool]:
    for attempt in (1, 2):
        try:
            with ctx.unit() as session:
                provider = authenticate(session, key, ctx.keys)
                result = service.submit(session, ctx.keyring, provider, data, known_new=attempt == 1)
                if result.created:
                    return {**to_read(result.report), "created": True}, True
                report = service.get(session, provider, result.report.id)
                return {**to_read(report, service.told(session, report.id)), "created": False}, False
        except IntegrityError:
            # The first attempt assumes the report is new; if a report with this provider_report_id
            # exists (a resubmission, or a concurrent one that won the race) the unique constraint
            # refuses it and the second attempt answers as for any resubmission.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


@router.post(
    "",
    status_code=201,
    response_model=ReportReceipt,
    responses={
        200: {
            "model": ReportReceipt,
            "description": "Resubmission of the same report: the existing report, unchanged.",
        },
        **_ERRORS,
    },
    summary="Submit a report",
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "The report (schema version 1.0).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReportCreate"}}},
        }
    },
)
async def create_report(request: Request, ctx: AppContext, key: ApiKey) -> Response:
    """Create a report. When no file bytes are to follow and ``finish`` is true (the default), the
    report is finished at once; otherwise it stays open for uploads and ``/finish``.
    The same ``provider_report_id`` with the same content returns the existing report with 200;
    with different content it is a 409 ``report_conflict``."""
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise UnsupportedMediaType("send the report as application/json")
    raw = await request.body()
    body, created = await run_in_threadpool(_create, ctx, key, raw)
    # The hot path answers with bytes built here (the document the response model describes)
    # rather than having FastAPI validate and serialize the dict again.
    return Response(
        orjson.dumps(body, option=orjson.OPT_UTC_Z),
        status_code=201 if created else 200,
        media_type="application/json",
    )


@router.get(
    "/{report_id}",
    response_model=ReportRead,
    responses=_ERRORS,
    summary="A report's status, files, decisions and log",
)
def get_report(ctx: AppContext, key: ApiKey, report_id: uuid.UUID) -> dict[str, Any]:
    """The provider's own report. Another provider's report is a 404."""
    with ctx.unit() as session:
        provider = authenticate(session, key, ctx.keys)
        return to_read(service.get(session, provider, report_id), service.told(session, report_id))


@router.post(
    "/{report_id}/finish",
    response_model=ReportRead,
    responses=_ERRORS,
    summary="Finish an open report",
)
def finish_report(ctx: AppContext, key: ApiKey, report_id: uuid.UUID) -> dict[str, Any]:
    """Close the report for uploads and hand it to tipline. Every file declared with
    ``bytes_to_follow`` must have been uploaded (else 409 ``files_missing``). Finishing a finished
    report is harmless."""
    with ctx.unit() as session:
        provider = authenticate(session, key, ctx.keys)
        return to_read(service.finish(session, provider, report_id), service.told(session, report_id))


@router.post(
    "/{report_id}/retract",
    response_model=ReportRead,
    responses=_ERRORS,
    summary="Cancel an unfinished report",
)
def retract_report(ctx: AppContext, key: ApiKey, report_id: uuid.UUID) -> dict[str, Any]:
    """Cancel an open report (409 ``report_finished`` once it is finished)."""
    with ctx.unit() as session:
        provider = authenticate(session, key, ctx.keys)
        return to_read(service.retract(session, provider, report_id))


@router.post(
    "/{report_id}/supplements",
    response_model=ReportRead,
    responses=_ERRORS,
    summary="Supplement a finished report",
)
def supplement_report(
    ctx: AppContext, key: ApiKey, report_id: uuid.UUID, body: SupplementCreate
) -> dict[str, Any]:
    """Send what tipline asked for (``information_requested``), more about the report, or its
    retraction. The report is assessed again; read it back for the outcome. 409 ``report_open`` for a
    report not yet finished, ``report_retracted`` for a retracted one; 422 ``empty_supplement``."""
    with ctx.unit() as session:
        provider = authenticate(session, key, ctx.keys)
        report = service.supplement(session, ctx.keyring, provider, report_id, body)
        return to_read(report, service.told(session, report_id))


_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["ref", "file"],
                    "properties": {
                        "ref": {"type": "string", "description": "The file's ref in the report."},
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "The file's bytes (one file per call).",
                        },
                    },
                }
            }
        },
    }
}


@router.post(
    "/{report_id}/files",
    status_code=201,
    response_model=FileRead,
    responses={
        200: {"model": FileRead, "description": "The same bytes were already uploaded."},
        **_ERRORS,
    },
    openapi_extra=_UPLOAD_BODY,
    summary="Upload the bytes of one declared file",
)
async def upload_file(
    request: Request, ctx: AppContext, key: ApiKey, report_id: uuid.UUID, response: Response
) -> FileRead:
    """Multipart upload of one file declared with ``bytes_to_follow``. The body streams to a
    temporary file (never whole in memory); tipline computes MD5, SHA-1, SHA-256 and, for images,
    PDQ, checks them against the declared hashes, and stores the bytes encrypted."""
    await run_in_threadpool(_authorize_upload, ctx, key, report_id)
    form = await request.form(max_files=1, max_fields=4)
    try:
        ref, upload = form.get("ref"), form.get("file")
        errors = []
        if not isinstance(ref, str) or not ref:
            errors.append(FieldError("/ref", "missing", "the file's ref is required"))
        if not isinstance(upload, UploadFile):
            errors.append(FieldError("/file", "missing", "one file part named 'file' is required"))
        if errors:
            raise Unprocessable("the upload is incomplete", code="invalid_upload", errors=errors)
        assert isinstance(ref, str)
        assert isinstance(upload, UploadFile)
        limit = ctx.settings.max_file_bytes
        if upload.size is None or upload.size > limit:
            raise PayloadTooLarge(f"the file exceeds the limit of {limit} bytes")
        row, created = await run_in_threadpool(_store_upload, ctx, key, report_id, ref, upload)
    finally:
        await form.close()
    if not created:
        response.status_code = 200
    return row


def _authorize_upload(ctx: Context, key: str | None, report_id: uuid.UUID) -> None:
    """401/404 before the body is read."""
    with ctx.unit() as session:
        service.get_own(session, authenticate(session, key, ctx.keys), report_id)


def _store_upload(
    ctx: Context, key: str | None, report_id: uuid.UUID, ref: str, upload: UploadFile
) -> tuple[FileRead, bool]:
    with ctx.unit() as session:
        declared = service.check_can_attach(session, authenticate(session, key, ctx.keys), report_id, ref)
        media_type = declared.media_type
    inspection = hashing.inspect(
        upload.file,
        media_type or upload.content_type,
        max_pixels=ctx.settings.max_image_pixels,
    )
    blob_id, blob_created = ctx.blobs.put(inspection.digests.sha256, upload.file)
    try:
        with ctx.unit() as session:
            provider = authenticate(session, key, ctx.keys)
            attached = service.attach_file(session, provider, report_id, ref, inspection, blob_id)
            return FileRead.model_validate(attached.file), attached.created
    except BaseException:
        if blob_created:
            with ctx.unit() as session:
                if not service.blob_in_use(session, blob_id):
                    ctx.blobs.delete(blob_id)
        raise
