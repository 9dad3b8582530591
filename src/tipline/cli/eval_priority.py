"""`tipline eval priority DIR`: tipline's priorities against a submitted synth folder's ground truth."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tipline.assessment import priority_eval
from tipline.cli.common import command_context, drain_jobs, err, show_evaluation, synth_truth
from tipline.cli.synth_bank import import_known
from tipline.core import migrate


def priority(
    folder: Annotated[Path, typer.Argument(help="A synth folder whose reports were submitted.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    bank: Annotated[
        str | None,
        typer.Option(
            help="Import the folder's known pictures into this bank first (as a clearinghouse holds the "
            "industry hash lists); '' to skip."
        ),
    ] = "synth-known",
) -> None:
    """Run any pending matching and assessment jobs, then print the confusion matrix of priority
    (intended in rows, decided in columns), P1 recall, accuracy and per-scenario counts."""
    truths = synth_truth(folder, "items.jsonl")
    with command_context() as ctx:
        migrate.upgrade(ctx.engine)
        if bank:
            summary = import_known(ctx, folder, bank, "eval")
            err.print(f"bank {bank!r}: {summary.added} indicators added, {summary.unchanged} already there")
        drain_jobs(ctx, "matching and assessing")
        with ctx.read() as session:
            result = priority_eval.evaluate(session, truths)
    show_evaluation(result.as_dict(), priority_eval.render(result), result.missing, as_json=as_json)
