"""PDQ matching: tipline's PdqIndex against faiss brute force and threatexchange's PDQIndex, in one run.

The data are random 256-bit hashes (seeded); no images are involved. Half the queries are near-duplicates
of indexed hashes at distances drawn uniformly from 0..31 ("planted"), half are random hashes that match
nothing. Each system runs in its own subprocess, which regenerates the same data from the seed, so that
the resident-memory readings (VmRSS from /proc/self/status, before and after the build) do not mix.
For each system the script measures

* build time and resident memory added by the build;
* single-query throughput (one query per call) and batched throughput (all queries in one call);
* recall at distance 31: of the planted pairs, and against brute-force truth for a sample of queries
  (computed here with numpy); matches beyond the truth are counted as false positives;
* the time for 10,000 new hashes to become matchable (``add`` of 10,000 hashes, then a search of them);
* for tipline, also ``save`` and ``load`` times.

The systems: tipline's ``PdqIndex`` (numpy, one thread); faiss ``IndexBinaryFlat`` with ``range_search``
(brute force; faiss uses its OpenMP threads); threatexchange's ``PDQIndex`` (what HMA builds for PDQ:
``PdqSignal.get_index_cls().build(entries)``, faiss ``IndexBinaryMultiHash`` with 16 tables of 16 bits).

    .venv/bin/python bench/match.py 1000000
    .venv/bin/python bench/match.py 10000000 --queries 2000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

MAX_DISTANCE = 31
ADDITIONS = 10_000
SYSTEMS = ("tipline", "faiss-flat", "hma")
Pairs = set[tuple[int, int]]


# --- data --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Data:
    hashes: np.ndarray  # (n, 4) uint64; row i has id i in every system
    queries: np.ndarray  # (q, 4) uint64
    planted: Pairs  # (query, row) pairs placed at distance <= 31
    sample: np.ndarray  # query indices whose complete truth is computed by brute force
    additions: np.ndarray  # (ADDITIONS, 4) uint64, added after the build


def flip_bits(rng: np.random.Generator, rows: np.ndarray, distances: np.ndarray) -> np.ndarray:
    bits = np.unpackbits(rows.view(np.uint8), axis=1)
    for i, distance in enumerate(distances):
        bits[i, rng.choice(256, int(distance), replace=False)] ^= 1
    return np.packbits(bits, axis=1).view(np.uint64)


def make_data(n: int, q: int, seed: int, sample_size: int) -> Data:
    rng = np.random.default_rng(seed)
    hashes = rng.integers(0, 2**64, size=(n, 4), dtype=np.uint64)
    near = q // 2
    targets = rng.integers(0, n, near)
    distances = rng.integers(0, MAX_DISTANCE + 1, near)
    queries = np.concatenate(
        [flip_bits(rng, hashes[targets], distances), rng.integers(0, 2**64, (q - near, 4), dtype=np.uint64)]
    )
    sample = np.sort(rng.choice(q, min(sample_size, q), replace=False))
    additions = rng.integers(0, 2**64, size=(ADDITIONS, 4), dtype=np.uint64)
    return Data(hashes, queries, {(i, int(t)) for i, t in enumerate(targets)}, sample, additions)


def brute_force_truth(data: Data) -> Pairs:
    truth: Pairs = set()
    for i in data.sample.tolist():
        dist = np.bitwise_count(data.hashes ^ data.queries[i]).sum(axis=1, dtype=np.int16)
        truth.update((i, int(r)) for r in np.flatnonzero(dist <= MAX_DISTANCE))
    return truth


def to_hex(hashes: np.ndarray) -> list[str]:
    text = hashes.astype(">u8").tobytes().hex()
    return [text[i : i + 64] for i in range(0, len(text), 64)]


def to_bytes(hashes: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(hashes.astype(">u8")).view(np.uint8).reshape(-1, 32)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


# --- systems -------------------------------------------------------------------------------------------


class System:
    """What the worker drives: build, search one, search many, add."""

    def build(self, data: Data) -> None:
        raise NotImplementedError

    def search_one(self, query: int) -> None:
        raise NotImplementedError

    def search_all(self) -> Pairs:
        raise NotImplementedError

    def add_and_find(self, additions: np.ndarray, first_id: int) -> tuple[float, int]:
        raise NotImplementedError

    def extra(self) -> dict[str, float]:
        return {}


class Tipline(System):
    def build(self, data: Data) -> None:
        from tipline.matching.pdq_index import PdqIndex

        self.queries = data.queries
        self.index = PdqIndex.build(np.arange(data.hashes.shape[0], dtype=np.int64), data.hashes)

    def search_one(self, query: int) -> None:
        self.index.search(self.queries[query : query + 1], MAX_DISTANCE)

    def search_all(self) -> Pairs:
        result = self.index.search(self.queries, MAX_DISTANCE)
        return set(zip(result.query.tolist(), result.ids.tolist(), strict=True))

    def add_and_find(self, additions: np.ndarray, first_id: int) -> tuple[float, int]:
        started = time.perf_counter()
        self.index.add(np.arange(first_id, first_id + len(additions), dtype=np.int64), additions)
        added = time.perf_counter() - started
        found = self.index.search(additions, 0)
        return added, len(set(found.ids.tolist()))

    def extra(self) -> dict[str, float]:
        from tipline.matching.pdq_index import PdqIndex

        figures = {"nbytes_mb": self.index.nbytes / 2**20}
        with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
            started = time.perf_counter()
            self.index.save(Path(tmp) / "index", {"bench": True})
            figures["save_s"] = time.perf_counter() - started
            del self.index
            started = time.perf_counter()
            self.index, _ = PdqIndex.load(Path(tmp) / "index")
            figures["load_s"] = time.perf_counter() - started
        return figures


class FaissFlat(System):
    def build(self, data: Data) -> None:
        import faiss

        self.queries = to_bytes(data.queries)
        self.index = faiss.IndexBinaryFlat(256)
        self.index.add(to_bytes(data.hashes))

    def _range(self, queries: np.ndarray) -> Pairs:
        limits, _, labels = self.index.range_search(queries, MAX_DISTANCE + 1)
        owners = np.repeat(np.arange(len(queries)), np.diff(limits.astype(np.int64)))
        return set(zip(owners.tolist(), labels.tolist(), strict=True))

    def search_one(self, query: int) -> None:
        self.index.range_search(self.queries[query : query + 1], MAX_DISTANCE + 1)

    def search_all(self) -> Pairs:
        return self._range(self.queries)

    def add_and_find(self, additions: np.ndarray, first_id: int) -> tuple[float, int]:
        started = time.perf_counter()
        self.index.add(to_bytes(additions))
        added = time.perf_counter() - started
        found = self._range(to_bytes(additions))
        return added, len({row for _, row in found if row >= first_id})


class Hma(System):
    """threatexchange's PDQ index, built the way HMA builds it (``get_index_cls().build(entries)``)."""

    def build(self, data: Data) -> None:
        from threatexchange.signal_type.pdq.signal import PdqSignal

        self.queries = to_hex(data.queries)
        entries = self._entries
        self.index = PdqSignal.get_index_cls().build(entries)

    def prepare(self, data: Data) -> None:
        # The hex strings are the index's input, made before the baseline reading; the index keeps them.
        self._entries = list(zip(to_hex(data.hashes), range(data.hashes.shape[0]), strict=True))

    def search_one(self, query: int) -> None:
        self.index.query(self.queries[query])

    def search_all(self) -> Pairs:
        found = self.index.index.search_with_distance_in_result(self.queries, MAX_DISTANCE)
        position = {text: i for i, text in enumerate(self.queries)}
        return {(position[text], int(match[0])) for text, matches in found.items() for match in matches}

    def add_and_find(self, additions: np.ndarray, first_id: int) -> tuple[float, int]:
        texts = to_hex(additions)
        started = time.perf_counter()
        self.index.add_all(zip(texts, range(first_id, first_id + len(texts)), strict=True))
        added = time.perf_counter() - started
        found = self.index.index.search_with_distance_in_result(texts, 0)
        return added, sum(1 for matches in found.values() if any(m[0] >= first_id for m in matches))


def make_system(name: str) -> System:
    return {"tipline": Tipline, "faiss-flat": FaissFlat, "hma": Hma}[name]()


# --- worker --------------------------------------------------------------------------------------------


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = action()
    return time.perf_counter() - started, value


def run_worker(name: str, args: argparse.Namespace) -> dict[str, Any]:
    data = make_data(args.n, args.queries, args.seed, args.sample)
    system = make_system(name)
    if isinstance(system, Hma):
        system.prepare(data)
    before = rss_mb()
    build_s, _ = timed(lambda: system.build(data))
    if isinstance(system, Hma):
        del system._entries
    rss = rss_mb() - before
    single_count = min(args.single, args.queries)
    single_s, _ = timed(lambda: [system.search_one(i) for i in range(single_count)])
    batch_s, found = timed(system.search_all)
    sample = set(data.sample.tolist())
    add_s, add_found = system.add_and_find(data.additions, args.n)
    return {
        "system": name,
        "build_s": build_s,
        "rss_mb": rss,
        "single_qps": single_count / single_s,
        "batch_qps": args.queries / batch_s,
        "planted_recall": len(found & data.planted) / len(data.planted),
        "sample_found": sorted(pair for pair in found if pair[0] in sample),
        "add_s": add_s,
        "add_found": add_found,
        **system.extra(),
    }


# --- parent --------------------------------------------------------------------------------------------


def run_system(name: str, args: argparse.Namespace) -> dict[str, Any] | None:
    command = [
        sys.executable,
        __file__,
        str(args.n),
        "--queries",
        str(args.queries),
        "--seed",
        str(args.seed),
    ]
    command += ["--sample", str(args.sample), "--single", str(args.single), "--worker", name]
    print(f"running {name} ...", flush=True)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            result: dict[str, Any] = json.loads(line[len("RESULT ") :])
            return result
    print(f"{name} failed (exit {done.returncode}):\n{done.stderr[-3000:]}", file=sys.stderr)
    return None


def score(result: dict[str, Any], truth: Pairs) -> None:
    found = {tuple(pair) for pair in result.pop("sample_found")}
    result["sample_recall"] = len(found & truth) / len(truth) if truth else 1.0
    result["false_positives"] = len(found - truth)


def print_table(results: list[dict[str, Any]], args: argparse.Namespace, truth_size: int) -> None:
    print(f"\nN = {args.n:,}; {args.queries} queries (half planted at 0..31, half random), max distance 31;")
    print(f"single-query rate over the first {min(args.single, args.queries)} queries; brute-force truth for")
    print(f"{args.sample} sampled queries ({truth_size} pairs); additions: {ADDITIONS:,} hashes.\n")
    header = (
        "| system | build s | RSS MB | single q/s | batch q/s | recall planted | recall sample | false pos"
    )
    print(header + " | add 10k s | found after add |")
    print("|---" * 10 + "|")
    for r in results:
        print(
            f"| {r['system']} | {r['build_s']:.1f} | {r['rss_mb']:.0f} | {r['single_qps']:.0f} "
            f"| {r['batch_qps']:.0f} | {r['planted_recall']:.4f} | {r['sample_recall']:.4f} "
            f"| {r['false_positives']} | {r['add_s']:.3f} | {r['add_found']:,} |"
        )
    by_name = {r["system"]: r for r in results}
    tipline = by_name.get("tipline")
    if tipline:
        print(
            f"\ntipline: index arrays {tipline['nbytes_mb']:.0f} MiB; save {tipline['save_s']:.1f} s; ",
            end="",
        )
        print(f"load {tipline['load_s']:.1f} s")
        for other in ("hma", "faiss-flat"):
            if other in by_name:
                o = by_name[other]
                print(
                    f"tipline/{other}: batch {tipline['batch_qps'] / o['batch_qps']:.1f}x, "
                    f"single {tipline['single_qps'] / o['single_qps']:.1f}x, "
                    f"build time {tipline['build_s'] / o['build_s']:.2f}x, "
                    f"memory {tipline['rss_mb'] / max(o['rss_mb'], 1):.2f}x"
                )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of indexed hashes")
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--single", type=int, default=2000, help="queries sent one at a time (default 2000)")
    parser.add_argument("--sample", type=int, default=100, help="queries checked against brute-force truth")
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--skip-hma", action="store_true")
    parser.add_argument("--skip-faiss", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--worker", choices=SYSTEMS, help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if args.worker:
        print("RESULT " + json.dumps(run_worker(args.worker, args)), flush=True)
        return
    names = [
        s for s in SYSTEMS if not (s == "hma" and args.skip_hma or s == "faiss-flat" and args.skip_faiss)
    ]
    results = [r for r in (run_system(name, args) for name in names) if r is not None]
    print("computing brute-force truth for the sample ...", flush=True)
    truth = brute_force_truth(make_data(args.n, args.queries, args.seed, args.sample))
    for result in results:
        score(result, truth)
    print_table(results, args, len(truth))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
