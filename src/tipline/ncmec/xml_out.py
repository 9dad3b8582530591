"""A tipline report as CyberTipline XML: one ``<report>`` and one ``<fileDetails>`` per file.

With ``extensions=True`` (the default) whatever the NCMEC format lacks is written in tipline's
extension namespace, so that submitting the export through /ispws reproduces the report field by
field, and source elements kept verbatim are put back where they were. With ``extensions=False`` the
documents hold NCMEC elements only (for forwarding to NCMEC); what has no NCMEC element is left out.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from tipline.ncmec import spec
from tipline.ncmec.writer import (
    Writer,
    address,
    device,
    email,
    ip_event,
    phone,
    put_back,
    q,
    serialize,
)

_INCIDENT_TYPES = {v: k for k, v in spec.INCIDENT_TYPES.items()}


_ACCOUNT_TYPES = {v: k for k, v in spec.ACCOUNT_TYPES.items()}


_REPORT_ANNOTATIONS = {v: k for k, v in spec.REPORT_ANNOTATIONS.items()}


_FILE_ANNOTATIONS = {v: k for k, v in spec.FILE_ANNOTATIONS.items()}


_RELEVANCE = {v: k for k, v in spec.RELEVANCE.items()}


_DETAIL_TYPES = {v: k for k, v in spec.DETAIL_TYPES.items()}


@dataclass(frozen=True)
class FileExport:
    ref: str
    details_xml: bytes
    upload: bool
    """The file's bytes are to be uploaded before its details (it was declared with bytes_to_follow)."""


@dataclass(frozen=True)
class Export:
    report_xml: bytes
    files: list[FileExport]


def export_report(content: dict[str, Any], *, extensions: bool = True) -> Export:
    w = Writer(extensions)
    root = ET.Element("report")
    derived = set(content.get("source", {}).get("derived", []))
    _report(w, root, content, derived)
    unmapped = content.get("source", {}).get("unmapped", []) if extensions else []
    put_back(root, [u for u in unmapped if u["path"].startswith("/report/")], "/report")
    files = [
        FileExport(f["ref"], serialize(_file(w, f, unmapped)), bool(f.get("bytes_to_follow")))
        for f in content.get("files", [])
    ]
    return Export(serialize(root), files)


# --- report -----------------------------------------------------------------------------------------


def _report(w: Writer, root: ET.Element, c: dict[str, Any], derived: set[str]) -> None:
    if (batch := c.get("batch")) is not None:
        w.el(
            root, "batchedReport", reason="VIRAL_POTENTIAL_MEME", tl_incidentCount=batch.get("incident_count")
        )
    _summary(w, root, c, derived)
    for d in c.get("internet_details", []):
        _internet(w, ET.SubElement(root, "internetDetails"), d)
    if (le := c.get("law_enforcement")) is not None:
        _law_enforcement(w, root, le)
    _reporter(w, root, c.get("reporter"))
    people = c.get("reported_persons", [])
    if people:
        _person(w, ET.SubElement(root, "personOrUserReported"), people[0], "reported")
    for p in c.get("intended_recipients", []):
        _person(w, ET.SubElement(root, "intendedRecipient"), p, "recipient")
    for p in c.get("victims", []):
        _person(w, ET.SubElement(root, "victim"), p, "victim")
    w.leaf(root, "additionalInfo", c.get("additional_info"))
    for p in people[1:]:
        if (el := w.el(root, "tl:reportedPerson")) is not None:
            _person(w, el, p, "reported")
    if w.ext:
        _tl_report(w, root, c, derived)


def _summary(w: Writer, root: ET.Element, c: dict[str, Any], derived: set[str]) -> None:
    s = ET.SubElement(root, "incidentSummary")
    incident = c["incident"]
    types = incident.get("ncmec_types", [])
    if types:
        w.leaves(s, "incidentType", [_INCIDENT_TYPES[t] for t in types[: 1 if not w.ext else None]])
    else:
        guess = "online_enticement" if incident["categories"] == ["solicitation"] else "child_pornography"
        w.el(s, "incidentType", _INCIDENT_TYPES[guess], tl_derived=True)
    if "/service/name" not in derived:
        w.leaf(s, "platform", c["service"]["name"])
    flags = c.get("flags", {})
    if flags.get("urgent"):
        w.leaf(s, "escalateToHighPriority", flags.get("urgent_reason"))
    standard = [a for a in c.get("annotations", []) if a in _REPORT_ANNOTATIONS]
    if standard:
        ann = ET.SubElement(s, "reportAnnotations")
        for name, value in spec.REPORT_ANNOTATIONS.items():
            if value in standard:
                ET.SubElement(ann, name)
    w.leaf(s, "incidentDateTime", incident["time"])
    w.leaf(s, "incidentDateTimeDescription", incident.get("time_description"))


def _tl_report(w: Writer, root: ET.Element, c: dict[str, Any], derived: set[str]) -> None:
    x = ET.SubElement(root, q("tl:report"))
    w.leaf(x, "tl:providerReportId", c["provider_report_id"])
    w.leaf(x, "tl:submittedAt", c.get("submitted_at"))
    if "/legal_basis" not in derived:
        w.leaf(x, "tl:legalBasis", c.get("legal_basis"))
    if (rep := c.get("legal_representative")) is not None:
        r = ET.SubElement(x, q("tl:legalRepresentative"))
        for key in ("name", "email", "phone"):
            w.leaf(r, f"tl:{key}", rep.get(key))
        if rep.get("address") is not None:
            address(w, r, "tl:address", rep["address"])
    if (sig := c.get("signature")) is not None:
        w.el(x, "tl:signature", sig["value"], algorithm=sig["algorithm"], keyId=sig.get("key_id"))
    if "/incident/categories" not in derived:
        w.leaves(x, "tl:incidentCategory", c["incident"]["categories"])
    service = c["service"]
    if "/service/type" not in derived:
        w.leaf(x, "tl:serviceType", service.get("type"))
    w.leaf(x, "tl:serviceUrl", service.get("url"))
    if (det := c.get("detection")) is not None:
        d = ET.SubElement(x, q("tl:detection"))
        w.leaves(d, "tl:basis", det["basis"])
        w.leaf(d, "tl:detail", det.get("detail"))
        w.leaf(d, "tl:detectionOrderRef", det.get("detection_order_ref"))
    flags = c.get("flags", {})
    if not flags.get("urgent"):
        w.leaf(x, "tl:urgentReason", flags.get("urgent_reason"))
    for key, tag in (("content_removed", "contentRemoved"), ("content_disabled", "contentDisabled")):
        w.leaf(x, f"tl:{tag}", flags.get(key), at=flags.get(f"{key}_at"))
    w.leaf(x, "tl:accountDisabled", flags.get("account_disabled"), at=flags.get("account_disabled_at"))
    for r in flags.get("reported_elsewhere", []):
        w.el(
            x,
            "tl:reportedElsewhere",
            authority=r["authority"],
            country=r.get("country"),
            reference=r.get("reference"),
            reportedAt=r.get("reported_at"),
        )
    w.leaves(
        x,
        "tl:annotation",
        _extension_list(c.get("annotations", []), _REPORT_ANNOTATIONS, spec.REPORT_ANNOTATIONS),
    )
    for t in c.get("texts", []):
        _text_el(w, x, t)
    if c.get("extensions"):
        w.leaf(x, "tl:extensions", json.dumps(c["extensions"], ensure_ascii=False, sort_keys=True))


def _extension_list(values: list[str], standard: dict[str, str], order: dict[str, str]) -> list[str]:
    """What to write as tl:annotation: the non-NCMEC values, or all of them when the order the importer
    would rebuild (NCMEC ones in schema order, then the rest) differs from the provider's."""
    ncmec = [v for v in order.values() if v in values]
    rest = [v for v in values if v not in standard]
    return rest if ncmec + rest == values else values


def _text_el(w: Writer, parent: ET.Element, t: dict[str, Any]) -> None:
    el = w.el(
        parent,
        "tl:text",
        ref=t.get("ref"),
        kind=t["kind"],
        language=t.get("language"),
        authorRef=t.get("author_ref"),
        at=t.get("at"),
    )
    w.leaf(el, "tl:content", t.get("content"))
    for m in t.get("messages", []):
        if el is not None:
            w.el(el, "tl:message", m["text"], senderRef=m.get("sender_ref"), sentAt=m.get("sent_at"))


def _internet(w: Writer, parent: ET.Element, d: dict[str, Any]) -> None:
    kind = d["kind"]
    tags = {
        "web_page": "webPageIncident",
        "email": "emailIncident",
        "newsgroup": "newsgroupIncident",
        "chat_im": "chatImIncident",
        "online_gaming": "onlineGamingIncident",
        "cell_phone": "cellPhoneIncident",
        "non_internet": "nonInternetIncident",
        "peer_to_peer": "peer2peerIncident",
    }
    hosted = d.get("third_party_hosted")
    x = w.el(parent, tags[kind], thirdPartyHostedContent=hosted if kind == "web_page" else None)
    assert x is not None
    if kind == "web_page":
        w.leaves(x, "url", d.get("urls", []))
    elif kind in ("email", "newsgroup"):
        w.leaf(x, "name", d.get("newsgroup") if kind == "newsgroup" else None)
        w.leaves(x, "emailAddress", d.get("email_addresses", []))
    elif kind == "chat_im":
        w.leaf(x, "chatClient", d.get("chat_client"))
        w.leaf(x, "chatRoomName", d.get("chat_room"))
    elif kind == "online_gaming":
        w.leaf(x, "gameName", d.get("game_name"))
        w.leaf(x, "console", d.get("console"))
    elif kind == "cell_phone":
        w.leaf(x, "phoneNumber", d.get("phone_number"))
        w.leaf(x, "latitude", d.get("latitude"))
        w.leaf(x, "longitude", d.get("longitude"))
    elif kind == "non_internet":
        w.leaf(x, "locationName", d.get("location_name"))
        for a in d.get("addresses", []):
            address(w, x, "incidentAddress", a)
    elif kind == "peer_to_peer":
        w.leaf(x, "client", d.get("p2p_client"))
        for e in d.get("ip_events", []):
            ip_event(w, x, e)
        w.leaves(x, "fileNames", d.get("file_names", []))
    if kind in ("email", "newsgroup", "chat_im", "online_gaming"):
        w.leaf(x, "content", d.get("content"))
    w.leaf(x, "additionalInfo", d.get("additional_info"))
    if kind != "web_page":
        w.leaf(x, "tl:thirdPartyHosted", hosted)


def _law_enforcement(w: Writer, root: ET.Element, le: dict[str, Any]) -> None:
    x = ET.SubElement(root, "lawEnforcement")
    w.leaf(x, "agencyName", le["agency_name"])
    w.leaf(x, "caseNumber", le.get("case_number"))
    if le.get("officer_contact") is not None:
        w.leaf(ET.SubElement(x, "officerContact"), "lastName", le["officer_contact"])
    w.leaf(x, "reportedToLe", le.get("reported_to_le"))
    served, country = le.get("legal_process_served"), le.get("legal_process_country")
    if country is not None:
        w.el(x, "servedLegalProcessInternational", bool(served), fleaCountry=country)
    else:
        w.leaf(x, "servedLegalProcessDomestic", served)


def _reporter(w: Writer, root: ET.Element, r: dict[str, Any] | None) -> None:
    x = w.el(root, "reporter", tl_absent=True if r is None else None)
    assert x is not None
    p = ET.SubElement(x, "reportingPerson")
    r = r or {}
    if r.get("name"):
        first, _, last = r["name"].rpartition(" ")
        w.leaf(p, "firstName", first or None)
        w.leaf(p, "lastName", last)
    w.leaf(p, "phone", r.get("phone"))
    w.leaf(p, "email", r.get("email"))
    w.leaf(x, "companyTemplate", r.get("legal_process_info"))
    w.leaf(x, "termsOfService", r.get("terms_of_service"))


# --- people -----------------------------------------------------------------------------------------


_ROLE_TAGS = {
    "reported": "personOrUserReportedPerson",
    "recipient": "intendedRecipientPerson",
    "victim": "victimPerson",
}


def _person(w: Writer, x: ET.Element, p: dict[str, Any], role: str) -> None:
    person = ET.SubElement(x, _ROLE_TAGS[role])
    w.leaf(person, "firstName", p.get("first_name"))
    w.leaf(person, "lastName", p.get("last_name"))
    for ph in p.get("phones", []):
        phone(w, person, ph)
    for e in p.get("emails", []):
        email(w, person, e)
    for a in p.get("addresses", []):
        address(w, person, "address", a)
    w.leaf(person, "age", p.get("age"))
    w.leaf(person, "dateOfBirth", p.get("date_of_birth"))
    if role == "reported":
        w.leaf(x, "vehicleDescription", p.get("vehicle_description"))
    _identity(w, x, p)
    if role == "reported":
        w.leaf(x, "thirdPartyUserReported", p.get("third_party_user"))
    if role == "victim":
        w.leaf(x, "schoolName", p.get("school_name"))
    prior = p.get("prior_reports", [])
    numeric = [r["id"] for r in prior if r["system"] == "ncmec" and r["id"].isdigit()]
    w.leaves(x, "priorCTReports", numeric)
    if role != "victim":
        w.leaf(x, "groupIdentifier", p.get("group_identifier"))
    _account_status(w, x, p.get("account_status"))
    _location(w, x, p.get("estimated_location"))
    if role != "recipient":
        for a in p.get("associated_accounts", []):
            _associated(w, x, "associatedAccount", a)
    w.leaf(x, "additionalInfo", p.get("additional_info"))
    _person_ext(w, x, p, role, prior, numeric)


def _person_ext(
    w: Writer, x: ET.Element, p: dict[str, Any], role: str, prior: list[dict[str, str]], numeric: list[str]
) -> None:
    w.leaf(x, "tl:ref", p["ref"])
    w.leaf(x, "tl:sex", p.get("sex"))
    if (r := p.get("age_range")) is not None:
        w.el(x, "tl:ageRange", min=r["min"], max=r["max"])
    canonical = [{"system": "ncmec", "id": i} for i in numeric]
    rest = [r for r in prior if r not in canonical]
    for r in rest if canonical + rest == prior else prior:
        w.el(x, "tl:priorReport", r["id"], system=r["system"])
    if role != "reported":
        w.leaf(x, "tl:vehicleDescription", p.get("vehicle_description"))
    if role != "victim":
        w.leaf(x, "tl:schoolName", p.get("school_name"))
    if role != "reported":
        w.leaf(x, "tl:thirdPartyUser", p.get("third_party_user"))
    if role == "victim":
        w.leaf(x, "tl:groupIdentifier", p.get("group_identifier"))
    if role == "recipient":
        for a in p.get("associated_accounts", []):
            _associated(w, x, "tl:associatedAccount", a)


def _identity(w: Writer, x: ET.Element, p: dict[str, Any]) -> None:
    w.leaf(x, "espIdentifier", p.get("provider_user_id"))
    w.leaf(x, "espService", p.get("service"))
    w.leaf(x, "compromisedAccount", p.get("compromised_account"))
    w.leaf(x, "screenName", p.get("screen_name"))
    w.leaves(x, "displayName", p.get("display_names", []))
    w.leaves(x, "profileUrl", p.get("profile_urls", []))
    w.leaf(x, "profileBio", p.get("profile_bio"))
    for e in p.get("ip_events", []):
        ip_event(w, x, e)
    for d in p.get("device_ids", []):
        device(w, x, d)


def _associated(w: Writer, parent: ET.Element, tag: str, a: dict[str, Any]) -> None:
    x = w.el(parent, tag, accountType=_ACCOUNT_TYPES[a.get("account_type", "other")])
    if x is None:
        return
    w.leaf(x, "approximateAge", a.get("approximate_age"))
    w.leaf(x, "ageAssertionDiscrepancy", a.get("age_assertion_discrepancy"))
    for ph in a.get("phones", []):
        phone(w, x, ph)
    for e in a.get("emails", []):
        email(w, x, e)
    w.leaf(x, "espService", a.get("service"))
    w.leaf(x, "espIdentifier", a.get("provider_user_id"))
    w.leaves(x, "profileUrl", a.get("profile_urls", []))
    w.leaf(x, "screenName", a.get("screen_name"))
    w.leaves(x, "displayName", a.get("display_names", []))


def _account_status(w: Writer, x: ET.Element, s: dict[str, Any] | None) -> None:
    if s is None:
        return
    temp, perm = s.get("temporarily_disabled", False), s.get("permanently_disabled", False)
    common = {
        "disabledDate": s.get("disabled_at"),
        "userNotified": s.get("user_notified"),
        "userNotifiedDate": s.get("user_notified_at"),
    }
    if temp or not perm or s.get("reenabled_at"):
        w.el(x, "accountTemporarilyDisabled", temp, **common, reenabledDate=s.get("reenabled_at"))
    if perm:
        w.el(x, "accountPermanentlyDisabled", perm, **common)


def _location(w: Writer, x: ET.Element, loc: dict[str, Any] | None) -> None:
    if loc is None:
        return
    el = w.el(x, "estimatedLocation", verified=loc.get("verified"), timestamp=loc.get("at"))
    w.leaf(el, "city", loc.get("city"))
    w.leaf(el, "region", loc.get("region"))
    w.leaf(el, "countryCode", loc.get("country_code"))


# --- files ------------------------------------------------------------------------------------------


REPORT_ID_PLACEHOLDER = 1
"""The reportId written into exported fileDetails; the importer replaces it with the new report's id."""


def _file(w: Writer, f: dict[str, Any], unmapped: list[dict[str, str]]) -> ET.Element:
    x = ET.Element("fileDetails")
    w.leaf(x, "reportId", REPORT_ID_PLACEHOLDER)
    w.leaf(x, "fileId", f["ref"])
    w.leaf(x, "fileName", f.get("filename"))
    w.leaf(x, "originalFileName", f.get("original_filename"))
    w.leaf(x, "uploadedToEspTimestamp", f.get("uploaded_at"))
    w.leaf(x, "locationOfFile", f.get("location_url"))
    w.leaf(x, "fileViewedByEsp", f.get("viewed_by_provider"))
    w.leaf(x, "exifViewedByEsp", f.get("exif_viewed_by_provider"))
    w.leaf(x, "publiclyAvailable", f.get("publicly_available"))
    w.leaf(x, "fileRelevance", _RELEVANCE[f.get("relevance", "reported")])
    annotations = f.get("annotations", [])
    if any(a in _FILE_ANNOTATIONS for a in annotations):
        ann = ET.SubElement(x, "fileAnnotations")
        for name, value in spec.FILE_ANNOTATIONS.items():
            if value in annotations:
                ET.SubElement(ann, name)
    w.leaf(x, "industryClassification", f.get("industry_classification"))
    for key, kind in (("md5", "MD5"), ("sha1", "SHA1"), ("sha256", "SHA256")):
        w.leaf(x, "originalFileHash", (f.get("original_hashes") or {}).get(key), hashType=kind)
    if (ip := f.get("upload_ip_event")) is not None:
        ip_event(w, x, ip)
    for d in f.get("device_ids", []):
        device(w, x, d)
    _details(w, x, f.get("details", []))
    w.leaf(x, "additionalInfo", f.get("additional_info"))
    w.leaf(x, "tl:mediaType", f.get("media_type"))
    w.leaf(x, "tl:size", f.get("size"))
    hashes = {k: v for k, v in f.get("hashes", {}).items() if v is not None}
    if hashes:
        names = {"pdq_quality": "pdqQuality"}
        w.el(x, "tl:hashes", **{names.get(k, k): v for k, v in hashes.items()})
    w.leaf(x, "tl:uploaderRef", f.get("uploader_ref"))
    w.leaves(x, "tl:annotation", _extension_list(annotations, _FILE_ANNOTATIONS, spec.FILE_ANNOTATIONS))
    prefix = f"/fileDetails[@fileId='{f['ref']}']"
    mine = [
        {**u, "path": "/fileDetails" + u["path"][len(prefix) :]}
        for u in unmapped
        if u["path"].startswith(prefix + "/")
    ]
    put_back(x, mine, "/fileDetails")
    return x


def _details(w: Writer, x: ET.Element, details: list[dict[str, Any]]) -> None:
    group: ET.Element | None = None
    group_type: str | None = None
    for d in details:
        kind = d.get("type", "other")
        if group is None or kind != group_type:
            group = w.el(x, "details", type=_DETAIL_TYPES.get(kind))
            group_type = kind
        assert group is not None
        pair = ET.SubElement(group, "nameValuePair")
        w.leaf(pair, "name", d["name"])
        w.leaf(pair, "value", d["value"])
