"""Reading a validated XML tree: the helpers remember which elements and attributes were read, so that
everything else can be kept verbatim; the NCMEC types shared by reports and file details; turning the
result into a model with errors located by element path."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from tipline.ncmec import spec
from tipline.ncmec.safexml import Node
from tipline.ncmec.spec import SchemaViolation


@dataclass(frozen=True)
class Limits:
    max_depth: int
    max_elements: int


def one(n: Node | None, name: str) -> Node | None:
    if n is None:
        return None
    for c in n.children:
        if c.tag == name:
            c.used = True
            return c
    return None


def every(n: Node | None, name: str) -> list[Node]:
    found = [] if n is None else [c for c in n.children if c.tag == name]
    for c in found:
        c.used = True
    return found


def val(n: Node | None, name: str) -> Any:
    c = one(n, name)
    return None if c is None else c.value


def vals(n: Node | None, name: str) -> list[Any]:
    return [c.value for c in every(n, name) if c.value is not None]


def attr(n: Node | None, name: str) -> Any:
    if n is None or name not in n.avalues:
        return None
    n.used_attrs.add(name)
    return n.avalues[name]


def unread(n: Node) -> list[dict[str, str]]:
    """Elements and attributes of ``n`` (read itself) that nothing read: kept verbatim."""
    out: list[dict[str, str]] = []
    for name, raw in n.attrs.items():
        if name not in n.used_attrs:
            out.append({"path": f"{n.path}/@{name}", "xml": raw})
    for c in n.children:
        if c.used:
            out.extend(unread(c))
        else:
            out.append({"path": c.path, "xml": c.verbatim()})
    return out


def clean(d: dict[str, Any]) -> dict[str, Any]:
    """Without None values and empty lists (the model's defaults)."""
    return {k: v for k, v in d.items() if v is not None and v != []}


def ordered(standard: list[str], extension: list[str]) -> list[str]:
    """Standard values, then extension ones; when the extension list repeats standard values it is the
    complete list in the provider's order (the exporter writes it so)."""
    if any(v in standard for v in extension):
        return list(dict.fromkeys([*extension, *standard]))
    return list(dict.fromkeys([*standard, *extension]))


def email(n: Node) -> dict[str, Any]:
    return clean({"address": n.value, "type": attr(n, "type"), "verified": attr(n, "verified")})


def phone(n: Node) -> dict[str, Any]:
    return clean(
        {
            "number": n.value,
            "type": attr(n, "type"),
            "verified": attr(n, "verified"),
            "country_calling_code": attr(n, "countryCallingCode"),
        }
    )


def address(n: Node) -> dict[str, Any]:
    region = val(n, "state") or val(n, "nonUsaState")
    return clean(
        {
            "street": val(n, "address"),
            "city": val(n, "city"),
            "postal_code": val(n, "zipCode"),
            "region": region,
            "country": val(n, "country"),
        }
    )


def ip_event(n: Node) -> dict[str, Any]:
    event = val(n, "eventName")
    return clean(
        {
            "ip": val(n, "ipAddress"),
            "port": val(n, "port"),
            "event": None if event is None else spec.EVENTS[event],
            "at": val(n, "dateTime"),
            "possible_proxy": val(n, "possibleProxy"),
        }
    )


def device_id(n: Node) -> dict[str, Any]:
    event = val(n, "eventName")
    return clean(
        {
            "type": val(n, "idType"),
            "value": val(n, "idValue"),
            "event": None if event is None else spec.EVENTS[event],
            "at": val(n, "dateTime"),
        }
    )


def flags_of(n: Node | None, names: dict[str, str]) -> list[str]:
    """The tags set to true (presence or text true), in the schema's order."""
    return [names[tag] for tag in names if (c := one(n, tag)) is not None and c.value]


def first(*values: Any) -> Any:
    return next((v for v in values if v is not None), None)


def join(*parts: str | None) -> str | None:
    return " ".join(p for p in parts if p) or None


def to_model(model: Any, data: dict[str, Any], where: dict[str, str], root_path: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False, include_input=False, include_context=False)[0]
        pointer = "/" + "/".join(
            str(p) for p in first["loc"] if not isinstance(p, str) or not p.startswith("function-")
        )
        raise SchemaViolation(path_of(pointer, where, root_path), f"{pointer}: {first['msg']}") from None


def path_of(pointer: str, where: dict[str, str], default: str) -> str:
    """The XML path of the longest recorded prefix of ``pointer``."""
    parts = pointer.split("/")
    for end in range(len(parts), 0, -1):
        prefix = "/".join(parts[:end])
        if prefix in where:
            return where[prefix]
    return default
