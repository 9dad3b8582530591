"""Retro-hunt: new indicators checked against the stored file hashes of earlier reports.

Goal (issue 3): 10,000 new indicators against 10,000,000 stored file hashes within 60 s.

The script builds a database (SQLite in a temporary directory unless --database-url is given) holding
``N`` stored files (random PDQ and MD5 hashes, 100 files per report), then imports ``--new`` indicators
into a bank with ``tipline.banks.service.import_records`` (one unit of work, as ``tipline banks import``
does). A share of the new indicators are planted near-duplicates (PDQ distance 0..31) or exact MD5
copies of stored files. It then runs the retro-hunt job's use case, ``matching.service.retro_hunt``, in
one unit of work and reports its time, split into phases, and its recall on the planted pairs.

Baseline in the same run (unless --skip-baseline): faiss ``IndexBinaryFlat`` brute force of the same new
PDQ indicators against the same stored hashes, already in memory (no database reads), i.e. what a full
scan costs without tipline's index.

    .venv/bin/python bench/retro_hunt.py 10000000
"""

from __future__ import annotations

import argparse
import base64
import os
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from sqlalchemy import func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from tipline.banks import service as banks  # noqa: E402
from tipline.banks.formats import IndicatorRecord  # noqa: E402
from tipline.banks.schemas import BankCreate, Purpose  # noqa: E402
from tipline.config import Settings  # noqa: E402
from tipline.context import Context  # noqa: E402
from tipline.core import migrate  # noqa: E402
from tipline.matching import service as matching  # noqa: E402
from tipline.models import Match, Report, ReportFile  # noqa: E402
from tipline.providers import service as providers  # noqa: E402

FILES_PER_REPORT = 100
BATCH = 50_000
FILE_INSERT = (
    "INSERT INTO report_files (id, report_id, position, ref, state, md5, pdq, pdq_quality, hash_check,"
    " classification) VALUES (?, ?, ?, ?, 'hashes_only', ?, ?, 100, 'not_applicable', 'unknown')"
)


def hex_rows(raw: bytes, width: int) -> list[str]:
    text = raw.hex()
    step = width * 2
    return [text[i : i + step] for i in range(0, len(text), step)]


def flip(rng: np.random.Generator, value: str, bits: int) -> str:
    number = int(value, 16)
    for bit in rng.choice(256, size=bits, replace=False):
        number ^= 1 << int(bit)
    return f"{number:064x}"


def populate(ctx: Context, n: int, rng: np.random.Generator) -> tuple[list[str], list[str]]:
    """N stored files; returns samples of their PDQs and MD5s to plant against."""
    with ctx.unit() as session:
        provider, _ = providers.add_provider(session, "Bench Provider")
        provider_id = provider.id
    now = datetime.now(UTC)
    sqlite = ctx.engine.dialect.name == "sqlite"
    sample_pdq: list[str] = []
    sample_md5: list[str] = []
    started = time.monotonic()
    reports_total = (n + FILES_PER_REPORT - 1) // FILES_PER_REPORT
    for first in range(0, reports_total, BATCH // FILES_PER_REPORT):
        count = min(BATCH // FILES_PER_REPORT, reports_total - first)
        report_rows, file_rows = [], []
        pdqs = hex_rows(rng.bytes(32 * count * FILES_PER_REPORT), 32)
        md5s = hex_rows(rng.bytes(16 * count * FILES_PER_REPORT), 16)
        for r in range(count):
            report_id = uuid.uuid4()
            report_key: object = report_id.hex if sqlite else report_id
            report_rows.append(
                {
                    "id": report_id,
                    "provider_id": provider_id,
                    "provider_report_id": f"bench-{first + r}",
                    "schema_version": "1.0",
                    "status": "received",
                    "content_digest": "0" * 64,
                    "content_sealed": b"",
                    "incident_categories": ["known_material"],
                    "incident_time": now,
                    "service_type": "cloud_storage",
                    "provider_urgent": False,
                    "received_at": now,
                    "finished_at": now,
                    "retracted_at": None,
                }
            )
            for k in range(FILES_PER_REPORT):
                i = r * FILES_PER_REPORT + k
                file_id: object = uuid.uuid4().hex if sqlite else uuid.uuid4()
                file_rows.append((file_id, report_key, k, f"f{k}", md5s[i], pdqs[i]))
        with ctx.unit() as session:
            session.execute(insert(Report), report_rows)
            # file rows straight to the driver: 10M rows through the ORM's type processing take too long
            session.connection().exec_driver_sql(FILE_INSERT.replace("?", "?" if sqlite else "%s"), file_rows)
        sample_pdq.extend(pdqs[:: FILES_PER_REPORT * 10])
        sample_md5.extend(md5s[5 :: FILES_PER_REPORT * 10])
        done = (first + count) * FILES_PER_REPORT
        rate = done / (time.monotonic() - started)
        print(f"\r  stored files: {done:,} ({rate:,.0f}/s)", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return sample_pdq, sample_md5


def record(position: int, hash_type: str, value: str) -> IndicatorRecord:
    return IndicatorRecord(
        position,
        hash_type,
        value,
        None,
        "A1",
        None,
        None,
        "bench",
        None,
        None,
        None,
        False,  # type: ignore[arg-type]
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("n", type=int, help="stored file hashes")
    parser.add_argument("--new", type=int, default=10_000, help="new indicators (default 10,000)")
    parser.add_argument("--planted-pdq", type=int, default=1000)
    parser.add_argument("--planted-md5", type=int, default=200)
    parser.add_argument("--database-url", help="default: SQLite in a temporary directory")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)

    with tempfile.TemporaryDirectory(prefix="tipline-retro-") as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
        settings = Settings(
            data_dir=Path(tmp) / "data",
            database_url=url,
            encryption_key=base64.b64encode(os.urandom(32)).decode(),
            worker=False,
        )
        ctx = Context.build(settings)
        migrate.upgrade(ctx.engine)
        t0 = time.monotonic()
        # a bulk load: the file-hash indexes are dropped while the rows go in, and built afterwards
        indexes = list(ReportFile.__table__.indexes)
        with ctx.engine.begin() as conn:
            for index in indexes:
                index.drop(conn)
        sample_pdq, sample_md5 = populate(ctx, args.n, rng)
        with ctx.engine.begin() as conn:
            for index in indexes:
                index.create(conn)
        setup = time.monotonic() - t0

        planted_pdq = [
            flip(rng, v, int(d))
            for v, d in zip(
                sample_pdq[: args.planted_pdq], rng.integers(0, 32, args.planted_pdq), strict=False
            )
        ]
        planted_md5 = sample_md5[: args.planted_md5]
        fresh = hex_rows(rng.bytes(32 * (args.new - len(planted_pdq) - len(planted_md5))), 32)
        records = [record(i, "pdq", v) for i, v in enumerate(planted_pdq + fresh)]
        records += [record(len(records) + i, "md5", v) for i, v in enumerate(planted_md5)]

        with ctx.unit() as session:
            bank = banks.create_bank(session, BankCreate(name="bench", purpose=Purpose.known), "bench")
            t0 = time.monotonic()
            summary = banks.import_records(
                session, bank, records, "bench", filename="bench.csv", file_sha256="0" * 64, fmt="csv"
            )
            imported = time.monotonic() - t0
            bank_id = bank.id
        assert summary.seq_from is not None
        assert summary.seq_to is not None

        t0 = time.monotonic()
        with ctx.read() as session:  # as the job does: the scan reads, then a short unit records
            result = matching.retro_hunt(session, bank_id, summary.seq_from, summary.seq_to)
        scan = time.monotonic() - t0
        with ctx.unit() as session:
            matching.record_retro_hunt(session, ctx.pdq, result)
        hunt = time.monotonic() - t0
        with ctx.unit() as session:
            found = session.scalar(select(func.count()).select_from(Match)) or 0
        ctx.close()

    expected = len(planted_pdq) + len(planted_md5)
    print(f"stored file hashes      {args.n:>12,}   (setup {setup:,.1f} s)")
    print(f"new indicators          {len(records):>12,}   (import {imported:,.2f} s)")
    print(f"retro-hunt              {hunt:>12.1f} s   goal < 60 s")
    print(f"  scan (read-only)      {scan:>12.1f} s   record {hunt - scan:.1f} s")
    print(f"  stored PDQs scanned   {result.files_scanned:>12,}")
    print(f"  new matches           {result.new_matches:>12,}   on {result.reports:,} reports")
    recall = min(found, expected) / expected
    print(f"  recall (planted)      {recall:>12.3f}   ({found:,} matches, {expected:,} planted)")
    if not args.skip_baseline:
        baseline = faiss_baseline(args, planted_pdq + fresh)
        if baseline is not None:
            print(f"faiss flat brute force  {baseline:>12.1f} s   (in memory, same queries and stored size)")
            print(f"ratio tipline/faiss     {baseline / hunt:>12.2f}x faster")


def faiss_baseline(args: argparse.Namespace, queries: list[str]) -> float | None:
    try:
        import faiss
    except ImportError:
        print("faiss not installed: pip install -e '.[bench]'", file=sys.stderr)
        return None
    rng = np.random.default_rng(args.seed + 1)
    index = faiss.IndexBinaryFlat(256)
    for start in range(0, args.n, 1_000_000):
        index.add(
            np.frombuffer(rng.bytes(32 * min(1_000_000, args.n - start)), dtype=np.uint8).reshape(-1, 32)
        )
    q = np.frombuffer(bytes.fromhex("".join(queries)), dtype=np.uint8).reshape(-1, 32)
    t0 = time.monotonic()
    index.range_search(q, 32)
    return time.monotonic() - t0


if __name__ == "__main__":
    main()
