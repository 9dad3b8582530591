"""The queues: order, keyset pages, filters, search by keyed identifier, and law enforcement's scope."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from tests.forwarding.conftest import body, set_assessment
from tipline.access.roles import Principal, Role
from tipline.casework import queue
from tipline.context import Context
from tipline.core.clock import utc_now
from tipline.core.errors import Unprocessable
from tipline.models import Assessment

ANALYST = Principal(uuid.uuid4(), "a", Role.analyst)


def _reports(
    client: TestClient, auth: dict[str, str], ctx: Context, priorities: list[str]
) -> list[uuid.UUID]:
    out = []
    now = utc_now()
    for i, p in enumerate(priorities):
        rid = uuid.UUID(client.post("/api/v1/reports", json=body(f"q-{i}"), headers=auth).json()["id"])
        set_assessment(ctx, rid, "assessed", p)
        with ctx.unit() as session:  # older first: report i arrived i hours before the last
            session.execute(
                update(Assessment)
                .where(Assessment.report_id == rid)
                .values(received_at=now - timedelta(hours=len(priorities) - i))
            )
        out.append(rid)
    return out


def _all_pages(ctx: Context, principal: Principal, f: queue.Filters, size: int) -> list[uuid.UUID]:
    seen: list[uuid.UUID] = []
    after = None
    while True:
        with ctx.read() as session:
            page = queue.queue(
                session,
                ctx.keyring,
                principal,
                queue.Filters(**{**f.__dict__, "after": after}),
                queue.Sla(),
                size,
            )
        seen += [r.report_id for r in page.rows]
        if page.next_cursor is None:
            return seen
        after = page.next_cursor


def test_priority_then_oldest_across_keyset_pages(
    client: TestClient, auth: dict[str, str], ctx: Context
) -> None:
    ids = _reports(client, auth, ctx, ["P3", "P1", "INFO", "P2", "P1", "P3", "P2"])
    expected = [ids[1], ids[4], ids[3], ids[6], ids[0], ids[5]]
    got = _all_pages(ctx, ANALYST, queue.Filters(), size=2)
    assert got == [*expected, ids[2]]
    assert _all_pages(ctx, ANALYST, queue.Filters(priority="P2"), size=1) == [ids[3], ids[6]]


def test_bad_cursor_and_filter_are_refused(ctx: Context) -> None:
    with ctx.read() as session, pytest.raises(Unprocessable):
        queue.queue(session, ctx.keyring, ANALYST, queue.Filters(after="nonsense"), queue.Sla())
    with ctx.read() as session, pytest.raises(Unprocessable):
        queue.queue(session, ctx.keyring, ANALYST, queue.Filters(priority="P9"), queue.Sla())


def test_sla_due(client: TestClient, auth: dict[str, str], ctx: Context) -> None:
    _reports(client, auth, ctx, ["P1", "P3"])
    with ctx.read() as session:
        rows = queue.queue(session, ctx.keyring, ANALYST, queue.Filters(), queue.Sla()).rows
    assert rows[0].due_at == rows[0].received_at + timedelta(minutes=30)
    assert rows[1].due_at is None
