"""The CyberTipline-compatible XML protocol (``/ispws`` by default; TIPLINE_ISPWS_PREFIX).

A provider that reports to NCMEC changes the base URL and keeps its integration: HTTP Basic with the
provider's registered name and its API key, ``GET /status``, ``POST /submit`` (report XML), ``/upload``
(one file per call), ``/fileinfo`` (fileDetails XML), ``/finish`` and ``/retract`` (form field ``id``).
Every answer, refusals included, is a response document with a numeric code (responses.py).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import logging
import re
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from tipline.api.deps import AppContext
from tipline.context import Context
from tipline.core.errors import TiplineError
from tipline.evidence import hashing
from tipline.models import Provider
from tipline.ncmec import service
from tipline.ncmec.file_details import file_info_from_xml
from tipline.ncmec.reading import Limits
from tipline.ncmec.responses import Code, IspwsError, done_response, from_tipline, report_response
from tipline.ncmec.safexml import MalformedXml
from tipline.ncmec.spec import SchemaViolation
from tipline.ncmec.xml_in import report_from_xml
from tipline.providers.service import authenticate

log = logging.getLogger("tipline.ncmec")

router = APIRouter(tags=["CyberTipline XML (ispws)"])

XML = "application/xml; charset=utf-8"
_REF = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
_DOC: dict[int | str, dict[str, Any]] = {
    "200": {
        "description": "A reportResponse (or reportDoneResponse) with responseCode 0.",
        "content": {"application/xml": {}},
    },
    "4XX": {
        "description": "A reportResponse with the refusal's responseCode (2000, 3000, 4000, 4100, "
        "4110, 4200, 5001, 5002, 5101, 5102).",
        "content": {"application/xml": {}},
    },
}


def _xml(body: bytes, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(body, status_code=status, media_type=XML, headers=headers)


async def _answer(work: Callable[[], Awaitable[Response]]) -> Response:
    """Run ``work``; turn every refusal into a response document (nothing escapes as a 5xx page)."""
    try:
        return await work()
    except IspwsError as exc:
        error = exc
    except (MalformedXml, UnicodeError) as exc:
        error = IspwsError(Code.MALFORMED_XML, str(exc))
    except SchemaViolation as exc:
        error = IspwsError(Code.VALIDATION_FAILED, f"{exc.path}: {exc.message}")
    except TiplineError as exc:
        error = from_tipline(exc)
    except HTTPException as exc:  # e.g. a malformed multipart form
        error = IspwsError(Code.INVALID_REQUEST, str(exc.detail))
    except Exception as exc:  # the class only: messages may contain report content
        log.error("unhandled %s in the ispws protocol", type(exc).__name__)
        error = IspwsError(Code.SERVER_ERROR, "nothing was saved")
    headers = {"WWW-Authenticate": 'Basic realm="ispws"'} if error.http == 401 else None
    return _xml(report_response(error.code, error.description), error.http, headers)


def _credentials(request: Request) -> tuple[str, str]:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic" or not value.strip():
        raise IspwsError(Code.AUTHENTICATION_REQUIRED)
    try:
        user, sep, key = base64.b64decode(value.strip(), validate=True).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise IspwsError(Code.AUTHENTICATION_REQUIRED, "malformed Basic credentials") from None
    if not sep:
        raise IspwsError(Code.AUTHENTICATION_REQUIRED, "malformed Basic credentials")
    return user, key


def _provider(ctx: Context, session: Any, credentials: tuple[str, str]) -> Provider:
    user, key = credentials
    try:
        provider = authenticate(session, key, ctx.keys)
    except TiplineError:
        raise IspwsError(Code.NOT_AUTHORIZED, "unknown provider name or API key", http=401) from None
    if not hmac.compare_digest(provider.name.encode(), user.encode()):
        raise IspwsError(Code.NOT_AUTHORIZED, "unknown provider name or API key", http=401)
    return provider


def _limits(ctx: Context) -> Limits:
    return Limits(ctx.settings.ispws_max_xml_depth, ctx.settings.ispws_max_xml_elements)


async def _xml_body(request: Request, ctx: Context) -> bytes:
    raw = await request.body()
    limit = ctx.settings.ispws_max_xml_bytes
    if len(raw) > limit:
        raise IspwsError(Code.INVALID_REQUEST, f"the document exceeds {limit} bytes", http=413)
    return raw


async def _form_id(request: Request) -> int:
    form = await request.form(max_files=0, max_fields=8)
    raw = form.get("id") or request.query_params.get("id")
    if not isinstance(raw, str) or not re.fullmatch(r"[0-9]{1,19}", raw.strip()):
        raise IspwsError(Code.INVALID_REQUEST, "the report id (form field id) is missing or not a number")
    return int(raw.strip())


# --- routes -----------------------------------------------------------------------------------------


@router.get("/status", summary="Check connectivity and credentials", responses=_DOC)
async def status(request: Request, ctx: AppContext) -> Response:
    """responseCode 0 when the credentials are valid."""

    async def work() -> Response:
        credentials = _credentials(request)
        await run_in_threadpool(_check, ctx, credentials)
        return _xml(report_response(Code.SUCCESS))

    return await _answer(work)


def _check(ctx: Context, credentials: tuple[str, str]) -> None:
    with ctx.unit() as session:
        _provider(ctx, session, credentials)


@router.post("/submit", summary="Open a report from its XML", responses=_DOC)
async def submit(request: Request, ctx: AppContext) -> Response:
    """The body is a ``<report>`` document; the answer carries the new reportId. The report stays open
    for /upload and /fileinfo until /finish."""

    async def work() -> Response:
        credentials = _credentials(request)
        raw = await _xml_body(request, ctx)
        number = await run_in_threadpool(_submit, ctx, credentials, raw)
        return _xml(report_response(Code.SUCCESS, report_id=number))

    return await _answer(work)


def _submit(ctx: Context, credentials: tuple[str, str], raw: bytes) -> int:
    with ctx.unit() as session:
        name = _provider(ctx, session, credentials).name
    data = report_from_xml(raw, _limits(ctx), name)
    with ctx.unit() as session:
        report_id, _ = service.submit(session, ctx.keyring, _provider(ctx, session, credentials), data)
    return service.number_of(report_id)


@router.post("/upload", summary="Upload one file of an open report", responses=_DOC)
async def upload(request: Request, ctx: AppContext) -> Response:
    """Multipart form: ``id`` (the reportId) and ``file``; optionally ``ref`` (tipline: the fileId to
    use, else one is made). The answer carries the fileId and the MD5 of the bytes."""

    async def work() -> Response:
        credentials = _credentials(request)
        form = await request.form(max_files=1, max_fields=8)
        try:
            raw_id, upload, ref = form.get("id"), form.get("file"), form.get("ref")
            if not isinstance(raw_id, str) or not re.fullmatch(r"[0-9]{1,19}", raw_id.strip()):
                raise IspwsError(
                    Code.INVALID_REQUEST, "the report id (form field id) is missing or not a number"
                )
            if not isinstance(upload, UploadFile):
                raise IspwsError(Code.INVALID_REQUEST, "one file part named 'file' is required")
            if ref is not None and (not isinstance(ref, str) or not _REF.match(ref)):
                raise IspwsError(Code.INVALID_REQUEST, "ref: 1-64 letters, digits, '.', '_', ':', '-'")
            limit = ctx.settings.max_file_bytes
            if upload.size is None or upload.size > limit:
                raise IspwsError(Code.INVALID_REQUEST, f"the file exceeds {limit} bytes", http=413)
            file_id = ref or uuid.uuid4().hex
            md5 = await run_in_threadpool(_store, ctx, credentials, int(raw_id.strip()), file_id, upload)
        finally:
            await form.close()
        return _xml(report_response(Code.SUCCESS, report_id=int(raw_id.strip()), file_id=file_id, md5=md5))

    return await _answer(work)


def _store(ctx: Context, credentials: tuple[str, str], number: int, ref: str, upload: UploadFile) -> str:
    with ctx.unit() as session:
        service.check_open(session, _provider(ctx, session, credentials), number)
    inspection = hashing.inspect(upload.file, upload.content_type, max_pixels=ctx.settings.max_image_pixels)
    blob_id, blob_created = ctx.blobs.put(inspection.digests.sha256, upload.file)
    try:
        with ctx.unit() as session:
            provider = _provider(ctx, session, credentials)
            report_id = service.check_open(session, provider, number)
            service.declare_upload(session, ctx.keyring, provider, report_id, ref)
            service.attach(session, provider, report_id, ref, inspection, blob_id)
        return inspection.digests.md5
    except BaseException:
        if blob_created:
            with ctx.unit() as session:
                if not service.blob_in_use(session, blob_id):
                    ctx.blobs.delete(blob_id)
        raise


@router.post("/fileinfo", summary="Describe an uploaded file", responses=_DOC)
async def fileinfo(request: Request, ctx: AppContext) -> Response:
    """The body is a ``<fileDetails>`` document naming the reportId and fileId."""

    async def work() -> Response:
        credentials = _credentials(request)
        raw = await _xml_body(request, ctx)
        number, file_id = await run_in_threadpool(_describe, ctx, credentials, raw)
        return _xml(report_response(Code.SUCCESS, report_id=number, file_id=file_id))

    return await _answer(work)


def _describe(ctx: Context, credentials: tuple[str, str], raw: bytes) -> tuple[int, str]:
    with ctx.unit() as session:
        _provider(ctx, session, credentials)
    info = file_info_from_xml(raw, _limits(ctx))
    with ctx.unit() as session:
        provider = _provider(ctx, session, credentials)
        report = service.resolve(session, provider, info.report_number)
        service.describe_file(session, ctx.keyring, provider, report.id, info)
    return info.report_number, info.file_id


@router.post("/finish", summary="Finish a report", responses=_DOC)
async def finish(request: Request, ctx: AppContext) -> Response:
    """Form field ``id``. The answer is a reportDoneResponse listing the report's fileIds."""

    async def work() -> Response:
        credentials = _credentials(request)
        number = await _form_id(request)
        files = await run_in_threadpool(_finish, ctx, credentials, number)
        return _xml(done_response(number, files))

    return await _answer(work)


def _finish(ctx: Context, credentials: tuple[str, str], number: int) -> list[str]:
    with ctx.unit() as session:
        provider = _provider(ctx, session, credentials)
        return service.finish(session, provider, service.resolve(session, provider, number).id)


@router.post("/retract", summary="Cancel an unfinished report", responses=_DOC)
async def retract(request: Request, ctx: AppContext) -> Response:
    """Form field ``id``."""

    async def work() -> Response:
        credentials = _credentials(request)
        number = await _form_id(request)
        await run_in_threadpool(_retract, ctx, credentials, number)
        return _xml(report_response(Code.SUCCESS, report_id=number))

    return await _answer(work)


def _retract(ctx: Context, credentials: tuple[str, str], number: int) -> None:
    with ctx.unit() as session:
        provider = _provider(ctx, session, credentials)
        service.retract(session, provider, service.resolve(session, provider, number).id)
