"""Safe XML parsing into a small tree: no DTD, no entities, no external references, bounded size,
depth and element count.

defusedxml refuses DOCTYPE declarations, entity declarations and external references before expat
acts on them; the tree builder here counts depth and elements while the document streams in, so a
hostile document is refused before it is built. Nothing is fetched from the network, ever.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from defusedxml.common import DefusedXmlException  # type: ignore[import-untyped]
from defusedxml.ElementTree import DefusedXMLParser  # type: ignore[import-untyped]

TL_NS = "urn:tipline:ncmec-extension:1"
"""tipline's extension namespace: elements and attributes the NCMEC format lacks (prefix ``tl``)."""
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"


class MalformedXml(Exception):
    """Not well-formed, or refused by the safety rules (DTD, entities, depth, element count)."""


@dataclass
class Node:
    """One element: its name (``tl:`` for tipline's namespace, ``{ns}name`` for any other), attributes,
    text, children, and the text after it (``tail``, kept only to reproduce foreign elements)."""

    tag: str
    attrs: dict[str, str]
    children: list[Node] = field(default_factory=list)
    text: str = ""
    tail: str = ""
    path: str = ""
    value: Any = None
    used: bool = False
    used_attrs: set[str] = field(default_factory=set)
    avalues: dict[str, Any] = field(default_factory=dict)

    @property
    def foreign(self) -> bool:
        return self.tag.startswith("{")

    def to_element(self) -> ET.Element:
        el = ET.Element(_qualified(self.tag), {_qualified(k): v for k, v in self.attrs.items()})
        el.text = self.text or None
        for child in self.children:
            sub = child.to_element()
            sub.tail = child.tail or None
            el.append(sub)
        return el

    def verbatim(self) -> str:
        return ET.tostring(self.to_element(), encoding="unicode")


def _qualified(name: str) -> str:
    return f"{{{TL_NS}}}{name[3:]}" if name.startswith("tl:") else name


def _local(name: str) -> str | None:
    """The name as the tree keeps it; None for attributes that are dropped (xsi:*)."""
    if not name.startswith("{"):
        return name
    ns, _, local = name[1:].partition("}")
    if ns == TL_NS:
        return f"tl:{local}"
    if ns == XSI_NS:
        return None
    return name


class _Builder:
    def __init__(self, max_depth: int, max_elements: int) -> None:
        self.max_depth = max_depth
        self.max_elements = max_elements
        self.stack: list[Node] = []
        self.root: Node | None = None
        self.count = 0
        self.last: Node | None = None

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        self.count += 1
        if self.count > self.max_elements:
            raise MalformedXml(f"more than {self.max_elements} elements")
        if len(self.stack) >= self.max_depth:
            raise MalformedXml(f"elements nested deeper than {self.max_depth}")
        kept = {k2: v for k, v in attrs.items() if (k2 := _local(k)) is not None}
        node = Node(_local(tag) or tag, kept)
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.root = node
        self.stack.append(node)
        self.last = None

    def end(self, tag: str) -> None:
        self.last = self.stack.pop()

    def data(self, text: str) -> None:
        if self.last is not None:
            self.last.tail += text
        elif self.stack:
            self.stack[-1].text += text

    def close(self) -> Node:
        if self.root is None:
            raise MalformedXml("no root element")
        return self.root


def parse(raw: bytes, *, max_depth: int, max_elements: int) -> Node:
    """The document's root element; MalformedXml for anything not well-formed or not allowed."""
    builder = _Builder(max_depth, max_elements)
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    try:
        parser.feed(raw)
        root: Node = parser.close()
    except MalformedXml:
        raise
    except DefusedXmlException as exc:
        raise MalformedXml(
            f"refused: {type(exc).__name__} (no DTD, entities or external references)"
        ) from None
    except (ET.ParseError, ValueError, LookupError, UnicodeError) as exc:
        raise MalformedXml(_short(exc)) from None
    return root


def _short(exc: Exception) -> str:
    # Parser messages name a position, never content; keep them short anyway.
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
