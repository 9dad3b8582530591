"""Narrative outcome documents -> structured outcome records (pure: no database, no models).

`parse_document(text)` splits a case-summary document (the format of `seed/cases-dev.txt`: two-column
tables with page-break-split cells and HTML, "Case # N" bullets, one-bullet cases, under country
headings) into `NarrativeCase`s, each with every outcome field as an `Extracted` value: the value, its
span in the document, the quoted words and a confidence (see `model`); fields below `REVIEW_BELOW`
need a person to confirm them. `to_record(case)` gives the gold-shaped dict. Report text is never
logged here.
"""

from __future__ import annotations

from typing import Any

from tipline.outcomes.narrative.companies import provider_company
from tipline.outcomes.narrative.document import split_cases
from tipline.outcomes.narrative.fields import read_fields
from tipline.outcomes.narrative.model import FIELDS, REVIEW_BELOW, Extracted, NarrativeCase

__all__ = [
    "FIELDS",
    "REVIEW_BELOW",
    "Extracted",
    "NarrativeCase",
    "parse_document",
    "provider_company",
    "to_record",
]


def parse_document(text: str) -> list[NarrativeCase]:
    """The cases of a narrative document, in document order, with their fields."""
    cases: list[NarrativeCase] = []
    for c in split_cases(text):
        cases.append(
            NarrativeCase(c.part, c.country, c.first_line, c.span, read_fields(c), c.provider_cell, c.text)
        )
    return cases


def to_record(case: NarrativeCase) -> dict[str, Any]:
    """A gold-shaped dict (part, country, first_line_hint, the fields) plus, under ``_extraction``,
    each field's confidence, span and quote, and ``_review``: the fields below `REVIEW_BELOW`."""
    record: dict[str, Any] = {"part": case.part, "first_line_hint": case.first_line[:60]}
    record.update({name: case.fields[name].value for name in FIELDS})
    record["_extraction"] = {
        name: {"confidence": f.confidence, "span": list(f.span) if f.span else None, "quote": f.quote}
        for name, f in case.fields.items()
    }
    record["_review"] = case.review()
    return record
