"""NCMEC hash-sharing API entry documents (``GET /v2/entries``), read incrementally.

The element names mirror the NCMEC client in Meta's ThreatExchange, file
``python-threatexchange/threatexchange/exchanges/clients/ncmec/hash_api.py`` in
https://github.com/facebook/ThreatExchange (``NCMECEntryUpdate.from_xml``,
``GetEntriesResponse.from_xml``, ``NCMECFeedbackType``) and the sample responses in
``.../ncmec/tests/data.py`` next to it::

    <queryResult xmlns="https://hashsharing.ncmec.org/hashsharing/v2">
      <images count=".." maxTimestamp="..">
        <image>
          <member id="42">Name</member> <timestamp>..</timestamp> <id>image1</id>
          <classification>A1</classification>
          <fingerprints><md5>..</md5><sha1>..</sha1><pdq>..</pdq><pdna>..</pdna>
                        <tmk-pdqf rel="self" href="..."/></fingerprints>
          <feedback lastUpdateTimestamp="..">
            <affirmativeFeedback type="Md5" lastUpdateTimestamp="..">
              <members timestamp=".."><member id="42">Name</member></members>
            </affirmativeFeedback>
            <negativeFeedback type="Sha1" lastUpdateTimestamp="..">
              <reasons><reason guid=".." name=".." type="Sha1"/>
                       <members timestamp=".."><member id="42">Name</member></members></reasons>
            </negativeFeedback>
          </feedback>
        </image>
        <deletedImage><member id="43">..</member><id>image4</id><timestamp>..</timestamp></deletedImage>
      </images>
      <videos ...> <video>..</video> <deletedVideo>..</deletedVideo> </videos>
      <paging><next>/v2/entries?...&amp;start=2001&amp;size=1000&amp;max=3000</next></paging>
    </queryResult>

Namespaces are ignored (as hash_api does). Each entry yields one record per supported fingerprint
(md5, sha1, sha256, pdq) with ``external_id`` = ``<id>``, ``contributor`` = ``member/@id``,
``category`` = ``<classification>``; other fingerprint types and fingerprints given only as an
``href`` link are :class:`Skipped`. A deleted entry without fingerprints (the usual tombstone) yields
one :class:`EntryWithdrawn`. Entries are updates: a later entry with the same member and id replaces
the earlier one. Feedback is attached to the record of the hash type named by its ``type``.

A file may hold several pages (documents) back to back, as saved from successive ``next`` requests;
each new page must start with an XML declaration ``<?xml``. DTDs and entity declarations are
refused (defusedxml): the file yields one :class:`RecordError` and reading stops.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import BinaryIO, Final
from xml.etree.ElementTree import Element, ParseError

import defusedxml  # type: ignore[import-untyped,unused-ignore]
import defusedxml.ElementTree as safe_et  # type: ignore[import-untyped,unused-ignore]

from tipline.banks.formats._fields import TEXT_LIMITS
from tipline.banks.formats._model import (
    EntryWithdrawn,
    Feedback,
    HashType,
    IndicatorRecord,
    ReadResult,
    RecordError,
    Sentiment,
    Skipped,
    hash_type_of,
    normalize_hash,
)

SOURCE: Final = "ncmec"
_ROOT: Final = "queryResult"
_CONTAINERS: Final = frozenset({"images", "videos"})
_XML_DECL: Final = b"<?xml"
_BOM: Final = b"\xef\xbb\xbf"
_CHUNK: Final = 64 * 1024


def read_ncmec(stream: BinaryIO) -> Iterator[ReadResult]:
    """Yield results entry by entry; positions count entries (image/video/deleted*) from 1."""
    position = 0
    for page in _split_pages(stream):
        stack: list[Element] = []
        try:
            for event, elem in safe_et.iterparse(page, events=("start", "end"), forbid_dtd=True):
                if event == "start":
                    if not stack and _local(elem.tag) != _ROOT:
                        yield RecordError(
                            position + 1,
                            f"not an NCMEC entries document: root element is <{_local(elem.tag)[:40]}>, "
                            f"expected <{_ROOT}>; import stopped",
                        )
                        return
                    stack.append(elem)
                    continue
                stack.pop()
                depth = len(stack)  # 0 = root, 1 = child of root, 2 = entry
                if depth == 2 and _local(stack[1].tag) in _CONTAINERS:
                    position += 1
                    yield from _entry(position, elem)
                if 1 <= depth <= 2 or (depth > 2 and _local(stack[1].tag) not in _CONTAINERS):
                    elem.clear()
                    stack[-1].remove(elem)  # keeps memory flat however long the file is
        except defusedxml.DefusedXmlException as exc:
            yield RecordError(
                position + 1,
                f"XML with a DTD or entity declarations is not accepted ({type(exc).__name__}); "
                "import stopped",
            )
            return
        except (ParseError, LookupError) as exc:  # LookupError: an unknown declared encoding
            yield RecordError(position + 1, f"malformed XML in page {page.number}: {exc}; import stopped")
            return


def _entry(position: int, elem: Element) -> Iterator[ReadResult]:
    tag = _local(elem.tag)
    kind = tag.lower()
    deleted = kind.startswith("deleted")
    media_type = kind.removeprefix("deleted")
    if media_type not in ("image", "video"):
        yield RecordError(position, f"unexpected element <{tag}> where an image or video entry belongs")
        return
    children = {_local(child.tag): child for child in elem}
    entry_id = _text(children.get("id"))
    if entry_id is None:
        yield RecordError(position, f"<{tag}> without an <id>")
        return
    member = children.get("member")
    contributor = None
    if member is not None:
        contributor = (member.get("id") or "").strip() or None
    if contributor is None:
        yield RecordError(position, f"entry {entry_id[:40]}: no <member id=...>")
        return
    category = _text(children.get("classification"))
    for field, found in (("external_id", entry_id), ("contributor", contributor), ("category", category)):
        if found is not None and len(found) > TEXT_LIMITS[field]:
            yield RecordError(position, f"entry {entry_id[:40]}: {field} is longer than {TEXT_LIMITS[field]}")
            return
    fingerprints = children.get("fingerprints")
    prints = list(fingerprints) if fingerprints is not None else []
    if not prints:
        if deleted:
            yield EntryWithdrawn(position, entry_id, contributor, media_type, SOURCE)
        else:
            yield RecordError(position, f"entry {entry_id}: no fingerprints")
        return
    feedback = _feedback(children.get("feedback"))
    for fp in prints:
        name = _local(fp.tag)
        value = _text(fp)
        try:
            hash_type_of(name)
        except ValueError:  # PhotoDNA, TMK+PDQF, ... and types NCMEC may add later
            yield Skipped(position, f"entry {entry_id}: fingerprint type {name} is not supported")
            continue
        if value is None:
            yield Skipped(position, f"entry {entry_id}: {name} fingerprint is not inline (link only)")
            continue
        try:
            kind_, hexval = normalize_hash(name, value)
        except ValueError as exc:
            yield RecordError(position, f"entry {entry_id}: {name}: {exc}")
            continue
        yield IndicatorRecord(
            position=position,
            hash_type=kind_,
            value=hexval,
            media_type=media_type,
            category=category,
            external_id=entry_id,
            contributor=contributor,
            source=SOURCE,
            decision_ref=None,
            decided_on=None,
            quality=None,
            withdrawn=deleted,
            feedback=feedback.get(kind_, ()) + feedback.get(None, ()),
        )


def _feedback(elem: Element | None) -> dict[HashType | None, tuple[Feedback, ...]]:
    """Group an entry's feedback by the hash type it is about (``None``: no type given)."""
    grouped: dict[HashType | None, list[Feedback]] = {}
    if elem is None:
        return {}
    for verdict in elem:
        tag = _local(verdict.tag).lower()
        sentiment: Sentiment
        if tag.startswith("affirmative"):
            sentiment = "affirmative"
        elif tag.startswith("negative"):
            sentiment = "negative"
        else:
            continue
        type_name = verdict.get("type")
        about: HashType | None = None
        if type_name:
            try:
                about = hash_type_of(type_name)
            except ValueError:
                continue  # feedback on a fingerprint type tipline does not store
        default_at = _timestamp(verdict.get("lastUpdateTimestamp"))
        items = grouped.setdefault(about, [])
        for reason, members in _reason_groups(verdict):
            if not members:
                items.append(Feedback(sentiment, reason, None, default_at))
            for member_id, at in members:
                items.append(Feedback(sentiment, reason, member_id, at or default_at))
    return {key: tuple(value) for key, value in grouped.items()}


_MemberList = list[tuple[str | None, datetime | None]]


def _reason_groups(verdict: Element) -> list[tuple[str | None, _MemberList]]:
    """Pair each reason with the members that gave it.

    ``<members>`` directly under the verdict have no reason. Under ``<reasons>``, a ``<members>``
    belongs to the ``<reason>`` before it (the layout of hash_api's sample data); a wrapper element
    holding one ``<reason>`` and its ``<members>`` is accepted too.
    """
    groups: list[tuple[str | None, _MemberList]] = []
    for child in verdict:
        name = _local(child.tag)
        if name == "members":
            groups.append((None, _members(child)))
        elif name == "reasons":
            for item in child:
                item_name = _local(item.tag)
                if item_name == "reason":
                    groups.append((_reason(item), []))
                elif item_name == "members":
                    if not groups or groups[-1][0] is None:
                        groups.append((None, []))
                    groups[-1][1].extend(_members(item))
                else:
                    inner = [r for r in item if _local(r.tag) == "reason"]
                    if inner:
                        members: _MemberList = []
                        for sub in item:
                            if _local(sub.tag) == "members":
                                members.extend(_members(sub))
                        groups.append((_reason(inner[0]), members))
    return groups or [(None, [])]


def _reason(elem: Element) -> str | None:
    return (elem.get("guid") or elem.get("name") or "").strip() or None


def _members(elem: Element) -> _MemberList:
    at = _timestamp(elem.get("timestamp"))
    found: _MemberList = []
    for member in elem:
        if _local(member.tag) == "member":
            found.append(((member.get("id") or "").strip() or None, at))
    return found


def _timestamp(value: str | None) -> datetime | None:
    """Parse ``2023-06-01T12:48:14Z``; an unreadable feedback timestamp is dropped, not an error."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _text(elem: Element | None) -> str | None:
    if elem is None or elem.text is None:
        return None
    return elem.text.strip() or None


class _Page:
    """A read-only view of one document of a multi-document stream (see :func:`_split_pages`)."""

    def __init__(self, splitter: _Splitter, number: int) -> None:
        self._splitter = splitter
        self.number = number
        self._first = True
        self.done = False

    def read(self, size: int = -1) -> bytes:
        if self.done:
            return b""
        data, self.done = self._splitter.take(_CHUNK if size is None or size < 0 else size, self._first)
        self._first = False
        return data


class _Splitter:
    """Buffers the stream and cuts it before each XML declaration that starts a further document."""

    _HOLD = len(_BOM + _XML_DECL) + 1  # enough to see a whole declaration start past a read

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._buf = b""
        self._eof = False

    def _fill(self, size: int) -> None:
        while not self._eof and len(self._buf) < size:
            chunk = self._stream.read(_CHUNK)
            if not chunk:
                self._eof = True
            self._buf += chunk

    def at_end(self) -> bool:
        """Drop whitespace between documents; True when nothing but whitespace is left."""
        while True:
            self._fill(self._HOLD)
            stripped = self._buf.lstrip()
            if stripped or self._eof:
                self._buf = stripped
                return not stripped
            self._buf = b""

    def _next_declaration(self, start: int, end: int) -> int:
        """Where ``<?xml`` followed by white space (not ``<?xml-stylesheet``) starts, or -1."""
        while True:
            cut = self._buf.find(_XML_DECL, start, end + len(_XML_DECL))
            if cut == -1:
                return -1
            after = self._buf[cut + len(_XML_DECL) : cut + len(_XML_DECL) + 1]
            if after in (b" ", b"\t", b"\r", b"\n") or (not after and not self._eof):
                return cut
            start = cut + 1

    def take(self, size: int, first: bool) -> tuple[bytes, bool]:
        """Up to ``size`` bytes of the current document, and whether the document ended there."""
        self._fill(size + self._HOLD)
        start = 0
        if first:  # the document's own declaration (after an optional BOM) is not a boundary
            start = len(_BOM) + 1 if self._buf.startswith(_BOM) else 1
        cut = self._next_declaration(start, size + len(_BOM))
        if cut != -1:
            if cut >= len(_BOM) and self._buf[cut - len(_BOM) : cut] == _BOM:
                cut -= len(_BOM)  # a BOM belongs to the document it precedes
            if cut <= size:
                data, self._buf = self._buf[:cut], self._buf[cut:]
                return data, True
        keep = 0 if self._eof else self._HOLD
        n = max(min(size, len(self._buf) - keep), 0)
        data, self._buf = self._buf[:n], self._buf[n:]
        return data, self._eof and not self._buf


def _split_pages(stream: BinaryIO) -> Iterator[_Page]:
    splitter = _Splitter(stream)
    number = 0
    while not splitter.at_end():
        number += 1
        page = _Page(splitter, number)
        yield page
        while not page.done:  # the parser stopped early (error handled by the caller): skip the rest
            page.read(_CHUNK)
