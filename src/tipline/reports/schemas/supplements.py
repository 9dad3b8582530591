"""A provider's supplement to a finished report: the answer to an information request, more of what
the report already holds, or its retraction. Supplements add; they never remove what was reported.
"""

from __future__ import annotations

from pydantic import Field

from tipline.reports.schemas.common import LongText, Strict
from tipline.reports.schemas.decisions import MissingInformation
from tipline.reports.schemas.persons import Person
from tipline.reports.schemas.report import InternetDetail, TextContent


class Retraction(Strict):
    """The provider withdraws the report (e.g. it was sent in error)."""

    reason: LongText = Field(description="Why the report is withdrawn.")


class SupplementCreate(Strict):
    """More information about a finished report. A person whose ref is already in the report gets the
    identifiers, addresses and IP events given here added to theirs; a new ref adds a person."""

    answers: list[MissingInformation] = Field(
        default_factory=list, description="Which information requests this answers, if any."
    )
    reported_persons: list[Person] = Field(
        default_factory=list, max_length=1000, description="Reported persons, new or already in the report."
    )
    victims: list[Person] = Field(default_factory=list, max_length=1000, description="Victims.")
    texts: list[TextContent] = Field(default_factory=list, max_length=1000, description="More texts.")
    internet_details: list[InternetDetail] = Field(
        default_factory=list, max_length=1000, description="More places where it happened."
    )
    additional_info: LongText | None = Field(None, description="Anything else.")
    retract: Retraction | None = Field(None, description="Withdraw the report.")

    def is_empty(self) -> bool:
        return not (
            self.reported_persons
            or self.victims
            or self.texts
            or self.internet_details
            or self.additional_info
            or self.retract
        )

    def duplicate_refs(self) -> list[tuple[str, str]]:
        """(JSON pointer, message) for a ref given twice in this supplement."""
        errors: list[tuple[str, str]] = []
        seen: set[str] = set()
        for group in ("reported_persons", "victims"):
            for i, person in enumerate(getattr(self, group)):
                if person.ref in seen:
                    errors.append((f"/{group}/{i}/ref", f"duplicate person ref {person.ref!r}"))
                seen.add(person.ref)
        return errors
