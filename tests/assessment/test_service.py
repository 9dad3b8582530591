"""Assessment end to end: submitted through the API, assessed by the jobs, read by provider and analyst."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.factories.banks import bank, load, record
from tipline.assessment import service
from tipline.context import Context
from tipline.models import Assessment, ReportEvent
from tipline.providers import service as providers

Jobs = Callable[[], int]


def person(ref: str = "u1", uid: str = "acct-1", **extra: Any) -> dict[str, Any]:
    return {
        "ref": ref,
        "provider_user_id": uid,
        "ip_events": [{"ip": "84.128.1.2", "port": 40000, "at": "2026-01-02T03:00:00Z", "event": "login"}],
        **extra,
    }


def body(rid: str, *, texts: list[str] = (), md5: str | None = "a" * 32, **extra: Any) -> dict[str, Any]:  # type: ignore[assignment]
    payload: dict[str, Any] = {
        "provider_report_id": rid,
        "incident": {"categories": ["known_material"], "time": "2026-01-02T03:04:05Z"},
        "service": {"name": "Example Chat", "type": "messaging"},
        "reported_persons": [person()],
        "files": [{"ref": "f1", "media_type": "image/jpeg", "hashes": {"md5": md5}}] if md5 else [],
        "texts": [{"kind": "description", "language": "en", "content": t} for t in texts],
    }
    payload.update(extra)
    return payload


@pytest.fixture
def analyst(ctx: Context) -> dict[str, str]:
    with ctx.unit() as session:
        _, key = providers.add_provider(session, "Analyst desk", ("assess",))
    return {"Authorization": f"Bearer {key}"}


def submit(client: TestClient, auth: dict[str, str], payload: dict[str, Any]) -> str:
    r = client.post("/api/v1/reports", json=payload, headers=auth)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def events(ctx: Context, report_id: str, kind: str) -> list[ReportEvent]:
    with ctx.unit() as session:
        return list(
            session.scalars(
                select(ReportEvent)
                .where(ReportEvent.report_id == uuid.UUID(report_id), ReportEvent.kind == kind)
                .order_by(ReportEvent.seq)
            )
        )


def test_finished_report_is_assessed_once(
    client: TestClient, auth: dict[str, str], analyst: dict[str, str], ctx: Context, run_jobs: Jobs
) -> None:
    rid = submit(
        client, auth, body("r1", texts=["The adult arranged to meet the child in person on Saturday."])
    )
    run_jobs()
    seen = client.get(f"/api/v1/reports/{rid}", headers=auth).json()
    assert seen["status"] == "assessed"
    assert seen["decisions"] == []  # the priority is not disclosed to the provider
    a = client.get(f"/api/v1/assessments/{rid}", headers=analyst).json()
    assert a["priority"] == "P1"
    assert a["reasons"][0]["code"] == "meeting_planned"
    meeting = next(s for s in a["signals"] if s["kind"] == "text.planned_meeting")
    assert meeting["source"].startswith("text:")
    assert "[" in meeting["evidence"]
    assert len(events(ctx, rid, "report.assessed")) == 1
    with ctx.unit() as session:  # assessing again with nothing new changes nothing
        outcome = service.assess(session, ctx.keyring, uuid.UUID(rid))
    assert outcome is not None
    assert not outcome.changed
    assert len(events(ctx, rid, "report.assessed")) == 1
    data = events(ctx, rid, "report.assessed")[0].data
    assert "Saturday" not in str(data)  # the log holds kinds and refs, never the words


def test_provider_urgency_is_kept_apart(
    client: TestClient, auth: dict[str, str], analyst: dict[str, str], run_jobs: Jobs
) -> None:
    rid = submit(client, auth, body("r1", flags={"urgent": True, "urgent_reason": "please look"}))
    run_jobs()
    a = client.get(f"/api/v1/assessments/{rid}", headers=analyst).json()
    assert a["provider_urgent"] is True
    assert a["priority"] == "P2"  # tipline's own decision: known material, the claim raises it to P2


def test_incomplete_until_the_supplement_arrives(
    client: TestClient, auth: dict[str, str], ctx: Context, run_jobs: Jobs
) -> None:
    rid = submit(client, auth, body("r1", reported_persons=[{"ref": "u1", "screen_name": "x"}]))
    run_jobs()
    seen = client.get(f"/api/v1/reports/{rid}", headers=auth).json()
    assert seen["status"] == "incomplete"
    assert [x["code"] for x in seen["information_requested"]] == ["location"]
    assert seen["decisions"][0]["kind"] == "information_request"
    sup = {"answers": ["location"], "reported_persons": [person("u1", uid="acct-1")]}
    r = client.post(f"/api/v1/reports/{rid}/supplements", json=sup, headers=auth)
    assert r.status_code == 200, r.text
    run_jobs()
    seen = client.get(f"/api/v1/reports/{rid}", headers=auth).json()
    assert seen["status"] == "assessed"
    assert seen["information_requested"] == []
    assessed = events(ctx, rid, "report.assessed")
    assert [e.data["cause"] for e in assessed] == ["finished", "supplement"]


def test_supplement_refusals(client: TestClient, auth: dict[str, str], run_jobs: Jobs) -> None:
    open_report = submit(client, auth, {**body("open"), "finish": False})
    r = client.post(f"/api/v1/reports/{open_report}/supplements", json={"additional_info": "x"}, headers=auth)
    assert r.status_code == 409
    assert r.json()["code"] == "report_open"
    done = submit(client, auth, body("done"))
    r = client.post(f"/api/v1/reports/{done}/supplements", json={}, headers=auth)
    assert r.status_code == 422
    assert r.json()["code"] == "empty_supplement"
    two = {"victims": [{"ref": "v"}, {"ref": "v"}]}
    r = client.post(f"/api/v1/reports/{done}/supplements", json=two, headers=auth)
    assert r.status_code == 422
    assert r.json()["code"] == "invalid_supplement"
    r = client.post(
        f"/api/v1/reports/{uuid.uuid4()}/supplements", json={"additional_info": "x"}, headers=auth
    )
    assert r.status_code == 404


def test_retraction_makes_it_unfounded(client: TestClient, auth: dict[str, str], run_jobs: Jobs) -> None:
    rid = submit(client, auth, body("r1"))
    run_jobs()
    r = client.post(
        f"/api/v1/reports/{rid}/supplements", json={"retract": {"reason": "sent in error"}}, headers=auth
    )
    assert r.status_code == 200
    run_jobs()
    seen = client.get(f"/api/v1/reports/{rid}", headers=auth).json()
    assert seen["status"] == "unfounded"
    assert "retracted" in seen["decisions"][0]["reasons"][0]


def test_all_files_allowlisted_is_unfounded(
    client: TestClient, auth: dict[str, str], ctx: Context, run_jobs: Jobs
) -> None:
    with ctx.unit() as session:
        load(session, bank(session, "not-csam", purpose="allowlist"), [record("md5", "b" * 32)])
    rid = submit(client, auth, body("r1", md5="b" * 32))
    run_jobs()
    seen = client.get(f"/api/v1/reports/{rid}", headers=auth).json()
    assert seen["status"] == "unfounded"
    assert seen["decisions"][0]["value"] == "manifestly_unfounded"
    assert "not to be child sexual abuse material" in seen["decisions"][0]["reasons"][0]


def test_duplicate_of_an_earlier_report(client: TestClient, auth: dict[str, str], run_jobs: Jobs) -> None:
    first = submit(client, auth, body("r1"))
    again = submit(client, auth, body("r2"))
    run_jobs()
    assert client.get(f"/api/v1/reports/{first}", headers=auth).json()["status"] == "assessed"
    seen = client.get(f"/api/v1/reports/{again}", headers=auth).json()
    assert seen["status"] == "unfounded"
    assert "earlier report" in seen["decisions"][0]["reasons"][0]


def test_late_match_reassesses(
    client: TestClient, auth: dict[str, str], analyst: dict[str, str], ctx: Context, run_jobs: Jobs
) -> None:
    rid = submit(client, auth, body("r1", md5="c" * 32))
    run_jobs()
    assert (
        client.get(f"/api/v1/assessments/{rid}", headers=analyst).json()["priority"] == "P2"
    )  # unknown image
    with ctx.unit() as session:
        load(session, bank(session), [record("md5", "c" * 32)])
    run_jobs()
    a = client.get(f"/api/v1/assessments/{rid}", headers=analyst).json()
    assert a["priority"] == "P3"
    assert [e.data["cause"] for e in events(ctx, rid, "report.assessed")] == ["finished", "late_match"]


def test_override_and_note(
    client: TestClient, auth: dict[str, str], analyst: dict[str, str], ctx: Context, run_jobs: Jobs
) -> None:
    rid = submit(
        client,
        auth,
        body(
            "r1",
            md5=None,
            texts=["A user shared chat logs."],
            incident={"categories": ["solicitation"], "time": "2026-01-02T03:04:05Z"},
        ),
    )
    run_jobs()
    assert client.get(f"/api/v1/assessments/{rid}", headers=analyst).json()["priority"] == "P2"
    r = client.post(
        f"/api/v1/assessments/{rid}/override",
        json={"priority": "P1", "reason": "new_information", "note": "police called: child missing"},
        headers=analyst,
    )
    assert r.status_code == 200, r.text
    a = r.json()
    assert (a["priority"], a["auto_priority"], a["override"]["reason"]) == ("P1", "P2", "new_information")
    overridden = events(ctx, rid, "report.priority_overridden")
    assert overridden[0].data["from"] == "P2"
    assert overridden[0].data["to"] == "P1"
    assert "missing" not in str(overridden[0].data)  # the note is sealed, not in the log
    r = client.post(
        f"/api/v1/assessments/{rid}/notes",
        json={"text": "The girl wrote that she wants to die."},
        headers=analyst,
    )
    assert r.status_code == 202
    run_jobs()
    a = client.get(f"/api/v1/assessments/{rid}", headers=analyst).json()
    assert a["auto_priority"] == "P1"
    assert a["priority"] == "P1"
    assert any(s["source"].startswith("note:") for s in a["signals"])
    r = client.post(
        f"/api/v1/assessments/{rid}/override",
        json={"priority": None, "reason": "analyst_judgement", "note": "back to tipline's"},
        headers=analyst,
    )
    assert r.json()["override"] is None


def viral_body(rid: str, accounts: list[str], md5: str = "d" * 32) -> dict[str, Any]:
    return body(
        rid,
        md5=md5,
        annotations=["viral"],
        batch={"reason": "viral_potential_meme", "incident_count": 50},
        reported_persons=[person(f"u{i}", uid=a) for i, a in enumerate(accounts)],
    )


def test_viral_reports_are_bundled(
    client: TestClient, auth: dict[str, str], analyst: dict[str, str], ctx: Context, run_jobs: Jobs
) -> None:
    with ctx.unit() as session:
        load(session, bank(session), [record("md5", "d" * 32)])
    ids = [submit(client, auth, viral_body(f"v{i}", [f"a{i}", f"b{i}"])) for i in range(3)]
    risky = submit(
        client,
        auth,
        viral_body("v-risk", ["c1"])
        | {
            "texts": [
                {"kind": "description", "content": "The sender also arranged to meet the child on Friday."}
            ]
        },
    )
    run_jobs()
    queue = client.get("/api/v1/assessments", headers=analyst).json()
    bundled = [q for q in queue if q["bundle"]]
    assert len(bundled) == 1  # three INFO re-shares are one line
    assert bundled[0]["priority"] == "INFO"
    assert [q["priority"] for q in queue if q["report_id"] == risky] == ["P1"]  # not buried
    b = client.get(f"/api/v1/bundles/{bundled[0]['bundle']['id']}", headers=analyst).json()
    assert {m["report_id"] for m in b["members"]} == {*ids, risky}  # every sharer stays traceable
    assert b["occurrences"] == 200
    assert b["accounts"] == 7


def test_burst_of_accounts_forms_a_bundle(
    client: TestClient, auth: dict[str, str], ctx: Context, run_jobs: Jobs
) -> None:
    rule = service.ViralRule(accounts=3)
    ids = [
        submit(client, auth, body(f"s{i}", md5="e" * 32, reported_persons=[person(uid=f"x{i}")]))
        for i in range(3)
    ]
    with ctx.unit() as session:
        for rid in ids:
            service.assess(session, ctx.keyring, uuid.UUID(rid), viral=rule)
    with ctx.unit() as session:
        rows = {a.report_id: a for a in session.scalars(select(Assessment))}
        assert rows[uuid.UUID(ids[2])].bundle_id is not None
        pending = rows[uuid.UUID(ids[0])].bundle_id
    assert pending is None  # joins when the job that the bundle enqueued runs
    with ctx.unit() as session:
        for rid in ids[:2]:
            service.assess(session, ctx.keyring, uuid.UUID(rid), viral=rule, cause="bundle")
    with ctx.unit() as session:
        bundles = {a.bundle_id for a in session.scalars(select(Assessment))}
    assert len(bundles) == 1
    assert None not in bundles


def test_not_assessed_yet_and_unknown(client: TestClient, analyst: dict[str, str]) -> None:
    r = client.get(f"/api/v1/assessments/{uuid.uuid4()}", headers=analyst)
    assert r.status_code == 404
    assert r.json()["code"] == "not_assessed"
    r = client.post(f"/api/v1/assessments/{uuid.uuid4()}/notes", json={"text": "x"}, headers=analyst)
    assert r.status_code == 404


def test_reports_of_other_providers_naming_the_same_person_are_linked(
    client: TestClient, auth: dict[str, str], analyst: dict[str, str], ctx: Context, run_jobs: Jobs
) -> None:
    with ctx.unit() as session:
        _, other_key = providers.add_provider(session, "Other Mail")
    other = {"Authorization": f"Bearer {other_key}"}
    first = submit(
        client, auth, body("r1", reported_persons=[person(emails=[{"address": "s.unny@gmail.com"}])])
    )
    run_jobs()
    before = client.get(f"/api/v1/assessments/{first}", headers=analyst).json()
    assert "repeat_subject" not in [r["code"] for r in before["reasons"]]
    second = submit(
        client,
        other,
        body(
            "o1",
            md5="f" * 32,
            reported_persons=[person(uid="zz", emails=[{"address": "Sunny+x@googlemail.com"}])],
        ),
    )
    unrelated = submit(client, other, body("o2", md5="9" * 32, reported_persons=[person(uid="yy")]))
    run_jobs()
    for rid in (first, second):
        a = client.get(f"/api/v1/assessments/{rid}", headers=analyst).json()
        assert "repeat_subject" in [r["code"] for r in a["reasons"]]
        link = next(s for s in a["signals"] if s["kind"] == "link.other_reports")
        assert link["evidence"] == "email and ip shared with 1 other report(s), 1 of other providers"
    assert [e.data["cause"] for e in events(ctx, first, "report.assessed")] == ["finished", "link"]
    a = client.get(f"/api/v1/assessments/{unrelated}", headers=analyst).json()
    assert "repeat_subject" not in [r["code"] for r in a["reasons"]]


def test_supplemental_files_are_context_not_reported_content(
    client: TestClient, auth: dict[str, str], analyst: dict[str, str], ctx: Context, run_jobs: Jobs
) -> None:
    with ctx.unit() as session:
        load(session, bank(session), [record("md5", "1" * 32)])
    files = [
        {"ref": "f1", "media_type": "image/jpeg", "hashes": {"md5": "1" * 32}},
        {"ref": "ctx", "media_type": "image/jpeg", "relevance": "supplemental", "hashes": {"md5": "2" * 32}},
    ]
    rid = submit(client, auth, body("r1", files=files))
    run_jobs()
    a = client.get(f"/api/v1/assessments/{rid}", headers=analyst).json()
    assert a["priority"] == "P3"  # the unmatched context picture is not possibly new material
    assert [s["source"] for s in a["signals"] if s["kind"].startswith("file.")] == ["file:f1"]
