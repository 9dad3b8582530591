"""What the forwarding API reads and returns: analysts' views of referrals, and the agencies' pull API."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from tipline.forwarding.workflow import DeclineReason, ReferralStatus


class AgencyRead(BaseModel):
    """An entry of the agency registry (its webhook's address and secret are never shown)."""

    model_config = ConfigDict(from_attributes=True)

    code: str = Field(description="The agency's code: a member state's ISO code, EUROPOL or INTL.")
    name: str = Field(description="Its name.")
    country: str = Field(description="ISO 3166 alpha-2 of the member state; EU for Europol; INT.")
    kind: str = Field(description="member_state, europol or international.")
    active: bool = Field(description="Whether reports are routed to it.")
    webhook_configured: bool = Field(description="Whether referrals are pushed to its own system.")


class DeliveryRead(BaseModel):
    """The webhook announcement of a referral."""

    state: str = Field(description="pending, sending, delivered, failing (still retried) or skipped.")
    attempts: int = Field(description="Attempts so far.")
    next_attempt_at: datetime = Field(description="When it is tried next (while not delivered).")
    last_error: str | None = Field(description="The last failure (error class or HTTP status).")
    delivered_at: datetime | None = Field(description="When the agency's system took it.")


class ReferralRead(BaseModel):
    """A referral as analysts see it."""

    id: uuid.UUID = Field(description="The referral.")
    report_id: uuid.UUID = Field(description="The report.")
    bundle_id: uuid.UUID | None = Field(description="The viral bundle the report belongs to, if any.")
    agency: str = Field(description="The agency's code.")
    agency_name: str = Field(description="The agency's name.")
    status: ReferralStatus = Field(description="sent, delivered, acknowledged, declined or closed.")
    decline_reason: DeclineReason | None = Field(description="Why the agency declined it.")
    urgent: bool = Field(description="Marked urgent (P1, Art. 48(4)).")
    priority: str = Field(description="The priority when it was forwarded.")
    reason: str = Field(
        description="Why this agency: competent_state, europol_policy, undetermined, international, "
        "no_agency_for_state or analyst."
    )
    cause: str = Field(description="What ran the routing (assessed, jurisdiction, analyst, ...).")
    jurisdiction: dict[str, Any] = Field(description="The jurisdiction it was routed on.")
    policy_version: int | None = Field(description="The routing policy version (None: default or analyst).")
    sent_at: datetime = Field(description="When it was forwarded.")
    delivered_at: datetime | None = Field(description="When the agency's system took it.")
    acknowledged_at: datetime | None = Field(description="When the agency acknowledged it.")
    closed_at: datetime | None = Field(description="When it was declined or closed.")
    delivery: DeliveryRead | None = Field(None, description="Its webhook delivery, if the agency has one.")


class ReferralCreate(BaseModel):
    """Re-routing: send a report to a further agency."""

    report_id: uuid.UUID = Field(description="The report.")
    agency: str = Field(min_length=2, max_length=32, description="The agency's code.")


class AgencyReferralRead(BaseModel):
    """A referral in an agency's inbox."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The referral.")
    report_id: uuid.UUID = Field(description="The report.")
    bundle_id: uuid.UUID | None = Field(description="The viral bundle (re-shares of one item), if any.")
    status: ReferralStatus = Field(description="sent, delivered, acknowledged, declined or closed.")
    decline_reason: DeclineReason | None = Field(description="Why you declined it.")
    urgent: bool = Field(description="Urgent: imminent risk to a child (P1).")
    priority: str = Field(description="P1, P2, P3 or INFO when forwarded.")
    reason: str = Field(description="Why it came to you (competent_state, europol_policy, ...).")
    sent_at: datetime = Field(description="When it was forwarded.")
    delivered_at: datetime | None = Field(description="When your system took it.")
    acknowledged_at: datetime | None = Field(description="When you acknowledged it.")
    closed_at: datetime | None = Field(description="When you declined or closed it.")


class ReferralFileRead(BaseModel):
    """A reported file's hashes and tipline's classification (the bytes are not forwarded here)."""

    ref: str = Field(description="The file's ref in the report.")
    media_type: str | None = Field(description="MIME type.")
    md5: str | None = Field(description="MD5.")
    sha1: str | None = Field(description="SHA-1.")
    sha256: str | None = Field(description="SHA-256.")
    pdq: str | None = Field(description="PDQ perceptual hash.")
    classification: str | None = Field(description="known, allowlisted, unknown (tipline's matching).")


class ReferralDetail(BaseModel):
    """A referral with the report as forwarded: content (supplements merged), file hashes, tipline's
    priority and reasons, the jurisdiction and the urgency."""

    referral: dict[str, Any] = Field(description="id, status, urgent, priority, reason, bundle_id, sent_at.")
    report_id: uuid.UUID = Field(description="The report.")
    received_at: datetime = Field(description="When tipline received it.")
    provider_urgent: bool = Field(description="The provider's own urgency claim.")
    priority: str = Field(description="tipline's priority in force.")
    reasons: list[str] = Field(description="The rules that set the priority, strongest first.")
    jurisdiction: dict[str, Any] = Field(
        description="route, states, countries, certainty, and the kinds of evidence behind them."
    )
    content: dict[str, Any] = Field(description="The report's content (schema 1.0), supplements merged.")
    files: list[ReferralFileRead] = Field(description="The reported files' hashes.")
    deconfliction: DeconflictionRead = Field(
        description="Other reports about the same people, who received them and who works them."
    )


class DeclineCreate(BaseModel):
    """Why you decline a referral (coded: free text could carry case details into tipline's log)."""

    reason: DeclineReason = Field(description="not_competent, insufficient_information, ...")


class HoldingRead(BaseModel):
    """One agency's referrals among the related reports."""

    agency: str = Field(description="Agency code.")
    agency_name: str = Field(description="Agency name.")
    reports: int = Field(description="How many of the reports (this one and the related) it received.")
    first_sent_at: datetime = Field(description="When it received the first of them.")
    working: bool = Field(description="It acknowledged a referral and has not declined or closed it.")


class RelatedRead(BaseModel):
    """Another report about the same person."""

    report_id: uuid.UUID = Field(description="The related report.")
    received_at: datetime = Field(description="When tipline received it.")
    priority: str | None = Field(description="Its priority in force (none while not assessed).")
    linked_by: list[str] = Field(
        description="Identifier kinds of a direct link to this report, or ['subject'] through others."
    )
    agencies: list[str] = Field(description="Agencies that received it.")


class DeconflictionRead(BaseModel):
    """Who else has reports about the same people, and who is working them."""

    report_id: uuid.UUID = Field(description="The report asked about.")
    subjects: dict[str, uuid.UUID] = Field(description="Reported person ref -> subject id.")
    subject_reports: int = Field(description="Other reports about the same people, all of them.")
    related: list[RelatedRead] = Field(description="The newest 200 of those reports.")
    agencies: list[HoldingRead] = Field(description="Agencies holding this or related reports.")
    working: list[str] = Field(description="Agencies working the subject now.")


ReferralDetail.model_rebuild()
