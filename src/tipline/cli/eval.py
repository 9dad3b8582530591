"""`tipline eval`: measure the assessment signals against gold-annotated documents.

Prints figures only (counts, precision, recall, F1), never case text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from tipline.cli.common import err

eval_app = typer.Typer(help="Measure assessment signals against gold annotations.", no_args_is_help=True)


@eval_app.command("signals")
def signals(
    cases_text: Annotated[Path, typer.Argument(help="The case-summary document (text/Markdown).")],
    gold_jsonl: Annotated[Path, typer.Argument(help="Its gold annotations, one JSON object per line.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Score the text cues of each case against its gold labels: per-label precision, recall, F1.

    The labels are the gold urgency indicators and the nature tags the cues cover (livestreaming,
    trafficking_or_payment); exit status 2 for a missing or unreadable file or a bad gold line."""
    from tipline.assessment.text.seed_cases import GoldFormatError
    from tipline.assessment.text.signal_eval import evaluate, render

    for path in (cases_text, gold_jsonl):
        if not path.is_file():
            err.print(f"[red]{escape(str(path))}: no such file[/red]", highlight=False)
            raise typer.Exit(2)
    try:
        result = evaluate(cases_text, gold_jsonl)
    except GoldFormatError as exc:
        err.print(f"[red]bad gold file:[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from exc
    except (OSError, UnicodeDecodeError) as exc:
        err.print(f"[red]cannot read input:[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from exc
    if as_json:
        print(json.dumps(result))
    else:
        print(render(result))
