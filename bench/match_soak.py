"""The match API under sustained load: throughput, latency, memory, and an import in the middle.

HMA (Meta's Hasher-Matcher-Actioner) has users reporting memory growth and lock-ups under load; this
script shows how tipline's POST /api/v1/match behaves when driven hard for a while. In a temporary folder
it

1. writes a CSV of N random PDQ indicators (``pdq,<64 hex>,A1``, seeded), imports it with
   ``tipline banks import`` into a bank ``known`` (indicators/s), and registers a provider with the
   ``match`` scope;
2. measures the raw engine in this process for reference: ``PdqIndex.build`` over the same N hashes,
   then ``PdqIndex.search`` of the same batches the API will get, one thread (hashes already parsed);
3. starts ``tipline serve`` (one process; SQLite in the folder, or a throwaway PostgreSQL database
   created on the server of ``--database-url`` and dropped at the end) and times it until /health is
   200 (the index is built from the database);
4. drives POST /api/v1/match for S seconds from C threads, each with its own keep-alive
   ``httpx.Client`` (closed loop), each request a batch of B PDQ hashes: half near-duplicates of
   imported ones (distance 0..31), half random. Every answer is checked: each planted hash must come
   back with a match at its planted distance (recall), a random one with none (false positives);
5. half way through, imports 10,000 more indicators with ``tipline banks import`` in another process
   while the load goes on; a probe thread asks the API for one of them every 20 ms until it matches
   (the "new indicators visible" latency); load latency during the import is reported separately;
6. samples the server's resident memory (VmRSS of its process and any children) every second and
   prints start, max, end and the slope over the second half of the run (MB/min), with a per-second
   timeline of requests and worst latency, so a stall or a leak shows.

No images are involved; all hashes are random. Only loopback addresses are used.

    .venv/bin/python bench/match_soak.py 1000000
    .venv/bin/python bench/match_soak.py 1000000 --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import gc
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import numpy as np
import orjson
from sqlalchemy import create_engine, make_url, text

from tipline.matching.pdq_index import PdqIndex, hex_from_hashes

HOST = "127.0.0.1"
MAX_DISTANCE = 31
ADDITIONS = 10_000
POOL_BATCHES = 200  # distinct request bodies, cycled through by the client threads
PROBE_INTERVAL = 0.02
BANK = "known"

# --------------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------------


def random_hashes(rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.integers(0, 2**64, size=(n, 4), dtype=np.uint64)


def write_csv(path: Path, hashes: np.ndarray, chunk: int = 100_000) -> None:
    with path.open("w") as out:
        for start in range(0, hashes.shape[0], chunk):
            out.write("".join(f"pdq,{h},A1\n" for h in hex_from_hashes(hashes[start : start + chunk])))


def near(rng: np.random.Generator, row: np.ndarray, distance: int) -> np.ndarray:
    """``row`` (4 uint64) with ``distance`` distinct bits flipped."""
    out = row.copy()
    for bit in rng.choice(256, size=distance, replace=False):
        out[bit // 64] ^= np.uint64(1) << np.uint64(63 - bit % 64)
    return out


@dataclass
class Batch:
    hashes: np.ndarray  # (B, 4) uint64
    planted: dict[int, int]  # position in the batch -> planted distance (the others are random)
    body: bytes  # the request body


def make_batches(rng: np.random.Generator, indexed: np.ndarray, count: int, size: int) -> list[Batch]:
    batches = []
    for _ in range(count):
        rows = np.empty((size, 4), dtype=np.uint64)
        planted: dict[int, int] = {}
        for i in range(size):
            if i % 2 == 0:
                distance = int(rng.integers(0, MAX_DISTANCE + 1))
                rows[i] = near(rng, indexed[int(rng.integers(0, indexed.shape[0]))], distance)
                planted[i] = distance
            else:
                rows[i] = random_hashes(rng, 1)[0]
        body = orjson.dumps({"hashes": [{"hash_type": "pdq", "hash": h} for h in hex_from_hashes(rows)]})
        batches.append(Batch(rows, planted, body))
    return batches


# --------------------------------------------------------------------------------------------------
# /proc: resident memory and CPU of the server's process tree, machine load
# --------------------------------------------------------------------------------------------------

_TICK = os.sysconf("SC_CLK_TCK")


def process_tree(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError, ValueError, IndexError):
                raw = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(raw[raw.rindex(")") + 2 :].split()[1])
    tree, grew = {root}, True
    while grew:
        grew = False
        for pid, ppid in parents.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                grew = True
    return sorted(tree)


def rss_mb(root: int) -> float:
    total_kb = 0
    for pid in process_tree(root):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
    return total_kb / 1024


def cpu_seconds(root: int) -> float:
    total = 0.0
    for pid in process_tree(root):
        with contextlib.suppress(OSError):
            raw = Path(f"/proc/{pid}/stat").read_text()
            fields = raw[raw.rindex(")") + 2 :].split()
            total += (int(fields[11]) + int(fields[12])) / _TICK
    return total


def machine_busy() -> tuple[float, float]:
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    total = sum(values[:8]) / _TICK
    return total - (values[3] + values[4]) / _TICK, total


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# --------------------------------------------------------------------------------------------------
# The tipline CLI, the database, the server
# --------------------------------------------------------------------------------------------------


def tipline_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "tipline.cli.main", *args]


def run_tipline(env: dict[str, str], *args: str, timeout: float = 3600) -> str:
    done = subprocess.run(tipline_cmd(*args), env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"tipline {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


@contextlib.contextmanager
def fresh_database(admin_url: str | None, workdir: Path) -> Iterator[tuple[str, str]]:
    """(kind, url): a SQLite file in workdir, or a throwaway PostgreSQL database dropped at the end."""
    if admin_url is None:
        yield "sqlite", f"sqlite:///{workdir / 'soak.sqlite3'}"
        return
    name = f"tipline_soak_{os.getpid()}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            conn.execute(text(f"CREATE DATABASE {name}"))
        yield "postgresql", make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def import_file(env: dict[str, str], csv: Path) -> int:
    summary = run_tipline(env, "banks", "import", BANK, str(csv), "--format", "csv").strip().splitlines()[-1]
    return int(orjson.loads(summary)["added"])


class Server:
    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.log_path = log
        self._log = log.open("w")
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            tipline_cmd("serve", "--host", HOST, "--port", str(self.port), "--workers", "1", "--no-migrate"),
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def wait_healthy(self, timeout: float = 900.0) -> float:
        deadline = self.started + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited:\n{self.log_path.read_text()[-3000:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    return time.monotonic() - self.started
            time.sleep(0.1)
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
# Load
# --------------------------------------------------------------------------------------------------


@dataclass
class Sample:
    start: float  # seconds since the load began
    latency: float  # seconds


@dataclass
class Totals:
    samples: list[Sample] = field(default_factory=list)
    errors: int = 0
    server_errors: int = 0  # 5xx
    transport_errors: int = 0
    error_examples: list[str] = field(default_factory=list)
    planted: int = 0
    found: int = 0
    random_queries: int = 0
    false_positives: int = 0
    hashes: int = 0

    def merge(self, other: Totals) -> None:
        self.samples += other.samples
        self.errors += other.errors
        self.server_errors += other.server_errors
        self.transport_errors += other.transport_errors
        self.error_examples += other.error_examples[: max(0, 5 - len(self.error_examples))]
        self.planted += other.planted
        self.found += other.found
        self.random_queries += other.random_queries
        self.false_positives += other.false_positives
        self.hashes += other.hashes


def check(batch: Batch, payload: bytes, totals: Totals) -> None:
    results = orjson.loads(payload)["results"]
    if len(results) != batch.hashes.shape[0]:
        raise ValueError(f"{len(results)} results for {batch.hashes.shape[0]} hashes")
    for i, result in enumerate(results):
        distances = {m["distance"] for m in result["matches"] if m["bank"] == BANK}
        if i in batch.planted:
            totals.planted += 1
            # random hashes are ~128 bits apart, so a match at the planted distance is the planted one
            totals.found += batch.planted[i] in distances
        else:
            totals.random_queries += 1
            totals.false_positives += bool(distances)


def client_thread(
    url: str, key: str, batches: Sequence[Batch], offset: int, t0: float, stop: threading.Event, out: Totals
) -> None:
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    with httpx.Client(base_url=url, headers=headers, timeout=120) as client:
        i = offset
        while not stop.is_set():
            batch = batches[i % len(batches)]
            i += 1
            began = time.monotonic()
            try:
                response = client.post("/api/v1/match", content=batch.body)
            except httpx.HTTPError as exc:
                out.errors += 1
                out.transport_errors += 1
                if len(out.error_examples) < 5:
                    out.error_examples.append(f"{type(exc).__name__}: {exc}")
                continue
            latency = time.monotonic() - began
            out.samples.append(Sample(began - t0, latency))
            if response.status_code != 200:
                out.errors += 1
                out.server_errors += response.status_code >= 500
                if len(out.error_examples) < 5:
                    out.error_examples.append(f"{response.status_code}: {response.text[:200]}")
                continue
            try:
                check(batch, response.content, out)
            except (ValueError, KeyError, TypeError) as exc:
                out.errors += 1
                if len(out.error_examples) < 5:
                    out.error_examples.append(f"bad answer: {exc}")
                continue
            out.hashes += batch.hashes.shape[0]


@dataclass
class ImportProbe:
    started: float = float("nan")  # seconds since the load began
    finished: float = float("nan")  # the import process exited
    visible: float = float("nan")  # the first answer that matched the new indicator
    probes: int = 0
    summary: str = ""
    error: str = ""


def mid_run_import(
    env: dict[str, str], csv: Path, url: str, key: str, probe_hash: str, t0: float, out: ImportProbe
) -> None:
    """Import ``csv`` in another process and poll the API until ``probe_hash`` matches."""
    body = orjson.dumps({"hashes": [{"hash_type": "pdq", "hash": probe_hash}]})
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    with httpx.Client(base_url=url, headers=headers, timeout=120) as client:
        out.started = time.monotonic() - t0
        proc = subprocess.Popen(
            tipline_cmd("banks", "import", BANK, str(csv), "--format", "csv"),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            if proc.poll() is not None and out.finished != out.finished:  # nan: not yet recorded
                out.finished = time.monotonic() - t0
            response = client.post("/api/v1/match", content=body)
            out.probes += 1
            if response.status_code == 200 and response.json()["results"][0]["matches"]:
                out.visible = time.monotonic() - t0
                break
            time.sleep(PROBE_INTERVAL)
        else:
            out.error = "the new indicator never matched"
        stdout, _ = proc.communicate(timeout=600)
        if out.finished != out.finished:
            out.finished = time.monotonic() - t0
        out.summary = stdout.strip().splitlines()[-1] if stdout.strip() else ""
        if proc.returncode != 0:
            out.error = f"import exited with {proc.returncode}"


def pct(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not values:
        return float("nan")
    rank = max(1, min(len(values), round(q / 100 * len(values) + 0.5)))
    return values[rank - 1]


def slope_mb_per_min(points: Sequence[tuple[float, float]]) -> float:
    if len(points) < 3:
        return float("nan")
    xs = [t / 60 for t, _ in points]
    ys = [mb for _, mb in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else float("nan")


def latency_line(label: str, latencies: Sequence[float]) -> str:
    s = sorted(latencies)
    if not s:
        return f"  {label:<28} no requests"
    return (
        f"  {label:<28} n={len(s):>6}  p50 {pct(s, 50) * 1000:7.1f} ms  p90 {pct(s, 90) * 1000:7.1f} ms  "
        f"p99 {pct(s, 99) * 1000:7.1f} ms  max {s[-1] * 1000:7.1f} ms"
    )


# --------------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------------


@dataclass
class Options:
    n: int
    seconds: float
    concurrency: int
    batch: int
    database_url: str | None
    seed: int
    engine_seconds: float


def engine_baseline(
    hashes: np.ndarray, batches: Sequence[Batch], seconds: float
) -> tuple[float, float, float, float]:
    """(build seconds, hashes/s of single-threaded ``search`` over the batches, its CPU microseconds per
    hash, recall). Only the ``search`` calls are timed, not the recall check."""
    began = time.monotonic()
    index = PdqIndex.build(np.arange(hashes.shape[0], dtype=np.int64), hashes)
    build = time.monotonic() - began
    done = planted = found = 0
    wall = cpu = 0.0
    i = 0
    while wall < seconds or i < len(batches):
        batch = batches[i % len(batches)]
        i += 1
        w0, c0 = time.monotonic(), time.process_time()
        result = index.search(batch.hashes, MAX_DISTANCE)
        wall += time.monotonic() - w0
        cpu += time.process_time() - c0
        done += batch.hashes.shape[0]
        hit = set(zip(result.query.tolist(), result.distance.tolist(), strict=True))
        planted += len(batch.planted)
        found += sum((q, d) in hit for q, d in batch.planted.items())
    del index
    gc.collect()
    return build, done / wall, cpu / done * 1e6, found / planted


def run(opts: Options, workdir: Path) -> None:
    rng = np.random.default_rng(opts.seed)
    print(f"machine: {os.cpu_count()} CPUs, load average {loadavg()} at the start", flush=True)
    hashes = random_hashes(rng, opts.n)
    additions = random_hashes(rng, ADDITIONS)
    csv, extra_csv = workdir / "known.csv", workdir / "more.csv"
    began = time.monotonic()
    write_csv(csv, hashes)
    write_csv(extra_csv, additions)
    print(f"wrote {opts.n:,} + {ADDITIONS:,} indicators in {time.monotonic() - began:.1f} s", flush=True)
    batches = make_batches(rng, hashes, POOL_BATCHES, opts.batch)

    build_s, engine_rate, engine_cpu, engine_recall = engine_baseline(hashes, batches, opts.engine_seconds)
    print(
        f"engine (in process, 1 thread): build {build_s:.1f} s; search {engine_rate:,.0f} hashes/s "
        f"({engine_cpu:.1f} us CPU/hash) "
        f"in batches of {opts.batch}; recall {engine_recall:.4f}",
        flush=True,
    )
    del hashes
    gc.collect()

    with fresh_database(opts.database_url, workdir) as (kind, db_url):
        env = dict(os.environ)
        env.update(
            TIPLINE_ENV="development",
            TIPLINE_DATA_DIR=str(workdir / "data"),
            TIPLINE_DATABASE_URL=db_url,
            TIPLINE_ENCRYPTION_KEY=base64.b64encode(os.urandom(32)).decode(),
            # the lookups alone are measured: the retro-hunt jobs the imports enqueue are not run here
            TIPLINE_WORKER="false",
        )
        run_tipline(env, "db", "upgrade")
        run_tipline(env, "banks", "create", BANK, "--purpose", "known")
        key = [
            line
            for line in run_tipline(env, "provider", "add", "soak", "--scope", "match").splitlines()
            if line
        ]
        api_key = key[-1].strip()
        began = time.monotonic()
        added = import_file(env, csv)
        import_s = time.monotonic() - began
        print(
            f"{kind}: imported {added:,} in {import_s:.1f} s = {added / import_s:,.0f} indicators/s",
            flush=True,
        )

        server = Server(env, workdir / "server.log")
        try:
            ready_s = server.wait_healthy()
            print(
                f"server ready (/health 200) after {ready_s:.1f} s; RSS {rss_mb(server.proc.pid):.0f} MB",
                flush=True,
            )
            api_rate, api_cpu = soak(
                opts, env, server, api_key, batches, additions, extra_csv, kind, import_s, added, ready_s
            )
            print(
                f"engine reference (same data and batches, in process, 1 thread): "
                f"{engine_rate:,.0f} hashes/s (build {build_s:.1f} s, recall {engine_recall:.4f}); "
                f"the API delivers {api_rate:,.0f} hashes/s = {api_rate / engine_rate:.1%} of it; "
                f"CPU per hash: engine {engine_cpu:.1f} us, server {api_cpu:.1f} us "
                f"(the engine's share of the server's CPU: {engine_cpu / api_cpu:.1%})",
                flush=True,
            )
        finally:
            server.stop()


def soak(
    opts: Options,
    env: dict[str, str],
    server: Server,
    api_key: str,
    batches: Sequence[Batch],
    additions: np.ndarray,
    extra_csv: Path,
    kind: str,
    import_s: float,
    added: int,
    ready_s: float,
) -> tuple[float, float]:
    """Drive the load; prints the figures and returns the API's hashes/s and server CPU us per hash."""
    pid = server.proc.pid
    stop = threading.Event()
    rss: list[tuple[float, float]] = []
    cpu: list[tuple[float, float]] = []  # (seconds since t0, server CPU seconds)
    t0 = time.monotonic()

    def sampler() -> None:
        while not stop.is_set():
            rss.append((time.monotonic() - t0, rss_mb(pid)))
            cpu.append((time.monotonic() - t0, cpu_seconds(pid)))
            stop.wait(1.0)

    parts = [Totals() for _ in range(opts.concurrency)]
    threads = [
        threading.Thread(
            target=client_thread,
            args=(server.url, api_key, batches, i * len(batches) // opts.concurrency, t0, stop, parts[i]),
        )
        for i in range(opts.concurrency)
    ]
    probe = ImportProbe()
    probe_hash = hex_from_hashes(additions[-1:])[0]
    importer = threading.Thread(
        target=mid_run_import, args=(env, extra_csv, server.url, api_key, probe_hash, t0, probe)
    )
    cpu0, (busy0, total0) = cpu_seconds(pid), machine_busy()
    watcher = threading.Thread(target=sampler)
    watcher.start()
    for t in threads:
        t.start()
    time.sleep(opts.seconds / 2)
    importer.start()
    time.sleep(max(0.0, opts.seconds - (time.monotonic() - t0)))
    stop.set()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    server_cpu = cpu_seconds(pid) - cpu0
    busy1, total1 = machine_busy()
    watcher.join()
    importer.join()
    rss.append((elapsed, rss_mb(pid)))

    totals = Totals()
    for part in parts:
        totals.merge(part)
    samples = sorted(totals.samples, key=lambda s: s.start)
    ok = totals.hashes // opts.batch
    lat = [s.latency for s in samples]
    import_end = min(probe.finished, elapsed) if probe.finished == probe.finished else elapsed
    during = [s.latency for s in samples if probe.started <= s.start < import_end]
    outside = [s.latency for s in samples if not probe.started <= s.start < import_end]
    second_half = [p for p in rss if p[0] >= elapsed / 2]
    first_half = [p for p in rss if p[0] < min(elapsed / 2, probe.started)]
    after_import = [p for p in rss if p[0] >= import_end]

    print(
        f"\n=== match soak: {kind}, N={opts.n:,}, {opts.seconds:.0f} s, "
        f"C={opts.concurrency}, B={opts.batch} ==="
    )
    print(f"import: {added:,} indicators in {import_s:.1f} s = {added / import_s:,.0f} indicators/s")
    print(f"time to ready (serve start -> /health 200, index built from the database): {ready_s:.1f} s")
    print(
        f"throughput: {len(samples):,} requests in {elapsed:.1f} s = {len(samples) / elapsed:,.1f} req/s, "
        f"{totals.hashes / elapsed:,.0f} hashes/s (ok answers {ok:,})"
    )
    spans = (
        ("before", 0.0, probe.started),
        ("during", probe.started, import_end),
        ("after", import_end, elapsed),
    )
    rates = [
        f"{label} {sum(1 for x in samples if lo <= x.start < hi) / max(1e-9, hi - lo):,.1f}"
        for label, lo, hi in spans
    ]
    print(f"requests/s before, during and after the mid-run import: {', '.join(rates)}")
    per_hash = []
    for label, lo, hi in spans:
        inside = [c for t, c in cpu if lo <= t <= hi]
        done = sum(1 for x in samples if lo <= x.start < hi) * opts.batch
        used = inside[-1] - inside[0] if len(inside) > 1 else float("nan")
        per_hash.append(f"{label} {used / max(1, done) * 1e6:.0f}")
    print(f"server CPU us per hash before, during and after it (1 s samples): {', '.join(per_hash)}")
    print("latency per request (closed loop, from send to full answer):")
    print(latency_line("all", lat))
    print(latency_line("during the mid-run import", during))
    print(latency_line("outside it", outside))
    print(
        f"errors: {totals.errors} (5xx {totals.server_errors}, transport {totals.transport_errors})"
        + (f"; e.g. {totals.error_examples}" if totals.error_examples else "")
    )
    recall = totals.found / totals.planted if totals.planted else float("nan")
    print(
        f"recall: {totals.found:,}/{totals.planted:,} planted = {recall:.4f}; false positives "
        f"{totals.false_positives}/{totals.random_queries:,} random"
    )
    print(
        f"mid-run import of {ADDITIONS:,}: started at {probe.started:.1f} s, process exited after "
        f"{probe.finished - probe.started:.2f} s, new indicator matched through the API after "
        f"{probe.visible - probe.started:.2f} s "
        f"({probe.visible - probe.finished:+.2f} s from the import's exit; "
        f"{probe.probes} probes){'; ' + probe.error if probe.error else ''}"
    )
    print(f"  import summary: {probe.summary[:200]}")
    mbs = [mb for _, mb in rss]
    print(
        f"server RSS: start {mbs[0]:.0f} MB, max {max(mbs):.0f} MB, end {mbs[-1]:.0f} MB; "
        f"slope over the second half {slope_mb_per_min(second_half):+.1f} MB/min "
        f"({len(second_half)} samples; "
        f"first half, before the import: {slope_mb_per_min(first_half):+.1f} MB/min; "
        f"after the import's exit: {slope_mb_per_min(after_import):+.1f} MB/min)"
    )
    print(
        f"server CPU: {server_cpu:.1f} s in {elapsed:.1f} s ({server_cpu / elapsed:.2f} cores); "
        f"{server_cpu / max(1, totals.hashes) * 1e6:.1f} us/hash; machine busy "
        f"{(busy1 - busy0) / max(1e-9, total1 - total0):.0%}; load average {loadavg()} at the end"
    )
    print("timeline (s: requests, worst latency ms, RSS MB):")
    per_second: dict[int, list[float]] = {}
    for s in samples:
        per_second.setdefault(int(s.start), []).append(s.latency)
    rss_at = {int(t): mb for t, mb in rss}
    cells = []
    for sec in range(int(elapsed) + 1):
        got = per_second.get(sec, [])
        worst = max(got, default=0.0) * 1000
        cells.append(f"{sec}:{len(got)},{worst:.0f},{rss_at.get(sec, float('nan')):.0f}")
    for i in range(0, len(cells), 6):
        print("  " + "  ".join(cells[i : i + 6]))
    return totals.hashes / elapsed, server_cpu / max(1, totals.hashes) * 1e6


def parse_args(argv: Sequence[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=1_000_000, help="indicators (default 1,000,000)")
    parser.add_argument("--seconds", type=float, default=60.0, help="load duration (default 60)")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads (default 8)")
    parser.add_argument("--batch", type=int, default=100, help="hashes per request (default 100)")
    parser.add_argument(
        "--database-url",
        default=None,
        help="PostgreSQL server to use (a throwaway database is created on it and dropped); default SQLite",
    )
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--engine-seconds", type=float, default=10.0, help="in-process engine reference run")
    a = parser.parse_args(argv)
    if a.n < 1 or a.batch < 2 or a.concurrency < 1 or a.seconds <= 0:
        parser.error("N >= 1, --batch >= 2, --concurrency >= 1, --seconds > 0")
    return Options(a.n, a.seconds, a.concurrency, a.batch, a.database_url, a.seed, a.engine_seconds)


def main(argv: Sequence[str] | None = None) -> int:
    opts = parse_args(argv)
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}", flush=True)
    with tempfile.TemporaryDirectory(prefix="tipline-soak-") as tmp:
        run(opts, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
