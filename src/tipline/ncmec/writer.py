"""Writing XML elements for the export: the element writer (tipline's extensions on or off), the NCMEC
types shared by reports and file details, and putting elements kept verbatim back where they were."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from defusedxml.ElementTree import fromstring  # type: ignore[import-untyped]

from tipline.ncmec import spec, structure
from tipline.ncmec.safexml import TL_NS

ET.register_namespace("tl", TL_NS)


EVENTS_OUT = {v: k for k, v in spec.EVENTS.items()}


_US_STATES = re.compile(r"^[A-Z]{2}$")


def q(tag: str) -> str:
    return f"{{{TL_NS}}}{tag[3:]}" if tag.startswith("tl:") else tag


def as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


class Writer:
    """Builds elements; tipline-only elements and attributes are dropped when extensions are off."""

    def __init__(self, extensions: bool) -> None:
        self.ext = extensions

    def el(self, parent: ET.Element, tag: str, value: Any = None, **attrs: Any) -> ET.Element | None:
        if tag.startswith("tl:") and not self.ext:
            return None
        kept = {
            q(k.replace("tl_", "tl:")): as_text(v)
            for k, v in attrs.items()
            if v is not None and (self.ext or not k.startswith("tl_"))
        }
        child = ET.SubElement(parent, q(tag), kept)
        if value is not None:
            child.text = as_text(value)
        return child

    def leaf(self, parent: ET.Element | None, tag: str, value: Any, **attrs: Any) -> None:
        if parent is not None and value is not None:
            self.el(parent, tag, value, **attrs)

    def leaves(self, parent: ET.Element | None, tag: str, values: list[Any]) -> None:
        for v in values:
            self.leaf(parent, tag, v)


def serialize(root: ET.Element) -> bytes:
    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return body


def phone(w: Writer, parent: ET.Element, ph: dict[str, Any], tag: str = "phone") -> None:
    w.el(
        parent,
        tag,
        ph["number"],
        type=ph.get("type"),
        verified=ph.get("verified"),
        countryCallingCode=ph.get("country_calling_code"),
    )


def email(w: Writer, parent: ET.Element, e: dict[str, Any]) -> None:
    w.el(parent, "email", e["address"], type=e.get("type"), verified=e.get("verified"))


def address(w: Writer, parent: ET.Element, tag: str, a: dict[str, Any]) -> None:
    x = w.el(parent, tag)
    if x is None:
        return
    w.leaf(x, "address", a.get("street"))
    w.leaf(x, "city", a.get("city"))
    w.leaf(x, "zipCode", a.get("postal_code"))
    region = a.get("region")
    us = a.get("country") == "US" and region is not None and _US_STATES.match(region)
    w.leaf(x, "state", region if us else None)
    w.leaf(x, "nonUsaState", None if us else region)
    w.leaf(x, "country", a.get("country"))


def ip_event(w: Writer, parent: ET.Element, e: dict[str, Any], tag: str = "ipCaptureEvent") -> None:
    x = ET.SubElement(parent, tag)
    w.leaf(x, "ipAddress", e["ip"])
    w.leaf(x, "eventName", EVENTS_OUT[e.get("event", "unknown")])
    w.leaf(x, "dateTime", e.get("at"))
    w.leaf(x, "possibleProxy", e.get("possible_proxy"))
    w.leaf(x, "port", e.get("port"))


def device(w: Writer, parent: ET.Element, d: dict[str, Any]) -> None:
    x = ET.SubElement(parent, "deviceId")
    w.leaf(x, "idType", d["type"])
    w.leaf(x, "idValue", d["value"])
    w.leaf(x, "eventName", None if d.get("event") is None else EVENTS_OUT[d["event"]])
    w.leaf(x, "dateTime", d.get("at"))


_STEP = re.compile(r"/(@?(?:\{[^}]*\})?[^/\[{]+)(?:\[(\d+)\])?")


def put_back(root: ET.Element, entries: list[dict[str, str]], root_path: str) -> None:
    """Re-insert elements and attributes kept verbatim at their recorded paths (best effort: an entry
    whose parent is no longer there is skipped)."""
    for entry in entries:
        steps = _STEP.findall(entry["path"][len(root_path) :])
        if not steps:
            continue
        *parents, (last, index) = steps
        node: ET.Element | None = root
        for tag, nth in parents:
            node = _nth(node, tag, int(nth or 1))
        if node is None:
            continue
        if last.startswith("@"):
            name = last[1:]
            node.set(q(name) if name.startswith("tl:") else name, entry["xml"])
            continue
        element = fromstring(entry["xml"])
        existing = None if index else _nth(node, last, 1)
        if existing is not None:  # a single element kept whole: the verbatim one replaces the rebuilt one
            node[list(node).index(existing)] = element
        else:
            _insert(node, element)


def _nth(node: ET.Element | None, tag: str, n: int) -> ET.Element | None:
    if node is None:
        return None
    matches = [c for c in node if c.tag == q(tag)]
    return matches[n - 1] if len(matches) >= n else None


def _insert(parent: ET.Element, child: ET.Element) -> None:
    """Insert ``child`` after the last sibling that the schema orders at or before it."""
    order = _order_of(parent.tag)
    rank = order.get(child.tag, len(order))
    position = 0
    for i, sibling in enumerate(parent):
        if order.get(sibling.tag, len(order)) <= rank:
            position = i + 1
    parent.insert(position, child)


def _order_of(tag: str) -> dict[str, int]:
    found = _SPEC_BY_TAG.get(tag)
    if found is None:
        return {}
    return {q(c.name): i for i, c in enumerate(found.children())}


def _index(e: spec.E, out: dict[str, spec.E]) -> dict[str, spec.E]:
    if isinstance(e.type, tuple):
        out.setdefault(q(e.name), e)
        for c in e.children():
            _index(c, out)
    return out


_SPEC_BY_TAG = _index(structure.FILE_DETAILS, _index(structure.REPORT, {}))
