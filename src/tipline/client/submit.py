"""Submitting a synthetic-data folder through the real HTTP API, safely retried.

Every call is idempotent on the server (same provider_report_id and content -> the same report; the same
file bytes -> the same file), so a retry after a time-out or a crash never creates a duplicate, and a
report left open by an earlier interrupted run is completed on the next.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx
import orjson

RETRY_STATUSES = {429, 500, 502, 503, 504}


@dataclass
class SubmitSummary:
    submitted: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    failed: int = 0
    rejections: dict[str, int] = field(default_factory=dict)

    def line(self) -> dict[str, int]:
        d = asdict(self)
        d.pop("rejections")
        return d

    def add(self, other: SubmitSummary) -> None:
        """Count another run's submissions in this summary."""
        for name, n in other.line().items():
            setattr(self, name, getattr(self, name) + n)
        for code, n in other.rejections.items():
            self.rejections[code] = self.rejections.get(code, 0) + n


class Rejected(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class Failed(Exception):
    pass


class Submitter:
    def __init__(
        self,
        url: str,
        api_key: str,
        files_dir: Path,
        *,
        attempts: int = 8,
        timeout: float = 60.0,
        concurrency: int = 8,
    ) -> None:
        self.files_dir = files_dir
        self.attempts = attempts
        self.client = httpx.Client(
            base_url=url.rstrip("/"),
            headers={"Authorization": f"Bearer {api_key}"},
            timeout=timeout,
            limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
        )

    def close(self) -> None:
        self.client.close()

    def _call(
        self,
        method: str,
        path: str,
        files_factory: Callable[[], dict[str, Any]] | None = None,
        **kw: Any,
    ) -> httpx.Response:
        delay = 0.2
        for attempt in range(1, self.attempts + 1):
            try:
                if files_factory is not None:
                    kw["files"] = files_factory()  # a fresh body for every attempt
                response = self.client.request(method, path, **kw)
            except httpx.TransportError:
                response = None
            if response is not None and response.status_code not in RETRY_STATUSES:
                return response
            if attempt == self.attempts:
                break
            time.sleep(delay)
            delay = min(delay * 2, 5.0)
        raise Failed(f"{method} {path} did not succeed after {self.attempts} attempts")

    def submit_one(self, report: dict[str, Any]) -> str:
        """Submit one report with its files; returns 'accepted' or 'duplicate'."""
        r = self._call(
            "POST",
            "/api/v1/reports",
            content=orjson.dumps(report),
            headers={"Content-Type": "application/json"},
        )
        if r.status_code not in (200, 201):
            raise Rejected(_code(r))
        outcome = "accepted" if r.status_code == 201 else "duplicate"
        body = r.json()
        if body["status"] != "open":
            return outcome
        report_id = body["id"]
        declared = {f["ref"]: f for f in report.get("files", [])}
        for ref in body["awaiting_files"]:
            name = declared.get(ref, {}).get("filename")
            path = self.files_dir / str(name)
            if not name or not path.is_file():
                raise Rejected("file_missing_locally")  # the report stays open; a later run completes it
            media_type = declared[ref].get("media_type") or "application/octet-stream"

            def files(path: Path = path, media_type: str = media_type) -> dict[str, Any]:
                return {"file": (path.name, path.read_bytes(), media_type)}

            u = self._call(
                "POST", f"/api/v1/reports/{report_id}/files", data={"ref": ref}, files_factory=files
            )
            if u.status_code not in (200, 201):
                raise Rejected(_code(u))
        f = self._call("POST", f"/api/v1/reports/{report_id}/finish")
        if f.status_code != 200:
            raise Rejected(_code(f))
        return outcome


def _code(response: httpx.Response) -> str:
    try:
        return str(response.json().get("code", response.status_code))
    except ValueError:
        return str(response.status_code)


def read_reports(path: Path) -> Iterator[dict[str, Any]]:
    with path.open("rb") as f:
        for line in f:
            if line.strip():
                yield orjson.loads(line)


def submit_folder(
    folder: Path,
    url: str,
    api_key: str,
    *,
    concurrency: int = 8,
    progress: Callable[[int], None] | None = None,
    select: Callable[[int], bool] | None = None,
) -> SubmitSummary:
    """Submit the folder's reports (only those whose line number ``select`` accepts, if given)."""
    summary = SubmitSummary()
    submitter = Submitter(url, api_key, folder / "files", concurrency=concurrency)

    def settle(fut: Future[str]) -> None:
        summary.submitted += 1
        try:
            outcome = fut.result()
        except Rejected as exc:
            summary.rejected += 1
            summary.rejections[exc.code] = summary.rejections.get(exc.code, 0) + 1
        except Failed:
            summary.failed += 1
        else:
            if outcome == "accepted":
                summary.accepted += 1
            else:
                summary.duplicates += 1
        if progress:
            progress(1)

    try:
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            pending: set[Future[str]] = set()
            for index, report in enumerate(read_reports(folder / "reports.jsonl")):
                if select is not None and not select(index):
                    continue
                if len(pending) >= concurrency * 4:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for fut in done:
                        settle(fut)
                pending.add(pool.submit(submitter.submit_one, report))
            done, _ = wait(pending)
            for fut in done:
                settle(fut)
    finally:
        submitter.close()
    return summary


def count_lines(path: Path) -> int:
    with path.open("rb") as f:
        return sum(1 for line in f if line.strip())
