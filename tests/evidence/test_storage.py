"""Evidence at rest: encrypted, content-addressed, tamper-evident, never half-written."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest

from tipline.core.crypto import CHUNK, DecryptionError, Keyring
from tipline.evidence.storage import LocalBlobStore


@pytest.fixture
def store(tmp_path: Path) -> LocalBlobStore:
    return LocalBlobStore(tmp_path, Keyring(b"k" * 32))


def put(store: LocalBlobStore, data: bytes) -> tuple[str, bool]:
    return store.put(hashlib.sha256(data).hexdigest(), io.BytesIO(data))


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17])
def test_round_trip_across_chunk_boundaries(store: LocalBlobStore, size: int) -> None:
    data = os.urandom(size)
    blob_id, created = put(store, data)
    assert created
    assert b"".join(store.open(blob_id)) == data


def test_content_addressed_and_named_without_the_plain_hash(store: LocalBlobStore, tmp_path: Path) -> None:
    data = b"benign bytes"
    blob_id, _ = put(store, data)
    assert put(store, data) == (blob_id, False)
    assert hashlib.sha256(data).hexdigest() not in blob_id
    [path] = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert data not in path.read_bytes()


def test_another_key_cannot_read(store: LocalBlobStore, tmp_path: Path) -> None:
    blob_id, _ = put(store, b"secret")
    other = LocalBlobStore(tmp_path, Keyring(b"o" * 32))
    with pytest.raises(DecryptionError):
        b"".join(other.open(blob_id))


@pytest.mark.parametrize("damage", ["flip", "truncate"])
def test_damage_is_detected(store: LocalBlobStore, tmp_path: Path, damage: str) -> None:
    blob_id, _ = put(store, os.urandom(CHUNK + 100))
    [path] = [p for p in tmp_path.rglob("*") if p.is_file()]
    raw = bytearray(path.read_bytes())
    if damage == "flip":
        raw[40] ^= 1
        path.write_bytes(bytes(raw))
    else:
        path.write_bytes(bytes(raw[: CHUNK + 11 + 16]))  # drop the last chunk
    with pytest.raises(DecryptionError):
        b"".join(store.open(blob_id))


def test_sweep_removes_partial_writes(store: LocalBlobStore, tmp_path: Path) -> None:
    blob_id, _ = put(store, b"x")
    partial = tmp_path / blob_id[:2] / blob_id[2:4] / ".incoming-abc"
    partial.write_bytes(b"half")
    assert store.sweep_incomplete() == 1
    assert not partial.exists()
    assert store.exists(blob_id)


def test_records_are_bound_to_their_row() -> None:
    keys = Keyring(b"k" * 32)
    sealed = keys.seal(b"content", associated=b"row-1")
    assert keys.open(sealed, associated=b"row-1") == b"content"
    with pytest.raises(DecryptionError):
        keys.open(sealed, associated=b"row-2")
