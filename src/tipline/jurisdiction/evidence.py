"""Evidence of where the people of a report are: one weighted Reason per fact that names a country.

Pure: a report's content (the dict of the report schema) in, the people with their reasons out. The
identifiers themselves (addresses, numbers) never leave this module; a Reason holds the kind, the role,
the country, the weight and why.

Whose evidence: reported persons are suspects; victims are victims, and so are intended recipients who
are minors (an adult recipient is not a victim, and where they are does not make a state competent).
Facts of the incident that name nobody (an upload address without uploader, internet details) count for
the first reported person. The provider's legal representative, its contact and the authorities it
reported to elsewhere (NCMEC for most) say where the provider is, not where the people are: not read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import phonenumbers

from tipline.jurisdiction import geo
from tipline.jurisdiction.decision import Reason

# Weights: how much one fact says about where a person lives or acts.
IP_EVENT_WEIGHT: dict[str, float] = {
    "upload": 3.0,  # the act itself, from where it was done
    "login": 2.0,
    "purchase": 2.0,
    "other": 1.0,
    "unknown": 1.0,
    "registration": 1.0,  # often years old: where the account began, not where the person is now
}
ADDRESS_WEIGHT = 2.5
LOCATION_WEIGHT = 1.5  # the provider's estimate (usually from addresses it saw)
LOCATION_VERIFIED_WEIGHT = 2.5
PHONE_WEIGHT = 2.0  # the number's country: travellers keep it, movers often do too
AUTHORITY_WEIGHT = 2.0  # an authority of that country served legal process on the provider

# Discounts: an address that is a proxy, VPN or data centre says little about the person.
PROXY_DISCOUNT = 0.1
# A location estimate that is unverified, of a person seen only through proxies: probably derived
# from those addresses.
DERIVED_LOCATION_DISCOUNT = 0.2

ADULT_AGE = 18


@dataclass
class Person:
    """One person of the report with the evidence of where they are."""

    role: str  # suspect | victim
    ref: str
    reasons: list[Reason] = field(default_factory=list)
    addresses_seen: set[tuple[str, str]] = field(default_factory=set)  # (ip, event) already counted


def collect(content: dict[str, Any]) -> tuple[list[Person], list[Reason]]:
    """The report's people with their evidence, and the report-level reasons (authorities)."""
    suspects = [_person("suspect", p) for p in content.get("reported_persons", [])]
    victims = [_person("victim", p) for p in content.get("victims", [])]
    victims += [_person("victim", p) for p in content.get("intended_recipients", []) if _minor(p)]
    people = {p.ref: p for p in (*suspects, *victims)}
    first = suspects[0] if suspects else None
    for f in content.get("files", []):
        event = f.get("upload_ip_event")
        if not event:
            continue
        owner = people.get(str(f.get("uploader_ref"))) or first
        if owner is not None:
            owner.reasons.extend(_ip_reasons(owner.role, [event], owner.addresses_seen))
    if first is not None:
        for d in content.get("internet_details", []):
            first.reasons.extend(_ip_reasons("suspect", d.get("ip_events", []), first.addresses_seen))
            first.reasons.extend(_address_reasons("suspect", d.get("addresses", [])))
            if d.get("phone_number"):
                first.reasons.extend(_phone_reasons("suspect", [{"number": d["phone_number"]}]))
    authority: list[Reason] = []
    le = content.get("law_enforcement") or {}
    code = geo.country(le.get("legal_process_country")) if le.get("legal_process_served") else None
    if code:
        authority.append(Reason("legal_process", "authority", code, AUTHORITY_WEIGHT))
    return [*suspects, *victims], authority


def _minor(person: dict[str, Any]) -> bool:
    age = person.get("age")
    if age is not None:
        return int(age) < ADULT_AGE
    span = person.get("age_range") or {}
    return span.get("max") is not None and int(span["max"]) < ADULT_AGE


def _person(role: str, p: dict[str, Any]) -> Person:
    events = list(p.get("ip_events", []))
    places = [geo.locate(str(e.get("ip"))) for e in events]
    located = [(e, place) for e, place in zip(events, places, strict=True) if place is not None]
    anonymous_only = bool(located) and all(e.get("possible_proxy") or place.hosting for e, place in located)
    person = Person(role, str(p.get("ref", "")))
    reasons = _ip_reasons(role, events, person.addresses_seen)
    reasons += _address_reasons(role, p.get("addresses", []))
    reasons += _phone_reasons(role, p.get("phones", []))
    location = p.get("estimated_location") or {}
    code = geo.country(location.get("country_code"))
    if code:
        if location.get("verified"):
            reasons.append(Reason("estimated_location", role, code, LOCATION_VERIFIED_WEIGHT, "verified"))
        elif anonymous_only:
            weight = LOCATION_WEIGHT * DERIVED_LOCATION_DISCOUNT
            note = "unverified, person seen only through proxies: discounted"
            reasons.append(Reason("estimated_location", role, code, weight, note))
        else:
            reasons.append(Reason("estimated_location", role, code, LOCATION_WEIGHT, "unverified"))
    person.reasons = reasons
    return person


def _ip_reasons(role: str, events: Iterable[dict[str, Any]], seen: set[tuple[str, str]]) -> list[Reason]:
    """One reason per address and event: the same address again (every file of one upload session,
    the same login each day) is the same fact, not more evidence."""
    out = []
    for e in events:
        kind = str(e.get("event") or "unknown")
        key = (str(e.get("ip")), kind)
        if key in seen:
            continue
        seen.add(key)
        place = geo.locate(key[0])
        if place is None:
            continue
        weight = IP_EVENT_WEIGHT.get(kind, IP_EVENT_WEIGHT["unknown"])
        notes = [f"{kind} address"]
        if e.get("possible_proxy"):
            weight *= PROXY_DISCOUNT
            notes.append("provider flags a possible proxy: discounted")
        elif place.hosting:
            weight *= PROXY_DISCOUNT
            notes.append(f"hosting/VPN network ({place.network}): discounted")
        out.append(Reason(f"{kind}_ip", role, place.country, weight, "; ".join(notes)))
    return out


def _address_reasons(role: str, addresses: Iterable[dict[str, Any]]) -> list[Reason]:
    codes = [geo.country(a.get("country")) for a in addresses]
    return [Reason("address", role, c, ADDRESS_WEIGHT) for c in codes if c]


def _phone_reasons(role: str, phones: Iterable[dict[str, Any]]) -> list[Reason]:
    out = []
    for ph in phones:
        code = phone_country(str(ph.get("number", "")), ph.get("country_calling_code"))
        if code:
            out.append(Reason("phone_country", role, code, PHONE_WEIGHT))
    return out


def phone_country(number: str, calling_code: str | None = None) -> str | None:
    """The country of a phone number: from its calling code (given, or written as +cc / 00cc).

    Validity is not required: a number the numbering plan does not know still carries its country
    code. Shared codes resolve to their main country (+1: the US), unless the number is valid and its
    region is known."""
    text = number.strip()
    digits = "".join(c for c in text if c.isdigit())
    code = "".join(c for c in (calling_code or "") if c.isdigit())
    if text.startswith("+"):
        raw = f"+{digits}"
    elif digits.startswith("00"):
        raw = f"+{digits[2:]}"
    elif code and digits.startswith(code):
        raw = f"+{digits}"
    elif code:
        raw = f"+{code}{digits.removeprefix('0')}"  # national form: drop the usual trunk prefix
    else:
        return None
    try:
        parsed = phonenumbers.parse(raw, None)
    except phonenumbers.NumberParseException:
        return None
    region = phonenumbers.region_code_for_number(parsed) if phonenumbers.is_valid_number(parsed) else None
    if not region and parsed.country_code:
        region = phonenumbers.region_code_for_country_code(parsed.country_code)
    return geo.country(region) if region and region != "001" else None
