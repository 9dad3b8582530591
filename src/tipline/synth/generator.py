"""Deterministic synthetic data: provider reports, ground truth, and the benign images they refer to.

``generate(n, seed, out)`` writes
  out/reports.jsonl  one ReportCreate JSON object per line (no ``finish`` key)
  out/truth.jsonl    the ground truth of each report, same order: provider_report_id, provider,
                     scenario, subject_id (true person; shared by a person's reports across providers),
                     subject_ids (every reported person), country (ISO alpha-2 of the suspect),
                     victim_country, priority (P1/P2/P3/INFO), vpn, trip (the country of an
                     upload made abroad, else null), jurisdiction {route, states, inferable,
                     countries} (what the rendered report lets one tell; see builder._jurisdiction),
                     signals, and files [{ref, item_id, variant_of, known}]
  out/items.jsonl    every pool image, i.e. the known items (variant_of null) and their near-duplicate
                     variants, with digests and PDQ: build hash banks from the bases
  out/files/         the pool images, plus the unseen images of reports whose bytes follow; a file
                     declared with bytes_to_follow is at out/files/<its filename>
The same (n, seed, bytes_share) gives byte-identical output, whatever the number of worker processes:
everything derives from the seed and a fixed epoch, never from the clock or uuid4. Existing files in
``out`` are overwritten, never deleted. Not thread-safe (one generate() per process at a time).
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

import orjson

from tipline.synth.builder import Ctx, Env, Step, assemble
from tipline.synth.images import ImageRecord, Pool, UniqueImages, assemble_pool, pool_candidate
from tipline.synth.people import Subject, account_id, new_subject, phone_capacity, pick_country
from tipline.synth.providers import pick_provider, provider_sequence
from tipline.synth.scenarios import BUILDERS, multi_provider
from tipline.synth.timefmt import DAY, HOUR, YEAR, epoch

SCENARIO_WEIGHTS: dict[str, float] = {
    "known_messenger": 0.30,
    "cloud_collection": 0.07,
    "new_material": 0.06,
    "grooming": 0.14,
    "sextortion": 0.10,
    "viral": 0.10,
}
MULTI_PROVIDER_SHARE = 0.18  # of all reports, about recurring subjects
SCENARIOS: tuple[str, ...] = (*SCENARIO_WEIGHTS, "multi_provider")
PROGRESS_EVERY = 500  # also the size of a work chunk
PARALLEL_FROM = 2000  # reports; smaller runs stay in one process
_NOT_URGENT = ("known_messenger", "cloud_collection", "viral")  # older incidents by report time


@dataclass(frozen=True)
class SynthSummary:
    reports: int
    files_with_bytes: int
    images_written: int
    seconds: float
    files_declared: int = 0
    pool_items: int = 0
    pool_variants: int = 0
    subjects_recurring: int = 0
    scenarios: dict[str, int] = field(default_factory=dict)
    priorities: dict[str, int] = field(default_factory=dict)

    @property
    def reports_per_second(self) -> float:
        return self.reports / self.seconds if self.seconds > 0 else 0.0


def pool_bases(n_reports: int) -> int:
    """Known base items: grows with n, bounded (24..64) so pool generation stays under a second."""
    return max(24, min(64, 24 + n_reports // 250))


@dataclass(frozen=True)
class _Plan:
    steps: list[Step]
    recurring: dict[str, Subject]


def _times(n: int, seed: int) -> tuple[int, float]:
    end = epoch(2026) - (seed % 28) * DAY
    start = end - 4 * YEAR
    return start, (end - start) / max(n, 1)


def _recurring(
    rng: Random, seed: int, n: int, steps: list[Step], start: int, step: float
) -> dict[str, Subject]:
    """Place the reports of subjects seen by several providers over the years."""
    target = round(n * MULTI_PROVIDER_SHARE) if n >= 10 else 0
    counts: list[int] = []
    while sum(counts) + 2 <= target:
        counts.append(min(rng.randint(2, 5), target - sum(counts)))
    slots = sorted(rng.sample(range(n), sum(counts)))
    owners = [k for k, c in enumerate(counts) for _ in range(c)]
    rng.shuffle(owners)
    by_subject: dict[int, list[int]] = {}
    for index, k in zip(slots, owners, strict=True):
        by_subject.setdefault(k, []).append(index)
    subjects: dict[str, Subject] = {}
    for k, indices in sorted(by_subject.items()):
        sid = f"R{seed}-{k:05d}"
        srng = Random(f"subject:{seed}:{k}")
        first = start + int(indices[0] * step)
        country = pick_country(srng)
        serial = phone_capacity(country) - 1 - k  # from the top of the range, below it the one-offs
        subjects[sid] = new_subject(srng, sid, country, first, srng.randint(20, 55), serial=serial)
        providers = provider_sequence(srng, len(indices))
        phone_base = srng.randrange(6)
        history: dict[str, list[tuple[str, str]]] = {}  # provider -> [(report id, account id)]
        for j, (index, provider) in enumerate(zip(indices, providers, strict=True)):
            earlier = history.setdefault(provider.name, [])
            old_uid = earlier[-1][1] if earlier else None
            arng = Random(f"account:{seed}:{k}:{j}")
            keep = old_uid is not None and arng.random() < 0.4  # the same account reported again
            uid = old_uid if keep and old_uid else account_id(arng, provider.style.id_style)
            rid = f"synth-{seed}-{index:07d}"
            steps[index] = Step(
                "multi_provider",
                sid,
                provider,
                j,
                tuple(r for r, _ in earlier),
                uid,
                old_uid,
                (phone_base + j) % 6,
            )
            earlier.append((rid, uid))
    return subjects


def _plan(n: int, seed: int) -> _Plan:
    rng = Random(f"plan:{seed}")
    start, step = _times(n, seed)
    steps: list[Step] = [Step("")] * n
    recurring = _recurring(rng, seed, n, steps, start, step)
    names = list(SCENARIO_WEIGHTS)
    cum = list(itertools.accumulate(SCENARIO_WEIGHTS.values()))
    free = [i for i in range(n) if not steps[i].scenario]
    for i in free:
        steps[i] = Step(rng.choices(names, cum_weights=cum)[0])
    if len(free) >= 2 * len(names):  # every scenario at least once
        counts = Counter(steps[i].scenario for i in free)
        for name in names:
            if counts[name] == 0:
                i = rng.choice([j for j in free if counts[steps[j].scenario] > 1])
                counts[steps[i].scenario] -= 1
                counts[name] += 1
                steps[i] = Step(name)
    return _Plan(steps, recurring)


class _UniqueWriter:
    """Unique images on demand; writes the bytes when the report's files are to be uploaded."""

    def __init__(self, maker: UniqueImages, files_dir: Path) -> None:
        self._maker = maker
        self._dir = files_dir
        self.written: list[str] = []

    def __call__(self, key: str, item_id: str, write: bool) -> ImageRecord:
        rec, data = self._maker.make(key, item_id)
        if write:
            (self._dir / rec.filename).write_bytes(data)
            self.written.append(rec.filename)
        return rec


@dataclass(frozen=True)
class _Job:
    """Everything a worker needs to build any report on its own."""

    seed: int
    pool: Pool
    plan: _Plan
    viral_bases: tuple[int, ...]
    bytes_share: float
    files_dir: Path
    start: int
    step: float


@dataclass
class _Chunk:
    reports: bytes
    truth: bytes
    count: int
    declared: int
    with_bytes: int
    written: list[str]
    scenarios: Counter[str]
    priorities: Counter[str]


_JOB: _Job | None = None  # set before workers fork, so they inherit it
_MAKERS: dict[int, UniqueImages] = {}


def _build_chunk(bounds: tuple[int, int]) -> _Chunk:
    job = _JOB
    assert job is not None
    maker = _MAKERS.get(job.seed)
    if maker is None:
        maker = _MAKERS[job.seed] = UniqueImages(job.seed)
    unique = _UniqueWriter(maker, job.files_dir)
    env = Env(job.seed, job.pool, unique, job.viral_bases, job.plan.recurring)
    chunk = _Chunk(b"", b"", 0, 0, 0, unique.written, Counter(), Counter())
    dumps, newline = orjson.dumps, orjson.OPT_APPEND_NEWLINE
    reports: list[bytes] = []
    truths: list[bytes] = []
    for i in range(*bounds):
        plan_step = job.plan.steps[i]
        r = Random(f"{job.seed}:{i}")
        bytes_mode = r.random() < job.bytes_share
        submitted = job.start + int((i + r.random()) * job.step)
        scenario = plan_step.scenario
        provider = plan_step.provider or pick_provider(r, scenario)
        slow = scenario in _NOT_URGENT
        delay = r.randrange(DAY, 30 * DAY) if slow else r.randrange(HOUR, 2 * DAY)
        ctx = Ctx(
            i, f"synth-{job.seed}-{i:07d}", r, provider, submitted, submitted - delay, bytes_mode, job.seed
        )
        build = BUILDERS.get(scenario)
        draft = build(env, ctx) if build else multi_provider(env, ctx, plan_step)
        report, truth = assemble(ctx, draft)
        chunk.count += 1
        chunk.declared += len(ctx.files)
        chunk.with_bytes += len(ctx.files) if bytes_mode else 0
        chunk.scenarios[scenario] += 1
        chunk.priorities[draft.priority] += 1
        reports.append(dumps(report, option=newline))
        truths.append(dumps(truth, option=newline))
    chunk.reports = b"".join(reports)
    chunk.truth = b"".join(truths)
    return chunk


def _workers(requested: int | None, n_reports: int) -> int:
    if requested is not None:
        wanted = max(1, requested)
    elif n_reports < PARALLEL_FROM:
        wanted = 1
    else:
        wanted = min(os.cpu_count() or 1, 4)
    if wanted > 1 and "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return wanted


@contextlib.contextmanager
def _executor(workers: int, tasks: int) -> Iterator[ProcessPoolExecutor | None]:
    """Forked worker processes when workers > 1 (the results are the same either way)."""
    if workers <= 1 or tasks <= 1:
        yield None
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=min(workers, tasks), mp_context=context) as executor:
        yield executor


def _write_items(path: Path, pool: Pool) -> None:
    with path.open("wb") as f:
        for rec in pool.records():
            f.write(orjson.dumps(rec.item_line(known=True), option=orjson.OPT_APPEND_NEWLINE))


def generate(
    n_reports: int,
    seed: int,
    out: Path,
    *,
    bytes_share: float = 0.2,
    progress: Callable[[int], None] | None = None,
    workers: int | None = None,
) -> SynthSummary:
    """Write ``n_reports`` synthetic reports and their ground truth under ``out``.

    ``bytes_share`` of the reports carry files with bytes_to_follow (bytes in out/files/<filename>);
    the rest are hash-only. ``progress(k)`` is called with the number of reports just written.
    ``workers`` processes build the pool and the reports (default: one per CPU, up to 4, for large
    runs); the output does not depend on it.
    """
    global _JOB
    if n_reports < 0:
        raise ValueError("n_reports must not be negative")
    if not 0.0 <= bytes_share <= 1.0:
        raise ValueError("bytes_share must be between 0 and 1")
    began = time.perf_counter()
    out = Path(out)
    files_dir = out / "files"
    files_dir.mkdir(parents=True, exist_ok=True)
    procs = _workers(workers, n_reports)
    bases = list(range(pool_bases(n_reports)))
    make_candidate = functools.partial(pool_candidate, seed)
    with _executor(procs, len(bases)) as executor:
        # Executor.map submits at once: the plan is made while the workers draw the pool.
        candidates = executor.map(make_candidate, bases) if executor else map(make_candidate, bases)
        plan = _plan(n_reports, seed)
        pool = assemble_pool(seed, candidates, files_dir)
    _write_items(out / "items.jsonl", pool)
    viral = tuple(Random(f"viral:{seed}").sample(range(len(pool.bases)), 4))
    start, step = _times(n_reports, seed)
    chunks = [(lo, min(lo + PROGRESS_EVERY, n_reports)) for lo in range(0, n_reports, PROGRESS_EVERY)]
    _JOB = _Job(seed, pool, plan, viral, bytes_share, files_dir, start, step)
    total = _Chunk(b"", b"", 0, 0, 0, [], Counter(), Counter())
    written: set[str] = set()
    try:
        with (
            _executor(procs, len(chunks)) as executor,
            (out / "reports.jsonl").open("wb") as rf,
            (out / "truth.jsonl").open("wb") as tf,
        ):
            results = executor.map(_build_chunk, chunks) if executor else map(_build_chunk, chunks)
            for chunk in results:
                rf.write(chunk.reports)
                tf.write(chunk.truth)
                total.declared += chunk.declared
                total.with_bytes += chunk.with_bytes
                total.scenarios.update(chunk.scenarios)
                total.priorities.update(chunk.priorities)
                written.update(chunk.written)
                if progress:
                    progress(chunk.count)
    finally:
        _JOB = None
    records = pool.records()
    return SynthSummary(
        reports=n_reports,
        files_with_bytes=total.with_bytes,
        images_written=len(records) + len(written),
        seconds=time.perf_counter() - began,
        files_declared=total.declared,
        pool_items=len(pool.bases),
        pool_variants=len(records) - len(pool.bases),
        subjects_recurring=len(plan.recurring),
        scenarios=dict(total.scenarios),
        priorities=dict(total.priorities),
    )
