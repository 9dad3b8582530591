"""API schemas of banks and indicators."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Purpose(StrEnum):
    known = "known"  # known abuse material
    allowlist = "allowlist"  # known not to be abuse material (false positives seen before)
    other = "other"  # other lists: matches are recorded but do not classify files


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BankCreate(Strict):
    """A new bank."""

    name: str = Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", description="Unique name, e.g. ncmec-industry."
    )
    purpose: Purpose = Field(description="known, allowlist or other.")
    pdq_threshold: int = Field(31, ge=0, le=128, description="Largest PDQ Hamming distance that matches.")
    description: str | None = Field(None, max_length=2000, description="What the bank holds, where from.")


class BankUpdate(Strict):
    """Changes to a bank; absent fields stay."""

    enabled: bool | None = Field(None, description="A disabled bank matches nothing.")
    pdq_threshold: int | None = Field(None, ge=0, le=128, description="Largest PDQ distance that matches.")
    description: str | None = Field(None, max_length=2000, description="What the bank holds.")


class BankRead(BaseModel):
    """A bank with its indicator counts."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="Bank id.")
    name: str = Field(description="Unique name.")
    purpose: Purpose = Field(description="known, allowlist or other.")
    pdq_threshold: int = Field(description="Largest PDQ distance that matches.")
    enabled: bool = Field(description="Whether the bank matches.")
    description: str | None = Field(description="What the bank holds.")
    created_at: datetime = Field(description="When it was created.")
    active: dict[str, int] = Field(default_factory=dict, description="Active indicators per hash type.")
    withdrawn: int = Field(0, description="Withdrawn indicators (tombstones).")


class IndicatorIn(Strict):
    """An indicator given through the API."""

    hash_type: str = Field(description="md5, sha1, sha256 or pdq.")
    hash: str = Field(max_length=200, description="The hash, hex.")
    media_type: Literal["image", "video"] | None = Field(None, description="Kind of media it identifies.")
    category: str | None = Field(None, max_length=64, description="E.g. A1, A2, B1, B2, baseline, national.")
    quality: int | None = Field(
        None, ge=0, le=100, description="PDQ quality; below 50 the hash is not matched."
    )
    external_id: str | None = Field(None, max_length=128, description="The source's own id of the entry.")
    contributor: str | None = Field(None, max_length=200, description="Contributing organisation.")
    source: str | None = Field(None, max_length=200, description="Where the indicator comes from.")
    decision_ref: str | None = Field(None, max_length=200, description="Reference of the decision behind it.")
    decided_on: date | None = Field(None, description="Date of that decision.")


class IndicatorsAdd(Strict):
    """A batch of indicators to add to a bank."""

    indicators: list[IndicatorIn] = Field(min_length=1, max_length=10_000, description="The indicators.")


class Withdrawal(Strict):
    """Withdraw an indicator (a tombstone, effective at once)."""

    reason: str = Field(min_length=1, max_length=500, description="Why it is withdrawn.")


class FeedbackIn(Strict):
    """Feedback on an indicator from someone who saw what it matched."""

    sentiment: Literal["affirmative", "negative"] = Field(
        description="affirmative: it is what the bank says."
    )
    reason: str | None = Field(
        None, max_length=100, description="Coded reason; required for negative feedback (e.g. not_csam)."
    )
    note: str | None = Field(None, max_length=1000, description="Free text.")


class IndicatorEventRead(BaseModel):
    """One event of an indicator."""

    model_config = ConfigDict(from_attributes=True)

    kind: str = Field(description="added, updated, withdrawn, reinstated, feedback.")
    actor: str = Field(description="Who.")
    at: datetime = Field(description="When.")
    data: dict[str, Any] = Field(description="Details.")


class IndicatorRead(BaseModel):
    """An indicator with its provenance, status and history."""

    model_config = ConfigDict(from_attributes=True)

    id: int = Field(description="Indicator id.")
    bank: str = Field(description="Bank name.")
    hash_type: str = Field(description="md5, sha1, sha256 or pdq.")
    value: str = Field(description="The hash.")
    media_type: str | None = Field(description="image or video.")
    category: str | None = Field(description="Category.")
    quality: int | None = Field(description="PDQ quality.")
    external_id: str | None = Field(description="Source's id.")
    contributor: str | None = Field(description="Contributing organisation.")
    source: str | None = Field(description="Source.")
    decision_ref: str | None = Field(description="Decision reference.")
    decided_on: date | None = Field(description="Decision date.")
    status: str = Field(description="active or withdrawn.")
    created_at: datetime = Field(description="When it was added.")
    withdrawn_at: datetime | None = Field(description="When it was withdrawn.")
    events: list[IndicatorEventRead] = Field(description="Its history.")


class ImportSummary(BaseModel):
    """What an import or an add did."""

    bank: str = Field(description="Bank name.")
    import_id: uuid.UUID | None = Field(None, description="The import's id.")
    added: int = Field(0, description="New indicators.")
    updated: int = Field(0, description="Indicators whose details changed.")
    withdrawn: int = Field(0, description="Indicators withdrawn by tombstones.")
    reinstated: int = Field(0, description="Withdrawn indicators made active again.")
    unchanged: int = Field(0, description="Already present as given.")
    feedback: int = Field(0, description="Feedback entries recorded.")
    tombstones_unknown: int = Field(0, description="Tombstones for indicators this bank never had.")
    skipped: int = Field(0, description="Entries of hash types tipline does not use (e.g. PhotoDNA).")
    errors: int = Field(0, description="Bad lines or entries (not imported).")
    error_samples: list[str] = Field(default_factory=list, description="The first bad lines, with positions.")
    previously_imported_at: datetime | None = Field(None, description="The same file was imported before.")
    seq_from: int | None = Field(None, description="First change number of this import.")
    seq_to: int | None = Field(None, description="Last change number of this import.")
