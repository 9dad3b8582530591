"""Identifiers of reported persons, normalised so that the same mailbox, phone or device written
differently gives the same value. Pure; nothing here stores or logs an identifier.

- email: lower case, a ``+tag`` dropped; Gmail and Googlemail addresses without dots on gmail.com.
- phone: E.164 through ``phonenumbers`` (the number as written, its country calling code if given,
  else the person's country), only when it is a possible number.
- device: type and value, lower case, spaces and dashes removed.
- account: the provider's own user id, within that provider.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import phonenumbers

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
    for raw, region in candidates:
        try:
            parsed = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return None


def device(kind: str, value: str) -> str | None:
    cleaned = "".join(c for c in value.lower() if c.isalnum())
    return f"{kind.strip().lower()}:{cleaned}" if cleaned else None


def _country_of(person: dict[str, Any]) -> str | None:
    for address in person.get("addresses", []):
        if address.get("country"):
            return str(address["country"])
    location = person.get("estimated_location") or {}
    return location.get("country_code")


def of_person(person: dict[str, Any], provider_id: str) -> Iterator[tuple[str, str]]:
    """(kind, normalised value) of every identifier of a reported person."""
    if person.get("provider_user_id"):
        yield "account", f"{provider_id}:{person['provider_user_id']}"
    for e in person.get("emails", []):
        value = email(e.get("address", ""))
        if value:
            yield "email", value
    country = _country_of(person)
    for p in person.get("phones", []):
        value = phone(p.get("number", ""), p.get("country_calling_code"), country)
        if value:
            yield "phone", value
    for d in person.get("device_ids", []):
        value = device(d.get("type", ""), d.get("value", ""))
        if value:
            yield "device", value
