"""The CyberTipline protocol's response codes and response documents.

Every answer is an XML document with a numeric ``responseCode`` (0 is success), as NCMEC's clients
expect; the HTTP status mirrors it (200, 400, 401, 403, 404, 409, 413 or 500) for HTTP-level tools.
Descriptions name the problem and, for validation, the element path; never report content.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from enum import IntEnum

from tipline.core.errors import TiplineError


class Code(IntEnum):
    SUCCESS = 0
    SERVER_ERROR = 1000
    SAVE_FAILED = 1100
    UPLOAD_FAILED = 1110
    FILE_UPLOAD_FAILED = 1111
    RESOURCE_NOT_FOUND = 1210
    UPDATE_FAILED = 1300
    AUTHENTICATION_REQUIRED = 2000
    NOT_AUTHORIZED = 3000
    NOT_AUTHORIZED_FOR_SUBMISSIONS = 3100
    NOT_AUTHORIZED_FOR_UPDATES = 3300
    INVALID_REQUEST = 4000
    VALIDATION_FAILED = 4100
    MALFORMED_XML = 4110
    MALFORMED_FILE = 4200
    REPORT_NOT_FOUND = 5001
    FILE_NOT_FOUND = 5002
    REPORT_RETRACTED = 5101
    REPORT_FINISHED = 5102


DESCRIPTIONS = {
    Code.SUCCESS: "Success",
    Code.SERVER_ERROR: "Server error",
    Code.SAVE_FAILED: "Save failed",
    Code.UPLOAD_FAILED: "Upload failed",
    Code.FILE_UPLOAD_FAILED: "File upload failed",
    Code.RESOURCE_NOT_FOUND: "Resource not found",
    Code.UPDATE_FAILED: "Update failed",
    Code.AUTHENTICATION_REQUIRED: "Authentication required",
    Code.NOT_AUTHORIZED: "Not authorized",
    Code.NOT_AUTHORIZED_FOR_SUBMISSIONS: "Not authorized for submissions",
    Code.NOT_AUTHORIZED_FOR_UPDATES: "Not authorized for updates",
    Code.INVALID_REQUEST: "Invalid request",
    Code.VALIDATION_FAILED: "Validation failed",
    Code.MALFORMED_XML: "Malformed XML",
    Code.MALFORMED_FILE: "Malformed file",
    Code.REPORT_NOT_FOUND: "Report does not exist",
    Code.FILE_NOT_FOUND: "File does not exist",
    Code.REPORT_RETRACTED: "Report already retracted",
    Code.REPORT_FINISHED: "Report already finished",
}


def http_status(code: Code) -> int:
    if code is Code.SUCCESS:
        return 200
    if code is Code.AUTHENTICATION_REQUIRED:
        return 401
    if 3000 <= code < 4000:
        return 403
    if code in (Code.REPORT_NOT_FOUND, Code.FILE_NOT_FOUND):
        return 404
    if code in (Code.REPORT_RETRACTED, Code.REPORT_FINISHED):
        return 409
    if 4000 <= code < 5000:
        return 400
    return 500


class IspwsError(Exception):
    """A refusal with its protocol code; ``detail`` adds to the standard description."""

    def __init__(self, code: Code, detail: str | None = None, *, http: int | None = None) -> None:
        super().__init__(detail or DESCRIPTIONS[code])
        self.code = code
        self.detail = detail
        self.http = http or http_status(code)

    @property
    def description(self) -> str:
        base = DESCRIPTIONS[self.code]
        return f"{base}: {self.detail}" if self.detail else base


# tipline's stable error codes -> protocol codes
_FROM_TIPLINE = {
    "unauthenticated": Code.AUTHENTICATION_REQUIRED,
    "report_not_found": Code.REPORT_NOT_FOUND,
    "file_not_found": Code.FILE_NOT_FOUND,
    "unknown_file_ref": Code.FILE_NOT_FOUND,
    "report_retracted": Code.REPORT_RETRACTED,
    "report_finished": Code.REPORT_FINISHED,
    "malformed_media": Code.MALFORMED_FILE,
    "decompression_bomb": Code.MALFORMED_FILE,
    "hash_mismatch": Code.VALIDATION_FAILED,
    "invalid_report": Code.VALIDATION_FAILED,
    "payload_too_large": Code.INVALID_REQUEST,
}


def from_tipline(exc: TiplineError) -> IspwsError:
    code = _FROM_TIPLINE.get(exc.code, Code.INVALID_REQUEST)
    detail = exc.message
    if exc.errors:
        first = exc.errors[0]
        detail = f"{exc.message} ({first.pointer}: {first.message})"
    return IspwsError(code, detail, http=413 if exc.code == "payload_too_large" else None)


def _document(root: str, fields: list[tuple[str, object | None]]) -> bytes:
    el = ET.Element(root)
    for name, value in fields:
        if value is None:
            continue
        if isinstance(value, list):
            group = ET.SubElement(el, name)
            for item in value:
                ET.SubElement(group, "fileId").text = str(item)
            continue
        ET.SubElement(el, name).text = str(value)
    body: bytes = ET.tostring(el, encoding="utf-8", xml_declaration=True)
    return body


def report_response(
    code: Code,
    description: str | None = None,
    *,
    report_id: int | None = None,
    file_id: str | None = None,
    md5: str | None = None,
) -> bytes:
    """``<reportResponse>``: the answer to status, submit, upload, fileinfo, retract and to any error."""
    return _document(
        "reportResponse",
        [
            ("responseCode", int(code)),
            ("responseDescription", description or DESCRIPTIONS[code]),
            ("reportId", report_id),
            ("fileId", file_id),
            ("hash", md5),
        ],
    )


def done_response(report_id: int, file_ids: list[str]) -> bytes:
    """``<reportDoneResponse>``: the answer to finish."""
    return _document(
        "reportDoneResponse",
        [("responseCode", int(Code.SUCCESS)), ("reportId", report_id), ("files", file_ids)],
    )
