"""Countries for synthetic people: phone plans, chat languages, currencies, cities and IP blocks.

All 27 EU member states and eight countries outside the EU. Phone numbers are built by hand from each
country's calling code, trunk prefix and mobile ranges (GB uses Ofcom's drama ranges, FR
ARCEP's 06 39 98 fiction range and US 555-01xx). IPv4/IPv6 blocks are big national ISPs' prefixes; every
block was checked once against the GeoIP2Fast 1.2.2 country+ASN data (300 random addresses each
geolocated to the stated country; the ASN is named in the comment). VPN_BLOCKS are hosting/VPN networks
(M247, Datacamp, DigitalOcean, Hetzner, OVH, LeaseWeb, Vultr, 31173 Services) whose geolocation varies.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass


@dataclass(frozen=True)
class Block:
    """An IP network as integers, for fast random addresses."""

    version: int
    base: int
    size: int
    label: str
    geo: str  # where geolocation databases place it (VPN blocks), or the home country

    @classmethod
    def parse(cls, cidr: str, label: str, geo: str) -> Block:
        net = ipaddress.ip_network(cidr)
        return cls(net.version, int(net.network_address), net.num_addresses, label, geo)


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    eu: bool
    weight: float
    calling_code: str  # digits only, e.g. "49"
    trunk: str  # national trunk prefix as written, e.g. "0", "06 ", "8 ", or ""
    mobile_prefixes: tuple[str, ...]  # leading digits of the national significant number (NSN)
    nsn_length: int
    groups: tuple[int, ...]  # how the NSN is grouped when written nationally
    languages: tuple[str, ...]  # BCP 47 tags used in chats, most likely first
    currency: str  # amount format, e.g. "{} €"
    amount_range: tuple[int, int, int]  # min, max, step of a sextortion demand
    cities: tuple[tuple[str, str | None], ...]
    ipv4: tuple[Block, ...]
    ipv6: tuple[Block, ...]
    utc_offset: int  # standard time offset in hours

    @property
    def language(self) -> str:
        return self.languages[0]


# 555-0100..0199 is fictional in every area code: a few hundred area codes keep synthetic people apart
_US_AREA_CODES = (
    "201 202 203 205 206 207 208 209 210 212 213 214 215 216 217 218 219 224 225 228 229 231 234 239 "
    "240 248 251 252 253 254 256 260 262 267 269 270 276 281 301 302 303 304 305 307 308 309 310 312 "
    "313 314 315 316 317 318 319 320 321 323 325 330 334 336 337 339 347 351 352 360 361 386 401 402 "
    "404 405 406 407 408 409 410 412 413 414 415 417 419 423 425 432 434 435 440 443 469 478 479 480 "
    "484 501 502 503 504 505 507 508 509 510 512 513 515 516 517 518 520 530 540 541 551 559 561 562 "
    "563 567 570 571 573 574 580 585 586 601 602 603 605 606 607 608 609 610 612 614 615 616 617 618 "
    "619 620 623 626 630 631 636 641 646 650 651 660 661 662 678 682 701 702 703 704 706 707 708 712 "
    "713 714 715 716 717 718 719 720 724 727 731 732 734 740 754 757 760 763 765 770 772 773 774 775 "
    "781 785 786 801 802 803 804 805 806 808 810 812 813 814 815 816 817 818 828 830 831 832 843 845 "
    "847 848 850 856 857 858 859 860 862 863 864 865 870 901 903 904 906 907 908 909 910 912 913 914 "
    "915 916 917 918 919 920 925 928 931 936 937 940 941 947 949 951 952 954 956 970 971 972 973 978 "
    "979 980 985 989 "
)
_US_FICTION = " ".join(f"{npa}55501" for npa in _US_AREA_CODES.split())


def _c(
    code: str,
    name: str,
    eu: bool,
    weight: float,
    phone: str,
    langs: str,
    money: str,
    cities: str,
    ipv4: str,
    ipv6: str = "",
    utc: int = 1,
) -> Country:
    """Compact constructor. phone is "cc|trunk|prefixes|nsn_length|groups"."""
    cc, trunk, prefixes, length, groups = phone.split("|")
    fmt, lo, hi, step = money.split("|")
    places: list[tuple[str, str | None]] = []
    for item in cities.split(";"):
        city, _, region = item.partition("/")
        places.append((city, region or None))
    return Country(
        code=code,
        name=name,
        eu=eu,
        weight=weight,
        calling_code=cc,
        trunk=trunk,
        mobile_prefixes=tuple(prefixes.split()),
        nsn_length=int(length),
        groups=tuple(int(g) for g in groups.split(",")),
        languages=tuple(langs.split()),
        currency=fmt,
        amount_range=(int(lo), int(hi), int(step)),
        cities=tuple(places),
        ipv4=tuple(Block.parse(b, "home", code) for b in ipv4.split()),
        ipv6=tuple(Block.parse(b, "home", code) for b in ipv6.split()),
        utc_offset=utc,
    )


_EUR = "{} €|100|500|50"

# fmt: off
COUNTRIES: tuple[Country, ...] = (
    # Hutchison Drei Austria; T-Mobile (Magenta) Austria
    _c("AT", "Austria", True, 9, "43|0|650 660 664 676 680 699|10|3,7", "de-AT de", _EUR,
       "Wien;Graz/Steiermark;Linz/Oberösterreich", "77.116.0.0/14 80.108.0.0/15"),
    # Proximus; Telenet
    _c("BE", "Belgium", True, 11.5, "32|0|470 472 475 477 478 479 483 484 485 486 487 488 489 490 "
       "491 492 493 494 495 496 497 498 499|9|3,2,2,2", "nl-BE fr-BE", _EUR,
       "Antwerpen;Gent/Oost-Vlaanderen;Liège/Wallonie;Bruxelles", "81.240.0.0/13 84.192.0.0/13"),
    # A1 Bulgaria; Trakia Kabel
    _c("BG", "Bulgaria", True, 6.5, "359|0|87 88 89 98|9|3,3,3", "en", _EUR,
       "Sofia;Plovdiv;Varna", "78.83.0.0/16 95.87.0.0/18", utc=2),
    # Hrvatski Telekom
    _c("HR", "Croatia", True, 4, "385|0|91 92 95 97 98 99|9|2,3,4", "en", _EUR,
       "Zagreb;Split/Splitsko-dalmatinska;Rijeka/Primorsko-goranska",
       "93.136.0.0/13 89.164.0.0/16"),
    # Cyta
    _c("CY", "Cyprus", True, 2, "357||96 97 99|8|2,6", "el", _EUR,
       "Nicosia;Limassol;Larnaca", "31.153.0.0/16", utc=2),
    # O2 Czech Republic
    _c("CZ", "Czechia", True, 10.5, "420||601 602 603 604 605 606 607 608 702 704 720 721 722 723 "
       "724 725 728 730 731 732 733 734 736 737 739 773 774 775 776 777|9|3,3,3", "cs",
       "{} Kč|3000|12000|500", "Praha;Brno/Jihomoravský kraj;Ostrava/Moravskoslezský kraj",
       "90.180.0.0/14"),
    # TDC
    _c("DK", "Denmark", True, 6, "45||20 21 22 23 24 25 26 27 28 29 30 31 40 41 42 50 51 52 53 60 "
       "61 71 81|8|2,2,2,2", "da", "{} kr.|1000|4000|250",
       "København/Hovedstaden;Aarhus/Midtjylland;Odense/Syddanmark", "87.48.0.0/13"),
    # Telia Eesti
    _c("EE", "Estonia", True, 2, "372||50 51 52 53 55 56|8|4,4", "en", _EUR,
       "Tallinn/Harju;Tartu;Pärnu", "90.190.0.0/15 88.196.0.0/16", utc=2),
    # Telia Finland; Elisa
    _c("FI", "Finland", True, 5.5, "358|0|40 41 44 45 46 50|9|2,3,4", "fi sv-FI", _EUR,
       "Helsinki/Uusimaa;Tampere/Pirkanmaa;Oulu/Pohjois-Pohjanmaa",
       "84.248.0.0/14 91.152.0.0/13", utc=2),
    # Orange; Free
    _c("FR", "France", True, 68, "33|0|63998|9|1,2,2,2,2", "fr", _EUR,
       "Paris/Île-de-France;Lyon/Auvergne-Rhône-Alpes;Marseille/Provence-Alpes-Côte d'Azur;"
       "Lille/Hauts-de-France", "90.0.0.0/13 82.64.0.0/14", "2a01:cb00::/30"),
    # Deutsche Telekom; Vodafone
    _c("DE", "Germany", True, 84, "49|0|151 152 157 159 160 162 163 170 171 172 173 174 175 176 177 "
       "178 179|10|3,7", "de", _EUR,
       "Berlin;Hamburg;München/Bayern;Köln/Nordrhein-Westfalen;Leipzig/Sachsen",
       "79.192.0.0/10 188.194.0.0/15", "2003:e0::/30 2a02:8108::/35"),
    # Vodafone Greece; OTEnet
    _c("GR", "Greece", True, 10.4, "30||690 693 694 695 697 698 699|10|3,3,4", "el", _EUR,
       "Athina/Attiki;Thessaloniki/Kentriki Makedonia;Patra/Dytiki Ellada",
       "79.166.0.0/15 94.64.0.0/17", utc=2),
    # Magyar Telekom
    _c("HU", "Hungary", True, 9.6, "36|06 |20 30 31 50 70|9|2,3,4", "hu", "{} Ft|40000|150000|5000",
       "Budapest;Debrecen/Hajdú-Bihar;Szeged/Csongrád-Csanád", "84.0.0.0/16", "2001:4c48::/29"),
    # Eir; Virgin Media Ireland (Liberty Global)
    _c("IE", "Ireland", True, 5.2, "353|0|83 85 86 87 89|9|2,3,4", "en-IE en", _EUR,
       "Dublin;Cork;Galway", "86.40.0.0/13 89.100.0.0/15", utc=0),
    # Telecom Italia; Fastweb
    _c("IT", "Italy", True, 59, "39||320 328 329 330 333 334 335 338 339 340 342 345 346 347 348 "
       "349 350 360 366 368 380 388 389 391 392 393|10|3,3,4", "it", _EUR,
       "Roma/Lazio;Milano/Lombardia;Napoli/Campania;Torino/Piemonte",
       "79.0.0.0/10 93.32.0.0/14", "2001:b00::/29"),
    # Tet
    _c("LV", "Latvia", True, 2, "371||20 21 22 23 24 25 26 27 28 29|8|4,4", "en", _EUR,
       "Rīga;Daugavpils;Liepāja", "87.110.0.0/17", utc=2),
    # Telia Lietuva
    _c("LT", "Lithuania", True, 2.8, "370|8 |60 61 62 63 64 65 67 68 69|8|3,5", "en", _EUR,
       "Vilnius;Kaunas;Klaipėda", "78.56.0.0/13", utc=2),
    # POST Luxembourg (Visual Online)
    _c("LU", "Luxembourg", True, 2, "352||621 628 661 668 671 678 691 698|9|3,3,3", "fr-LU de-LU",
       _EUR, "Luxembourg;Esch-sur-Alzette;Differdange", "85.93.192.0/19 80.90.32.0/19"),
    # GO plc
    _c("MT", "Malta", True, 2, "356||77 79 99|8|4,4", "en-MT en", _EUR,
       "Birkirkara;Qormi;Sliema", "78.133.0.0/17"),
    # KPN; Vodafone Libertel (VodafoneZiggo)
    _c("NL", "Netherlands", True, 17.9, "31|0|61 62 63 64 65|9|1,8", "nl", _EUR,
       "Amsterdam/Noord-Holland;Rotterdam/Zuid-Holland;Utrecht;Eindhoven/Noord-Brabant",
       "77.160.0.0/12 84.24.0.0/13", "2a02:a400::/26"),
    # Orange Polska; Polkomtel
    _c("PL", "Poland", True, 37, "48||50 51 53 57 60 66 69 72 73 78 79 88|9|3,3,3", "pl",
       "{} zł|400|2000|100",
       "Warszawa/mazowieckie;Kraków/małopolskie;Wrocław/dolnośląskie;Gdańsk/pomorskie",
       "83.0.0.0/11 37.248.0.0/15"),
    # MEO; NOS
    _c("PT", "Portugal", True, 10.4, "351||91 92 93 96|9|3,3,3", "pt-PT pt", _EUR,
       "Lisboa;Porto;Braga", "85.240.0.0/13 89.180.0.0/15", utc=0),
    # Digi Romania; Vodafone Romania
    _c("RO", "Romania", True, 19, "40|0|72 73 74 75 76 77 78|9|3,3,3", "ro", "{} lei|500|2000|100",
       "București;Cluj-Napoca/Cluj;Iași", "86.120.0.0/14 46.97.0.0/16", "2a02:2f00::/29", utc=2),
    # Slovak Telekom
    _c("SK", "Slovakia", True, 5.4, "421|0|901 902 903 904 905 906 907 908 910 911 915 917 918 940 "
       "944 948 949 950 951|9|3,3,3", "cs", _EUR, "Bratislava;Košice;Žilina", "95.102.0.0/15"),
    # Telekom Slovenije; T-2
    _c("SI", "Slovenia", True, 2.5, "386|0|30 31 40 41 51 64 68 70 71|8|2,3,3", "en", _EUR,
       "Ljubljana;Maribor;Celje", "89.142.0.0/15 93.103.0.0/16"),
    # Telefonica de Espana
    _c("ES", "Spain", True, 48, "34||61 62 63 64 65 66 67 68 69 71 72|9|3,2,2,2", "es", _EUR,
       "Madrid;Barcelona/Cataluña;Valencia/Comunitat Valenciana;Sevilla/Andalucía",
       "83.32.0.0/11 88.0.0.0/11"),
    # Telia Sweden
    _c("SE", "Sweden", True, 10.5, "46|0|70 72 73 76 79|9|2,3,2,2", "sv", "{} kr|1000|5000|250",
       "Stockholm;Göteborg/Västra Götaland;Malmö/Skåne", "78.64.0.0/12 213.64.0.0/14"),
    # --- outside the EU ---
    # Comcast; AT&T / Verizon (UUNET)
    _c("US", "United States", False, 30, "1||" + _US_FICTION + "|10|3,3,4", "en-US en", "${}|100|500|50",
       "Houston/TX;Columbus/OH;Phoenix/AZ;Chicago/IL", "73.0.0.0/8 71.160.0.0/13", "2601::/26",
       utc=-5),
    # BT; Virgin Media
    # Ofcom's drama numbers: mobile 07700 900xxx and the geographic 0113 496 0xxx ... 020 7946 0xxx
    # ranges, 15,000 numbers in all, so that synthetic people rarely share one
    _c("GB", "United Kingdom", False, 25, "44|0|7700900 1134960 1144960 1154960 1164960 1174960 "
       "1184960 1214960 1314960 1414960 1514960 1614960 2079460 1632960 1914980|10|4,6",
       "en-GB en", "£{}|100|400|50",
       "London/England;Manchester/England;Glasgow/Scotland;Cardiff/Wales",
       "86.128.0.0/10 82.0.0.0/15", "2a00:23c0::/30", utc=0),
    # V.tal; Telefonica Brasil
    _c("BR", "Brazil", False, 12, "55||119 219 319 419 519 619 719 819|11|2,5,4", "pt-BR",
       "R$ {}|300|1500|100", "São Paulo/SP;Rio de Janeiro/RJ;Belo Horizonte/MG",
       "177.0.0.0/13 179.96.0.0/13", utc=-3),
    # Reliance Jio; Bharti Airtel
    _c("IN", "India", False, 12, "91|0|98 99 97 96 95 94 93 91 90 89 88 87 86 85 84 83 82 81 80 79 "
       "78 77 76 75 74 73 72 70 63 62|10|5,5", "en-IN en", "₹{}|5000|20000|1000",
       "Mumbai/Maharashtra;Delhi;Bengaluru/Karnataka", "49.32.0.0/12 122.160.0.0/12",
       "2405:200::/32", utc=5),
    # Swisscom (Bluewin); Sunrise
    _c("CH", "Switzerland", False, 5, "41|0|76 77 78 79|9|2,3,2,2", "de-CH fr-CH", "CHF {}|100|500|50",
       "Zürich;Genève;Basel", "85.0.0.0/13 84.72.0.0/14"),
    # Telenor Norge; Telia Norge
    _c("NO", "Norway", False, 4, "47||40 41 45 46 47 48 90 91 92 93 94 95 97 98 99|8|3,2,3", "en",
       "{} kr|1000|5000|250", "Oslo;Bergen/Vestland;Trondheim/Trøndelag",
       "88.88.0.0/13 84.208.0.0/13"),
    # Turk Telekom
    _c("TR", "Türkiye", False, 9, "90|0|501 505 506 507 530 531 532 533 534 535 536 537 538 539 "
       "541 542 543 544 545 546 549 551 552 553 554 555|10|3,3,2,2", "en", "{} TL|3000|10000|500",
       "İstanbul;Ankara;İzmir", "85.96.0.0/12 78.160.0.0/14", utc=3),
    # Kyivstar
    _c("UA", "Ukraine", False, 5, "380|0|50 63 66 67 68 73 93 95 96 97 98 99|9|2,3,2,2", "en",
       "{} грн|3000|10000|500", "Kyiv;Lviv;Kharkiv", "46.211.0.0/16", utc=2),
)
# fmt: on

BY_CODE: dict[str, Country] = {c.code: c for c in COUNTRIES}
EU_CODES: tuple[str, ...] = tuple(c.code for c in COUNTRIES if c.eu)

# Hosting and VPN exit networks; geo is the country GeoIP2Fast gives for most of the block.
VPN_BLOCKS: tuple[Block, ...] = (
    Block.parse("37.120.192.0/20", "M247 Europe SRL", "GB"),
    Block.parse("185.156.172.0/22", "M247 Europe SRL", "CH"),
    Block.parse("89.187.160.0/19", "Datacamp Limited", "US"),
    Block.parse("167.99.0.0/16", "DigitalOcean", "US"),
    Block.parse("95.216.0.0/15", "Hetzner Online GmbH", "FI"),
    Block.parse("88.198.0.0/16", "Hetzner Online GmbH", "DE"),
    Block.parse("54.36.0.0/14", "OVH SAS", "FR"),
    Block.parse("85.17.0.0/16", "LeaseWeb Netherlands B.V.", "NL"),
    Block.parse("45.76.0.0/15", "Vultr (AS-CHOOPA)", "US"),
    Block.parse("193.32.126.0/23", "31173 Services AB", "CH"),
    Block.parse("2a01:4f8::/32", "Hetzner Online GmbH", "DE"),
)


def format_ip(block: Block, offset: int) -> str:
    """The address at ``offset`` inside ``block`` (wrapped into the block)."""
    value = block.base + offset % block.size
    if block.version == 4:
        return f"{value >> 24 & 255}.{value >> 16 & 255}.{value >> 8 & 255}.{value & 255}"
    return str(ipaddress.IPv6Address(value))
