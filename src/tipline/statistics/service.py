"""Art. 83(3) statistics for a period, from the report pipeline's tables and the recorded outcomes.

``compute`` runs the passes of ``repository`` (each one read of one table) and shapes them into
named tables (``schemas.Table``); the dashboard, the CSV exports, the scorecards and the annual
report all read these tables. Imported narrative outcomes (``tipline outcomes import``) join the
outcome funnel as rows marked ``imported``, with only the fields that were confident or confirmed.
"""

from __future__ import annotations

import functools
import json
import math
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from tipline.casework.schemas import AgeBand, OutcomeAction, Sex
from tipline.core.clock import utc_now
from tipline.core.errors import NotFound
from tipline.statistics import partials, repository
from tipline.statistics.repository import Window
from tipline.statistics.schemas import Cell, Column, ColumnKind, Period, Statistics, Table

T = TypeVar("T")
PRIORITIES = ("P1", "P2", "P3", "INFO")
INVESTIGATED = frozenset({OutcomeAction.investigation_opened.value, OutcomeAction.contributed_existing.value})
DISTRIBUTION = (  # time-to-forward histogram shown on charts: (label, upper bound in minutes)
    ("< 5 min", 5),
    ("5-30 min", 30),
    ("30 min-2 h", 120),
    ("2-8 h", 480),
    ("8-24 h", 1440),
    ("1-7 days", 10080),
    ("> 7 days", None),
)
OCCURRENCE_LABELS = {1: "once", 2: "2-4 times", 5: "5-9 times", 10: "10-99 times", 100: "100-999 times"}
FUNNEL = (
    ("forwarded", "Reports forwarded"),
    ("investigated", "Investigation opened or contributed"),
    ("victims_identified", "Victims identified"),
    ("victims_safeguarded", "Victims safeguarded"),
    ("suspects_arrested", "Suspects arrested"),
    ("offenders_prosecuted", "Offenders prosecuted"),
    ("offenders_convicted", "Offenders convicted"),
)


def compute(
    session: Session,
    period: Period,
    *,
    agency_id: uuid.UUID | None = None,
    provider_id: uuid.UUID | None = None,
    today: date | None = None,
) -> Statistics:
    """Every table for ``period``; with ``agency_id``, only what concerns reports forwarded to that
    agency (law enforcement's view); with ``provider_id``, only that provider's reports. Whole months
    that are over are read from kept statistics where valid (``partials``); the months it had
    to compute are in ``Statistics.fresh``, for the caller to ``keep``."""
    repository.tune(session)
    names = repository.provider_names(session)
    agencies = repository.agencies(session)
    scope = "all"
    state: str | None = None
    if agency_id is not None:
        agency = agencies.get(agency_id)
        if agency is None:
            raise NotFound("no such agency", code="agency_not_found")
        scope = f"agency:{agency.code}"
        state = agency.country if agency.kind == "member_state" else None
    if provider_id is not None:
        if provider_id not in names:
            raise NotFound("no such provider", code="provider_not_found")
        scope = f"provider:{names[provider_id]}"
    w = Window(period.since, period.until, agency_id, provider_id)
    timings: dict[str, float] = {}

    def timed(name: str, run: Callable[[], T]) -> T:
        started = time.perf_counter()
        try:
            return run()
        finally:
            timings[name] = round(time.perf_counter() - started, 4)

    fresh: list[partials.Fresh] = []
    if agency_id is None and provider_id is None:
        gathered = timed(
            "passes", lambda: partials.gather(session, period.start, period.end, today or utc_now().date())
        )
        rows, fresh = gathered.rows, gathered.fresh
        timings |= {
            "months_kept": gathered.kept,
            "months_computed": gathered.computed,
            "days_live": gathered.live_days,
        }
    else:  # a scope reads its own rows (law enforcement's agency, one provider): live
        rows = {}
        for name, run in partials.PASSES.items():
            started = time.perf_counter()
            rows[name] = list(run(session, w))
            timings[name] = round(time.perf_counter() - started, 4)
    received, assessed, answers = rows["reports"], rows["assessments"], rows["information_requests"]
    files, referred_to, referred_from = (
        rows["files"],
        rows["referrals_by_agency"],
        rows["referrals_by_provider"],
    )
    forward_delays, ack_delays = rows["forward_delays"], rows["acknowledge_delays"]
    outcomes, occurrences = rows["outcomes"], rows["occurrences"]
    indicators = timed("indicators", lambda: repository.indicators(session, w))
    imported = (
        []
        if provider_id is not None
        else timed("imported", lambda: [_imported(c) for c in repository.narrative_cases(session, w, state)])
    )

    def provider(pid: uuid.UUID) -> str:
        return names.get(pid, "(removed provider)")

    def destination(aid: uuid.UUID) -> str:
        a = agencies.get(aid)
        if a is None:
            return "(removed agency)"
        return str(a.country if a.kind == "member_state" else a.code)

    started = time.perf_counter()
    tables = [
        _by_month(received, assessed, referred_from),
        _by_provider(received, provider),
        _by_service(received),
        _by_state(referred_to, agencies),
        _content(files, received),
        _unfounded(assessed),
        _occurrences(occurrences),
        _indicators(indicators),
        *_delays(forward_delays, ack_delays),
        _actions(outcomes),
        _funnel(
            "funnel_by_state", "State", referred_to, outcomes, imported, destination, lambda c: c["state"]
        ),
        _funnel(
            "funnel_by_provider",
            "Provider",
            referred_from,
            outcomes,
            imported,
            provider,
            lambda c: c["provider"],
        ),
        _victims(outcomes),
        scorecards(received, assessed, answers, referred_from, outcomes, provider),
    ]
    timings["shaping"] = round(time.perf_counter() - started, 4)
    by_name = {t.name: t for t in tables}
    funnel = by_name["funnel_by_state"]
    headline: dict[str, int | float | None] = {
        "reports_received": sum(r.n for r in received),
        "referrals": sum(r.n for r in referred_to),
        "manifestly_unfounded": sum(a.n for a in assessed if a.state == "unfounded" or a.analyst_unfounded),
        "victims_identified": funnel.total("victims_identified"),
        "victims_safeguarded": funnel.total("victims_safeguarded"),
        "offenders_convicted": funnel.total("offenders_convicted"),
        "imported_cases": len(imported),
    }
    return Statistics(period, scope, utc_now(), by_name, headline, timings, fresh)


def keep(session: Session, fresh: Sequence[partials.Fresh]) -> None:
    """Keep the months a computation had to compute, for the next one."""
    partials.keep(session, fresh)


def scorecard(
    session: Session, period: Period, provider_id: uuid.UUID, *, today: date | None = None
) -> tuple[dict[str, Cell], list[partials.Fresh]]:
    """One provider's scorecard (what it sees of itself through the API), from the same kept months
    as everyone's; and the months computed meanwhile, for the caller to keep."""
    repository.tune(session)
    name = repository.provider_names(session).get(provider_id)
    if name is None:
        raise NotFound("no such provider", code="provider_not_found")
    gathered = partials.gather(session, period.start, period.end, today or utc_now().date())

    def own(pass_name: str) -> list[Any]:
        return [r for r in gathered.rows[pass_name] if r.provider_id == provider_id]

    table = scorecards(
        own("reports"),
        own("assessments"),
        own("information_requests"),
        own("referrals_by_provider"),
        own("outcomes"),
        lambda _: name,
    )
    rows = table.as_dicts()
    if rows:
        return rows[0], gathered.fresh
    empty: dict[str, Cell] = {
        c.name: (name if c.kind == ColumnKind.label else 0 if c.kind == ColumnKind.counted else None)
        for c in table.columns
    }
    return empty, gathered.fresh


# --- tables ------------------------------------------------------------------------------------------


def _by_month(received: Iterable[Any], assessed: Iterable[Any], referred: Iterable[Any]) -> Table:
    months: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for r in received:
        months[r.month][0] += r.n
    for a in assessed:
        if a.state == "unfounded" or a.analyst_unfounded:
            months[a.month][1] += a.n
    for f in referred:
        months[f.month][2] += f.n
    return Table(
        "by_month",
        "Reports received, manifestly unfounded and referrals made, by month of receipt",
        [
            Column("month", "Month", ColumnKind.label),
            Column("received", "Reports received"),
            Column("unfounded", "Manifestly unfounded"),
            Column("referrals", "Referrals made"),
        ],
        [[m, *v] for m, v in sorted(months.items())],
    )


def _by_provider(received: Iterable[Any], provider: Callable[[uuid.UUID], str]) -> Table:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for r in received:
        row = counts[provider(r.provider_id)]
        row[0] += r.n
        row[1] += r.n if r.solicitation else 0
        row[2] += r.n if r.status == "retracted" else 0
    return Table(
        "received_by_provider",
        "Reports received, by submitting provider (Art. 83(3)(c))",
        [
            Column("provider", "Provider", ColumnKind.label),
            Column("reports", "Reports"),
            Column("solicitation", "Concerning solicitation"),
            Column("retracted", "Retracted by the provider"),
        ],
        [[name, *v] for name, v in sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[0]))],
        base="reports",
    )


def _by_service(received: Iterable[Any]) -> Table:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in received:
        counts[r.service_type][0] += r.n
        counts[r.service_type][1] += r.n if r.solicitation else 0
    return Table(
        "received_by_service",
        "Reports received, by type of service of the reporting provider (Art. 83(3)(d))",
        [
            Column("service_type", "Type of service", ColumnKind.label),
            Column("reports", "Reports"),
            Column("solicitation", "Concerning solicitation"),
        ],
        [[name, *v] for name, v in sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[0]))],
        base="reports",
    )


def _by_state(referred: Iterable[Any], agencies: Mapping[uuid.UUID, Any]) -> Table:
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for f in referred:
        a = agencies.get(f.agency_id)
        key = (a.country, a.kind) if a is not None else ("?", "?")
        row = counts[key]
        row[0] += f.n
        row[1] += f.n if f.acknowledged else 0
        row[2] += f.n if f.status == "declined" else 0
        row[3] += f.n if f.decline_reason == "not_an_offence" else 0
    return Table(
        "forwarded_by_state",
        "Reports forwarded, by the Member State (or body) whose authority received them (Art. 83(3)(c), (f))",
        [
            Column("state", "Member State or body", ColumnKind.label),
            Column("kind", "Kind", ColumnKind.label),
            Column("referrals", "Reports forwarded"),
            Column("acknowledged", "Acknowledged"),
            Column("declined", "Declined"),
            Column("not_abuse", "Assessed as not an offence"),
        ],
        [[s, k, *v] for (s, k), v in sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[0]))],
        note="'Assessed as not an offence' counts referrals the authority declined as not an offence "
        "under its law (feedback under Art. 36(3)).",
        base="referrals",
    )


def _content(files: Iterable[Any], received: Iterable[Any]) -> Table:
    by_class: Counter[str] = Counter()
    for f in files:
        by_class[str(f.classification)] += int(f.n)
    return Table(
        "content",
        "What the reports concern (Art. 83(3)(d))",
        [Column("what", "What", ColumnKind.label), Column("count", "Number")],
        [
            ["Items of potential known material (matched a known-material indicator)", by_class["known"]],
            ["Items of potential new material (matched no indicator)", by_class["unknown"]],
            ["Items matched to an allowlist (not abuse material)", by_class["allowlisted"]],
            ["Items not yet matched", by_class["None"]],
            ["Reports concerning solicitation of children", sum(r.n for r in received if r.solicitation)],
        ],
    )


def _unfounded(assessed: Iterable[Any]) -> Table:
    reasons: Counter[str] = Counter()
    reports = 0
    for a in assessed:
        if a.state != "unfounded" and not a.analyst_unfounded:
            continue
        reports += a.n
        codes = _json(a.reasons) or []
        for code in codes or ["analyst_assessed"]:
            reasons[code] += a.n
    return Table(
        "unfounded_reasons",
        "Reports assessed as manifestly unfounded, by reason (Art. 83(3)(e))",
        [Column("reason", "Reason", ColumnKind.label), Column("reports", "Reports")],
        [[code, n] for code, n in reasons.most_common()],
        note="A report may have more than one reason, so the reasons add up to more than the reports.",
        base="reports",
    )


def _occurrences(rows: Iterable[Any]) -> Table:
    items: Counter[int] = Counter()
    times: Counter[int] = Counter()
    for r in rows:
        items[int(r.bucket)] += int(r.items)
        times[int(r.bucket)] += int(r.times or 0)
    return Table(
        "occurrences",
        "How often the same item was reported (Art. 83(3)(h))",
        [
            Column("times", "Reported", ColumnKind.label),
            Column("items", "Items"),
            Column("occurrences", "Times reported in all"),
        ],
        [[OCCURRENCE_LABELS.get(b, "1,000 times or more"), items[b], times[b]] for b in sorted(items)],
        note="Items first reported in the period (by the time of the incident the report describes), "
        "by how many times they have been reported to date.",
        base="items",
    )


def _indicators(rows: Iterable[Any]) -> Table:
    return Table(
        "indicators",
        "Indicators per database (Art. 83(3)(a)): in force at the end of the period, added and withdrawn",
        [
            Column("bank", "Bank", ColumnKind.label),
            Column("purpose", "Purpose", ColumnKind.label),
            Column("active", "In force"),
            Column("added", "Added"),
            Column("withdrawn", "Withdrawn"),
        ],
        [[r.name, r.purpose, int(r.active or 0), int(r.added or 0), int(r.withdrawn or 0)] for r in rows],
    )


def _percentile(histogram: Mapping[int, int], q: float) -> float | None:
    """The nearest-rank percentile (the smallest value with at least q of the values at or below
    it), in hours, from a histogram of minutes."""
    total = sum(histogram.values())
    if total == 0:
        return None
    rank = max(1, math.ceil(q * total))
    seen = 0
    for minutes in sorted(histogram):
        seen += histogram[minutes]
        if seen >= rank:
            return round(minutes / 60.0, 2)
    return None  # pragma: no cover - unreachable: the last bucket reaches every rank


def _delays(forward_rows: Iterable[Any], ack_rows: Iterable[Any]) -> list[Table]:
    forward: dict[str, Counter[int]] = defaultdict(Counter)
    ack: dict[str, Counter[int]] = defaultdict(Counter)
    waiting: Counter[str] = Counter()
    for r in forward_rows:
        forward[r.priority][partials.coarse_minutes(r.minutes) or 0] += r.n
    for r in ack_rows:
        if r.minutes is None:
            waiting[r.priority] += r.n
        else:
            ack[r.priority][partials.coarse_minutes(r.minutes) or 0] += r.n
    order = [p for p in PRIORITIES if p in forward] + sorted(set(forward) - set(PRIORITIES))
    to_forward = Table(
        "time_to_forward",
        "Time from receipt to forwarding, by priority (hours)",
        [
            Column("priority", "Priority", ColumnKind.label),
            Column("referrals", "Referrals"),
            Column("median_hours", "Median", ColumnKind.hours),
            Column("p90_hours", "90th percentile", ColumnKind.hours),
        ],
        [
            [p, sum(forward[p].values()), _percentile(forward[p], 0.5), _percentile(forward[p], 0.9)]
            for p in order
        ],
        note="Each referral counts once: a report forwarded to two authorities counts twice. Durations "
        "are exact to the minute under an hour, to 5 minutes under a day, to the hour under a week, to "
        "the day beyond; a percentile is the nearest rank, given as the lower bound of its step.",
        base="referrals",
    )
    to_ack = Table(
        "time_to_acknowledge",
        "Time from forwarding to acknowledgement by the authority, by priority (hours)",
        [
            Column("priority", "Priority", ColumnKind.label),
            Column("acknowledged", "Acknowledged"),
            Column("waiting", "Not acknowledged"),
            Column("median_hours", "Median", ColumnKind.hours),
            Column("p90_hours", "90th percentile", ColumnKind.hours),
        ],
        [
            [p, sum(ack[p].values()), waiting[p], _percentile(ack[p], 0.5), _percentile(ack[p], 0.9)]
            for p in order
        ],
        base="acknowledged",
    )
    buckets: list[list[Cell]] = []
    low = 0
    for label, high in DISTRIBUTION:
        row: list[Cell] = [label]
        for p in PRIORITIES:
            row.append(sum(n for m, n in forward[p].items() if m >= low and (high is None or m < high)))
        buckets.append(row)
        low = high or low
    distribution = Table(
        "time_to_forward_distribution",
        "Referrals by time from receipt to forwarding",
        [Column("bucket", "Time to forward", ColumnKind.label), *[Column(p, p) for p in PRIORITIES]],
        buckets,
    )
    return [to_forward, to_ack, distribution]


def _actions(outcomes: Iterable[Any]) -> Table:
    counts: Counter[str] = Counter()
    for o in outcomes:
        counts[o.action] += o.n
    return Table(
        "outcome_actions",
        "What forwarded reports led to, as recorded by the authorities (Art. 83(2))",
        [Column("action", "Follow-up", ColumnKind.label), Column("referrals", "Referrals")],
        [[a.value, counts[a.value]] for a in OutcomeAction],
    )


@functools.lru_cache(maxsize=8192)
def _json(text: str | None) -> Any:
    """Grouped rows repeat a few JSON values (reasons, victims by sex and age) many times."""
    return json.loads(text) if text else None


def _victim_total(breakdown: str | None) -> int:
    data = _json(breakdown) or {}
    return sum(int(n) for bands in data.values() for n in bands.values())


def _funnel(
    name: str,
    label: str,
    referred: Iterable[Any],
    outcomes: Iterable[Any],
    imported: Iterable[Mapping[str, Any]],
    key_of: Callable[[Any], str],
    imported_key: Callable[[Mapping[str, Any]], str | None],
) -> Table:
    steps = [k for k, _ in FUNNEL]
    rows: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    by_state = name == "funnel_by_state"
    for f in referred:
        rows[(key_of(f.agency_id if by_state else f.provider_id), "recorded")]["forwarded"] += f.n
    for o in outcomes:
        row = rows[(key_of(o.agency_id if by_state else o.provider_id), "recorded")]
        row["investigated"] += o.n if o.action in INVESTIGATED else 0
        row["victims_identified"] += _victim_total(o.identified) * o.n
        row["victims_safeguarded"] += _victim_total(o.safeguarded) * o.n
        for step in ("suspects_arrested", "offenders_prosecuted", "offenders_convicted"):
            row[step] += int(getattr(o, step) or 0)
    stated: dict[tuple[str, str], set[str]] = defaultdict(set)  # imported: steps some case stated
    for case in imported:
        keys: list[str | None] = list(case["providers"]) if not by_state else [imported_key(case)]
        for name_ in keys:
            key = (name_ or "(not stated)", "imported")
            row = rows[key]
            for step in steps:
                if case[step] is not None:
                    row[step] += case[step]
                    stated[key].add(step)

    def cell(key: tuple[str, str], counts: Counter[str], step: str) -> Cell:
        # an imported row whose narratives never state a step has no figure for it, not zero
        return None if key[1] == "imported" and step not in stated[key] else counts[step]

    return Table(
        name,
        f"Outcome funnel by {label.lower()}: forwarded, investigated, victims, suspects, offenders",
        [
            Column(label.lower(), label, ColumnKind.label),
            Column("source", "Source", ColumnKind.label),
            *[Column(k, title) for k, title in FUNNEL],
        ],
        [
            [k, src, *[cell((k, src), c, s) for s in steps]]
            for (k, src), c in sorted(rows.items(), key=lambda kv: (-kv[1]["forwarded"], kv[0]))
        ],
        note="'recorded' rows come from outcomes the authorities recorded on referrals; 'imported' rows "
        "from case narratives read by `tipline outcomes import` (only confident or confirmed fields). "
        "For imported cases 'forwarded' is the number of reports the case started from; a step that no "
        "narrative of the row states is left empty (not known), and a narrative silent on a step adds "
        "nothing to it.",
        base="forwarded",
    )


def _victims(outcomes: Iterable[Any]) -> Table:
    identified: Counter[tuple[str, str]] = Counter()
    safeguarded: Counter[tuple[str, str]] = Counter()
    for o in outcomes:
        for target, text in ((identified, o.identified), (safeguarded, o.safeguarded)):
            for sex, bands in (_json(text) or {}).items():
                for band, n in bands.items():
                    target[(sex, band)] += int(n) * o.n
    return Table(
        "victims",
        "Victims identified and safeguarded, by sex and age (Art. 83(2))",
        [
            Column("sex", "Sex", ColumnKind.label),
            Column("age", "Age", ColumnKind.label),
            Column("identified", "Identified"),
            Column("safeguarded", "Safeguarded"),
        ],
        [
            [sex.value, band.value, identified[(sex.value, band.value)], safeguarded[(sex.value, band.value)]]
            for sex in Sex
            for band in AgeBand
            if identified[(sex.value, band.value)] or safeguarded[(sex.value, band.value)]
        ],
        note="From recorded outcomes only: case narratives seldom give sex and age.",
    )


def scorecards(
    received: Iterable[Any],
    assessed: Iterable[Any],
    answers: Iterable[Any],
    referred: Iterable[Any],
    outcomes: Iterable[Any],
    provider: Callable[[uuid.UUID], str],
) -> Table:
    """Per provider: completeness, manifestly unfounded, information requests and the time to answer
    them, and what its forwarded reports led to."""
    reports: Counter[uuid.UUID] = Counter()
    for r in received:
        reports[r.provider_id] += r.n
    judged: Counter[uuid.UUID] = Counter()
    asked: Counter[uuid.UUID] = Counter()
    unfounded: Counter[uuid.UUID] = Counter()
    for a in assessed:
        judged[a.provider_id] += a.n
        asked[a.provider_id] += a.n if a.asked else 0
        unfounded[a.provider_id] += a.n if (a.state == "unfounded" or a.analyst_unfounded) else 0
    waits: dict[uuid.UUID, Counter[int]] = defaultdict(Counter)
    requests: Counter[uuid.UUID] = Counter()
    for x in answers:
        requests[x.provider_id] += x.n
        if x.minutes is not None:
            waits[x.provider_id][partials.coarse_minutes(x.minutes) or 0] += x.n
    forwarded: Counter[uuid.UUID] = Counter()
    for f in referred:
        forwarded[f.provider_id] += f.n
    led: Counter[uuid.UUID] = Counter()
    for o in outcomes:
        if o.action in INVESTIGATED or _victim_total(o.safeguarded) > 0:
            led[o.provider_id] += o.n

    def share(part: int, whole: int) -> float | None:
        return round(part / whole, 4) if whole else None

    rows: list[list[Cell]] = []
    for pid in sorted(set(reports) | set(judged), key=lambda p: (-reports[p], provider(p))):
        rows.append(
            [
                provider(pid),
                reports[pid],
                share(judged[pid] - asked[pid], judged[pid]),
                share(unfounded[pid], judged[pid]),
                requests[pid],
                share(sum(waits[pid].values()), requests[pid]),
                _percentile(waits[pid], 0.5),
                _percentile(waits[pid], 0.9),
                forwarded[pid],
                share(led[pid], forwarded[pid]),
            ]
        )
    return Table(
        "provider_scorecards",
        "Provider scorecards",
        [
            Column("provider", "Provider", ColumnKind.label),
            Column("reports", "Reports"),
            Column("complete_share", "Complete when received", ColumnKind.share),
            Column("unfounded_share", "Manifestly unfounded", ColumnKind.share),
            Column("information_requests", "Information requested"),
            Column("answered_share", "Requests answered", ColumnKind.share),
            Column("answer_median_hours", "Time to answer, median", ColumnKind.hours),
            Column("answer_p90_hours", "Time to answer, 90th percentile", ColumnKind.hours),
            Column("referrals", "Referrals"),
            Column(
                "investigated_share",
                "Referrals leading to an investigation or safeguarding",
                ColumnKind.share,
            ),
        ],
        rows,
        note="Complete: no Art. 13 information had to be requested. Answered: the provider sent a "
        "supplement after the request. Investigation or safeguarding: the authority recorded a new or "
        "ongoing investigation, or safeguarded a victim.",
        base="reports",
    )


def _imported(case: Any) -> dict[str, Any]:
    """An imported case's funnel counts, from fields that were confident or confirmed (else unknown)."""
    fields: Mapping[str, Any] = case.fields
    confirmed: Mapping[str, Any] = case.confirmed or {}

    def value(name: str) -> Any:
        field = fields.get(name) or {}
        if field.get("review") and name not in confirmed:
            return None
        return confirmed[name]["value"] if name in confirmed else field.get("value")

    def count(name: str) -> int | None:
        v = value(name)
        return int(v) if isinstance(v, int | float) and not isinstance(v, bool) else None

    convicted = value("convicted")  # the narratives say whether there was a conviction, not of how many
    prosecuted = count("offenders_prosecuted")
    return {
        "state": case.state or case.country,
        "providers": list(value("providers") or []) or [None],
        "forwarded": count("report_count") or 1,
        "investigated": 1,
        "victims_identified": count("victims_in_case"),
        "victims_safeguarded": count("victims_safeguarded"),
        "suspects_arrested": None,
        "offenders_prosecuted": prosecuted,
        "offenders_convicted": None if convicted is None else (max(prosecuted or 0, 1) if convicted else 0),
    }
