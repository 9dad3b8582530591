"""Assessment throughput: synthetic reports assessed per second, as the worker assesses them.

The script generates ``N`` synthetic reports (hash-only, ``tipline synth`` with ``--bytes-share 0``),
submits them in-process through ``reports.service.submit`` into a fresh database (SQLite in a temporary
directory unless --database-url is given), imports the synth folder's known pictures into a bank and
matches every report (untimed). Then, timed:

* baseline: per report (an even sample of 20,000 at most), one unit of work that locks the report,
  reads and decrypts its content and supplements, and loads its files and matches: what any
  assessment must do before deciding anything;
* assessment: per report, one unit of work running ``assessment.service.assess`` (what the
  ``reports.changed`` job does), from scratch (no assessment, items or bundles yet).

It prints both rates and their ratio (assessment / baseline), the time per report in the text-cue
extractor alone, and the priority accuracy on the synth truth as a check that the work was real.

    .venv/bin/python bench/assess.py 100000
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sqlalchemy import select  # noqa: E402

from tipline.assessment import priority_eval  # noqa: E402
from tipline.assessment import repository as assessment_rows  # noqa: E402
from tipline.assessment import service as assessment  # noqa: E402
from tipline.assessment.signals import texts_of  # noqa: E402
from tipline.assessment.text.cues import SUPPORTED, find_cues  # noqa: E402
from tipline.cli.synth_bank import import_known  # noqa: E402
from tipline.config import Settings  # noqa: E402
from tipline.context import Context  # noqa: E402
from tipline.core import migrate  # noqa: E402
from tipline.matching import service as matching  # noqa: E402
from tipline.models import Report  # noqa: E402
from tipline.providers import service as providers  # noqa: E402
from tipline.reports import service as reports  # noqa: E402
from tipline.reports.schemas import ReportCreate  # noqa: E402
from tipline.synth.generator import generate  # noqa: E402

UNIT = 500  # reports per unit of work while loading
BASELINE_SAMPLE = 20_000  # reports read for the baseline (evenly spread)


def load(ctx: Context, folder: Path) -> list:  # type: ignore[type-arg]
    with ctx.unit() as session:
        provider, _ = providers.add_provider(session, "bench")
    ids = []
    with (folder / "reports.jsonl").open("rb") as lines:
        batch: list[bytes] = []
        for line in lines:
            batch.append(line)
            if len(batch) == UNIT:
                ids += _submit(ctx, provider, batch)
                batch = []
        ids += _submit(ctx, provider, batch)
    return ids


def _submit(ctx: Context, provider: object, lines: list[bytes]) -> list:  # type: ignore[type-arg]
    with ctx.unit() as session:
        return [
            reports.submit(session, ctx.keyring, provider, ReportCreate.model_validate_json(line)).report.id  # type: ignore[arg-type]
            for line in lines
        ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("reports", type=int, nargs="?", default=100_000)
    parser.add_argument("--database-url", default=None, help="PostgreSQL URL (default: SQLite in a temp dir)")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()

    for code in SUPPORTED:  # every lexicon now, not lazily in the middle of the timed phase
        find_cues("", code)
    with tempfile.TemporaryDirectory(prefix="tipline-bench-assess-") as tmp:
        data = Path(tmp)
        folder = data / "synth"
        t = time.perf_counter()
        generate(args.reports, args.seed, folder, bytes_share=0.0, workers=min(2, os.cpu_count() or 1))
        print(f"generated {args.reports:,} reports in {time.perf_counter() - t:.1f} s", flush=True)
        settings = Settings(data_dir=data, database_url=args.database_url, worker=False)
        ctx = Context.build(settings)
        migrate.upgrade(ctx.engine)
        t = time.perf_counter()
        ids = load(ctx, folder)
        print(f"submitted in {time.perf_counter() - t:.1f} s", flush=True)
        import_known(ctx, folder, "synth-known", "bench")
        with ctx.unit() as session:
            ctx.pdq.load(session)
        t = time.perf_counter()
        for i in range(0, len(ids), UNIT):
            with ctx.unit() as session:
                for rid in ids[i : i + UNIT]:
                    matching.match_report(session, ctx.pdq, rid)
        print(f"matched in {time.perf_counter() - t:.1f} s", flush=True)

        sample = ids[:: max(1, len(ids) // BASELINE_SAMPLE)]
        t = time.perf_counter()
        for rid in sample:
            with ctx.unit() as session:
                report = assessment_rows.lock_report(session, rid)
                assert report is not None
                reports.current_content(session, ctx.keyring, report)
                assessment_rows.files_of(session, rid)
                assessment_rows.live_matches(session, rid)
        baseline = len(sample) / (time.perf_counter() - t)
        print(
            f"baseline (lock, decrypt, files, matches; {len(sample):,} reports): {baseline:,.0f} reports/s",
            flush=True,
        )

        rule = assessment.ViralRule()
        t = time.perf_counter()
        for k, rid in enumerate(ids, 1):
            with ctx.unit() as session:
                assessment.assess(session, ctx.keyring, rid, viral=rule)
            if k % 10_000 == 0:
                print(f"  assessed {k:,} ({k / (time.perf_counter() - t):,.0f}/s)", flush=True)
        rate = len(ids) / (time.perf_counter() - t)
        print(f"assessment: {rate:,.0f} reports/s  ratio to baseline {rate / baseline:.2f}", flush=True)

        with ctx.read() as session:
            rows = session.scalars(select(Report).limit(5000)).all()
            texts = [
                (text, lang)
                for r in rows
                for _, text, lang in texts_of(
                    orjson.loads(ctx.keyring.open(r.content_sealed, associated=r.id.bytes))
                )
            ]
        t = time.perf_counter()
        for text, lang in texts:
            find_cues(text, lang)
        per_report = (time.perf_counter() - t) / len(rows) * 1000
        print(f"text cues alone: {per_report:.2f} ms per report ({len(texts) / len(rows):.1f} texts each)")

        with ctx.read() as session:
            result = priority_eval.evaluate(session, list(priority_eval.read_truth(folder)))
        print(f"priority: accuracy {result.accuracy:.3f}, P1 recall {result.recall('P1'):.3f} (check)")
        ctx.close()


if __name__ == "__main__":
    main()
