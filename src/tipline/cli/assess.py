"""`tipline assess`, `tipline override`, `tipline note`: an analyst's tools on the command line."""

from __future__ import annotations

import json
import uuid
from typing import Annotated, Any

import typer

from tipline.assessment import service
from tipline.assessment.policy import Priority
from tipline.assessment.service import OverrideReason
from tipline.assessment.tasks import viral_rule
from tipline.cli.common import CLI_ACTOR, command_context
from tipline.core import migrate

ReportId = Annotated[uuid.UUID, typer.Argument(help="tipline's id of the report.")]


def assess(
    report_id: ReportId,
    explain: Annotated[bool, typer.Option("--explain", help="Print every reason and signal.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the decision as JSON.")] = False,
) -> None:
    """Assess the report now (as the worker would; idempotent) and print the decision. --explain lists
    the rules that fired, strongest first, and every signal with its evidence (the words in brackets).
    The evidence quotes the report: treat the output as you would the report."""
    with command_context() as ctx:
        migrate.upgrade(ctx.engine)
        with ctx.unit() as session:
            service.assess(session, ctx.keyring, report_id, viral=viral_rule(ctx), cause="cli")
        with ctx.unit() as session:
            described = service.read(session, ctx.keyring, report_id, CLI_ACTOR)
    if as_json:
        print(json.dumps(described, default=str))
        return
    print(render(described, explain=explain))


def render(d: dict[str, Any], *, explain: bool) -> str:
    lines = [f"report {d['report_id']}: {d['priority']} ({d['state']})"]
    if d["override"]:
        o = d["override"]
        lines.append(
            f"  override: {o['priority']} by {o['by']} ({o['reason']}); tipline's own: {d['auto_priority']}"
        )
    lines.append(f"  provider's urgency claim: {'urgent' if d['provider_urgent'] else 'not urgent'}")
    if d["unfounded_reasons"]:
        lines.append(f"  manifestly unfounded: {', '.join(d['unfounded_reasons'])}")
    if d["missing"]:
        lines.append(f"  information requested: {', '.join(d['missing'])}")
    if d["bundle"]:
        b = d["bundle"]
        lines.append(
            f"  viral bundle {b['id']}: {b['reports']} reports, {b['accounts']} accounts, "
            f"{b['occurrences']} occurrences"
        )
    lines.append("  reasons:" if d["reasons"] else "  reasons: none (standard)")
    for r in d["reasons"]:
        lines.append(f"    {r['priority']:<4} {r['code']}: {r['explanation']}")
        if explain:
            lines.append(f"         from: {', '.join(r['signals']) or '-'}")
    if explain:
        lines.append("  signals:")
        for s in d["signals"]:
            lang = f" [{s['language']}]" if s.get("language") else ""
            lines.append(f"    {s['kind']} @ {s['source']}{lang}: {s['evidence']}")
    return "\n".join(lines)


def override(
    report_id: ReportId,
    priority: Annotated[str, typer.Argument(help="P1, P2, P3, INFO, or 'auto' to clear the override.")],
    reason: Annotated[OverrideReason, typer.Option(help="Why.")],
    note: Annotated[str, typer.Option(help="Your explanation (kept sealed).")],
    actor: Annotated[str, typer.Option(help="Who you are, for the report's log.")] = CLI_ACTOR,
) -> None:
    """Set a report's priority by hand; logged as an event with the reason."""
    chosen = None if priority.lower() == "auto" else _priority(priority)
    with command_context() as ctx, ctx.unit() as session:
        a = service.override(session, ctx.keyring, report_id, chosen, reason, note, f"user:{actor}")
        print(
            json.dumps(
                {"report_id": str(report_id), "priority": a.priority, "auto_priority": a.auto_priority}
            )
        )


def _priority(text: str) -> Priority:
    try:
        return Priority(text.upper())
    except ValueError:
        raise typer.BadParameter("one of P1, P2, P3, INFO, auto") from None


def note(
    report_id: ReportId,
    text: Annotated[str, typer.Argument(help="The note.")],
    actor: Annotated[str, typer.Option(help="Who you are, for the report's log.")] = CLI_ACTOR,
) -> None:
    """Add a note to a report; it is read for text cues and the report is assessed again."""
    with command_context() as ctx, ctx.unit() as session:
        saved = service.add_note(session, ctx.keyring, report_id, text, f"user:{actor}")
        print(json.dumps({"report_id": str(report_id), "note_id": saved.id}))
