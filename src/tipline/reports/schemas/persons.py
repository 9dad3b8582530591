"""People and accounts in a report: reported users, victims, intended recipients."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import Field

from tipline.reports.schemas.common import (
    AwareDatetime,
    CountryCode,
    DeviceId,
    IpEvent,
    LongText,
    Ref,
    ShortText,
    Strict,
)


class Email(Strict):
    """An email address of a person or account."""

    address: ShortText = Field(description="Email address as the provider holds it.")
    type: ShortText | None = Field(None, description="home, work, business, recovery, ...")
    verified: bool | None = Field(None, description="The provider verified the address.")


class Phone(Strict):
    """A phone number of a person or account."""

    number: ShortText = Field(description="Phone number as the provider holds it (any format).")
    country_calling_code: str | None = Field(
        None, pattern=r"^\+?[0-9]{1,4}$", description="Country calling code if known, e.g. +49."
    )
    type: ShortText | None = Field(None, description="mobile, home, business, work, ...")
    verified: bool | None = Field(None, description="The provider verified the number.")


class Address(Strict):
    """A postal address."""

    street: ShortText | None = Field(None, description="Street and number.")
    city: ShortText | None = Field(None, description="City or town.")
    postal_code: ShortText | None = Field(None, description="Postal code.")
    region: ShortText | None = Field(None, description="State, province or region.")
    country: CountryCode | None = Field(None, description="ISO 3166-1 alpha-2 country.")


class EstimatedLocation(Strict):
    """Where the provider believes the person is (NCMEC estimatedLocation)."""

    city: ShortText | None = Field(None, description="City.")
    region: ShortText | None = Field(None, description="Region or state.")
    country_code: CountryCode | None = Field(None, description="ISO 3166-1 alpha-2 country.")
    verified: bool | None = Field(None, description="The provider verified the location.")
    at: AwareDatetime | None = Field(None, description="When the estimate applies.")


class PriorReportSystem(StrEnum):
    """Which system holds an earlier report: NCMEC, the EU Centre, tipline, other."""

    ncmec = "ncmec"
    eu_centre = "eu_centre"
    tipline = "tipline"
    other = "other"


class PriorReport(Strict):
    """An earlier report about the same person (NCMEC priorCTReports)."""

    system: PriorReportSystem = Field(description="Which system holds the earlier report.")
    id: ShortText = Field(description="Its identifier there.")


class AccountStatus(Strict):
    """What the provider did to the account (NCMEC accountTemporarily/PermanentlyDisabled)."""

    temporarily_disabled: bool = Field(False, description="The account is suspended for now.")
    permanently_disabled: bool = Field(False, description="The account is closed for good.")
    disabled_at: AwareDatetime | None = Field(None, description="When it was disabled.")
    user_notified: bool | None = Field(None, description="The user was told.")
    user_notified_at: AwareDatetime | None = Field(None, description="When the user was told.")
    reenabled_at: AwareDatetime | None = Field(None, description="When it was re-enabled, if so.")


class AgeRange(Strict):
    """An estimated age range in years."""

    min: int = Field(ge=0, le=130, description="Lowest plausible age in years.")
    max: int = Field(ge=0, le=130, description="Highest plausible age in years.")


class Sex(StrEnum):
    """Sex of a person where known."""

    female = "female"
    male = "male"
    other = "other"
    unknown = "unknown"


class AccountType(StrEnum):
    """How an associated account relates to the person (NCMEC associatedAccount@accountType)."""

    billing = "billing"
    linked = "linked"
    business = "business"
    creator = "creator"
    parent_guardian = "parent_guardian"
    other = "other"


class Identity(Strict):
    """Identity fields shared by people and their associated accounts."""

    provider_user_id: ShortText | None = Field(
        None, description="The user's unique id in the provider's system (NCMEC espIdentifier)."
    )
    service: ShortText | None = Field(
        None, description="The provider's product the user used (NCMEC espService)."
    )
    screen_name: ShortText | None = Field(None, description="Login or handle.")
    display_names: list[ShortText] = Field(
        default_factory=list, max_length=50, description="Display names used."
    )
    profile_urls: list[ShortText] = Field(
        default_factory=list, max_length=50, description="Profile addresses."
    )
    emails: list[Email] = Field(default_factory=list, max_length=100, description="Email addresses.")
    phones: list[Phone] = Field(default_factory=list, max_length=100, description="Phone numbers.")


class AssociatedAccount(Identity):
    """Another account linked to the person (NCMEC associatedAccount)."""

    account_type: AccountType = Field(AccountType.other, description="How the account is linked.")
    approximate_age: int | None = Field(None, ge=0, le=130, description="Approximate age in years.")
    age_assertion_discrepancy: bool | None = Field(
        None, description="The stated age disagrees with other evidence."
    )


class Person(Identity):
    """A person or account in the report: reported user, victim or intended recipient."""

    ref: Ref = Field(
        description="Id of this person inside the report, used by files and texts to refer to them."
    )
    first_name: ShortText | None = Field(None, description="Given name.")
    last_name: ShortText | None = Field(None, description="Family name.")
    profile_bio: LongText | None = Field(None, description="Profile text.")
    date_of_birth: date | None = Field(None, description="Date of birth (YYYY-MM-DD).")
    age: int | None = Field(None, ge=0, le=130, description="Age in years, stated or known.")
    age_range: AgeRange | None = Field(None, description="Estimated age range when no age is known.")
    sex: Sex | None = Field(None, description="Sex, where known (used for outcome statistics).")
    addresses: list[Address] = Field(default_factory=list, max_length=20, description="Addresses.")
    estimated_location: EstimatedLocation | None = Field(
        None, description="The provider's estimate of where the person is."
    )
    ip_events: list[IpEvent] = Field(
        default_factory=list, max_length=10_000, description="IP addresses seen with events."
    )
    device_ids: list[DeviceId] = Field(
        default_factory=list, max_length=1000, description="Device identifiers."
    )
    prior_reports: list[PriorReport] = Field(
        default_factory=list, max_length=1000, description="Earlier reports about this person."
    )
    associated_accounts: list[AssociatedAccount] = Field(
        default_factory=list, max_length=1000, description="Other accounts linked to this person."
    )
    group_identifier: ShortText | None = Field(
        None, description="Name or id of an organised exploitation group the user is believed in."
    )
    compromised_account: bool | None = Field(None, description="The account is believed hacked or hijacked.")
    account_status: AccountStatus | None = Field(
        None, description="Whether and when the account was disabled."
    )
    third_party_user: bool | None = Field(
        None, description="The user is on another company's service; no more is known."
    )
    school_name: ShortText | None = Field(None, description="School (victims).")
    vehicle_description: ShortText | None = Field(None, description="Vehicle (reported persons).")
    additional_info: LongText | None = Field(None, description="Anything else about the person.")
