"""Recording, searching and verifying the audit trail.

``record`` is called by services anywhere in a unit of work; the entries are chained when the unit
commits (a ``before_commit`` hook draws their numbers from the ``counters`` row ``audit``), so the
row lock that serialises the chain is held only for the commit itself, not for the whole unit. Data
holds counts and ids, never report content, hashes, identifiers or keys.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import event, func, insert, or_, select, update
from sqlalchemy.orm import Session

from tipline.audit.chain import GENESIS, entry_hash
from tipline.core.clock import utc_now
from tipline.core.db import insert_ignore
from tipline.models import AuditRecord, Counter

COUNTER = "audit"
_PENDING = "audit_pending"


def record(
    session: Session,
    actor: str,
    action: str,
    target: str | None = None,
    *,
    purpose: str | None = None,
    **data: Any,
) -> None:
    """Add an entry to this unit of work's audit trail (written, chained, when the unit commits)."""
    entry = {
        "at": utc_now(),
        "actor": actor[:200],
        "action": action[:64],
        "target": None if target is None else target[:200],
        "purpose": None if purpose is None else purpose[:200],
        "data": data,
    }
    session.info.setdefault(_PENDING, []).append(entry)


@event.listens_for(Session, "before_commit")
def _chain_pending(session: Session) -> None:
    pending: list[dict[str, Any]] = session.info.pop(_PENDING, [])
    if not pending:
        return
    last = _draw(session, len(pending))
    seq = last - len(pending)
    prev = GENESIS
    if seq > 0:
        prev = session.scalars(select(AuditRecord.hash).where(AuditRecord.seq == seq)).one_or_none() or ""
    rows = []
    for entry in pending:
        seq += 1
        digest = entry_hash(
            prev,
            seq,
            entry["at"],
            entry["actor"],
            entry["action"],
            entry["target"],
            entry["purpose"],
            entry["data"],
        )
        rows.append({**entry, "seq": seq, "prev_hash": prev, "hash": digest})
        prev = digest
    session.execute(insert(AuditRecord), rows)


def _draw(session: Session, n: int) -> int:
    """Take n numbers from the audit counter (its row stays locked until commit); the last one."""
    stmt = (
        update(Counter)
        .where(Counter.name == COUNTER)
        .values(value=Counter.value + n)
        .returning(Counter.value)
    )
    value = session.scalars(stmt).one_or_none()
    if value is None:  # a database made before the counter existed
        insert_ignore(session, Counter, [{"name": COUNTER, "value": 0}])
        value = session.scalars(stmt).one()
    return int(value)


def discard_pending(session: Session) -> None:
    """Forget entries not yet written (a unit that rolls back writes none anyway)."""
    session.info.pop(_PENDING, None)


@event.listens_for(Session, "after_rollback")
def _drop_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)


def recent(session: Session, limit: int = 100, action: str | None = None) -> list[AuditRecord]:
    query = select(AuditRecord).order_by(AuditRecord.seq.desc()).limit(limit)
    if action is not None:
        query = query.where(AuditRecord.action == action)
    return list(session.scalars(query))


def search(
    session: Session,
    *,
    actor: str | None = None,
    action: str | None = None,
    target: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    before_seq: int | None = None,
    limit: int = 100,
) -> list[AuditRecord]:
    """Entries newest first, filtered; ``action`` matches a prefix (``evidence.`` finds every evidence
    action); paged by ``before_seq``."""
    query = select(AuditRecord)
    if actor:
        query = query.where(AuditRecord.actor == actor)
    if action:
        query = query.where(or_(AuditRecord.action == action, AuditRecord.action.startswith(action)))
    if target:
        query = query.where(AuditRecord.target == target)
    if since is not None:
        query = query.where(AuditRecord.at >= since)
    if until is not None:
        query = query.where(AuditRecord.at < until)
    if before_seq is not None:
        query = query.where(AuditRecord.seq < before_seq)
    return list(session.scalars(query.order_by(AuditRecord.seq.desc()).limit(limit)))


@dataclass
class Verification:
    ok: bool = True
    checked: int = 0
    head: int = 0  # the counter: how many entries there should be
    problems: list[str] = field(default_factory=list)

    def fail(self, problem: str) -> None:
        self.ok = False
        if len(self.problems) < 20:
            self.problems.append(problem)


def verify(session: Session, batch: int = 5000) -> Verification:
    """Walk the whole chain in order: every number present once, every hash recomputed and linked to
    its predecessor, and the last number equal to the counter (so a deleted tail is found too)."""
    result = Verification()
    result.head = int(
        session.scalars(select(Counter.value).where(Counter.name == COUNTER)).one_or_none() or 0
    )
    prev, expected = GENESIS, 1
    for row in _walk(session, batch):
        result.checked += 1
        if row.seq != expected:
            result.fail(
                f"entries {expected}..{row.seq - 1} are missing"
                if row.seq > expected
                else f"entry {row.seq} is out of order"
            )
        if row.prev_hash != prev:
            result.fail(f"entry {row.seq} does not follow the entry before it")
        digest = entry_hash(
            row.prev_hash, row.seq, row.at, row.actor, row.action, row.target, row.purpose, row.data
        )
        if digest != row.hash:
            result.fail(f"entry {row.seq} was changed after it was written")
        prev, expected = row.hash, row.seq + 1
    if expected - 1 != result.head:
        result.fail(f"the log ends at entry {expected - 1} but {result.head} were written")
    return result


def _walk(session: Session, batch: int) -> Iterator[AuditRecord]:
    after = 0
    while True:
        rows = session.scalars(
            select(AuditRecord).where(AuditRecord.seq > after).order_by(AuditRecord.seq).limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        after = rows[-1].seq


def count_for(session: Session, actor: str, action: str, since: datetime) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(AuditRecord)
            .where(AuditRecord.actor == actor, AuditRecord.action == action, AuditRecord.at >= since)
        )
        or 0
    )
