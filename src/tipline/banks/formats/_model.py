"""Record types yielded by the indicator readers, and hash-type/value normalization."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final, Literal

HashType = Literal["md5", "sha1", "sha256", "pdq"]
Sentiment = Literal["affirmative", "negative"]

# Length in hex characters of each supported hash type.
HEX_LENGTHS: Final[dict[HashType, int]] = {"md5": 32, "sha1": 40, "sha256": 64, "pdq": 64}

# Hash types that are recognised (so a file naming them is not malformed) but that tipline cannot match:
# PhotoDNA and NetClean are proprietary, the video hashes need a video matcher tipline does not have yet.
UNSUPPORTED_TYPES: Final[frozenset[str]] = frozenset(
    {
        "pdna",
        "photodna",
        "netclean",
        "videntifier",
        "tmkpdqf",
        "tmk",
        "vpdq",
        "ssvhpdna",
        "ssvhsaferhash",
        "saferhash",
    }
)

_ALIASES: Final[dict[str, HashType]] = {
    "md5": "md5",
    "sha1": "sha1",
    "sha256": "sha256",
    "sha2256": "sha256",
    "pdq": "pdq",
    "pdqhash": "pdq",
}

# Values that match trivially and must never enter a bank: the digests of zero bytes.
_DEGENERATE: Final[dict[HashType, str]] = {
    "md5": "d41d8cd98f00b204e9800998ecf8427e",
    "sha1": "da39a3ee5e6b4b0d3255bfef95601890afd80709",
    "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
}

_SEPARATORS = re.compile(r"[\s_\-]+")
_HEX_DIGITS: Final = "0123456789abcdef"


class UnsupportedHashType(ValueError):
    """A recognised hash type that tipline does not match (PhotoDNA, NetClean, TMK+PDQF, ...)."""


@dataclass(frozen=True, slots=True)
class Feedback:
    """One member's verdict on an indicator (NCMEC hash-sharing feedback)."""

    sentiment: Sentiment
    reason: str | None  # negative feedback: the reason's GUID (or its name when no GUID is given)
    member: str | None  # member id of whoever gave the feedback
    at: datetime | None


@dataclass(frozen=True, slots=True)
class IndicatorRecord:
    """One hash indicator read from a file."""

    position: int
    hash_type: HashType
    value: str
    media_type: str | None
    category: str | None
    external_id: str | None
    contributor: str | None
    source: str | None
    decision_ref: str | None
    decided_on: date | None
    quality: int | None
    withdrawn: bool
    feedback: tuple[Feedback, ...] = ()


@dataclass(frozen=True, slots=True)
class EntryWithdrawn:
    """A tombstone that names an entry but carries no hashes: withdraw every indicator with this id.

    NCMEC's ``deletedImage``/``deletedVideo`` elements normally hold only ``member``, ``id`` and
    ``timestamp``; the importer must withdraw the indicators it stored under (contributor, external_id).
    """

    position: int
    external_id: str
    contributor: str | None
    media_type: str | None
    source: str | None


@dataclass(frozen=True, slots=True)
class RecordError:
    """A bad line or entry; the import continues (unless the message says it stopped)."""

    position: int
    message: str


@dataclass(frozen=True, slots=True)
class Skipped:
    """A well-formed indicator tipline does not use (e.g. a PhotoDNA hash): counted, not an error."""

    position: int
    reason: str


ReadResult = IndicatorRecord | EntryWithdrawn | RecordError | Skipped


def canonical_type_key(name: str) -> str:
    """Lower-case a hash type name and drop separators: ``"SHA-1"``, ``"sha_1"`` -> ``"sha1"``."""
    return _SEPARATORS.sub("", name).lower()


@functools.lru_cache(maxsize=256)
def hash_type_of(name: str) -> HashType:
    """Map a hash type name or alias to its canonical name.

    Raises :class:`UnsupportedHashType` for recognised types tipline does not match and
    :class:`ValueError` for names it does not know.
    """
    key = canonical_type_key(name)
    found = _ALIASES.get(key)
    if found is not None:
        return found
    if key in UNSUPPORTED_TYPES:
        raise UnsupportedHashType(f"hash type {name.strip()!r} is not supported by tipline")
    shown = name.strip()[:40]
    raise ValueError(f"unknown hash type {shown!r} (expected one of md5, sha1, sha256, pdq)")


def is_known_type_name(name: str) -> bool:
    """True for a supported or a recognised-but-unsupported hash type name."""
    try:
        hash_type_of(name)
    except UnsupportedHashType:
        return True
    except ValueError:
        return False
    return True


def normalize_hash(hash_type: str, value: str) -> tuple[HashType, str]:
    """Return the canonical hash type and the value as stripped lower-case hex.

    Accepts aliases such as ``"MD5"``, ``"SHA-1"``, ``"sha_256"``, ``"PDQ"``. Raises
    :class:`UnsupportedHashType` (a :class:`ValueError`) for PhotoDNA and the like, and
    :class:`ValueError` with a readable message for an unknown type, a value of the wrong length,
    a non-hex value, or a degenerate value (all zeros, or the digest of empty input).
    """
    kind = hash_type_of(hash_type)
    return kind, normalize_value(kind, value)


def normalize_value(kind: HashType, value: str) -> str:
    """The value of a hash of a known type as stripped lower-case hex; see :func:`normalize_hash`."""
    hexval = value.strip()
    if not hexval.islower():  # avoids a copy for the usual lower-case value
        hexval = hexval.lower()
    expected = HEX_LENGTHS[kind]
    if not hexval:
        raise ValueError(f"empty {kind} value")
    if hexval.strip(_HEX_DIGITS):  # something is left: a non-hex character
        raise ValueError(f"{kind} value is not hexadecimal: {_shorten(value)!r}")
    if len(hexval) != expected:
        raise ValueError(f"{kind} value must be {expected} hex characters, got {len(hexval)}")
    if hexval.count("0") == expected:
        raise ValueError(f"{kind} value is all zeros")
    if _DEGENERATE.get(kind) == hexval:
        raise ValueError(f"{kind} value is the digest of empty input and would match every empty file")
    return hexval


def _shorten(text: str, limit: int = 80) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "..."
