"""JSON-lines indicator files: one object per line, with the CSV field names.

A line is either ``{"hash_type": "md5", "hash": "...", ...}`` or, for one item with several hashes,
``{"hashes": {"md5": "...", "pdq": "..."}, "external_id": "...", ...}``, which yields one record per
hash, all sharing the line's other fields (external_id among them).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO, Final

import orjson

from tipline.banks.formats._fields import (
    FIELDS,
    META_FIELDS,
    iter_lines,
    make_record,
    make_records,
    parse_meta,
    too_long,
)
from tipline.banks.formats._model import ReadResult, RecordError

_KEYS: Final = frozenset(FIELDS) | {"hashes"}
_INT_OK: Final = frozenset({"quality", "external_id"})


def read_jsonl(stream: BinaryIO) -> Iterator[ReadResult]:
    """Yield the results of each non-blank line; positions are 1-based line numbers."""
    for lineno, raw in enumerate(iter_lines(stream), start=1):
        if raw is None:
            yield too_long(lineno)
            continue
        line = raw.strip()
        if not line:
            continue
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            yield RecordError(lineno, f"invalid JSON: {exc}")
            continue
        yield from _from_object(lineno, obj)


def _from_object(lineno: int, obj: object) -> Iterator[ReadResult]:
    if not isinstance(obj, dict):
        yield RecordError(lineno, f"expected a JSON object, got {type(obj).__name__}")
        return
    unknown = sorted(str(key)[:40] for key in obj if key not in _KEYS)
    if unknown:
        yield RecordError(lineno, f"unknown field(s): {', '.join(unknown[:5])}")
        return
    fields: dict[str, str | None] = {}
    for key, value in obj.items():
        if key == "hashes":
            continue
        if value is None or isinstance(value, str):
            fields[key] = value
        elif key in _INT_OK and isinstance(value, int) and not isinstance(value, bool):
            fields[key] = str(value)
        else:
            yield RecordError(lineno, f"field {key} must be a string, got {type(value).__name__}")
            return
    meta = parse_meta(tuple(map(fields.get, META_FIELDS)))
    if isinstance(meta, str):
        yield RecordError(lineno, meta)
        return
    if "hashes" in obj:
        hashes = obj["hashes"]
        if "hash" in obj or "hash_type" in obj:
            yield RecordError(lineno, "use either hash_type/hash or hashes, not both")
            return
        if not isinstance(hashes, dict) or not hashes:
            yield RecordError(lineno, "hashes must be a non-empty object of hash type to value")
            return
        pairs: list[tuple[str, str]] = []
        for hash_type, value in hashes.items():
            if not isinstance(value, str):
                yield RecordError(lineno, f"hashes.{str(hash_type)[:40]} must be a string")
                return
            pairs.append((hash_type, value))
        yield from make_records(lineno, meta, pairs)
        return
    missing = [key for key in ("hash_type", "hash") if not fields.get(key)]
    if missing:
        yield RecordError(lineno, f"missing field(s): {', '.join(missing)} (or a hashes object)")
        return
    yield make_record(lineno, meta, fields["hash_type"] or "", fields["hash"] or "")
