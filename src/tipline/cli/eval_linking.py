"""`tipline eval linking DIR`: tipline's subjects against a submitted synth folder's true people."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tipline.cli.common import command_context, drain_jobs, show_evaluation, synth_truth
from tipline.core import migrate
from tipline.linking import linking_eval


def linking(
    folder: Annotated[Path, typer.Argument(help="A synth folder whose reports were submitted.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Run any pending jobs, then print pairwise precision and recall of the subjects: two reports are
    a true pair when their lead reported persons are one true person, a linked pair when tipline put
    them in one subject."""
    truths = synth_truth(folder)
    with command_context() as ctx:
        migrate.upgrade(ctx.engine)
        drain_jobs(ctx, "linking")
        with ctx.read() as session:
            result = linking_eval.evaluate(session, truths)
    show_evaluation(result.as_dict(), linking_eval.render(result), result.missing, as_json=as_json)
