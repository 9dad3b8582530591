"""The whole chain on two reports about one man from two providers: assessed, linked, decided, routed;
the German agency takes the first; the second shows who already has him."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.assessment.test_service import Jobs
from tests.forwarding.conftest import agency_auth, analyst_auth
from tipline.context import Context
from tipline.forwarding import service
from tipline.providers import service as providers


def report(rid: str, uid: str) -> dict[str, Any]:
    return {
        "provider_report_id": rid,
        "incident": {"categories": ["known_material"], "time": "2026-01-02T03:04:05Z"},
        "service": {"name": "Example Chat", "type": "messaging"},
        "reported_persons": [
            {
                "ref": "u1",
                "provider_user_id": uid,
                "emails": [{"address": "same.man@mailbox.example"}],
                "phones": [{"number": "+49 151 23456789"}],
                "estimated_location": {"city": "Berlin", "country_code": "DE"},
            }
        ],
        "files": [{"ref": "f1", "media_type": "image/jpeg", "hashes": {"md5": (rid * 32)[:32]}}],
    }


def test_a_second_report_shows_who_already_has_the_first(
    client: TestClient, auth: dict[str, str], ctx: Context, run_jobs: Jobs
) -> None:
    with ctx.unit() as session:
        service.seed_agencies(session)
        _, other_key = providers.add_provider(session, "Other Cloud")
    first = client.post("/api/v1/reports", json=report("a", "1"), headers=auth).json()["id"]
    run_jobs()
    germany = agency_auth(ctx, "DE")
    (referral,) = client.get("/api/v1/agency/referrals", headers=germany).json()
    assert referral["report_id"] == first
    assert (
        client.post(f"/api/v1/agency/referrals/{referral['id']}/acknowledge", headers=germany).status_code
        == 200
    )

    second = client.post(
        "/api/v1/reports", json=report("b", "x7"), headers={"Authorization": f"Bearer {other_key}"}
    ).json()["id"]
    run_jobs()
    analyst = analyst_auth(ctx)
    seen = client.get(f"/api/v1/reports/{second}/deconfliction", headers=analyst).json()
    assert seen["subject_reports"] == 1
    (related,) = seen["related"]
    assert related["report_id"] == first
    assert related["linked_by"] == ["email", "phone"]
    assert related["agencies"] == ["DE", "EUROPOL"]
    assert seen["working"] == ["DE"]
    holding = {h["agency"]: h for h in seen["agencies"]}
    assert holding["DE"]["reports"] == 2  # both reports went to Germany
    assert holding["DE"]["working"]
    assert not holding["EUROPOL"]["working"]

    new = client.get("/api/v1/agency/referrals", headers=germany).json()
    (again,) = [r for r in new if r["report_id"] == second]
    detail = client.get(f"/api/v1/agency/referrals/{again['id']}", headers=germany).json()
    assert detail["deconfliction"]["working"] == ["DE"]
    assert detail["deconfliction"]["related"][0]["report_id"] == first

    assert client.get(f"/api/v1/reports/{second}/deconfliction", headers=auth).status_code == 403
    missing = client.get(
        "/api/v1/reports/00000000-0000-0000-0000-000000000000/deconfliction", headers=analyst
    )
    assert missing.status_code == 404
