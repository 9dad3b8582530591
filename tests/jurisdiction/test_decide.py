"""The pure decision: each kind of evidence, the discounts, the routes, the certainty."""

from __future__ import annotations

from typing import Any

import pytest

from tipline.jurisdiction import geo
from tipline.jurisdiction.decide import MIN_CERTAINTY, decide
from tipline.jurisdiction.evidence import phone_country

DE, FR, ES, US, GB = "79.192.1.2", "90.0.1.2", "83.32.1.2", "73.1.2.3", "86.128.1.2"
HETZNER_DE, M247 = "88.198.3.4", "37.120.193.5"


def ip(address: str, event: str = "login", **extra: Any) -> dict[str, Any]:
    return {"ip": address, "event": event, **extra}


def report(*suspects: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"reported_persons": list(suspects), **extra}


def suspect(ref: str = "u1", **fields: Any) -> dict[str, Any]:
    return {"ref": ref, **fields}


def child(ref: str = "v1", country: str = "FR", age: int = 13) -> dict[str, Any]:
    return {"ref": ref, "age": age, "estimated_location": {"country_code": country}}


class TestGeo:
    def test_home_networks_and_hosting(self) -> None:
        home = geo.locate(DE)
        assert home is not None
        assert (home.country, home.hosting) == ("DE", False)
        hosted = geo.locate(HETZNER_DE)
        assert hosted is not None
        assert (hosted.country, hosted.hosting) == ("DE", True)
        assert geo.locate("10.1.2.3") is None
        assert geo.locate("not an address") is None

    def test_territories_count_as_their_member_state(self) -> None:
        assert geo.country("gp") == "FR"
        assert geo.country("EU") is None

    @pytest.mark.parametrize(
        ("number", "code", "country"),
        [
            ("+49 151 2345678", None, "DE"),
            ("0049 151 2345678", None, "DE"),
            ("0151 2345678", "+49", "DE"),
            ("33639981234", "33", "FR"),
            ("+1 202 555 0123", None, "US"),
            ("0151 2345678", None, None),
        ],
    )
    def test_phone_country(self, number: str, code: str | None, country: str | None) -> None:
        assert phone_country(number, code) == country


class TestEvidenceKinds:
    def test_logins_from_a_home_network(self) -> None:
        d = decide(report(suspect(ip_events=[ip(DE), ip(DE, "registration")])))
        assert (d.route, d.states) == ("member_states", ("DE",))
        assert {r.kind for r in d.reasons} == {"login_ip", "registration_ip"}
        assert all(r.role == "suspect" for r in d.reasons)

    @pytest.mark.parametrize(
        ("fields", "kind"),
        [
            ({"phones": [{"number": "+34 612 345 678"}]}, "phone_country"),
            ({"addresses": [{"city": "Madrid", "country": "ES"}]}, "address"),
            ({"estimated_location": {"country_code": "ES"}}, "estimated_location"),
        ],
    )
    def test_each_kind_alone_places_a_person(self, fields: dict[str, Any], kind: str) -> None:
        d = decide(report(suspect(**fields)))
        assert (d.route, d.states) == ("member_states", ("ES",))
        assert [r.kind for r in d.reasons] == [kind]

    def test_upload_address_of_a_file_counts_for_its_uploader(self) -> None:
        files = [{"ref": "f1", "uploader_ref": "u1", "upload_ip_event": ip(FR, "upload")}]
        d = decide(report(suspect(), files=files))
        assert d.states == ("FR",)
        assert d.reasons[0].kind == "upload_ip"

    def test_one_address_seen_again_is_one_fact(self) -> None:
        files = [
            {"ref": f"f{i}", "uploader_ref": "u1", "upload_ip_event": ip(FR, "upload")} for i in range(9)
        ]
        home = [ip(DE), ip("79.200.3.4"), ip(DE, "registration")]
        d = decide(report(suspect(ip_events=home), files=files))
        assert d.states == ("DE",)
        assert sum(r.kind == "upload_ip" for r in d.reasons) == 1

    def test_upload_weighs_more_than_registration(self) -> None:
        d = decide(report(suspect(ip_events=[ip(DE, "registration"), ip(FR, "upload")])))
        weights = {r.kind: r.weight for r in d.reasons}
        assert weights["upload_ip"] > weights["registration_ip"]
        assert d.states == ("FR",)

    def test_authority_that_served_legal_process(self) -> None:
        le = {"agency_name": "Police", "legal_process_served": True, "legal_process_country": "NL"}
        d = decide(report(suspect(ip_events=[ip(DE), ip(DE)]), law_enforcement=le))
        assert d.states == ("DE", "NL")

    def test_provider_contacts_say_nothing_about_the_people(self) -> None:
        d = decide(
            report(
                suspect(),
                legal_representative={"name": "Rep", "address": {"country": "IE"}},
                flags={"reported_elsewhere": [{"authority": "NCMEC", "country": "US"}]},
            )
        )
        assert (d.route, d.reasons) == ("undetermined", ())


class TestAnonymisers:
    def test_flagged_proxy_is_discounted(self) -> None:
        d = decide(report(suspect(ip_events=[ip(FR, possible_proxy=True), ip(ES, "registration")])))
        proxy = next(r for r in d.reasons if r.country == "FR")
        assert proxy.weight < 0.5
        assert "proxy" in proxy.note

    def test_hosting_network_is_discounted_without_a_flag(self) -> None:
        d = decide(report(suspect(ip_events=[ip(HETZNER_DE), ip(M247)])))
        assert all(r.weight < 0.5 for r in d.reasons)
        assert d.route == "undetermined"

    def test_vpn_only_with_a_derived_location_is_undetermined(self) -> None:
        person = suspect(
            ip_events=[ip(HETZNER_DE, possible_proxy=True), ip(M247)],
            estimated_location={"country_code": "DE", "verified": False},
        )
        d = decide(report(person))
        assert d.route == "undetermined"
        assert d.certainty < MIN_CERTAINTY or max(r.weight for r in d.reasons) < 1.0

    def test_vpn_user_with_a_phone_is_placed_by_the_phone(self) -> None:
        person = suspect(ip_events=[ip(HETZNER_DE), ip(M247)], phones=[{"number": "+33 6 39 98 12 34"}])
        assert decide(report(person)).states == ("FR",)


class TestRoutes:
    def test_traveller_stays_at_home(self) -> None:
        files = [{"ref": "f1", "uploader_ref": "u1", "upload_ip_event": ip(ES, "upload")}]
        person = suspect(ip_events=[ip(DE, "registration"), ip(DE), ip("79.200.3.4")])
        d = decide(report(person, files=files))
        assert (d.route, d.states) == ("member_states", ("DE",))
        assert any(r.country == "ES" for r in d.reasons)

    def test_suspect_and_victim_in_two_states(self) -> None:
        d = decide(report(suspect(ip_events=[ip(DE), ip(DE)]), victims=[child(country="FR")]))
        assert (d.route, d.states) == ("member_states", ("DE", "FR"))
        assert {r.role for r in d.reasons} == {"suspect", "victim"}

    def test_minor_recipient_is_a_victim_an_adult_is_not(self) -> None:
        minor = child("r1", country="IT", age=14)
        adult = {"ref": "r2", "phones": [{"number": "+34 612 345 678"}]}
        d = decide(report(suspect(ip_events=[ip(DE), ip(DE)]), intended_recipients=[minor, adult]))
        assert d.states == ("DE", "IT")

    def test_outside_the_eu_is_international(self) -> None:
        d = decide(report(suspect(ip_events=[ip(US), ip(US)]), victims=[child(country="GB")]))
        assert (d.route, d.states, d.countries) == ("international", (), ("US", "GB"))

    def test_victim_in_the_eu_makes_her_state_competent(self) -> None:
        d = decide(report(suspect(ip_events=[ip(GB), ip(GB)]), victims=[child(country="FR")]))
        assert (d.route, d.states, d.countries) == ("member_states", ("FR",), ("GB",))

    def test_unplaced_suspect_and_a_victim_outside_is_undetermined(self) -> None:
        d = decide(report(suspect(ip_events=[ip(M247)]), victims=[child(country="US")]))
        assert d.route == "undetermined"

    def test_conflicting_evidence_is_a_coin_toss_not_a_state(self) -> None:
        d = decide(report(suspect(ip_events=[ip(DE), ip(FR)])))
        assert d.route == "undetermined"


def test_certainty_grows_with_agreeing_evidence() -> None:
    thin = decide(report(suspect(estimated_location={"country_code": "DE"})))
    more = decide(report(suspect(ip_events=[ip(DE)], estimated_location={"country_code": "DE"})))
    full = decide(report(suspect(ip_events=[ip(DE), ip(DE)], phones=[{"number": "+49 151 2345678"}])))
    mixed = decide(report(suspect(ip_events=[ip(DE), ip(DE), ip(FR, "registration")])))
    assert MIN_CERTAINTY <= thin.certainty < more.certainty < full.certainty == 1.0
    assert mixed.states == ("DE",)
    assert mixed.certainty < full.certainty
