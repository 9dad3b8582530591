"""Webhook signing, and delivery from the outbox to a receiver that fails, times out and restarts."""

from __future__ import annotations

import time

import httpx
from sqlalchemy import func, select

from tests.forwarding.receiver import FaultyReceiver, routed_reports
from tipline.context import Context
from tipline.forwarding.webhooks import Dispatcher, DispatchSettings, sign, signed_headers, verify
from tipline.models import Referral, WebhookDelivery

SECRET = "k" * 40


def test_signature_verifies_and_tampering_fails() -> None:
    body = b'{"event":"referral.created","referral_id":"x"}'
    now = 1_800_000_000.0
    h = signed_headers(SECRET.encode(), body, "key-1", "referral.created", now)
    assert h["Idempotency-Key"] == "key-1"
    assert h["Tipline-Signature"] == sign(SECRET.encode(), int(now), body)
    assert verify(SECRET.encode(), body, h["Tipline-Timestamp"], h["Tipline-Signature"], now=now)
    tampered = body.replace(b'"x"', b'"y"')
    assert not verify(SECRET.encode(), tampered, h["Tipline-Timestamp"], h["Tipline-Signature"], now=now)
    assert not verify(b"other" * 8, body, h["Tipline-Timestamp"], h["Tipline-Signature"], now=now)
    shifted = str(int(now) + 1)  # the timestamp is signed too
    assert not verify(SECRET.encode(), body, shifted, h["Tipline-Signature"], now=now)
    assert not verify(SECRET.encode(), body, h["Tipline-Timestamp"], h["Tipline-Signature"], now=now + 3600)
    assert not verify(SECRET.encode(), body, None, h["Tipline-Signature"], now=now)


def test_failing_receiver_stays_visible_and_is_retried(ctx: Context) -> None:
    routed_reports(ctx, 3, "http://127.0.0.1:9/hook", SECRET)  # nothing listens on port 9
    settings = DispatchSettings(timeout=0.5, backoff=0.001, max_backoff=0.01, failing_after=2, concurrency=2)
    d = Dispatcher(ctx, settings)
    try:
        for _ in range(3):
            d.run_once()
            time.sleep(0.02)
    finally:
        d.close()
    with ctx.unit() as session:
        rows = session.scalars(select(WebhookDelivery)).all()
        assert {(r.state, r.last_error) for r in rows} == {("failing", "ConnectError")}
        assert all(r.attempts == 3 for r in rows)  # still retried after being marked failing


def test_every_referral_delivered_exactly_once_under_faults(ctx: Context) -> None:
    receiver = FaultyReceiver(
        SECRET.encode(), fail=0.15, slow=0.05, restart=0.02, slow_seconds=0.5, downtime=0.1, seed=7
    )
    receiver.start()
    try:
        n = routed_reports(ctx, 300, receiver.url, SECRET)
        settings = DispatchSettings(
            timeout=0.25, backoff=0.01, max_backoff=0.2, failing_after=50, concurrency=16, batch=64
        )
        d = Dispatcher(ctx, settings, client=httpx.Client(timeout=0.25))
        deadline = time.monotonic() + 60
        try:
            while time.monotonic() < deadline:
                d.run_until_idle(max_seconds=5)
                with ctx.unit() as session:
                    left = session.scalar(select(func.count()).where(WebhookDelivery.state != "delivered"))
                if left == 0:
                    break
                time.sleep(0.02)
        finally:
            d.close()
            d.client.close()
    finally:
        receiver.stop()
    summary = receiver.summary()
    with ctx.unit() as session:
        keys = set(session.scalars(select(WebhookDelivery.idempotency_key)))
        delivered = session.scalar(select(func.count()).where(Referral.status == "delivered"))
    assert left == 0, "deliveries left pending"
    assert summary["distinct_keys"] == n == len(keys) == delivered
    assert set(receiver.seen) == keys  # nothing lost, nothing unknown
    assert summary["distinct_referrals"] == n  # one key per referral
    assert summary["bad_signatures"] == 0
    assert min(receiver.faults[f] for f in ("fail", "slow", "restart")) > 0
