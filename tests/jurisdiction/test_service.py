"""The decision recorded: through the jobs after a report finishes, idempotent, logged on change only."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from tipline.context import Context
from tipline.jurisdiction import service
from tipline.models import ReportEvent, ReportJurisdiction

Jobs = Callable[[], int]
HOME = "79.192.1.2"  # Deutsche Telekom


def payload(rid: str, **extra: Any) -> dict[str, Any]:
    person = {
        "ref": "u1",
        "provider_user_id": "acct-1",
        "ip_events": [
            {"ip": HOME, "event": "login", "at": "2026-01-02T03:00:00Z"},
            {"ip": "79.200.3.4", "event": "login", "at": "2026-01-01T03:00:00Z"},
        ],
    }
    body: dict[str, Any] = {
        "provider_report_id": rid,
        "incident": {"categories": ["known_material"], "time": "2026-01-02T03:04:05Z"},
        "service": {"name": "Example Chat", "type": "messaging"},
        "reported_persons": [person],
        "files": [{"ref": "f1", "media_type": "image/jpeg", "hashes": {"md5": "a" * 32}}],
    }
    body.update(extra)
    return body


def submit(client: TestClient, auth: dict[str, str], body: dict[str, Any]) -> uuid.UUID:
    r = client.post("/api/v1/reports", json=body, headers=auth)
    assert r.status_code == 201, r.text
    return uuid.UUID(r.json()["id"])


def decided_events(ctx: Context, report_id: uuid.UUID) -> list[ReportEvent]:
    with ctx.unit() as session:
        return list(
            session.scalars(
                select(ReportEvent)
                .where(ReportEvent.report_id == report_id, ReportEvent.kind == service.DECIDED_EVENT)
                .order_by(ReportEvent.seq)
            )
        )


def test_decided_by_the_jobs_idempotent_and_logged_on_change_only(
    ctx: Context, client: TestClient, auth: dict[str, str], run_jobs: Jobs
) -> None:
    rid = submit(client, auth, payload("j-1"))
    run_jobs()
    with ctx.unit() as session:
        row = session.get(ReportJurisdiction, rid)
        assert row is not None
        assert (row.route, row.states, row.version) == ("member_states", ["DE"], 1)
        assert row.reason_kinds == ["login_ip"]
        assert HOME.encode() not in row.reasons_sealed
    [event] = decided_events(ctx, rid)
    assert event.data == {
        "version": 1,
        "route": "member_states",
        "states": ["DE"],
        "certainty": row.certainty,
        "reasons": ["login_ip"],
    }
    assert HOME not in str(event.data)

    with ctx.unit() as session:  # again, on the unchanged report: nothing changes, nothing is logged
        again = service.decide_for_report(session, ctx.keyring, rid)
    assert again.states == ("DE",)
    assert len(decided_events(ctx, rid)) == 1

    victim = {"victims": [{"ref": "v1", "age": 12, "estimated_location": {"country_code": "FR"}}]}
    r = client.post(f"/api/v1/reports/{rid}/supplements", json=victim, headers=auth)
    assert r.status_code in (200, 201, 202), r.text
    run_jobs()
    events = decided_events(ctx, rid)
    assert [e.data["states"] for e in events] == [["DE"], ["DE", "FR"]]
    with ctx.unit() as session:
        stored = service.get(session, ctx.keyring, rid)
    assert stored is not None
    assert stored.states == ("DE", "FR")
    assert {(r.kind, r.role, r.country) for r in stored.reasons} == {
        ("login_ip", "suspect", "DE"),
        ("estimated_location", "victim", "FR"),
    }


def test_undetermined_goes_to_europol(
    ctx: Context, client: TestClient, auth: dict[str, str], run_jobs: Jobs
) -> None:
    body = payload("j-2")
    body["reported_persons"][0]["ip_events"] = [
        {"ip": "88.198.3.4", "event": "login", "possible_proxy": True}
    ]
    rid = submit(client, auth, body)
    run_jobs()
    with ctx.unit() as session:
        row = session.get(ReportJurisdiction, rid)
        assert row is not None
        assert (row.route, row.states) == ("undetermined", [])
