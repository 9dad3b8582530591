"""Fictional online service providers that send reports. Names and addresses use .example domains."""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from tipline.synth.people import RecordStyle


@dataclass(frozen=True)
class Provider:
    name: str
    service: str
    service_type: str
    url: str
    country: str
    legal_basis: str
    tz: int  # UTC offset of its time stamps
    style: RecordStyle
    ncmec_types: bool  # fills incident.ncmec_types and reports to NCMEC as well
    chat_client: str | None = None
    game: str | None = None
    legal_rep: str | None = None

    @property
    def domain(self) -> str:
        return self.url.removeprefix("https://")

    def reporter(self) -> dict[str, object]:
        contact: dict[str, object] = {
            "name": "Trust & Safety escalations",
            "email": f"le-response@{self.domain}",
        }
        if self.country == "US":
            contact["phone"] = "+1 202 555 0100"  # a fictional (555-01xx) number
        contact["legal_process_info"] = (
            f"Serve legal process via https://{self.domain}/law-enforcement; "
            "account data is preserved for 90 days after a report."
        )
        return contact


# fmt: off
PROVIDERS: dict[str, Provider] = {p.name: p for p in (
    Provider("Chatterly B.V.", "Chatterly Messenger", "messaging", "https://chatterly.example", "NL",
             "eu_csa_regulation", 1, RecordStyle(phone=True, email=False, dob=False, id_style="numeric"),
             ncmec_types=False, chat_client="Chatterly Messenger"),
    Provider("Nimbus Storage GmbH", "Nimbus Drive", "cloud_storage", "https://nimbus.example", "DE",
             "eu_csa_regulation", 0, RecordStyle(phone=False, email=True, dob=False, id_style="hex"),
             ncmec_types=False),
    Provider("Pixgram Inc.", "Pixgram", "social_network", "https://pixgram.example", "US",
             "us_18_usc_2258a", 0, RecordStyle(phone=True, email=True, dob=True, id_style="numeric"),
             ncmec_types=True, chat_client="Pixgram Direct", legal_rep="Pixgram Ireland Limited"),
    Provider("Vidloop Ltd", "Vidloop", "video_sharing", "https://vidloop.example", "IE",
             "eu_interim_regulation", 0, RecordStyle(phone=False, email=True, dob=True, id_style="hex"),
             ncmec_types=True),
    Provider("Gamehall Oy", "Gamehall", "gaming", "https://gamehall.example", "FI",
             "eu_csa_regulation", 2, RecordStyle(phone=False, email=True, dob=True, id_style="handle"),
             ncmec_types=False, chat_client="Gamehall party chat", game="Gamehall Arena"),
    Provider("Postbox SAS", "Postbox Mail", "email", "https://postbox.example", "FR",
             "eu_interim_regulation", 1, RecordStyle(phone=True, email=True, dob=False, id_style="hex"),
             ncmec_types=False),
    Provider("Piazza Social S.r.l.", "Piazza", "social_network", "https://piazza.example", "IT",
             "eu_csa_regulation", 1, RecordStyle(phone=True, email=True, dob=True, id_style="numeric"),
             ncmec_types=False, chat_client="Piazza Messages"),
    Provider("Talkie Sp. z o.o.", "Talkie", "messaging", "https://talkie.example", "PL",
             "national_law", 1, RecordStyle(phone=True, email=False, dob=False, id_style="numeric"),
             ncmec_types=False, chat_client="Talkie"),
)}

SCENARIO_PROVIDERS: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {
    "known_messenger": (("Chatterly B.V.", "Talkie Sp. z o.o.", "Pixgram Inc.", "Piazza Social S.r.l."),
                        (4, 3, 2, 1)),
    "cloud_collection": (("Nimbus Storage GmbH", "Postbox SAS"), (5, 2)),
    "new_material": (("Pixgram Inc.", "Chatterly B.V.", "Nimbus Storage GmbH", "Piazza Social S.r.l.",
                      "Vidloop Ltd"), (3, 2, 2, 2, 1)),
    "grooming": (("Gamehall Oy", "Piazza Social S.r.l.", "Pixgram Inc.", "Chatterly B.V.",
                  "Talkie Sp. z o.o."), (4, 3, 3, 2, 1)),
    "sextortion": (("Pixgram Inc.", "Piazza Social S.r.l.", "Chatterly B.V.", "Gamehall Oy",
                    "Talkie Sp. z o.o."), (4, 3, 2, 1, 1)),
    "viral": (("Pixgram Inc.", "Vidloop Ltd", "Piazza Social S.r.l.", "Chatterly B.V."), (3, 3, 2, 1)),
}
# fmt: on


def pick_provider(rng: Random, scenario: str) -> Provider:
    names, weights = SCENARIO_PROVIDERS[scenario]
    return PROVIDERS[rng.choices(names, weights)[0]]


def provider_sequence(rng: Random, count: int) -> list[Provider]:
    """Providers for a subject's reports over the years: mostly different, sometimes the same again."""
    names = list(PROVIDERS)
    rng.shuffle(names)
    seq = names[:count]
    if count >= 3 and rng.random() < 0.5:  # reported twice by one provider (a new account after a ban)
        seq[-1] = seq[0]
    return [PROVIDERS[n] for n in seq]
