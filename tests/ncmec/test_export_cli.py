"""`tipline export ncmec`: a stored report written as CyberTipline XML; the folder submitted through
/ispws reproduces the report."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.factories.reports import png, rich, with_upload
from tests.ncmec.conftest import Ispws, basic
from tests.ncmec.test_roundtrip import stored
from tipline.cli.main import app
from tipline.config import Settings
from tipline.context import Context
from tipline.providers import service as providers
from tipline.reports import service as reports

runner = CliRunner()


@pytest.fixture
def env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from tipline.config import get_settings

    monkeypatch.setenv("TIPLINE_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("TIPLINE_DATABASE_URL", settings.sqlalchemy_url)
    assert settings.encryption_key is not None
    monkeypatch.setenv("TIPLINE_ENCRYPTION_KEY", settings.encryption_key.get_secret_value())
    get_settings.cache_clear()


def test_export_writes_a_folder_that_imports_back(
    env: None, client: TestClient, auth: dict[str, str], ispws: Ispws, ctx: Context, tmp_path: Path
) -> None:
    report = with_upload("cli-1")
    report["reported_persons"] = rich()["reported_persons"]
    report["files"][0]["uploader_ref"] = "suspect"
    created = client.post("/api/v1/reports", json={**report, "finish": False}, headers=auth).json()
    picture = png(7)
    up = client.post(
        f"/api/v1/reports/{created['id']}/files",
        data={"ref": "f1"},
        files={"file": ("f1.png", picture, "image/png")},
        headers=auth,
    )
    assert up.status_code == 201
    assert client.post(f"/api/v1/reports/{created['id']}/finish", headers=auth).status_code == 200

    out = tmp_path / "export"
    result = runner.invoke(app, ["export", "ncmec", created["id"], "--out", str(out), "--evidence"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["files"] == 1
    assert summary["evidence_files"] == 1
    manifest = json.loads((out / "manifest.json").read_text())
    entry = manifest["files"][0]
    assert (out / entry["bytes"]).read_bytes() == picture

    # the same provider may not reuse the provider_report_id for other content (a 4000), so another imports
    assert ispws.submit((out / "report.xml").read_bytes()).code == 4000
    with ctx.unit() as session:
        _, key = providers.add_provider(session, "Second Provider")
    ispws = Ispws(client, basic("Second Provider", key))
    opened = ispws.submit((out / "report.xml").read_bytes())
    assert opened.code == 0, opened.description
    assert opened.report_id is not None
    uploaded = ispws.upload(opened.report_id, (out / entry["bytes"]).read_bytes(), ref=entry["ref"])
    assert uploaded.code == 0
    assert ispws.fileinfo(opened.report_id, (out / entry["details"]).read_bytes()).code == 0
    assert ispws.finish(opened.report_id).code == 0

    with ctx.unit() as session:
        original = reports.read_content(ctx.keyring, reports.get_any(session, uuid.UUID(created["id"])))
    imported = stored(ctx, "Second Provider", opened.report_id)
    imported.pop("source")
    assert imported == original


def test_ncmec_only_export_and_unknown_report(
    env: None, client: TestClient, auth: dict[str, str], tmp_path: Path
) -> None:
    created = client.post("/api/v1/reports", json=rich(), headers=auth).json()
    out = tmp_path / "plain"
    result = runner.invoke(app, ["export", "ncmec", created["id"], "--out", str(out), "--ncmec-only"])
    assert result.exit_code == 0, result.output
    assert b"urn:tipline" not in (out / "report.xml").read_bytes()
    assert not list((out / "files").glob("*.bin"))
    missing = runner.invoke(
        app, ["export", "ncmec", "00000000-0000-4000-8000-000000000000", "--out", str(out)]
    )
    assert missing.exit_code == 1
    assert runner.invoke(app, ["export", "ncmec", "not-a-uuid", "--out", str(out)]).exit_code == 2
