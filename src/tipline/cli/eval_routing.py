"""`tipline eval routing DIR`: tipline's jurisdiction decisions against a submitted synth folder's truth."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tipline.cli.common import command_context, drain_jobs, err, show_evaluation, synth_truth
from tipline.core import migrate
from tipline.jurisdiction import routing_eval


def routing(
    folder: Annotated[Path, typer.Argument(help="A synth folder whose reports were submitted.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Run any pending jobs (matching, assessment, jurisdiction), then print the accuracy of the
    jurisdiction decisions where the truth is inferable, the share naming a wrong member state, the
    share left undetermined where it is not inferable, and the confusion of routes."""
    truths = synth_truth(folder)
    if truths and "jurisdiction" not in truths[0]:
        err.print(f"[red]{folder}'s truth has no jurisdiction: generate it again[/red]")
        raise typer.Exit(2)
    with command_context() as ctx:
        migrate.upgrade(ctx.engine)
        drain_jobs(ctx, "deciding")
        with ctx.read() as session:
            result = routing_eval.evaluate(session, truths)
    show_evaluation(result.as_dict(), routing_eval.render(result), result.missing, as_json=as_json)
