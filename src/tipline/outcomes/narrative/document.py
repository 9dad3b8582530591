"""Case boundaries of a case-summary document, with offsets into the original text.

The document format is the one `tipline.assessment.text.seed_cases` reads (three parts under country
headings: two-column table rows, "Case # N" bullets, one-bullet cases). This module walks it the same
way, line by line, but keeps where every cell or paragraph came from, so that a value extracted from a
case can be shown to a reviewer in the document itself. It yields for each case a `CaseText`: the
case's working text (its value cells or bullet paragraphs, markup masked out) and a map from working
offsets back to document offsets. The case list, parts, countries and first lines are the same as
`seed_cases.parse` gives (tested), so gold files align the same way.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from tipline.assessment.text import seed_cases as sc

# ---------------------------------------------------------------------------------------------------
# Masking: markup replaced by spaces of the same length, so masked offsets are document offsets.

_MASK = re.compile(r"<sup>.*?</sup>|<[^>]+>|\*\*|\\(?=[*_])|&[a-z]+;|&#\d+;", re.IGNORECASE | re.DOTALL)
_ENTITY = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&nbsp;": " ", "&#39;": "'"}
_CHARS = str.maketrans("\u2019\u2018\u201c\u201d\u00a0\t", "''\"\"  ")


def mask(document: str) -> str:
    """`document` with tags, footnote marks, bold markers and escapes blanked (same length), entities
    replaced by their character padded with spaces, curly quotes straightened and tabs made spaces."""

    def blank(m: re.Match[str]) -> str:
        s = m.group(0)
        if s.startswith("&"):
            ch = _ENTITY.get(s.lower(), " ")
            return ch + " " * (len(s) - 1)
        return " " * len(s)

    return _MASK.sub(blank, document).translate(_CHARS)


# ---------------------------------------------------------------------------------------------------
# Case text


@dataclass(slots=True)
class CaseText:
    """One case: where it is in the document, and its working text with an offset map."""

    part: str
    country: str
    first_line: str
    provider_cell: str  # the table's "Company name" value (cleaned), "" outside tables
    span: tuple[int, int]
    text: str  # working text: details then resolution (tables) or paragraphs (bullets), masked
    resolution_at: int  # working offset where the resolution cell starts (len(text) when none)
    provider_span: tuple[int, int] | None = None
    _starts: list[int] = field(default_factory=list)  # working offset of each piece
    _doc: list[int] = field(default_factory=list)  # document offset of each piece

    def doc_span(self, start: int, end: int) -> tuple[int, int]:
        """Working offsets -> document offsets (each end mapped inside its own piece)."""
        return self.to_doc(start), self.to_doc(max(start, end - 1)) + 1

    def to_doc(self, offset: int) -> int:
        i = max(0, bisect_right(self._starts, offset) - 1)
        return self._doc[i] + (offset - self._starts[i])


def _assemble(masked: str, pieces: list[tuple[int, int]]) -> tuple[str, list[int], list[int]]:
    text_parts: list[str] = []
    starts: list[int] = []
    docs: list[int] = []
    pos = 0
    for a, b in pieces:
        if text_parts:
            text_parts.append("\n")
            pos += 1
        starts.append(pos)
        docs.append(a)
        text_parts.append(masked[a:b])
        pos += b - a
    return "".join(text_parts), starts, docs


class _Walker:
    """A port of `seed_cases._Builder` that records (start, end) document ranges, not strings."""

    def __init__(self, document: str) -> None:
        self.doc = document
        self.masked = mask(document)
        self.cases: list[CaseText] = []
        self.part = sc.PART_TABLE
        self.country = ""
        self.kind: str | None = None
        self.cells: dict[str, list[tuple[int, int]]] = {}
        self.cell: str | None = None
        self.paragraphs: list[list[tuple[int, int]]] = []
        self.first_at: int | None = None  # document offset of the case's first line
        self.last_at = 0

    def _raw(self, pieces: list[tuple[int, int]], sep: str) -> str:
        return sep.join(self.doc[a:b] for a, b in pieces)

    def close(self) -> None:
        if self.kind == "table":
            details, resolution = self.cells.get("details", []), self.cells.get("resolution", [])
            d_clean, r_clean = sc.clean(self._raw(details, " ")), sc.clean(self._raw(resolution, " "))
            if d_clean or r_clean:
                first = (d_clean or r_clean).split("\n", 1)[0]
                company = self.cells.get("company", [])
                text, starts, docs = _assemble(self.masked, details + resolution)
                r_at = len(_assemble(self.masked, details)[0]) + (1 if details and resolution else 0)
                if not resolution:
                    r_at = len(text)
                case = CaseText(
                    self.part,
                    self.country,
                    first,
                    sc.clean(self._raw(company, " ")),
                    (self.first_at or 0, self.last_at),
                    text,
                    r_at,
                    (company[0][0], company[-1][1]) if company else None,
                    starts,
                    docs,
                )
                self.cases.append(case)
        elif self.kind == "bullets":
            pieces = [p for para in self.paragraphs for p in para]
            cleaned = sc.clean("\n".join(self._raw(para, " ") for para in self.paragraphs))
            if cleaned:
                text, starts, docs = _assemble(self.masked, pieces)
                self.cases.append(
                    CaseText(
                        self.part,
                        self.country,
                        cleaned.split("\n", 1)[0],
                        "",
                        (self.first_at or 0, self.last_at),
                        text,
                        len(text),
                        None,
                        starts,
                        docs,
                    )
                )
        self.kind, self.cells, self.cell, self.paragraphs = None, {}, None, []
        self.first_at = None

    def _touch(self, start: int, end: int) -> None:
        if self.first_at is None:
            self.first_at = start
        self.last_at = end

    def row(self, start: int, line: str) -> None:
        tab = line.index("\t")
        label_cell, value = line[:tab], line[tab + 1 :]
        vstart = start + tab + 1
        label = sc.clean(label_cell).lstrip("- ").strip()
        name = next((n for n, rx in sc._LABELS if rx.match(label)), None)
        if sc._RULE.match(sc.clean(label_cell)) and sc._RULE.match(sc.clean(value.replace("\t", " "))):
            return
        if name is None:
            if self.kind == "table" and self.cell is not None and value.strip():
                self.cells[self.cell].append((vstart, start + len(line)))
                self.last_at = start + len(line)
            return
        if self.kind != "table" or name == "company" or name in self.cells:
            self.close()
            self.kind = "table"
        self._touch(start, start + len(line))
        self.cell = name
        self.cells.setdefault(name, [])
        if value.strip() and not sc._RULE.match(sc.clean(value.replace("\t", " "))):
            self.cells[name].append((vstart, start + len(line)))

    def bullet(self, start: int, line: str, m: re.Match[str]) -> None:
        indent = len(m.group("indent").expandtabs(4))
        piece = (start + m.start("text"), start + len(line))
        if self.part == sc.PART_IMPACT:
            if sc._CASE_MARKER.match(line):
                self.close()
                self.kind = "bullets"
                return
            if self.kind != "bullets":
                self.close()
                self.kind = "bullets"
            self._touch(*piece)
            self.paragraphs.append([piece])
            return
        if indent == 0 or self.kind != "bullets":
            self.close()
            self.kind = "bullets"
        self._touch(*piece)
        self.paragraphs.append([piece])

    def plain(self, start: int, line: str) -> None:
        lead = len(line) - len(line.lstrip())
        piece = (start + lead, start + len(line.rstrip()))
        if self.kind == "bullets":
            if self.paragraphs:
                self.paragraphs[-1].append(piece)
            else:
                self.paragraphs.append([piece])
            self._touch(*piece)
        elif self.kind == "table" and self.cell is not None:
            self.cells[self.cell].append(piece)
            self._touch(*piece)


def split_cases(document: str) -> list[CaseText]:
    """The cases of `document` in document order, as `seed_cases.parse` delimits them."""
    w = _Walker(document)
    pos = 0
    for raw in document.splitlines(keepends=True):
        start = pos
        pos += len(raw)
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        if "\t" in line:
            w.row(start, line)
            continue
        title = sc._heading(line)
        if title is not None:
            part = sc._part_of_title(title)
            w.close()
            if part is not None:
                w.part, w.country = part, ""
            elif len(title.split()) <= 5:
                w.country = sc._country(title)
            continue
        if sc._FOOTNOTE.match(line) or sc._RULE.match(line):
            continue
        m = sc._BULLET.match(line)
        if m:
            w.bullet(start, line, m)
        else:
            w.plain(start, line)
    w.close()
    return w.cases
