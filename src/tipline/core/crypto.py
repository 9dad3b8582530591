"""Encryption at rest: sub-keys derived from one master key, AES-GCM for records and streams.

Hand-written on top of ``cryptography`` because the chunked stream format (large evidence files that must
never sit whole in memory) has no ready-made, maintained Python implementation. The construction follows
the "STREAM" online AEAD pattern: a random 7-byte nonce prefix per blob, a 4-byte chunk counter and a
1-byte last-chunk flag form each 12-byte nonce, so chunks cannot be reordered, dropped or truncated.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
from collections.abc import Iterator
from typing import BinaryIO

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

RECORD_VERSION = b"\x01"
STREAM_MAGIC = b"TLB1"
CHUNK = 1024 * 1024
_TAG = 16


class DecryptionError(Exception):
    """Ciphertext was altered, truncated, or sealed under another key."""


def derive_key(master: bytes, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose.encode()).derive(master)


class Keyring:
    """The sub-keys tipline uses; one instance per process, built from the configured master key."""

    def __init__(self, master: bytes) -> None:
        self._records = AESGCM(derive_key(master, "tipline/records/v1"))
        self._evidence = AESGCM(derive_key(master, "tipline/evidence/v1"))
        self._mac = derive_key(master, "tipline/mac/v1")

    def mac(self, data: bytes) -> str:
        """Keyed digest: lets us compare or address content without revealing its plain hash."""
        return hmac.new(self._mac, data, hashlib.sha256).hexdigest()

    def seal(self, plaintext: bytes, associated: bytes = b"") -> bytes:
        nonce = os.urandom(12)
        return RECORD_VERSION + nonce + self._records.encrypt(nonce, plaintext, associated)

    def open(self, sealed: bytes, associated: bytes = b"") -> bytes:
        if sealed[:1] != RECORD_VERSION:
            raise DecryptionError("unknown record format")
        try:
            return self._records.decrypt(sealed[1:13], sealed[13:], associated)
        except Exception as exc:
            raise DecryptionError("record cannot be decrypted") from exc

    def encrypt_stream(self, src: BinaryIO, dst: BinaryIO) -> None:
        prefix = os.urandom(7)
        dst.write(STREAM_MAGIC + prefix)
        counter = 0
        chunk = src.read(CHUNK)
        while True:
            nxt = src.read(CHUNK)
            last = not nxt
            nonce = prefix + struct.pack(">IB", counter, 1 if last else 0)
            dst.write(self._evidence.encrypt(nonce, chunk, STREAM_MAGIC))
            if last:
                return
            counter += 1
            chunk = nxt

    def decrypt_stream(self, src: BinaryIO) -> Iterator[bytes]:
        head = src.read(len(STREAM_MAGIC) + 7)
        if head[:4] != STREAM_MAGIC:
            raise DecryptionError("not an evidence blob")
        prefix = head[4:]
        counter = 0
        block = src.read(CHUNK + _TAG)
        while True:
            nxt = src.read(CHUNK + _TAG)
            last = not nxt
            nonce = prefix + struct.pack(">IB", counter, 1 if last else 0)
            try:
                yield self._evidence.decrypt(nonce, block, STREAM_MAGIC)
            except Exception as exc:
                raise DecryptionError("evidence blob is damaged or truncated") from exc
            if last:
                return
            counter += 1
            block = nxt
