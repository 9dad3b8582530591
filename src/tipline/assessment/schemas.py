"""What the assessment API reads and returns (analysts' tools: keys with the ``assess`` scope)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from tipline.assessment.policy import Priority
from tipline.assessment.service import OverrideReason


class SignalRead(BaseModel):
    """One fact bearing on the decision, with where it was found and the words or values behind it."""

    kind: str = Field(
        description="e.g. text.planned_meeting, file.known, victim.very_young, provider.urgent."
    )
    source: str = Field(description="Where: text:<ref>, file:<ref>, victims/<ref>, flags.urgent, ...")
    evidence: str = Field(description="The words (the cue in [brackets]), the match or the value.")
    language: str | None = Field(None, description="Language of a text cue.")


class RuleRead(BaseModel):
    """A rule that fired, with the signals that made it fire."""

    code: str = Field(description="e.g. meeting_planned, active_coercion, known_material.")
    priority: Priority = Field(description="The priority this rule asks for.")
    explanation: str = Field(description="What the rule means.")
    signals: list[str] = Field(description="The signal kinds that made it fire.")


class OverrideRead(BaseModel):
    """An analyst's override of tipline's priority."""

    priority: Priority = Field(description="The analyst's priority.")
    reason: OverrideReason = Field(description="Why it was changed.")
    by: str = Field(description="Who changed it.")
    at: datetime = Field(description="When.")


class BundleSummary(BaseModel):
    """A viral bundle's counts."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The bundle.")
    reason: str = Field(description="provider_batch or accounts_in_window.")
    reports: int = Field(description="Reports in the bundle.")
    accounts: int = Field(description="Distinct sharing accounts.")
    occurrences: int = Field(description="Times the item was reported (batched incidents counted).")


class AssessmentRead(BaseModel):
    """tipline's decision on a report, with every reason and signal behind it."""

    report_id: uuid.UUID = Field(description="The report.")
    state: str = Field(description="assessed, incomplete (information requested) or unfounded.")
    priority: Priority = Field(description="The priority in force (an analyst's override wins).")
    auto_priority: Priority = Field(description="tipline's own priority from the signals.")
    provider_urgent: bool = Field(
        description="The provider's own claim that the report is urgent (Art. 48(4))."
    )
    override: OverrideRead | None = Field(None, description="The analyst's override, if any.")
    reasons: list[RuleRead] = Field(description="The rules that fired, strongest first.")
    signals: list[SignalRead] = Field(description="The signals, those behind the strongest rule first.")
    unfounded_reasons: list[str] = Field(description="Why the report is manifestly unfounded, if it is.")
    missing: list[str] = Field(description="The information requested from the provider, if any.")
    bundle: BundleSummary | None = Field(None, description="The viral bundle the report belongs to.")
    version: int = Field(description="How many times the assessment changed.")
    assessed_at: datetime = Field(description="When it last changed.")


class QueueEntryRead(BaseModel):
    """One line of the analysts' queue: a report, or a whole bundle of viral re-shares."""

    report_id: uuid.UUID = Field(description="The report (for a bundle: its first member).")
    priority: Priority = Field(description="Priority in force.")
    state: str = Field(description="assessed or incomplete.")
    received_at: datetime = Field(description="When the report arrived.")
    reasons: list[str] = Field(description="Rule codes, strongest first.")
    bundle: BundleSummary | None = Field(None, description="Set when the line stands for a bundle.")


class BundleMember(BaseModel):
    """A report in a bundle."""

    report_id: uuid.UUID = Field(description="The report.")
    priority: Priority = Field(description="Its priority in force.")
    state: str = Field(description="assessed, incomplete or unfounded.")
    received_at: datetime = Field(description="When it arrived.")


class BundleRead(BundleSummary):
    """A viral bundle: every sharer's report stays traceable."""

    opened_at: datetime = Field(description="When tipline recognised the item as viral.")
    members: list[BundleMember] = Field(description="The reports in the bundle, oldest first.")


class OverrideCreate(BaseModel):
    """Set the priority by hand (``priority`` null: return to tipline's own)."""

    priority: Priority | None = Field(description="P1, P2, P3, INFO, or null to clear the override.")
    reason: OverrideReason = Field(description="Why.")
    note: str = Field(min_length=1, max_length=10_000, description="The analyst's explanation (kept sealed).")


class NoteCreate(BaseModel):
    """An analyst's note; it is read for text cues and the report is assessed again."""

    text: str = Field(min_length=1, max_length=100_000, description="The note.")


class NoteCreated(BaseModel):
    """The note was saved; the report will be assessed again."""

    note_id: int = Field(description="The note's id.")
