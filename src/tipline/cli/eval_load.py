"""`tipline eval load DIR`: submit a synth folder in-process, each synthetic provider as its own tipline
provider (as in life, where account ids and handles are per provider), ready for `eval linking`,
`eval routing` and `eval priority`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import orjson
import typer

from tipline.cli.common import command_context, err, progress, synth_truth
from tipline.core import migrate
from tipline.forwarding.service import seed_agencies
from tipline.models import Provider
from tipline.providers import service as providers
from tipline.reports import service as reports
from tipline.reports.schemas import ReportCreate

BATCH = 200  # reports per unit of work


def load(
    folder: Annotated[Path, typer.Argument(help="A synth folder generated with --bytes-share 0.")],
) -> None:
    """Register one provider per synthetic provider (reused when it exists) and submit the folder's
    reports to them. Submitting again is harmless (a resubmission is the same report). The reports are
    matched, assessed, linked and routed by the worker, or by any `tipline eval` command."""
    owners = [t["provider"] for t in synth_truth(folder, "reports.jsonl")]
    lines = [line for line in (folder / "reports.jsonl").read_bytes().splitlines() if line.strip()]
    if len(owners) != len(lines):
        err.print(f"[red]{folder}: reports.jsonl and truth.jsonl differ in length[/red]")
        raise typer.Exit(2)
    if any(f.get("bytes_to_follow") for line in lines for f in orjson.loads(line).get("files", [])):
        err.print(
            f"[red]{folder} has files whose bytes follow: generate it with --bytes-share 0, or use "
            "`tipline submit` against a server[/red]"
        )
        raise typer.Exit(2)
    with command_context() as ctx:
        migrate.upgrade(ctx.engine)
        ids: dict[str, object] = {}
        with ctx.unit() as session:
            seed_agencies(session)
            for name in sorted(set(owners)):
                ids[name] = providers.ensure_provider(session, name).id
        with progress() as bar:
            task = bar.add_task("submitting", total=len(lines))
            for start in range(0, len(lines), BATCH):
                with ctx.unit() as session:
                    for owner, line in zip(
                        owners[start : start + BATCH], lines[start : start + BATCH], strict=True
                    ):
                        provider = session.get(Provider, ids[owner])
                        assert provider is not None
                        reports.submit(session, ctx.keyring, provider, ReportCreate.model_validate_json(line))
                bar.advance(task, min(BATCH, len(lines) - start))
    err.print(f"{len(lines)} reports of {len(ids)} providers submitted; run `tipline eval linking {folder}`")
