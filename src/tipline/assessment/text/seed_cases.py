"""Parser of the seed case-summary document, and its alignment with a gold annotation file.

The document (a Markdown export of published EU sample cases) has three parts, each under country
headings (``## Cyprus``, ``### **Austria**``, ``**Austria**``):

* ``table_2019_2022``: two-column table rows, ``<label>\\t<value>``: "Company name and service ...",
  "Details of the case ...", "Resolution of the case ...". A cell may be split by a page break
  (a further row whose label is a stray fragment, or a line starting with a tab) and cells may
  carry HTML (``<p>``, ``<ul><li>``). A case is details + resolution.
* ``impact_assessment``: bullets; under a country either ``- Case # N:`` markers, each followed by
  (sub-)bullets, or, without markers, all bullets form one case. Footnotes (``<sup>1</sup> ...``)
  and rules (``---``) between them are dropped.
* ``ncmec_summaries`` (online solicitation): one top-level bullet per case; a case may continue
  after blank lines (page breaks) with plain lines or quoted chat lines.

Gold rows (JSON lines with ``id``, ``part``, ``country``, ``first_line_hint`` = the first ~60
characters of the case's first line) are aligned to parsed cases by normalised hint, preferring the
same part and country, the provider named in the gold row, and document order; each parsed case is
used once. The document holds cases without gold rows (held back), so cases are never aligned by
position alone. Report text is never logged here.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PART_TABLE = "table_2019_2022"
PART_IMPACT = "impact_assessment"
PART_SOLICITATION = "ncmec_summaries"

# Country names as written in such documents -> the short English names used in gold files.
COUNTRY_ALIASES: Mapping[str, str] = {
    "czech republic": "Czechia",
    "the czech republic": "Czechia",
    "the netherlands": "Netherlands",
    "holland": "Netherlands",
    "slovak republic": "Slovakia",
    "republic of ireland": "Ireland",
    "republic of cyprus": "Cyprus",
    "hellenic republic": "Greece",
}


@dataclass(frozen=True, slots=True)
class SeedCase:
    """One case of the document: its part, country heading, first line and full text."""

    part: str
    country: str
    first_line: str
    text: str
    provider: str = ""  # the table's "Company name" cell, when there is one


@dataclass(frozen=True, slots=True)
class GoldRow:
    """The fields of a gold line that alignment and evaluation use (``raw`` keeps the rest)."""

    id: str
    part: str
    country: str
    first_line_hint: str
    raw: Mapping[str, Any]


class GoldFormatError(ValueError):
    """A gold file line that is not a JSON object with the required fields."""


@dataclass(frozen=True, slots=True)
class Alignment:
    """Gold rows paired with parsed cases (each used once) and the gold ids left unaligned."""

    pairs: tuple[tuple[GoldRow, SeedCase], ...]
    unaligned: tuple[str, ...]


# ---------------------------------------------------------------------------------------------------
# Text clean-up

_SUP = re.compile(r"<sup>.*?</sup>", re.IGNORECASE | re.DOTALL)
_BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|br|div|tr|td)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\u00a0]+")
_RULE = re.compile(r"^[\s\-–—|:]*$")
_QUOTES = str.maketrans("\u2019\u2018\u201c\u201d", "''\"\"")


def clean(fragment: str) -> str:
    """Markdown/HTML fragment -> plain text: tags and footnote marks dropped, emphasis removed,
    paragraphs/list items on their own lines, spaces collapsed."""
    s = _SUP.sub("", fragment)
    s = _BLOCK_TAG.sub("\n", s)
    s = _TAG.sub("", s)
    s = html.unescape(s)
    s = s.replace("**", "").replace("\\*", "*").replace("\\_", "_")
    lines = (_SPACES.sub(" ", line).strip() for line in s.split("\n"))
    return "\n".join(line for line in lines if line)


def normalise_hint(s: str) -> str:
    """The comparable form of a first line or hint: no markup, one space, lower case, plain quotes."""
    s = clean(s).replace("*", "").replace("_", " ")
    s = s.translate(_QUOTES)
    return " ".join(s.split()).lower()


# ---------------------------------------------------------------------------------------------------
# Document parsing

_HEADING = re.compile(r"^\s*#{1,6}\s*(?P<text>.+?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*\*\*(?P<text>[^*]+)\*\*\s*$")
_BULLET = re.compile(r"^(?P<indent>\s*)[-*•]\s+(?P<text>.*)$")
_CASE_MARKER = re.compile(r"^\s*[-*•]?\s*case\s*#?\s*\d+\b", re.IGNORECASE)
_FOOTNOTE = re.compile(r"^\s*(?:<sup>\s*\d+\s*</sup>|\[\^?\d+\]:?|\^\d+)")
_LABELS = (
    ("company", re.compile(r"^company\s+name", re.IGNORECASE)),
    ("details", re.compile(r"^details\s+of\s+the\s+case", re.IGNORECASE)),
    ("resolution", re.compile(r"^resolution\s+of\s+the\s+case", re.IGNORECASE)),
)


def _heading(line: str) -> str | None:
    m = _HEADING.match(line) or _BOLD_LINE.match(line)
    if not m:
        return None
    text = clean(m.group("text")).strip(" :*")
    return text or None


def _part_of_title(title: str) -> str | None:
    t = title.lower()
    if "solicitation" in t:
        return PART_SOLICITATION
    if "impact assessment" in t:
        return PART_IMPACT
    if "sample cases" in t or "originated from a report" in t:
        return PART_TABLE
    return None


def _country(title: str) -> str:
    name = " ".join(title.split())
    return COUNTRY_ALIASES.get(name.lower(), name)


class _Builder:
    """Collects the cases of the document while walking it line by line."""

    def __init__(self) -> None:
        self.cases: list[SeedCase] = []
        self.part = PART_TABLE
        self.country = ""
        # the open case: table cells or bullet paragraphs
        self.kind: str | None = None  # "table" | "bullets"
        self.cells: dict[str, list[str]] = {}
        self.cell: str | None = None
        self.paragraphs: list[str] = []
        self.markers = False  # impact part: the country's bullets are split by "Case # N" markers

    # -- closing -----------------------------------------------------------------------------------
    def close(self) -> None:
        if self.kind == "table":
            details = clean(" ".join(self.cells.get("details", [])))
            resolution = clean(" ".join(self.cells.get("resolution", [])))
            text = "\n".join(t for t in (details, resolution) if t)
            if text:
                first = (details or resolution).split("\n", 1)[0]
                provider = clean(" ".join(self.cells.get("company", [])))
                self.cases.append(SeedCase(self.part, self.country, first, text, provider))
        elif self.kind == "bullets":
            text = clean("\n".join(self.paragraphs))
            if text:
                self.cases.append(SeedCase(self.part, self.country, text.split("\n", 1)[0], text))
        self.kind, self.cells, self.cell, self.paragraphs = None, {}, None, []

    # -- table rows ---------------------------------------------------------------------------------
    def row(self, label_cell: str, value: str) -> None:
        label = clean(label_cell).lstrip("- ").strip()
        name = next((n for n, rx in _LABELS if rx.match(label)), None)
        if _RULE.match(clean(label_cell)) and _RULE.match(clean(value)):
            return  # a table rule such as "---\t---"
        if name is None:
            # a cell split by a page break: the value continues the open cell
            if self.kind == "table" and self.cell is not None and value.strip():
                self.cells[self.cell].append(value)
            return
        if self.kind != "table" or name == "company" or name in self.cells:
            self.close()
            self.kind = "table"
        self.cell = name
        self.cells.setdefault(name, [])
        if value.strip() and not _RULE.match(clean(value)):
            self.cells[name].append(value)

    # -- bullets ------------------------------------------------------------------------------------
    def bullet(self, indent: int, text: str, line: str) -> None:
        if self.part == PART_IMPACT:
            if _CASE_MARKER.match(line):
                self.close()
                self.kind, self.markers = "bullets", True
                return
            if self.kind != "bullets":
                self.close()
                self.kind = "bullets"
            self.paragraphs.append(text)
            return
        # solicitation part (and bullets anywhere else): a top-level bullet starts a case
        if indent == 0 or self.kind != "bullets":
            self.close()
            self.kind = "bullets"
        self.paragraphs.append(text)

    def plain(self, line: str) -> None:
        if self.kind == "bullets":
            if self.paragraphs:
                self.paragraphs[-1] += " " + line.strip()
            else:
                self.paragraphs.append(line.strip())
        elif self.kind == "table" and self.cell is not None:
            self.cells[self.cell].append(line)


def parse(document: str) -> list[SeedCase]:
    """The cases of a document in document order."""
    b = _Builder()
    for raw in document.splitlines():
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        if "\t" in line:
            label_cell, _, value = line.partition("\t")
            b.row(label_cell, value.replace("\t", " "))
            continue
        title = _heading(line)
        if title is not None:
            part = _part_of_title(title)
            b.close()
            if part is not None:
                b.part, b.country = part, ""
            elif len(title.split()) <= 5:
                b.country = _country(title)
            b.markers = False
            continue
        if _FOOTNOTE.match(line) or _RULE.match(line):
            continue
        m = _BULLET.match(line)
        if m:
            b.bullet(len(m.group("indent").expandtabs(4)), m.group("text"), line)
        else:
            b.plain(line)
    b.close()
    return b.cases


def parse_file(path: Path) -> list[SeedCase]:
    return parse(path.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------------------
# Gold


def read_gold(path: Path) -> list[GoldRow]:
    """The rows of a gold JSONL file; GoldFormatError names the first bad line."""
    rows: list[GoldRow] = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFormatError(f"{path}: line {number} is not JSON ({exc.msg})") from None
            if not isinstance(obj, dict):
                raise GoldFormatError(f"{path}: line {number} is not a JSON object")
            missing = [k for k in ("id", "first_line_hint") if not isinstance(obj.get(k), str)]
            if missing:
                raise GoldFormatError(f"{path}: line {number} lacks {', '.join(missing)}")
            rows.append(
                GoldRow(
                    id=obj["id"],
                    part=str(obj.get("part") or ""),
                    country=str(obj.get("country") or ""),
                    first_line_hint=obj["first_line_hint"],
                    raw=obj,
                )
            )
    return rows


def _names(row: GoldRow) -> list[str]:
    names: list[str] = []
    for key in ("services", "providers"):
        value = row.raw.get(key)
        if isinstance(value, list):
            names.extend(str(v).lower() for v in value if isinstance(v, str) and v.strip())
    return names


def align(cases: Sequence[SeedCase], gold: Iterable[GoldRow]) -> Alignment:
    """Pair each gold row with the parsed case it describes.

    A case is a candidate when its normalised first line starts with the normalised hint (or,
    failing any such case, its text contains the hint). Among candidates, prefer the same part and
    country, then one whose provider cell or text names the gold row's service/provider, then the
    first one after the previously aligned case (document order), then the first one at all.
    """
    firsts = [normalise_hint(c.first_line) for c in cases]
    texts = [normalise_hint(c.text) for c in cases]
    used: set[int] = set()
    pairs: list[tuple[GoldRow, SeedCase]] = []
    unaligned: list[str] = []
    last = -1
    for row in gold:
        hint = normalise_hint(row.first_line_hint)
        if not hint:
            unaligned.append(row.id)
            continue
        candidates = [i for i, f in enumerate(firsts) if i not in used and f.startswith(hint)]
        if not candidates:
            candidates = [i for i, t in enumerate(texts) if i not in used and hint in t]
        if not candidates:
            unaligned.append(row.id)
            continue
        names = _names(row)

        def score(
            i: int, names: list[str] = names, row: GoldRow = row, last: int = last
        ) -> tuple[int, int, int, int, int]:
            case = cases[i]
            same_part = int(not row.part or case.part == row.part)
            same_country = int(not row.country or case.country.lower() == row.country.lower())
            where = f"{case.provider} {case.text}".lower()
            named = int(bool(names) and any(n in where for n in names))
            after = int(i > last)
            return (same_part + same_country, named, after, -i if after else 0, -i)

        best = max(candidates, key=score)
        used.add(best)
        last = best
        pairs.append((row, cases[best]))
    return Alignment(tuple(pairs), tuple(unaligned))
