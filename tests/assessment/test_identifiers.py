"""Identifier normalisation for linking: the same mailbox, phone or device written differently."""

from __future__ import annotations

import pytest

from tipline.linking import identifiers


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Sunny.Day@example.com", "sunny.day@example.com"),
        ("SUNNY.DAY@EXAMPLE.COM", "sunny.day@example.com"),
        ("sunny.day+chat@example.com", "sunny.day@example.com"),
        ("s.u.n.n.y@gmail.com", "sunny@gmail.com"),
        ("sunny+x@googlemail.com", "sunny@gmail.com"),
        ("not-an-address", None),
        ("@example.com", None),
    ],
)
def test_email(written: str, expected: str | None) -> None:
    assert identifiers.email(written) == expected


@pytest.mark.parametrize(
    ("number", "code", "country"),
    [
        ("+49 151 23456789", None, None),
        ("+4915123456789", None, None),
        ("004915123456789", "+49", None),
        ("0151 23456789", "+49", None),
        ("015123456789", "49", None),
        ("4915123456789", "49", None),
        ("0151 23456789", None, "DE"),
    ],
)
def test_phone_styles_agree(number: str, code: str | None, country: str | None) -> None:
    assert identifiers.phone(number, code, country) == "+4915123456789"


def test_phone_without_a_country_or_valid_number() -> None:
    assert identifiers.phone("0151 23456789") is None  # no way to tell the country
    assert identifiers.phone("+49 12") is None
    assert identifiers.phone("call me") is None


def test_device_and_person() -> None:
    assert identifiers.device("IMEI", "49-015420-323751-8") == identifiers.device("imei", "490154203237518")
    person = {
        "provider_user_id": "u1",
        "emails": [{"address": "A.B@gmail.com"}],
        "phones": [{"number": "0151 23456789"}],
        "addresses": [{"country": "DE"}],
        "device_ids": [{"type": "IDFA", "value": "ab-cd"}],
    }
    assert sorted(identifiers.of_person(person, "p1")) == [
        ("account", "p1:u1"),
        ("device", "adid:abcd"),
        ("email", "ab@gmail.com"),
        ("phone", "+4915123456789"),
    ]
