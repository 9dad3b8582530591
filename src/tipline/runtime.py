"""The background threads of a process: the PDQ index loader/refresher, the job worker and the webhook
dispatcher."""

from __future__ import annotations

import logging
import threading

from tipline.context import Context
from tipline.forwarding import tasks as forwarding
from tipline.forwarding.webhooks import Dispatcher
from tipline.jobs.runner import Worker
from tipline.worker import make_worker

log = logging.getLogger("tipline")


class Background:
    def __init__(self, ctx: Context, *, worker: bool, refresh_seconds: float) -> None:
        self.ctx = ctx
        self.refresh_seconds = refresh_seconds
        self.worker: Worker | None = make_worker(ctx) if worker else None
        self.dispatcher: Dispatcher | None = forwarding.make_dispatcher(ctx) if worker else None
        self._stop = threading.Event()
        self._refresher: threading.Thread | None = None

    def start(self) -> None:
        """Load the index (the process is not ready before), then start the threads."""
        try:
            with self.ctx.unit() as session:
                self.ctx.pdq.load(session)
        except Exception:  # e.g. the schema is not current: /health says so; the refresher retries
            log.exception("could not load the PDQ index")
        if self.refresh_seconds > 0:
            self._refresher = threading.Thread(target=self._refresh_loop, name="tipline-index", daemon=True)
            self._refresher.start()
        if self.worker is not None:
            self.worker.start()
        if self.dispatcher is not None:
            self.dispatcher.start()

    def stop(self) -> None:
        self._stop.set()
        if self.worker is not None:
            self.worker.stop()
        if self.dispatcher is not None:
            self.dispatcher.stop()
        if self._refresher is not None:
            self._refresher.join(5)

    def _refresh_loop(self) -> None:
        while not self._stop.wait(self.refresh_seconds):
            try:
                with self.ctx.unit() as session:
                    self.ctx.pdq.refresh(session)
            except Exception:
                log.exception("PDQ index refresh failed")
