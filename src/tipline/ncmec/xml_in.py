"""CyberTipline XML into tipline's report model: ``<report>`` to ReportCreate, ``<fileDetails>`` to a
file declaration.

Every element the model has a place for is mapped (docs/ncmec-xml.md); every element or attribute
that is not read here is kept verbatim in ``source.unmapped`` with its path, so nothing is lost.
EU elements the NCMEC format lacks come from tipline's extension namespace (``tl:``); when absent they
are listed in ``source.missing_eu`` and any value tipline had to fill in is listed in
``source.derived``.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from tipline.ncmec import spec
from tipline.ncmec.reading import (
    Limits,
    address,
    attr,
    clean,
    device_id,
    email,
    every,
    first,
    flags_of,
    ip_event,
    join,
    one,
    ordered,
    path_of,
    phone,
    to_model,
    unread,
    val,
    vals,
)
from tipline.ncmec.safexml import Node, parse
from tipline.ncmec.spec import SchemaViolation
from tipline.ncmec.structure import REPORT
from tipline.reports.schemas import ReportCreate

__all__ = ["Limits", "report_from_xml"]


SOLICITATION_TYPES = {"online_enticement", "child_sex_trafficking", "child_sex_tourism"}


@dataclass
class Mapper:
    """Maps one document; ``where`` records the XML path of each JSON pointer for error messages."""

    provider_name: str
    where: dict[str, str] = field(default_factory=dict)
    derived: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def note(self, pointer: str, n: Node | None) -> None:
        if n is not None:
            self.where[pointer] = n.path

    # --- report ---------------------------------------------------------------------------------------

    def report(self, root: Node) -> dict[str, Any]:
        root.used = True
        ext = one(root, "tl:report")
        summary = one(root, "incidentSummary")
        self.note("", root)
        self.note("/incident", summary)
        data = clean(
            {
                "provider_report_id": val(ext, "tl:providerReportId") or f"ispws-{uuid.uuid4().hex}",
                "submitted_at": val(ext, "tl:submittedAt"),
                "signature": self.signature(one(ext, "tl:signature")),
                "legal_representative": self.legal_rep(one(ext, "tl:legalRepresentative")),
                "legal_basis": self.legal_basis(ext),
                "incident": self.incident(summary, ext),
                "service": self.service(summary, ext),
                "detection": self.detection(one(ext, "tl:detection")),
                "flags": self.flags(summary, ext),
                "annotations": ordered(
                    flags_of(one(summary, "reportAnnotations"), spec.REPORT_ANNOTATIONS),
                    vals(ext, "tl:annotation"),
                ),
                "batch": self.batch(one(root, "batchedReport")),
                "reported_persons": self.people(
                    "reported_persons",
                    [n for n in [one(root, "personOrUserReported")] if n is not None]
                    + every(root, "tl:reportedPerson"),
                    "personOrUserReportedPerson",
                    "reported",
                ),
                "intended_recipients": self.people(
                    "intended_recipients",
                    every(root, "intendedRecipient"),
                    "intendedRecipientPerson",
                    "recipient",
                ),
                "victims": self.people("victims", every(root, "victim"), "victimPerson", "victim"),
                "texts": [self.text(i, n) for i, n in enumerate(every(ext, "tl:text"))],
                "internet_details": [
                    self.internet(i, n) for i, n in enumerate(every(root, "internetDetails"))
                ],
                "reporter": self.reporter(one(root, "reporter")),
                "law_enforcement": self.law_enforcement(one(root, "lawEnforcement")),
                "additional_info": val(root, "additionalInfo"),
                "extensions": self.extensions(one(ext, "tl:extensions")),
            }
        )
        if data.get("legal_representative") is None:
            self.missing.append("legal_representative")
        return data

    def signature(self, n: Node | None) -> dict[str, Any] | None:
        if n is None:
            return None
        return clean({"algorithm": attr(n, "algorithm"), "key_id": attr(n, "keyId"), "value": n.value})

    def legal_rep(self, n: Node | None) -> dict[str, Any] | None:
        if n is None:
            return None
        self.note("/legal_representative", n)
        addr = one(n, "tl:address")
        return clean(
            {
                "name": val(n, "tl:name"),
                "email": val(n, "tl:email"),
                "phone": val(n, "tl:phone"),
                "address": None if addr is None else address(addr),
            }
        )

    def legal_basis(self, ext: Node | None) -> str | None:
        basis = val(ext, "tl:legalBasis")
        if basis is None:
            self.derived.append("/legal_basis")
            self.missing.append("legal_basis")
        return basis  # type: ignore[no-any-return]

    def incident(self, summary: Node | None, ext: Node | None) -> dict[str, Any]:
        given: list[str] = []
        derived: list[str] = []
        for n in every(summary, "incidentType"):
            (derived if attr(n, "tl:derived") else given).append(spec.INCIDENT_TYPES[n.value])
        categories = vals(ext, "tl:incidentCategory")
        if not categories:
            kinds = given + derived
            categories = sorted(
                {"solicitation" if k in SOLICITATION_TYPES else "new_material" for k in kinds}
            )
            self.derived.append("/incident/categories")
            self.missing.append("incident.categories")
        return clean(
            {
                "categories": categories,
                "ncmec_types": given,
                "time": val(summary, "incidentDateTime"),
                "time_description": val(summary, "incidentDateTimeDescription"),
            }
        )

    def service(self, summary: Node | None, ext: Node | None) -> dict[str, Any]:
        name = val(summary, "platform")
        if name is None:
            name = self.provider_name
            self.derived.append("/service/name")
        kind = val(ext, "tl:serviceType")
        if kind is None:
            self.derived.append("/service/type")
        self.note("/service/type", one(ext, "tl:serviceType"))
        return clean({"name": name, "type": kind, "url": val(ext, "tl:serviceUrl")})

    def detection(self, n: Node | None) -> dict[str, Any] | None:
        if n is None:
            return None
        self.note("/detection", n)
        return clean(
            {
                "basis": vals(n, "tl:basis"),
                "detail": val(n, "tl:detail"),
                "detection_order_ref": val(n, "tl:detectionOrderRef"),
            }
        )

    def flags(self, summary: Node | None, ext: Node | None) -> dict[str, Any]:
        escalate = val(summary, "escalateToHighPriority")
        removed, disabled, account = (
            one(ext, f"tl:{k}") for k in ("contentRemoved", "contentDisabled", "accountDisabled")
        )
        if removed is None and disabled is None:
            self.missing.append("flags.content_removed")
        elsewhere = every(ext, "tl:reportedElsewhere")
        if not elsewhere:
            self.missing.append("flags.reported_elsewhere")
        self.note("/flags", ext)
        return clean(
            {
                "urgent": True if escalate else None,
                "urgent_reason": escalate or val(ext, "tl:urgentReason"),
                "content_removed": None if removed is None else removed.value,
                "content_removed_at": attr(removed, "at"),
                "content_disabled": None if disabled is None else disabled.value,
                "content_disabled_at": attr(disabled, "at"),
                "account_disabled": None if account is None else account.value,
                "account_disabled_at": attr(account, "at"),
                "reported_elsewhere": [
                    clean(
                        {
                            "authority": attr(n, "authority"),
                            "country": attr(n, "country"),
                            "reference": attr(n, "reference"),
                            "reported_at": attr(n, "reportedAt"),
                        }
                    )
                    for n in elsewhere
                ],
            }
        )

    def batch(self, n: Node | None) -> dict[str, Any] | None:
        if n is None:
            return None
        attr(n, "reason")
        return clean({"reason": "viral_potential_meme", "incident_count": attr(n, "tl:incidentCount")})

    def extensions(self, n: Node | None) -> dict[str, Any] | None:
        if n is None or n.value is None:
            return None
        try:
            loaded = json.loads(n.value)
        except ValueError:
            raise SchemaViolation(n.path, "not a JSON object") from None
        if not isinstance(loaded, dict):
            raise SchemaViolation(n.path, "not a JSON object")
        return loaded

    # --- people ---------------------------------------------------------------------------------------

    def people(self, group: str, nodes: list[Node], person_tag: str, prefix: str) -> list[dict[str, Any]]:
        out = []
        for i, n in enumerate(nodes):
            self.note(f"/{group}/{i}", n)
            out.append(self.person(n, person_tag, f"{prefix}-{i + 1}"))
        return out

    def person(self, n: Node, person_tag: str, default_ref: str) -> dict[str, Any]:
        p = one(n, person_tag)
        temp, perm = one(n, "accountTemporarilyDisabled"), one(n, "accountPermanentlyDisabled")
        age_range = one(n, "tl:ageRange")
        prior_ct = [{"system": "ncmec", "id": str(v)} for v in vals(n, "priorCTReports")]
        prior_tl = [{"system": attr(x, "system"), "id": x.value} for x in every(n, "tl:priorReport")]
        location = one(n, "estimatedLocation")
        return clean(
            {
                "ref": val(n, "tl:ref") or default_ref,
                "provider_user_id": val(n, "espIdentifier"),
                "service": val(n, "espService"),
                "screen_name": val(n, "screenName"),
                "display_names": vals(n, "displayName"),
                "profile_urls": vals(n, "profileUrl"),
                "emails": [email(e) for e in every(p, "email")],
                "phones": [phone(e) for e in every(p, "phone")],
                "first_name": val(p, "firstName"),
                "last_name": val(p, "lastName"),
                "profile_bio": val(n, "profileBio"),
                "date_of_birth": val(p, "dateOfBirth"),
                "age": val(p, "age"),
                "age_range": None
                if age_range is None
                else {"min": attr(age_range, "min"), "max": attr(age_range, "max")},
                "sex": val(n, "tl:sex"),
                "addresses": [address(a) for a in every(p, "address")],
                "estimated_location": None
                if location is None
                else clean(
                    {
                        "city": val(location, "city"),
                        "region": val(location, "region"),
                        "country_code": val(location, "countryCode"),
                        "verified": attr(location, "verified"),
                        "at": attr(location, "timestamp"),
                    }
                ),
                "ip_events": [ip_event(e) for e in every(n, "ipCaptureEvent")],
                "device_ids": [device_id(e) for e in every(n, "deviceId")],
                "prior_reports": prior_tl
                if any(r["system"] == "ncmec" for r in prior_tl)
                else prior_ct + prior_tl,
                "associated_accounts": [
                    self.associated(a)
                    for a in every(n, "associatedAccount") + every(n, "tl:associatedAccount")
                ],
                "group_identifier": val(n, "groupIdentifier") or val(n, "tl:groupIdentifier"),
                "compromised_account": val(n, "compromisedAccount"),
                "account_status": self.account_status(temp, perm),
                "third_party_user": first(val(n, "thirdPartyUserReported"), val(n, "tl:thirdPartyUser")),
                "school_name": val(n, "schoolName") or val(n, "tl:schoolName"),
                "vehicle_description": val(n, "vehicleDescription") or val(n, "tl:vehicleDescription"),
                "additional_info": val(n, "additionalInfo"),
            }
        )

    def account_status(self, temp: Node | None, perm: Node | None) -> dict[str, Any] | None:
        if temp is None and perm is None:
            return None

        def both(name: str) -> Any:
            return first(attr(perm, name), attr(temp, name))

        return clean(
            {
                "temporarily_disabled": bool(temp is not None and temp.value),
                "permanently_disabled": bool(perm is not None and perm.value),
                "disabled_at": both("disabledDate"),
                "user_notified": both("userNotified"),
                "user_notified_at": both("userNotifiedDate"),
                "reenabled_at": attr(temp, "reenabledDate"),
            }
        )

    def associated(self, n: Node) -> dict[str, Any]:
        kind = first(attr(n, "accountType"), attr(n, "type"))
        return clean(
            {
                "account_type": None if kind is None else spec.ACCOUNT_TYPES[kind],
                "provider_user_id": val(n, "espIdentifier"),
                "service": val(n, "espService"),
                "screen_name": val(n, "screenName"),
                "display_names": vals(n, "displayName"),
                "profile_urls": vals(n, "profileUrl"),
                "emails": [email(e) for e in every(n, "email")],
                "phones": [phone(e) for e in every(n, "phone")],
                "approximate_age": val(n, "approximateAge"),
                "age_assertion_discrepancy": val(n, "ageAssertionDiscrepancy"),
            }
        )

    # --- the rest -------------------------------------------------------------------------------------

    def text(self, i: int, n: Node) -> dict[str, Any]:
        self.note(f"/texts/{i}", n)
        return clean(
            {
                "ref": attr(n, "ref"),
                "kind": attr(n, "kind"),
                "language": attr(n, "language"),
                "author_ref": attr(n, "authorRef"),
                "at": attr(n, "at"),
                "content": val(n, "tl:content"),
                "messages": [
                    clean({"sender_ref": attr(m, "senderRef"), "sent_at": attr(m, "sentAt"), "text": m.value})
                    for m in every(n, "tl:message")
                ],
            }
        )

    def internet(self, i: int, n: Node) -> dict[str, Any]:
        self.note(f"/internet_details/{i}", n)
        n.used = True
        x = next(c for c in n.children if not c.foreign)
        x.used = True
        common = {
            "content": val(x, "content"),
            "additional_info": val(x, "additionalInfo"),
            "third_party_hosted": first(attr(x, "thirdPartyHostedContent"), val(x, "tl:thirdPartyHosted")),
        }
        kinds: dict[str, dict[str, Any]] = {
            "webPageIncident": {"kind": "web_page", "urls": vals(x, "url")},
            "emailIncident": {
                "kind": "email",
                "email_addresses": [e.value for e in every(x, "emailAddress")],
            },
            "newsgroupIncident": {
                "kind": "newsgroup",
                "newsgroup": val(x, "name"),
                "email_addresses": [e.value for e in every(x, "emailAddress")],
            },
            "chatImIncident": {
                "kind": "chat_im",
                "chat_client": val(x, "chatClient"),
                "chat_room": val(x, "chatRoomName"),
            },
            "onlineGamingIncident": {
                "kind": "online_gaming",
                "game_name": val(x, "gameName"),
                "console": val(x, "console"),
            },
            "cellPhoneIncident": {
                "kind": "cell_phone",
                "phone_number": val(x, "phoneNumber"),
                "latitude": val(x, "latitude"),
                "longitude": val(x, "longitude"),
            },
            "nonInternetIncident": {
                "kind": "non_internet",
                "location_name": val(x, "locationName"),
                "addresses": [address(a) for a in every(x, "incidentAddress")],
            },
            "peer2peerIncident": {
                "kind": "peer_to_peer",
                "p2p_client": val(x, "client"),
                "ip_events": [ip_event(e) for e in every(x, "ipCaptureEvent")],
                "file_names": vals(x, "fileNames"),
            },
        }
        return clean({**kinds[x.tag], **common})

    def reporter(self, n: Node | None) -> dict[str, Any] | None:
        if n is None:
            return None
        self.note("/reporter", n)
        p = one(n, "reportingPerson")
        if attr(n, "tl:absent"):
            return None
        first_email, first_phone = one(p, "email"), one(p, "phone")
        return clean(
            {
                "name": join(val(p, "firstName"), val(p, "lastName")),
                "email": None if first_email is None else first_email.value,
                "phone": None if first_phone is None else first_phone.value,
                "legal_process_info": val(n, "companyTemplate"),
                "terms_of_service": val(n, "termsOfService"),
            }
        )

    def law_enforcement(self, n: Node | None) -> dict[str, Any] | None:
        if n is None:
            return None
        self.note("/law_enforcement", n)
        domestic = val(n, "servedLegalProcessDomestic")
        international = one(n, "servedLegalProcessInternational")
        served = [
            v for v in (domestic, None if international is None else international.value) if v is not None
        ]
        return clean(
            {
                "agency_name": val(n, "agencyName"),
                "case_number": val(n, "caseNumber"),
                "officer_contact": _contact(one(n, "officerContact")),
                "reported_to_le": val(n, "reportedToLe"),
                "legal_process_served": any(served) if served else None,
                "legal_process_country": attr(international, "fleaCountry"),
            }
        )


def _contact(n: Node | None) -> str | None:
    if n is None:
        return None
    name = join(val(n, "firstName"), val(n, "lastName"))
    rest = [e.value for e in every(n, "email")] + [e.value for e in every(n, "phone")]
    if n.attrs or [c.tag for c in n.children] != ["lastName"]:
        n.used = False  # the text below does not keep its structure: the element is kept verbatim too
    return ", ".join([p for p in [name, *rest] if p]) or None


def report_from_xml(raw: bytes, limits: Limits, provider_name: str) -> ReportCreate:
    """Parse, validate and map a ``<report>``. MalformedXml (4110) or SchemaViolation (4100)."""
    root = spec.validate(parse(raw, max_depth=limits.max_depth, max_elements=limits.max_elements), REPORT)
    mapper = Mapper(provider_name)
    data = mapper.report(root)
    data["finish"] = False
    data["source"] = clean(
        {
            "format": "ncmec_xml",
            "unmapped": unread(root),
            "derived": mapper.derived,
            "missing_eu": mapper.missing,
        }
    )
    report: ReportCreate = to_model(ReportCreate, data, mapper.where, root.path)
    problems = report.reference_errors()
    if problems:
        pointer, message = problems[0]
        raise SchemaViolation(path_of(pointer, mapper.where, root.path), message)
    return report
