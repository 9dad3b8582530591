"""Identifier, subject and link rows. Never commits."""

from __future__ import annotations

import uuid
import zlib
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, insert, or_, select, text, update
from sqlalchemy.orm import Session

from tipline.core.chunks import chunks
from tipline.core.db import insert_ignore
from tipline.models import (
    IdentifierAccount,
    IdentifierUse,
    Report,
    ReportIdentifier,
    Subject,
    SubjectLink,
    SubjectMember,
)

Mention = tuple[uuid.UUID, str]  # (report id, person ref)
LOCK_BUCKETS = 1 << 16


def lock_keys(session: Session, keys: Iterable[str]) -> None:
    """Serialise linkers that look up the same identifiers (PostgreSQL advisory locks, held to commit):
    two reports sharing an email that arrive together must see each other. SQLite serialises writers
    already."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for bucket in sorted({zlib.crc32(k.encode()) % LOCK_BUCKETS for k in keys}):
        session.execute(text("SELECT pg_advisory_xact_lock(7310, :b)"), {"b": bucket})


def keys_of(session: Session, report_id: uuid.UUID) -> set[tuple[str, str]]:
    """(person ref, key) already recorded for a report."""
    query = select(ReportIdentifier.person_ref, ReportIdentifier.key).where(
        ReportIdentifier.report_id == report_id
    )
    return {(ref, key) for ref, key in session.execute(query)}


def add(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(ReportIdentifier), list(rows))


def count_accounts(session: Session, pairs: dict[str, tuple[str, str]]) -> set[str]:
    """Record that ``account`` uses each key (``pairs``: key -> (kind, account)); returns the keys whose
    count of accounts grew (to check against the threshold)."""
    if not pairs:
        return set()
    new = insert_ignore(
        session,
        IdentifierAccount,
        [{"key": key, "account": account} for key, (_, account) in sorted(pairs.items())],
    )
    if not new:
        return set()
    insert_ignore(
        session,
        IdentifierUse,
        [{"key": k, "kind": pairs[k][0], "accounts": 0, "common": False} for k in new],
    )
    session.execute(
        update(IdentifierUse)
        .where(IdentifierUse.key.in_(new))
        .values(accounts=IdentifierUse.accounts + 1)
        .execution_options(synchronize_session=False)
    )
    return set(new)


def mark_common(session: Session, keys: Sequence[str], at: int, never: Iterable[str]) -> set[str]:
    """Flag the keys among ``keys`` used by at least ``at`` accounts; returns those newly flagged."""
    if not keys:
        return set()
    query = select(IdentifierUse.key).where(
        IdentifierUse.key.in_(list(keys)),
        IdentifierUse.accounts >= at,
        IdentifierUse.common.is_(False),
        IdentifierUse.kind.not_in(list(never)),
    )
    flagged = set(session.scalars(query))
    if flagged:
        session.execute(
            update(IdentifierUse)
            .where(IdentifierUse.key.in_(sorted(flagged)))
            .values(common=True)
            .execution_options(synchronize_session=False)
        )
    return flagged


def common_among(session: Session, keys: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(list(keys), 500):
        query = select(IdentifierUse.key).where(IdentifierUse.key.in_(chunk), IdentifierUse.common.is_(True))
        found.update(session.scalars(query))
    return found


def sharing(
    session: Session, keys: Sequence[str], report_id: uuid.UUID, per_key: int
) -> list[tuple[uuid.UUID, str, uuid.UUID, str, str]]:
    """(report id, person ref, provider id, kind, key) of other reports' mentions holding any of these
    keys: for each key its newest ``per_key`` rows, so that one busy identifier cannot crowd out the
    others' evidence."""
    found: list[tuple[uuid.UUID, str, uuid.UUID, str, str]] = []
    for chunk in chunks(list(keys), 500):
        newest = (
            select(
                ReportIdentifier.report_id,
                ReportIdentifier.person_ref,
                ReportIdentifier.provider_id,
                ReportIdentifier.kind,
                ReportIdentifier.key,
                func.row_number()
                .over(partition_by=ReportIdentifier.key, order_by=ReportIdentifier.id.desc())
                .label("n"),
            )
            .where(ReportIdentifier.key.in_(chunk), ReportIdentifier.report_id != report_id)
            .subquery()
        )
        query = select(
            newest.c.report_id, newest.c.person_ref, newest.c.provider_id, newest.c.kind, newest.c.key
        ).where(newest.c.n <= per_key)
        found.extend((r, ref, p, kind, key) for r, ref, p, kind, key in session.execute(query))
    return found


def keys_by_kind(
    session: Session, mentions: Sequence[Mention], kinds: Sequence[str]
) -> dict[Mention, dict[str, set[str]]]:
    """Each mention's keys of the given kinds."""
    out: dict[Mention, dict[str, set[str]]] = {}
    reports = sorted({r for r, _ in mentions})
    wanted = set(mentions)
    for chunk in chunks(reports, 500):
        query = select(
            ReportIdentifier.report_id,
            ReportIdentifier.person_ref,
            ReportIdentifier.kind,
            ReportIdentifier.key,
        ).where(ReportIdentifier.report_id.in_(chunk), ReportIdentifier.kind.in_(list(kinds)))
        for report_id, ref, kind, key in session.execute(query):
            if (report_id, ref) in wanted:
                out.setdefault((report_id, ref), {}).setdefault(kind, set()).add(key)
    return out


# --- subjects ------------------------------------------------------------------------------------


def subjects_of(session: Session, mentions: Sequence[Mention]) -> dict[Mention, uuid.UUID]:
    out: dict[Mention, uuid.UUID] = {}
    wanted = set(mentions)
    for chunk in chunks(sorted({r for r, _ in mentions}), 500):
        query = select(SubjectMember.report_id, SubjectMember.person_ref, SubjectMember.subject_id).where(
            SubjectMember.report_id.in_(chunk)
        )
        for report_id, ref, subject_id in session.execute(query):
            if (report_id, ref) in wanted:
                out[(report_id, ref)] = subject_id
    return out


def lock_subjects(session: Session, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Subject]:
    """The subjects, locked in id order (two linkers merging the same subjects cannot deadlock)."""
    ordered = sorted(set(ids))
    if not ordered:
        return {}
    rows = session.scalars(
        select(Subject).where(Subject.id.in_(ordered)).order_by(Subject.id).with_for_update()
    )
    return {s.id: s for s in rows}


def new_subject(session: Session, at: datetime) -> Subject:
    subject = Subject(id=uuid.uuid4(), members=0, created_at=at, updated_at=at)
    session.add(subject)
    session.flush()
    return subject


def add_member(session: Session, subject: Subject, mention: Mention, lead: bool, at: datetime) -> None:
    session.add(
        SubjectMember(
            subject_id=subject.id, report_id=mention[0], person_ref=mention[1], lead=lead, joined_at=at
        )
    )
    subject.members += 1
    subject.updated_at = at
    session.flush()


def move_members(session: Session, source: Subject, target: Subject, at: datetime) -> None:
    """Every member of ``source`` joins ``target``; ``source`` remains as a pointer to it."""
    session.execute(
        update(SubjectMember)
        .where(SubjectMember.subject_id == source.id)
        .values(subject_id=target.id)
        .execution_options(synchronize_session=False)
    )
    target.members += source.members
    source.members = 0
    source.merged_into = target.id
    source.updated_at = target.updated_at = at
    session.execute(
        update(Subject)
        .where(Subject.merged_into == source.id)
        .values(merged_into=target.id)
        .execution_options(synchronize_session=False)
    )


def reassign(session: Session, mentions: Sequence[Mention], target: Subject) -> None:
    for report_id, ref in mentions:
        session.execute(
            update(SubjectMember)
            .where(SubjectMember.report_id == report_id, SubjectMember.person_ref == ref)
            .values(subject_id=target.id)
            .execution_options(synchronize_session=False)
        )


def split_apart(session: Session, subject_ids: Sequence[uuid.UUID]) -> set[frozenset[uuid.UUID]]:
    """Pairs of these subjects that an analyst's split link separates."""
    where: dict[Mention, uuid.UUID] = {}
    for chunk in chunks(list(subject_ids), 500):
        query = select(SubjectMember.report_id, SubjectMember.person_ref, SubjectMember.subject_id).where(
            SubjectMember.subject_id.in_(chunk)
        )
        where.update({(r, ref): s for r, ref, s in session.execute(query)})
    apart: set[frozenset[uuid.UUID]] = set()
    for chunk in chunks(sorted({r for r, _ in where}), 500):
        links = select(SubjectLink).where(SubjectLink.state == "split", SubjectLink.report_id.in_(chunk))
        for link in session.scalars(links):
            a = where.get((link.report_id, link.person_ref))
            b = where.get((link.other_report_id, link.other_person_ref))
            if a and b and a != b:
                apart.add(frozenset((a, b)))
    return apart


def members_of(session: Session, subject_id: uuid.UUID, limit: int | None = None) -> list[SubjectMember]:
    query = select(SubjectMember).where(SubjectMember.subject_id == subject_id).order_by(SubjectMember.id)
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def resolve(session: Session, subject_id: uuid.UUID) -> Subject | None:
    """The subject, or the one it was merged into."""
    subject = session.get(Subject, subject_id)
    while subject is not None and subject.merged_into is not None:
        subject = session.get(Subject, subject.merged_into)
    return subject


# --- links ---------------------------------------------------------------------------------------


def links_between(
    session: Session, mention: Mention, others: Sequence[Mention]
) -> dict[Mention, SubjectLink]:
    """Existing links of ``mention`` with any of ``others`` (in either direction)."""
    report_id, ref = mention
    wanted = set(others)
    query = select(SubjectLink).where(
        or_(
            (SubjectLink.report_id == report_id) & (SubjectLink.person_ref == ref),
            (SubjectLink.other_report_id == report_id) & (SubjectLink.other_person_ref == ref),
        )
    )
    out: dict[Mention, SubjectLink] = {}
    for link in session.scalars(query):
        a = (link.report_id, link.person_ref)
        b = (link.other_report_id, link.other_person_ref)
        other = b if a == mention else a
        if other in wanted:
            out[other] = link
    return out


def links_of_reports(session: Session, report_ids: Sequence[uuid.UUID]) -> list[SubjectLink]:
    found: dict[int, SubjectLink] = {}
    for chunk in chunks(list(report_ids), 500):
        query = select(SubjectLink).where(
            or_(SubjectLink.report_id.in_(chunk), SubjectLink.other_report_id.in_(chunk))
        )
        found.update({link.id: link for link in session.scalars(query)})
    return sorted(found.values(), key=lambda link: link.id)


def reports_with_key(session: Session, key: str) -> list[uuid.UUID]:
    query = select(ReportIdentifier.report_id).where(ReportIdentifier.key == key).distinct()
    return list(session.scalars(query))


def get_link(session: Session, link_id: int) -> SubjectLink | None:
    return session.get(SubjectLink, link_id)


def provider_of(session: Session, report_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    out: dict[uuid.UUID, uuid.UUID] = {}
    for chunk in chunks(list(report_ids), 500):
        out.update(
            {
                r: p
                for r, p in session.execute(select(Report.id, Report.provider_id).where(Report.id.in_(chunk)))
            }
        )
    return out


def members_of_report(session: Session, report_id: uuid.UUID) -> list[SubjectMember]:
    return list(session.scalars(select(SubjectMember).where(SubjectMember.report_id == report_id)))


def subject_sizes(session: Session) -> dict[str, int]:
    """Live subjects by how many persons they hold: one, 2-9, 10 or more."""
    size = case((Subject.members == 1, "single"), (Subject.members < 10, "2-9"), else_="10+")
    query = select(size, func.count()).where(Subject.members > 0).group_by(size)
    return {str(k): int(n) for k, n in session.execute(query)}


def link_states(session: Session) -> dict[str, int]:
    query = select(SubjectLink.state, func.count()).group_by(SubjectLink.state)
    return {str(k): int(n) for k, n in session.execute(query)}
