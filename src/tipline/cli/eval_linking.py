"""`tipline eval linking DIR`: tipline's subjects against a submitted synth folder's true people."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from tipline.assessment.priority_eval import read_truth
from tipline.cli.common import command_context, drain_jobs, err
from tipline.core import migrate
from tipline.linking import linking_eval


def linking(
    folder: Annotated[Path, typer.Argument(help="A synth folder whose reports were submitted.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Run any pending jobs, then print pairwise precision and recall of the subjects: two reports are
    a true pair when their lead reported persons are one true person, a linked pair when tipline put
    them in one subject."""
    if not (folder / "truth.jsonl").is_file():
        err.print(f"[red]{folder} is not a synth folder (truth.jsonl expected)[/red]")
        raise typer.Exit(2)
    truths = list(read_truth(folder))
    with command_context() as ctx:
        migrate.upgrade(ctx.engine)
        drain_jobs(ctx, "linking")
        with ctx.read() as session:
            result = linking_eval.evaluate(session, truths)
    if as_json:
        print(json.dumps(result.as_dict()))
    else:
        print(linking_eval.render(result))
    if result.missing:
        err.print(
            f"{result.missing} report(s) of the folder are not in the database: submit the folder first"
        )
