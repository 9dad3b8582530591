"""Crash safety: a server killed with SIGKILL mid-stream loses nothing it acknowledged, and
resubmitting everything afterwards creates no duplicates. Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from tests.conftest import TEST_KEY
from tests.factories.reports import minimal, png, with_upload
from tipline.client.submit import Submitter
from tipline.config import Settings
from tipline.context import Context
from tipline.models import Report, ReportFile
from tipline.reports import service
from tipline.reports.schemas import ReportCreate, ReportStatus
from tipline.reports.workflow import FINISHED as FINISHED_STATUSES

pytestmark = pytest.mark.slow
N_REPORTS = 240


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Server:
    def __init__(self, settings: Settings, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "TIPLINE_DATA_DIR": str(settings.data_dir),
            "TIPLINE_DATABASE_URL": settings.sqlalchemy_url,
            "TIPLINE_ENCRYPTION_KEY": TEST_KEY,
        }
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tipline.cli.main",
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--no-migrate",
                ],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError("server did not become ready:\n" + self.log.read_text())

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)


@pytest.fixture
def server(settings: Settings, ctx: Context, tmp_path: Path) -> Iterator[Server]:
    srv = Server(settings, tmp_path / "server.log")
    srv.start()
    yield srv
    srv.stop()


def payloads() -> list[tuple[dict[str, Any], bytes | None]]:
    items: list[tuple[dict[str, Any], bytes | None]] = []
    for i in range(N_REPORTS):
        if i % 3 == 0:
            data = png(i, size=96)
            items.append((with_upload(f"crash-{i}", sha256=hashlib.sha256(data).hexdigest()), data))
        else:
            items.append((minimal(f"crash-{i}", additional_info=f"report {i}"), None))
    return items


def test_sigkill_loses_nothing_acknowledged(
    server: Server, provider_key: str, ctx: Context, settings: Settings
) -> None:
    items = payloads()
    acked: dict[str, dict[str, Any]] = {}  # provider_report_id -> what the server acknowledged
    lock = threading.Lock()
    client = httpx.Client(
        base_url=server.url, timeout=10, headers={"Authorization": f"Bearer {provider_key}"}
    )

    def send(item: tuple[dict[str, Any], bytes | None]) -> None:
        payload, data = item
        pid = payload["provider_report_id"]
        try:
            r = client.post("/api/v1/reports", json=payload)
            if r.status_code not in (200, 201):
                return
            with lock:
                acked[pid] = {"id": r.json()["id"], "status": r.json()["status"]}
            if data is None:
                return
            u = client.post(
                f"/api/v1/reports/{r.json()['id']}/files",
                data={"ref": "f1"},
                files={"file": ("f1.png", data, "image/png")},
            )
            if u.status_code in (200, 201):
                with lock:
                    acked[pid]["file"] = True
            f = client.post(f"/api/v1/reports/{r.json()['id']}/finish")
            if f.status_code == 200:
                with lock:
                    acked[pid]["status"] = "received"
        except httpx.TransportError:
            return

    def killer() -> None:
        while len(acked) < N_REPORTS // 3:
            time.sleep(0.005)
        server.kill()

    k = threading.Thread(target=killer)
    k.start()
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(send, items))
    k.join()
    client.close()
    assert N_REPORTS // 3 <= len(acked) < N_REPORTS, "the kill must land mid-stream"

    server.start()
    by_pid = {p["provider_report_id"]: (p, d) for p, d in items}
    with ctx.unit() as session:
        for pid, ack in acked.items():
            report = session.scalars(select(Report).where(Report.provider_report_id == pid)).one()
            assert str(report.id) == ack["id"]
            payload, data = by_pid[pid]
            expected = ReportCreate.model_validate(payload).content()
            assert service.read_content(ctx.keyring, report) == expected
            if ack["status"] == "received":
                assert report.status in FINISHED_STATUSES  # and perhaps already assessed by the worker
            if ack.get("file"):
                row = session.scalars(select(ReportFile).where(ReportFile.report_id == report.id)).one()
                assert row.state == "received"
                assert row.blob_id is not None
                assert b"".join(ctx.blobs.open(row.blob_id)) == data
    assert not list((settings.data_dir / "evidence").rglob(".incoming-*"))

    # Resubmit everything, as a provider would after a crash: nothing is duplicated, all complete.
    files_dir = settings.data_dir / "resubmit"
    files_dir.mkdir()
    submitter = Submitter(server.url, provider_key, files_dir, attempts=3)
    outcomes = []
    for p, d in items:
        if d is not None:
            (files_dir / "f1.png").write_bytes(d)  # every upload report names its file f1.png
        outcomes.append(submitter.submit_one(p))
    submitter.close()
    # Reports committed just before the kill, whose answer never arrived, are duplicates too.
    assert outcomes.count("duplicate") >= len(acked)
    with ctx.unit() as session:
        assert session.scalar(select(func.count()).select_from(Report)) == N_REPORTS
        statuses = {ReportStatus(s) for s in session.scalars(select(Report.status))}
        assert statuses <= FINISHED_STATUSES
