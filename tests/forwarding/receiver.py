"""A webhook receiver on loopback that honours idempotency keys and fails on purpose, and a helper that
fills a database with routed reports. Shared by the delivery test and bench/webhook_faults.py."""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import orjson

from tipline.context import Context
from tipline.core.clock import utc_now
from tipline.forwarding import service
from tipline.forwarding.policy import PolicyName
from tipline.forwarding.webhooks import IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verify
from tipline.jurisdiction.decision import Jurisdiction
from tipline.models import Assessment, Report
from tipline.providers import service as providers
from tipline.reports import repository as report_rows


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # the default (5) refuses connections under concurrent senders


class FaultyReceiver:
    """Records each idempotency key's first delivery (the effect) and counts every repeat.

    Faults, drawn per request: ``fail`` answers 500 without taking the delivery; ``slow`` takes it, then
    answers only after ``slow_seconds`` (past the sender's timeout: the sender retries what was taken);
    ``restart`` drops the connection and stops the server for ``downtime`` seconds (connections refused).
    """

    def __init__(
        self,
        secret: bytes,
        *,
        fail: float = 0.0,
        slow: float = 0.0,
        restart: float = 0.0,
        slow_seconds: float = 0.5,
        downtime: float = 0.2,
        seed: int = 1,
    ) -> None:
        self.secret = secret
        self.fail, self.slow, self.restart_p = fail, slow, restart
        self.slow_seconds, self.downtime = slow_seconds, downtime
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.seen: Counter[str] = Counter()  # deliveries taken, by idempotency key (repeats included)
        self.referral_of: dict[str, str] = {}
        self.requests = 0
        self.bad_signatures = 0
        self.faults: Counter[str] = Counter()
        self._server: _Server | None = None
        self._restarting = threading.Lock()
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def start(self) -> None:
        self._server = _Server(("127.0.0.1", self.port), self._handler())
        self.port = self._server.server_address[1]
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def _restart(self) -> None:
        if not self._restarting.acquire(blocking=False):
            return
        try:
            self.stop()
            time.sleep(self.downtime)
            for _ in range(100):  # the port may linger briefly
                try:
                    self.start()
                    return
                except OSError:
                    time.sleep(0.05)
        finally:
            self._restarting.release()

    def _roll(self) -> str:
        with self.lock:
            r = self.rng.random()
        if r < self.fail:
            return "fail"
        if r < self.fail + self.slow:
            return "slow"
        if r < self.fail + self.slow + self.restart_p:
            return "restart"
        return "ok"

    def _take(self, key: str, body: bytes) -> None:
        with self.lock:
            self.seen[key] += 1
            self.referral_of.setdefault(key, orjson.loads(body)["referral_id"])

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # quiet
                return

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with receiver.lock:
                    receiver.requests += 1
                ok = verify(
                    receiver.secret,
                    body,
                    self.headers.get(TIMESTAMP_HEADER),
                    self.headers.get(SIGNATURE_HEADER),
                )
                key = self.headers.get(IDEMPOTENCY_HEADER) or ""
                if not ok or not key:
                    with receiver.lock:
                        receiver.bad_signatures += 1
                    self._answer(401)
                    return
                fault = receiver._roll()
                with receiver.lock:
                    receiver.faults[fault] += 1
                if fault == "fail":
                    self._answer(500)
                elif fault == "restart":
                    self.close_connection = True  # no answer at all
                    threading.Thread(target=receiver._restart, daemon=True).start()
                elif fault == "slow":
                    receiver._take(key, body)
                    time.sleep(receiver.slow_seconds)
                    self._answer(200)
                else:
                    receiver._take(key, body)
                    self._answer(200)

            def _answer(self, status: int) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                except OSError:
                    pass  # the sender gave up waiting

        return Handler

    def summary(self) -> dict[str, int]:
        with self.lock:
            return {
                "requests": self.requests,
                "distinct_keys": len(self.seen),
                "duplicates": sum(n - 1 for n in self.seen.values()),
                "distinct_referrals": len(set(self.referral_of.values())),
                "bad_signatures": self.bad_signatures,
            }


def routed_reports(ctx: Context, n: int, url: str, secret: str, batch: int = 500) -> int:
    """``n`` reports routed to one agency (DE, narrow policy) whose webhook is ``url``: ``n`` referrals,
    each with its delivery waiting in the outbox. Reports and assessments are bulk rows (content is
    not read by routing or delivery)."""
    with ctx.unit() as session:
        service.seed_agencies(session)
        service.update_agency(session, ctx.keyring, "DE", "bench", webhook_url=url, webhook_secret=secret)
        service.set_policy(session, PolicyName.narrow, disclose_agencies=False, actor="bench")
        provider, _ = providers.add_provider(session, f"Webhook bench {uuid.uuid4().hex[:8]}")
        provider_id = provider.id
    de = Jurisdiction(route="member_states", states=("DE",), certainty=0.9)
    made = 0
    while made < n:
        now = utc_now()
        ids = [uuid.uuid4() for _ in range(min(batch, n - made))]
        with ctx.unit() as session:
            report_rows.insert_rows(session, Report, [_report(i, provider_id, now) for i in ids])
            report_rows.insert_rows(
                session, Assessment, [_assessment(i, now) | {"provider_id": provider_id} for i in ids]
            )
        with ctx.unit() as session:
            for i in ids:
                service.route(session, ctx.keyring, i, jurisdiction=de, cause="bench")
        made += len(ids)
    return made


def _report(report_id: uuid.UUID, provider_id: uuid.UUID, now: Any) -> dict[str, Any]:
    return {
        "id": report_id,
        "provider_id": provider_id,
        "provider_report_id": report_id.hex,
        "schema_version": "1.0",
        "status": "assessed",
        "content_digest": "0" * 64,
        "content_sealed": b"",
        "incident_categories": [],
        "incident_time": now,
        "service_type": "messaging",
        "provider_urgent": False,
        "received_at": now,
        "finished_at": now,
        "retracted_at": None,
    }


def _assessment(report_id: uuid.UUID, now: Any) -> dict[str, Any]:
    return {
        "report_id": report_id,
        "state": "assessed",
        "priority": "P3",
        "rank": 3,
        "auto_priority": "P3",
        "override_priority": None,
        "override_reason": None,
        "override_by": None,
        "override_at": None,
        "provider_urgent": False,
        "reasons": [],
        "signal_kinds": [],
        "unfounded_reasons": [],
        "missing": [],
        "signals_sealed": b"",
        "bundle_id": None,
        "duplicate_key": None,
        "received_at": now,
        "version": 1,
        "assessed_at": now,
    }
