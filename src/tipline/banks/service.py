"""Curating banks: create and change them, import and add indicators, withdraw, reinstate, feedback.

Every change to an indicator takes a number from the indicator sequence (see models/bank.py) and is an
event; every access is audited. An import is one unit of work: it lands whole or not at all, and
importing the same file again changes nothing (every record is then "unchanged").
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tipline.audit import service as audit
from tipline.banks import repository
from tipline.banks.formats import (
    EntryWithdrawn,
    IndicatorRecord,
    ReadResult,
    RecordError,
    Skipped,
    normalize_hash,
)
from tipline.banks.schemas import (
    BankCreate,
    BankRead,
    BankUpdate,
    ImportSummary,
    IndicatorIn,
    IndicatorRead,
)
from tipline.core.clock import utc_now
from tipline.core.errors import Conflict, NotFound, Unprocessable
from tipline.jobs import queue
from tipline.models import Bank, BankImport, Indicator

BATCH = 5000
MAX_ERROR_SAMPLES = 20
RETRO_HUNT_JOB = "matching.retro_hunt"
# the details an import may change on an existing indicator
DETAILS = (
    "media_type",
    "category",
    "quality",
    "external_id",
    "contributor",
    "source",
    "decision_ref",
    "decided_on",
)


def create_bank(session: Session, data: BankCreate, actor: str) -> Bank:
    if repository.get_bank(session, data.name) is not None:
        raise Conflict(f"a bank named {data.name!r} exists", code="bank_exists")
    bank = Bank(**data.model_dump())
    session.add(bank)
    session.flush()
    audit.record(session, actor, "bank.create", data.name, purpose=data.purpose.value)
    return bank


def get_bank(session: Session, name: str) -> Bank:
    bank = repository.get_bank(session, name)
    if bank is None:
        raise NotFound(f"no bank named {name!r}", code="bank_not_found")
    return bank


def update_bank(session: Session, name: str, data: BankUpdate, actor: str) -> Bank:
    bank = get_bank(session, name)
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    for key, value in changes.items():
        setattr(bank, key, value)
    bank.updated_at = utc_now()
    session.flush()
    audit.record(session, actor, "bank.update", name, changes=changes)
    return bank


def list_banks(session: Session, actor: str) -> list[BankRead]:
    counts = repository.indicator_counts(session)
    result = []
    for bank in repository.list_banks(session):
        read = BankRead.model_validate(bank)
        read.active = {t: n for (b, t, s), n in counts.items() if b == bank.id and s == "active"}
        read.withdrawn = sum(n for (b, _, s), n in counts.items() if b == bank.id and s == "withdrawn")
        result.append(read)
    audit.record(session, actor, "bank.list", None, banks=len(result))
    return result


@dataclass
class ImportRun:
    """The running state of one import, carried across its batches (each batch may be its own unit of
    work: ``session`` is the current one)."""

    session: Session
    bank_id: uuid.UUID
    bank_name: str
    actor: str
    import_id: uuid.UUID | None
    summary: ImportSummary
    now: datetime = field(default_factory=utc_now)

    def seq(self, n: int) -> Iterator[int]:
        last = repository.take_seq(self.session, n)
        first = last - n + 1
        if self.summary.seq_from is None:
            self.summary.seq_from = first
        self.summary.seq_to = last
        return iter(range(first, last + 1))

    def event(self, indicator_id: int, kind: str, **data: Any) -> dict[str, Any]:
        if self.import_id is not None:
            data["import_id"] = str(self.import_id)
        return {"indicator_id": indicator_id, "kind": kind, "actor": self.actor, "at": self.now, "data": data}

    def error(self, position: int, message: str) -> None:
        self.summary.errors += 1
        if len(self.summary.error_samples) < MAX_ERROR_SAMPLES:
            self.summary.error_samples.append(f"{position}: {message}")


def start_import(
    session: Session, bank: Bank, actor: str, *, filename: str, file_sha256: str, fmt: str
) -> ImportRun:
    """Begin an import into ``bank``. Then ``import_batch`` for each batch of records (a large import
    commits batch by batch, so that it never holds the database's write lock for long; an import cut
    short is completed by importing the file again), then ``finish_import``."""
    previous = repository.find_import(session, bank.id, file_sha256)
    row = repository.add_import(
        session, bank_id=bank.id, actor=actor, filename=filename[:500], file_sha256=file_sha256, format=fmt
    )
    summary = ImportSummary(bank=bank.name, import_id=row.id)
    if previous is not None:
        summary.previously_imported_at = previous.finished_at
    return ImportRun(session, bank.id, bank.name, actor, row.id, summary)


def import_batch(session: Session, run: ImportRun, batch: Sequence[ReadResult]) -> None:
    run.session = session
    records: dict[tuple[str, str], IndicatorRecord] = {}
    tombstones: list[EntryWithdrawn] = []
    for item in batch:
        if isinstance(item, IndicatorRecord):
            records[(item.hash_type, item.value)] = item  # the last of duplicates wins
        elif isinstance(item, EntryWithdrawn):
            tombstones.append(item)
        elif isinstance(item, Skipped):
            run.summary.skipped += 1
        elif isinstance(item, RecordError):
            run.error(item.position, item.message)
    _apply_records(run, records)
    _apply_tombstones(run, tombstones)


def finish_import(session: Session, run: ImportRun) -> ImportSummary:
    """Record the import's counts, audit it, and enqueue the retro-hunt of what it added."""
    run.session = session
    summary = run.summary
    row = session.get(BankImport, run.import_id)
    assert row is not None
    row.finished_at = utc_now()
    row.seq_from, row.seq_to = summary.seq_from, summary.seq_to
    row.counts = summary.model_dump(mode="json", include=_COUNT_FIELDS)
    audit.record(session, run.actor, "bank.import", run.bank_name, import_id=str(row.id), **row.counts)
    _enqueue_retro_hunt(session, run)
    return summary


def import_records(
    session: Session,
    bank: Bank,
    results: Iterable[ReadResult],
    actor: str,
    *,
    filename: str,
    file_sha256: str,
    fmt: str,
) -> ImportSummary:
    """A whole import in one unit of work."""
    run = start_import(session, bank, actor, filename=filename, file_sha256=file_sha256, fmt=fmt)
    for batch in batched(results, BATCH):
        import_batch(session, run, batch)
    return finish_import(session, run)


def batched(results: Iterable[ReadResult], size: int = BATCH) -> Iterator[list[ReadResult]]:
    iterator = iter(results)
    while batch := list(islice(iterator, size)):
        yield batch


def add_indicators(session: Session, bank: Bank, items: list[IndicatorIn], actor: str) -> ImportSummary:
    """Add indicators given through the API (the same rules as an import)."""
    results: list[ReadResult] = []
    for position, item in enumerate(items, start=1):
        try:
            hash_type, value = normalize_hash(item.hash_type, item.hash)
        except ValueError as exc:
            raise Unprocessable(str(exc), code="invalid_hash", extra={"position": position}) from exc
        details = item.model_dump(exclude={"hash_type", "hash"})
        results.append(IndicatorRecord(position, hash_type, value, withdrawn=False, **details))
    run = ImportRun(session, bank.id, bank.name, actor, None, ImportSummary(bank=bank.name))
    import_batch(session, run, results)
    audit.record(session, actor, "bank.add", bank.name, **run.summary.model_dump(include=_COUNT_FIELDS))
    _enqueue_retro_hunt(session, run)
    return run.summary


_COUNT_FIELDS = {
    "added",
    "updated",
    "withdrawn",
    "reinstated",
    "unchanged",
    "feedback",
    "tombstones_unknown",
    "skipped",
    "errors",
}


def _enqueue_retro_hunt(session: Session, state: ImportRun) -> None:
    s = state.summary
    if s.seq_from is not None and (s.added or s.reinstated or s.updated):
        payload = {"bank_id": str(state.bank_id), "seq_from": s.seq_from, "seq_to": s.seq_to}
        queue.enqueue(session, RETRO_HUNT_JOB, payload)


def _apply_records(state: ImportRun, records: dict[tuple[str, str], IndicatorRecord]) -> None:
    session, summary = state.session, state.summary
    if not records:
        return
    repository.lock_indicator_writes(session)
    found = repository.existing(session, state.bank_id, list(records))
    new = [r for key, r in records.items() if key not in found and not r.withdrawn]
    summary.tombstones_unknown += sum(1 for key, r in records.items() if key not in found and r.withdrawn)
    changed: list[tuple[Indicator, IndicatorRecord, str]] = []
    for key, indicator in found.items():
        kind = _change(indicator, records[key])
        if kind is None:
            summary.unchanged += 1
        else:
            changed.append((indicator, records[key], kind))
    seqs = state.seq(len(new) + len(changed)) if new or changed else iter(())
    rows = [_new_row(state, r, next(seqs)) for r in new]
    ids = repository.insert_indicators(session, rows)
    events = [state.event(i, "added") for i in ids]
    summary.added += len(ids)
    for indicator, record, kind in changed:
        events.append(state.event(indicator.id, kind, **_update(indicator, record, next(seqs), state.now)))
        setattr(summary, kind, getattr(summary, kind) + 1)
    events.extend(
        _feedback_events(state, records, dict(zip((_key(r) for r in new), ids, strict=True)), found)
    )
    repository.insert_events(session, events)
    session.flush()
    for indicator in found.values():
        session.expunge(indicator)  # keep the session small on imports of millions


def _key(record: IndicatorRecord) -> tuple[str, str]:
    return (record.hash_type, record.value)


def _new_row(state: ImportRun, record: IndicatorRecord, seq: int) -> dict[str, Any]:
    row = {name: getattr(record, name) for name in DETAILS}
    return row | {
        "bank_id": state.bank_id,
        "hash_type": record.hash_type,
        "value": record.value,
        "status": "active",
        "seq": seq,
        "created_at": state.now,
        "withdrawn_at": None,
    }


def _change(indicator: Indicator, record: IndicatorRecord) -> str | None:
    """How applying ``record`` would change ``indicator``: withdrawn, reinstated, updated or None."""
    if record.withdrawn:
        return "withdrawn" if indicator.status == "active" else None
    if indicator.status == "withdrawn":
        return "reinstated"
    differs = any(
        getattr(record, name) is not None and getattr(record, name) != getattr(indicator, name)
        for name in DETAILS
    )
    return "updated" if differs else None


def _update(indicator: Indicator, record: IndicatorRecord, seq: int, now: datetime) -> dict[str, Any]:
    indicator.seq = seq
    if record.withdrawn:
        indicator.status, indicator.withdrawn_at = "withdrawn", now
        return {"reason": "tombstone in import"}
    before = {}
    for name in DETAILS:
        value = getattr(record, name)
        if value is not None and value != getattr(indicator, name):
            before[name] = str(getattr(indicator, name))
            setattr(indicator, name, value)
    indicator.status, indicator.withdrawn_at = "active", None
    return {"changed": sorted(before)}


def _feedback_events(
    state: ImportRun,
    records: dict[tuple[str, str], IndicatorRecord],
    new_ids: dict[tuple[str, str], int],
    found: dict[tuple[str, str], Indicator],
) -> list[dict[str, Any]]:
    with_feedback = {key: r for key, r in records.items() if r.feedback}
    if not with_feedback:
        return []
    ids = {key: new_ids.get(key) or found[key].id for key in with_feedback if key in new_ids or key in found}
    seen = repository.feedback_of(state.session, [i for k, i in ids.items() if k in found])
    events = []
    for key, indicator_id in ids.items():
        known = {_feedback_key(d) for d in seen.get(indicator_id, [])}
        for fb in with_feedback[key].feedback:
            data = {
                "sentiment": fb.sentiment,
                "reason": fb.reason,
                "member": fb.member,
                "given_at": fb.at.isoformat() if fb.at else None,
            }
            if _feedback_key(data) not in known:
                events.append(state.event(indicator_id, "feedback", **data))
                known.add(_feedback_key(data))
    state.summary.feedback += len(events)
    return events


def _feedback_key(data: dict[str, Any]) -> tuple[Any, ...]:
    return (data.get("sentiment"), data.get("reason"), data.get("member"), data.get("given_at"))


def _apply_tombstones(state: ImportRun, tombstones: list[EntryWithdrawn]) -> None:
    if not tombstones:
        return
    session = state.session
    for tomb in tombstones:
        query = select(Indicator).where(
            Indicator.bank_id == state.bank_id, Indicator.external_id == tomb.external_id
        )
        if tomb.contributor is not None:
            query = query.where(Indicator.contributor == tomb.contributor)
        matched = [i for i in session.scalars(query.with_for_update()) if i.status == "active"]
        if not matched:
            state.summary.tombstones_unknown += 1
            continue
        seqs = state.seq(len(matched))
        events = []
        for indicator in matched:
            indicator.seq, indicator.status, indicator.withdrawn_at = next(seqs), "withdrawn", state.now
            events.append(state.event(indicator.id, "withdrawn", reason="tombstone in import"))
        state.summary.withdrawn += len(matched)
        repository.insert_events(session, events)
    session.flush()


# single indicators


def get_indicator(session: Session, indicator_id: int, actor: str) -> IndicatorRead:
    indicator = repository.get_indicator(session, indicator_id)
    if indicator is None:
        raise NotFound(f"no indicator {indicator_id}", code="indicator_not_found")
    bank = session.get(Bank, indicator.bank_id)
    assert bank is not None
    audit.record(session, actor, "indicator.read", str(indicator_id))
    events = repository.indicator_events(session, indicator_id)
    return IndicatorRead.model_validate(
        {**{c: getattr(indicator, c) for c in IndicatorRead.model_fields if hasattr(indicator, c)}}
        | {"bank": bank.name, "events": events}
    )


def _locked(session: Session, indicator_id: int) -> Indicator:
    indicator = repository.get_indicator(session, indicator_id, for_update=True)
    if indicator is None:
        raise NotFound(f"no indicator {indicator_id}", code="indicator_not_found")
    return indicator


def set_status(session: Session, indicator_id: int, withdraw: bool, reason: str, actor: str) -> Indicator:
    """Withdraw (a tombstone, effective for matching at once) or reinstate an indicator."""
    indicator = _locked(session, indicator_id)
    wanted = "withdrawn" if withdraw else "active"
    if indicator.status == wanted:
        return indicator
    indicator.seq = repository.take_seq(session, 1)
    indicator.status = wanted
    indicator.withdrawn_at = utc_now() if withdraw else None
    kind = "withdrawn" if withdraw else "reinstated"
    repository.insert_events(session, [_event(indicator.id, kind, actor, reason=reason)])
    audit.record(session, actor, f"indicator.{'withdraw' if withdraw else 'reinstate'}", str(indicator_id))
    if not withdraw:
        seq = indicator.seq
        queue.enqueue(
            session, RETRO_HUNT_JOB, {"bank_id": str(indicator.bank_id), "seq_from": seq, "seq_to": seq}
        )
    session.flush()
    return indicator


def add_feedback(
    session: Session, indicator_id: int, sentiment: str, reason: str | None, note: str | None, actor: str
) -> None:
    if sentiment == "negative" and not reason:
        raise Unprocessable("negative feedback needs a coded reason", code="reason_required")
    _locked(session, indicator_id)
    data = {"sentiment": sentiment, "reason": reason, "member": actor, "note": note, "given_at": None}
    repository.insert_events(session, [_event(indicator_id, "feedback", actor, **data)])
    audit.record(session, actor, "indicator.feedback", str(indicator_id), sentiment=sentiment)


def _event(indicator_id: int, kind: str, actor: str, **data: Any) -> dict[str, Any]:
    return {"indicator_id": indicator_id, "kind": kind, "actor": actor, "at": utc_now(), "data": data}
