"""The CyberTipline XML structure tipline accepts: ``<report>`` and ``<fileDetails>``, as data.

Element names and order follow the NCMEC schema as its public clients show it (requirements 2.2-2.10);
tipline's extension elements (``tl:``) close each parent's sequence. docs/ncmec-xml.md maps each element
to the report model.
"""

from __future__ import annotations

from tipline.ncmec.spec import (
    ACCOUNT_TYPES,
    AGE,
    BOOL,
    COUNT,
    COUNTRY,
    CT_REPORT_ID,
    DATE,
    DATETIME,
    DETAIL_TYPES,
    EVENTS,
    FILE_ANNOTATIONS,
    FLAG,
    INCIDENT_TYPES,
    IP,
    LATITUDE,
    LONG,
    LONGITUDE,
    PORT,
    RELEVANCE,
    REPORT_ANNOTATIONS,
    SHORT,
    UNBOUNDED,
    A,
    E,
    integer,
    leaf,
    many,
    one_of,
    rename,
    req,
    seq,
    string_of,
)

# --- shared types -----------------------------------------------------------------------------------

EMAIL = leaf(
    "email",
    SHORT,
    A("type", SHORT),
    A("verified", BOOL),
    A("verificationDate", DATETIME),
)
PHONE = leaf(
    "phone",
    SHORT,
    A("type", SHORT),
    A("verified", BOOL),
    A("verificationDate", DATETIME),
    A("countryCallingCode", SHORT),
    A("extension", SHORT),
)
ADDRESS = seq(
    "address",
    leaf("address"),
    leaf("city"),
    leaf("zipCode"),
    leaf("state"),
    leaf("nonUsaState"),
    leaf("country", COUNTRY),
    attrs=(A("type", SHORT),),
)
PERSON = seq(
    "person",
    leaf("firstName"),
    leaf("lastName"),
    many(PHONE),
    many(EMAIL),
    many(ADDRESS),
    leaf("age", AGE),
    leaf("dateOfBirth", DATE),
)
CONTACT_PERSON = seq(
    "contactPerson", leaf("firstName"), leaf("lastName"), many(PHONE), many(EMAIL), many(ADDRESS)
)
IP_CAPTURE = seq(
    "ipCaptureEvent",
    req(leaf("ipAddress", IP)),
    leaf("eventName", one_of(*EVENTS)),
    leaf("dateTime", DATETIME),
    leaf("possibleProxy", BOOL),
    leaf("port", PORT),
)
DEVICE_ID = seq(
    "deviceId",
    req(leaf("idType")),
    req(leaf("idValue")),
    leaf("eventName", one_of(*EVENTS)),
    leaf("dateTime", DATETIME),
)
ESTIMATED_LOCATION = seq(
    "estimatedLocation",
    leaf("city"),
    leaf("region"),
    leaf("countryCode", COUNTRY),
    attrs=(A("verified", BOOL), A("timestamp", DATETIME)),
)
_DISABLED_ATTRS = (
    A("disabledDate", DATETIME),
    A("userNotified", BOOL),
    A("userNotifiedDate", DATETIME),
)
TEMP_DISABLED = leaf("accountTemporarilyDisabled", BOOL, *_DISABLED_ATTRS, A("reenabledDate", DATETIME))
PERM_DISABLED = leaf("accountPermanentlyDisabled", BOOL, *_DISABLED_ATTRS)
ASSOCIATED_ACCOUNT = E(
    "associatedAccount",
    (
        leaf("platform", SHORT, A("thirdPartyUser", BOOL)),
        leaf("firstName"),
        leaf("middleName"),
        leaf("lastName"),
        leaf("approximateAge", AGE),
        leaf("ageAssertionDiscrepancy", BOOL),
        leaf("dateOfBirth", DATE),
        many(PHONE),
        many(EMAIL),
        leaf("allEmailsReported", BOOL),
        many(ADDRESS),
        leaf("espService"),
        leaf("espIdentifier"),
        many(leaf("profileUrl")),
        leaf("screenName"),
        many(leaf("displayName")),
        leaf("profileBio", LONG),
        leaf("groupIdentifier"),
        leaf("compromisedAccount", BOOL),
        TEMP_DISABLED,
        PERM_DISABLED,
        many(IP_CAPTURE),
        many(DEVICE_ID),
        many(leaf("priorCTReport", CT_REPORT_ID)),
        leaf("additionalInfo", LONG),
    ),
    max=UNBOUNDED,
    attrs=(A("accountType", one_of(*ACCOUNT_TYPES)), A("type", one_of(*ACCOUNT_TYPES))),
)

# tipline's person fields that a role lacks in the NCMEC format, after the NCMEC children.
PERSON_EXT = (
    leaf("tl:ref"),
    leaf("tl:sex", one_of("female", "male", "other", "unknown")),
    seq("tl:ageRange", attrs=(A("min", AGE, True), A("max", AGE, True))),
    many(leaf("tl:priorReport", SHORT, A("system", one_of("ncmec", "eu_centre", "tipline", "other"), True))),
    leaf("tl:vehicleDescription"),
    leaf("tl:schoolName"),
    leaf("tl:thirdPartyUser", BOOL),
    leaf("tl:groupIdentifier"),
    rename(ASSOCIATED_ACCOUNT, "tl:associatedAccount"),
)


_IDENTITY = (
    leaf("espIdentifier"),
    leaf("espService"),
    leaf("compromisedAccount", BOOL),
    leaf("screenName"),
    many(leaf("displayName")),
    many(leaf("profileUrl")),
    leaf("profileBio", LONG),
    many(IP_CAPTURE),
    many(DEVICE_ID),
)
_STATUS = (TEMP_DISABLED, PERM_DISABLED, ESTIMATED_LOCATION, leaf("allEmailsReported", BOOL))

REPORTED_PERSON = seq(
    "personOrUserReported",
    rename(PERSON, "personOrUserReportedPerson"),
    leaf("vehicleDescription"),
    *_IDENTITY,
    leaf("thirdPartyUserReported", BOOL),
    many(leaf("priorCTReports", CT_REPORT_ID)),
    leaf("groupIdentifier"),
    *_STATUS,
    ASSOCIATED_ACCOUNT,
    leaf("additionalInfo", LONG),
    *PERSON_EXT,
)
RECIPIENT = many(
    seq(
        "intendedRecipient",
        rename(PERSON, "intendedRecipientPerson"),
        *_IDENTITY,
        many(leaf("priorCTReports", CT_REPORT_ID)),
        leaf("groupIdentifier"),
        *_STATUS,
        leaf("additionalInfo", LONG),
        *PERSON_EXT,
    )
)
VICTIM = many(
    seq(
        "victim",
        req(rename(PERSON, "victimPerson")),
        *_IDENTITY,
        leaf("schoolName"),
        many(leaf("priorCTReports", CT_REPORT_ID)),
        *_STATUS,
        ASSOCIATED_ACCOUNT,
        leaf("additionalInfo", LONG),
        *PERSON_EXT,
    )
)

_INFO = leaf("additionalInfo", LONG)
_CONTENT = leaf("content", LONG)
_INCIDENT_EXT = (leaf("tl:thirdPartyHosted", BOOL),)
INTERNET_DETAILS = E(
    "internetDetails",
    (
        seq("webPageIncident", many(leaf("url")), _INFO, attrs=(A("thirdPartyHostedContent", BOOL),)),
        seq("emailIncident", many(rename(EMAIL, "emailAddress")), _CONTENT, _INFO, *_INCIDENT_EXT),
        seq(
            "newsgroupIncident",
            leaf("name"),
            many(rename(EMAIL, "emailAddress")),
            _CONTENT,
            _INFO,
            *_INCIDENT_EXT,
        ),
        seq("chatImIncident", leaf("chatClient"), leaf("chatRoomName"), _CONTENT, _INFO, *_INCIDENT_EXT),
        seq("onlineGamingIncident", leaf("gameName"), leaf("console"), _CONTENT, _INFO, *_INCIDENT_EXT),
        seq(
            "cellPhoneIncident",
            rename(PHONE, "phoneNumber"),
            leaf("latitude", LATITUDE),
            leaf("longitude", LONGITUDE),
            _INFO,
            *_INCIDENT_EXT,
        ),
        seq(
            "nonInternetIncident",
            leaf("locationName"),
            many(rename(ADDRESS, "incidentAddress")),
            _INFO,
            *_INCIDENT_EXT,
        ),
        seq(
            "peer2peerIncident",
            leaf("client"),
            many(IP_CAPTURE),
            many(leaf("fileNames")),
            _INFO,
            *_INCIDENT_EXT,
        ),
    ),
    max=UNBOUNDED,
    choice=True,
)

_HASHES = seq(
    "tl:hashes",
    attrs=(
        A("md5", SHORT),
        A("sha1", SHORT),
        A("sha256", SHORT),
        A("pdq", SHORT),
        A("pdqQuality", integer(0, 100)),
    ),
)
TL_REPORT = seq(
    "tl:report",
    leaf("tl:providerReportId"),
    leaf("tl:submittedAt", DATETIME),
    leaf(
        "tl:legalBasis",
        one_of("eu_csa_regulation", "eu_interim_regulation", "us_18_usc_2258a", "national_law", "voluntary"),
    ),
    seq(
        "tl:legalRepresentative",
        req(leaf("tl:name")),
        leaf("tl:email"),
        leaf("tl:phone"),
        rename(ADDRESS, "tl:address"),
    ),
    leaf("tl:signature", LONG, A("algorithm", SHORT, True), A("keyId", SHORT)),
    many(leaf("tl:incidentCategory", one_of("known_material", "new_material", "solicitation"))),
    leaf("tl:serviceType"),
    leaf("tl:serviceUrl"),
    seq(
        "tl:detection",
        many(leaf("tl:basis"), 1),
        leaf("tl:detail", LONG),
        leaf("tl:detectionOrderRef"),
    ),
    leaf("tl:urgentReason", LONG),
    leaf("tl:contentRemoved", BOOL, A("at", DATETIME)),
    leaf("tl:contentDisabled", BOOL, A("at", DATETIME)),
    leaf("tl:accountDisabled", BOOL, A("at", DATETIME)),
    many(
        seq(
            "tl:reportedElsewhere",
            attrs=(
                A("authority", SHORT, True),
                A("country", COUNTRY),
                A("reference", SHORT),
                A("reportedAt", DATETIME),
            ),
        )
    ),
    many(leaf("tl:annotation")),
    many(
        seq(
            "tl:text",
            leaf("tl:content", LONG),
            many(leaf("tl:message", LONG, A("senderRef", SHORT), A("sentAt", DATETIME))),
            attrs=(
                A("ref", SHORT),
                A("kind", SHORT, True),
                A("language", SHORT),
                A("authorRef", SHORT),
                A("at", DATETIME),
            ),
        )
    ),
    leaf("tl:extensions", LONG),
)

REPORT = seq(
    "report",
    seq(
        "batchedReport",
        attrs=(A("reason", one_of("VIRAL_POTENTIAL_MEME"), True), A("tl:incidentCount", COUNT)),
    ),
    req(
        seq(
            "incidentSummary",
            many(leaf("incidentType", one_of(*INCIDENT_TYPES), A("tl:derived", BOOL)), 1),
            leaf("platform"),
            leaf("escalateToHighPriority", string_of(3000)),
            seq("reportAnnotations", *(leaf(n, FLAG) for n in REPORT_ANNOTATIONS)),
            req(leaf("incidentDateTime", DATETIME)),
            leaf("incidentDateTimeDescription", string_of(512)),
        )
    ),
    INTERNET_DETAILS,
    seq(
        "lawEnforcement",
        req(leaf("agencyName")),
        leaf("caseNumber"),
        rename(CONTACT_PERSON, "officerContact"),
        leaf("reportedToLe", BOOL),
        leaf("servedLegalProcessDomestic", BOOL),
        leaf("servedLegalProcessInternational", BOOL, A("fleaCountry", COUNTRY)),
    ),
    req(
        seq(
            "reporter",
            req(rename(PERSON, "reportingPerson")),
            rename(CONTACT_PERSON, "contactPerson"),
            leaf("companyTemplate", LONG),
            leaf("termsOfService", LONG),
            leaf("legalURL", string_of(2083)),
            attrs=(A("tl:absent", BOOL),),
        )
    ),
    REPORTED_PERSON,
    RECIPIENT,
    VICTIM,
    leaf("additionalInfo", LONG),
    many(rename(REPORTED_PERSON, "tl:reportedPerson")),
    TL_REPORT,
)

FILE_DETAILS = seq(
    "fileDetails",
    req(leaf("reportId", CT_REPORT_ID)),
    req(leaf("fileId", string_of(64))),
    leaf("fileName"),
    leaf("originalFileName"),
    leaf("uploadedToEspTimestamp", DATETIME),
    leaf("locationOfFile"),
    leaf("fileViewedByEsp", BOOL),
    leaf("exifViewedByEsp", BOOL),
    leaf("publiclyAvailable", BOOL),
    leaf("fileRelevance", one_of(*RELEVANCE)),
    leaf("potentialMeme", BOOL),
    seq("fileAnnotations", *(leaf(n, FLAG) for n in FILE_ANNOTATIONS)),
    leaf("industryClassification", one_of("A1", "A2", "B1", "B2")),
    many(leaf("originalFileHash", SHORT, A("hashType", SHORT, True))),
    IP_CAPTURE,
    many(DEVICE_ID),
    many(
        seq(
            "details",
            many(
                seq("nameValuePair", req(leaf("name")), req(leaf("value", LONG)), attrs=(A("type", SHORT),))
            ),
            attrs=(A("type", one_of(*DETAIL_TYPES)),),
        )
    ),
    many(leaf("additionalInfo", LONG)),
    leaf("tl:mediaType"),
    leaf("tl:size", integer(0, 2**63 - 1)),
    _HASHES,
    leaf("tl:uploaderRef"),
    many(leaf("tl:annotation")),
)
