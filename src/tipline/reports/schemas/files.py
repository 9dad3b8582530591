"""Files (evidence) declared in a report, with their hashes and provider annotations."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator

from tipline.reports.schemas.common import (
    Annotation,
    AwareDatetime,
    DeviceId,
    Hashes,
    IpEvent,
    LongText,
    Ref,
    ShortText,
    Strict,
)


class IndustryClassification(StrEnum):
    """Tech Coalition industry classification: A prepubescent, B pubescent; 1 sex act, 2 exhibition."""

    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"


class FileRelevance(StrEnum):
    """reported: the file is the reported content; supplemental: context for it."""

    reported = "reported"
    supplemental = "supplemental"


class DetailType(StrEnum):
    """Kind of file metadata pair: exif, hash (e.g. PhotoDNA) or other."""

    exif = "exif"
    hash = "hash"
    other = "other"


class FileDetail(Strict):
    """A name/value pair of file metadata (NCMEC details/nameValuePair)."""

    type: DetailType = Field(DetailType.other, description="exif, hash or other.")
    name: ShortText = Field(description="Name, e.g. Camera Model or PhotoDNA.")
    value: LongText = Field(description="Value as text.")


class FileDeclaration(Strict):
    """One reported file. Give its hashes, or set bytes_to_follow and upload the bytes, or both."""

    ref: Ref = Field(description="Id of the file inside the report; the upload names it.")
    filename: ShortText | None = Field(None, description="Name of the file as submitted.")
    original_filename: ShortText | None = Field(None, description="Name when the user uploaded it.")
    media_type: ShortText | None = Field(None, description="MIME type, e.g. image/jpeg or video/mp4.")
    size: int | None = Field(None, ge=0, description="Size in bytes.")
    hashes: Hashes = Field(
        default_factory=Hashes, description="Hashes of the file as reported (and uploaded)."
    )
    original_hashes: Hashes | None = Field(
        None, description="Hashes at upload time, before any change by the provider."
    )
    bytes_to_follow: bool = Field(
        False, description="The bytes will be uploaded with POST /api/v1/reports/{id}/files."
    )
    annotations: list[Annotation] = Field(default_factory=list, description="Provider tags for this file.")
    industry_classification: IndustryClassification | None = Field(None, description="A1, A2, B1 or B2.")
    viewed_by_provider: bool | None = Field(None, description="A person at the provider viewed the file.")
    exif_viewed_by_provider: bool | None = Field(
        None, description="A person at the provider viewed its EXIF data."
    )
    publicly_available: bool | None = Field(None, description="The file was publicly accessible.")
    relevance: FileRelevance = Field(FileRelevance.reported, description="reported, or supplemental context.")
    uploaded_at: AwareDatetime | None = Field(None, description="When the user uploaded it to the provider.")
    location_url: ShortText | None = Field(None, description="Where the file was located.")
    uploader_ref: Ref | None = Field(None, description="ref of the person who uploaded or sent it.")
    upload_ip_event: IpEvent | None = Field(None, description="Upload address, port and time.")
    device_ids: list[DeviceId] = Field(default_factory=list, description="Upload device ids.")
    details: list[FileDetail] = Field(
        default_factory=list, max_length=1000, description="Metadata pairs (EXIF, other hashes)."
    )
    additional_info: LongText | None = Field(None, description="Anything else about the file.")

    @model_validator(mode="after")
    def _hashes_or_bytes(self) -> FileDeclaration:
        if not self.bytes_to_follow and not self.hashes.any():
            raise ValueError("a file needs at least one hash or bytes_to_follow=true")
        return self
