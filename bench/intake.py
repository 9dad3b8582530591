"""Intake throughput: the HTTP API against raw inserts of the same rows, in the same run.

For each database (SQLite, PostgreSQL) this script

1. makes a fresh database (a SQLite file in a temporary folder; a throwaway PostgreSQL database created
   through the ``test`` connection and dropped at the end), applies the migrations with
   ``tipline db upgrade`` and registers a provider with ``tipline provider add bench``;
2. measures the **raw** rate: the rows the API writes for one hash-only report (one ``reports`` row
   with its sealed content, its ``report_files`` rows, its two ``report_events`` rows and its
   ``reports.finished`` job row) inserted with SQLAlchemy Core, one transaction per report, from C
   threads with one connection each, twice
   before the API runs and once after (the best is the reference); and, for information only, a
   batched rate (many reports per transaction);
3. starts ``tipline serve`` (W worker processes) and drives POST /api/v1/reports with N distinct,
   realistic hash-only reports from C keep-alive connections in a separate load-generator process
   (closed loop: each connection sends its next report as soon as the previous answer arrives);
4. runs two open-loop passes at fixed arrival rates (40% of the best raw rate, the goal's load, and
   80% of the API's own closed-loop maximum) and reports p50/p99 latency measured from each request's
   scheduled start, so a server that falls behind is charged for the queueing it causes;
5. checks that the database holds exactly the reports acknowledged, and prints the table and ratios.

See docs/benchmarks.md for the method, the figures and what limits the API.

Only loopback addresses are used; every phase stops after N reports or ``--seconds``, whichever first.

    .venv/bin/python bench/intake.py                      # both databases, default settings
    .venv/bin/python bench/intake.py --db postgresql --workers 1,2 --concurrency 8,16,32
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import itertools
import multiprocessing as mp
import os
import platform
import random
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from multiprocessing.synchronize import Event as MpEvent
from pathlib import Path
from typing import Any

import httpx
import orjson
import psycopg
from sqlalchemy import create_engine, func, insert, make_url, select, text
from sqlalchemy.engine import Engine

from tipline.core.crypto import Keyring
from tipline.core.db import configure_sqlite
from tipline.core.orm import Base
from tipline.models import Provider, Report, ReportEvent, ReportFile
from tipline.reports.schemas import ReportCreate
from tipline.reports.service import content_digest, new_report_rows

HOST = "127.0.0.1"
DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BENCH_PG_DATABASE = "tipline_bench"  # + "_<pid>", so that concurrent runs do not drop each other's
GOAL_RATIO = 0.40
GOAL_P99_MS = 100.0
PROVIDER_NAME = "bench"
REPORTS = Base.metadata.tables["reports"]
REPORT_FILES = Base.metadata.tables["report_files"]
REPORT_EVENTS = Base.metadata.tables["report_events"]
JOBS = Base.metadata.tables["jobs"]

# --------------------------------------------------------------------------------------------------
# Payloads: realistic hash-only reports, deterministic per (prefix, index, seed)
# --------------------------------------------------------------------------------------------------

_IP_PREFIXES = ("192.0.2.", "198.51.100.", "203.0.113.")  # documentation ranges, never contacted
_MEDIA = (("image/jpeg", "jpg"), ("image/png", "png"), ("video/mp4", "mp4"))
_SERVICE_TYPES = ("messaging", "social_network", "cloud_storage", "video_sharing", "forum")
_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def _hex(rng: random.Random, digits: int) -> str:
    return f"{rng.getrandbits(digits * 4):0{digits}x}"


def _when(rng: random.Random) -> str:
    moment = _EPOCH + timedelta(seconds=rng.randrange(300 * 86400))
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _ip(rng: random.Random) -> str:
    if rng.random() < 0.2:
        return f"2001:db8::{rng.randrange(1, 0xFFFF):x}"
    return f"{rng.choice(_IP_PREFIXES)}{rng.randrange(1, 255)}"


def _ip_event(rng: random.Random, event: str) -> dict[str, Any]:
    return {"ip": _ip(rng), "port": rng.randrange(1024, 65535), "event": event, "at": _when(rng)}


def make_report(prefix: str, index: int, seed: int) -> dict[str, Any]:
    """One hash-only report (finished in the same call), about 1-3 KB of JSON."""
    rng = random.Random(f"{seed}:{prefix}:{index}")
    persons = []
    for p in range(1 + (rng.random() < 0.3)):
        user = rng.randrange(10**6, 10**7)
        person: dict[str, Any] = {
            "ref": f"p{p + 1}",
            "provider_user_id": f"u-{user}",
            "screen_name": f"user_{user:x}",
            "display_names": [f"Display {user % 997}"],
            "emails": [{"address": f"user{user}@example.com", "verified": rng.random() < 0.5}],
            "estimated_location": {"country_code": rng.choice(("DE", "FR", "NL", "IE", "PL"))},
            "ip_events": [
                _ip_event(rng, rng.choice(("login", "upload", "registration")))
                for _ in range(rng.randint(1, 4))
            ],
        }
        if rng.random() < 0.4:
            person["device_ids"] = [{"type": "IMEI", "value": str(rng.randrange(10**14, 10**15))}]
        persons.append(person)
    files = []
    for f in range(rng.randint(1, 3)):
        media_type, ext = rng.choice(_MEDIA)
        hashes: dict[str, Any] = {"md5": _hex(rng, 32), "sha1": _hex(rng, 40), "sha256": _hex(rng, 64)}
        if media_type.startswith("image/"):
            hashes |= {"pdq": _hex(rng, 64), "pdq_quality": rng.randrange(50, 101)}
        files.append(
            {
                "ref": f"f{f + 1}",
                "filename": f"{_hex(rng, 12)}.{ext}",
                "media_type": media_type,
                "size": rng.randrange(20_000, 5_000_000),
                "hashes": hashes,
                "industry_classification": rng.choice(("A1", "A2", "B1", "B2")),
                "viewed_by_provider": rng.random() < 0.5,
                "uploader_ref": "p1",
                "upload_ip_event": _ip_event(rng, "upload"),
                "uploaded_at": _when(rng),
            }
        )
    report: dict[str, Any] = {
        "provider_report_id": f"{prefix}-{index:07d}",
        "submitted_at": _when(rng),
        "incident": {
            "categories": rng.sample(("known_material", "new_material", "solicitation"), rng.randint(1, 2)),
            "ncmec_types": ["child_pornography"],
            "time": _when(rng),
        },
        "service": {"name": "Bench Chat", "type": rng.choice(_SERVICE_TYPES), "url": "https://chat.example"},
        "detection": {"basis": ["hash_match"], "detail": "industry hash list v12"},
        "flags": {
            "content_removed": True,
            "content_removed_at": _when(rng),
            "account_disabled": rng.random() < 0.7,
        },
        "reported_persons": persons,
        "files": files,
    }
    if rng.random() < 0.05:
        report["flags"] |= {"urgent": True, "urgent_reason": "ongoing contact with a child"}
    if rng.random() < 0.5:
        report["texts"] = [
            {"kind": "description", "language": "en", "content": "Matched a known hash list entry."}
        ]
    return report


def report_bytes(prefix: str, index: int, seed: int) -> bytes:
    return orjson.dumps(make_report(prefix, index, seed))


# --------------------------------------------------------------------------------------------------
# Load generator: a minimal HTTP/1.1 keep-alive client on asyncio streams, in its own process(es)
# --------------------------------------------------------------------------------------------------


@dataclass
class LoadSpec:
    port: int
    api_key: str
    prefix: str
    seed: int
    indices: list[int]
    connections: int
    seconds: float
    rate: float | None  # arrivals per second for this process (open loop); None = closed loop
    offset: float  # first arrival of this process, seconds after the start (open loop)


@dataclass
class LoadPart:
    ok: int = 0
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)  # seconds
    first_start: float = float("inf")  # time.monotonic(), comparable across processes on Linux
    last_done: float = 0.0
    cpu_seconds: float = 0.0


def _request(port: int, api_key: str, body: bytes) -> bytes:
    head = (
        f"POST /api/v1/reports HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
        f"Authorization: Bearer {api_key}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> tuple[int, bytes, bool]:
    """Send one request and read one response: (status, body, server wants to close)."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    length, close = 0, False
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"connection" and value.strip().lower() == b"close":
            close = True
    return status, await reader.readexactly(length), close


async def _drive(spec: LoadSpec, requests: list[bytes], part: LoadPart) -> None:
    queue = iter(range(len(requests)))
    start = time.monotonic()
    stop_at = start + spec.seconds

    async def connection() -> None:
        reader, writer = await asyncio.open_connection(HOST, spec.port)
        try:
            for k in queue:
                if spec.rate is None:
                    if time.monotonic() >= stop_at:
                        return
                    t0 = time.monotonic()
                else:
                    t0 = start + spec.offset + k / spec.rate
                    if t0 >= stop_at:
                        return
                    delay = t0 - time.monotonic()
                    if delay > 0:
                        await asyncio.sleep(delay)
                part.first_start = min(part.first_start, time.monotonic())
                try:
                    status, body, close = await _exchange(reader, writer, requests[k])
                except (OSError, asyncio.IncompleteReadError) as exc:
                    status, body, close = 0, repr(exc).encode(), True
                done = time.monotonic()
                part.last_done = max(part.last_done, done)
                if status == 201 and b'"status":"received"' in body:
                    part.ok += 1
                    part.latencies.append(done - t0)
                else:
                    part.errors += 1
                    if len(part.error_samples) < 5:
                        part.error_samples.append(f"{status} {body[:300]!r}")
                if close:
                    writer.close()
                    reader, writer = await asyncio.open_connection(HOST, spec.port)
        finally:
            writer.close()

    await asyncio.gather(*(connection() for _ in range(spec.connections)))


def _loadgen_main(spec: LoadSpec, ready: MpEvent, go: MpEvent, results: Any) -> None:
    requests = [
        _request(spec.port, spec.api_key, report_bytes(spec.prefix, i, spec.seed)) for i in spec.indices
    ]
    part = LoadPart()
    ready.set()
    go.wait()
    cpu0 = time.process_time()
    try:
        asyncio.run(_drive(spec, requests, part))
    except Exception as exc:  # e.g. the server went away: report it rather than hang the parent
        part.errors += 1
        part.error_samples.append(f"load generator: {exc!r}")
    part.cpu_seconds = time.process_time() - cpu0
    results.put(part)


# --------------------------------------------------------------------------------------------------
# CPU accounting from /proc (Linux): the server's process tree, PostgreSQL, the whole machine
# --------------------------------------------------------------------------------------------------

_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _proc_stats() -> dict[int, tuple[int, str, float]]:
    """pid -> (ppid, command name, CPU seconds)."""
    stats: dict[int, tuple[int, str, float]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            raw = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        name = raw[raw.index("(") + 1 : raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2 :].split()
        stats[int(entry)] = (int(fields[1]), name, (int(fields[11]) + int(fields[12])) / _TICK)
    return stats


@dataclass
class CpuSample:
    server: dict[int, float]  # pid -> CPU seconds, for the server's process tree
    postgres: dict[int, float]  # pid -> CPU seconds, PostgreSQL processes
    busy: float
    total: float

    def since(self, before: CpuSample) -> CpuDelta:
        split = sorted((cpu - before.server.get(pid, 0.0) for pid, cpu in self.server.items()), reverse=True)
        return CpuDelta(
            server=sum(split),
            server_split=[round(x, 2) for x in split if x >= 0.01],
            # a backend that exits within the phase takes its CPU time with it: a lower bound
            postgres=sum(max(0.0, cpu - before.postgres.get(pid, 0.0)) for pid, cpu in self.postgres.items()),
            busy_share=(self.busy - before.busy) / max(1e-9, self.total - before.total),
        )


@dataclass
class CpuDelta:
    server: float
    server_split: list[float]
    postgres: float
    busy_share: float


def cpu_sample(server_pid: int | None) -> CpuSample:
    stats = _proc_stats()
    tree: set[int] = set()
    if server_pid is not None:
        tree.add(server_pid)
        grew = True
        while grew:
            grew = False
            for pid, (ppid, _, _) in stats.items():
                if ppid in tree and pid not in tree:
                    tree.add(pid)
                    grew = True
    server = {p: stats[p][2] for p in tree if p in stats}
    postgres = {pid: cpu for pid, (_, name, cpu) in stats.items() if name == "postgres"}
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    total = sum(values[:8]) / _TICK
    idle = (values[3] + values[4]) / _TICK
    return CpuSample(server, postgres, total - idle, total)


# --------------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------------


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), round(q / 100 * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


@dataclass
class Phase:
    """One measured phase: a load run against the API, or a raw insert run."""

    db: str
    kind: str  # "api", "api-open", "raw", "raw-batched"
    workers: int  # 0 for raw
    concurrency: int
    requested: int
    ok: int
    errors: int
    window: float
    latencies: list[float]  # seconds, ascending
    target_rate: float | None = None
    server_cpu: float = 0.0
    server_split: list[float] = field(default_factory=list)  # CPU seconds per server process
    loadgen_cpu: float = 0.0
    postgres_cpu: float = 0.0
    machine_busy: float = 0.0  # share of the whole machine's CPU time (all cores) that was busy
    verified: bool | None = None
    error_samples: list[str] = field(default_factory=list)
    connections_opened: int | None = None  # PostgreSQL sessions opened during the phase

    @property
    def rate(self) -> float:
        return self.ok / self.window if self.window > 0 else 0.0

    @property
    def p50_ms(self) -> float:
        return percentile(self.latencies, 50) * 1000

    @property
    def p99_ms(self) -> float:
        return percentile(self.latencies, 99) * 1000

    @property
    def max_ms(self) -> float:
        return self.latencies[-1] * 1000 if self.latencies else float("nan")


# --------------------------------------------------------------------------------------------------
# Databases
# --------------------------------------------------------------------------------------------------


@dataclass
class Database:
    kind: str  # "sqlite" or "postgresql"
    url: str
    admin_url: str | None = None  # PostgreSQL: where the throwaway database is created and dropped
    name: str = ""  # PostgreSQL: the throwaway database's name

    @property
    def is_sqlite(self) -> bool:
        return self.kind == "sqlite"

    def engine(self, pool_size: int = 5) -> Engine:
        """Same driver setup as the app for SQLite (WAL, BEGIN IMMEDIATE); plain pool for PostgreSQL."""
        if self.is_sqlite:
            engine = create_engine(
                self.url,
                connect_args={"timeout": 30, "check_same_thread": False},
                pool_size=pool_size,
                max_overflow=0,
            )
            configure_sqlite(engine)  # the app's own pragmas and BEGIN IMMEDIATE
            return engine
        return create_engine(self.url, pool_size=pool_size, max_overflow=0)

    def sessions(self) -> int | None:
        """PostgreSQL: sessions ever opened to the database (pg_stat_database); None for SQLite."""
        if self.admin_url is None:
            return None
        with psycopg.connect(_libpq_url(self.admin_url), autocommit=True) as conn:
            row = conn.execute(
                "SELECT sessions FROM pg_stat_database WHERE datname = %s", (self.name,)
            ).fetchone()
        return None if row is None else int(row[0])


def _libpq_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@contextlib.contextmanager
def fresh_database(kind: str, pg_url: str, workdir: Path) -> Iterator[Database]:
    if kind == "sqlite":
        yield Database("sqlite", f"sqlite:///{workdir / 'bench.sqlite3'}")
        return
    name = f"{BENCH_PG_DATABASE}_{os.getpid()}"
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            conn.execute(text(f"CREATE DATABASE {name}"))
        url = make_url(pg_url).set(database=name).render_as_string(hide_password=False)
        yield Database("postgresql", url, pg_url, name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def count_reports(db: Database, prefix: str) -> tuple[int, int, int]:
    """(received reports, their files, their events) whose provider_report_id starts with prefix."""
    engine = db.engine(1)
    try:
        with engine.connect() as conn:
            ids = select(Report.id).where(
                Report.provider_report_id.like(f"{prefix}-%"), Report.status == "received"
            )
            reports = conn.scalar(select(func.count()).select_from(ids.subquery()))
            files = conn.scalar(select(func.count()).where(ReportFile.report_id.in_(ids)))
            events = conn.scalar(select(func.count()).where(ReportEvent.report_id.in_(ids)))
            return int(reports or 0), int(files or 0), int(events or 0)
    finally:
        engine.dispose()


def delete_reports(db: Database, prefix: str) -> None:
    engine = db.engine(1)
    try:
        with engine.begin() as conn:
            ids = select(Report.id).where(Report.provider_report_id.like(f"{prefix}-%"))
            conn.execute(REPORT_EVENTS.delete().where(ReportEvent.report_id.in_(ids)))
            conn.execute(REPORT_FILES.delete().where(ReportFile.report_id.in_(ids)))
            conn.execute(REPORTS.delete().where(Report.provider_report_id.like(f"{prefix}-%")))
        if not db.is_sqlite:
            with engine.connect() as conn:
                conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
    finally:
        engine.dispose()


# --------------------------------------------------------------------------------------------------
# The tipline CLI and server
# --------------------------------------------------------------------------------------------------


def tipline_env(db: Database, workdir: Path, key: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        TIPLINE_ENV="development",
        TIPLINE_DATA_DIR=str(workdir / "data"),
        TIPLINE_DATABASE_URL=db.url,
        TIPLINE_ENCRYPTION_KEY=key,
        # intake alone is measured: the jobs it enqueues (matching) are written but not run here
        TIPLINE_WORKER="false",
    )
    return env


def tipline_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "tipline.cli.main", *args]


def run_tipline(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(tipline_cmd(*args), env=env, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"tipline {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


class Server:
    """``tipline serve`` as a subprocess of this script."""

    def __init__(self, env: dict[str, str], workers: int, log: Path) -> None:
        self.port = free_port()
        self.log_path = log
        self._log = log.open("w")
        self.proc = subprocess.Popen(
            tipline_cmd(
                "serve", "--host", HOST, "--port", str(self.port), "--workers", str(workers), "--no-migrate"
            ),
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self.url = f"http://{HOST}:{self.port}"

    def wait_healthy(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited:\n{self.log_path.read_text()[-3000:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"the server did not become healthy:\n{self.log_path.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self._log.close()


# --------------------------------------------------------------------------------------------------
# Driving the API
# --------------------------------------------------------------------------------------------------


@dataclass
class LoadOptions:
    reports: int
    concurrency: int
    seconds: float
    seed: int
    client_procs: int
    rate: float | None = None  # total arrivals per second (open loop); None = closed loop


def run_load(server: Server, api_key: str, prefix: str, opts: LoadOptions) -> tuple[LoadPart, CpuDelta]:
    """Run the load generator process(es) and merge their results; returns the merged part and the
    CPU time the server, PostgreSQL and the machine spent meanwhile."""
    procs = max(1, min(opts.client_procs, opts.concurrency))
    ctx = mp.get_context("spawn")
    results = ctx.Queue()
    go = ctx.Event()
    readies = []
    workers = []
    for k in range(procs):
        indices = list(range(k, opts.reports, procs))
        spec = LoadSpec(
            port=server.port,
            api_key=api_key,
            prefix=prefix,
            seed=opts.seed,
            indices=indices,
            connections=opts.concurrency // procs + (k < opts.concurrency % procs),
            seconds=opts.seconds,
            rate=None if opts.rate is None else opts.rate / procs,
            offset=0.0 if opts.rate is None else k / opts.rate,
        )
        ready = ctx.Event()
        proc = ctx.Process(target=_loadgen_main, args=(spec, ready, go, results), daemon=True)
        proc.start()
        readies.append(ready)
        workers.append(proc)
    for ready in readies:
        if not ready.wait(timeout=120):
            raise RuntimeError("the load generator did not start")
    before = cpu_sample(server.proc.pid)
    go.set()
    merged = LoadPart()
    for _ in workers:
        part: LoadPart = results.get(timeout=opts.seconds + 120)
        merged.ok += part.ok
        merged.errors += part.errors
        merged.error_samples += part.error_samples
        merged.latencies += part.latencies
        merged.first_start = min(merged.first_start, part.first_start)
        merged.last_done = max(merged.last_done, part.last_done)
        merged.cpu_seconds += part.cpu_seconds
    after = cpu_sample(server.proc.pid)
    for proc in workers:
        proc.join(timeout=30)
    merged.latencies.sort()
    return merged, after.since(before)


def api_phase(
    db: Database, server: Server, api_key: str, workers: int, prefix: str, opts: LoadOptions
) -> Phase:
    sessions = db.sessions()
    part, cpu = run_load(server, api_key, prefix, opts)
    sessions_opened = None if sessions is None else (db.sessions() or 0) - sessions
    reports, files, events = count_reports(db, prefix)
    expected_files = sum(len(make_report(prefix, i, opts.seed)["files"]) for i in range(opts.reports))
    complete = part.ok == opts.reports
    verified = reports == part.ok and (not complete or (files == expected_files and events == 2 * reports))
    return Phase(
        db=db.kind,
        kind="api" if opts.rate is None else "api-open",
        workers=workers,
        concurrency=opts.concurrency,
        requested=opts.reports,
        ok=part.ok,
        errors=part.errors,
        window=max(0.0, part.last_done - part.first_start),
        latencies=part.latencies,
        target_rate=opts.rate,
        server_cpu=cpu.server,
        server_split=cpu.server_split,
        loadgen_cpu=part.cpu_seconds,
        postgres_cpu=cpu.postgres,
        machine_busy=cpu.busy_share,
        verified=verified,
        error_samples=part.error_samples,
        connections_opened=sessions_opened,
    )


# --------------------------------------------------------------------------------------------------
# Raw baseline: the same rows, SQLAlchemy Core, one transaction per report
# --------------------------------------------------------------------------------------------------


@dataclass
class RawRows:
    report: dict[str, Any]
    files: list[dict[str, Any]]
    events: list[dict[str, Any]]
    jobs: list[dict[str, Any]]


def raw_rows(prefix: str, count: int, seed: int, provider_id: uuid.UUID, keyring: Keyring) -> list[RawRows]:
    """Exactly the rows ``service.submit`` writes for each report (built by the same function),
    prepared before the clock starts."""
    provider = Provider(id=provider_id, name="bench")
    rows = []
    for i in range(count):
        data = ReportCreate.model_validate_json(report_bytes(prefix, i, seed))
        canonical, digest = content_digest(keyring, data)
        new = new_report_rows(keyring, provider, data, canonical, digest, datetime.now(UTC))
        rows.append(RawRows(report=new.report, files=new.files, events=new.events, jobs=new.jobs))
    return rows


def raw_phase(db: Database, rows: list[RawRows], concurrency: int, seconds: float, prefix: str) -> Phase:
    """C threads, one connection each, one transaction per report (the API's durability unit)."""
    engine = db.engine(pool_size=concurrency)
    reports_t, files_t, events_t = REPORTS, REPORT_FILES, REPORT_EVENTS
    counter = itertools.count()
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    start_barrier = threading.Barrier(concurrency + 1)
    stop_at = [0.0]
    stamps: list[float] = []

    def failed(exc: Exception) -> None:
        with lock:
            failures.append(f"{type(exc).__name__}: {str(exc)[:200]}")

    def work() -> None:
        mine: list[float] = []
        try:
            with engine.connect() as conn:
                conn.execute(select(1)).all()  # connect and warm before the clock starts
                conn.rollback()
                start_barrier.wait(timeout=120)
                while True:
                    i = next(counter)
                    if i >= len(rows) or time.monotonic() >= stop_at[0]:
                        break
                    r = rows[i]
                    t0 = time.monotonic()
                    try:
                        with conn.begin():
                            conn.execute(insert(reports_t), r.report)
                            conn.execute(insert(files_t), r.files)
                            conn.execute(insert(events_t), r.events)
                            if r.jobs:
                                conn.execute(insert(JOBS), r.jobs)
                    except Exception as exc:  # a failure is reported, never hidden
                        failed(exc)
                        continue
                    mine.append(time.monotonic() - t0)
        except threading.BrokenBarrierError:
            pass
        except Exception as exc:
            failed(exc)
            start_barrier.abort()
        finally:
            with lock:
                latencies.extend(mine)
                stamps.append(time.monotonic())

    threads = [threading.Thread(target=work, daemon=True) for _ in range(concurrency)]
    for t in threads:
        t.start()
    before = cpu_sample(None)
    cpu0 = time.process_time()
    stop_at[0] = time.monotonic() + seconds
    try:
        start_barrier.wait(timeout=120)
    except threading.BrokenBarrierError:
        for t in threads:
            t.join(timeout=60)
        raise RuntimeError(f"raw insert threads failed to start: {failures[:3]}") from None
    t_start = time.monotonic()
    for t in threads:
        t.join()
    window = max(stamps) - t_start
    cpu_client = time.process_time() - cpu0
    spent = cpu_sample(None).since(before)
    engine.dispose()
    reports, _, _ = count_reports(db, prefix)
    latencies.sort()
    return Phase(
        db=db.kind,
        kind="raw",
        workers=0,
        concurrency=concurrency,
        requested=len(rows),
        ok=len(latencies),
        errors=len(failures),
        window=window,
        latencies=latencies,
        loadgen_cpu=cpu_client,
        postgres_cpu=spent.postgres,
        machine_busy=spent.busy_share,
        verified=reports == len(latencies),
        error_samples=failures[:5],
    )


def raw_batched_phase(db: Database, rows: list[RawRows], batch: int, prefix: str) -> Phase:
    """For information only: one connection, ``batch`` reports per transaction (executemany)."""
    engine = db.engine(pool_size=1)
    reports_t, files_t, events_t = REPORTS, REPORT_FILES, REPORT_EVENTS
    latencies: list[float] = []
    with engine.connect() as conn:
        conn.execute(select(1)).all()
        conn.rollback()
        before = cpu_sample(None)
        cpu0 = time.process_time()
        t_start = time.monotonic()
        for k in range(0, len(rows), batch):
            chunk = rows[k : k + batch]
            t0 = time.monotonic()
            with conn.begin():
                conn.execute(insert(reports_t), [r.report for r in chunk])
                conn.execute(insert(files_t), [f for r in chunk for f in r.files])
                conn.execute(insert(events_t), [e for r in chunk for e in r.events])
                if jobs := [j for r in chunk for j in r.jobs]:
                    conn.execute(insert(JOBS), jobs)
            latencies.append(time.monotonic() - t0)
        window = time.monotonic() - t_start
        cpu_client = time.process_time() - cpu0
        spent = cpu_sample(None).since(before)
    engine.dispose()
    reports, _, _ = count_reports(db, prefix)
    latencies.sort()
    return Phase(
        db=db.kind,
        kind="raw-batched",
        workers=0,
        concurrency=1,
        requested=len(rows),
        ok=len(rows),
        errors=0,
        window=window,
        latencies=latencies,
        loadgen_cpu=cpu_client,
        postgres_cpu=spent.postgres,
        machine_busy=spent.busy_share,
        verified=reports == len(rows),
    )


def provider_id_of(db: Database) -> uuid.UUID:
    engine = db.engine(1)
    try:
        with engine.connect() as conn:
            value = conn.scalar(text("SELECT id FROM providers WHERE name = :n"), {"n": PROVIDER_NAME})
    finally:
        engine.dispose()
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


# --------------------------------------------------------------------------------------------------
# One database, end to end
# --------------------------------------------------------------------------------------------------


@dataclass
class Options:
    dbs: list[str]
    pg_url: str
    reports: int
    concurrency: list[int]
    workers: list[int]
    seconds: float
    seed: int
    warmup: int
    client_procs: int
    open_fraction: float
    open_api_fraction: float
    raw_repeats: int
    batch: int


def _show(phase: Phase) -> None:
    what = phase.kind if phase.kind.startswith("raw") else f"{phase.kind} W={phase.workers}"
    target = f" target {phase.target_rate:.0f}/s" if phase.target_rate else ""
    print(
        f"  {phase.db:<10} {what:<14} C={phase.concurrency:<3}{target} -> {phase.ok}/{phase.requested} ok, "
        f"{phase.errors} errors, {phase.rate:.1f} reports/s, p50 {phase.p50_ms:.1f} ms, "
        f"p99 {phase.p99_ms:.1f} ms, verified={phase.verified}",
        flush=True,
    )
    if phase.server_split:
        opened = (
            "" if phase.connections_opened is None else f", {phase.connections_opened} DB connections opened"
        )
        print(f"      server CPU s per process: {phase.server_split}, busy {phase.machine_busy:.0%}{opened}")
    for sample in phase.error_samples:
        print(f"      error: {sample}")


def bench_database(kind: str, opts: Options, workdir: Path) -> list[Phase]:
    phases: list[Phase] = []
    key = base64.b64encode(os.urandom(32)).decode()
    with fresh_database(kind, opts.pg_url, workdir) as db:
        env = tipline_env(db, workdir, key)
        run_tipline(env, "db", "upgrade")
        api_key = run_tipline(env, "provider", "add", PROVIDER_NAME).strip().splitlines()[-1]
        provider_id = provider_id_of(db)
        keyring = Keyring(base64.b64decode(key))

        def raw_all(tag: str) -> None:
            for c in opts.concurrency:
                prefix = f"raw{tag}c{c}"
                rows = raw_rows(prefix, opts.reports, opts.seed, provider_id, keyring)
                phase = raw_phase(db, rows, c, opts.seconds, prefix)
                _show(phase)
                phases.append(phase)
                delete_reports(db, prefix)

        print(f"[{kind}] raw inserts (SQLAlchemy Core, one transaction per report)", flush=True)
        for tag in "ab"[: max(1, opts.raw_repeats)]:
            raw_all(tag)
        if opts.batch > 0:
            prefix = "rawbatch"
            phase = raw_batched_phase(
                db, raw_rows(prefix, opts.reports, opts.seed, provider_id, keyring), opts.batch, prefix
            )
            _show(phase)
            phases.append(phase)
            delete_reports(db, prefix)

        for w in opts.workers:
            print(f"[{kind}] API, {w} worker(s)", flush=True)
            server = Server(env, w, workdir / f"server-{kind}-w{w}.log")
            try:
                server.wait_healthy()
                if opts.warmup:
                    warm = LoadOptions(opts.warmup, max(opts.concurrency), opts.seconds, opts.seed, 1)
                    run_load(server, api_key, f"warm{w}", warm)
                for c in opts.concurrency:
                    load = LoadOptions(opts.reports, c, opts.seconds, opts.seed, opts.client_procs)
                    phase = api_phase(db, server, api_key, w, f"api-w{w}c{c}", load)
                    _show(phase)
                    phases.append(phase)
                raw_best = max(p.rate for p in phases if p.kind == "raw")
                api_best = max(
                    (p for p in phases if p.kind == "api" and p.workers == w), key=lambda p: p.rate
                )
                for tag, rate in (
                    ("goal", opts.open_fraction * raw_best),
                    ("sub", opts.open_api_fraction * api_best.rate),
                ):
                    if rate <= 0:
                        continue
                    c = api_best.concurrency  # the closed-loop setting that served best
                    load = LoadOptions(opts.reports, c, opts.seconds, opts.seed, opts.client_procs, rate)
                    phase = api_phase(db, server, api_key, w, f"open{tag}-w{w}", load)
                    _show(phase)
                    phases.append(phase)
            finally:
                server.stop()

        print(f"[{kind}] raw inserts again, after the API runs", flush=True)
        raw_all("z")
    return phases


# --------------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------------


def print_report(phases: list[Phase], opts: Options, command: str, seconds: float) -> None:
    print()
    print("=" * 100)
    print(f"command: {command}")
    print(
        f"machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), "
        f"{platform.platform()}, Python {platform.python_version()}"
    )
    print(f"reports per phase: {opts.reports}, time budget per phase: {opts.seconds:.0f} s, seed {opts.seed}")
    print(f"total wall time: {seconds:.0f} s")
    print()
    header = (
        f"{'db':<10} {'phase':<11} {'W':>2} {'C':>3} {'ok':>6} {'err':>4} {'rate/s':>8} "
        f"{'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'srv cpu/rep':>11} {'pg cpu/rep':>10} {'conns':>5} "
        f"{'gen cpu/rep':>11} {'busy':>5} {'ok?':>4}"
    )
    print(header)
    print("-" * len(header))
    for p in phases:
        per = max(1, p.ok)
        print(
            f"{p.db:<10} {p.kind:<11} {p.workers or '-':>2} {p.concurrency:>3} {p.ok:>6} {p.errors:>4} "
            f"{p.rate:>8.1f} {p.p50_ms:>8.1f} {p.p99_ms:>8.1f} {p.max_ms:>8.1f} "
            f"{'-' if p.kind.startswith('raw') else f'{p.server_cpu / per * 1000:.2f}ms':>11} "
            f"{'-' if p.db == 'sqlite' else f'{p.postgres_cpu / per * 1000:.2f}ms':>10} "
            f"{'-' if p.connections_opened is None else p.connections_opened:>5} "
            f"{p.loadgen_cpu / per * 1000:>9.2f}ms {p.machine_busy:>5.0%} "
            f"{'yes' if p.verified and p.errors == 0 else 'NO':>4}"
        )
    print()
    print("cpu/rep = CPU time per report: srv = server processes, pg = PostgreSQL backends (a lower")
    print("  bound: a backend that exits takes its time with it), gen = load generator or raw client")
    print("conns = PostgreSQL connections opened during the phase (pool churn)")
    print("busy = share of all cores busy during the phase (load generator, server and database share them)")
    print("raw = SQLAlchemy Core inserts of the same rows, one transaction per report, C threads/connections")
    print("raw-batched = for information: one connection, many reports per transaction")
    print()
    for db in dict.fromkeys(p.db for p in phases):
        raws = [p for p in phases if p.db == db and p.kind == "raw"]
        apis = [p for p in phases if p.db == db and p.kind == "api"]
        opens = [p for p in phases if p.db == db and p.kind == "api-open"]
        if not raws or not apis:
            continue
        raw = max(raws, key=lambda p: p.rate)
        best = max(apis, key=lambda p: p.rate)
        ratio = best.rate / raw.rate if raw.rate else 0.0
        print(f"{db}:")
        print(f"  raw (best of {len(raws)} runs, C={raw.concurrency}): {raw.rate:.1f} reports/s")
        for c in sorted({p.concurrency for p in raws}):
            same_c = max((p for p in raws if p.concurrency == c), key=lambda p: p.rate)
            for api in (p for p in apis if p.concurrency == c):
                print(
                    f"  API W={api.workers} C={c}: {api.rate:.1f} reports/s = {api.rate / same_c.rate:.2f} "
                    f"of raw at C={c} ({same_c.rate:.1f}/s), {api.rate / raw.rate:.2f} of best raw; "
                    f"p50 {api.p50_ms:.1f} ms, p99 {api.p99_ms:.1f} ms"
                )
        print(
            f"  best API: W={best.workers} C={best.concurrency} {best.rate:.1f} reports/s, "
            f"ratio {ratio:.2f} (api / best raw)"
        )
        for o in opens:
            target = o.target_rate or 0.0
            kept_up = o.rate >= 0.95 * target and o.ok == o.requested
            own = max(p.rate for p in apis if p.workers == o.workers)
            print(
                f"  open loop W={o.workers} C={o.concurrency} at {target:.1f}/s ({target / raw.rate:.2f} of "
                f"best raw, {target / own:.2f} of this W's closed-loop max): achieved {o.rate:.1f}/s, "
                f"p50 {o.p50_ms:.1f} ms, p99 {o.p99_ms:.1f} ms, kept up: {'yes' if kept_up else 'no'}"
            )
        if db == "postgresql":
            ok_open = [
                o
                for o in opens
                if o.target_rate
                and o.target_rate >= GOAL_RATIO * raw.rate * 0.95  # raw runs after it may differ a little
                and o.rate >= 0.95 * o.target_rate
                and o.ok == o.requested
                and o.errors == 0
                and o.p99_ms < GOAL_P99_MS
            ]
            met = ratio >= GOAL_RATIO and bool(ok_open)
            print(
                f"  GOAL (API >= {GOAL_RATIO:.0%} of raw, p99 < {GOAL_P99_MS:.0f} ms at that load): "
                f"{'MET' if met else 'NOT MET'} (ratio {ratio:.2f}; "
                f"open-loop passes at >= {GOAL_RATIO:.0%} with p99 < {GOAL_P99_MS:.0f} ms: {len(ok_open)})"
            )
    bad = [p for p in phases if p.errors or p.verified is False]
    if bad:
        print(f"\nWARNING: {len(bad)} phase(s) had errors or failed verification")


def _ints(value: str) -> list[int]:
    return [int(v) for v in value.split(",") if v.strip()]


def parse_args(argv: Sequence[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL, help="an existing database to connect through")
    parser.add_argument("--reports", type=int, default=3000, help="reports per phase (N)")
    parser.add_argument("--concurrency", type=_ints, default=[16], help="connections, e.g. 8,16,32 (C)")
    parser.add_argument("--workers", type=_ints, default=[1, 2], help="server processes, e.g. 1,2 (W)")
    parser.add_argument("--seconds", type=float, default=60.0, help="time budget of each phase")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=200, help="reports sent before measuring")
    parser.add_argument("--client-procs", type=int, default=1, help="load-generator processes")
    parser.add_argument(
        "--open-fraction",
        type=float,
        default=GOAL_RATIO,
        help="open-loop pass at this fraction of the best raw rate: the goal's load (0 = skip)",
    )
    parser.add_argument(
        "--open-api-fraction",
        type=float,
        default=0.8,
        help="open-loop pass at this fraction of the API's own best closed-loop rate (0 = skip)",
    )
    parser.add_argument(
        "--raw-repeats", type=int, default=2, help="raw passes before the API runs (1 or 2; one more after)"
    )
    parser.add_argument(
        "--batch", type=int, default=100, help="reports per transaction, batched raw (0 = skip)"
    )
    a = parser.parse_args(argv)
    if a.reports < 1 or a.seconds <= 0 or min(a.concurrency) < 1 or min(a.workers) < 1:
        parser.error("--reports, --seconds, --concurrency and --workers must be positive")
    dbs = ["sqlite", "postgresql"] if a.db == "both" else [a.db]
    return Options(
        dbs,
        a.pg_url,
        a.reports,
        a.concurrency,
        a.workers,
        a.seconds,
        a.seed,
        a.warmup,
        a.client_procs,
        a.open_fraction,
        a.open_api_fraction,
        a.raw_repeats,
        a.batch,
    )


def main(argv: Sequence[str] | None = None) -> int:
    opts = parse_args(argv)
    command = shlex.join([Path(sys.executable).name, *sys.argv])
    started = time.monotonic()
    phases: list[Phase] = []
    with tempfile.TemporaryDirectory(prefix="tipline-bench-") as tmp:
        for kind in opts.dbs:
            workdir = Path(tmp) / kind
            workdir.mkdir()
            phases += bench_database(kind, opts, workdir)
    print_report(phases, opts, command, time.monotonic() - started)
    return 1 if any(p.errors or p.verified is False for p in phases) else 0


if __name__ == "__main__":
    sys.exit(main())
