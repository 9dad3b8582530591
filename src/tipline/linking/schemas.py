"""What the linking API answers: subjects and links with their evidence (never an identifier)."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, Field


class LinkRead(BaseModel):
    """Evidence that a reported person of one report is a reported person of another."""

    id: int = Field(description="The link's id (to confirm or split it).")
    report_id: uuid.UUID = Field(description="The report whose person was linked.")
    person_ref: str = Field(description="That person's ref in the report.")
    other_report_id: uuid.UUID = Field(description="The report it was linked to.")
    other_person_ref: str = Field(description="The person's ref in that report.")
    strength: float = Field(description="Sum of the weights of the identifier kinds shared.")
    kinds: list[str] = Field(description="Identifier kinds shared, strongest first.")
    reasons: list[str] = Field(description="Why the link merges, or does not.")
    state: str = Field(
        description="auto, weak (shown, not merged), confirmed, split, held (kept apart by a split), "
        "withdrawn."
    )
    decided_by: str | None = Field(None, description="The analyst who confirmed or split it.")


class SubjectRead(BaseModel):
    """A cluster of reported persons believed to be one person."""

    id: uuid.UUID = Field(description="The subject's id (an absorbed id answers with its successor).")
    members: int = Field(description="Reported persons (across reports) believed to be this person.")
    reports: list[uuid.UUID] = Field(description="Their reports, newest first (at most 500).")


class LinkDecision(BaseModel):
    """An analyst's decision on a link."""

    reason: str = Field(min_length=1, max_length=2000, description="Why (kept in both reports' logs).")
