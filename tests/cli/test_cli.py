"""The command line as a user runs it: a subprocess with the environment as its only input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from tests.conftest import TEST_KEY
from tests.factories.reports import minimal

from tipline.config import Settings
from tipline.context import Context
from tipline.models import Report

pytestmark = pytest.mark.slow


def tipline(settings: Settings, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "TIPLINE_DATA_DIR": str(settings.data_dir),
        "TIPLINE_DATABASE_URL": settings.sqlalchemy_url,
        "TIPLINE_ENCRYPTION_KEY": TEST_KEY,
    }
    result = subprocess.run(
        [sys.executable, "-m", "tipline.cli.main", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_provider_add_prints_a_working_key(settings: Settings, ctx: Context, client: TestClient) -> None:
    result = tipline(settings, "provider", "add", "Example Video")
    key = result.stdout.strip().splitlines()[-1]
    assert key.startswith("tl_")
    assert key not in result.stderr
    r = client.post("/api/v1/reports", json=minimal(), headers={"Authorization": f"Bearer {key}"})
    assert r.status_code == 201
    again = tipline(settings, "provider", "add", "Example Video", check=False)
    assert again.returncode == 1
    assert "provider_exists" in again.stderr


def test_stats_counts_by_status(
    settings: Settings, ctx: Context, client: TestClient, auth: dict[str, str]
) -> None:
    client.post("/api/v1/reports", json=minimal("a"), headers=auth)
    client.post("/api/v1/reports", json=minimal("b", finish=False), headers=auth)
    stats = json.loads(tipline(settings, "stats", "--json").stdout.strip().splitlines()[-1])
    assert stats["reports"] == {"total": 2, "by_status": {"open": 1, "received": 1}}
    assert stats["assessments"]["priority"] == {}  # nothing assessed yet: no worker ran


def test_production_without_secrets_is_refused(settings: Settings, ctx: Context, tmp_path: Path) -> None:
    env = {**os.environ, "TIPLINE_ENV": "production", "TIPLINE_DATA_DIR": str(tmp_path)}
    env.pop("TIPLINE_ENCRYPTION_KEY", None)
    result = subprocess.run(
        [sys.executable, "-m", "tipline.cli.main", "db", "upgrade"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "TIPLINE_ENCRYPTION_KEY" in result.stderr


def test_demo_no_serve_then_submit_again_is_all_duplicates(
    settings: Settings, ctx: Context, tmp_path: Path
) -> None:
    result = tipline(settings, "demo", "--no-serve", "--reports", "60")
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["submitted"] == 60
    assert summary["accepted"] == 60
    assert summary["rejected"] == summary["failed"] == 0
    stats = json.loads(tipline(settings, "stats", "--json").stdout.strip().splitlines()[-1])
    by_status = stats["reports"]["by_status"]
    assert sum(by_status.values()) == 60
    assert set(by_status) <= {"received", "assessed", "incomplete", "unfounded"}  # finished, then assessed
    assert "reports by priority: P1" in result.stderr
    assessed = stats["assessments"]
    assert sum(assessed["priority"].values()) == 60
    with ctx.read() as session:  # each synthetic provider submitted its own reports with its own key
        owners = set(session.scalars(select(Report.provider_id)))
    assert len(owners) > 1
    assert sum(stats["linking"]["subjects"].values()) >= 60
    assert sum(stats["forwarding"]["referrals"].values()) > 0
    assert assessed["items"]["occurrences"] >= assessed["items"]["distinct"] > 0
    # Submitting the same folder again through a fresh server changes nothing.
    again = tipline(settings, "demo", "--no-serve", "--reports", "60")
    summary = json.loads(again.stdout.strip().splitlines()[-1])
    assert summary["duplicates"] == 60
    assert summary["accepted"] == 0
