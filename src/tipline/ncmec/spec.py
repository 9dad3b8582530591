"""The vocabulary of the accepted XML structure (leaf types, elements, the NCMEC enumerations) and
its validation; the structure itself is in structure.py.

Each element has a type: a leaf type (text parsed into a value) or a sequence of child elements in
the order the NCMEC schema fixes (an element out of order is a violation, as at NCMEC). Elements in
tipline's extension namespace (``tl:``) come after the NCMEC children of their parent. Elements in
any other namespace are allowed anywhere and kept verbatim. A violation names the element path.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from ipaddress import ip_address
from typing import Any

from tipline.ncmec.safexml import Node

UNBOUNDED = 1_000_000


class SchemaViolation(Exception):
    """The document is well-formed but does not follow the schema; ``path`` names the element."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True)
class Leaf:
    """A text type: ``parse`` turns the stripped text into a value or raises ValueError."""

    name: str
    parse: Callable[[str], Any]


def string_of(max_length: int) -> Leaf:
    def parse(s: str) -> str:
        if len(s) > max_length:
            raise ValueError(f"longer than {max_length} characters")
        return s

    return Leaf(f"string(<= {max_length})", parse)


def _bool(s: str) -> bool:
    if s in ("true", "1"):
        return True
    if s in ("false", "0"):
        return False
    raise ValueError("not a boolean (true, false, 1, 0)")


def _flag(s: str) -> bool:
    return True if s == "" else _bool(s)


def integer(lo: int, hi: int) -> Leaf:
    def parse(s: str) -> int:
        if not re.fullmatch(r"[+-]?[0-9]{1,19}", s):
            raise ValueError("not an integer")
        n = int(s)
        if not lo <= n <= hi:
            raise ValueError(f"not between {lo} and {hi}")
        return n

    return Leaf("integer", parse)


def _float(lo: float, hi: float) -> Leaf:
    def parse(s: str) -> float:
        if not re.fullmatch(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?", s):
            raise ValueError("not a decimal number")
        x = float(s)
        if not lo <= x <= hi:
            raise ValueError(f"not between {lo} and {hi}")
        return x

    return Leaf("decimal", parse)


def _datetime(s: str) -> datetime:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})", s):
        raise ValueError("not an ISO 8601 date-time with time zone, e.g. 2026-01-31T10:00:00Z")
    return datetime.fromisoformat(s)


def _date(s: str) -> date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        raise ValueError("not a date YYYY-MM-DD")
    return date.fromisoformat(s)


def one_of(*values: str) -> Leaf:
    def parse(s: str) -> str:
        if s not in values:
            raise ValueError(f"not one of: {', '.join(values)}")
        return s

    return Leaf("enumeration", parse)


def _country(s: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{2}", s):
        raise ValueError("not a two-letter country code")
    return s.upper()


def _ip(s: str) -> str:
    return str(ip_address(s))


SHORT = string_of(512)
LONG = string_of(100_000)
BOOL = Leaf("boolean", _bool)
FLAG = Leaf("flag", _flag)
DATETIME = Leaf("dateTime", _datetime)
DATE = Leaf("date", _date)
COUNTRY = Leaf("country", _country)
IP = Leaf("ip address", _ip)
AGE = integer(0, 130)
PORT = integer(0, 65535)
COUNT = integer(1, 10**12)
CT_REPORT_ID = integer(1, 2**63 - 1)
LATITUDE = _float(-90, 90)
LONGITUDE = _float(-180, 180)

INCIDENT_TYPES = {
    "Child Pornography (possession, manufacture, and distribution)": "child_pornography",
    "Child Sex Trafficking": "child_sex_trafficking",
    "Child Sex Tourism": "child_sex_tourism",
    "Child Sexual Molestation": "child_sexual_molestation",
    "Misleading Domain Name": "misleading_domain_name",
    "Misleading Words or Digital Images on the Internet": "misleading_words_or_digital_images",
    "Online Enticement of Children for Sexual Acts": "online_enticement",
    "Unsolicited Obscene Material Sent to a Child": "unsolicited_obscene_material_to_child",
}
EVENTS = {v.capitalize(): v for v in ("login", "registration", "purchase", "upload", "other", "unknown")}
ACCOUNT_TYPES = {
    "Billing": "billing",
    "Linked": "linked",
    "Business": "business",
    "Creator": "creator",
    "Parent/Guardian": "parent_guardian",
    "Other": "other",
}
REPORT_ANNOTATIONS = {
    "sextortion": "sextortion",
    "csamSolicitation": "csam_solicitation",
    "minorToMinorInteraction": "minor_to_minor",
    "spam": "spam",
    "sadisticOnlineExploitation": "sadistic_online_exploitation",
    "informational": "informational",
}
FILE_ANNOTATIONS = {
    "animeDrawingVirtualHentai": "anime_drawing_virtual",
    "potentialMeme": "potential_meme",
    "viral": "viral",
    "possibleSelfProduction": "possible_self_production",
    "physicalHarm": "physical_harm",
    "violenceGore": "violence_gore",
    "bestiality": "bestiality",
    "liveStreaming": "live_streaming",
    "infant": "infant",
    "generativeAi": "generative_ai",
}
RELEVANCE = {"Reported": "reported", "Supplemental Reported": "supplemental"}
DETAIL_TYPES = {"EXIF": "exif", "HASH": "hash"}


@dataclass(frozen=True)
class A:
    """An attribute."""

    name: str
    type: Leaf
    required: bool = False


@dataclass(frozen=True)
class E:
    """An element: leaf type or child sequence, occurrences, attributes; ``choice``: exactly one child."""

    name: str
    type: Leaf | tuple[E, ...] | None = None
    min: int = 0
    max: int = 1
    attrs: tuple[A, ...] = ()
    choice: bool = False

    def children(self) -> tuple[E, ...]:
        return self.type if isinstance(self.type, tuple) else ()


def many(e: E, minimum: int = 0) -> E:
    return E(e.name, e.type, minimum, UNBOUNDED, e.attrs, e.choice)


def req(e: E) -> E:
    return E(e.name, e.type, 1, e.max, e.attrs, e.choice)


def leaf(name: str, t: Leaf = SHORT, *attrs: A) -> E:
    return E(name, t, attrs=attrs)


def seq(name: str, *children: E, attrs: tuple[A, ...] = ()) -> E:
    return E(name, children, attrs=attrs)


def rename(e: E, name: str) -> E:
    return E(name, e.type, e.min, e.max, e.attrs, e.choice)


# --- validation -------------------------------------------------------------------------------------


def validate(root: Node, spec: E) -> Node:
    """Check ``root`` against ``spec`` (names, order, occurrences, attributes, leaf values), setting
    each node's ``path`` and each leaf's ``value``. Raises SchemaViolation at the first problem."""
    root.path = f"/{root.tag}"
    if root.tag != spec.name:
        raise SchemaViolation(root.path, f"the root element must be <{spec.name}>")
    _check(root, spec)
    return root


def _check(node: Node, spec: E) -> None:
    _check_attrs(node, spec)
    if not isinstance(spec.type, tuple):
        if node.children and any(not c.foreign for c in node.children):
            raise SchemaViolation(node.path, "has child elements where text is expected")
        text = node.text.strip()
        if spec.type is None:
            return
        if text == "" and spec.type is not FLAG:
            node.value = None
            if spec.min > 0:
                raise SchemaViolation(node.path, "must not be empty")
            return
        try:
            node.value = spec.type.parse(text)
        except ValueError as exc:
            raise SchemaViolation(node.path, f"invalid {spec.type.name}: {exc}") from None
        return
    if node.text.strip():
        raise SchemaViolation(node.path, "has text where only elements are expected")
    _check_children(node, spec)


def _check_attrs(node: Node, spec: E) -> None:
    known = {a.name: a for a in spec.attrs}
    for name, raw in node.attrs.items():
        attr = known.get(name)
        if attr is None:
            if name.startswith("{"):
                continue  # another namespace: kept verbatim
            raise SchemaViolation(f"{node.path}/@{name}", "unknown attribute")
        try:
            node.avalues[name] = attr.type.parse(raw.strip())
        except ValueError as exc:
            raise SchemaViolation(f"{node.path}/@{name}", f"invalid {attr.type.name}: {exc}") from None
    for attr in spec.attrs:
        if attr.required and attr.name not in node.attrs:
            raise SchemaViolation(f"{node.path}/@{attr.name}", "required attribute is missing")


def _check_children(node: Node, spec: E) -> None:
    children = spec.children()
    order = {c.name: i for i, c in enumerate(children)}
    counts: dict[str, int] = {}
    position = 0
    for child in node.children:
        if child.foreign:
            child.path = f"{node.path}/{child.tag}"
            continue
        i = order.get(child.tag)
        if i is None:
            raise SchemaViolation(f"{node.path}/{child.tag}", "unexpected element")
        c = children[i]
        n = counts.get(child.tag, 0) + 1
        counts[child.tag] = n
        child.path = f"{node.path}/{child.tag}" + (f"[{n}]" if c.max > 1 else "")
        if i < position and not spec.choice:
            raise SchemaViolation(child.path, f"out of order: must come before <{children[position].name}>")
        if n > c.max:
            raise SchemaViolation(child.path, f"at most {c.max} allowed")
        position = i
        _check(child, c)
    if spec.choice:
        if sum(counts.values()) != 1:
            raise SchemaViolation(node.path, "must contain exactly one of: " + ", ".join(order))
        return
    for c in children:
        if counts.get(c.name, 0) < c.min:
            raise SchemaViolation(f"{node.path}/{c.name}", "required element is missing")
