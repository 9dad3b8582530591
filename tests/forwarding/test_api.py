"""The forwarding API: who may call what (a matrix of credentials and routes), and the agencies' pull API."""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient

from tests.forwarding.conftest import DE, Assessed, agency_auth, analyst_auth
from tipline.audit import service as audit
from tipline.context import Context
from tipline.forwarding import service
from tipline.providers import service as providers

CALLERS = ["none", "report", "match", "curate", "assess", "agency_de", "agency_fr"]


def headers_for(ctx: Context, caller: str) -> dict[str, str]:
    if caller == "none":
        return {"Authorization": "Bearer tl_nope"}
    if caller.startswith("agency_"):
        return agency_auth(ctx, caller.removeprefix("agency_").upper())
    with ctx.unit() as session:
        _, key = providers.add_provider(session, f"Org {caller}", (caller,))
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def referral(ctx: Context, assessed: Assessed) -> tuple[uuid.UUID, uuid.UUID]:
    """A report routed to DE and Europol: (report id, DE's referral id)."""
    rid = assessed("assessed", "P2")
    with ctx.unit() as session:
        made = service.route(session, ctx.keyring, rid, jurisdiction=DE)
        (de,) = [r.id for r in made if r.reason == "competent_state"]
    return rid, de


# (method, path template, body, who may: "assess" | "agency_de" | provider scope)
ROUTES = [
    ("get", "/api/v1/agencies", None, "assess"),
    ("get", "/api/v1/referrals?report_id={report}", None, "assess"),
    ("post", "/api/v1/referrals", {"report_id": "{report}", "agency": "AT"}, "assess"),
    ("get", "/api/v1/agency/referrals", None, "agency"),
    ("get", "/api/v1/agency/referrals/{referral}", None, "agency_de"),
    ("post", "/api/v1/agency/referrals/{referral}/acknowledge", None, "agency_de"),
    ("post", "/api/v1/agency/referrals/{referral}/decline", {"reason": "not_competent"}, "agency_de"),
    ("post", "/api/v1/agency/referrals/{referral}/close", None, "agency_de"),
    ("get", "/api/v1/assessments", None, "assess"),
    ("post", "/api/v1/reports", {}, "report"),
    ("post", "/api/v1/match", {"hashes": [{"hash_type": "md5", "hash": "b" * 32}]}, "match"),
]


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(("method", "path", "body", "needs"), ROUTES)
def test_authorization_matrix(
    client: TestClient,
    ctx: Context,
    referral: tuple[uuid.UUID, uuid.UUID],
    caller: str,
    method: str,
    path: str,
    body: dict[str, object] | None,
    needs: str,
) -> None:
    report, ref = referral
    url = path.format(report=report, referral=ref)
    payload = (
        None
        if body is None
        else {k: v.format(report=report) if isinstance(v, str) else v for k, v in body.items()}
    )
    r = client.request(method, url, json=payload, headers=headers_for(ctx, caller))
    agency_route = needs.startswith("agency")
    if caller == "none":
        assert r.status_code == 401
    elif agency_route and not caller.startswith("agency_"):
        assert r.status_code == 401  # a provider or analyst key is no agency credential
    elif agency_route and needs == "agency_de" and caller == "agency_fr":
        assert r.status_code == 404  # another agency's referral does not exist for it
        assert r.json()["code"] == "referral_not_found"
    elif agency_route:
        assert r.status_code in (200, 201), r.text
    elif caller.startswith("agency_"):
        assert r.status_code == 401  # an agency credential opens no provider or analyst route
    elif caller != needs:
        assert r.status_code == 403
        assert r.json()["code"] == "scope_missing"
    else:
        assert r.status_code not in (401, 403), r.text


def test_pull_api(client: TestClient, ctx: Context, assessed: Assessed) -> None:
    de = agency_auth(ctx, "DE")
    routine, urgent = assessed("assessed", "P3"), assessed("incomplete", "P1")
    with ctx.unit() as session:
        service.route(session, ctx.keyring, routine, jurisdiction=DE)
        service.route(session, ctx.keyring, urgent, jurisdiction=DE)
    listed = client.get("/api/v1/agency/referrals?status=new", headers=de).json()
    assert [(x["report_id"], x["urgent"], x["status"]) for x in listed] == [
        (str(urgent), True, "sent"),
        (str(routine), False, "sent"),
    ]  # urgent first
    first = listed[0]["id"]
    fetched = client.get(f"/api/v1/agency/referrals/{first}", headers=de)
    assert fetched.status_code == 200
    detail = fetched.json()
    assert detail["priority"] == "P1"
    assert detail["jurisdiction"]["states"] == ["DE"]
    assert detail["content"]["provider_report_id"].startswith("r-")
    assert detail["files"][0]["md5"] == "a" * 32
    assert detail["referral"]["status"] == "delivered"  # fetching delivers
    ack = client.post(f"/api/v1/agency/referrals/{first}/acknowledge", headers=de)
    assert (ack.status_code, ack.json()["status"]) == (200, "acknowledged")
    again = client.post(f"/api/v1/agency/referrals/{first}/acknowledge", headers=de)
    assert (again.status_code, again.json()["code"]) == (409, "referral_state")
    bad = client.post(f"/api/v1/agency/referrals/{first}/decline", json={"reason": "whatever"}, headers=de)
    assert bad.status_code == 422
    assert [x["report_id"] for x in client.get("/api/v1/agency/referrals", headers=de).json()] == [
        str(routine)
    ]
    with ctx.unit() as session:
        fetches = audit.recent(session, action="referral.fetched")
    assert len(fetches) == 1
    assert fetches[0].actor.startswith("agency:")


def test_analyst_views_and_reroutes(client: TestClient, ctx: Context, assessed: Assessed) -> None:
    analyst = analyst_auth(ctx)
    rid = assessed()
    with ctx.unit() as session:
        service.route(session, ctx.keyring, rid, jurisdiction=DE)
    listed = client.get(f"/api/v1/referrals?report_id={rid}", headers=analyst).json()
    assert sorted(x["agency"] for x in listed) == ["DE", "EUROPOL"]
    added = client.post("/api/v1/referrals", json={"report_id": str(rid), "agency": "nl"}, headers=analyst)
    assert added.status_code == 201
    assert {x["agency"]: x["reason"] for x in added.json()}["NL"] == "analyst"
    dup = client.post("/api/v1/referrals", json={"report_id": str(rid), "agency": "NL"}, headers=analyst)
    assert (dup.status_code, dup.json()["code"]) == (409, "already_referred")
    unknown = client.get(f"/api/v1/referrals?report_id={uuid.uuid4()}", headers=analyst)
    assert unknown.status_code == 404
    agencies = client.get("/api/v1/agencies", headers=analyst).json()
    assert len(agencies) == 29
    assert all("webhook_url" not in a for a in agencies)
