"""The PDQ index of one process, kept current with the indicator tables.

At start the index is loaded from its snapshot on disk (never pickled: plain arrays with checksums, see
``pdq_index``) and caught up with the changes after the snapshot's watermark, or built from the database
when there is no usable snapshot. ``refresh`` catches up with ``WHERE seq > watermark`` (see
models/bank.py for why that sees every change in order): additions go to the index's delta segment,
withdrawals are hidden at once. When the delta has grown past ``compact_at`` the index is rebuilt in a
background thread and swapped in; searches never wait for a rebuild.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlalchemy.orm import Session

from tipline.banks import repository
from tipline.core.errors import Unavailable
from tipline.matching.pdq_index import IndexCorrupt, PdqIndex, SearchResult, hashes_from_hex

log = logging.getLogger("tipline.matching")

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows
    fcntl = None  # type: ignore[assignment]


@dataclass(frozen=True)
class IndexStatus:
    state: str  # loading | current | stale
    size: int
    delta: int
    watermark: int
    behind: int  # changes committed in the database that the index does not have yet
    seconds_behind: float


class IndexNotReady(Unavailable):
    def __init__(self) -> None:
        super().__init__("the PDQ index is still loading; retry shortly", code="index_loading")


class LiveIndex:
    def __init__(self, snapshot_dir: Path, compact_at: int = 50_000) -> None:
        self.snapshot_dir = snapshot_dir
        self.compact_at = compact_at
        self._index: PdqIndex | None = None
        self._watermark = 0
        self._lock = threading.Lock()  # serialises writers (refresh, load, swap); searches take no lock
        self._replay: list[tuple[bool, np.ndarray, np.ndarray]] | None = None  # changes during a rebuild
        self._compactor: threading.Thread | None = None
        self._behind_since: float | None = None

    @property
    def ready(self) -> bool:
        return self._index is not None

    @property
    def watermark(self) -> int:
        return self._watermark

    # loading

    def load(self, session: Session) -> None:
        """Load the snapshot (or build from the database), then catch up. Idempotent."""
        with self._lock:
            if self._index is not None:
                return
            instance = repository.counter(session, repository.INSTANCE)
            loaded = self._load_snapshot(instance, repository.counter(session, repository.INDICATOR_SEQ))
            if loaded is None:
                self._index, self._watermark = self._build(session)
                self._catch_up(session)
                try:
                    self._save(instance)
                except OSError:  # the index works without its snapshot; the next start rebuilds it
                    log.exception("could not save the PDQ index snapshot")
            else:
                self._index, self._watermark = loaded
        self.refresh(session)

    def _load_snapshot(self, instance: int, current: int) -> tuple[PdqIndex, int] | None:
        if not (self.snapshot_dir / "meta.json").exists():
            return None
        try:
            index, meta = PdqIndex.load(self.snapshot_dir)
        except (IndexCorrupt, OSError) as exc:
            log.warning("PDQ index snapshot unusable (%s); rebuilding from the database", type(exc).__name__)
            return None
        watermark = meta.get("watermark")
        if meta.get("instance") != instance or not isinstance(watermark, int) or watermark > current:
            log.warning("PDQ index snapshot is from another database; rebuilding")
            return None
        return index, watermark

    def _build(self, session: Session) -> tuple[PdqIndex, int]:
        """Every live PDQ indicator, read in batches, and the last change number among them."""
        ids: list[np.ndarray] = []
        hashes: list[np.ndarray] = []
        watermark = 0
        for rows in repository.pdq_changes_since(session, 0):
            live = [r for r in rows if r.live]  # other hash types and withdrawn ones are not indexed
            ids.append(np.fromiter((r.id for r in live), dtype=np.int64, count=len(live)))
            hashes.append(hashes_from_hex([r.value for r in live]))
            watermark = max(watermark, max(r.seq for r in rows))
        if not ids:
            return PdqIndex.empty(), watermark
        return PdqIndex.build(np.concatenate(ids), np.concatenate(hashes)), watermark

    def _save(self, instance: int) -> None:
        index = self._index
        if index is None:
            return
        self.snapshot_dir.parent.mkdir(parents=True, exist_ok=True)
        with _file_lock(self.snapshot_dir.parent / f".{self.snapshot_dir.name}.lock"):
            index.save(self.snapshot_dir, {"watermark": self._watermark, "instance": instance})

    # keeping current

    def refresh(self, session: Session) -> int:
        """Catch up with the database; returns the watermark."""
        if self._index is None:
            self.load(session)
            return self._watermark
        current = repository.counter(session, repository.INDICATOR_SEQ)
        if current != self._watermark:
            with self._lock:
                if current > self._watermark:  # another thread may have caught up meanwhile
                    self._catch_up(session)
        self._behind_since = None
        if self._index is not None and self._index.delta_size >= self.compact_at:
            self._start_compaction(repository.counter(session, repository.INSTANCE))
        return self._watermark

    def _catch_up(self, session: Session) -> None:
        index = self._index
        assert index is not None
        # The counter is read first: every change numbered up to it has committed, so the query below
        # sees them all. (Read after the query, it could count a commit the query did not see.)
        committed = repository.counter(session, repository.INDICATOR_SEQ)
        for rows in repository.pdq_changes_since(session, self._watermark):
            live = [r for r in rows if r.live]
            gone = np.fromiter((r.id for r in rows if not r.live and r.hash_type == "pdq"), dtype=np.int64)
            if len(gone):
                self._apply(False, gone, np.empty((0, 4), dtype=np.uint64))
            if live:
                ids = np.fromiter((r.id for r in live), dtype=np.int64, count=len(live))
                self._apply(True, ids, hashes_from_hex([r.value for r in live]))
            self._watermark = max(self._watermark, max(r.seq for r in rows))
        self._watermark = max(self._watermark, committed)

    def _apply(self, add: bool, ids: np.ndarray, hashes: np.ndarray) -> None:
        index = self._index
        assert index is not None
        if add:
            index.add(ids, hashes)
        else:
            index.remove(ids)
        if self._replay is not None:
            self._replay.append((add, ids, hashes))

    def _start_compaction(self, instance: int) -> None:
        with self._lock:
            if self._compactor is not None and self._compactor.is_alive():
                return
            self._replay = []
            thread = threading.Thread(
                target=self._compact, args=(instance,), name="tipline-index-build", daemon=True
            )
            self._compactor = thread
        thread.start()

    def _compact(self, instance: int) -> None:
        old = self._index
        assert old is not None
        started = time.monotonic()
        try:
            new = old.compacted()
        except Exception:
            log.exception("PDQ index rebuild failed; the current index stays in use")
            with self._lock:
                self._replay = None
            return
        with self._lock:
            for add, ids, hashes in self._replay or []:
                if add:
                    new.add(ids, hashes)
                else:
                    new.remove(ids)
            self._index, self._replay = new, None
        log.info("PDQ index rebuilt: %d hashes in %.1f s", len(new), time.monotonic() - started)
        try:
            self._save(instance)
        except OSError:
            log.exception("could not save the PDQ index snapshot")

    def wait_for_compaction(self, timeout: float | None = None) -> None:
        if self._compactor is not None:
            self._compactor.join(timeout)

    # reading

    def search(self, hashes: np.ndarray, max_distance: int) -> SearchResult:
        index = self._index
        if index is None:
            raise IndexNotReady()
        return index.search(hashes, max_distance)

    def status(self, session: Session, stale_after: float) -> IndexStatus:
        index = self._index
        if index is None:
            return IndexStatus("loading", 0, 0, 0, 0, 0.0)
        current = repository.counter(session, repository.INDICATOR_SEQ)
        behind = max(0, current - self._watermark)
        now = time.monotonic()
        if behind == 0:
            self._behind_since = None
        elif self._behind_since is None:
            self._behind_since = now
        seconds = 0.0 if self._behind_since is None else now - self._behind_since
        state = "stale" if seconds > stale_after else "current"
        return IndexStatus(state, len(index), index.delta_size, self._watermark, behind, round(seconds, 1))


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_UN)
