"""Readiness: 200 only when the database answers and its schema is current."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.conftest import TEST_KEY
from tipline import __version__
from tipline.app import create_app
from tipline.config import Settings


def test_ready(client: TestClient) -> None:
    r = client.get("/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["version"] == __version__
    assert body["index"] == {
        "state": "current",
        "size": 0,
        "delta": 0,
        "watermark": 0,
        "behind": 0,
        "seconds_behind": 0.0,
    }


def test_not_ready_before_migrations(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, encryption_key=TEST_KEY)
    with TestClient(create_app(settings)) as c:
        r = c.get("/health")
    assert r.status_code == 503
    assert r.json()["database"] == "schema_not_current"


def test_unknown_route_is_a_problem_document(client: TestClient) -> None:
    r = client.get("/nowhere")
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["code"] == "not_found"
