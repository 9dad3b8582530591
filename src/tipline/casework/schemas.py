"""What law enforcement sends about a referral: a hold, an outcome (Art. 83(2)). Input models only;
the shape is checked here (known keys, non-negative counts), the rules that relate fields in the
service (``casework.service.record_outcome``), which answers 422 with a pointer per bad field."""

from __future__ import annotations

from enum import StrEnum

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, NonNegativeInt

from tipline.reports.schemas.decisions import HoldKind

__all__ = [
    "AGE_BANDS",
    "AgeBand",
    "HoldIn",
    "HoldKind",
    "OutcomeAction",
    "OutcomeIn",
    "Sex",
    "VictimCounts",
]


class OutcomeAction(StrEnum):
    """What the referral led to (Art. 83(2)): a new criminal investigation, a contribution to an ongoing
    one, other action, or no action (with its reasons)."""

    investigation_opened = "investigation_opened"
    contributed_existing = "contributed_existing"
    other_action = "other_action"
    no_action = "no_action"


class Sex(StrEnum):
    female = "female"
    male = "male"
    unknown = "unknown"


class AgeBand(StrEnum):
    """Age bands of identified victims, in years."""

    infant = "0-2"
    preschool = "3-5"
    child = "6-9"
    preteen = "10-13"
    teen = "14-17"
    unknown = "unknown"


AGE_BANDS: tuple[str, ...] = tuple(b.value for b in AgeBand)

# numbers of victims by sex, then age band: {"female": {"10-13": 1}}; keys outside the two enumerations
# are refused, counts are whole numbers from 0
VictimCounts = dict[Sex, dict[AgeBand, NonNegativeInt]]


class HoldIn(BaseModel):
    """An agency's request that the provider not inform the user, or not remove the material, until a
    time at most 18 months ahead (Art. 48(6)-(7))."""

    model_config = ConfigDict(extra="forbid")

    kind: HoldKind = Field(description="do_not_inform or do_not_remove.")
    until: AwareDatetime = Field(description="When the hold ends (at most 548 days from now).")
    reason: str = Field(min_length=1, max_length=4000, description="Why (kept for the clearinghouse).")


class OutcomeIn(BaseModel):
    """The follow-up to one referral (Art. 83(2)): counts, never personal data."""

    model_config = ConfigDict(extra="forbid")

    action: OutcomeAction = Field(description="What the referral led to.")
    no_action_reason: str | None = Field(
        None, max_length=4000, description="Why nothing was done (required for no_action, only then)."
    )
    victims_identified: VictimCounts = Field(
        default_factory=dict, description="Victims identified, by sex and age band."
    )
    victims_safeguarded: VictimCounts = Field(
        default_factory=dict, description="Victims safeguarded (rescued), by sex and age band."
    )
    suspects_identified: NonNegativeInt = Field(0, description="Suspects identified.")
    suspects_arrested: NonNegativeInt = Field(0, description="Suspects arrested.")
    offenders_prosecuted: NonNegativeInt = Field(0, description="Offenders prosecuted.")
    offenders_convicted: NonNegativeInt = Field(0, description="Offenders convicted (at most prosecuted).")
    sentence: str | None = Field(None, max_length=4000, description="Penalties imposed, if any.")
    closed_pretrial: bool = Field(False, description="The case was closed at the pre-trial stage.")
