"""Push delivery: signed webhooks from the transactional outbox (``webhook_deliveries``).

Signing: ``Tipline-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>." + body)>`` with
``Tipline-Timestamp`` (Unix seconds) and ``Idempotency-Key`` (one per delivery, the same on every
retry). A receiver recomputes the HMAC over the exact bytes, refuses timestamps older than a few
minutes (replays) and records each idempotency key once: then nothing is lost (the dispatcher retries
until a 2xx) and nothing is duplicated (a retry after a lost answer carries the same key).

The body announces the referral (ids, urgency, priority); the report itself is fetched with the agency's
credential through the pull API, where each read is audited. So a wrong webhook URL leaks no report.

The dispatcher claims due deliveries with a lease (like ``jobs.queue``: a dispatcher that dies mid-send
is replaced when the lease expires), sends them outside any transaction with a timeout, then settles
them: delivered on 2xx, otherwise retried with exponential backoff and jitter. After
``failing_after`` attempts a delivery is marked ``failing`` (visible in ``tipline deliver --status``
and to analysts) and keeps being retried at the longest interval: it is never dropped silently.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol

import httpx
import orjson
from sqlalchemy.orm import Session

from tipline.core.clock import utc_now
from tipline.core.crypto import Keyring
from tipline.forwarding import repository
from tipline.forwarding.service import webhook_secret

log = logging.getLogger("tipline.forwarding")

SIGNATURE_HEADER = "Tipline-Signature"
TIMESTAMP_HEADER = "Tipline-Timestamp"
IDEMPOTENCY_HEADER = "Idempotency-Key"
EVENT_HEADER = "Tipline-Event"
TOLERANCE_SECONDS = 300


# --- signing --------------------------------------------------------------------------------------


def sign(secret: bytes, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret, str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"v1={mac}"


def signed_headers(
    secret: bytes, body: bytes, idempotency_key: str, event: str, now: float
) -> dict[str, str]:
    timestamp = int(now)
    return {
        "Content-Type": "application/json",
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: sign(secret, timestamp, body),
        IDEMPOTENCY_HEADER: idempotency_key,
        EVENT_HEADER: event,
    }


def verify(
    secret: bytes,
    body: bytes,
    timestamp: str | None,
    signature: str | None,
    *,
    now: float | None = None,
    tolerance: float = TOLERANCE_SECONDS,
) -> bool:
    """What a receiver does: the signature matches the exact body and a recent timestamp."""
    if not timestamp or not signature or not timestamp.isdigit():
        return False
    if abs((now if now is not None else time.time()) - int(timestamp)) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, int(timestamp), body), signature)


# --- dispatching ----------------------------------------------------------------------------------


class DispatchContext(Protocol):
    keyring: Keyring

    def unit(self) -> AbstractContextManager[Session]: ...


@dataclass(frozen=True)
class DispatchSettings:
    timeout: float = 10.0
    backoff: float = 2.0  # first retry delay, doubling after each failure
    max_backoff: float = 3600.0
    failing_after: int = 8
    concurrency: int = 8
    batch: int = 64
    poll_seconds: float = 1.0

    @property
    def lease(self) -> timedelta:
        return timedelta(seconds=2 * self.timeout + 30)

    def delay(self, attempts: int, rng: Callable[[], float] = random.random) -> float:
        """Exponential backoff with jitter (50-100% of the step), capped at ``max_backoff``."""
        step = min(self.max_backoff, self.backoff * 2.0 ** max(0, attempts - 1))
        return step * (0.5 + 0.5 * rng())


@dataclass(frozen=True)
class Claimed:
    id: int
    attempts: int
    url: str
    secret: bytes
    key: str
    event: str
    body: bytes


@dataclass(frozen=True)
class Sent:
    claimed: Claimed
    status: int | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


@dataclass
class DispatchRun:
    claimed: int = 0
    delivered: int = 0
    failed: int = 0
    skipped: int = 0
    errors: Counter[str] = field(default_factory=Counter)  # failed attempts by error class or status


class Dispatcher:
    """Sends due webhook deliveries. ``run_once`` for the CLI and tests; ``start``/``stop`` run it in a
    background thread of a serving process (or ``tipline deliver --loop``)."""

    def __init__(
        self, ctx: DispatchContext, settings: DispatchSettings, *, client: httpx.Client | None = None
    ) -> None:
        self.ctx = ctx
        self.settings = settings
        self.client = client or httpx.Client(timeout=httpx.Timeout(settings.timeout), follow_redirects=False)
        self._owns_client = client is None
        self._pool = ThreadPoolExecutor(
            max_workers=settings.concurrency, thread_name_prefix="tipline-webhook"
        )
        self.wakeup = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run_once(self) -> DispatchRun:
        """Claim one batch of due deliveries, send them concurrently, settle them."""
        run = DispatchRun()
        claimed = self._claim(run)
        if claimed:
            results = list(self._pool.map(self._send, claimed))
            self._settle(results, run)
        return run

    def run_until_idle(self, max_seconds: float = 60.0) -> DispatchRun:
        """Run batches until no delivery is due (waiting ones are left for later)."""
        total = DispatchRun()
        deadline = time.monotonic() + max_seconds
        while time.monotonic() < deadline:
            run = self.run_once()
            for name in ("claimed", "delivered", "failed", "skipped"):
                setattr(total, name, getattr(total, name) + getattr(run, name))
            total.errors.update(run.errors)
            if run.claimed == 0 and run.skipped == 0:
                break
        return total

    def _claim(self, run: DispatchRun) -> list[Claimed]:
        now = utc_now()
        out: list[Claimed] = []
        with self.ctx.unit() as session:
            due = repository.due_deliveries(session, now, self.settings.batch)
            if not due:
                return out
            targets = repository.delivery_targets(session, [d.referral_id for d in due])
            for d in due:
                referral, agency = targets[d.referral_id]
                if not agency.active or not agency.webhook_url:
                    # the agency took its webhook away: the referral waits in its pull inbox instead
                    d.state, d.last_error = "skipped", "agency has no webhook"
                    run.skipped += 1
                    continue
                secret = webhook_secret(self.ctx.keyring, agency)
                if secret is None:  # refused by update_agency; kept visible if it ever happens
                    d.state, d.last_error = "failing", "agency webhook has no secret"
                    d.next_attempt_at = now + timedelta(seconds=self.settings.max_backoff)
                    continue
                d.state = "sending"
                d.attempts += 1
                d.next_attempt_at = now + self.settings.lease
                body = orjson.dumps(
                    {
                        "event": d.event,
                        "referral_id": str(referral.id),
                        "report_id": str(referral.report_id),
                        "agency": agency.code,
                        "urgent": referral.urgent,
                        "priority": referral.priority,
                        "sent_at": referral.sent_at.isoformat(),
                        "fetch": f"/api/v1/agency/referrals/{referral.id}",
                    },
                    option=orjson.OPT_SORT_KEYS,
                )
                out.append(
                    Claimed(d.id, d.attempts, agency.webhook_url, secret, d.idempotency_key, d.event, body)
                )
        run.claimed += len(out)
        return out

    def _send(self, c: Claimed) -> Sent:
        headers = signed_headers(c.secret, c.body, c.key, c.event, time.time())
        try:
            response = self.client.post(c.url, content=c.body, headers=headers)
        except httpx.HTTPError as exc:  # the message may carry the URL: keep the class only
            return Sent(c, None, type(exc).__name__)
        except Exception as exc:  # never let one delivery take the batch down
            return Sent(c, None, type(exc).__name__)
        return Sent(c, response.status_code, None if response.is_success else f"HTTP {response.status_code}")

    def _settle(self, results: list[Sent], run: DispatchRun) -> None:
        now = utc_now()
        with self.ctx.unit() as session:
            for sent in results:
                d = repository.get_delivery(session, sent.claimed.id)
                if d is None or d.state != "sending" or d.attempts != sent.claimed.attempts:
                    continue  # the lease ran out and another dispatcher took it over
                d.last_status = sent.status
                if sent.ok:
                    d.state, d.delivered_at, d.last_error = "delivered", now, None
                    repository.mark_referral_delivered(session, d.referral_id, now)
                    run.delivered += 1
                    continue
                d.last_error = sent.error
                run.errors[sent.error or "unknown"] += 1
                d.state = "failing" if d.attempts >= self.settings.failing_after else "pending"
                delay = self.settings.max_backoff if d.state == "failing" else self.settings.delay(d.attempts)
                d.next_attempt_at = now + timedelta(seconds=delay)
                run.failed += 1
        if run.failed:
            log.warning("webhook deliveries: %d failed this round, will be retried", run.failed)

    # the background thread

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="tipline-webhooks", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self.wakeup.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self.close()

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        if self._owns_client:
            self.client.close()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                run = self.run_once()
                if run.claimed or run.skipped:
                    continue  # more may be due
            except Exception:  # the database may be briefly unavailable; keep the dispatcher alive
                log.exception("webhook dispatcher error")
            self.wakeup.wait(self.settings.poll_seconds)
            self.wakeup.clear()
