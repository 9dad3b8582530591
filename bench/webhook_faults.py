"""Webhook delivery under faults: every referral delivered exactly once by idempotency key.

In a fresh database (SQLite in a temporary directory unless --database-url is given), N reports are
routed to one agency whose webhook is a receiver on 127.0.0.1 (referrals and their outbox rows written
together, as routing writes them). The dispatcher then delivers until nothing is left, twice:

* baseline: N deliveries to a receiver without faults;
* faults: N more deliveries to a receiver that answers 500 (--fail), takes the delivery but answers
  only after the sender's timeout (--slow: the sender retries what was taken), or drops the connection
  and is stopped and restarted (--restart: connections are refused meanwhile).

The receiver verifies every signature and records each idempotency key; it prints deliveries, attempts,
requests, repeats seen at the receiver (deduplicated by key), distinct keys against referrals, elapsed
times and the ratio to the baseline.

    .venv/bin/python bench/webhook_faults.py 10000
"""

from __future__ import annotations

import argparse
import base64
import logging
import secrets
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from sqlalchemy import func, select  # noqa: E402
from tests.forwarding.receiver import FaultyReceiver, routed_reports  # noqa: E402

from tipline.config import Settings  # noqa: E402
from tipline.context import Context  # noqa: E402
from tipline.core import migrate  # noqa: E402
from tipline.forwarding.webhooks import Dispatcher, DispatchSettings  # noqa: E402
from tipline.models import Referral, WebhookDelivery  # noqa: E402


def deliver(ctx: Context, settings: DispatchSettings, limit_s: float) -> tuple[float, Counter[str]]:
    start = time.perf_counter()
    errors: Counter[str] = Counter()
    client = httpx.Client(timeout=settings.timeout, limits=httpx.Limits(max_connections=settings.concurrency))
    d = Dispatcher(ctx, settings, client=client)
    try:
        while time.perf_counter() - start < limit_s:
            errors.update(d.run_until_idle(max_seconds=10).errors)
            with ctx.read() as session:
                left = session.scalar(select(func.count()).where(WebhookDelivery.state != "delivered"))
            if not left:
                break
            time.sleep(0.01)
    finally:
        d.close()
        client.close()
    return time.perf_counter() - start, errors


def phase(
    ctx: Context, name: str, receiver: FaultyReceiver, n: int, settings: DispatchSettings
) -> dict[str, float]:
    secret = receiver.secret.decode()
    receiver.start()
    with ctx.read() as session:
        before = set(session.scalars(select(WebhookDelivery.idempotency_key)))
        attempts_before = session.scalar(select(func.coalesce(func.sum(WebhookDelivery.attempts), 0))) or 0
    t0 = time.perf_counter()
    routed_reports(ctx, n, receiver.url, secret)
    routed = time.perf_counter() - t0
    elapsed, errors = deliver(ctx, settings, limit_s=3600)
    receiver.stop()
    with ctx.read() as session:
        keys = set(session.scalars(select(WebhookDelivery.idempotency_key))) - before
        attempts = (session.scalar(select(func.sum(WebhookDelivery.attempts))) or 0) - attempts_before
        pending = session.scalar(select(func.count()).where(WebhookDelivery.state != "delivered"))
        delivered = session.scalar(select(func.count()).where(Referral.status == "delivered"))
    s = receiver.summary()
    exact = set(receiver.seen) == keys and s["distinct_referrals"] == n
    print(
        f"{name:<9} referrals {n}  routed in {routed:.1f} s  delivered in {elapsed:.1f} s "
        f"({n / elapsed:.0f}/s)  attempts {attempts}  requests {s['requests']}  "
        f"repeats at receiver {s['duplicates']}  distinct keys {s['distinct_keys']}  "
        f"bad signatures {s['bad_signatures']}  left pending {pending}  "
        f"faults {dict(receiver.faults)}  exactly once by key: {exact}"
    )
    print(f"          failed attempts by error: {dict(errors)}")
    return {"elapsed": elapsed, "delivered": float(delivered or 0), "exact": float(exact)}


def main() -> None:
    logging.getLogger("tipline").setLevel(logging.ERROR)  # retries are expected here
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("n", type=int, nargs="?", default=10_000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--fail", type=float, default=0.10)
    parser.add_argument("--slow", type=float, default=0.03)
    parser.add_argument("--restart", type=float, default=0.003)
    parser.add_argument("--timeout", type=float, default=0.5)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    data = Path(tempfile.mkdtemp(prefix="tipline-webhooks-"))
    settings = Settings(
        data_dir=data,
        database_url=args.database_url or f"sqlite:///{data / 'bench.sqlite3'}",
        encryption_key=base64.b64encode(secrets.token_bytes(32)).decode(),
        worker=False,
    )
    ctx = Context.build(settings)
    migrate.upgrade(ctx.engine)
    dispatch = DispatchSettings(
        timeout=args.timeout,
        backoff=0.05,
        max_backoff=1.0,
        failing_after=1000,
        concurrency=args.concurrency,
        batch=4 * args.concurrency,
    )
    secret = secrets.token_urlsafe(32).encode()
    print(
        f"database {'sqlite' if settings.is_sqlite else 'postgresql'}; timeout {args.timeout} s, "
        f"concurrency {args.concurrency}; faults: 500 {args.fail:.1%}, slow {args.slow:.1%} "
        f"(answers after {2 * args.timeout:.1f} s), restart {args.restart:.1%} (down 0.3 s)"
    )
    base = phase(ctx, "baseline", FaultyReceiver(secret, seed=args.seed), args.n, dispatch)
    faulty = FaultyReceiver(
        secret,
        fail=args.fail,
        slow=args.slow,
        restart=args.restart,
        slow_seconds=2 * args.timeout,
        downtime=0.3,
        seed=args.seed,
    )
    hurt = phase(ctx, "faults", faulty, args.n, dispatch)
    print(f"ratio faults/baseline elapsed: {hurt['elapsed'] / base['elapsed']:.2f}")
    ctx.close()
    if not (base["exact"] and hurt["exact"]):
        sys.exit(1)


if __name__ == "__main__":
    main()
