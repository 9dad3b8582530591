"""Shared pieces of the line-based readers (CSV, JSON lines): line splitting and field validation."""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, BinaryIO, Final, NamedTuple

from tipline.banks.formats._model import (
    IndicatorRecord,
    ReadResult,
    RecordError,
    Skipped,
    UnsupportedHashType,
    hash_type_of,
    normalize_value,
)

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

# Every field a CSV header or a JSON object may name.
FIELDS: Final[tuple[str, ...]] = (
    "hash_type",
    "hash",
    "category",
    "media_type",
    "source",
    "contributor",
    "decision_ref",
    "decided_on",
    "quality",
    "external_id",
    "status",
)
# The columns of a header-less CSV, in order.
POSITIONAL_FIELDS: Final[tuple[str, ...]] = FIELDS[:8]

READ_SIZE: Final = 64 * 1024  # the most asked of the caller's stream at once
MAX_LINE_BYTES: Final = 1 << 20  # a longer line is an error, so a file without newlines cannot fill memory
MAX_TEXT_CHARS: Final = 1024
# Tighter limits, the same as the bank API's (tipline.banks.schemas.IndicatorIn), so that every record
# a reader yields can be stored.
TEXT_LIMITS: Final[dict[str, int]] = {
    "category": 64,
    "external_id": 128,
    "contributor": 200,
    "source": 200,
    "decision_ref": 200,
}
BOM: Final = b"\xef\xbb\xbf"
_MEDIA_TYPES: Final = frozenset({"image", "video"})
_STATUSES: Final[dict[str, bool]] = {"active": False, "withdrawn": True}


class FieldError(ValueError):
    """A line-level problem; becomes one RecordError for the line."""


class Chunks(io.RawIOBase):
    """The caller's stream seen through bounded ``read(size)`` calls only, for :class:`io.BufferedReader`.

    So a caller's wrapper (a byte counter for a progress bar) needs nothing but ``read``; closing this
    leaves the caller's stream open.
    """

    def __init__(self, stream: BinaryIO) -> None:
        super().__init__()
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        chunk = self._stream.read(min(len(view), READ_SIZE))
        view[: len(chunk)] = chunk
        return len(chunk)


def iter_lines(stream: BinaryIO) -> Iterator[bytes | None]:
    """Yield each line with its ending kept, ``None`` for an over-long line; the n-th item is line n.

    Reads one line at a time, so memory stays bounded by :data:`MAX_LINE_BYTES`. A UTF-8 BOM at the
    start of the file is dropped.
    """
    readline = io.BufferedReader(Chunks(stream), buffer_size=READ_SIZE).readline
    first = True
    while True:
        line = readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if first:
            first = False
            line = line.removeprefix(BOM)
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            rest = line
            while rest and not rest.endswith(b"\n"):
                rest = readline(MAX_LINE_BYTES)
            yield None
            continue
        yield line


def too_long(position: int) -> RecordError:
    """The error for a line longer than :data:`MAX_LINE_BYTES`."""
    return RecordError(position, f"line is longer than {MAX_LINE_BYTES} bytes")


def text(fields: Mapping[str, str | None], name: str) -> str | None:
    """A stripped free-text field; empty means absent."""
    raw = fields.get(name)
    if not raw:
        return None
    value = raw.strip()
    if not value:
        return None
    limit = TEXT_LIMITS.get(name, MAX_TEXT_CHARS)
    if len(value) > limit:
        raise FieldError(f"{name} is longer than {limit} characters")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # a byte the CSV reader could not decode (surrogateescape)
            raise FieldError(f"{name} is not valid UTF-8") from None
    if "\x00" in value:
        raise FieldError(f"{name} contains a NUL character")
    return value


class Meta(NamedTuple):
    """The parsed fields of a line other than the hash."""

    category: str | None
    media_type: str | None
    source: str | None
    contributor: str | None
    decision_ref: str | None
    decided_on: date | None
    quality: int | None
    external_id: str | None
    withdrawn: bool


# The fields other than hash_type and hash, in the order of a meta key.
META_FIELDS: Final = FIELDS[2:]
_meta_cache: dict[tuple[str | None, ...], Meta | str] = {}
_META_CACHE_SIZE: Final = 256


def parse_meta(key: tuple[str | None, ...]) -> Meta | str:
    """Parse a line's raw :data:`META_FIELDS` values (in that order), or return the error message.

    Memoized, since files repeat the same category/source/date on many lines.
    """
    found = _meta_cache.get(key)
    if found is not None:
        return found
    fields = dict(zip(META_FIELDS, key, strict=True))
    result: Meta | str
    try:
        result = Meta(
            category=text(fields, "category"),
            media_type=_media_type(text(fields, "media_type")),
            source=text(fields, "source"),
            contributor=text(fields, "contributor"),
            decision_ref=text(fields, "decision_ref"),
            decided_on=_date(text(fields, "decided_on")),
            quality=_quality(text(fields, "quality")),
            external_id=text(fields, "external_id"),
            withdrawn=_status(text(fields, "status")),
        )
    except FieldError as exc:
        result = str(exc)
    if len(_meta_cache) >= _META_CACHE_SIZE:
        _meta_cache.clear()
    _meta_cache[key] = result
    return result


def make_record(position: int, meta: Meta, hash_type: str, value: str) -> ReadResult:
    """One hash of a line: a record, or why it was skipped or rejected."""
    try:
        kind = hash_type_of(hash_type)
        hexval = normalize_value(kind, value)
    except UnsupportedHashType as exc:
        return Skipped(position, str(exc))
    except ValueError as exc:
        return RecordError(position, str(exc))
    quality = meta.quality
    if quality is not None and kind != "pdq":
        return RecordError(position, "quality is only meaningful for a pdq hash")
    return IndicatorRecord(
        position,
        kind,
        hexval,
        meta.media_type,
        meta.category,
        meta.external_id,
        meta.contributor,
        meta.source,
        meta.decision_ref,
        meta.decided_on,
        quality,
        meta.withdrawn,
    )


def make_records(position: int, meta: Meta, hashes: Sequence[tuple[str, str]]) -> Iterator[ReadResult]:
    """Several hashes of one item (a JSON ``hashes`` object); quality goes to the pdq hash only."""
    if meta.quality is not None and not any(_is_pdq(t) for t, _ in hashes):
        yield RecordError(position, "quality is only meaningful for a pdq hash")
        return
    no_quality = meta._replace(quality=None)
    for hash_type, value in hashes:
        yield make_record(position, meta if _is_pdq(hash_type) else no_quality, hash_type, value)


def _is_pdq(hash_type: str) -> bool:
    try:
        return hash_type_of(hash_type) == "pdq"
    except ValueError:
        return False


def _media_type(value: str | None) -> str | None:
    if value is None:
        return None
    lowered = value.lower()
    if lowered not in _MEDIA_TYPES:
        raise FieldError(f"media_type must be image or video, got {value[:40]!r}")
    return lowered


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise FieldError(f"decided_on must be a date YYYY-MM-DD, got {value[:40]!r}") from None


def _quality(value: str | None) -> int | None:
    if value is None:
        return None
    if not (value.isascii() and value.isdigit()) or int(value) > 100:
        raise FieldError(f"quality must be an integer 0..100, got {value[:40]!r}")
    return int(value)


def _status(value: str | None) -> bool:
    if value is None:
        return False
    try:
        return _STATUSES[value.lower()]
    except KeyError:
        raise FieldError(f"status must be active or withdrawn, got {value[:40]!r}") from None
