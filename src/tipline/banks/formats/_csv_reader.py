"""CSV indicator files: optional header, UTF-8 (BOM allowed), CRLF or LF, quoted fields.

Without a header (the first row's first cell is a hash type name) the columns are
``hash_type,hash[,category[,media_type[,source[,contributor[,decision_ref[,decided_on]]]]]]``.
With a header the columns are named (see :data:`FIELDS`) in any order; an unknown, duplicate or
missing required column is reported once at line 1 and nothing is read.
"""

from __future__ import annotations

import csv
import io
import operator
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, BinaryIO

from tipline.banks.formats import _fields
from tipline.banks.formats._fields import (
    FIELDS,
    META_FIELDS,
    POSITIONAL_FIELDS,
    make_record,
    parse_meta,
)
from tipline.banks.formats._model import ReadResult, RecordError, is_known_type_name

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

_REQUIRED = ("hash_type", "hash")


def read_csv(stream: BinaryIO) -> Iterator[ReadResult]:
    """Yield one result per data row (blank rows are ignored); positions are 1-based line numbers."""
    guard = _LineGuard(stream)
    buffered = io.BufferedReader(guard, buffer_size=_fields.READ_SIZE)
    # surrogateescape: an invalid byte costs only the field it is in (see fields.text), not the file.
    text = io.TextIOWrapper(buffered, encoding="utf-8-sig", errors="surrogateescape", newline="")
    try:
        yield from _rows(csv.reader(text, strict=True))
    except _LineTooLong:
        limit = _fields.MAX_LINE_BYTES
        yield RecordError(guard.lines + 1, f"line is longer than {limit} bytes; import stopped")
    finally:
        text.detach()  # closing the wrapper would close the caller's stream


def _rows(reader: Any) -> Iterator[ReadResult]:
    layout: _Layout | None = None
    last_line = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield RecordError(last_line + 1, f"malformed CSV: {exc}")
            last_line = reader.line_num
            continue
        position = last_line + 1
        last_line = reader.line_num
        if not row or (not row[0].strip() and not "".join(row).strip()):
            continue
        if layout is None:
            if is_known_type_name(row[0]):
                layout = _Layout(POSITIONAL_FIELDS, has_header=False)
            else:
                names = tuple(cell.strip().lower() for cell in row)
                problem = _header_problem(names)
                if problem is not None:
                    yield RecordError(position, problem)
                    return
                layout = _Layout(names, has_header=True)
                continue
        width = layout.width
        if len(row) > width:
            what = "the header has" if layout.has_header else "at most"
            yield RecordError(position, f"row has {len(row)} cells but {what} {width} columns")
            continue
        # Cell `width` (past the last column) is what absent columns read: empty.
        if len(row) == width:
            row.append("")
        else:
            row.extend([""] * (width + 1 - len(row)))
        meta = parse_meta(layout.meta_of(row))
        if isinstance(meta, str):
            yield RecordError(position, meta)
            continue
        yield make_record(position, meta, row[layout.hash_type], row[layout.hash])


class _LineTooLong(Exception):
    pass


class _LineGuard(_fields.Chunks):
    """Refuses a line longer than MAX_LINE_BYTES, which would otherwise be read whole into memory.

    Counts the newlines read, for the error's position.
    """

    def __init__(self, stream: BinaryIO) -> None:
        super().__init__(stream)
        self._run = 0  # bytes since the last newline
        self._too_long = False
        self.lines = 0

    def readinto(self, buffer: WriteableBuffer) -> int:
        if self._too_long:
            raise _LineTooLong
        view = memoryview(buffer).cast("B")
        chunk = self._stream.read(min(len(view), _fields.READ_SIZE))
        last = chunk.rfind(b"\n")
        if last == -1:
            self._run += len(chunk)
        else:
            self.lines += chunk.count(b"\n")
            self._run = len(chunk) - last - 1
        if self._run > _fields.MAX_LINE_BYTES:
            if last == -1:
                raise _LineTooLong
            self._too_long = True  # hand over the complete lines first, fail on the next read
            chunk = chunk[: last + 1]
        view[: len(chunk)] = chunk
        return len(chunk)


class _Layout:
    """Where each field is in a row; a field without a column reads the empty cell past the end."""

    def __init__(self, columns: tuple[str, ...], *, has_header: bool) -> None:
        self.width = len(columns)
        self.has_header = has_header
        index = {name: i for i, name in enumerate(columns)}
        self.hash_type = index["hash_type"]
        self.hash = index["hash"]
        self.meta_of = operator.itemgetter(*(index.get(name, self.width) for name in META_FIELDS))


def _drain(pending: list[RecordError]) -> Iterator[RecordError]:
    while pending:
        yield pending.pop(0)


def _header_problem(names: tuple[str, ...]) -> str | None:
    unknown = [name for name in names if name not in FIELDS]
    if unknown:
        shown = ", ".join(repr(name[:40]) for name in unknown[:5])
        return f"unknown column(s) in header: {shown} (known: {', '.join(FIELDS)})"
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        return f"duplicate column(s) in header: {', '.join(duplicated)}"
    missing = [name for name in _REQUIRED if name not in names]
    if missing:
        return f"header lacks required column(s): {', '.join(missing)}"
    return None
