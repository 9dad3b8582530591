"""Building blocks shared by the report schema: strict models, enums, hashes, events."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from ipaddress import IPv4Address, IPv6Address
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints


class Strict(BaseModel):
    """Input models refuse unknown fields, so a misspelt field is an error, not silently lost."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("a time zone is required (ISO 8601 with offset, e.g. 2026-01-31T10:00:00Z)")
    return value


AwareDatetime = Annotated[datetime, AfterValidator(_aware)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=512)]
LongText = Annotated[str, StringConstraints(min_length=1, max_length=100_000)]
Ref = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$")]
CountryCode = Annotated[
    str,
    StringConstraints(to_upper=True, pattern=r"^[A-Za-z]{2}$"),
    Field(description="ISO 3166-1 alpha-2 country code, e.g. DE."),
]
Md5 = Annotated[str, StringConstraints(to_lower=True, pattern=r"^[0-9a-fA-F]{32}$")]
Sha1 = Annotated[str, StringConstraints(to_lower=True, pattern=r"^[0-9a-fA-F]{40}$")]
Sha256 = Annotated[str, StringConstraints(to_lower=True, pattern=r"^[0-9a-fA-F]{64}$")]
PdqHex = Annotated[str, StringConstraints(to_lower=True, pattern=r"^[0-9a-fA-F]{64}$")]


class IncidentCategory(StrEnum):
    """EU Art. 13(1)(e): what the report concerns."""

    known_material = "known_material"
    new_material = "new_material"
    solicitation = "solicitation"


class NcmecIncidentType(StrEnum):
    """The CyberTipline incident types (requirements 2.4), in snake case."""

    child_pornography = "child_pornography"
    child_sex_trafficking = "child_sex_trafficking"
    child_sex_tourism = "child_sex_tourism"
    child_sexual_molestation = "child_sexual_molestation"
    misleading_domain_name = "misleading_domain_name"
    misleading_words_or_digital_images = "misleading_words_or_digital_images"
    online_enticement = "online_enticement"
    unsolicited_obscene_material_to_child = "unsolicited_obscene_material_to_child"


class Annotation(StrEnum):
    """Provider tags, valid on a report or on a file (NCMEC reportAnnotations and fileAnnotations)."""

    sextortion = "sextortion"
    csam_solicitation = "csam_solicitation"
    minor_to_minor = "minor_to_minor"
    spam = "spam"
    sadistic_online_exploitation = "sadistic_online_exploitation"
    informational = "informational"
    anime_drawing_virtual = "anime_drawing_virtual"
    potential_meme = "potential_meme"
    viral = "viral"
    possible_self_production = "possible_self_production"
    physical_harm = "physical_harm"
    violence_gore = "violence_gore"
    bestiality = "bestiality"
    live_streaming = "live_streaming"
    infant = "infant"
    generative_ai = "generative_ai"


class IpEventName(StrEnum):
    """The user action at which an IP address was captured."""

    login = "login"
    registration = "registration"
    purchase = "purchase"
    upload = "upload"
    other = "other"
    unknown = "unknown"


class IpEvent(Strict):
    """An IP address seen at an event (NCMEC ipCaptureEvent). Port and time make CGNAT addresses usable."""

    ip: IPv4Address | IPv6Address = Field(description="IPv4 or IPv6 address.")
    port: int | None = Field(None, ge=0, le=65535, description="Source port, if captured.")
    event: IpEventName = Field(IpEventName.unknown, description="What the user did from it.")
    at: AwareDatetime | None = Field(None, description="When the event happened.")
    possible_proxy: bool | None = Field(
        None, description="The provider believes the address is a proxy, VPN or anonymizer."
    )


class DeviceId(Strict):
    """A device identifier (NCMEC deviceId)."""

    type: ShortText = Field(description="Kind of identifier, e.g. IMEI, ICCID, IDFA, SSID.")
    value: ShortText = Field(description="The identifier itself.")
    event: IpEventName | None = Field(None, description="Event at which it was seen.")
    at: AwareDatetime | None = Field(None, description="When it was seen.")


class Hashes(Strict):
    """Digests of a file. Exact digests are hex; PDQ is the 256-bit perceptual hash as 64 hex digits."""

    md5: Md5 | None = Field(None, description="MD5, 32 hex digits.")
    sha1: Sha1 | None = Field(None, description="SHA-1, 40 hex digits.")
    sha256: Sha256 | None = Field(None, description="SHA-256, 64 hex digits.")
    pdq: PdqHex | None = Field(None, description="PDQ perceptual hash, 64 hex digits.")
    pdq_quality: int | None = Field(
        None, ge=0, le=100, description="PDQ quality 0-100; below 50 the PDQ is not usable."
    )

    def any(self) -> bool:
        return any((self.md5, self.sha1, self.sha256, self.pdq))
