"""`tipline user add|list|deactivate|activate|unlock` and `tipline audit verify|search`.

A new user's password is read from the environment variable named by ``--password-from-env`` or
asked for at the prompt (never from the command line, where it would land in shell history); the TOTP
secret is printed once, with the otpauth:// address an authenticator app reads.
"""

from __future__ import annotations

import json
import os
from typing import Annotated

import typer

from tipline.access.roles import Role
from tipline.audit import service as audit
from tipline.cli.common import CLI_ACTOR, command_context, err
from tipline.cli.common import settings as common_settings
from tipline.config import Environment
from tipline.users import service as users

user_app = typer.Typer(help="People who sign in to the portal.", no_args_is_help=True)
audit_app = typer.Typer(help="The hash-chained audit trail.", no_args_is_help=True)


@user_app.command("add")
def user_add(
    username: str,
    role: Annotated[Role, typer.Option(help="The user's role.")],
    agency: Annotated[str | None, typer.Option(help="Agency code (law-enforcement roles only).")] = None,
    name: Annotated[str | None, typer.Option(help="Display name.")] = None,
    password_from_env: Annotated[
        str | None, typer.Option(help="Read the password from this environment variable.")
    ] = None,
) -> None:
    """Create a user; prints the TOTP secret once."""
    if password_from_env:
        password = os.environ.get(password_from_env, "")
        if not password:
            err.print(f"[red]{password_from_env} is not set[/red]")
            raise typer.Exit(2)
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    with command_context() as ctx, ctx.unit() as session:
        user, secret = users.add_user(
            session,
            ctx.keyring,
            username,
            role,
            password,
            display_name=name,
            agency_code=agency,
            actor=CLI_ACTOR,
        )
        uri = users.provisioning_uri(user.username, secret)
    err.print(f"user {username} added as {role.value}" + (f" of {agency}" if agency else ""))
    print(f"TOTP secret (shown once): {secret}")
    print(f"authenticator address: {uri}")


@user_app.command("list")
def user_list(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    with command_context() as ctx, ctx.read() as session:
        rows = users.list_users(session)
    if as_json:
        print(json.dumps(rows, default=str))
        return
    for r in rows:
        state = ("active" if r["active"] else "inactive") + (", locked" if r["locked"] else "")
        print(f"{r['username']:<20} {r['role']:<14} {r['agency'] or '':<8} {state}")


def _change(username: str, change: str) -> None:
    with command_context() as ctx, ctx.unit() as session:
        if change == "unlock":
            users.unlock(session, username, CLI_ACTOR)
        else:
            users.set_active(session, username, change == "activate", CLI_ACTOR)
    err.print(f"{username}: {change}d")


@user_app.command("deactivate")
def user_deactivate(username: str) -> None:
    """Stop a user from signing in (ends their sessions)."""
    _change(username, "deactivate")


@user_app.command("activate")
def user_activate(username: str) -> None:
    _change(username, "activate")


@user_app.command("unlock")
def user_unlock(username: str) -> None:
    """Lift a lockout after repeated failed sign-ins."""
    _change(username, "unlock")


@user_app.command("code")
def user_code(username: str) -> None:
    """Print a user's current TOTP code, for the demo and development (refused in production, where
    the code comes from the person's authenticator app only)."""
    settings = common_settings()
    if settings.env is Environment.production:
        err.print("[red]refused in production: use the authenticator app[/red]")
        raise typer.Exit(2)
    with command_context() as ctx, ctx.unit() as session:
        code = users.current_code(session, ctx.keyring, username)
        audit.record(session, CLI_ACTOR, "user.code_shown", username)
    print(code)


@audit_app.command("verify")
def audit_verify(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Recompute the whole chain; exit 1 when an entry was changed, inserted or deleted."""
    with command_context() as ctx:
        with ctx.read() as session:
            result = audit.verify(session)
        with ctx.unit() as session:
            audit.record(session, CLI_ACTOR, "audit.verified", None, ok=result.ok, checked=result.checked)
    if as_json:
        print(
            json.dumps(
                {"ok": result.ok, "checked": result.checked, "head": result.head, "problems": result.problems}
            )
        )
    elif result.ok:
        print(f"audit chain intact: {result.checked} entries")
    else:
        print(f"AUDIT CHAIN BROKEN ({result.checked} entries checked):")
        for problem in result.problems:
            print(f"  {problem}")
    if not result.ok:
        raise typer.Exit(1)


@audit_app.command("search")
def audit_search(
    actor: Annotated[str | None, typer.Option()] = None,
    action: Annotated[str | None, typer.Option(help="An action or its prefix (evidence.).")] = None,
    target: Annotated[str | None, typer.Option()] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 100,
) -> None:
    """Entries newest first, one JSON object per line."""
    with command_context() as ctx, ctx.unit() as session:
        rows = audit.search(session, actor=actor, action=action, target=target, limit=limit)
        out = [
            {
                "seq": r.seq,
                "at": r.at.isoformat(),
                "actor": r.actor,
                "action": r.action,
                "target": r.target,
                "purpose": r.purpose,
                "data": r.data,
            }
            for r in rows
        ]
        audit.record(session, CLI_ACTOR, "audit.searched", None, found=len(rows))
    for row in out:
        print(json.dumps(row))
