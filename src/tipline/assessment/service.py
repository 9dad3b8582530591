"""Assessment use cases: assess a report (signals, priority, unfounded, missing information, viral
bundles), an analyst's override, notes, information requests and "manifestly unfounded" by hand, the
explanation, the queue.

Callers pass the session (one unit of work at the edge); nothing here commits. ``assess`` is idempotent:
run again on an unchanged report it changes nothing and logs nothing.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from typing import Any

import orjson
from sqlalchemy.orm import Session

from tipline.assessment import policy, repository
from tipline.assessment.policy import Decision, Facts, Priority
from tipline.assessment.signals import FileFacts, Note, Signal, collect
from tipline.audit import service as audit
from tipline.core.clock import utc_now
from tipline.core.crypto import Keyring
from tipline.core.errors import Conflict, NotFound, Unprocessable
from tipline.jobs import queue as jobs
from tipline.linking import service as linking
from tipline.models import Assessment, Bundle, Report, ReportNote
from tipline.reports import repository as reports
from tipline.reports import service as report_service
from tipline.reports import workflow
from tipline.reports.schemas import ReportStatus
from tipline.reports.schemas.decisions import MissingInformation, UnfoundedReason

ACTOR = "system:assessment"
# purposes of analysts' notes (report_notes.purpose holds at most 16 characters)
NOTE_INFO_REQUEST = "info_request"
NOTE_UNFOUNDED = "unfounded"


class OverrideReason(StrEnum):
    """Why an analyst changed tipline's priority."""

    new_information = "new_information"  # information tipline does not have (a call, another case)
    signal_wrong = "signal_wrong"  # a signal misread the report
    signal_missed = "signal_missed"  # the report says something tipline did not see
    analyst_judgement = "analyst_judgement"
    other = "other"


@dataclass(frozen=True)
class ViralRule:
    """An item is viral when shared by ``accounts`` distinct accounts within ``window``."""

    accounts: int = 25
    window: timedelta = timedelta(hours=72)


@dataclass
class Outcome:
    assessment: Assessment
    changed: bool
    reassess: list[uuid.UUID] = field(default_factory=list)  # bundle members to assess again


def assess(
    session: Session,
    keyring: Keyring,
    report_id: uuid.UUID,
    *,
    viral: ViralRule | None = None,
    cause: str = "finished",
) -> Outcome | None:
    """Assess a finished report now. None for a report that is not finished (open or retracted)."""
    report = repository.lock_report(session, report_id)
    if report is None:
        raise NotFound("no such report", code="report_not_found")
    status = ReportStatus(report.status)
    if status not in workflow.FINISHED:
        return None
    content = report_service.current_content(session, keyring, report)
    files = repository.files_of(session, report_id)
    matches = repository.live_matches(session, report_id)
    note_rows = repository.notes_of(session, report_id)
    notes = [Note(str(n.id), keyring.open(n.text_sealed, associated=_note_ad(n)).decode()) for n in note_rows]
    file_facts = _file_facts(content.data, files, matches)
    signals = collect(content.data, file_facts, notes, at=report.received_at)
    bundle, reassess = _bundle(
        session, keyring, report, content.data, files, matches, signals, viral or ViralRule()
    )
    duplicate_key = _duplicate_key(keyring, report, content.data, files)
    duplicates = repository.with_key(session, duplicate_key) if duplicate_key else frozenset()
    links = linking.record_and_link(session, keyring, report, content.data, ignore=duplicates)
    if links.reports:
        shared = " and ".join(sorted({kind for kinds in links.reports.values() for kind in kinds}))
        others = f", {links.other_providers} of other providers" if links.other_providers else ""
        signals.append(
            Signal(
                "link.other_reports",
                "reported_persons",
                f"{shared} shared with {len(links.reports)} other report(s){others}",
            )
        )
    if bundle is not None:
        signals.append(
            Signal("bundle.viral", f"bundle:{bundle.id}", f"re-shares of one viral item ({bundle.reason})")
        )
    facts = _facts(session, report, content, file_facts, duplicate_key)
    current = repository.get(session, report_id)
    if current is not None and current.analyst_requested and _answered(session, report_id, note_rows):
        current.analyst_requested = None  # the provider answered: tipline's own rules judge it again
    decision = _with_analyst(policy.decide(signals, facts), current)
    joined = bundle is not None and (current is None or current.bundle_id != bundle.id)
    changed = _record(session, keyring, report, current, decision, signals, bundle, duplicate_key, cause)
    assessment = repository.get(session, report_id)
    assert assessment is not None
    if joined:  # recount only when a member joins, not on every re-assessment of one
        assert bundle is not None
        repository.set_bundle_counts(session, bundle)
    for other in reassess:  # the bundle formed just now: its earlier sharers join it
        jobs.enqueue(session, report_service.CHANGED_JOB, {"report_id": str(other), "cause": "bundle"})
    if links.recorded_new:  # the reports this one links to learn of it
        for other in sorted(links.reports):
            jobs.enqueue(session, report_service.CHANGED_JOB, {"report_id": str(other), "cause": "link"})
    return Outcome(assessment, changed, reassess)


def _note_ad(note: ReportNote) -> bytes:
    return note.report_id.bytes + b"note"


def _answered(session: Session, report_id: uuid.UUID, notes: Sequence[ReportNote]) -> bool:
    """The provider sent a supplement after the analyst's latest information request. (Compared by time,
    not by the job's cause: a supplement's assessment that runs late must not clear a later request.)"""
    asked = max((n.at for n in notes if n.purpose == NOTE_INFO_REQUEST), default=None)
    supplements = reports.supplements_of(session, report_id)
    return bool(supplements) and (asked is None or supplements[-1].received_at > asked)


def _with_analyst(decision: Decision, current: Assessment | None) -> Decision:
    """tipline's decision with the analysts' own kept in: manifestly unfounded by hand (the priority in
    force is then the override's INFO; tipline's own stays ``auto_priority``), and information asked for
    by hand, merged into what tipline finds missing. Unfounded wins: nothing is asked of a provider
    whose report is manifestly unfounded."""
    if current is None:
        return decision
    if current.analyst_unfounded:
        reasons = [r for r in decision.unfounded if r is not UnfoundedReason.analyst_assessed]
        return Decision(decision.priority, decision.fired, [*reasons, UnfoundedReason.analyst_assessed], [])
    if decision.unfounded or not current.analyst_requested:
        return decision
    asked = {MissingInformation(code) for code in current.analyst_requested}
    extra = [m for m in MissingInformation if m in asked and m not in decision.missing]
    return Decision(decision.priority, decision.fired, decision.unfounded, [*decision.missing, *extra])


def _file_facts(content: dict[str, Any], files: Any, matches: list[Any]) -> list[FileFacts]:
    declared = {f["ref"]: f for f in content.get("files", [])}
    by_file: dict[uuid.UUID, list[str]] = defaultdict(list)
    for m in matches:
        by_file[m.file_id].append(f"bank {m.name} ({m.purpose}), {m.hash_type} distance {m.distance}")
    out = []
    for f in files:
        d = declared.get(f.ref, {})
        if d.get("relevance") == "supplemental":
            continue  # context the provider added, not itself reported
        out.append(
            FileFacts(
                f.ref,
                f.media_type or d.get("media_type"),
                f.classification,
                any((f.md5, f.sha1, f.sha256, f.pdq)),
                tuple(d.get("annotations", ())),
                tuple(by_file.get(f.id, ())),
            )
        )
    return out


# --- completeness and duplicates -----------------------------------------------------------------

_IDENTIFIER_FIELDS = (
    "provider_user_id",
    "screen_name",
    "emails",
    "phones",
    "profile_urls",
    "device_ids",
    "ip_events",
)


def _has_identifiers(content: dict[str, Any]) -> bool:
    return any(any(p.get(f) for f in _IDENTIFIER_FIELDS) for p in content.get("reported_persons", []))


def _has_location(content: dict[str, Any]) -> bool:
    people = [p for g in ("reported_persons", "victims", "intended_recipients") for p in content.get(g, [])]
    for p in people:
        if p.get("ip_events") or p.get("addresses") or p.get("estimated_location") or p.get("phones"):
            return True
    for d in content.get("internet_details", []):
        if d.get("ip_events") or d.get("addresses") or d.get("phone_number") or d.get("latitude") is not None:
            return True
    return any(f.get("upload_ip_event") for f in content.get("files", []))


def _facts(
    session: Session,
    report: Report,
    content: report_service.Content,
    files: list[FileFacts],
    duplicate_key: str | None,
) -> Facts:
    data = content.data
    texts = sum(1 for t in data.get("texts", []) if t.get("content") or t.get("messages"))
    categories = set((data.get("incident") or {}).get("categories", []))
    duplicate = duplicate_key is not None and repository.earlier_with_key(
        session, duplicate_key, report.id, report.received_at
    )
    return Facts(
        files=len(files),
        files_allowlisted=sum(1 for f in files if f.classification == "allowlisted"),
        texts_with_content=texts,
        has_identifiers=_has_identifiers(data),
        has_location=_has_location(data),
        content_incident=bool(categories & {"known_material", "new_material"}),
        retracted=content.retraction is not None,
        duplicate_of_earlier=duplicate,
    )


def _duplicate_key(keyring: Keyring, report: Report, content: dict[str, Any], files: Any) -> str | None:
    """Same provider, same files (exact hashes), same accounts, same incident time: the same report."""
    hashes = sorted(h for f in files for h in (f.sha256 or f.sha1 or f.md5 or f.pdq,) if h)
    accounts = sorted(_account_ids(content))
    if not hashes and not accounts:
        return None
    body = orjson.dumps(
        {"p": str(report.provider_id), "f": hashes, "a": accounts, "t": report.incident_time.isoformat()}
    )
    return keyring.mac(b"duplicate:" + body)


def _account_ids(content: dict[str, Any]) -> list[str]:
    return [
        str(p.get("provider_user_id") or p.get("screen_name"))
        for p in content.get("reported_persons", [])
        if p.get("provider_user_id") or p.get("screen_name")
    ]


# --- viral bundling ------------------------------------------------------------------------------


def _item_keys(files: Any, matches: list[Any]) -> dict[str, None]:
    """One key per reported item: the known indicator it matched, else its exact hash."""
    known: dict[uuid.UUID, list[int]] = defaultdict(list)
    for m in matches:
        if m.purpose == "known":
            known[m.file_id].append(m.indicator_id)
    keys: dict[str, None] = {}
    for f in files:
        if f.classification == "allowlisted":
            continue
        if known.get(f.id):
            keys[f"i:{min(known[f.id])}"] = None
        elif f.sha256 or f.sha1 or f.md5 or f.pdq:
            kind, value = next(
                (k, v)
                for k, v in (("sha256", f.sha256), ("sha1", f.sha1), ("md5", f.md5), ("pdq", f.pdq))
                if v
            )
            keys[f"{kind}:{value}"] = None
    return keys


def _bundle(
    session: Session,
    keyring: Keyring,
    report: Report,
    content: dict[str, Any],
    files: Any,
    matches: list[Any],
    signals: list[Signal],
    rule: ViralRule,
) -> tuple[Bundle | None, list[uuid.UUID]]:
    """Record where the report's items were seen; join (or open) the bundle of a viral item."""
    keys = _item_keys(files, matches)
    if not keys:
        return None, []
    seen = report.incident_time
    batch = content.get("batch") or {}
    occurrences = int(batch.get("incident_count") or 1)
    accounts = sorted(
        {keyring.mac(f"account:{report.provider_id}:{a}".encode())[:32] for a in _account_ids(content)}
    )
    items = repository.ensure_items(session, list(keys), seen)
    sighted = repository.sightings_of_report(session, report.id)
    for item in items.values():
        if item.id not in sighted:
            repository.add_sighting(session, item, report.id, seen, occurrences, accounts)
    session.flush()
    provider_says_viral = any(
        s.kind in ("batch.viral", "annotation.viral", "annotation.potential_meme") for s in signals
    )
    reassess: list[uuid.UUID] = []
    for key in keys:
        item = items[key]
        window = repository.sightings_in_window(session, item.id, seen - rule.window, seen + rule.window)
        burst = len({a for _, accounts in window for a in accounts}) >= rule.accounts
        if not (provider_says_viral or burst):
            continue  # an item that is often reported is not viral by itself: each sharer is a case
        bundle = repository.bundle_of_item(session, item.id)
        if bundle is not None:
            return bundle, []
        reason = "provider_batch" if provider_says_viral else "accounts_in_window"
        bundle = Bundle(item_id=item.id, reason=reason, opened_at=utc_now(), updated_at=utc_now())
        session.add(bundle)
        session.flush()
        if burst:  # the sharers seen so far in the burst join it
            reassess = [rid for rid, _ in window if rid != report.id]
        return bundle, reassess
    return None, []


# --- recording -----------------------------------------------------------------------------------


def _record(
    session: Session,
    keyring: Keyring,
    report: Report,
    current: Assessment | None,
    decision: Decision,
    signals: list[Signal],
    bundle: Bundle | None,
    duplicate_key: str | None,
    cause: str,
) -> bool:
    state = (
        ReportStatus.unfounded
        if decision.unfounded
        else ReportStatus.incomplete
        if decision.missing
        else ReportStatus.assessed
    )
    summary = {
        "state": state.value,
        "auto_priority": decision.priority.value,
        "reasons": decision.reasons,
        "signal_kinds": sorted({s.kind for s in signals}),
        "unfounded_reasons": [r.value for r in decision.unfounded],
        "missing": [m.value for m in decision.missing],
        "bundle_id": bundle.id if bundle is not None else None,
        "duplicate_key": duplicate_key,
    }
    sealed_body = orjson.dumps(
        {"signals": [s.as_dict() for s in signals], "fired": [f.as_dict() for f in decision.fired]}
    )
    answered = current is not None and _note_answer(session, current)
    if (
        current is not None
        and all(getattr(current, k) == v for k, v in summary.items())
        and keyring.open(current.signals_sealed, associated=report.id.bytes) == sealed_body
    ):
        if answered:
            session.flush()
        return False
    sealed = keyring.seal(sealed_body, associated=report.id.bytes)
    now = utc_now()
    previous = current.priority if current is not None else None
    if current is None:
        current = Assessment(
            report_id=report.id,
            provider_urgent=report.provider_urgent,
            received_at=report.received_at,
            provider_id=report.provider_id,
            version=0,
            signals_sealed=sealed,
            **{k: v for k, v in summary.items()},
            priority=decision.priority.value,
            rank=decision.priority.rank,
        )
        session.add(current)
    for name, value in summary.items():
        setattr(current, name, value)
    current.signals_sealed = sealed
    effective = Priority(current.override_priority or decision.priority.value)
    if current.analyst_unfounded:
        effective = Priority.INFO
    current.priority, current.rank = effective.value, effective.rank
    current.version += 1
    current.assessed_at = now
    if summary["missing"] and current.information_requested_at is None:
        current.information_requested_at = now
    report.status = workflow.assessed(ReportStatus(report.status), state).value
    data = {
        "version": current.version,
        "cause": cause,
        "state": state.value,
        "priority": effective.value,
        "auto_priority": decision.priority.value,
        "previous_priority": previous,
        "reasons": decision.reasons,
        "signals": [[s.kind, s.source] for s in signals],
        "unfounded": summary["unfounded_reasons"],
        "missing": summary["missing"],
        "bundle": str(bundle.id) if bundle is not None else None,
    }
    reports.append_event(session, report.id, "report.assessed", ACTOR, now, data)
    session.flush()
    return True


def _note_answer(session: Session, current: Assessment) -> bool:
    """The provider's first supplement after information was requested answers the request (for its
    scorecard); whether it supplied everything asked is the assessment's business."""
    if current.information_requested_at is None or current.information_answered_at is not None:
        return False
    first = repository.first_supplement_since(session, current.report_id, current.information_requested_at)
    if first is None:
        return False
    current.information_answered_at = first
    return True


# --- analysts ------------------------------------------------------------------------------------


def _assessment(session: Session, report_id: uuid.UUID, *, lock: bool = False) -> Assessment:
    if lock and repository.lock_report(session, report_id) is None:
        raise NotFound("no such report", code="report_not_found")
    found = repository.get(session, report_id)
    if found is None:
        raise NotFound("the report has not been assessed yet", code="not_assessed")
    return found


def add_note(session: Session, keyring: Keyring, report_id: uuid.UUID, text: str, actor: str) -> ReportNote:
    """An analyst's note; it is read for text cues, so the report is assessed again."""
    if repository.lock_report(session, report_id) is None:
        raise NotFound("no such report", code="report_not_found")
    note = _new_note(session, keyring, report_id, text, actor, "note")
    reports.append_event(session, report_id, "report.note_added", actor, note.at, {"note": note.id})
    jobs.enqueue(session, report_service.CHANGED_JOB, {"report_id": str(report_id), "cause": "note"})
    return note


def _new_note(
    session: Session, keyring: Keyring, report_id: uuid.UUID, text: str, actor: str, purpose: str
) -> ReportNote:
    if not text.strip():
        raise Unprocessable("a note needs text", code="empty_note")
    note = ReportNote(report_id=report_id, author=actor, at=utc_now(), purpose=purpose, text_sealed=b"")
    note.text_sealed = keyring.seal(text.encode(), associated=report_id.bytes + b"note")
    session.add(note)
    session.flush()
    return note


def override(
    session: Session,
    keyring: Keyring,
    report_id: uuid.UUID,
    priority: Priority | None,
    reason: OverrideReason,
    note: str,
    actor: str,
) -> Assessment:
    """Set the priority by hand (None: return to tipline's own). The reason is required and logged.
    A report an analyst marked manifestly unfounded keeps INFO until the mark is undone (409)."""
    assessment = _assessment(session, report_id, lock=True)
    if assessment.analyst_unfounded:
        raise Conflict(
            "the report is marked manifestly unfounded: undo the mark first", code="marked_unfounded"
        )
    saved = _new_note(session, keyring, report_id, note, actor, "override")
    before = assessment.priority
    effective = priority or Priority(assessment.auto_priority)
    assessment.override_priority = priority.value if priority is not None else None
    assessment.override_reason = reason.value if priority is not None else None
    assessment.override_by = actor if priority is not None else None
    assessment.override_at = saved.at if priority is not None else None
    assessment.priority, assessment.rank = effective.value, effective.rank
    data = {
        "from": before,
        "to": effective.value,
        "override": priority is not None,
        "reason": reason.value,
        "note": saved.id,
    }
    reports.append_event(session, report_id, "report.priority_overridden", actor, saved.at, data)
    session.flush()
    return assessment


def request_information(
    session: Session,
    keyring: Keyring,
    report_id: uuid.UUID,
    codes: list[MissingInformation],
    note: str,
    actor: str,
    *,
    viral: ViralRule | None = None,
) -> Assessment:
    """An analyst asks the provider for information (Art. 48(5)): the codes are kept (with those asked
    before) until the provider sends a supplement, and merged into what tipline finds missing, so the
    report is incomplete and the provider reads the request on its report. The note (why) is sealed.
    A manifestly unfounded report is not asked for more (409)."""
    assessment = _assessment(session, report_id, lock=True)
    new = {MissingInformation(c) for c in codes}
    if not new:
        raise Unprocessable("name the information to request", code="no_information_requested")
    if assessment.state == ReportStatus.unfounded.value:
        raise Conflict("the report is manifestly unfounded", code="report_unfounded")
    saved = _new_note(session, keyring, report_id, note, actor, NOTE_INFO_REQUEST)
    asked = new | {MissingInformation(c) for c in assessment.analyst_requested or ()}
    assessment.analyst_requested = [m.value for m in MissingInformation if m in asked]
    data = {
        "codes": [m.value for m in MissingInformation if m in new],
        "requested": assessment.analyst_requested,
        "note": saved.id,
    }
    reports.append_event(session, report_id, "report.information_requested", actor, saved.at, data)
    assess(session, keyring, report_id, viral=viral, cause="information_requested")
    session.flush()
    return _assessment(session, report_id)


def mark_unfounded(
    session: Session,
    keyring: Keyring,
    report_id: uuid.UUID,
    note: str,
    actor: str,
    undo: bool = False,
    *,
    viral: ViralRule | None = None,
) -> Assessment:
    """An analyst decides the report is manifestly unfounded (Art. 48(2)): the reason
    ``analyst_assessed`` is added to tipline's own, the state is unfounded, and INFO is put in force
    through the override (the queue orders by it). Re-assessment keeps the mark. ``undo`` removes it and
    the override with it: tipline's own decision is back in force. The note (why) is sealed."""
    assessment = _assessment(session, report_id, lock=True)
    if assessment.analyst_unfounded != undo:
        raise Conflict(
            "the report is not marked manifestly unfounded"
            if undo
            else "the report is already marked manifestly unfounded",
            code="not_marked_unfounded" if undo else "already_marked_unfounded",
        )
    saved = _new_note(session, keyring, report_id, note, actor, NOTE_UNFOUNDED)
    before = assessment.priority
    assessment.analyst_unfounded = not undo
    if undo:
        assessment.override_priority = assessment.override_reason = None
        assessment.override_by, assessment.override_at = None, None
    else:
        assessment.override_priority = Priority.INFO.value
        assessment.override_reason = OverrideReason.analyst_judgement.value
        assessment.override_by, assessment.override_at = actor, saved.at
    kind = "report.unfounded_undone" if undo else "report.marked_unfounded"
    reports.append_event(session, report_id, kind, actor, saved.at, {"from": before, "note": saved.id})
    assess(session, keyring, report_id, viral=viral, cause="unfounded_undone" if undo else "marked_unfounded")
    assessment = _assessment(session, report_id)
    effective = Priority(assessment.override_priority or assessment.auto_priority)
    assessment.priority, assessment.rank = effective.value, effective.rank
    session.flush()
    return assessment


@dataclass(frozen=True)
class Explanation:
    assessment: Assessment
    signals: list[dict[str, Any]]
    fired: list[dict[str, Any]]
    bundle: Bundle | None


def explain(session: Session, keyring: Keyring, report_id: uuid.UUID) -> Explanation:
    """The decision with every signal and rule behind it (decrypted: for analysts only)."""
    assessment = _assessment(session, report_id)
    body = orjson.loads(keyring.open(assessment.signals_sealed, associated=report_id.bytes))
    bundle = repository.get_bundle(session, assessment.bundle_id) if assessment.bundle_id else None
    return Explanation(assessment, body["signals"], body["fired"], bundle)


def matches_of(session: Session, report_id: uuid.UUID) -> list[Any]:
    """(file_id, indicator_id, bank name, purpose, hash_type, distance) of the report's live matches."""
    return repository.live_matches(session, report_id)


def get_assessment(session: Session, report_id: uuid.UUID) -> Assessment | None:
    return repository.get(session, report_id)


@dataclass(frozen=True)
class QueueEntry:
    assessment: Assessment
    bundle: Bundle | None  # set when the entry stands for a whole bundle of INFO re-shares


def work_queue(
    session: Session,
    *,
    states: tuple[str, ...] = ("assessed", "incomplete"),
    priority: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[QueueEntry]:
    """The analysts' queue: most urgent first, oldest first; a viral bundle's INFO members are one entry."""
    out: list[QueueEntry] = []
    shown: set[uuid.UUID] = set()
    for a in repository.queue(session, states, priority, limit, offset):
        if a.bundle_id is not None and a.priority == Priority.INFO.value:
            if a.bundle_id in shown:
                continue
            shown.add(a.bundle_id)
            out.append(QueueEntry(a, repository.get_bundle(session, a.bundle_id)))
        else:
            out.append(QueueEntry(a, None))
    return out


def get_bundle(session: Session, bundle_id: uuid.UUID) -> tuple[Bundle, list[Assessment]]:
    bundle = repository.get_bundle(session, bundle_id)
    if bundle is None:
        raise NotFound("no such bundle", code="bundle_not_found")
    return bundle, list(repository.bundle_members(session, bundle_id))


def counts(session: Session) -> dict[str, dict[str, int]]:
    return repository.counts(session)


def describe(e: Explanation) -> dict[str, Any]:
    """The explanation as the API and CLI show it (the shape of AssessmentRead): the signals behind
    the strongest rule first."""
    a = e.assessment
    order = {kind: i for i, kind in enumerate(k for f in e.fired for k in f["signals"])}
    signals = sorted(e.signals, key=lambda s: order.get(s["kind"], len(order)))
    override = None
    if a.override_priority is not None:
        override = {
            "priority": a.override_priority,
            "reason": a.override_reason,
            "by": a.override_by,
            "at": a.override_at,
        }
    return {
        "report_id": a.report_id,
        "state": a.state,
        "priority": a.priority,
        "auto_priority": a.auto_priority,
        "provider_urgent": a.provider_urgent,
        "override": override,
        "reasons": e.fired,
        "signals": signals,
        "unfounded_reasons": a.unfounded_reasons,
        "missing": a.missing,
        "bundle": bundle_summary(e.bundle),
        "version": a.version,
        "assessed_at": a.assessed_at,
    }


def bundle_summary(b: Bundle | None) -> dict[str, Any] | None:
    if b is None:
        return None
    return {
        "id": b.id,
        "reason": b.reason,
        "reports": b.reports,
        "accounts": b.accounts,
        "occurrences": b.occurrences,
    }


def read(session: Session, keyring: Keyring, report_id: uuid.UUID, actor: str) -> dict[str, Any]:
    """An analyst reads a decision with its evidence: described, and audited (it quotes the report)."""
    described = describe(explain(session, keyring, report_id))
    audit.record(session, actor, "assessment.read", str(report_id))
    return described
