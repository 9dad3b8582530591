"""What tipline tells a provider about its report: the codes of the decisions the assessment makes
(manifestly unfounded, information requested) and their wording. The assessment produces the codes;
the report API presents them (Art. 48(2) and (5)).
"""

from __future__ import annotations

from enum import StrEnum


class UnfoundedReason(StrEnum):
    """Why a report is manifestly unfounded."""

    all_files_allowlisted = "all_files_allowlisted"
    no_content = "no_content"
    duplicate = "duplicate"
    provider_retracted = "provider_retracted"


class MissingInformation(StrEnum):
    """What a report lacks for law enforcement to act on it (Art. 13 content)."""

    identifiers = "identifiers"
    location = "location"
    content = "content"


UNFOUNDED_MESSAGES: dict[UnfoundedReason, str] = {
    UnfoundedReason.all_files_allowlisted: (
        "Every reported file matches tipline's list of material confirmed not to be child sexual abuse "
        "material, and the report describes no solicitation of a child."
    ),
    UnfoundedReason.no_content: (
        "The report contains no files, no hashes and no text describing abuse or the solicitation of a child."
    ),
    UnfoundedReason.duplicate: (
        "The report repeats an earlier report of yours: the same files, the same accounts and the same "
        "incident time."
    ),
    UnfoundedReason.provider_retracted: "You retracted the report in a supplement.",
}

MISSING_MESSAGES: dict[MissingInformation, str] = {
    MissingInformation.identifiers: (
        "No reported person carries an identifier (account id, screen name, email, phone, profile URL, "
        "device id or IP address). Send at least one in a supplement: reported_persons."
    ),
    MissingInformation.location: (
        "The report has no location evidence of any kind (IP address with time, address, estimated "
        "location, phone number or coordinates). Send what you hold in a supplement: reported_persons "
        "(ip_events, addresses, estimated_location, phones) or internet_details."
    ),
    MissingInformation.content: (
        "The report concerns child sexual abuse material but declares no file and no hash. Send the "
        "hashes, or describe the content, in a supplement: texts."
    ),
}
