"""Streaming readers for files of hash indicators that curators import into banks.

Three formats are read, each incrementally from a binary stream (never the whole file in memory,
so a caller may wrap the stream to count bytes for a progress bar):

- ``csv``: ``hash_type,hash,...`` rows with an optional header (see ``_csv_reader``);
- ``jsonl``: one JSON object per line, the same field names, or a ``hashes`` object (``_jsonl_reader``);
- ``ncmec``: the NCMEC hash-sharing API's entries XML, element names as in
  facebook/ThreatExchange ``python-threatexchange/threatexchange/exchanges/clients/ncmec/hash_api.py``
  (``_ncmec_reader``).

:func:`read_indicators` yields :class:`IndicatorRecord` for each usable hash, :class:`EntryWithdrawn`
for an NCMEC tombstone that names an entry without its hashes, :class:`RecordError` for a bad line or
entry (reading goes on, except where the message says it stopped), and :class:`Skipped` for a
well-formed hash of a type tipline does not match (PhotoDNA, NetClean, TMK+PDQF, ...).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import BinaryIO, Final, Literal

from tipline.banks.formats._csv_reader import read_csv
from tipline.banks.formats._fields import FIELDS, POSITIONAL_FIELDS
from tipline.banks.formats._jsonl_reader import read_jsonl
from tipline.banks.formats._model import (
    HEX_LENGTHS,
    EntryWithdrawn,
    Feedback,
    HashType,
    IndicatorRecord,
    ReadResult,
    RecordError,
    Skipped,
    UnsupportedHashType,
    is_known_type_name,
    normalize_hash,
)
from tipline.banks.formats._ncmec_reader import read_ncmec

__all__ = [
    "FIELDS",
    "HEX_LENGTHS",
    "POSITIONAL_FIELDS",
    "EntryWithdrawn",
    "Feedback",
    "Format",
    "HashType",
    "IndicatorRecord",
    "ReadResult",
    "RecordError",
    "Skipped",
    "UnsupportedHashType",
    "guess_format",
    "normalize_hash",
    "read_indicators",
]

Format = Literal["csv", "jsonl", "ncmec"]

_EXTENSIONS: Final[dict[str, Format]] = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".xml": "ncmec",
}
_COMPRESSED: Final = (b"\x1f\x8b", b"PK\x03\x04", b"BZh", b"\xfd7zXZ", b"\x28\xb5\x2f\xfd")


def read_indicators(stream: BinaryIO, fmt: Format) -> Iterator[ReadResult]:
    """Read indicator records from ``stream`` lazily; see the module docstring for what is yielded."""
    if fmt == "csv":
        return read_csv(stream)
    if fmt == "jsonl":
        return read_jsonl(stream)
    if fmt == "ncmec":
        return read_ncmec(stream)
    raise ValueError(f"unknown indicator file format {fmt!r} (expected csv, jsonl or ncmec)")


def guess_format(filename: str, head: bytes) -> Format | None:
    """Guess a file's format from its name and its first bytes; ``None`` if it is none of ours.

    Decisive content wins over the name (``<`` is XML, ``{`` is JSON lines); otherwise the extension
    decides; otherwise a first line whose first cell is a hash type name or that names the
    ``hash_type`` column is CSV. Compressed files are ``None``.
    """
    if head.startswith(_COMPRESSED):
        return None
    body = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if body.startswith(b"<"):
        return "ncmec"
    if body.startswith(b"{"):
        return "jsonl"
    extension = os.path.splitext(filename.strip().lower())[1]
    by_name = _EXTENSIONS.get(extension)
    if by_name is not None:
        return None if by_name != "csv" and body else by_name
    first_line = body.split(b"\n", 1)[0].decode("utf-8", "replace")
    first_cell = first_line.split(",", 1)[0].strip().strip('"').strip()
    if "," in first_line and (is_known_type_name(first_cell) or "hash_type" in first_line.lower()):
        return "csv"
    return None
