"""`tipline hash`, `tipline match` and `tipline worker`."""

from __future__ import annotations

import json
import signal
import sys
import threading
from pathlib import Path
from typing import Annotated, Any

import typer

from tipline.banks.formats import normalize_hash
from tipline.cli.common import CLI_ACTOR, command_context, err, settings
from tipline.evidence import hashing
from tipline.matching import service


def hash_files(
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False, readable=True)],
) -> None:
    """Print one JSON object per file: md5, sha1, sha256, size, and for images pdq and pdq_quality
    (pdq is null when its quality is below 50: such a hash is not usable for matching)."""
    max_pixels = settings().max_image_pixels
    failed = False
    for file in files:
        with file.open("rb") as stream:
            try:
                inspection = hashing.inspect(stream, None, max_pixels=max_pixels)
            except Exception as exc:  # one bad file must not stop the others
                print(json.dumps({"file": str(file), "error": getattr(exc, "code", type(exc).__name__)}))
                failed = True
                continue
        d = inspection.digests
        out: dict[str, Any] = {
            "file": str(file),
            "md5": d.md5,
            "sha1": d.sha1,
            "sha256": d.sha256,
            "size": d.size,
        }
        if inspection.pdq is not None:
            pdq = inspection.pdq
            out |= {"pdq": pdq.hash if pdq.usable else None, "pdq_quality": pdq.quality}
        print(json.dumps(out))
    if failed:
        raise typer.Exit(1)


def match(
    hashes: Annotated[
        Path, typer.Option("--hashes", exists=True, dir_okay=False, help="Lines: hash_type,hash")
    ],
) -> None:
    """Look up hashes in every enabled bank; one JSON object per input line:
    {"hash_type", "hash", "matches": [{"bank", "indicator_id", "distance"}]}."""
    queries: list[service.Query] = []
    bad = 0
    with hashes.open(encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                hash_type, value = line.strip().split(",", 1)
                queries.append(service.Query(*normalize_hash(hash_type, value)))
            except ValueError as exc:
                err.print(f"[yellow]line {number}:[/yellow] {exc}")
                bad += 1
    with command_context() as ctx:
        with ctx.read() as session:
            results = service.lookup(session, ctx.pdq, queries) if queries else []
        with ctx.unit() as session:
            service.audit_lookup(session, CLI_ACTOR, queries, results)
    for query, found in zip(queries, results, strict=True):
        matches = [{"bank": h.bank, "indicator_id": h.indicator_id, "distance": h.distance} for h in found]
        print(json.dumps({"hash_type": query.hash_type, "hash": query.value, "matches": matches}))
    if bad:
        raise typer.Exit(1)


def worker(
    once: Annotated[bool, typer.Option(help="Run the due jobs, then exit.")] = False,
) -> None:
    """Run background jobs (matching, retro-hunts) in this process, as `serve` does in each worker."""
    from tipline.worker import make_worker

    with command_context() as ctx:
        with ctx.unit() as session:
            ctx.pdq.load(session)
        runner = make_worker(ctx)
        if once:
            err.print(f"{runner.run_pending()} job(s) ran")
            return
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        runner.start()
        err.print("worker running; Ctrl-C to stop")
        try:
            stop.wait()
        except KeyboardInterrupt:
            pass
        finally:
            runner.stop()
    sys.exit(0)
