"""The report a provider submits (schema version 1.0).

It carries every element of the EU proposal's Art. 13(1)(a)-(k) and the NCMEC CyberTipline concepts
(requirements sections 1.4 and 2.2-2.10). docs/report-schema.md lists every field and is generated from
these models.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import Field, JsonValue, model_validator

from tipline.reports.schemas.common import (
    Annotation,
    AwareDatetime,
    CountryCode,
    IncidentCategory,
    IpEvent,
    LongText,
    NcmecIncidentType,
    Ref,
    ShortText,
    Strict,
)
from tipline.reports.schemas.files import FileDeclaration
from tipline.reports.schemas.persons import Address, Person

SCHEMA_VERSION = "1.0"


class Incident(Strict):
    """What happened and when (EU Art. 13(1)(e); NCMEC incidentSummary)."""

    categories: list[IncidentCategory] = Field(
        min_length=1,
        description="known_material, new_material and/or solicitation (EU Art. 13(1)(e)).",
    )
    ncmec_types: list[NcmecIncidentType] = Field(
        default_factory=list, description="CyberTipline incident types, if the provider uses them."
    )
    time: AwareDatetime = Field(description="When the incident happened (ISO 8601 with offset).")
    time_description: ShortText | None = Field(
        None, description="Free text about the incident time, e.g. 'between 1 and 3 May'."
    )


class ServiceType(StrEnum):
    """Kind of service, used for the statistics by service type (EU Art. 83)."""

    social_network = "social_network"
    messaging = "messaging"
    cloud_storage = "cloud_storage"
    hosting = "hosting"
    video_sharing = "video_sharing"
    live_streaming = "live_streaming"
    search = "search"
    gaming = "gaming"
    dating = "dating"
    email = "email"
    marketplace = "marketplace"
    forum = "forum"
    other = "other"


class Service(Strict):
    """The provider's service where the content occurred (NCMEC platform)."""

    name: ShortText = Field(description="Full name of the service or application.")
    type: ServiceType = Field(ServiceType.other, description="Kind of service (for statistics).")
    url: ShortText | None = Field(None, description="Address of the service.")


class DetectionBasis(StrEnum):
    """How the provider detected the content: hash list, classifier, user report, moderator review, law-
    enforcement request, detection order, other.
    """

    hash_match = "hash_match"
    classifier = "classifier"
    user_report = "user_report"
    moderator_review = "moderator_review"
    law_enforcement_request = "law_enforcement_request"
    detection_order = "detection_order"
    other = "other"


class Detection(Strict):
    """How the provider found the material or conversation."""

    basis: list[DetectionBasis] = Field(min_length=1, description="How it was detected.")
    detail: LongText | None = Field(None, description="E.g. the hash list or classifier version used.")
    detection_order_ref: ShortText | None = Field(
        None, description="Reference of the EU detection order, if one applies."
    )


class OtherAuthorityReport(Strict):
    """A report of the same incident to another authority (EU Art. 13(1)(h))."""

    authority: ShortText = Field(description="Who received it, e.g. NCMEC or a national police.")
    country: CountryCode | None = Field(None, description="That authority's country.")
    reference: ShortText | None = Field(
        None, description="Its reference for the report, e.g. the CyberTipline report id."
    )
    reported_at: AwareDatetime | None = Field(None, description="When it was reported there.")


class ProviderFlags(Strict):
    """The provider's own claims and actions (EU Art. 13(1)(h)-(j))."""

    urgent: bool = Field(False, description="The provider considers that the report requires urgent action.")
    urgent_reason: LongText | None = Field(
        None, description="Why, e.g. an imminent threat to a child (required when urgent)."
    )
    content_removed: bool | None = Field(None, description="The content was removed.")
    content_removed_at: AwareDatetime | None = Field(None, description="When it was removed.")
    content_disabled: bool | None = Field(None, description="Access to the content was disabled.")
    content_disabled_at: AwareDatetime | None = Field(None, description="When it was disabled.")
    account_disabled: bool | None = Field(None, description="The reported account was disabled.")
    account_disabled_at: AwareDatetime | None = Field(None, description="When.")
    reported_elsewhere: list[OtherAuthorityReport] = Field(
        default_factory=list, description="Reports of this incident to other authorities."
    )

    @model_validator(mode="after")
    def _urgent_needs_reason(self) -> ProviderFlags:
        if self.urgent and not self.urgent_reason:
            raise ValueError("urgent_reason is required when urgent is true")
        return self


class TextKind(StrEnum):
    """What a text is: description, chat excerpt, email, post, comment, profile text, other."""

    description = "description"
    chat_excerpt = "chat_excerpt"
    email = "email"
    post = "post"
    comment = "comment"
    profile = "profile"
    other = "other"


class ChatMessage(Strict):
    """One message of a chat excerpt."""

    sender_ref: Ref | None = Field(None, description="ref of the person who wrote it.")
    sent_at: AwareDatetime | None = Field(None, description="When it was sent.")
    text: LongText = Field(description="The message text.")


class TextContent(Strict):
    """Text content (EU Art. 13(1)(c)): descriptions and chat excerpts, with their language."""

    ref: Ref | None = Field(None, description="Id of the text inside the report.")
    kind: TextKind = Field(description="description, chat_excerpt, email, post, ...")
    language: str | None = Field(
        None,
        pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
        description="BCP 47 language tag where known, e.g. de or pt-BR.",
    )
    content: LongText | None = Field(None, description="The text, for a single block of text.")
    messages: list[ChatMessage] = Field(
        default_factory=list, max_length=10_000, description="The messages of a chat excerpt."
    )
    author_ref: Ref | None = Field(None, description="ref of the person who wrote it.")
    at: AwareDatetime | None = Field(None, description="When it was written.")

    @model_validator(mode="after")
    def _has_text(self) -> TextContent:
        if not self.content and not self.messages:
            raise ValueError("a text needs content or messages")
        return self


class InternetDetailKind(StrEnum):
    """The kind of place online (NCMEC internetDetails sub-types)."""

    web_page = "web_page"
    email = "email"
    newsgroup = "newsgroup"
    chat_im = "chat_im"
    online_gaming = "online_gaming"
    cell_phone = "cell_phone"
    non_internet = "non_internet"
    peer_to_peer = "peer_to_peer"


class InternetDetail(Strict):
    """Where on the internet the incident happened (NCMEC internetDetails, one kind per entry)."""

    kind: InternetDetailKind = Field(description="Which kind of place.")
    urls: list[ShortText] = Field(default_factory=list, description="Web addresses (web_page).")
    third_party_hosted: bool | None = Field(None, description="Content hosted by a third party.")
    email_addresses: list[ShortText] = Field(default_factory=list, description="(email, newsgroup)")
    newsgroup: ShortText | None = Field(None, description="Newsgroup name (newsgroup).")
    chat_client: ShortText | None = Field(None, description="Chat program (chat_im).")
    chat_room: ShortText | None = Field(None, description="Chat room name (chat_im).")
    game_name: ShortText | None = Field(None, description="Game (online_gaming).")
    console: ShortText | None = Field(None, description="Console (online_gaming).")
    phone_number: ShortText | None = Field(None, description="Phone number (cell_phone).")
    latitude: float | None = Field(None, ge=-90, le=90, description="Latitude (cell_phone).")
    longitude: float | None = Field(None, ge=-180, le=180, description="Longitude (cell_phone).")
    location_name: ShortText | None = Field(None, description="Place name (non_internet).")
    addresses: list[Address] = Field(default_factory=list, description="Addresses (non_internet).")
    p2p_client: ShortText | None = Field(None, description="Peer-to-peer client (peer_to_peer).")
    file_names: list[ShortText] = Field(default_factory=list, description="(peer_to_peer)")
    ip_events: list[IpEvent] = Field(
        default_factory=list, max_length=1000, description="IP addresses seen with events (peer_to_peer)."
    )
    content: LongText | None = Field(None, description="Headers, body or logs as text.")
    additional_info: LongText | None = Field(None, description="Anything else.")


class LegalBasis(StrEnum):
    """Legal basis for the report: the EU CSA Regulation, the EU interim regulation (2021/1232), 18 U.S.C.
    2258A, other national law, or voluntary.
    """

    eu_csa_regulation = "eu_csa_regulation"
    eu_interim_regulation = "eu_interim_regulation"
    us_18_usc_2258a = "us_18_usc_2258a"
    national_law = "national_law"
    voluntary = "voluntary"


class LegalRepresentative(Strict):
    """The provider's legal representative in the EU (EU Art. 13(1)(a))."""

    name: ShortText = Field(description="Name of the legal representative.")
    email: ShortText | None = Field(None, description="Contact email.")
    phone: ShortText | None = Field(None, description="Contact phone.")
    address: Address | None = Field(None, description="Postal address.")


class Signature(Strict):
    """The provider's electronic signature over the report (EU Art. 13(1)(b)); kept as given."""

    algorithm: ShortText = Field(description="e.g. ed25519 or a JWS algorithm name.")
    key_id: ShortText | None = Field(None, description="Which of the provider's keys signed.")
    value: LongText = Field(description="The signature, base64.")


class ReporterContact(Strict):
    """Who at the provider law enforcement should contact (NCMEC reporter)."""

    name: ShortText | None = Field(None, description="Contact person.")
    email: ShortText | None = Field(None, description="Contact email.")
    phone: ShortText | None = Field(None, description="Contact phone (24h line if any).")
    legal_process_info: LongText | None = Field(
        None, description="How to serve legal process, retention periods (companyTemplate)."
    )
    terms_of_service: LongText | None = Field(None, description="Relevant terms of service.")


class LawEnforcementContact(Strict):
    """Law enforcement already involved (NCMEC lawEnforcement)."""

    agency_name: ShortText = Field(description="The agency.")
    case_number: ShortText | None = Field(None, description="Its case reference.")
    officer_contact: ShortText | None = Field(None, description="Officer to contact.")
    reported_to_le: bool | None = Field(None, description="The provider already reported it.")
    legal_process_served: bool | None = Field(None, description="Legal process was served on the provider.")
    legal_process_country: CountryCode | None = Field(
        None, description="Country of the authority that served it."
    )


class Batch(Strict):
    """Many re-shares of the same item by many accounts, sent as one report (NCMEC batchedReport)."""

    reason: Literal["viral_potential_meme"] = Field(description="Why the reports were batched.")
    incident_count: int | None = Field(None, ge=1, description="How many incidents it stands for.")


class UnmappedElement(Strict):
    """Source data with no place in this schema, kept verbatim (XML intake)."""

    path: LongText = Field(
        description="Where it was in the source document, e.g. /report/reporter/contactPerson, "
        "or .../email[2]/@verificationDate for an attribute."
    )
    xml: LongText = Field(description="The element as received, or the attribute's value.")


class ReportSource(Strict):
    """How the report reached tipline when not as JSON, and what of it had no place in this schema."""

    format: Literal["ncmec_xml"] = Field(description="ncmec_xml: CyberTipline XML through /ispws.")
    unmapped: list[UnmappedElement] = Field(
        default_factory=list,
        description="Source elements and attributes with no place in this schema, verbatim; "
        "shown to analysts.",
    )
    derived: list[ShortText] = Field(
        default_factory=list,
        description="JSON pointers of fields tipline filled in because the source lacks them "
        "(e.g. /incident/categories from the incident type).",
    )
    missing_eu: list[ShortText] = Field(
        default_factory=list,
        description="EU Art. 13(1) elements the source did not give (for the completeness check).",
    )


class ReportCreate(Strict):
    """A provider's report."""

    schema_version: Literal["1.0"] = Field("1.0", description="Version of this schema.")
    provider_report_id: ShortText = Field(
        description="The provider's own id for the report; resubmitting it is idempotent."
    )
    finish: bool = Field(
        True,
        description="Finish the report in this call when no file bytes are to follow. "
        "Not part of the report's content.",
    )
    submitted_at: AwareDatetime | None = Field(
        None, description="The provider's time stamp of the report (EU Art. 13(1)(b))."
    )
    signature: Signature | None = Field(None, description="Electronic signature (Art. 13(1)(b)).")
    legal_representative: LegalRepresentative | None = Field(
        None, description="The provider's legal representative (Art. 13(1)(a))."
    )
    legal_basis: LegalBasis = Field(
        LegalBasis.eu_csa_regulation, description="Legal basis for reporting (Art. 13(1)(k))."
    )
    incident: Incident = Field(description="What happened and when.")
    service: Service = Field(description="Where it happened.")
    detection: Detection | None = Field(None, description="How the provider found it.")
    flags: ProviderFlags = Field(
        default_factory=ProviderFlags, description="Urgency, removal, other reports."
    )
    annotations: list[Annotation] = Field(
        default_factory=list, description="Provider tags for the whole report."
    )
    batch: Batch | None = Field(None, description="Set when the report batches viral re-shares.")
    reported_persons: list[Person] = Field(
        default_factory=list, max_length=10_000, description="Reported users or persons (suspects)."
    )
    victims: list[Person] = Field(
        default_factory=list, max_length=1000, description="Child victims, when known."
    )
    intended_recipients: list[Person] = Field(
        default_factory=list, max_length=1000, description="Intended recipients of the content."
    )
    files: list[FileDeclaration] = Field(
        default_factory=list, max_length=10_000, description="Reported files (content data)."
    )
    texts: list[TextContent] = Field(
        default_factory=list, max_length=10_000, description="Descriptions and chat excerpts."
    )
    internet_details: list[InternetDetail] = Field(
        default_factory=list, max_length=1000, description="Where online it happened."
    )
    reporter: ReporterContact | None = Field(None, description="Contact at the provider.")
    law_enforcement: LawEnforcementContact | None = Field(
        None, description="Law enforcement already involved."
    )
    additional_info: LongText | None = Field(None, description="Anything not covered elsewhere.")
    extensions: dict[str, JsonValue] = Field(
        default_factory=dict,
        description="Provider data with no place in this schema, kept verbatim and shown to analysts.",
    )
    source: ReportSource | None = Field(
        None, description="Set by tipline for reports received in another format (CyberTipline XML)."
    )

    def reference_errors(self) -> list[tuple[str, str]]:
        """(JSON pointer, message) for duplicate refs and refs that name no person."""
        errors: list[tuple[str, str]] = []
        people: dict[str, str] = {}
        for group in ("reported_persons", "victims", "intended_recipients"):
            for i, person in enumerate(getattr(self, group)):
                if person.ref in people:
                    errors.append((f"/{group}/{i}/ref", f"duplicate person ref {person.ref!r}"))
                people[person.ref] = group
        seen: set[str] = set()
        for i, f in enumerate(self.files):
            if f.ref in seen:
                errors.append((f"/files/{i}/ref", f"duplicate file ref {f.ref!r}"))
            seen.add(f.ref)
            if f.uploader_ref is not None and f.uploader_ref not in people:
                errors.append((f"/files/{i}/uploader_ref", "names no person in the report"))
        for i, t in enumerate(self.texts):
            if t.author_ref is not None and t.author_ref not in people:
                errors.append((f"/texts/{i}/author_ref", "names no person in the report"))
            for j, m in enumerate(t.messages):
                if m.sender_ref is not None and m.sender_ref not in people:
                    errors.append((f"/texts/{i}/messages/{j}/sender_ref", "names no person in the report"))
        return errors

    def content(self) -> dict[str, Any]:
        """The report's content: everything but the protocol flag ``finish``."""
        return self.model_dump(mode="json", exclude={"finish"}, exclude_none=True)
