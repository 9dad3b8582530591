"""Parsed narrative cases against a gold file: case boundaries and field-level accuracy.

Definitions (docs/outcomes-import.md):

* Alignment: gold rows are paired with parsed cases by `seed_cases.align` (normalised first-line hint,
  preferring the same part and country, the provider named, document order; each case used once).
* case_recall = gold rows paired with a parsed case / gold rows.
* case_precision = parsed cases paired with a gold row / parsed cases in the (part, country) sections
  the gold file covers at all. A document may hold cases kept out of the gold file (held back); a
  parsed case in a section the gold does not cover cannot be judged, so it is left out of the
  denominator rather than counted wrong.
* Field comparison, for every field of `FIELDS` a gold row has, on paired cases only:
  lists are compared as sets of case-folded strings; numbers, booleans and the status exactly; null
  must be null. Free-text fields (``sentence_text``, ``victims_safeguarded_text``,
  ``offenders_prosecuted_text``) match when both are null, or when, after normalisation (lower case,
  punctuation dropped, whitespace collapsed), their token F1 is at least `TEXT_F1`.
* field_accuracy = matching cells / compared cells; per_field = the same per field.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tipline.assessment.text import seed_cases as sc
from tipline.outcomes.narrative import FIELDS, NarrativeCase

TEXT_FIELDS = frozenset({"sentence_text", "victims_safeguarded_text", "offenders_prosecuted_text"})
TEXT_F1 = 0.8


@dataclass(frozen=True, slots=True)
class Mismatch:
    case_id: str
    field: str
    expected: Any
    got: Any


@dataclass(slots=True)
class EvalResult:
    cases_gold: int
    cases_parsed: int
    cases_judged: int  # parsed cases in sections the gold covers
    matched: int
    unaligned: list[str]
    per_field: dict[str, float]
    cells: int
    correct: int
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def case_recall(self) -> float:
        return self.matched / self.cases_gold if self.cases_gold else 0.0

    @property
    def case_precision(self) -> float:
        return self.matched / self.cases_judged if self.cases_judged else 0.0

    @property
    def field_accuracy(self) -> float:
        return self.correct / self.cells if self.cells else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "case_recall": round(self.case_recall, 4),
            "case_precision": round(self.case_precision, 4),
            "field_accuracy": round(self.field_accuracy, 4),
            "per_field": {k: round(v, 4) for k, v in self.per_field.items()},
            "cases_gold": self.cases_gold,
            "cases_parsed": self.cases_parsed,
            "cases_judged": self.cases_judged,
            "matched": self.matched,
            "cells": self.cells,
            "text_rule": f"normalised token F1 >= {TEXT_F1}",
        }


_PUNCT = re.compile(r"[^\w\s/]")


def normalise_text(value: str) -> list[str]:
    return _PUNCT.sub(" ", value.lower()).split()


def token_f1(a: str, b: str) -> float:
    ta, tb = normalise_text(a), normalise_text(b)
    if not ta and not tb:
        return 1.0
    common = sum((Counter(ta) & Counter(tb)).values())
    if not common:
        return 0.0
    p, r = common / len(tb), common / len(ta)
    return 2 * p * r / (p + r)


def same(name: str, expected: Any, got: Any) -> bool:
    """Whether a parsed value matches the gold one under the rules in the module docstring."""
    if expected is None or got is None:
        return expected is None and got is None
    if isinstance(expected, list):
        if not isinstance(got, list):
            return False
        return {str(v).strip().casefold() for v in expected} == {str(v).strip().casefold() for v in got}
    if name in TEXT_FIELDS:
        return token_f1(str(expected), str(got)) >= TEXT_F1
    if isinstance(expected, bool) or isinstance(got, bool):
        return expected is got
    if isinstance(expected, str) and isinstance(got, str):
        return expected.strip().casefold() == got.strip().casefold()
    return bool(expected == got)


def _gold_row(row: dict[str, Any]) -> sc.GoldRow:
    return sc.GoldRow(
        id=str(row.get("id", "")),
        part=str(row.get("part") or ""),
        country=str(row.get("country") or ""),
        first_line_hint=str(row.get("first_line_hint") or ""),
        raw=row,
    )


def evaluate(parsed: Sequence[NarrativeCase], gold_rows: Sequence[dict[str, Any]]) -> EvalResult:
    seeds = [sc.SeedCase(c.part, c.country, c.first_line, c.text, c.provider_cell) for c in parsed]
    by_seed = {id(s): c for s, c in zip(seeds, parsed, strict=True)}
    gold = [_gold_row(r) for r in gold_rows]
    alignment = sc.align(seeds, gold)
    sections = {(g.part, g.country.casefold()) for g in gold}
    judged = sum(1 for c in parsed if (c.part, c.country.casefold()) in sections)
    totals: Counter[str] = Counter()
    right: Counter[str] = Counter()
    mismatches: list[Mismatch] = []
    for row, seed in alignment.pairs:
        case = by_seed[id(seed)]
        for name in FIELDS:
            if name not in row.raw:
                continue
            expected, got = row.raw[name], case.fields[name].value
            totals[name] += 1
            if same(name, expected, got):
                right[name] += 1
            else:
                mismatches.append(Mismatch(row.id, name, expected, got))
    per_field = {name: right[name] / totals[name] for name in FIELDS if totals[name]}
    return EvalResult(
        cases_gold=len(gold),
        cases_parsed=len(parsed),
        cases_judged=judged,
        matched=len(alignment.pairs),
        unaligned=list(alignment.unaligned),
        per_field=per_field,
        cells=sum(totals.values()),
        correct=sum(right.values()),
        mismatches=mismatches,
    )


def render(result: EvalResult, show_mismatches: int = 20) -> str:
    """A small table per field, then the first mismatches (gold values of public seed cases)."""
    lines = [
        f"cases: gold {result.cases_gold}, parsed {result.cases_parsed} ({result.cases_judged} in gold "
        f"sections), matched {result.matched}",
        f"case recall {result.case_recall:.3f}   case precision {result.case_precision:.3f}   "
        f"field accuracy {result.field_accuracy:.3f} ({result.correct}/{result.cells} cells)",
        "",
        f"{'field':<28}{'accuracy':>9}",
    ]
    lines += [
        f"{name:<28}{acc:>9.3f}" for name, acc in sorted(result.per_field.items(), key=lambda kv: kv[1])
    ]
    if result.unaligned:
        lines += ["", "gold cases not found: " + ", ".join(result.unaligned)]
    if show_mismatches and result.mismatches:
        lines += [
            "",
            f"mismatches (first {min(show_mismatches, len(result.mismatches))} of {len(result.mismatches)}):",
        ]
        for m in result.mismatches[:show_mismatches]:
            lines.append(f"  {m.case_id:<10} {m.field:<26} expected {m.expected!r}  got {m.got!r}")
    return "\n".join(lines)
