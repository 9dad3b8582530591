"""Typed errors, rendered once per edge (problem+json for the API).

Each error carries a stable machine-readable ``code``; clients branch on it, never on the message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class FieldError:
    """One bad field: where it is (a JSON pointer into the request) and what is wrong."""

    pointer: str
    code: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"pointer": self.pointer, "code": self.code, "message": self.message}


@dataclass
class TiplineError(Exception):
    message: str
    code: str = "error"
    status_code: int = 400
    errors: list[FieldError] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message


class BadRequest(TiplineError):
    def __init__(self, message: str, code: str = "bad_request", **kw: Any) -> None:
        super().__init__(message, code, 400, **kw)


class Unauthenticated(TiplineError):
    def __init__(self, message: str = "missing or invalid API key", code: str = "unauthenticated"):
        super().__init__(message, code, 401)


class Forbidden(TiplineError):
    def __init__(self, message: str, code: str = "forbidden") -> None:
        super().__init__(message, code, 403)


class NotFound(TiplineError):
    def __init__(self, message: str, code: str = "not_found") -> None:
        super().__init__(message, code, 404)


class Conflict(TiplineError):
    def __init__(self, message: str, code: str = "conflict", **kw: Any) -> None:
        super().__init__(message, code, 409, **kw)


class InvalidTransition(Conflict):
    def __init__(self, message: str, code: str = "invalid_state", **kw: Any) -> None:
        super().__init__(message, code, **kw)


class PayloadTooLarge(TiplineError):
    def __init__(self, message: str, code: str = "payload_too_large") -> None:
        super().__init__(message, code, 413)


class UnsupportedMediaType(TiplineError):
    def __init__(self, message: str, code: str = "unsupported_media_type") -> None:
        super().__init__(message, code, 415)


class Unprocessable(TiplineError):
    def __init__(self, message: str, code: str = "unprocessable", **kw: Any) -> None:
        super().__init__(message, code, 422, **kw)


class Unavailable(TiplineError):
    def __init__(self, message: str, code: str = "unavailable") -> None:
        super().__init__(message, code, 503)
