"""Evidence blob stores. The interface is small so that an S3-compatible store can implement it later.

Blobs are addressed by a keyed digest of their SHA-256 (so the store's file names reveal no hash that
could be looked up), encrypted with AES-GCM in chunks, and written atomically (temp file, fsync, rename):
a crash leaves either the whole blob or none of it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

from tipline.core.crypto import Keyring


class BlobStore(Protocol):
    def blob_id(self, sha256: str) -> str:
        """The id under which content with this SHA-256 is stored."""
        ...

    def put(self, sha256: str, stream: BinaryIO) -> tuple[str, bool]:
        """Store the plaintext stream; returns (blob id, created). Storing twice is harmless."""
        ...

    def open(self, blob_id: str) -> Iterator[bytes]:
        """The decrypted bytes, chunk by chunk."""
        ...

    def exists(self, blob_id: str) -> bool: ...

    def delete(self, blob_id: str) -> None: ...

    def sweep_incomplete(self) -> int:
        """Remove partial writes left by a crash; returns how many."""
        ...


class LocalBlobStore:
    def __init__(self, root: Path, keyring: Keyring) -> None:
        self._root = root
        self._keys = keyring

    def blob_id(self, sha256: str) -> str:
        return self._keys.mac(bytes.fromhex(sha256))

    def _path(self, blob_id: str) -> Path:
        return self._root / blob_id[:2] / blob_id[2:4] / blob_id

    def put(self, sha256: str, stream: BinaryIO) -> tuple[str, bool]:
        blob_id = self.blob_id(sha256)
        path = self._path(blob_id)
        if path.exists():
            return blob_id, False
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as out:
                stream.seek(0)
                self._keys.encrypt_stream(stream, out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return blob_id, True

    def open(self, blob_id: str) -> Iterator[bytes]:
        with self._path(blob_id).open("rb") as f:
            yield from self._keys.decrypt_stream(f)

    def exists(self, blob_id: str) -> bool:
        return self._path(blob_id).exists()

    def delete(self, blob_id: str) -> None:
        self._path(blob_id).unlink(missing_ok=True)

    def sweep_incomplete(self) -> int:
        """Remove temp files left by a process that died mid-write; call before serving starts."""
        removed = 0
        for tmp in self._root.glob("*/*/.incoming-*"):
            tmp.unlink(missing_ok=True)
            removed += 1
        return removed
