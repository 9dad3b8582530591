"""The resources one process owns, built from settings by the app factory or a CLI command."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from tipline.config import Settings
from tipline.core.crypto import Keyring
from tipline.core.db import make_engine, make_sessionmaker, read_only_engine, read_unit, unit_of_work
from tipline.evidence.storage import BlobStore, LocalBlobStore
from tipline.jobs.queue import WAKE_FLAG
from tipline.matching.live import LiveIndex
from tipline.providers.service import KeyCache
from tipline.statistics import freshness  # noqa: F401  (its hooks keep kept statistics honest)


@dataclass
class Context:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    keyring: Keyring
    blobs: BlobStore
    keys: KeyCache
    pdq: LiveIndex
    read_sessions: sessionmaker[Session]
    _sqlite_lock: threading.Lock | None = None
    job_wakeup: threading.Event | None = None

    @classmethod
    def build(cls, settings: Settings) -> Context:
        settings.ensure_data_dir()
        engine = make_engine(settings.sqlalchemy_url, pool_size=settings.db_pool_size)
        keyring = Keyring(settings.master_key())
        blobs = LocalBlobStore(settings.data_dir / "evidence", keyring)
        lock = threading.Lock() if settings.is_sqlite else None
        keys = KeyCache(settings.auth_cache_seconds)
        pdq = LiveIndex(settings.data_dir / "index" / "pdq", compact_at=settings.index_compact_at)
        read_sessions = make_sessionmaker(read_only_engine(engine))
        return cls(
            settings, engine, make_sessionmaker(engine), keyring, blobs, keys, pdq, read_sessions, lock
        )

    @contextmanager
    def unit(self) -> Iterator[Session]:
        """One unit of work. On SQLite, whose transactions all take the single write lock, the
        threads of this process queue on a lock instead of SQLite's sleep-and-poll busy handler."""
        with self._sqlite_lock or nullcontext(), unit_of_work(self.sessions) as session:
            yield session
            wrote_jobs = session.info.get(WAKE_FLAG, False)
        if wrote_jobs and self.job_wakeup is not None:
            self.job_wakeup.set()  # committed: this process's worker runs the jobs now, not at its next poll

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A unit that only reads (long scans): no write lock on SQLite, never committed."""
        with read_unit(self.read_sessions) as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()
