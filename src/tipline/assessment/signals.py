"""Signals: each fact in a report that bears on its priority or validity, with its source and evidence.

Pure functions over the report's content (with supplements merged), its files' classifications and
matches, and analysts' notes. Nothing here touches the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from tipline.assessment.text.cues import Cue, find_cues
from tipline.assessment.text.lexicon import VERY_YOUNG_MAX_AGE

CHILD_MAX_AGE = 17
SNIPPET = 80  # characters of context kept either side of a cue's words


@dataclass(frozen=True, slots=True)
class Signal:
    """kind: what (e.g. text.planned_meeting, file.known, victim.very_young); source: where (text:t1,
    file:f1, victims/v1, flags); evidence: the words, match or value that produced it."""

    kind: str
    source: str
    evidence: str
    language: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(frozen=True, slots=True)
class FileFacts:
    ref: str
    media_type: str | None
    classification: str | None  # known | allowlisted | unknown | None (not matched yet)
    has_hash: bool
    annotations: tuple[str, ...] = ()
    matches: tuple[str, ...] = ()  # "bank demo-known, pdq distance 4"


@dataclass(frozen=True, slots=True)
class Note:
    ref: str
    text: str


# A provider's description telling that the contact is over (sextortion that ended, a blocked account):
# it lowers imminence. English only: descriptions come from providers' trust-and-safety staff.
_CONTACT_ENDED = re.compile(
    r"\b(?:conversation|contact|chat|communication)s? (?:had |has )?(?:ended|stopped|ceased)\b"
    r"|\b(?:had |has )?blocked the (?:user|account|adult|suspect)\b"
    r"|\bno (?:further|longer any|more) contact\b|\bno longer in contact\b",
    re.IGNORECASE,
)

_MEDIA_PREFIXES = ("image/", "video/")


def collect(
    content: dict[str, Any],
    files: Sequence[FileFacts],
    notes: Sequence[Note] = (),
    *,
    at: datetime,
) -> list[Signal]:
    """Every signal of a report. ``at`` is when the report was received (ages from dates of birth)."""
    out: list[Signal] = []
    out.extend(_text_signals(content, notes))
    out.extend(_file_signals(files))
    out.extend(_flag_signals(content))
    out.extend(_people_signals(content, at.date()))
    return out


# --- texts ---------------------------------------------------------------------------------------


def texts_of(content: dict[str, Any], notes: Sequence[Note] = ()) -> Iterator[tuple[str, str, str | None]]:
    """(source, text, declared language) of every text that may hold cues."""
    for i, t in enumerate(content.get("texts", [])):
        source = f"text:{t.get('ref') or i}"
        if t.get("content"):
            yield source, t["content"], t.get("language")
        messages = [m["text"] for m in t.get("messages", []) if m.get("text")]
        if messages:
            # one text per excerpt: the language is detected on the whole conversation, not per line
            yield source, "\n".join(messages), t.get("language")
    flags = content.get("flags") or {}
    if flags.get("urgent_reason"):
        yield "flags.urgent_reason", flags["urgent_reason"], None
    if content.get("additional_info"):
        yield "additional_info", content["additional_info"], None
    for group in ("reported_persons", "victims", "intended_recipients"):
        for p in content.get(group, []):
            for name in ("additional_info", "profile_bio"):
                if p.get(name):
                    yield f"{group}/{p['ref']}.{name}", p[name], None
    for f in content.get("files", []):
        if f.get("additional_info"):
            yield f"file:{f['ref']}.additional_info", f["additional_info"], None
    for n in notes:
        yield f"note:{n.ref}", n.text, None


def _text_signals(content: dict[str, Any], notes: Sequence[Note]) -> Iterator[Signal]:
    for source, text, language in texts_of(content, notes):
        seen: set[str] = set()
        for cue in find_cues(text, language):
            if cue.kind.value in seen:
                continue  # one signal per kind and text; the first words are the evidence
            seen.add(cue.kind.value)
            yield Signal(f"text.{cue.kind.value}", source, snippet(text, cue), cue.language)
        if source.startswith("text:") or source == "additional_info":
            m = _CONTACT_ENDED.search(text)
            if m:
                yield Signal("text.contact_ended", source, _window(text, m.start(), m.end()), "en")


def snippet(text: str, cue: Cue) -> str:
    return _window(text, cue.start, cue.end)


def _window(text: str, start: int, end: int) -> str:
    lo, hi = max(0, start - SNIPPET), min(len(text), end + SNIPPET)
    head = "…" if lo > 0 else ""
    tail = "…" if hi < len(text) else ""
    return f"{head}{text[lo:start]}[{text[start:end]}]{text[end:hi]}{tail}".replace("\n", " / ")


# --- files ---------------------------------------------------------------------------------------


def _file_signals(files: Sequence[FileFacts]) -> Iterator[Signal]:
    for f in files:
        source = f"file:{f.ref}"
        media = (f.media_type or "").lower()
        if f.classification == "known":
            yield Signal("file.known", source, "; ".join(f.matches) or "matches known material")
        elif f.classification == "allowlisted":
            yield Signal("file.allowlisted", source, "; ".join(f.matches) or "on an allowlist")
        elif f.classification == "unknown" and (media.startswith(_MEDIA_PREFIXES) or not media):
            yield Signal(
                "file.unknown_media",
                source,
                f"{media or 'media of unstated type'} matching no indicator: possibly new material",
            )
        for a in f.annotations:
            yield Signal(f"annotation.{a}", source, f"the provider tagged the file {a}")


def _flag_signals(content: dict[str, Any]) -> Iterator[Signal]:
    flags = content.get("flags") or {}
    if flags.get("urgent"):
        yield Signal("provider.urgent", "flags.urgent", flags.get("urgent_reason") or "no reason given")
    for a in content.get("annotations", []):
        yield Signal(f"annotation.{a}", "annotations", f"the provider tagged the report {a}")
    incident = content.get("incident") or {}
    for c in incident.get("categories", []):
        yield Signal(f"category.{c}", "incident.categories", c)
    for t in incident.get("ncmec_types", []):
        yield Signal(f"ncmec.{t}", "incident.ncmec_types", t)
    batch = content.get("batch")
    if batch and batch.get("reason") == "viral_potential_meme":
        n = batch.get("incident_count")
        yield Signal("batch.viral", "batch", f"batched viral re-shares ({n or 'unknown'} incidents)")
    le = content.get("law_enforcement") or {}
    if le.get("reported_to_le"):
        yield Signal("provider.reported_to_le", "law_enforcement", le.get("agency_name") or "an agency")


# --- people --------------------------------------------------------------------------------------


def age_of(person: dict[str, Any], on: date) -> tuple[int, str] | None:
    """The person's age in years (the youngest plausible), and where it came from."""
    if person.get("age") is not None:
        return int(person["age"]), "age"
    born = person.get("date_of_birth")
    if born:
        b = date.fromisoformat(born)
        return on.year - b.year - ((on.month, on.day) < (b.month, b.day)), "date_of_birth"
    band = person.get("age_range")
    if band:
        return int(band["min"]), "age_range"
    if person.get("approximate_age") is not None:
        return int(person["approximate_age"]), "approximate_age"
    return None


def _people_signals(content: dict[str, Any], on: date) -> Iterator[Signal]:
    for p in content.get("victims", []):
        source = f"victims/{p['ref']}"
        found = age_of(p, on)
        if found is not None:
            age, field = found
            if age <= VERY_YOUNG_MAX_AGE:
                yield Signal("victim.very_young", source, f"{field}: {age}")
            elif age <= CHILD_MAX_AGE:
                yield Signal("victim.child", source, f"{field}: {age}")
        if not has_account(p):
            yield Signal("victim.depicted", source, "a victim who is not a user of the service")
    for p in content.get("intended_recipients", []):
        found = age_of(p, on)
        if found is not None and found[0] <= CHILD_MAX_AGE:
            yield Signal("recipient.minor", f"intended_recipients/{p['ref']}", f"{found[1]}: {found[0]}")
    for p in content.get("reported_persons", []):
        source = f"reported_persons/{p['ref']}"
        found = age_of(p, on)
        if found is not None and found[0] <= CHILD_MAX_AGE:
            yield Signal("reported.minor", source, f"{found[1]}: {found[0]}")
        if p.get("prior_reports"):
            yield Signal("person.prior_reports", source, f"{len(p['prior_reports'])} earlier report(s) named")


def has_account(person: dict[str, Any]) -> bool:
    return bool(person.get("provider_user_id") or person.get("screen_name") or person.get("emails"))


def kinds(signals: Iterable[Signal]) -> set[str]:
    return {s.kind for s in signals}
