"""Identifiers of reported persons, normalised so that the same mailbox, phone or device written
differently gives the same value. Pure; nothing here stores or logs an identifier.

- email: lower case, a ``+tag`` dropped; Gmail and Googlemail addresses without dots on gmail.com;
  with the letters of its local part (``mailbox_stem``) as weak evidence.
- phone: E.164 through ``phonenumbers`` (the number as written, its country calling code if given,
  else the person's country): the first valid reading, else the first of a possible length.
- device: type and value, lower case, spaces and dashes removed; all-zero ids (an advertising id with
  tracking turned off) are no identifier at all.
- account: the provider's own user id, within that provider (and its service, when named); accounts the
  provider lists as the same person's (``linked``, ``business``, ``creator``) count as the person's.
- screen: the handle, lower case, within the provider (``screen``) and across providers (``handle``,
  or ``handle_words`` for a handle without digits, which more people share).
- name: given and family name folded to lower-case ASCII, with the date of birth (``name_dob``).
- ip: a public address with its port (carrier-grade NAT shares one IPv4 address among subscribers, so
  without the port an address identifies nobody on a mobile network) and the hour it was seen; IPv6 by
  its /64. An address flagged as a possible proxy is skipped: it is the proxy's, not the person's.
- report: the report itself (its provider's id, tipline's id, its NCMEC copy) and the earlier reports
  a person's ``prior_reports`` cite, so that "we reported this user before" links to that report.
- file: the reported files' exact hashes, for the report's first reported person.
"""

from __future__ import annotations

import ipaddress
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import phonenumbers

from tipline.jurisdiction import geo  # offline geolocation: a pure lookup in bundled data

_GMAIL = ("gmail.com", "googlemail.com")


def email(address: str) -> str | None:
    text = address.strip().lower()
    local, at, domain = text.rpartition("@")
    if not at or not local or not domain:
        return None
    local = local.split("+", 1)[0]
    if domain in _GMAIL:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}" if local else None


def phone(number: str, calling_code: str | None = None, country: str | None = None) -> str | None:
    text = number.strip()
    digits = "".join(c for c in text if c.isdigit())
    if not digits:
        return None
    candidates: list[tuple[str, str | None]] = []
    if text.startswith("+"):
        candidates.append((f"+{digits}", None))
    elif digits.startswith("00"):
        candidates.append((f"+{digits[2:]}", None))
    else:
        code = "".join(c for c in (calling_code or "") if c.isdigit())
        if code:
            national_region = phonenumbers.region_code_for_country_code(int(code))
            if digits.startswith(code):
                candidates.append((f"+{digits}", None))  # international digits without the +
            candidates.append((text, national_region))  # national form with its trunk prefix
            candidates.append((f"+{code}{digits}", None))
        elif country:
            candidates.append((text, country.upper()))
    possible: str | None = None
    for raw, region in candidates:
        try:
            parsed = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        if (
            possible is None
            and phonenumbers.is_possible_number(parsed)
            and (parsed.national_number or 0) >= 10**6
        ):
            possible = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    # a number outside the allocated ranges (a virtual number, a reserved fiction range) still
    # identifies whoever uses it: the first reading of the right length, when no reading is valid
    return possible


# advertising ids are random UUIDs whatever the platform calls them: one key, whichever type is written
_ADVERTISING = frozenset({"aaid", "gaid", "adid", "idfa", "advertisingid", "advertising_id"})


def device(kind: str, value: str) -> str | None:
    cleaned = "".join(c for c in value.lower() if c.isalnum())
    if not cleaned.strip("0"):
        return None
    label = kind.strip().lower()
    return f"{'adid' if label in _ADVERTISING else label}:{cleaned}"


def handle_stem(screen: str) -> str:
    """A handle without what renames add: "real_", "the", ".official", trailing digits and
    separators ("Real_Sunny.87_" -> "sunny"). Only used as weak evidence."""
    stem = folded(screen)
    for prefix in ("real", "the", "its", "im", "x"):
        if stem.startswith(prefix) and len(stem) > len(prefix) + 3:
            stem = stem[len(prefix) :]
    for suffix in ("official", "x"):
        if stem.endswith(suffix) and len(stem) > len(suffix) + 3:
            stem = stem[: -len(suffix)]
    return stem.rstrip("0123456789")


def folded(text: str) -> str:
    """Lower case, accents removed, only letters and digits: "Zoë O'Brien" -> "zoeobrien"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


HOUR = 3600


def ip_hour(address: str, port: int | None, at: str | None) -> tuple[str, int] | None:
    """(the address as linked, the hour it was seen) for a public address with a time; None otherwise.
    IPv4 keeps its port ("-" without one), IPv6 becomes its /64."""
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return None
    if not ip.is_global or not at:
        return None
    try:
        seen = datetime.fromisoformat(at)
    except ValueError:
        return None
    if seen.tzinfo is None:
        return None
    hour = int(seen.timestamp()) // HOUR
    if ip.version == 6:
        net = ipaddress.ip_network(f"{ip}/64", strict=False)
        return f"{net.network_address}/64", hour
    return f"{ip}:{port if port is not None else '-'}", hour


def _country_of(person: dict[str, Any]) -> str | None:
    for address in person.get("addresses", []):
        if address.get("country"):
            return str(address["country"])
    location = person.get("estimated_location") or {}
    return location.get("country_code")


_SAME_PERSON_ACCOUNTS = ("linked", "business", "creator")


def _account(provider_id: str, identity: dict[str, Any]) -> str | None:
    uid = identity.get("provider_user_id")
    if not uid:
        return None
    service = folded(identity.get("service") or "")
    return f"{provider_id}:{service}:{uid}" if service else f"{provider_id}:{uid}"


def mailbox_stem(address: str) -> str:
    """The letters of a mailbox's local part ("lea.muller7338" -> "leamuller"): people's second
    mailboxes often repeat the first one's name. Weak evidence only."""
    return "".join(c for c in folded(address.partition("@")[0]) if c.isalpha())


def _contacts(identity: dict[str, Any], country: str | None) -> Iterator[tuple[str, str]]:
    for e in identity.get("emails", []):
        value = email(e.get("address", ""))
        if value:
            yield "email", value
            stem = mailbox_stem(value)
            if len(stem) >= 6:
                yield "mailbox_stem", stem
    for p in identity.get("phones", []):
        value = phone(p.get("number", ""), p.get("country_calling_code"), country)
        if value:
            yield "phone", value


def of_person(person: dict[str, Any], provider_id: str) -> Iterator[tuple[str, str]]:
    """(kind, normalised value) of every identifier of a reported person, except IP events and
    reports (see ``ip_events`` and ``cited_reports``)."""
    account = _account(provider_id, person)
    if account:
        yield "account", account
    country = _country_of(person)
    yield from _contacts(person, country)
    for d in person.get("device_ids", []):
        value = device(d.get("type", ""), d.get("value", ""))
        if value:
            yield "device", value
    screen = folded(person.get("screen_name") or "")
    if screen:
        yield "screen", f"{provider_id}:{screen}"
        # "felix.fox" is many people's; "felix.fox84" fewer: a handle without digits counts for less
        yield ("handle" if any(c.isdigit() for c in screen) else "handle_words"), screen
        stem = handle_stem(person["screen_name"])
        if len(stem) >= 5:
            yield "handle_stem", stem
    first, last = folded(person.get("first_name") or ""), folded(person.get("last_name") or "")
    if first and last and person.get("date_of_birth"):
        yield "name_dob", f"{first}|{last}|{person['date_of_birth']}"
    for other in person.get("associated_accounts", []):
        if other.get("account_type", "other") not in _SAME_PERSON_ACCOUNTS:
            continue
        account = _account(provider_id, other)
        if account:
            yield "account", account
        yield from _contacts(other, country)


def countries(person: dict[str, Any], provider_id: str) -> set[str]:
    """Countries the person is placed in: phone numbers' countries, addresses, the provider's
    estimated location unless marked unverified, and where their addresses geolocate (offline; not
    proxies, hosting or VPN networks). Compared between mentions, never looked up."""
    found = {str(a["country"]).upper() for a in person.get("addresses", []) if a.get("country")}
    for event in person.get("ip_events", []):
        place = None if event.get("possible_proxy") else geo.locate(str(event.get("ip", "")))
        if place is not None and not place.hosting:
            found.add(place.country)
    location = person.get("estimated_location") or {}
    if location.get("country_code") and location.get("verified") is not False:
        found.add(str(location["country_code"]).upper())
    for kind, value in _contacts(person, _country_of(person)):
        if kind == "phone":
            region = phonenumbers.region_code_for_number(phonenumbers.parse(value))
            if region and region != "ZZ":
                found.add(region)
    return found


def ip_events(person: dict[str, Any]) -> Iterator[tuple[str, int]]:
    """(address as linked, hour) of the person's IP events, proxies skipped."""
    for event in person.get("ip_events", []):
        if event.get("possible_proxy"):
            continue
        found = ip_hour(event.get("ip", ""), event.get("port"), event.get("at"))
        if found:
            yield found


def cited_reports(person: dict[str, Any], provider_id: str) -> Iterator[str]:
    """The earlier reports a person's ``prior_reports`` name, as ``report`` values."""
    for prior in person.get("prior_reports", []):
        system, rid = prior.get("system"), str(prior.get("id", "")).strip()
        if not rid:
            continue
        if system == "tipline":
            yield f"tipline:{rid.lower()}"  # tipline's own id of the report, or ...
            yield f"{provider_id}:{rid}"  # ... the provider's id of its earlier report
        else:
            yield f"{system}:{rid}"


def own_reports(
    report_id: str, provider_id: str, provider_report_id: str, content: dict[str, Any]
) -> Iterator[str]:
    """The names this report goes by, as ``report`` values: tipline's id, the provider's, its NCMEC copy."""
    yield f"tipline:{report_id.lower()}"
    yield f"{provider_id}:{provider_report_id}"
    for copy in (content.get("flags") or {}).get("reported_elsewhere", []):
        if str(copy.get("authority", "")).upper() == "NCMEC" and copy.get("reference"):
            yield f"ncmec:{copy['reference']}"


def file_hashes(content: dict[str, Any]) -> Iterator[str]:
    """The reported files' exact hashes (SHA-256, else MD5): the same picture in two reports. Known
    material shared by many people soon becomes too common to link anyone; material few have is what
    links."""
    for f in content.get("files", []):
        hashes = f.get("hashes") or {}
        for kind in ("sha256", "md5"):
            if hashes.get(kind):
                yield f"{kind}:{str(hashes[kind]).lower()}"
                break


@dataclass(frozen=True)
class Mention:
    """One reported person of one report, with the (kind, value) pairs it is stored under and the ones
    it looks for (an IP event looks in the hours either side too)."""

    ref: str
    lead: bool
    account: str | None
    stored: frozenset[tuple[str, str]]
    wanted: frozenset[tuple[str, str]]


def mentions(
    content: dict[str, Any], *, report_id: str, provider_id: str, provider_report_id: str
) -> list[Mention]:
    """Every reported person of a report as a Mention. The first is the lead: the report itself and its
    NCMEC copy name that person."""
    out = []
    for i, person in enumerate(content.get("reported_persons", [])):
        stored = set(of_person(person, provider_id))
        wanted = set(stored)
        for address, hour in ip_events(person):
            stored.add(("ip", f"{address}@{hour}"))
            wanted.update(("ip", f"{address}@{h}") for h in (hour - 1, hour, hour + 1))
        stored |= {("country", c) for c in countries(person, provider_id)}  # compared, not looked up
        cited = {("report", r) for r in cited_reports(person, provider_id)}
        wanted |= cited
        stored |= cited  # two reports citing the same earlier one are about the same person
        if i == 0:
            own = {("report", r) for r in own_reports(report_id, provider_id, provider_report_id, content)}
            files = {("file", f) for f in file_hashes(content)}
            stored |= own | files
            wanted |= own | files
        out.append(
            Mention(
                ref=str(person.get("ref") or f"#{i}"),
                lead=i == 0,
                account=_account(provider_id, person),
                stored=frozenset(stored),
                wanted=frozenset(wanted),
            )
        )
    return out
