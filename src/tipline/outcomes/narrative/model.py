"""The records the narrative parser produces, and what their confidence means."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# A field whose confidence is below this needs a person to confirm it (the review list).
REVIEW_BELOW = 0.8

# Confidence levels (documented in docs/outcomes-import.md):
EXPLICIT = 1.0  # a labelled figure ("Victims safeguarded: 2"), the country heading, the company cell
STATED = 0.9  # said in words ("identification of two victims", "received two reports", "was convicted")
ABSENT = 0.85  # nothing in the text says it: null (or the default "unknown" status / empty tag list)
CUED = 0.8  # tags from cue phrases; a service named in the report sentences
INFERRED = 0.65  # inferred ("the suspect was arrested" -> one offender; one victim counted from mentions)
CONFLICT = 0.5  # sources disagree (labelled victims 1, safeguarded 5) or the value is an estimate


@dataclass(frozen=True, slots=True)
class Extracted:
    """One field of a case: its value, where it was read (document offsets and the quoted words),
    and how sure the parser is (see the levels above)."""

    value: Any
    span: tuple[int, int] | None
    quote: str | None
    confidence: float

    @property
    def needs_review(self) -> bool:
        return self.confidence < REVIEW_BELOW


@dataclass(slots=True)
class NarrativeCase:
    """One case of a narrative document with its fields."""

    part: str
    country: str
    first_line: str
    span: tuple[int, int]
    fields: dict[str, Extracted] = field(default_factory=dict)
    provider_cell: str = ""
    text: str = ""  # the working text the fields were read from (never logged)

    def value(self, name: str) -> Any:
        return self.fields[name].value

    def review(self) -> list[str]:
        """The fields a person should confirm."""
        return [name for name, f in self.fields.items() if f.needs_review]


FIELDS = (
    "country",
    "providers",
    "services",
    "report_count",
    "nature",
    "victims_in_case",
    "offenders_in_case",
    "victims_safeguarded",
    "victims_safeguarded_text",
    "offenders_prosecuted",
    "offenders_prosecuted_text",
    "convicted",
    "sentence_text",
    "status",
    "urgency_indicators",
)
