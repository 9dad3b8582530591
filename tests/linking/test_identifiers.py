"""Identifiers as linking sees them: advertising ids, handles, IP events, countries, cited reports."""

from __future__ import annotations

from tipline.linking import identifiers as ids


def test_advertising_ids_are_one_kind_and_zeros_are_nothing() -> None:
    uuid = "4067202B-4647-492F-A9E5-E3EB4D6420B3"
    assert (
        ids.device("AAID", uuid)
        == ids.device("IDFA", uuid.lower())
        == f"adid:{uuid.replace('-', '').lower()}"
    )
    assert ids.device("IDFA", "00000000-0000-0000-0000-000000000000") is None
    assert ids.device("IMEI", "35-209900-176148-1") == "imei:352099001761481"


def test_handle_stems_undo_renames() -> None:
    assert ids.handle_stem("real_sunny_louis87") == ids.handle_stem("sunny.louis87_") == "sunnylouis"
    assert ids.handle_stem("chloeangel.official") == "chloeangel"
    assert ids.handle_stem("Zoë_87") == "zoe"


def test_ip_events_keep_the_port_and_the_hour() -> None:
    assert ids.ip_hour("84.128.1.2", 40000, "2026-01-02T03:59:00Z") == ("84.128.1.2:40000", 490923)
    assert ids.ip_hour("84.128.1.2", None, "2026-01-02T04:00:00+01:00") == ("84.128.1.2:-", 490923)
    assert ids.ip_hour("2a01:cb02:5282:a149:d482:e16a:13f1:8a66", None, "2026-01-02T03:00:00Z") == (
        "2a01:cb02:5282:a149::/64",
        490923,
    )
    assert ids.ip_hour("10.1.2.3", None, "2026-01-02T03:00:00Z") is None  # private: nobody's
    assert ids.ip_hour("84.128.1.2", None, None) is None  # no time: CGNAT makes it nobody's
    assert ids.ip_hour("84.128.1.2", None, "2026-01-02T03:00:00") is None  # no zone: which hour?
    assert ids.ip_hour("not an ip", None, "2026-01-02T03:00:00Z") is None
    person = {
        "ip_events": [
            {"ip": "84.128.1.2", "at": "2026-01-02T03:00:00Z", "possible_proxy": True},
            {"ip": "84.128.1.3", "at": "2026-01-02T03:00:00Z"},
        ]
    }
    assert list(ids.ip_events(person)) == [("84.128.1.3:-", 490923)]


def test_countries_of_a_person() -> None:
    person = {
        "phones": [{"number": "+49 151 23456789"}],
        "addresses": [{"country": "at"}],
        "estimated_location": {"country_code": "NL", "verified": False},  # unverified: a VPN's exit?
        "ip_events": [
            {"ip": "90.0.0.1", "at": "2026-01-02T03:00:00Z"},  # Orange, France
            {"ip": "82.64.0.1", "at": "2026-01-02T03:00:00Z", "possible_proxy": True},
            {"ip": "167.99.0.1", "at": "2026-01-02T03:00:00Z"},  # DigitalOcean: hosting
        ],
    }
    assert ids.countries(person, "p") == {"DE", "AT", "FR"}


def test_a_mailbox_name_is_its_letters() -> None:
    assert ids.mailbox_stem("lea.muller7338@webpost.example") == "leamuller"
    assert ids.mailbox_stem("Zoë_O.Brien_2@x.example") == "zoeobrien"


def test_mentions_name_the_report_and_the_reports_they_cite() -> None:
    content = {
        "flags": {"reported_elsewhere": [{"authority": "NCMEC", "reference": "12345"}]},
        "reported_persons": [
            {"ref": "u1", "provider_user_id": "7", "prior_reports": [{"system": "ncmec", "id": "999"}]},
            {"ref": "u2", "screen_name": "Other_One"},
        ],
    }
    lead, second = ids.mentions(content, report_id="R", provider_id="P", provider_report_id="r-1")
    assert lead.lead
    assert not second.lead
    assert {("report", "tipline:r"), ("report", "P:r-1"), ("report", "ncmec:12345")} <= lead.stored
    assert ("report", "ncmec:999") in lead.wanted
    assert ("account", "P:7") in lead.stored
    assert lead.account == "P:7"
    assert ("screen", "P:otherone") in second.stored
    assert ("handle_words", "otherone") in second.stored
    assert not any(kind == "report" for kind, _ in second.stored)


def test_an_ip_event_looks_in_the_neighbouring_hours() -> None:
    content = {
        "reported_persons": [{"ref": "u1", "ip_events": [{"ip": "84.128.1.2", "at": "2026-01-02T03:00:00Z"}]}]
    }
    (m,) = ids.mentions(content, report_id="R", provider_id="P", provider_report_id="r")
    assert ("ip", "84.128.1.2:-@490923") in m.stored
    assert {("ip", f"84.128.1.2:-@{h}") for h in (490922, 490923, 490924)} <= m.wanted
