"""Offline IP geolocation: country and network (ASN) of an address, from GeoIP2Fast's bundled data.

Nothing is fetched: the country+ASN files (IPv4 and IPv6) ship inside the geoip2fast wheel (MIT). The
data is loaded once per process, on first use, under a lock: GeoIP2Fast keeps its tables in module
globals, so one instance serves every thread. Loading takes about 0.2 s.

Hosting and VPN networks are recognised by their ASN's name. A VPN exit, a cloud server or a proxy says
where a data centre is, not where a person is, so the decision discounts them. The list names the
networks most used as VPN exits and cheap servers; it is not exhaustive (a provider's ``possible_proxy``
flag covers the rest).
"""

from __future__ import annotations

import ipaddress
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from geoip2fast import GeoIP2Fast  # type: ignore[import-untyped]  # no type information shipped

DATA_FILE = "geoip2fast-asn-ipv6.dat.gz"  # country + ASN, IPv4 and IPv6: the bundled data with most

# Lower-case fragments of ASN names of hosting, cloud and VPN-exit networks.
HOSTING_ASN_FRAGMENTS: tuple[str, ...] = (
    "m247",
    "datacamp",
    "digitalocean",
    "hetzner",
    "ovh",
    "leaseweb",
    "choopa",
    "vultr",
    "31173 services",
    "amazon",
    "google-cloud",
    "microsoft",
    "linode",
    "akamai connected cloud",
    "contabo",
    "hostinger",
    "scaleway",
    "online s.a.s",
    "ionos",
    "clouvider",
    "packethub",
    "tefincom",
    "cdn77",
    "zenlayer",
    "g-core",
    "oracle",
    "alibaba",
    "tencent",
    "hivelocity",
    "quadranet",
    "psychz",
    "xtom",
    "colocrossing",
    "servers.com",
    "hostwinds",
    "frantech",
    "privatelayer",
    "mullvad",
    "proton ag",
    "cloudflare",
)

# Territories with their own ISO code that are part of a member state (outermost regions, Åland).
PART_OF: dict[str, str] = {
    "GP": "FR",
    "MQ": "FR",
    "GF": "FR",
    "RE": "FR",
    "YT": "FR",
    "MF": "FR",
    "AX": "FI",
    "IC": "ES",
    "EA": "ES",
}


@dataclass(frozen=True)
class Place:
    """Where an address is: an ISO country code and whether the network is hosting/VPN."""

    country: str
    hosting: bool
    network: str  # the ASN's name, for the reason's note ("" if unknown)


_lock = threading.Lock()
_geoip: Any = None  # a GeoIP2Fast, once loaded


def _database() -> Any:
    global _geoip
    if _geoip is None:
        with _lock:
            if _geoip is None:
                _geoip = GeoIP2Fast(geoip2fast_data_file=DATA_FILE)
    return _geoip


def country(code: str | None) -> str | None:
    """An ISO alpha-2 code as the decision counts it: upper case, a member state's territory as the
    member state, ``None`` for anything that is not a country (empty, EU, anonymous-proxy codes)."""
    if not code or len(code) != 2 or not code.isalpha():
        return None
    code = code.upper()
    if code in ("EU", "AP", "XX", "ZZ"):
        return None
    return PART_OF.get(code, code)


@lru_cache(maxsize=65536)
def locate(ip: str) -> Place | None:
    """The place of a public address; None for private, reserved, unknown or malformed addresses."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return None
    if not address.is_global:
        return None
    found = _database().lookup(str(address))
    code = country(found.country_code)
    if code is None:
        return None
    network = str(found.asn_name or "")
    lowered = network.lower()
    return Place(code, any(f in lowered for f in HOSTING_ASN_FRAGMENTS), network)
