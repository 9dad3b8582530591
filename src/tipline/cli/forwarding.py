"""`tipline agencies`, `tipline routing`, `tipline referrals`, `tipline deliver`: forwarding on the
command line. Secrets are read from the environment (``--secret-from-env``), never from the command
line, where they would land in shell history and process listings."""

from __future__ import annotations

import json
import os
import time
import uuid
from typing import Annotated

import typer

from tipline.cli.common import CLI_ACTOR, command_context, err
from tipline.config import Environment
from tipline.core import migrate
from tipline.forwarding import service
from tipline.forwarding.policy import AgencyKind, PolicyName
from tipline.forwarding.tasks import make_dispatcher

agencies_app = typer.Typer(help="The agency registry and agencies' credentials.", no_args_is_help=True)
routing_app = typer.Typer(help="The routing policy (versioned, audited).", no_args_is_help=True)

Actor = Annotated[str, typer.Option(help="Who you are, for the audit trail.")]


@agencies_app.command("list")
def agencies_list(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """The registry: code, kind, country, active, whether a webhook is configured, name."""
    with command_context() as ctx, ctx.unit() as session:
        rows = [
            {
                "code": a.code,
                "kind": a.kind,
                "country": a.country,
                "active": a.active,
                "webhook": bool(a.webhook_url),
                "name": a.name,
            }
            for a in service.list_agencies(session)
        ]
    if as_json:
        print(json.dumps(rows))
        return
    for r in rows:
        flags = ("active" if r["active"] else "inactive") + (", webhook" if r["webhook"] else "")
        print(f"{r['code']:<10} {r['kind']:<14} {r['country']:<4} {flags:<16} {r['name']}")


@agencies_app.command("seed")
def agencies_seed() -> None:
    """Add the missing entries of the default registry (27 member states, Europol, the international
    route); existing entries are left as they are."""
    with command_context() as ctx:
        migrate.upgrade(ctx.engine)
        with ctx.unit() as session:
            added = service.seed_agencies(session)
    err.print(f"{added} agencies added")


@agencies_app.command("add")
def agencies_add(
    code: Annotated[str, typer.Argument(help="A new code, e.g. DE-BKA.")],
    name: Annotated[str, typer.Option(help="The agency's name.")],
    country: Annotated[str, typer.Option(help="ISO alpha-2 of its member state (EU, INT otherwise).")],
    kind: Annotated[AgencyKind, typer.Option(help="member_state, europol or international.")] = (
        AgencyKind.member_state
    ),
    actor: Actor = CLI_ACTOR,
) -> None:
    """Add an agency (e.g. a second competent authority of a member state)."""
    with command_context() as ctx, ctx.unit() as session:
        agency = service.add_agency(session, code, name, country, kind, f"user:{actor}")
        print(agency.code)


@agencies_app.command("set")
def agencies_set(
    code: Annotated[str, typer.Argument(help="The agency's code.")],
    name: Annotated[str | None, typer.Option(help="A new name.")] = None,
    webhook: Annotated[str | None, typer.Option(help="URL its referrals are pushed to.")] = None,
    secret_from_env: Annotated[
        str | None,
        typer.Option("--secret-from-env", help="Environment variable holding the webhook's HMAC secret."),
    ] = None,
    no_webhook: Annotated[bool, typer.Option("--no-webhook", help="Stop pushing (pull only).")] = False,
    active: Annotated[
        bool | None, typer.Option("--active/--inactive", help="Route reports to it or not.")
    ] = None,
    actor: Actor = CLI_ACTOR,
) -> None:
    """Change an agency. A webhook needs a secret of at least 32 characters, given through an
    environment variable; it is stored sealed. In production the webhook must be https."""
    secret = None
    if secret_from_env is not None:
        secret = os.environ.get(secret_from_env)
        if not secret:
            err.print(f"[red]the environment variable {secret_from_env} is empty or not set[/red]")
            raise typer.Exit(2)
    with command_context() as ctx, ctx.unit() as session:
        agency = service.update_agency(
            session,
            ctx.keyring,
            code,
            f"user:{actor}",
            name=name,
            webhook_url=webhook,
            webhook_secret=secret,
            remove_webhook=no_webhook,
            active=active,
            production=ctx.settings.env is Environment.production,
        )
        print(json.dumps({"code": agency.code, "active": agency.active, "webhook": bool(agency.webhook_url)}))


@agencies_app.command("key")
def agencies_key(
    code: Annotated[str, typer.Argument(help="The agency's code.")], actor: Actor = CLI_ACTOR
) -> None:
    """Issue a credential for the agency's system (pull API), printed once; only its hash is kept."""
    with command_context() as ctx, ctx.unit() as session:
        key = service.issue_agency_key(session, code, f"user:{actor}")
    err.print(f"credential for agency {code.upper()} (shown once):")
    print(key)


@routing_app.command("show")
def routing_show() -> None:
    """The policy in force."""
    with command_context() as ctx, ctx.unit() as session:
        p = service.current_policy(session)
    print(
        json.dumps({"policy": p.name.value, "disclose_agencies": p.disclose_agencies, "version": p.version})
    )


@routing_app.command("set")
def routing_set(
    policy: Annotated[
        PolicyName,
        typer.Argument(
            help="commission: member state(s) and Europol; narrow: Europol only when undetermined."
        ),
    ],
    disclose_agencies: Annotated[
        bool,
        typer.Option("--disclose-agencies/--no-disclose-agencies", help="Providers may see the agencies."),
    ] = False,
    actor: Actor = CLI_ACTOR,
) -> None:
    """Set the routing policy (a new version; audited). It applies to reports routed from now on."""
    with command_context() as ctx, ctx.unit() as session:
        p = service.set_policy(session, policy, disclose_agencies=disclose_agencies, actor=f"user:{actor}")
    print(
        json.dumps({"policy": p.name.value, "disclose_agencies": p.disclose_agencies, "version": p.version})
    )


def referrals(
    report_id: Annotated[uuid.UUID, typer.Argument(help="tipline's id of the report.")],
) -> None:
    """Where a report was forwarded, why, each agency's status and its webhook delivery (JSON lines)."""
    with command_context() as ctx, ctx.unit() as session:
        rows = service.referrals_of_report(session, report_id)
    for row in rows:
        print(json.dumps(row, default=str))


def deliver(
    loop: Annotated[bool, typer.Option("--loop", help="Keep delivering until interrupted.")] = False,
    status: Annotated[bool, typer.Option("--status", help="Only print the counts.")] = False,
) -> None:
    """Send the due webhook deliveries (once, or --loop), then print the counts of referrals and
    deliveries by state. Failing deliveries are retried at the longest interval, never dropped."""
    with command_context() as ctx:
        if not status:
            dispatcher = make_dispatcher(ctx)
            try:
                while True:
                    run = dispatcher.run_until_idle(max_seconds=3600)
                    err.print(f"delivered {run.delivered}, failed {run.failed}, skipped {run.skipped}")
                    if not loop:
                        break
                    time.sleep(ctx.settings.webhook_poll_seconds)
            except KeyboardInterrupt:
                pass
            finally:
                dispatcher.close()
        with ctx.unit() as session:
            print(json.dumps(service.counts(session)))
