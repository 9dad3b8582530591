"""`tipline banks ...`: create, list, import into and change banks of indicators."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, BinaryIO

import typer
from pydantic import ValidationError
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from tipline.banks import service
from tipline.banks.formats import Format, guess_format, read_indicators
from tipline.banks.schemas import BankCreate, BankUpdate, ImportSummary, Purpose
from tipline.cli.common import CLI_ACTOR, command_context, err
from tipline.core import migrate

banks_app = typer.Typer(help="Banks of indicators (hash lists) and their imports.", no_args_is_help=True)


@banks_app.command("create")
def create(
    name: str,
    purpose: Annotated[Purpose, typer.Option(help="known: abuse material; allowlist: known not to be.")],
    pdq_threshold: Annotated[int, typer.Option(help="Largest PDQ distance that matches.")] = 31,
    description: Annotated[str | None, typer.Option(help="What the bank holds.")] = None,
) -> None:
    """Create an empty, enabled bank."""
    try:
        data = BankCreate(name=name, purpose=purpose, pdq_threshold=pdq_threshold, description=description)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            err.print(f"[red]{'.'.join(map(str, error['loc']))}:[/red] {error['msg']}")
        raise typer.Exit(2) from exc
    with command_context() as ctx:
        migrate.upgrade(ctx.engine)
        with ctx.unit() as session:
            service.create_bank(session, data, CLI_ACTOR)
    err.print(f"bank {name!r} created ({purpose.value}, PDQ threshold {pdq_threshold})")


@banks_app.command("list")
def list_(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """The banks with their indicator counts."""
    with command_context() as ctx, ctx.unit() as session:
        banks = service.list_banks(session, CLI_ACTOR)
    if as_json:
        print(json.dumps([b.model_dump(mode="json") for b in banks], indent=2))
        return
    for b in banks:
        active = ", ".join(f"{t} {n}" for t, n in sorted(b.active.items())) or "empty"
        state = "enabled" if b.enabled else "disabled"
        print(
            f"{b.name}\t{b.purpose.value}\t{state}\tpdq<={b.pdq_threshold}\t{active}\twithdrawn {b.withdrawn}"
        )


@banks_app.command("set")
def set_(
    name: str,
    enabled: Annotated[bool | None, typer.Option("--enable/--disable", help="Enable or disable.")] = None,
    pdq_threshold: Annotated[int | None, typer.Option(help="Largest PDQ distance that matches.")] = None,
) -> None:
    """Change a bank: enable or disable it, or its PDQ threshold."""
    with command_context() as ctx, ctx.unit() as session:
        service.update_bank(
            session, name, BankUpdate(enabled=enabled, pdq_threshold=pdq_threshold), CLI_ACTOR
        )
    err.print(f"bank {name!r} updated")


@banks_app.command("import")
def import_(
    name: str,
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    fmt: Annotated[
        Format | None, typer.Option("--format", help="csv, jsonl or ncmec (default: guessed).")
    ] = None,
) -> None:
    """Import indicators from a file (streamed, with progress). Importing the same file again changes
    nothing. Earlier reports are then checked against the new indicators (a retro-hunt job)."""
    fmt = fmt or _guess(file)
    digest = _sha256(file)
    with command_context() as ctx:
        migrate.upgrade(ctx.engine)
        size = file.stat().st_size
        columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn())
        with file.open("rb") as raw, Progress(*columns, console=err) as bar:
            task = bar.add_task(f"importing {file.name}", total=size)
            stream = io.BufferedReader(_Counting(raw, lambda n: bar.update(task, completed=n)), 1 << 20)
            with ctx.unit() as session:
                bank = service.get_bank(session, name)
                run = service.start_import(
                    session, bank, CLI_ACTOR, filename=file.name, file_sha256=digest, fmt=fmt
                )
            # one unit per batch: a large import never holds the database's write lock for long, and
            # one cut short is completed by running the same command again (it is idempotent)
            for batch in service.batched(read_indicators(stream, fmt)):
                with ctx.unit() as session:
                    service.import_batch(session, run, batch)
            with ctx.unit() as session:
                summary = service.finish_import(session, run)
    _print_summary(summary)


def _guess(file: Path) -> Format:
    with file.open("rb") as handle:
        found = guess_format(file.name, handle.read(4096))
    if found is None:
        err.print("[red]cannot tell the file's format;[/red] give --format csv|jsonl|ncmec")
        raise typer.Exit(2)
    return found


def _sha256(file: Path) -> str:
    digest = hashlib.sha256()
    with file.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _print_summary(summary: ImportSummary) -> None:
    if summary.previously_imported_at is not None:
        err.print(f"this file was imported into {summary.bank!r} before, at {summary.previously_imported_at}")
    counts = summary.model_dump(exclude={"bank", "import_id", "error_samples", "previously_imported_at"})
    err.print(", ".join(f"{k.replace('_', ' ')} {v}" for k, v in counts.items() if v is not None))
    for sample in summary.error_samples:
        err.print(f"[yellow]line {sample}[/yellow]")
    print(summary.model_dump_json())


class _Counting(io.RawIOBase):
    """A read-only stream that reports how many bytes have been read (for the progress bar)."""

    def __init__(self, inner: BinaryIO, report: Callable[[int], None]) -> None:
        self.inner, self.report, self.count = inner, report, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.inner.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        self.report(self.count)
        return len(data)


class Sentiment(StrEnum):
    affirmative = "affirmative"
    negative = "negative"


indicators_app = typer.Typer(
    help="Single indicators: show, withdraw, reinstate, feedback.", no_args_is_help=True
)


@indicators_app.command("show")
def show(indicator_id: int) -> None:
    """An indicator with its provenance, status and history, as JSON."""
    with command_context() as ctx, ctx.unit() as session:
        read = service.get_indicator(session, indicator_id, CLI_ACTOR)
    print(read.model_dump_json(indent=2))


@indicators_app.command("withdraw")
def withdraw(
    indicator_id: int, reason: Annotated[str, typer.Option(help="Why (kept in its history).")]
) -> None:
    """Withdraw an indicator: it matches nothing from now on (a tombstone; the history stays)."""
    with command_context() as ctx, ctx.unit() as session:
        service.set_status(session, indicator_id, True, reason, CLI_ACTOR)
    err.print(f"indicator {indicator_id} withdrawn")


@indicators_app.command("reinstate")
def reinstate(
    indicator_id: int, reason: Annotated[str, typer.Option(help="Why (kept in its history).")]
) -> None:
    """Make a withdrawn indicator active again; earlier reports are checked against it."""
    with command_context() as ctx, ctx.unit() as session:
        service.set_status(session, indicator_id, False, reason, CLI_ACTOR)
    err.print(f"indicator {indicator_id} reinstated")


@indicators_app.command("feedback")
def feedback(
    indicator_id: int,
    sentiment: Annotated[Sentiment, typer.Option(help="affirmative or negative.")],
    reason: Annotated[str | None, typer.Option(help="Coded reason (required when negative).")] = None,
    note: Annotated[str | None, typer.Option(help="Free text.")] = None,
) -> None:
    """Record feedback on an indicator (an event in its history)."""
    with command_context() as ctx, ctx.unit() as session:
        service.add_feedback(session, indicator_id, sentiment.value, reason, note, CLI_ACTOR)
    err.print(f"feedback recorded on indicator {indicator_id}")
