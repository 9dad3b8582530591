"""The match and curation APIs: who may call what (a matrix of scopes), and what they answer."""

from __future__ import annotations

import random
import time
import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.conftest import TEST_KEY
from tests.factories.banks import flip, random_pdq
from tipline.app import create_app
from tipline.audit import service as audit
from tipline.config import Settings
from tipline.context import Context
from tipline.models import Indicator
from tipline.providers import service as providers

RNG = random.Random(11)
PDQ = random_pdq(RNG)


def key_with(ctx: Context, name: str, *scopes: str) -> dict[str, str]:
    with ctx.unit() as session:
        _, key = providers.add_provider(session, name, scopes)
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def curator(ctx: Context) -> dict[str, str]:
    return key_with(ctx, "Curation Desk", "curate")


@pytest.fixture
def matcher(ctx: Context) -> dict[str, str]:
    return key_with(ctx, "Hash Checker", "match")


CALLS = [
    ("get", "/api/v1/banks", None, "curate"),
    ("post", "/api/v1/banks", {"name": "b1", "purpose": "known"}, "curate"),
    ("patch", "/api/v1/banks/b1", {"enabled": False}, "curate"),
    ("post", "/api/v1/banks/b1/indicators", {"indicators": [{"hash_type": "pdq", "hash": PDQ}]}, "curate"),
    ("get", "/api/v1/indicators/1", None, "curate"),
    ("post", "/api/v1/indicators/1/withdraw", {"reason": "x"}, "curate"),
    ("post", "/api/v1/indicators/1/feedback", {"sentiment": "affirmative"}, "curate"),
    ("post", "/api/v1/match", {"hashes": [{"hash_type": "pdq", "hash": PDQ}]}, "match"),
    ("post", "/api/v1/reports", {}, "report"),
    ("post", f"/api/v1/reports/{uuid.UUID(int=1)}/supplements", {"additional_info": "x"}, "report"),
    ("get", "/api/v1/assessments", None, "assess"),
    ("get", f"/api/v1/assessments/{uuid.UUID(int=1)}", None, "assess"),
    (
        "post",
        f"/api/v1/assessments/{uuid.UUID(int=1)}/override",
        {"priority": "P1", "reason": "other", "note": "n"},
        "assess",
    ),
    ("post", f"/api/v1/assessments/{uuid.UUID(int=1)}/notes", {"text": "n"}, "assess"),
    ("get", f"/api/v1/bundles/{uuid.UUID(int=1)}", None, "assess"),
]


@pytest.mark.parametrize("scope", ["report", "match", "curate", "assess", None])
@pytest.mark.parametrize(("method", "path", "body", "needs"), CALLS)
def test_scope_matrix(
    client: TestClient, ctx: Context, scope: str | None, method: str, path: str, body: object, needs: str
) -> None:
    headers = key_with(ctx, "Org", scope) if scope else {"Authorization": "Bearer tl_nope"}
    r = client.request(method, path, json=body, headers=headers)
    if scope is None:
        assert r.status_code == 401
    elif scope != needs:
        assert r.status_code == 403
        assert r.json()["code"] == "scope_missing"
    else:
        assert r.status_code not in (401, 403)


def test_curate_then_match(
    client: TestClient, curator: dict[str, str], matcher: dict[str, str], ctx: Context
) -> None:
    assert (
        client.post("/api/v1/banks", json={"name": "ncmec", "purpose": "known"}, headers=curator).status_code
        == 201
    )
    added = client.post(
        "/api/v1/banks/ncmec/indicators",
        json={
            "indicators": [
                {"hash_type": "PDQ", "hash": PDQ.upper(), "category": "A1"},
                {"hash_type": "md5", "hash": "a" * 32},
            ]
        },
        headers=curator,
    )
    assert added.status_code == 200
    assert added.json()["added"] == 2
    near = flip(PDQ, 9, RNG)
    r = client.post(
        "/api/v1/match",
        json={"hashes": [{"hash_type": "pdq", "hash": near}, {"hash_type": "md5", "hash": "b" * 32}]},
        headers=matcher,
    )
    assert r.status_code == 200
    body = r.json()
    with ctx.unit() as session:
        pdq_id = session.scalars(select(Indicator.id).where(Indicator.hash_type == "pdq")).one()
    assert body["results"][0]["matches"] == [
        {"bank": "ncmec", "purpose": "known", "indicator_id": pdq_id, "distance": 9, "category": "A1"}
    ]
    assert body["results"][1] == {"hash_type": "md5", "hash": "b" * 32, "matches": []}
    assert body["index_version"] == 2
    listed = client.get("/api/v1/banks", headers=curator).json()
    assert listed[0]["active"] == {"md5": 1, "pdq": 1}
    reason = {"reason": "false positive"}
    w = client.post(f"/api/v1/indicators/{pdq_id}/withdraw", json=reason, headers=curator)
    assert w.status_code == 200
    assert w.json()["status"] == "withdrawn"
    assert [e["kind"] for e in w.json()["events"]] == ["added", "withdrawn"]
    again = client.post(
        "/api/v1/match", json={"hashes": [{"hash_type": "pdq", "hash": near}]}, headers=matcher
    )
    assert again.json()["results"][0]["matches"] == []
    with ctx.unit() as session:
        queries = audit.recent(session, action="match.query")
    assert [r.data for r in queries] == [{"queries": 1, "matched": 0}, {"queries": 2, "matched": 1}]


def test_bad_hashes_are_located(client: TestClient, matcher: dict[str, str]) -> None:
    r = client.post(
        "/api/v1/match",
        json={
            "hashes": [
                {"hash_type": "pdq", "hash": PDQ},
                {"hash_type": "md5", "hash": "xyz"},
                {"hash_type": "crc", "hash": "00"},
            ]
        },
        headers=matcher,
    )
    assert r.status_code == 422
    assert [e["pointer"] for e in r.json()["errors"]] == ["/hashes/1", "/hashes/2"]


def test_unknown_bank_and_indicator(client: TestClient, curator: dict[str, str]) -> None:
    assert client.patch("/api/v1/banks/none", json={}, headers=curator).json()["code"] == "bank_not_found"
    assert client.get("/api/v1/indicators/99", headers=curator).json()["code"] == "indicator_not_found"


def test_health_reports_a_stale_index(ctx: Context, database_url: str, tmp_path: object) -> None:
    settings = Settings(
        data_dir=ctx.settings.data_dir,
        database_url=database_url,
        encryption_key=TEST_KEY,
        worker=False,
        index_refresh_seconds=0,
        index_stale_seconds=0.05,
    )
    with TestClient(create_app(settings)) as c:
        assert c.get("/health").json()["index"]["state"] == "current"
        with ctx.unit() as session:  # another process adds an indicator; this one never refreshes
            from tests.factories.banks import bank, load, record

            load(session, bank(session), [record("pdq", PDQ)])
        first = c.get("/health").json()["index"]
        assert first["behind"] == 1
        assert first["state"] == "current"
        time.sleep(0.1)
        r = c.get("/health")
        assert r.status_code == 503
        assert r.json()["index"]["state"] == "stale"
