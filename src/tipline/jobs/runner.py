"""The worker: claims due jobs and runs each in its own unit of work, after the commit that made it.

One worker thread runs in each serving process (and ``tipline worker`` runs one alone). It sleeps until
woken by a commit in its own process that wrote jobs, or for ``poll_seconds`` (jobs written by other
processes). ``run_pending`` drains the queue synchronously; tests and CLI commands use it.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from typing import Any, Protocol

from sqlalchemy.orm import Session

from tipline.jobs import queue

log = logging.getLogger("tipline.jobs")
PURGE_EVERY = 3600.0  # seconds between deletions of old finished jobs


class UnitFactory(Protocol):
    def unit(self) -> AbstractContextManager[Session]: ...


Handler = Callable[[Any, dict[str, Any]], None]


class Worker:
    def __init__(
        self, ctx: UnitFactory, handlers: Mapping[str, Handler], *, poll_seconds: float = 1.0, batch: int = 10
    ) -> None:
        self.ctx = ctx
        self.handlers = dict(handlers)
        self.poll_seconds = poll_seconds
        self.batch = batch
        self.name = f"{socket.gethostname()}:{os.getpid()}:{id(self) & 0xFFFF:x}"[:64]
        self.wakeup = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run_pending(self, max_jobs: int | None = None) -> int:
        """Run due jobs until none is left (or ``max_jobs`` ran); returns how many ran."""
        ran = 0
        while max_jobs is None or ran < max_jobs:
            claimed = self._claim()
            if not claimed:
                return ran
            for job in claimed:
                self._run(job)
                ran += 1
        return ran

    def _claim(self) -> list[queue.Claimed]:
        with self.ctx.unit() as session:
            return queue.claim(session, self.name, self.batch)

    def _run(self, job: queue.Claimed) -> None:
        handler = self.handlers.get(job.kind)
        try:
            if handler is None:
                raise LookupError(f"no handler for job kind {job.kind!r}")
            handler(self.ctx, job.payload)
        except Exception as exc:  # every failure is recorded on the job and retried
            error = f"{type(exc).__name__}: {exc}"
            with self.ctx.unit() as session:
                gave_up = queue.fail(session, job.id, job.attempts, error)
            log.warning(
                "job %s (%s) failed, attempt %d%s",
                job.id,
                job.kind,
                job.attempts,
                ", giving up" if gave_up else "",
                exc_info=gave_up,
            )
            return
        with self.ctx.unit() as session:
            queue.complete(session, job.id)

    # the background thread

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="tipline-worker", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self.wakeup.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        next_purge = 0.0
        while not self._stop.is_set():
            try:
                self.run_pending(max_jobs=100)
                if time.monotonic() >= next_purge:
                    with self.ctx.unit() as session:
                        queue.purge_done(session)
                    next_purge = time.monotonic() + PURGE_EVERY
            except Exception:  # the database may be briefly unavailable; keep the worker alive
                log.exception("worker loop error")
            self.wakeup.wait(self.poll_seconds)
            self.wakeup.clear()
