"""What every command module shares: settings, the context, the error console, progress bars."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from tipline.config import ConfigurationError, Settings, get_settings
from tipline.context import Context
from tipline.core.errors import TiplineError

err = Console(stderr=True, soft_wrap=True)
CLI_ACTOR = "cli"


def settings() -> Settings:
    try:
        return get_settings()
    except (ValueError, ConfigurationError) as exc:
        err.print(f"[red]configuration error:[/red] {exc}")
        raise typer.Exit(2) from exc


def context() -> Context:
    return Context.build(settings())


@contextmanager
def command_context() -> Iterator[Context]:
    """The context of one command; a TiplineError becomes a message and exit status 1."""
    ctx = context()
    try:
        yield ctx
    except TiplineError as exc:
        err.print(f"[red]{exc.code}:[/red] {exc.message}")
        raise typer.Exit(1) from exc
    finally:
        ctx.close()


def progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=False,
    )


def drain_jobs(ctx: Context, label: str) -> None:
    """Run every pending job in this process (matching, assessment, linking, jurisdiction, routing),
    with progress, so that an evaluation sees the decisions of everything submitted."""
    from tipline.jobs import queue  # the worker's composition imports every domain: only when used
    from tipline.worker import make_worker

    worker = make_worker(ctx)
    with ctx.read() as session:
        waiting = queue.counts(session).get("pending", 0)
    if waiting:
        with progress() as bar:
            task = bar.add_task(label, total=None)
            while ran := worker.run_pending():
                bar.advance(task, ran)


def synth_truth(folder: Path, *also: str) -> list[dict[str, Any]]:
    """The folder's ground truth; exits 2 when the folder is not a synth folder (``truth.jsonl`` and
    the files named in ``also`` expected)."""
    from tipline.synth.truth import read_truth

    needed = ("truth.jsonl", *also)
    if not all((folder / name).is_file() for name in needed):
        err.print(f"[red]{folder} is not a synth folder ({' and '.join(needed)} expected)[/red]")
        raise typer.Exit(2)
    return read_truth(folder)


def show_evaluation(summary: dict[str, Any], text: str, missing: int, *, as_json: bool) -> None:
    """An evaluation's result: one JSON object, or its text; and a warning about reports not found."""
    print(json.dumps(summary) if as_json else text)
    if missing:
        err.print(f"{missing} report(s) of the folder are not in the database: submit the folder first")
