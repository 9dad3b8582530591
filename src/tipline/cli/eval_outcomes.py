"""`tipline eval outcomes FILE GOLD`: the narrative outcome parser against a gold file.

Prints figures, and with --show-mismatches the gold and parsed values of public seed cases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from tipline.cli.common import err


def _read_gold(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: line {number} is not JSON ({exc.msg})") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
            raise ValueError(f"{path}: line {number} is not a JSON object with an id")
        rows.append(obj)
    return rows


def outcomes(
    cases_text: Annotated[Path, typer.Argument(help="The narrative outcome document (text/Markdown).")],
    gold_jsonl: Annotated[Path, typer.Argument(help="Its gold records, one JSON object per line.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    show_mismatches: Annotated[
        int, typer.Option("--show-mismatches", help="How many mismatches to list (human output).")
    ] = 20,
) -> None:
    """Case recall and precision of the parsed case boundaries, and field-level accuracy overall and
    per field (null must be null); exit status 2 for a missing or unreadable file or a bad gold line."""
    from tipline.outcomes.narrative import parse_document
    from tipline.outcomes.narrative_eval import evaluate, render

    for path in (cases_text, gold_jsonl):
        if not path.is_file():
            err.print(f"[red]{escape(str(path))}: no such file[/red]", highlight=False)
            raise typer.Exit(2)
    try:
        parsed = parse_document(cases_text.read_text(encoding="utf-8"))
        gold = _read_gold(gold_jsonl)
    except ValueError as exc:  # includes UnicodeDecodeError
        err.print(f"[red]bad input:[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from exc
    except OSError as exc:
        err.print(f"[red]cannot read input:[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from exc
    result = evaluate(parsed, gold)
    if as_json:
        print(json.dumps(result.as_dict()))
    else:
        print(render(result, show_mismatches))
