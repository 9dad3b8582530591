"""Synthetic people: a true identity (Subject) and the way one provider records it (a Person dict).

The same subject reported by several providers shows up with differing identifiers: email case, Gmail
dots and +tags, googlemail.com, sometimes their second mailbox, phone numbers written "+49 151 2345678",
"0049151...", "0151 2345678", renamed screen names and new account ids. Email addresses use the reserved
.example domains, except the Gmail ones that are needed to exercise Gmail's dot and +tag rules.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from random import Random

from tipline.synth.countries import COUNTRIES, VPN_BLOCKS, Block, Country, format_ip
from tipline.synth.names import NICKNAMES, ascii_fold, full_name, pick_name
from tipline.synth.rand import below, span
from tipline.synth.timefmt import DAY, YEAR, iso

EMAIL_DOMAINS = ("gmail.com", "mailbox.example", "postbox.example", "inbox.example", "webpost.example")
_EMAIL_CUM = (0.4, 0.6, 0.75, 0.9, 1.0)
_CUM = tuple(itertools.accumulate(c.weight for c in COUNTRIES))
_EU = tuple(c for c in COUNTRIES if c.eu)
_EU_CUM = tuple(itertools.accumulate(c.weight for c in _EU))
_NON_EU = tuple(c for c in COUNTRIES if not c.eu)
_NON_EU_CUM = tuple(itertools.accumulate(c.weight for c in _NON_EU))
NEW_MAILBOX_SHARE = 0.15  # of a recurring subject's varied appearances: another mailbox altogether
_TAGS = ("chat", "spam", "games", "x", "2", "social", "acc")


def pick_country(rng: Random, *, eu_only: bool = False, non_eu_share: float | None = None) -> Country:
    if eu_only or (non_eu_share is not None and rng.random() >= non_eu_share):
        return rng.choices(_EU, cum_weights=_EU_CUM)[0]
    if non_eu_share is not None:
        return rng.choices(_NON_EU, cum_weights=_NON_EU_CUM)[0]
    return rng.choices(COUNTRIES, cum_weights=_CUM)[0]


def _digits(rng: Random, count: int) -> str:
    return f"{below(rng, 10**count):0{count}d}"


def luhn_complete(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return body + str((10 - total % 10) % 10)


@dataclass(frozen=True)
class Subject:
    """A true person. ``sid`` is the ground-truth identity shared by all their reports."""

    sid: str
    country: Country
    female: bool
    given: str
    family: str
    birth_ts: int
    city: tuple[str, str | None]
    email_local: str
    email_domain: str
    phone_nsn: str
    screen: str
    device_seed: int  # the phone's IMEI and advertising id derive from it
    home_block: Block
    mobile_block: Block
    vpn_prone: float

    @property
    def imei(self) -> str:
        return luhn_complete(f"35{self.device_seed % 10**12:012d}")

    @property
    def advertising_id(self) -> str:
        h = f"{self.device_seed:032x}"
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}".upper()

    def age_at(self, ts: int) -> int:
        return int((ts - self.birth_ts) // YEAR)

    @property
    def name(self) -> str:
        return full_name(self.country.code, self.given, self.family)


def phone_number(country: Country, serial: int) -> str:
    """The national significant number at position ``serial`` of the country's range, so that distinct
    serials below the range's size give distinct numbers (the fiction ranges of GB, FR and the US are
    small: random draws would give unrelated people one number)."""
    prefixes = country.mobile_prefixes
    width = country.nsn_length - len(prefixes[0])
    position = serial % phone_capacity(country)
    return prefixes[position % len(prefixes)] + f"{position // len(prefixes):0{width}d}"


def phone_capacity(country: Country) -> int:
    width = country.nsn_length - len(country.mobile_prefixes[0])
    return len(country.mobile_prefixes) * int(10**width)


def new_subject(
    rng: Random,
    sid: str,
    country: Country,
    at_ts: int,
    age: int,
    female: bool | None = None,
    *,
    serial: int | None = None,
) -> Subject:
    """A new person. ``serial`` (unique in the run) picks their phone number; without one it is random."""
    fem = rng.random() < 0.5 if female is None else female
    given, family = pick_name(country.code, fem, below(rng, 60), below(rng, 80))
    birth_ts = at_ts - age * YEAR - below(rng, 360) * DAY
    g, f = ascii_fold(given, country.code), ascii_fold(family, country.code)
    yy = f"{(1970 + birth_ts // YEAR) % 100:02d}"
    nick = NICKNAMES[below(rng, len(NICKNAMES))]
    form = below(rng, 5)
    if form == 0:
        local = f"{g}.{f}{yy}"
    elif form == 1:
        local = f"{g}{f}{span(rng, 100, 9999)}"  # a mailbox is one person's: common names take digits
    elif form == 2:
        local = f"{g[:1]}.{f}{span(rng, 10, 999)}"
    elif form == 3:
        local = f"{g}.{f}.{span(rng, 10, 9999)}"
    else:
        local = f"{nick}{g}{yy}"
    form = below(rng, 5)
    if form == 0:
        screen = f"{nick}_{g}{yy}"
    elif form == 1:
        screen = f"{g}{f[:1]}{span(rng, 100, 999)}"
    elif form == 2:
        screen = f"x{nick}x{yy}"
    elif form == 3:
        screen = f"{g}.{nick}"
    else:
        screen = f"the_{nick}{span(rng, 10, 99)}"
    prefix = country.mobile_prefixes[below(rng, len(country.mobile_prefixes))]
    nsn = prefix + _digits(rng, country.nsn_length - len(prefix))
    if serial is not None and len({len(p) for p in country.mobile_prefixes}) == 1:
        nsn = phone_number(country, serial)
    ipv4 = country.ipv4
    return Subject(
        sid=sid,
        country=country,
        female=fem,
        given=given,
        family=family,
        birth_ts=birth_ts,
        city=country.cities[below(rng, len(country.cities))],
        email_local=local,
        email_domain=rng.choices(EMAIL_DOMAINS, cum_weights=_EMAIL_CUM)[0],
        phone_nsn=nsn,
        screen=screen,
        device_seed=rng.getrandbits(128),
        home_block=ipv4[below(rng, len(ipv4))],
        mobile_block=ipv4[below(rng, len(ipv4))],
        vpn_prone=rng.random(),
    )


# --- identifier renderings -------------------------------------------------------------------


def phone_text(country: Country, nsn: str, style: int) -> tuple[str, str | None]:
    """(number as written, country_calling_code) for one of six writing styles."""
    parts: list[str] = []
    pos = 0
    for size in country.groups:
        parts.append(nsn[pos : pos + size])
        pos += size
    grouped = " ".join(parts)
    cc = country.calling_code
    trunk = country.trunk
    if style == 0:
        return f"+{cc} {grouped}", f"+{cc}"
    if style == 1:
        return f"+{cc}{nsn}", None
    if style == 2:
        return f"00{cc}{nsn}", f"+{cc}"
    if style == 3:
        return f"{trunk}{grouped}", f"+{cc}"
    if style == 4:
        return f"{trunk.strip()}{nsn}", cc
    return f"{cc}{nsn}", cc


def email_variant(local: str, domain: str, kind: str, rng: Random) -> str:
    """The same mailbox written differently (or, for Gmail, a dotted/tagged alias of it)."""
    if kind == "upper":
        return f"{local[:1].upper()}{local[1:]}@{domain}"
    if kind == "allcaps":
        return f"{local}@{domain}".upper()
    if kind == "plus":
        return f"{local}+{_TAGS[below(rng, len(_TAGS))]}@{domain}"
    if kind == "dots" and domain == "gmail.com":
        bare = local.replace(".", "")
        if len(bare) > 3:
            cut = span(rng, 1, len(bare) - 1)
            return f"{bare[:cut]}.{bare[cut:]}@gmail.com"
        return f"{bare}@gmail.com"
    if kind == "googlemail" and domain == "gmail.com":
        return f"{local}@googlemail.com"
    return f"{local}@{domain}"


def screen_variant(screen: str, rng: Random) -> str:
    """A renamed handle that still resembles the old one."""
    choice = below(rng, 5)
    if choice == 0:
        return screen + "_"
    if choice == 1:
        return screen.replace("_", ".") if "_" in screen else screen + ".official"
    if choice == 2:
        return f"real_{screen}"
    if choice == 3:
        return f"{screen}{span(rng, 2, 9)}"
    return screen.upper() if len(screen) < 12 else screen[: max(4, len(screen) - 3)]


# --- IP events ---------------------------------------------------------------------------------


def ip_event(
    rng: Random, subject: Subject, event: str, at: int, tz: int, *, vpn: bool, mobile: bool = False
) -> dict[str, object]:
    out: dict[str, object]
    if vpn:
        block = VPN_BLOCKS[below(rng, len(VPN_BLOCKS))]
        out = {"ip": format_ip(block, rng.getrandbits(64)), "event": event, "at": iso(at, tz)}
        if rng.random() < 0.6:
            out["possible_proxy"] = True
        return out
    country = subject.country
    if country.ipv6 and rng.random() < 0.2:
        v6 = country.ipv6[below(rng, len(country.ipv6))]
        out = {"ip": format_ip(v6, rng.getrandbits(128)), "event": event}
    elif mobile:  # carrier-grade NAT: the port is needed to identify the subscriber
        out = {
            "ip": format_ip(subject.mobile_block, rng.getrandbits(32)),
            "port": span(rng, 1024, 65535),
            "event": event,
        }
    else:
        out = {"ip": format_ip(subject.home_block, rng.getrandbits(32)), "event": event}
    out["at"] = iso(at, tz)
    if rng.random() < 0.15:
        out["possible_proxy"] = False
    return out


def vpn_geo(rng: Random) -> str:
    return VPN_BLOCKS[below(rng, len(VPN_BLOCKS))].geo


# --- person renderings -------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordStyle:
    """Which identifiers a provider holds about its users."""

    phone: bool
    email: bool
    dob: bool
    id_style: str  # "numeric", "hex" or "handle"


def account_id(rng: Random, style: str) -> str:
    if style == "numeric":
        return str(span(rng, 10**11, 10**14))
    if style == "hex":
        return f"u_{rng.getrandbits(48):012x}"
    return f"acct-{rng.getrandbits(40):010d}"


def render_subject(
    rng: Random,
    subject: Subject,
    ref: str,
    style: RecordStyle,
    at: int,
    tz: int,
    *,
    uid: str | None = None,
    phone_style: int | None = None,
    vary: bool = False,
    vpn: bool = False,
    minimal: bool = False,
) -> dict[str, object]:
    """A Person dict for ``subject`` as a provider with ``style`` records it at time ``at``.

    With ``vary`` the identifiers differ from the subject's canonical ones (the screen name, the
    email address or both), the way they do across providers and years. ``phone_style`` picks how the
    number is written (see phone_text); by default it is random.
    """
    if uid is None:
        uid = account_id(rng, style.id_style)
    person: dict[str, object] = {"ref": ref, "provider_user_id": uid}
    screen = subject.screen
    change_screen = change_email = vary  # the phone's writing style comes from the caller
    if vary and rng.random() < 0.5:
        if rng.random() < 0.5:
            change_screen = False
        else:
            change_email = False
    if change_screen:
        screen = screen_variant(screen, rng)
    person["screen_name"] = screen
    if not minimal:
        shown = (subject.given, subject.name, screen.strip("_."))[below(rng, 3)]
        person["display_names"] = [shown]
    has_email = style.email or not style.phone
    if has_email:
        kind = "same"
        if change_email:
            options = ["upper", "allcaps", "plus"]
            if subject.email_domain == "gmail.com":
                options += ["dots", "dots", "googlemail"]
            kind = options[below(rng, len(options))]
        address = email_variant(subject.email_local, subject.email_domain, kind, rng)
        if change_email and rng.random() < NEW_MAILBOX_SHARE:  # a new mailbox, not a new spelling
            domain = EMAIL_DOMAINS[(EMAIL_DOMAINS.index(subject.email_domain) + 1) % len(EMAIL_DOMAINS)]
            address = f"{subject.email_local.replace('.', '_')}{100 + subject.device_seed % 900}@{domain}"
        person["emails"] = [{"address": address, "verified": rng.random() < 0.7}]
    if style.phone or (not minimal and rng.random() < 0.3):
        if phone_style is None:
            phone_style = below(rng, 6)
        number, code = phone_text(subject.country, subject.phone_nsn, phone_style)
        phone: dict[str, object] = {"number": number, "type": "mobile"}
        if code is not None:
            phone["country_calling_code"] = code
        if rng.random() < 0.6:
            phone["verified"] = True
        person["phones"] = [phone]
    if minimal:
        return person
    age = subject.age_at(at)
    if style.dob and rng.random() < 0.7:
        person["date_of_birth"] = iso(subject.birth_ts, 0)[:10]
    elif rng.random() < 0.3:
        person["age"] = age
    if rng.random() < 0.5:
        person["sex"] = "female" if subject.female else "male"
    if rng.random() < 0.6:
        if vpn:
            person["estimated_location"] = {"country_code": vpn_geo(rng), "verified": False}
        else:
            city, region = subject.city
            loc: dict[str, object] = {"city": city, "country_code": subject.country.code}
            if region:
                loc["region"] = region
            person["estimated_location"] = loc
    events = [ip_event(rng, subject, "registration", at - span(rng, 30, 1500) * DAY, tz, vpn=vpn)]
    for _ in range(span(rng, 1, 4)):
        mobile = rng.random() < 0.4
        when = at - span(rng, 600, 5 * DAY)
        events.append(ip_event(rng, subject, "login", when, tz, vpn=vpn, mobile=mobile))
    person["ip_events"] = events
    if rng.random() < 0.45:
        device = {"type": "IMEI", "value": subject.imei}
        if rng.random() < 0.5:
            device = {"type": "AAID" if rng.random() < 0.5 else "IDFA", "value": subject.advertising_id}
        person["device_ids"] = [device]
    return person


def render_minor(
    rng: Random, subject: Subject, ref: str, at: int, tz: int, *, with_ip: bool
) -> dict[str, object]:
    """A child user (victim or intended recipient) as the provider knows them."""
    age = subject.age_at(at)
    person: dict[str, object] = {
        "ref": ref,
        "provider_user_id": account_id(rng, "numeric"),
        "screen_name": subject.screen,
        "display_names": [subject.given],
    }
    if rng.random() < 0.6:
        person["age"] = age
    else:
        person["age_range"] = {"min": max(0, age - 2), "max": age + 2}
    person["sex"] = "female" if subject.female else "male"
    city, region = subject.city
    loc: dict[str, object] = {"city": city, "country_code": subject.country.code}
    if region:
        loc["region"] = region
    person["estimated_location"] = loc
    if with_ip:
        person["ip_events"] = [
            ip_event(
                rng, subject, "login", at - span(rng, 600, DAY), tz, vpn=False, mobile=rng.random() < 0.6
            )
        ]
    return person
