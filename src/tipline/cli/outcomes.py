"""`tipline outcomes`: outcome records from law enforcement's narrative case summaries.

`parse FILE` prints the parsed cases of a document (public seed case summaries, to the user who asked)
without touching any database. `import` (the database import and its review list) is added here later.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from tipline.cli.common import err

app = typer.Typer(help="Outcome records from narrative case summaries.", no_args_is_help=True)


@app.command("parse")
def parse(
    document: Annotated[Path, typer.Argument(help="The narrative outcome document (text/Markdown).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array of records.")] = False,
) -> None:
    """Print each case's fields with their confidence; fields below the review threshold are marked
    with "?" (they would go to the review list)."""
    from tipline.outcomes.narrative import FIELDS, REVIEW_BELOW, parse_document, to_record

    if not document.is_file():
        err.print(f"[red]{escape(str(document))}: no such file[/red]", highlight=False)
        raise typer.Exit(2)
    try:
        cases = parse_document(document.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        err.print(f"[red]cannot read input:[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from exc
    if as_json:
        print(json.dumps([to_record(c) for c in cases], ensure_ascii=False))
        return
    for number, case in enumerate(cases, 1):
        print(
            f"#{number} {case.part} / {case.country}  [{case.span[0]}:{case.span[1]}]  {case.first_line[:70]}"
        )
        for name in FIELDS:
            f = case.fields[name]
            mark = "?" if f.confidence < REVIEW_BELOW else " "
            print(f"  {mark} {name:<26} {json.dumps(f.value, ensure_ascii=False):<40} {f.confidence:.2f}")
    review = sum(1 for c in cases for _ in c.review())
    print(f"{len(cases)} cases; {review} fields below {REVIEW_BELOW} need review (marked ?)")


# `import` (database import + review list) is added to this app by the lead.
