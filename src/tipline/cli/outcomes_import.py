"""`tipline outcomes import FILE`: store a narrative document's cases as imported outcomes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from tipline.cli.common import CLI_ACTOR, command_context, err


def import_narratives(
    document: Annotated[Path, typer.Argument(help="The narrative outcome document (text/Markdown, UTF-8).")],
    dated: Annotated[
        str | None,
        typer.Option(
            help="The date the cases count at in statistics (YYYY-MM-DD). Default: the end of the last year "
            "named in the document's title, like '(2019-2022)', else today."
        ),
    ] = None,
) -> None:
    """Read every case of the document (country, providers, services, reports, nature, victims,
    offenders, safeguarded, prosecuted, convicted, sentence, status), each field with its source span
    and confidence, and store them. Fields below the review threshold wait in the portal's review
    list. Importing the same document again changes nothing."""
    from tipline.outcomes.importer import import_document

    if not document.is_file():
        err.print(f"[red]{escape(str(document))}: no such file[/red]", highlight=False)
        raise typer.Exit(2)
    try:
        text = document.read_text(encoding="utf-8")
        when = datetime.combine(date.fromisoformat(dated), datetime.min.time(), tzinfo=UTC) if dated else None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        err.print(f"[red]cannot read input:[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from exc
    err.print(f"reading {escape(document.name)} ...", highlight=False)
    with command_context() as ctx, ctx.unit() as session:
        summary = import_document(session, text, document.name, actor=CLI_ACTOR, dated=when)
    if summary.already:
        print(f"{document.name}: imported before (import {summary.import_id}); nothing changed")
    else:
        print(
            f"{document.name}: {summary.cases} cases imported (import {summary.import_id}), dated "
            f"{summary.dated.date().isoformat()}; {summary.to_review} of {summary.fields} fields wait for "
            "review in the portal (/portal/narratives)"
        )
