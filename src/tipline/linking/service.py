"""Link a report's reported persons to the people tipline already knows (subjects), incrementally.

Each reported person of a report is a *mention*. ``record_and_link`` records its identifiers as keyed
hashes, counts how many distinct accounts use each (an identifier used by ``COMMON_AT`` accounts stops
linking, and the links it alone made are withdrawn), finds the other mentions that share identifiers,
judges each pair (``evidence.judge``), records the link with its evidence, and puts the mention in the
subject of the mentions it merges with (merging their subjects when it bridges several). Analysts can
confirm or split a link; a split re-clusters the subject from its remaining links. Each step that
changes a report's links is an event in that report's log (kinds, counts and ids only).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tipline.core.clock import utc_now
from tipline.core.crypto import Keyring
from tipline.core.errors import NotFound, Unprocessable
from tipline.linking import evidence, identifiers, repository
from tipline.linking.repository import Mention
from tipline.models import Report, SubjectLink
from tipline.reports import repository as reports

ACTOR = "tipline"
PER_KEY = 200  # rows read per identifier: a prolific subject is met through its newest reports
MAX_WEAK_LINKS = 20  # per mention: weak links are shown, not merged, so the strongest few suffice
MERGING = ("auto", "confirmed")
# states tipline does not change: an analyst's decision, or evidence held apart by one
DECIDED = ("confirmed", "split", "held")


@dataclass
class Links:
    """What linking found for a report: the other reports its lead person is linked to (merging links),
    with the identifier kinds shared, and how many come from other providers."""

    reports: dict[uuid.UUID, set[str]] = field(default_factory=dict)
    other_providers: int = 0
    recorded_new: bool = False  # this run added identifiers (first assessment, or a supplement)


@dataclass
class _Pair:
    kinds: set[str] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)


def _key(keyring: Keyring, kind: str, value: str) -> str:
    return keyring.mac(f"identifier:{kind}:{value}".encode())


def record_and_link(
    session: Session,
    keyring: Keyring,
    report: Report,
    content: dict[str, Any],
    ignore: frozenset[uuid.UUID] = frozenset(),
    *,
    common_at: int = evidence.COMMON_AT,
) -> Links:
    """Record the identifiers of the report's reported persons and link them (idempotent: a second run
    with the same content changes nothing). ``ignore``: reports whose links are not reported back (the
    provider's duplicates of this one); they are still linked."""
    now = utc_now()
    mentions = identifiers.mentions(
        content,
        report_id=str(report.id),
        provider_id=str(report.provider_id),
        provider_report_id=report.provider_report_id,
    )
    if not mentions:
        return Links()
    stored = {m.ref: {_key(keyring, k, v): k for k, v in m.stored} for m in mentions}
    wanted = {
        m.ref: {_key(keyring, k, v): k for k, v in m.wanted if k not in evidence.COMPARED_ONLY}
        for m in mentions
    }
    repository.lock_keys(session, {k for keys in wanted.values() for k in keys})

    have = repository.keys_of(session, report.id)
    new_rows = [
        {
            "report_id": report.id,
            "provider_id": report.provider_id,
            "person_ref": ref,
            "kind": kind,
            "key": key,
        }
        for ref, keys in stored.items()
        for key, kind in sorted(keys.items())
        if (ref, key) not in have
    ]
    repository.add(session, new_rows)
    if new_rows:
        _count_uses(session, keyring, report, mentions, new_rows, common_at, now)

    all_wanted = sorted({k for keys in wanted.values() for k in keys})
    common = repository.common_among(session, all_wanted)
    usable = [k for k in all_wanted if k not in common]
    pairs: dict[tuple[str, Mention], _Pair] = defaultdict(_Pair)
    wanted_by = defaultdict(list)
    for ref, keys in wanted.items():
        for key in keys:
            wanted_by[key].append(ref)
    for other_report, other_ref, _, kind, key in repository.sharing(session, usable, report.id, PER_KEY):
        for ref in wanted_by[key]:
            pair = pairs[(ref, (other_report, other_ref))]
            pair.kinds.add(kind)
            pair.keys.add(f"{kind}:{key}")

    lead_links = _link(session, report, mentions, stored, pairs, now)
    providers = repository.provider_of(session, list(lead_links))
    shown = {r: kinds for r, kinds in lead_links.items() if r not in ignore}
    return Links(
        reports=shown,
        other_providers=sum(1 for r in shown if providers.get(r) != report.provider_id),
        recorded_new=bool(new_rows),
    )


def _count_uses(
    session: Session,
    keyring: Keyring,
    report: Report,
    mentions: Sequence[identifiers.Mention],
    new_rows: Sequence[dict[str, Any]],
    common_at: int,
    now: datetime,
) -> None:
    accounts = {
        m.ref: keyring.mac(
            f"account:{m.account}".encode() if m.account else f"mention:{report.id}:{m.ref}".encode()
        )
        for m in mentions
    }
    pairs = {
        row["key"]: (row["kind"], accounts[row["person_ref"]])
        for row in new_rows
        if row["kind"] not in evidence.NEVER_COMMON | evidence.COMPARED_ONLY
    }
    counted = repository.count_accounts(session, pairs)
    for key in sorted(repository.mark_common(session, sorted(counted), common_at, evidence.NEVER_COMMON)):
        _withdraw(session, key, now)


def _link(
    session: Session,
    report: Report,
    mentions: Sequence[identifiers.Mention],
    stored: dict[str, dict[str, str]],
    pairs: dict[tuple[str, Mention], _Pair],
    now: datetime,
) -> dict[uuid.UUID, set[str]]:
    """Judge, record and apply the links of each mention; returns the lead's merging links by report."""
    mine_keys = {
        ref: {k: {key for key, kind in keys.items() if kind == k} for k in evidence.CONFLICTING}
        for ref, keys in stored.items()
    }
    others = [other for (_, other), pair in pairs.items() if not pair.kinds & evidence.PROVIDER_SAYS]
    theirs_keys = repository.keys_by_kind(session, others, evidence.CONFLICTING) if others else {}
    lead_links: dict[uuid.UUID, set[str]] = {}
    for m in mentions:
        me: Mention = (report.id, m.ref)
        mine = [(other, pair) for (ref, other), pair in pairs.items() if ref == m.ref]
        verdicts = {
            other: evidence.judge(pair.kinds, mine=mine_keys[m.ref], theirs=theirs_keys.get(other, {}))
            for other, pair in mine
        }
        for other, pair in mine:  # weak evidence must also agree with the rest of the other's subject
            verdict = verdicts[other]
            if verdict.merge and not _strong(verdict.kinds):
                whole = _subject_keys(session, other)
                verdicts[other] = evidence.judge(pair.kinds, mine=mine_keys[m.ref], theirs=whole)
        existing = repository.links_between(session, me, [other for other, _ in mine])
        shown = sorted(
            (other for other, v in verdicts.items() if not v.merge and v.kinds),
            key=lambda o: -verdicts[o].strength,
        )[:MAX_WEAK_LINKS]
        merge_with: list[Mention] = []
        changed: list[SubjectLink] = []
        for other, pair in mine:
            verdict = verdicts[other]
            if not verdict.merge and other not in shown:
                continue
            link = existing.get(other)
            state = "auto" if verdict.merge else "weak"
            if link is None:
                link = SubjectLink(
                    report_id=report.id,
                    person_ref=m.ref,
                    other_report_id=other[0],
                    other_person_ref=other[1],
                    strength=verdict.strength,
                    kinds=list(verdict.kinds),
                    keys=sorted(pair.keys),
                    reasons=list(verdict.reasons),
                    state=state,
                    created_at=now,
                    updated_at=now,
                )
                session.add(link)
                changed.append(link)
            elif link.state not in DECIDED and (link.state != state or set(link.keys) != pair.keys):
                link.state, link.strength, link.kinds = state, verdict.strength, list(verdict.kinds)
                link.keys, link.reasons, link.updated_at = sorted(pair.keys), list(verdict.reasons), now
                changed.append(link)
            if link.state in MERGING:
                merge_with.append(other)
                if m.lead:
                    lead_links.setdefault(other[0], set()).update(link.kinds)
        session.flush()
        merged, refused = _join(session, me, m.lead, merge_with, now)
        for other in refused:  # an analyst said these are two people: show the link, do not merge
            link = existing.get(other) or repository.links_between(session, me, [other])[other]
            link.state, link.updated_at = "held", now
            link.reasons = [*link.reasons, "not merged: an analyst split these persons apart"]
            if m.lead:
                lead_links.pop(other[0], None)
        if changed or merged:
            kinds = sorted({k for link in changed for k in link.kinds})
            subject_id = repository.subjects_of(session, [me]).get(me)
            reports.append_event(
                session,
                report.id,
                "report.linked",
                ACTOR,
                now,
                {
                    "person": m.ref,
                    "subject": str(subject_id),
                    "links": sum(1 for link in changed if link.state in MERGING),
                    "weak_links": sum(1 for link in changed if link.state == "weak"),
                    "kinds": kinds,
                    "subjects_merged": merged,
                },
            )
    return lead_links


SUBJECT_CHECK = 200  # members of a subject whose identifiers a weak link must not contradict


def _subject_keys(session: Session, mention: Mention) -> dict[str, set[str]]:
    """The contradiction kinds' keys of every member of the mention's subject (or of the mention alone)."""
    subject_id = repository.subjects_of(session, [mention]).get(mention)
    members = (
        [(m.report_id, m.person_ref) for m in repository.members_of(session, subject_id, SUBJECT_CHECK)]
        if subject_id
        else [mention]
    )
    whole: dict[str, set[str]] = {}
    for keys in repository.keys_by_kind(session, members, evidence.CONFLICTING).values():
        for kind, found in keys.items():
            whole.setdefault(kind, set()).update(found)
    return whole


def _strong(kinds: Iterable[str]) -> bool:
    return any(evidence.WEIGHTS.get(k, 0.0) >= evidence.STRONG for k in kinds)


def _join(
    session: Session, me: Mention, lead: bool, merge_with: Sequence[Mention], now: datetime
) -> tuple[int, set[Mention]]:
    """Put the mention in one subject with everything it merges with. A subject an analyst split apart
    from that one is not merged into it. Returns how many subjects were absorbed, and the mentions
    left out because of a split."""
    current = repository.subjects_of(session, [me, *merge_with])
    locked = repository.lock_subjects(session, set(current.values()))
    if not locked:
        subject = repository.new_subject(session, now)
        repository.add_member(session, subject, me, lead, now)
        return 0, set()
    mine = current.get(me)
    order = sorted(locked.values(), key=lambda s: (s.id != mine, -s.members, s.created_at, str(s.id)))
    target = order[0]
    apart = repository.split_apart(session, [s.id for s in order]) if len(order) > 1 else set()
    kept = {target.id}
    for subject in order[1:]:
        if any(frozenset((subject.id, k)) in apart for k in kept):
            continue
        repository.move_members(session, subject, target, now)
        kept.add(subject.id)
    if me not in current:
        repository.add_member(session, target, me, lead, now)
    session.flush()
    return len(kept) - 1, {m for m in merge_with if current.get(m) not in kept}


# --- identifiers that turn out common, analysts' decisions -------------------------------------------


def _withdraw(session: Session, key: str, now: datetime) -> None:
    """``key`` became too common: links that merged only because of it are withdrawn, and the subjects
    they held together are split again."""
    affected: set[uuid.UUID] = set()
    for link in repository.links_of_reports(session, repository.reports_with_key(session, key)):
        if link.state != "auto" or not any(k.endswith(f":{key}") for k in link.keys):
            continue
        remaining = [k for k in link.keys if not k.endswith(f":{key}")]
        kinds = {k.split(":", 1)[0] for k in remaining}
        if _strong(kinds) or evidence.judge(kinds).strength >= evidence.MERGE_AT:
            link.keys = remaining  # still merges on what is left (conflicts were checked when made)
            continue
        gone = next(k.split(":", 1)[0] for k in link.keys if k.endswith(f":{key}"))
        link.state, link.keys, link.updated_at = "withdrawn", remaining, now
        link.kinds = sorted(kinds, key=lambda k: evidence.ORDER.get(k, 99))
        link.reasons = [*link.reasons, f"{gone} became too common to identify anyone: withdrawn"]
        found = repository.subjects_of(session, [(link.report_id, link.person_ref)])
        affected.update(found.values())
    session.flush()
    for subject_id in sorted(affected):
        _recluster(session, subject_id, now)


def _recluster(session: Session, subject_id: uuid.UUID, now: datetime) -> list[uuid.UUID]:
    """Split a subject into the connected components of its merging links; the largest keeps the id.
    Returns the ids of the subjects split off."""
    subject = repository.lock_subjects(session, [subject_id]).get(subject_id)
    if subject is None:
        return []
    members = repository.members_of(session, subject_id)
    keys: list[Mention] = [(m.report_id, m.person_ref) for m in members]
    parent = {k: k for k in keys}

    def find(x: Mention) -> Mention:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in repository.links_of_reports(session, sorted({k[0] for k in keys})):
        a, b = (link.report_id, link.person_ref), (link.other_report_id, link.other_person_ref)
        if link.state in MERGING and a in parent and b in parent:
            parent[find(a)] = find(b)
    groups: dict[Mention, list[Mention]] = defaultdict(list)
    for k in keys:
        groups[find(k)].append(k)
    if len(groups) <= 1:
        return []
    ordered = sorted(groups.values(), key=len, reverse=True)
    split_off = []
    for group in ordered[1:]:
        fresh = repository.new_subject(session, now)
        repository.reassign(session, group, fresh)
        fresh.members = len(group)
        subject.members -= len(group)
        split_off.append(fresh.id)
    subject.updated_at = now
    session.flush()
    return split_off


def decide_link(session: Session, link_id: int, *, confirm: bool, actor: str, reason: str) -> SubjectLink:
    """An analyst confirms a link (it merges, whatever tipline later thinks) or splits it (it never
    merges; the subject is re-clustered). An event in both reports' logs."""
    if not reason.strip():
        raise Unprocessable("a reason is required", code="reason_required")
    link = repository.get_link(session, link_id)
    if link is None:
        raise NotFound("no such link", code="link_not_found")
    now = utc_now()
    for report_id in sorted({link.report_id, link.other_report_id}):
        session.scalars(select(Report).where(Report.id == report_id).with_for_update()).one()
    before = link.state
    link.state = "confirmed" if confirm else "split"
    link.decided_by, link.updated_at = actor, now
    link.reasons = [*link.reasons, f"{link.state} by an analyst"]
    session.flush()
    me: Mention = (link.report_id, link.person_ref)
    other: Mention = (link.other_report_id, link.other_person_ref)
    split_off: list[uuid.UUID] = []
    if confirm:
        _join(session, me, False, [other], now)
    else:
        subjects = repository.subjects_of(session, [me, other])
        if subjects.get(me) == subjects.get(other) and subjects.get(me) is not None:
            split_off = _recluster(session, subjects[me], now)
    kind = "report.link_confirmed" if confirm else "report.link_split"
    for report_id in sorted({link.report_id, link.other_report_id}):
        reports.append_event(
            session,
            report_id,
            kind,
            actor,
            now,
            {"link": link.id, "was": before, "reason": reason[:200], "subjects_split_off": len(split_off)},
        )
    return link


# --- reading -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkView:
    id: int
    report_id: uuid.UUID
    person_ref: str
    other_report_id: uuid.UUID
    other_person_ref: str
    strength: float
    kinds: list[str]
    reasons: list[str]
    state: str
    decided_by: str | None


@dataclass(frozen=True)
class SubjectView:
    id: uuid.UUID
    members: int
    reports: list[uuid.UUID]  # newest first, at most ``limit``


def subject(session: Session, subject_id: uuid.UUID, limit: int = 500) -> SubjectView:
    found = repository.resolve(session, subject_id)
    if found is None:
        raise NotFound("no such subject", code="subject_not_found")
    members = repository.members_of(session, found.id)
    ordered = sorted({m.report_id: m.joined_at for m in members}.items(), key=lambda kv: kv[1], reverse=True)
    return SubjectView(found.id, found.members, [r for r, _ in ordered[:limit]])


def subjects_of_report(session: Session, report_id: uuid.UUID) -> dict[str, uuid.UUID]:
    """Person ref -> subject id, for every reported person of a report that was linked."""
    rows = repository.members_of_report(session, report_id)
    return {m.person_ref: m.subject_id for m in rows}


def links_of(session: Session, report_id: uuid.UUID) -> list[LinkView]:
    return [
        LinkView(
            link.id,
            link.report_id,
            link.person_ref,
            link.other_report_id,
            link.other_person_ref,
            link.strength,
            list(link.kinds),
            list(link.reasons),
            link.state,
            link.decided_by,
        )
        for link in repository.links_of_reports(session, [report_id])
    ]


def counts(session: Session) -> dict[str, dict[str, int]]:
    """Aggregates for `tipline stats`: subjects by size, links by state."""
    return {"subjects": repository.subject_sizes(session), "links": repository.link_states(session)}


def search_keys(keyring: Keyring, text: str) -> list[str]:
    """The identifier keys a typed value may be stored under (an email, a phone number in E.164 or with
    its country code, a screen name), for finding reports by identifier without storing any."""
    text = text.strip()
    out: list[tuple[str, str]] = []
    if "@" in text:
        value = identifiers.email(text)
        if value:
            out.append(("email", value))
    digits = sum(c.isdigit() for c in text)
    if digits >= 6 and digits >= len(text.replace(" ", "")) - 3:
        value = identifiers.phone(text)
        if value:
            out.append(("phone", value))
    screen = identifiers.folded(text)
    if screen and "@" not in text:
        out.append(("handle" if any(c.isdigit() for c in screen) else "handle_words", screen))
    return [_key(keyring, kind, value) for kind, value in out]
