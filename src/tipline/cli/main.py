"""The `tipline` command: thin over services; each command is one unit of work."""

from __future__ import annotations

import json
import os
import secrets
import socket
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
import uvicorn

from tipline.cli import assess as cli_assess
from tipline.cli import (
    common,
    eval_linking,
    eval_load,
    eval_outcomes,
    eval_priority,
    eval_routing,
    outcomes,
    outcomes_import,
)
from tipline.cli import forwarding as cli_forwarding
from tipline.cli import matching as cli_matching
from tipline.cli import users as cli_users
from tipline.cli.banks import banks_app, indicators_app
from tipline.cli.common import err
from tipline.cli.eval import eval_app
from tipline.cli.report import report_app
from tipline.client.submit import SubmitSummary, count_lines, submit_folder
from tipline.config import Settings
from tipline.context import Context
from tipline.core import migrate
from tipline.core.errors import TiplineError

app = typer.Typer(
    help="tipline: a clearinghouse for reports of online child sexual abuse.",
    no_args_is_help=True,
    add_completion=False,
)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
provider_app = typer.Typer(help="Providers and their API keys.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(provider_app, name="provider")
app.add_typer(banks_app, name="banks")
app.add_typer(indicators_app, name="indicators")
eval_app.command("priority")(eval_priority.priority)
eval_app.command("routing")(eval_routing.routing)
eval_app.command("linking")(eval_linking.linking)
eval_app.command("load")(eval_load.load)
eval_app.command("outcomes")(eval_outcomes.outcomes)
app.add_typer(eval_app, name="eval")
outcomes.app.command("import")(outcomes_import.import_narratives)
app.add_typer(outcomes.app, name="outcomes")
app.add_typer(report_app, name="report")
app.command("hash")(cli_matching.hash_files)
app.command("match")(cli_matching.match)
app.command("worker")(cli_matching.worker)
app.command("assess")(cli_assess.assess)
app.command("override")(cli_assess.override)
app.command("note")(cli_assess.note)
app.add_typer(cli_forwarding.agencies_app, name="agencies")
app.add_typer(cli_forwarding.routing_app, name="routing")
app.add_typer(cli_users.user_app, name="user")
app.add_typer(cli_users.audit_app, name="audit")
app.command("referrals")(cli_forwarding.referrals)
app.command("deliver")(cli_forwarding.deliver)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply all migrations (creates the embedded database on first run) and add the missing entries
    of the default agency registry."""
    from tipline.forwarding.service import seed_agencies

    ctx = common.context()
    try:
        migrate.upgrade(ctx.engine)
        with ctx.unit() as session:
            seed_agencies(session)
    finally:
        ctx.close()
    err.print("database is up to date")


Scopes = Annotated[
    list[str] | None,
    typer.Option(
        "--scope", help="What the key may do: report, match, curate, assess (repeatable; default report)."
    ),
]


@provider_app.command("add")
def provider_add(name: str, scope: Scopes = None) -> None:
    """Register a provider and print its new API key (shown once; only its hash is kept)."""
    from tipline.providers import service

    ctx = common.context()
    try:
        migrate.upgrade(ctx.engine)
        with ctx.unit() as session:
            provider, key = service.add_provider(session, name, tuple(scope or ["report"]))
            provider_id = provider.id
    except TiplineError as exc:
        err.print(f"[red]{exc.code}:[/red] {exc.message}")
        raise typer.Exit(1) from exc
    finally:
        ctx.close()
    err.print(f"provider {name!r} registered as {provider_id}; its API key (shown once):")
    print(key)


@provider_app.command("key")
def provider_key(name: str, scope: Scopes = None) -> None:
    """Issue a further API key for an existing provider (key rotation)."""
    from tipline.providers import service

    ctx = common.context()
    try:
        with ctx.unit() as session:
            key = service.issue_key(session, name, tuple(scope or ["report"]))
    except TiplineError as exc:
        err.print(f"[red]{exc.code}:[/red] {exc.message}")
        raise typer.Exit(1) from exc
    finally:
        ctx.close()
    print(key)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
    migrate_first: Annotated[
        bool, typer.Option("--migrate/--no-migrate", help="Apply migrations first.")
    ] = True,
    access_log: Annotated[bool, typer.Option(help="Log every request line.")] = False,
    ssl_certfile: Annotated[Path | None, typer.Option(help="TLS certificate (PEM) to serve HTTPS.")] = None,
    ssl_keyfile: Annotated[Path | None, typer.Option(help="TLS private key (PEM).")] = None,
) -> None:
    """Run the API server (plain HTTP on 127.0.0.1 by default: put it behind a TLS-terminating proxy,
    or give --ssl-certfile and --ssl-keyfile to serve HTTPS directly)."""
    settings = common.settings()
    ctx = Context.build(settings)
    try:
        if migrate_first:
            migrate.upgrade(ctx.engine)
        swept = ctx.blobs.sweep_incomplete()
        if swept:
            err.print(f"removed {swept} incomplete evidence file(s) left by an earlier crash")
    finally:
        ctx.close()
    uvicorn.run(
        "tipline.app:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        access_log=access_log,
        log_level="info",
        ssl_certfile=str(ssl_certfile) if ssl_certfile else None,
        ssl_keyfile=str(ssl_keyfile) if ssl_keyfile else None,
    )


@app.command()
def synth(
    out: Annotated[Path, typer.Option(help="Folder to write.")],
    reports: Annotated[int, typer.Option(help="Number of reports.")] = 1000,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same data.")] = 1,
    bytes_share: Annotated[
        float,
        typer.Option(help="Share of reports whose files are uploaded as bytes (0 = hash-only)."),
    ] = 0.2,
) -> None:
    """Write synthetic reports (reports.jsonl), benign images (files/) and ground truth."""
    from tipline.synth.generator import generate

    if reports < 0 or not 0 <= bytes_share <= 1:
        err.print("[red]--reports must be >= 0 and --bytes-share within 0..1[/red]")
        raise typer.Exit(2)
    with common.progress() as bar:
        task = bar.add_task("generating", total=reports)
        summary = generate(
            reports, seed, out, bytes_share=bytes_share, progress=lambda k: bar.advance(task, k)
        )
    print(
        json.dumps(
            {
                "reports": summary.reports,
                "files_with_bytes": summary.files_with_bytes,
                "images_written": summary.images_written,
                "seconds": round(summary.seconds, 3),
            }
        )
    )


@app.command()
def submit(
    folder: Annotated[Path, typer.Argument(help="A folder written by `tipline synth`.")],
    url: Annotated[str, typer.Option(help="Base URL of the tipline server.")],
    api_key: Annotated[str, typer.Option(help="The provider's API key.", envvar="TIPLINE_API_KEY")],
    concurrency: Annotated[int, typer.Option(help="Parallel requests.")] = 8,
) -> None:
    """Submit a synth folder through the HTTP API (files uploaded); prints a JSON summary last.
    Exits 1 when some reports could not be delivered after retries (rejections are reported, not
    retried: they are the data's fault)."""
    summary = _submit(folder, url, api_key, concurrency)
    print(json.dumps(summary.line()))
    if summary.failed:
        raise typer.Exit(1)  # some reports could not be delivered even after retries


def _submit(folder: Path, url: str, api_key: str, concurrency: int) -> SubmitSummary:

    reports = folder / "reports.jsonl"
    if not reports.is_file():
        err.print(f"[red]{reports} not found[/red]")
        raise typer.Exit(2)
    with common.progress() as bar:
        task = bar.add_task("submitting", total=count_lines(reports))
        summary = submit_folder(
            folder, url, api_key, concurrency=concurrency, progress=lambda k: bar.advance(task, k)
        )
    for code, n in sorted(summary.rejections.items()):
        err.print(f"rejected {n}: {code}")
    return summary


@app.command()
def stats(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Counts of reports by status, assessments by state and priority, manifestly unfounded reports by
    reason, information requests, items reported more than once (Art. 83(3)(h)), viral bundles,
    subjects, links, referrals by status and webhook deliveries by state. Aggregates only."""
    from tipline.assessment import service as assessment
    from tipline.forwarding import service as forwarding
    from tipline.linking import service as linking
    from tipline.reports import service

    ctx = common.context()
    try:
        migrate.upgrade(ctx.engine)
        with ctx.read() as session:
            by_status = service.counts_by_status(session)
            assessed = assessment.counts(session)
            forwarded = forwarding.counts(session)
            subjects = linking.counts(session)
    finally:
        ctx.close()
    result: dict[str, Any] = {
        "reports": {"total": sum(by_status.values()), "by_status": by_status},
        "assessments": assessed,
        "linking": subjects,
        "forwarding": forwarded,
    }
    if as_json:
        print(json.dumps(result))
        return
    print(f"reports: {result['reports']['total']}")
    for status, n in sorted(by_status.items()):
        print(f"  {status}: {n}")
    for name, values in {**assessed, **subjects, **forwarded}.items():
        print(f"{name.replace('_', ' ')}: " + ", ".join(f"{k} {v}" for k, v in sorted(values.items())))


@app.command("schema-docs")
def schema_docs() -> None:
    """Print the report schema documentation (docs/report-schema.md) generated from the models."""
    from tipline.reports.schema_docs import render

    sys.stdout.write(render())


@app.command()
def demo(
    serve_after: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Keep serving after the demo data is in.")
    ] = True,
    reports: Annotated[int, typer.Option(help="Synthetic reports to submit.")] = 300,
    port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
    narratives: Annotated[
        Path | None,
        typer.Option(
            help="A case-narrative document to import as outcomes (default: the seed's dev cases, "
            "$TIPLINE_SEED_DIR/cases-dev.txt or ../shared/seed/cases-dev.txt, when present)."
        ),
    ] = None,
) -> None:
    """Set up the embedded database, register a demo provider, submit synthetic reports through
    the real HTTP API (each synthetic provider's reports with its own key, as providers would), import
    the seed's case narratives (real published outcomes) for the statistics, then serve on
    http://127.0.0.1:8000 (or exit with --no-serve)."""
    from tipline.app import create_app
    from tipline.forwarding.service import seed_agencies
    from tipline.providers import service
    from tipline.synth.generator import generate
    from tipline.synth.truth import read_truth

    settings = common.settings()
    ctx = Context.build(settings)
    try:
        migrate.upgrade(ctx.engine)
        with ctx.unit() as session:
            seed_agencies(session)  # reports are routed to the placeholder registry
            try:
                _, key = service.add_provider(session, "demo")
            except TiplineError:
                key = service.issue_key(session, "demo")
    finally:
        ctx.close()
    err.print(f"data folder: {settings.data_dir.resolve()}")
    err.print(f"API key of the 'demo' provider (a new one each run): {key}")
    folder = settings.data_dir / "demo-synth"
    if not (folder / "reports.jsonl").exists():
        with common.progress() as bar:
            task = bar.add_task("generating", total=reports)
            generate(reports, 2026, folder, bytes_share=0.2, progress=lambda k: bar.advance(task, k))
    _demo_bank(settings, folder)
    owners = [t["provider"] for t in read_truth(folder)]
    keys = _demo_providers(settings, sorted(set(owners)))

    host = settings.host
    bind_port = port or (settings.port if serve_after else _free_port(host))
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host=host, port=bind_port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            err.print(f"[red]could not start the server on {host}:{bind_port}[/red]")
            raise typer.Exit(1)
        time.sleep(0.05)
    base = f"http://{host}:{bind_port}"
    summary = SubmitSummary()
    with common.progress() as bar:
        task = bar.add_task("submitting", total=len(owners))
        for name, provider_key in keys.items():
            summary.add(
                submit_folder(
                    folder,
                    base,
                    provider_key,
                    concurrency=8,
                    progress=lambda k: bar.advance(task, k),
                    select=_owned_by(owners, name),
                )
            )
    for code, n in sorted(summary.rejections.items()):
        err.print(f"rejected {n}: {code}")
    _demo_matching(settings)
    _demo_narratives(settings, narratives)
    people = _demo_users(settings)
    if serve_after:
        err.print(f"\ntipline is serving on {base}")
        err.print(f"  portal:             {base}/portal/  (users below; code: tipline user code NAME)")
        for name, password in people.items():
            err.print(f"    {name:<16} password {password}")
        err.print(f"  API documentation:  {base}/docs")
        err.print(f"  health:             {base}/health")
        err.print(f"  a report:           curl -H 'Authorization: Bearer {key}' {base}/api/v1/reports/ID")
        err.print("  stop with Ctrl-C")
    print(json.dumps(summary.line()))
    sys.stdout.flush()
    try:
        while serve_after and thread.is_alive():
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    server.should_exit = True
    thread.join(timeout=10)


def _demo_narratives(settings: Settings, document: Path | None) -> None:
    """Import a case-narrative document (by default the seed's dev cases, if this checkout sits next
    to them) so that the dashboard's outcome funnel shows real-world figures."""
    from tipline.outcomes.importer import import_document

    seed = Path(os.environ.get("TIPLINE_SEED_DIR") or Path.cwd().parent / "shared" / "seed") / "cases-dev.txt"
    path = document or seed
    if not path.is_file():
        err.print(f"no case-narrative document at {path}: the outcome funnel shows recorded outcomes only")
        return
    ctx = Context.build(settings)
    try:
        with ctx.unit() as session:
            summary = import_document(session, path.read_text(encoding="utf-8"), path.name, actor="demo")
    finally:
        ctx.close()
    err.print(
        f"imported {summary.cases} case narratives from {path.name} ({summary.to_review} fields to review "
        "at /portal/narratives)"
    )


DEMO_USERS = {
    "demo-analyst": ("analyst", None),
    "demo-supervisor": ("supervisor", None),
    "demo-europol": ("le_officer", "EUROPOL"),
    "demo-auditor": ("auditor", None),
}


def _demo_users(settings: Settings) -> dict[str, str]:
    """Portal users for the demo, created once; their password is kept in the data folder (0600), as
    the development key is, so that a second demo run can print it again."""
    from tipline.access.roles import Role
    from tipline.users import service as users

    path = settings.data_dir / "demo-users.json"
    known: dict[str, str] = json.loads(path.read_text()) if path.exists() else {}
    ctx = Context.build(settings)
    try:
        with ctx.unit() as session:
            for name, (role, agency) in DEMO_USERS.items():
                if users.exists(session, name):
                    continue
                known[name] = secrets.token_urlsafe(12)
                users.add_user(
                    session, ctx.keyring, name, Role(role), known[name], agency_code=agency, actor="demo"
                )
    finally:
        ctx.close()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(known, f)
    return {name: known.get(name, "(set before this demo)") for name in DEMO_USERS}


def _owned_by(owners: list[str], name: str) -> Callable[[int], bool]:
    return lambda index: owners[index] == name


def _demo_providers(settings: Settings, names: list[str]) -> dict[str, str]:
    """A key for each synthetic provider (registered on the first run, a new key on later ones)."""
    from tipline.providers import service

    ctx = Context.build(settings)
    try:
        keys = {}
        with ctx.unit() as session:
            for name in names:
                try:
                    keys[name] = service.add_provider(session, name)[1]
                except TiplineError:
                    keys[name] = service.issue_key(session, name)
        return keys
    finally:
        ctx.close()


def _demo_bank(settings: Settings, folder: Path) -> None:
    """A bank of the synthetic "known" pictures (their originals), so that the demo shows matching:
    re-encoded and resized variants in the reports match by PDQ, the originals exactly."""
    from tipline.cli.synth_bank import import_known

    ctx = Context.build(settings)
    try:
        summary = import_known(ctx, folder, "demo-known", "demo")
    finally:
        ctx.close()
    err.print(f"bank 'demo-known': {summary.added} indicators added, {summary.unchanged} already there")


def _demo_matching(settings: Settings, wait_seconds: float = 60.0) -> None:
    """Wait for the server's worker to match the demo reports, then say what it found."""
    from sqlalchemy import func, select

    from tipline.assessment import service as assessment
    from tipline.forwarding import service as forwarding
    from tipline.jobs import queue
    from tipline.models import ReportFile

    ctx = Context.build(settings)
    try:
        deadline = time.monotonic() + wait_seconds
        while time.monotonic() < deadline:
            with ctx.unit() as session:
                counts = queue.counts(session)
            if not counts.get("pending") and not counts.get("running"):
                break
            time.sleep(0.5)
        with ctx.unit() as session:
            rows = session.execute(
                select(ReportFile.classification, func.count()).group_by(ReportFile.classification)
            ).all()
            assessed = assessment.counts(session)
            referred = forwarding.counts(session)["referrals"]
    finally:
        ctx.close()
    found = ", ".join(f"{name or 'not matched yet'} {n}" for name, n in sorted(rows, key=lambda r: str(r[0])))
    err.print(f"files by classification: {found}")
    by = assessed["priority"]
    err.print(
        "reports by priority: " + ", ".join(f"{p} {by[p]}" for p in ("P1", "P2", "P3", "INFO") if p in by)
    )
    err.print("reports by state: " + ", ".join(f"{k} {v}" for k, v in sorted(assessed["state"].items())))
    err.print(
        "referrals to agencies: " + (", ".join(f"{k} {v}" for k, v in sorted(referred.items())) or "none")
    )


def _free_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        port: int = s.getsockname()[1]
        return port


export_app = typer.Typer(help="Write reports out in other formats.", no_args_is_help=True)
app.add_typer(export_app, name="export")


@export_app.command("ncmec")
def export_ncmec(
    report_id: Annotated[str, typer.Argument(help="The report's id (UUID).")],
    out: Annotated[Path, typer.Option(help="Folder to write report.xml, files/ and manifest.json to.")],
    ncmec_only: Annotated[
        bool, typer.Option(help="NCMEC elements only (to forward); else lossless with tipline's extensions.")
    ] = False,
    evidence: Annotated[
        bool, typer.Option(help="Also write the decrypted file bytes (handle as evidence).")
    ] = False,
) -> None:
    """Write a report as CyberTipline XML; submitting the folder through /ispws reproduces the report."""
    import uuid

    from tipline.ncmec.export import write_export

    try:
        parsed = uuid.UUID(report_id)
    except ValueError:
        err.print("[red]not a report id (UUID)[/red]")
        raise typer.Exit(2) from None
    ctx = common.context()
    try:
        written = write_export(ctx, parsed, out, extensions=not ncmec_only, evidence=evidence)
    except TiplineError as exc:
        err.print(f"[red]{exc.code}:[/red] {exc.message}")
        raise typer.Exit(1) from exc
    finally:
        ctx.close()
    print(json.dumps(written.__dict__))


if __name__ == "__main__":  # pragma: no cover
    app()
