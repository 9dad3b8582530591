"""Matching hashes against the banks: lookups, the matching of reports' files, and retro-hunts.

Exact hashes (MD5, SHA-1, SHA-256) are looked up in the database's index; PDQ hashes in the process's
``LiveIndex``. Every candidate is checked against the database before it counts: the indicator must be
active, its bank enabled, and a PDQ distance within that bank's own threshold. A PDQ of quality below 50
is never matched (on either side).

A file's classification follows from its live matches, strongest first:
exact known > exact allowlist > perceptual allowlist > perceptual known > unknown.
An exact hash identifies the file itself; an allowlist entry exists to suppress a perceptual match seen
before to be a false positive, so it outranks a perceptual match of known material but not an exact one.
Banks of purpose "other" record matches without classifying.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy.orm import Session

from tipline.audit import service as audit
from tipline.banks import repository as banks
from tipline.banks.schemas import Purpose
from tipline.core.clock import utc_now
from tipline.jobs import queue
from tipline.matching import repository
from tipline.matching.live import LiveIndex
from tipline.matching.pdq_index import PdqIndex, hashes_from_hex, hex_from_hashes
from tipline.models import Bank, ReportFile
from tipline.reports import repository as reports
from tipline.reports.service import CHANGED_JOB

EXACT_TYPES = ("md5", "sha1", "sha256")
ACTOR = "tipline:matcher"


@dataclass(frozen=True)
class Query:
    hash_type: str
    value: str  # normalised lowercase hex
    quality: int | None = None


@dataclass(frozen=True)
class Hit:
    indicator_id: int
    bank_id: uuid.UUID
    bank: str
    purpose: str
    hash_type: str
    distance: int
    category: str | None


def usable_pdq(quality: int | None) -> bool:
    return quality is None or quality >= banks.MIN_PDQ_QUALITY


def lookup(session: Session, live: LiveIndex, queries: Sequence[Query]) -> list[list[Hit]]:
    """The hits of each query, nearest first. Refreshes the index first, so that everything committed
    before this call is matchable."""
    live.refresh(session)
    enabled = {b.id: b for b in banks.banks_by_id(session).values() if b.enabled}
    hits: list[list[Hit]] = [[] for _ in queries]
    _exact(session, queries, enabled, hits)
    _perceptual(session, live, queries, enabled, hits)
    for found in hits:
        found.sort(key=lambda h: (h.distance, h.bank, h.indicator_id))
    return hits


def _exact(
    session: Session, queries: Sequence[Query], enabled: dict[uuid.UUID, Bank], hits: list[list[Hit]]
) -> None:
    wanted: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, q in enumerate(queries):
        if q.hash_type in EXACT_TYPES:
            wanted[(q.hash_type, q.value)].append(i)
    for row in banks.exact_lookup(session, list(wanted)):
        bank = enabled.get(row.bank_id)
        if bank is None:
            continue
        hit = Hit(row.id, bank.id, bank.name, bank.purpose, row.hash_type, 0, row.category)
        for i in wanted[(row.hash_type, row.value)]:
            hits[i].append(hit)


def _perceptual(
    session: Session,
    live: LiveIndex,
    queries: Sequence[Query],
    enabled: dict[uuid.UUID, Bank],
    hits: list[list[Hit]],
) -> None:
    positions = [i for i, q in enumerate(queries) if q.hash_type == "pdq" and usable_pdq(q.quality)]
    if not positions or not enabled:
        return
    radius = max(b.pdq_threshold for b in enabled.values())
    found = live.search(hashes_from_hex([queries[i].value for i in positions]), radius)
    if not len(found):
        return
    rows = banks.indicators_by_id(session, np.unique(found.ids).tolist())
    for q, indicator_id, distance in zip(
        found.query.tolist(), found.ids.tolist(), found.distance.tolist(), strict=True
    ):
        row = rows.get(indicator_id)
        bank = None if row is None else enabled.get(row.bank_id)
        if row is None or bank is None or row.status != "active" or distance > bank.pdq_threshold:
            continue
        hits[positions[q]].append(
            Hit(row.id, bank.id, bank.name, bank.purpose, "pdq", distance, row.category)
        )


def audit_lookup(session: Session, actor: str, queries: Sequence[Query], hits: list[list[Hit]]) -> None:
    """The audit record of a lookup through the match API or CLI: counts only, never the hashes.

    The lookup itself runs in a read-only unit and this record in a short writing one after it, so
    that lookups never queue behind writers (SQLite has one write lock)."""
    audit.record(session, actor, "match.query", None, queries=len(queries), matched=sum(1 for h in hits if h))


# reports


def file_queries(file: ReportFile) -> list[Query]:
    queries = [Query(t, getattr(file, t)) for t in EXACT_TYPES if getattr(file, t)]
    if file.pdq:
        queries.append(Query("pdq", file.pdq, file.pdq_quality))
    return queries


@dataclass
class Outcome:
    """What matching changed on one report, for its event."""

    new: list[dict[str, Any]] = field(default_factory=list)
    classified: dict[str, str] = field(default_factory=dict)  # file ref -> classification, when changed


def match_report(session: Session, live: LiveIndex, report_id: uuid.UUID) -> Outcome | None:
    """Match every file of a finished report; records new matches, classifies the files, and appends
    ``report.files_matched`` when anything changed. Running it again changes nothing."""
    report = repository.lock_report(session, report_id)
    if report is None or report.status == "open":
        return None
    files = repository.files_of(session, report_id)
    per_file = [file_queries(f) for f in files]
    flat = [q for qs in per_file for q in qs]
    hits = lookup(session, live, flat)
    found: dict[uuid.UUID, list[Hit]] = defaultdict(list)
    cursor = 0
    for file, queries in zip(files, per_file, strict=True):
        for hs in hits[cursor : cursor + len(queries)]:
            found[file.id].extend(hs)
        cursor += len(queries)
    outcome = _record(session, live, {f.id: f for f in files}, found, via="intake")
    _classify(session, files, outcome)
    if outcome.new or outcome.classified:
        data = {"index_version": live.watermark, "matches": outcome.new, "classified": outcome.classified}
        reports.append_event(session, report_id, "report.files_matched", ACTOR, utc_now(), data)
    return outcome


def _record(
    session: Session,
    live: LiveIndex,
    files: dict[uuid.UUID, ReportFile],
    found: dict[uuid.UUID, list[Hit]],
    via: str,
) -> Outcome:
    have = repository.existing_pairs(session, list(found))
    now, outcome, rows = utc_now(), Outcome(), []
    for file_id, file_hits in found.items():
        best: dict[int, Hit] = {}
        for hit in file_hits:
            if hit.indicator_id not in best or hit.distance < best[hit.indicator_id].distance:
                best[hit.indicator_id] = hit
        for hit in best.values():
            if (file_id, hit.indicator_id) in have:
                continue
            rows.append(
                {
                    "report_id": files[file_id].report_id,
                    "file_id": file_id,
                    "indicator_id": hit.indicator_id,
                    "bank_id": hit.bank_id,
                    "hash_type": hit.hash_type,
                    "distance": hit.distance,
                    "matched_at": now,
                    "index_version": live.watermark,
                    "via": via,
                }
            )
            outcome.new.append(
                {
                    "file": files[file_id].ref,
                    "indicator_id": hit.indicator_id,
                    "bank": hit.bank,
                    "purpose": hit.purpose,
                    "hash_type": hit.hash_type,
                    "distance": hit.distance,
                }
            )
    repository.insert_matches(session, rows)
    return outcome


def classify(matches: Sequence[tuple[str, int, str]]) -> tuple[str, str]:
    """(classification, reason) from live matches given as (hash_type, distance, purpose)."""
    exact = {p for t, _, p in matches if t in EXACT_TYPES}
    perceptual = {p for t, _, p in matches if t not in EXACT_TYPES}
    if Purpose.known in exact:
        return "known", "exact hash of known material"
    if Purpose.allowlist in exact:
        return "allowlisted", "exact hash on an allowlist"
    if Purpose.allowlist in perceptual:
        return "allowlisted", "perceptual match on an allowlist"
    if Purpose.known in perceptual:
        return "known", "perceptual match of known material"
    return "unknown", "no match in a known or allowlist bank"


def _classify(session: Session, files: Sequence[ReportFile], outcome: Outcome) -> None:
    live = defaultdict(list)
    for row in repository.live_matches(session, [f.id for f in files]):
        live[row.file_id].append((row.hash_type, row.distance, row.purpose))
    now = utc_now()
    for file in files:
        if not file_queries(file):
            continue  # nothing to match on (e.g. bytes still to come)
        classification, _ = classify(live.get(file.id, []))
        if file.classification != classification:
            outcome.classified[file.ref] = classification
            file.classification = classification
        file.matched_at = now
    session.flush()


# retro-hunts


@dataclass
class RetroHunt:
    """A retro-hunt's findings (from a read-only scan) and, once recorded, what they changed."""

    indicators: int = 0
    files_scanned: int = 0
    hits: list[tuple[uuid.UUID, uuid.UUID, Hit]] = field(default_factory=list)  # (file, report, hit)
    new_matches: int = 0
    reports: int = 0


def retro_hunt(session: Session, bank_id: uuid.UUID, seq_from: int, seq_to: int) -> RetroHunt:
    """Find the stored files of earlier reports that the indicators changed in [seq_from, seq_to] match
    (only those indicators, not a full re-match). Only reads: run it in a read-only unit, so that a
    long scan holds no write lock; then ``record_retro_hunt`` in a short writing unit."""
    result = RetroHunt()
    bank = session.get(Bank, bank_id)
    if bank is None or not bank.enabled:
        return result
    indicators = [r for r in banks.indicators_in_seq_range(session, seq_from, seq_to) if r.bank_id == bank_id]
    result.indicators = len(indicators)
    for hash_type in EXACT_TYPES:
        by_value = {r.value: r for r in indicators if r.hash_type == hash_type}
        for file_id, report_id, value in repository.files_with_hash(session, hash_type, list(by_value)):
            row = by_value[value]
            hit = Hit(row.id, bank.id, bank.name, bank.purpose, hash_type, 0, None)
            result.hits.append((file_id, report_id, hit))
    pdq = [r for r in indicators if r.hash_type == "pdq" and usable_pdq(r.quality)]
    if pdq:
        result.files_scanned, pdq_hits = _pdq_retro_hunt(session, bank, pdq)
        result.hits.extend(pdq_hits)
    return result


def _pdq_retro_hunt(
    session: Session, bank: Bank, indicators: Sequence[Any]
) -> tuple[int, list[tuple[uuid.UUID, uuid.UUID, Hit]]]:
    """Index the distinct stored file PDQs (once per hunt), then search the new indicators in it."""
    batches = [hashes_from_hex(values) for values in repository.stored_pdqs(session)]
    if not batches:
        return 0, []
    stored = np.concatenate(batches)  # duplicates are harmless: rows are found by value afterwards
    index = PdqIndex.build(np.arange(len(stored), dtype=np.int64), stored)
    found = index.search(hashes_from_hex([r.value for r in indicators]), bank.pdq_threshold)
    nearest: dict[str, tuple[int, int]] = {}  # stored pdq -> (distance, indicator position)
    stored_hex = _hex_rows(stored, found.ids)
    for q, pos, distance in zip(
        found.query.tolist(), found.ids.tolist(), found.distance.tolist(), strict=True
    ):
        value = stored_hex[pos]
        if value not in nearest or distance < nearest[value][0]:
            nearest[value] = (distance, q)
    hits = []
    for file_id, report_id, value in repository.files_with_hash(session, "pdq", list(nearest)):
        distance, q = nearest[value]
        row = indicators[q]
        hits.append(
            (file_id, report_id, Hit(row.id, bank.id, bank.name, bank.purpose, "pdq", distance, None))
        )
    return sum(len(b) for b in batches), hits


def _hex_rows(stored: np.ndarray, positions: np.ndarray) -> dict[int, str]:
    unique = np.unique(positions)
    return dict(zip(unique.tolist(), hex_from_hashes(stored[unique]), strict=True))


def record_retro_hunt(session: Session, live: LiveIndex, result: RetroHunt) -> RetroHunt:
    """Record a retro-hunt's findings whose indicator is still active and bank still enabled; appends
    ``report.late_match`` to each report that gained matches."""
    rows = banks.indicators_by_id(session, sorted({hit.indicator_id for _, _, hit in result.hits}))
    enabled = {b.id for b in banks.banks_by_id(session).values() if b.enabled}
    by_report: dict[uuid.UUID, dict[uuid.UUID, list[Hit]]] = defaultdict(lambda: defaultdict(list))
    for file_id, report_id, hit in result.hits:
        row = rows.get(hit.indicator_id)
        if row is not None and row.status == "active" and row.bank_id in enabled:
            by_report[report_id][file_id].append(hit)
    for report_id in sorted(by_report):
        if repository.lock_report(session, report_id) is None:
            continue
        files = repository.files_by_id(session, list(by_report[report_id]))
        outcome = _record(session, live, {f.id: f for f in files}, by_report[report_id], via="retro_hunt")
        if not outcome.new:
            continue
        _classify(session, files, outcome)
        data = {"index_version": live.watermark, "matches": outcome.new, "classified": outcome.classified}
        reports.append_event(session, report_id, "report.late_match", ACTOR, utc_now(), data)
        queue.enqueue(session, CHANGED_JOB, {"report_id": str(report_id), "cause": "late_match"})
        result.new_matches += len(outcome.new)
        result.reports += 1
    return result
