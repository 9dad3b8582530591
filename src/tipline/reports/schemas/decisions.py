"""What tipline tells a provider about its report: the codes of the decisions the assessment makes
(manifestly unfounded, information requested) and their wording, and the kinds of hold law enforcement
may ask for. The assessment and casework produce the codes; the report API presents them (Art. 48(2),
(5) and (6)).
"""

from __future__ import annotations

from enum import StrEnum


class UnfoundedReason(StrEnum):
    """Why a report is manifestly unfounded."""

    all_files_allowlisted = "all_files_allowlisted"
    no_content = "no_content"
    duplicate = "duplicate"
    provider_retracted = "provider_retracted"
    analyst_assessed = "analyst_assessed"  # a clearinghouse analyst decided it, on reading the report


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
    UnfoundedReason.analyst_assessed: (
        "An analyst of the clearinghouse examined the report and found that it does not concern child "
        "sexual abuse material or the solicitation of a child."
    ),
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


class HoldKind(StrEnum):
    """What law enforcement asks the provider not to do, for a stated period (Art. 48(6) and (7)).

    do_not_inform: do not tell the user concerned about the report (or anything that would reveal it);
    do_not_remove: do not remove or disable access to the reported material; keep it available and
    preserved.
    """

    do_not_inform = "do_not_inform"
    do_not_remove = "do_not_remove"
