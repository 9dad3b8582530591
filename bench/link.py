"""Linking throughput and per-report latency with 100,000 and with 1,000,000 reports already stored.

Linking a new report must not cost more as the store grows: it looks identifiers up in indexes, it
never scans. The script:

1. generates ``STORED + PROBES`` synthetic reports (``tipline synth``, hash-only, one seed);
2. stores the first ones in bulk into a fresh database (SQLite in a temporary folder unless
   --database-url is given) the way linking would have left them: the report rows, every identifier
   of every reported person as a keyed hash (``report_identifiers``), the distinct accounts per
   identifier and which identifiers are too common (``identifier_accounts``, ``identifier_uses``), and
   one subject per true person with its members and links (as if linking had been perfect). Bulk
   storing is untimed; running the real linker on a million reports would take hours and measure
   nothing more;
3. at each checkpoint (100,000 stored, then 1,000,000), times ``linking.service.record_and_link`` on
   the same ``PROBES`` later reports, each in its own transaction that is rolled back afterwards (so
   both checkpoints measure the same work against the same store), next to a baseline in the same run:
   a transaction that reads one report row by id (the cheapest indexed unit of work).

It prints, per checkpoint, reports linked per second, p50/p95 latency, links found, the baseline, and
the ratio of the 1M figures to the 100k ones (1.0 = no growth).

    .venv/bin/python bench/link.py                  # 100k and 1M (about 20 minutes, ~6 GB of disk)
    .venv/bin/python bench/link.py --stored 20000,100000 --probes 500   # a quick look
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sqlalchemy import insert, select, text  # noqa: E402

from tipline.config import Settings  # noqa: E402
from tipline.context import Context  # noqa: E402
from tipline.core import migrate  # noqa: E402
from tipline.core.db import insert_ignore  # noqa: E402
from tipline.linking import evidence, identifiers  # noqa: E402
from tipline.linking import service as linking  # noqa: E402
from tipline.models import (  # noqa: E402
    IdentifierAccount,
    Report,
    ReportIdentifier,
    Subject,
    SubjectLink,
    SubjectMember,
)
from tipline.providers import service as providers  # noqa: E402
from tipline.synth.generator import generate  # noqa: E402

CHUNK = 5000  # reports per bulk transaction
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
NOT_COUNTED = evidence.NEVER_COMMON | evidence.COMPARED_ONLY


def lines(folder: Path) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    with (folder / "reports.jsonl").open("rb") as reports, (folder / "truth.jsonl").open("rb") as truths:
        for report, truth in zip(reports, truths, strict=True):
            yield orjson.loads(report), orjson.loads(truth)


class Store:
    """Bulk storing of reports as linking leaves them."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.providers: dict[str, uuid.UUID] = {}
        self.subjects: dict[str, tuple[uuid.UUID, uuid.UUID, str]] = {}  # true person -> (subject, last)
        self.stored = 0

    def provider(self, name: str) -> uuid.UUID:
        if name not in self.providers:
            with self.ctx.unit() as session:
                self.providers[name] = providers.ensure_provider(session, name).id
        return self.providers[name]

    def report_row(self, rid: uuid.UUID, provider_id: uuid.UUID, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": rid,
            "provider_id": provider_id,
            "provider_report_id": data["provider_report_id"],
            "schema_version": "1.0",
            "status": "received",
            "content_digest": rid.hex * 2,
            "content_sealed": b"",
            "incident_categories": [],
            "incident_time": EPOCH,
            "service_type": "messaging",
            "provider_urgent": False,
            "received_at": EPOCH,
            "finished_at": EPOCH,
        }

    def add(self, batch: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
        mac = self.ctx.keyring.mac
        reports, idents, accounts, members, links, subjects = [], [], [], [], [], []
        for data, truth in batch:
            rid, pid = uuid.uuid4(), self.provider(truth["provider"])
            reports.append(self.report_row(rid, pid, data))
            mentions = identifiers.mentions(
                data, report_id=str(rid), provider_id=str(pid), provider_report_id=data["provider_report_id"]
            )
            for m in mentions:
                account = mac(
                    f"account:{m.account}".encode() if m.account else f"mention:{rid}:{m.ref}".encode()
                )
                for kind, value in m.stored:
                    key = mac(f"identifier:{kind}:{value}".encode())
                    idents.append(
                        {"report_id": rid, "provider_id": pid, "person_ref": m.ref, "kind": kind, "key": key}
                    )
                    if kind not in NOT_COUNTED:
                        accounts.append({"key": key, "account": account})
                person = truth["subject_id"] if m.lead else f"{rid}:{m.ref}"
                known = self.subjects.get(person)
                if known is None:
                    sid = uuid.uuid4()
                    subjects.append({"id": sid, "members": 0, "created_at": EPOCH, "updated_at": EPOCH})
                else:
                    sid, last_report, last_ref = known
                    links.append(
                        {
                            "report_id": rid,
                            "person_ref": m.ref,
                            "other_report_id": last_report,
                            "other_person_ref": last_ref,
                            "strength": 1.0,
                            "kinds": ["email"],
                            "keys": [],
                            "reasons": ["email shared"],
                            "state": "auto",
                            "created_at": EPOCH,
                            "updated_at": EPOCH,
                        }
                    )
                self.subjects[person] = (sid, rid, m.ref)
                members.append(
                    {
                        "subject_id": sid,
                        "report_id": rid,
                        "person_ref": m.ref,
                        "lead": m.lead,
                        "joined_at": EPOCH,
                    }
                )
        with self.ctx.unit() as session:
            session.execute(insert(Report), reports)
            session.execute(insert(Subject), subjects) if subjects else None
            session.execute(insert(ReportIdentifier), idents)
            insert_ignore(session, IdentifierAccount, accounts)
            session.execute(insert(SubjectMember), members)
            session.execute(insert(SubjectLink), links) if links else None
        self.stored += len(batch)

    def settle(self) -> None:
        """Identifier use counts and subject sizes, from the rows (as incremental linking keeps them)."""
        with self.ctx.unit() as session:
            session.execute(text("DELETE FROM identifier_uses"))
            session.execute(
                text(
                    "INSERT INTO identifier_uses (key, kind, accounts, common) "
                    "SELECT a.key, (SELECT i.kind FROM report_identifiers i WHERE i.key = a.key LIMIT 1), "
                    "count(*), count(*) >= :at FROM identifier_accounts a GROUP BY a.key"
                ),
                {"at": evidence.COMMON_AT},
            )
            session.execute(
                text(
                    "UPDATE subjects SET members = (SELECT count(*) FROM subject_members m "
                    "WHERE m.subject_id = subjects.id) WHERE members = 0"
                )
            )


def measure(ctx: Context, probes: list[tuple[Report, dict[str, Any]]]) -> dict[str, float]:
    times, found = [], 0
    for report, data in probes:
        with ctx.sessions() as session:
            start = time.perf_counter()
            links = linking.record_and_link(session, ctx.keyring, report, data)
            session.flush()
            times.append(time.perf_counter() - start)
            found += len(links.reports)
            session.rollback()
    base = []
    for report, _ in probes:
        with ctx.sessions() as session:
            start = time.perf_counter()
            session.execute(select(Report.status).where(Report.id == report.id)).one()
            base.append(time.perf_counter() - start)
            session.rollback()
    times.sort()
    return {
        "per_second": len(times) / sum(times),
        "p50_ms": 1000 * statistics.median(times),
        "p95_ms": 1000 * times[int(0.95 * (len(times) - 1))],
        "links_found": found,
        "baseline_per_second": len(base) / sum(base),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stored", default="100000,1000000", help="checkpoints: reports stored")
    parser.add_argument("--probes", type=int, default=2000, help="reports linked at each checkpoint")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    checkpoints = sorted(int(x) for x in args.stored.split(","))
    work = Path(tempfile.mkdtemp(prefix="tipline-bench-link-"))
    total = checkpoints[-1] + args.probes
    print(f"work folder {work}; generating {total:,} synthetic reports", flush=True)
    t = time.perf_counter()
    generate(total, args.seed, work / "synth", bytes_share=0.0)
    print(f"  generated in {time.perf_counter() - t:.0f} s", flush=True)
    settings = Settings(
        data_dir=work / "data",
        database_url=args.database_url,
        encryption_key=os.environ.get("TIPLINE_ENCRYPTION_KEY") or "A" * 43 + "=",
        worker=False,
    )
    ctx = Context.build(settings)
    migrate.upgrade(ctx.engine)
    store = Store(ctx)
    # the probes are the last reports of the run: recurring people appear throughout it
    probes: list[tuple[Report, dict[str, Any]]] = []
    probe_rows = []
    for data, truth in itertools.islice(lines(work / "synth"), checkpoints[-1], None):
        row = store.report_row(uuid.uuid4(), store.provider(truth["provider"]), data)
        probe_rows.append(row)
        probes.append((Report(**row), data))
    with ctx.unit() as session:
        session.execute(insert(Report), probe_rows)
    stored_part = lines(work / "synth")
    results = {}
    position = 0
    for checkpoint in checkpoints:
        t = time.perf_counter()
        while position < checkpoint:
            batch = list(itertools.islice(stored_part, min(CHUNK, checkpoint - position)))
            store.add(batch)
            position += len(batch)
            if position % 100_000 == 0 or position == checkpoint:
                print(f"  stored {position:,} ({time.perf_counter() - t:.0f} s)", flush=True)
        store.settle()
        results[checkpoint] = measure(ctx, probes)
        r = results[checkpoint]
        print(
            f"{checkpoint:>9,} stored: {r['per_second']:.0f} reports linked/s, p50 {r['p50_ms']:.1f} ms, "
            f"p95 {r['p95_ms']:.1f} ms, {r['links_found']} links; baseline {r['baseline_per_second']:.0f}/s",
            flush=True,
        )
    first, last = results[checkpoints[0]], results[checkpoints[-1]]
    ratio = {k: last[k] / first[k] for k in ("per_second", "p50_ms", "p95_ms", "baseline_per_second")}
    print(
        f"ratio {checkpoints[-1]:,} / {checkpoints[0]:,} stored: throughput {ratio['per_second']:.2f}, "
        f"p50 {ratio['p50_ms']:.2f}, p95 {ratio['p95_ms']:.2f}, baseline {ratio['baseline_per_second']:.2f}"
    )
    ctx.close()


if __name__ == "__main__":
    main()
