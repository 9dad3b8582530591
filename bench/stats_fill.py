"""Bulk fill of synthetic reports for bench/stats.py: only the tables and columns statistics read.

Rows are generated with numpy in chunks of reports (100,000 by default), each chunk from its own seed,
so a database of a given size holds the same data on SQLite and PostgreSQL. They go in through the
driver: ``executemany`` in one transaction per chunk on SQLite (WAL, ``synchronous=OFF``, a large page
cache and no foreign-key checks during the fill), ``COPY`` on PostgreSQL (``session_replication_role =
replica``: foreign-key triggers off during the fill). The plain indexes of the filled tables are
dropped first and re-created afterwards from the definitions the migrations made (the same SQL, read
from the database before dropping), so the end state has exactly the migrations' indexes; the indexes
of primary keys and unique constraints stay and are maintained row by row.

What a report looks like (per chunk, vectorised):

- received over 2024-01-01 .. 2027-01-01 with linear growth (the rate doubles over the three years:
  25.9% of reports in 2024, 33.3% in 2025, 40.7% in 2026), time-ordered like arrivals; 40 providers
  with a Zipf-like volume (the largest about a third of all reports, the smallest a few hundred per
  million); each provider mostly one service type;
- status: 0.2% retracted (never finished, no assessment), else the assessment's state; assessments:
  P1 1%, P2 10%, P3 70%, INFO the rest (every unfounded report is INFO); 5% manifestly unfounded with
  coded reasons; information requested from the provider for 8% (``missing`` codes), answered for 70%
  of those hours to days later (re-assessed: state assessed), the rest still incomplete;
- files: 0-10 per report (mean about 1.5), classified known 45%, unknown 50%, allowlisted 5%; every
  non-allowlisted file is an item sighting, as assessment keys them: a known file sights one of a pool
  of known items (n/20, half of the draws Zipf-like so that some items are reported tens of thousands
  of times, half uniform), an unknown file a new item of its own hash; 3% of sightings have several
  occurrences (batched reports);
- referrals (as the default routing policy sends them: assessed reports and P1 incomplete ones, not
  unfounded ones): one to Europol, and for 85% one to a member state (weighted by population) or 1%
  to the international route; status sent 4%, delivered 16%, acknowledged 55%, closed 22%, declined
  3% (decline reasons not_competent 45%, insufficient_information 30%, duplicate 15%, other 8%,
  not_an_offence 2%); sent after a lognormal delay by priority (P1 median 5 minutes, P2 30 minutes,
  P3 4 hours, INFO 12 hours), acknowledged hours later;
- outcomes for about 10% of member-state referrals (drawn among the acknowledged and closed ones):
  action, victims identified/safeguarded by sex and age band for 15% of them, suspects identified and
  arrested, offenders prosecuted and convicted (convicted <= prosecuted <= arrested <= identified);
- items: the known items sighted (with their report and occurrence counts, first and last seen) and
  one item per unknown file; narrative cases and imports stay empty.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
import psycopg
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

START = datetime(2024, 1, 1, tzinfo=UTC)
END = datetime(2027, 1, 1, tzinfo=UTC)
US = 1_000_000
HOUR = 3600 * US
MINUTE = 60 * US
DAY = 24 * HOUR
T0 = int(START.timestamp()) * US
SPAN = int(END.timestamp()) * US - T0
GROWTH = 1.0  # the rate at the end is (1 + GROWTH) times the rate at the start

FILLED = (
    "reports",
    "assessments",
    "report_files",
    "items",
    "item_sightings",
    "referrals",
    "outcomes",
)

SERVICE_TYPES = [
    "social_network",
    "messaging",
    "cloud_storage",
    "hosting",
    "video_sharing",
    "live_streaming",
    "search",
    "gaming",
    "dating",
    "email",
    "marketplace",
    "forum",
    "other",
]
# population in millions: which member state a report concerns
STATE_WEIGHTS = {
    "DE": 84, "FR": 68, "IT": 59, "ES": 48, "PL": 37, "RO": 19, "NL": 18, "BE": 11.7, "CZ": 10.9,
    "SE": 10.5, "GR": 10.4, "PT": 10.4, "HU": 9.6, "AT": 9.1, "BG": 6.4, "DK": 5.9, "FI": 5.6,
    "SK": 5.4, "IE": 5.3, "HR": 3.9, "LT": 2.9, "SI": 2.1, "LV": 1.9, "EE": 1.4, "CY": 0.9,
    "LU": 0.7, "MT": 0.5,
}  # fmt: skip
PRIORITIES = ["P1", "P2", "P3", "INFO"]
PRIORITY_P = [0.01, 0.10, 0.70, 0.19]
CATEGORIES = [
    '["known_material"]',
    '["new_material"]',
    '["solicitation"]',
    '["known_material","new_material"]',
    '["new_material","solicitation"]',
    '["known_material","solicitation"]',
]
CATEGORY_P = [0.55, 0.20, 0.15, 0.05, 0.03, 0.02]
UNFOUNDED = [
    '["duplicate"]',
    '["no_content"]',
    '["all_files_allowlisted"]',
    '["analyst_assessed"]',
    '["provider_retracted"]',
]
UNFOUNDED_P = [0.50, 0.20, 0.15, 0.10, 0.05]
MISSING = ['["location"]', '["identifiers"]', '["identifiers","location"]', '["content"]']
MISSING_P = [0.55, 0.25, 0.15, 0.05]
REFERRAL_STATUS = ["sent", "delivered", "acknowledged", "closed", "declined"]
REFERRAL_STATUS_P = [0.04, 0.16, 0.55, 0.22, 0.03]
DECLINE = ["not_competent", "insufficient_information", "duplicate", "other", "not_an_offence"]
DECLINE_P = [0.45, 0.30, 0.15, 0.08, 0.02]
ACTIONS = ["investigation_opened", "contributed_existing", "other_action", "no_action"]
ACTION_P = [0.35, 0.20, 0.15, 0.30]
SEXES = ["female", "male", "unknown"]
SEX_P = [0.6, 0.3, 0.1]
BANDS = ["0-2", "3-5", "6-9", "10-13", "14-17", "unknown"]
BAND_P = [0.03, 0.07, 0.15, 0.35, 0.30, 0.10]
SEND_MEDIAN_MIN = np.array([5.0, 30.0, 240.0, 720.0])  # by rank 1..4
FILE_COUNT_P = [0.15, 0.45, 0.25, 0.10, 0.03, 0.006, 0.004, 0.003, 0.003, 0.002, 0.002]


# --- columns in a neutral form, converted per database --------------------------------------------------


@dataclass
class Col:
    """One column of a chunk: ``kind`` is uuid | str | json | int | bool | ts | bytes; ``values`` a numpy
    array (int, bool, ts as int64 microseconds since the epoch), a list of str, or one constant for every
    row; ``null`` marks rows that are NULL."""

    kind: str
    values: Any
    null: np.ndarray | None = None


def _ts_strings(us: np.ndarray, suffix: str = "") -> list[str]:
    s = np.datetime_as_string(us.astype("datetime64[us]"), unit="us").astype("U26")  # 2024-01-01T00:..
    v = s.view(np.uint32).reshape(-1, 26)
    v[:, 10] = 32  # "T" -> " ": SQLAlchemy's SQLite storage format
    out: list[str] = s.tolist()
    if suffix:
        out = [x + suffix for x in out]
    return out


def to_sqlite(col: Col, n: int) -> list[Any]:
    v = col.values
    if isinstance(v, np.ndarray):
        if col.kind == "ts":
            out: list[Any] = _ts_strings(v)
        elif col.kind == "bool":
            out = v.astype(np.int64).tolist()
        else:
            out = v.tolist()
    elif isinstance(v, list):
        out = list(v) if col.null is not None else v
    else:
        if col.kind == "ts":
            v = _ts_strings(np.array([v], dtype=np.int64))[0]
        elif col.kind == "bool":
            v = int(v)
        out = [v] * n
    if col.null is not None:
        for i in np.flatnonzero(col.null).tolist():
            out[i] = None
    return out


def _pg_text(v: Any, kind: str) -> str:
    if v is None:
        return "\\N"
    if kind == "bool":
        return "t" if v else "f"
    if kind == "bytes":
        return "\\\\x" + bytes(v).hex()
    if kind == "ts":
        return _ts_strings(np.array([v], dtype=np.int64), "+00")[0]
    return str(v)


def to_pg(col: Col, n: int) -> list[str]:
    v = col.values
    if isinstance(v, np.ndarray):
        if col.kind == "ts":
            out = _ts_strings(v, "+00")
        elif col.kind == "bool":
            out = np.where(v, "t", "f").tolist()
        else:
            out = v.astype(str).tolist()
    elif isinstance(v, list):
        out = list(v) if col.null is not None else v
    else:
        out = [_pg_text(v, col.kind)] * n
    if col.null is not None:
        for i in np.flatnonzero(col.null).tolist():
            out[i] = "\\N"
    return out


def uuids(rng: np.random.Generator, n: int) -> list[str]:
    """Random version-4 UUIDs as 32 hex digits (SQLAlchemy's Uuid on SQLite; PostgreSQL accepts it)."""
    b = rng.integers(0, 256, size=(n, 16), dtype=np.uint8)
    b[:, 6] = (b[:, 6] & 0x0F) | 0x40
    b[:, 8] = (b[:, 8] & 0x3F) | 0x80
    h = b.tobytes().hex()
    return [h[i : i + 32] for i in range(0, 32 * n, 32)]


def hexes(rng: np.random.Generator, n: int, digits: int = 64) -> list[str]:
    h = rng.integers(0, 256, size=n * digits // 2, dtype=np.uint8).tobytes().hex()
    return [h[i : i + digits] for i in range(0, digits * n, digits)]


def pick(values: list[str], idx: np.ndarray) -> list[str]:
    out: list[str] = np.array(values, dtype=object)[idx].tolist()
    return out


# --- the world a database's reports live in -----------------------------------------------------------


@dataclass
class World:
    n: int
    seed: int
    providers: list[str]  # ids (hex)
    provider_p: np.ndarray
    provider_service: np.ndarray  # index into SERVICE_TYPES
    states: list[str]
    state_ids: list[str]
    state_p: np.ndarray
    europol: str
    international: str
    known_pool: int
    known_cdf: np.ndarray
    known_sha: list[str]
    # per known item, accumulated over the fill
    known_reports: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    known_occ: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    known_first: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    known_last: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    next_item: int = 0
    shapes: dict[str, TableShape] = field(default_factory=dict)

    @classmethod
    def make(
        cls, n: int, seed: int, providers: list[str], agencies: dict[str, str], europol: str, intl: str
    ) -> World:
        rng = np.random.default_rng([seed, 0])
        ranks = np.arange(1, len(providers) + 1, dtype=np.float64)
        provider_p = ranks**-1.3
        provider_p /= provider_p.sum()
        provider_service = rng.integers(0, len(SERVICE_TYPES), size=len(providers))
        states = sorted(STATE_WEIGHTS)
        state_p = np.array([STATE_WEIGHTS[s] for s in states], dtype=np.float64)
        state_p /= state_p.sum()
        pool = max(1000, n // 20)
        w = np.arange(1, pool + 1, dtype=np.float64) ** -0.9
        cdf = np.cumsum(w) / w.sum()
        return cls(
            n=n,
            seed=seed,
            providers=providers,
            provider_p=provider_p,
            provider_service=provider_service,
            states=states,
            state_ids=[agencies[s] for s in states],
            state_p=state_p,
            europol=europol,
            international=intl,
            known_pool=pool,
            known_cdf=cdf,
            known_sha=hexes(rng, pool),
            known_reports=np.zeros(pool, np.int64),
            known_occ=np.zeros(pool, np.int64),
            known_first=np.full(pool, np.iinfo(np.int64).max, np.int64),
            known_last=np.full(pool, np.iinfo(np.int64).min, np.int64),
            next_item=pool + 1,
        )

    def received(self, first: int, count: int, rng: np.random.Generator) -> np.ndarray:
        """Receipt times of reports first..first+count (sorted): the inverse of the growing rate's CDF."""
        u = (np.arange(first, first + count, dtype=np.float64) + rng.random(count)) / self.n
        g = GROWTH
        x = (-1.0 + np.sqrt(1.0 + 2.0 * g * u * (1.0 + g / 2.0))) / g
        return T0 + np.minimum((x * SPAN).astype(np.int64), SPAN - 1)


Chunk = dict[str, tuple[int, dict[str, Col]]]


def _lognormal(rng: np.random.Generator, median: np.ndarray | float, sigma: float, n: int) -> np.ndarray:
    return np.asarray(median) * np.exp(sigma * rng.standard_normal(n))


def make_chunk(world: World, index: int, first: int, count: int) -> Chunk:
    """The rows of reports first..first+count, every table; deterministic for (seed, index)."""
    rng = np.random.default_rng([world.seed, 1, index])
    n = count
    rid = uuids(rng, n)
    received = world.received(first, n, rng)
    prov = rng.choice(len(world.providers), size=n, p=world.provider_p)
    service = np.where(
        rng.random(n) < 0.8, world.provider_service[prov], rng.integers(0, len(SERVICE_TYPES), size=n)
    )
    retracted = rng.random(n) < 0.002
    urgent = rng.random(n) < 0.02
    rank = rng.choice(4, size=n, p=PRIORITY_P) + 1
    urgent |= (rank == 1) & (rng.random(n) < 0.3)
    unfounded = (rng.random(n) < 0.05) & ~retracted
    rank[unfounded] = 4
    requested = (rng.random(n) < 0.08) & ~retracted & ~unfounded
    answered = requested & (rng.random(n) < 0.7)
    incomplete = requested & ~answered
    state = np.where(unfounded, "unfounded", np.where(incomplete, "incomplete", "assessed"))
    status = np.where(retracted, "retracted", state)
    finished = received + rng.integers(1 * US, 120 * US, size=n)
    assessed0 = finished + rng.integers(2 * US, 30 * US, size=n)
    req_at = assessed0
    ans_at = req_at + _lognormal(rng, 20 * HOUR, 1.2, n).astype(np.int64)
    assessed_at = np.where(answered, ans_at + 5 * US, assessed0)
    incident = received - _lognormal(rng, 2 * DAY, 1.5, n).astype(np.int64)
    pids = np.array(world.providers, dtype=object)[prov].tolist()
    prid = [f"R{first + k:010d}" for k in range(n)]

    reports = {
        "id": Col("uuid", rid),
        "provider_id": Col("uuid", pids),
        "provider_report_id": Col("str", prid),
        "schema_version": Col("str", "1.0"),
        "status": Col("str", status.tolist()),
        "content_digest": Col("str", hexes(rng, n)),
        "content_sealed": Col("bytes", b"x"),
        "incident_categories": Col(
            "json", pick(CATEGORIES, rng.choice(len(CATEGORIES), size=n, p=CATEGORY_P))
        ),
        "incident_time": Col("ts", incident),
        "service_type": Col("str", pick(SERVICE_TYPES, service)),
        "provider_urgent": Col("bool", urgent),
        "received_at": Col("ts", received),
        "finished_at": Col("ts", finished, null=retracted),
        "retracted_at": Col("ts", finished, null=~retracted),
    }

    # assessments: every report that was finished
    a = np.flatnonzero(~retracted)
    na = len(a)
    prio = np.array(PRIORITIES, dtype=object)[rank[a] - 1]
    auto = prio.copy()
    overridden = rng.random(na) < 0.005
    auto[overridden] = np.array(PRIORITIES, dtype=object)[rng.integers(0, 4, size=int(overridden.sum()))]
    unf_codes = rng.choice(len(UNFOUNDED), size=na, p=UNFOUNDED_P)
    unf = pick(UNFOUNDED, unf_codes)
    unf_a = unfounded[a]
    unf = [u if f else "[]" for u, f in zip(unf, unf_a.tolist(), strict=True)]
    miss = pick(MISSING, rng.choice(len(MISSING), size=na, p=MISSING_P))
    miss = [m if f else "[]" for m, f in zip(miss, requested[a].tolist(), strict=True)]
    assessments = {
        "report_id": Col("uuid", [rid[i] for i in a.tolist()]),
        "state": Col("str", state[a].tolist()),
        "priority": Col("str", prio.tolist()),
        "rank": Col("int", rank[a]),
        "auto_priority": Col("str", auto.tolist()),
        "provider_urgent": Col("bool", urgent[a]),
        "reasons": Col("json", "[]"),
        "signal_kinds": Col("json", "[]"),
        "unfounded_reasons": Col("json", unf),
        "missing": Col("json", miss),
        "analyst_unfounded": Col("bool", unf_a & (unf_codes == 3)),
        "signals_sealed": Col("bytes", b"x"),
        "received_at": Col("ts", received[a]),
        "information_requested_at": Col("ts", req_at[a], null=~requested[a]),
        "information_answered_at": Col("ts", ans_at[a], null=~answered[a]),
        "version": Col("int", 1),
        "assessed_at": Col("ts", assessed_at[a]),
    }

    # files and item sightings
    nfiles = rng.choice(len(FILE_COUNT_P), size=n, p=FILE_COUNT_P)
    nfiles[retracted] = 0
    owner = np.repeat(np.arange(n), nfiles)
    nf = len(owner)
    starts = np.cumsum(nfiles) - nfiles
    position = np.arange(nf) - np.repeat(starts, nfiles)
    cls = rng.choice(3, size=nf, p=[0.45, 0.50, 0.05])  # known, unknown, allowlisted
    zipf = rng.random(nf) < 0.5
    known_item = np.where(
        zipf,
        np.searchsorted(world.known_cdf, rng.random(nf)),
        rng.integers(0, world.known_pool, size=nf),
    )
    known_item = np.minimum(known_item, world.known_pool - 1)
    sha = hexes(rng, nf)
    allow_pool = [f"{k:064x}" for k in range(1000)]
    known_mask = cls == 0
    for i in np.flatnonzero(known_mask).tolist():
        sha[i] = world.known_sha[known_item[i]]
    for i in np.flatnonzero(cls == 2).tolist():
        sha[i] = allow_pool[(i * 7919) % 1000]
    file_received = received[owner] + rng.integers(0, 60 * US, size=nf)
    report_files = {
        "id": Col("uuid", uuids(rng, nf)),
        "report_id": Col("uuid", [rid[i] for i in owner.tolist()]),
        "position": Col("int", position),
        "ref": Col("str", [f"file-{p}" for p in position.tolist()]),
        "state": Col("str", "received"),
        "media_type": Col(
            "str", pick(["image/jpeg", "image/png", "video/mp4"], rng.choice(3, size=nf, p=[0.6, 0.25, 0.15]))
        ),
        "size": Col("int", rng.integers(20_000, 5_000_000, size=nf)),
        "sha256": Col("str", sha),
        "hash_check": Col("str", "verified"),
        "received_at": Col("ts", file_received),
        "classification": Col("str", pick(["known", "unknown", "allowlisted"], cls)),
        "matched_at": Col("ts", file_received + 2 * US),
    }

    # one sighting per non-allowlisted file, one per item per report
    s_rows = np.flatnonzero(cls != 2)
    s_owner = owner[s_rows]
    s_known = known_mask[s_rows]
    item_id = np.where(s_known, known_item[s_rows] + 1, 0)
    new = np.flatnonzero(~s_known)
    item_id[new] = np.arange(world.next_item, world.next_item + len(new))
    world.next_item += len(new)
    # a report that names one known item twice sights it once
    key = s_owner.astype(np.int64) * (world.next_item + 1) + item_id
    _, keep = np.unique(key, return_index=True)
    keep.sort()
    s_owner, item_id, s_known = s_owner[keep], item_id[keep], s_known[keep]
    ns = len(keep)
    occ = np.where(rng.random(ns) < 0.03, rng.integers(2, 50, size=ns), 1)
    seen = received[s_owner]
    kidx = item_id[s_known] - 1
    np.add.at(world.known_reports, kidx, 1)
    np.add.at(world.known_occ, kidx, occ[s_known])
    np.minimum.at(world.known_first, kidx, seen[s_known])
    np.maximum.at(world.known_last, kidx, seen[s_known])
    accounts = ['["' + h + '"]' for h in hexes(rng, ns)]
    item_sightings = {
        "item_id": Col("int", item_id),
        "report_id": Col("uuid", [rid[i] for i in s_owner.tolist()]),
        "seen_at": Col("ts", seen),
        "occurrences": Col("int", occ),
        "accounts": Col("json", accounts),
    }
    fresh = ~s_known
    fresh_files = s_rows[keep][fresh]
    items = {
        "id": Col("int", item_id[fresh]),
        "key": Col("str", ["sha256:" + sha[i] for i in fresh_files.tolist()]),
        "first_seen": Col("ts", seen[fresh]),
        "last_seen": Col("ts", seen[fresh]),
        "reports": Col("int", 1),
        "occurrences": Col("int", occ[fresh]),
    }

    # referrals: assessed reports, and incomplete P1 ones
    routed = ~retracted & ~unfounded & (~incomplete | (rank == 1))
    r_idx = np.flatnonzero(routed)
    nr = len(r_idx)
    to_state = rng.random(nr)
    state_pick = rng.choice(len(world.states), size=nr, p=world.state_p)
    has_state = to_state < 0.85
    intl = (to_state >= 0.85) & (to_state < 0.86)
    ref_report = np.concatenate([r_idx, r_idx[has_state | intl]])
    n_eu = nr
    agency = [world.europol] * n_eu + [
        world.state_ids[s] if h else world.international
        for s, h in zip(
            state_pick[has_state | intl].tolist(), has_state[has_state | intl].tolist(), strict=True
        )
    ]
    reason = [
        "europol_policy" if (h or i) else "undetermined"
        for h, i in zip(has_state.tolist(), intl.tolist(), strict=True)
    ]
    reason += ["competent_state" if h else "international" for h in has_state[has_state | intl].tolist()]
    basis_codes = [
        f'{{"route":"state","states":["{world.states[s]}"],"certainty":"high","kinds":["ip_geolocation"],"decided":true}}'
        for s in range(len(world.states))
    ]
    basis_eu = [
        basis_codes[s]
        if h
        else (
            '{"route":"international","states":[],"certainty":"medium","kinds":["ip_geolocation"],"decided":true}'
            if i
            else '{"route":"undetermined","states":[],"certainty":"none","kinds":[],"decided":true}'
        )
        for s, h, i in zip(state_pick.tolist(), has_state.tolist(), intl.tolist(), strict=True)
    ]
    basis = basis_eu + [basis_eu[j] for j in np.flatnonzero(has_state | intl).tolist()]
    m = len(ref_report)
    r_rank = rank[ref_report]
    r_urgent = (r_rank == 1) | urgent[ref_report]
    sent = assessed_at[ref_report] + _lognormal(rng, SEND_MEDIAN_MIN[r_rank - 1] * MINUTE, 1.0, m).astype(
        np.int64
    )
    st = rng.choice(len(REFERRAL_STATUS), size=m, p=REFERRAL_STATUS_P)
    delivered = sent + rng.integers(1 * US, 10 * US, size=m)
    ack_median = np.where(r_rank == 1, 1.0 * HOUR, 24.0 * HOUR)
    acked = (st == 2) | (st == 3) | ((st == 4) & (rng.random(m) < 0.5))
    ack = delivered + _lognormal(rng, ack_median, 1.0, m).astype(np.int64)
    closed_mask = (st == 3) | (st == 4)
    closed = np.maximum(ack, delivered) + _lognormal(rng, 20 * DAY, 0.8, m).astype(np.int64)
    updated = np.where(closed_mask, closed, np.where(acked, ack, np.where(st == 0, sent, delivered)))
    decline = pick(DECLINE, rng.choice(len(DECLINE), size=m, p=DECLINE_P))
    ref_ids = uuids(rng, m)
    referrals = {
        "id": Col("uuid", ref_ids),
        "report_id": Col("uuid", [rid[i] for i in ref_report.tolist()]),
        "agency_id": Col("uuid", agency),
        "status": Col("str", pick(REFERRAL_STATUS, st)),
        "decline_reason": Col("str", decline, null=st != 4),
        "urgent": Col("bool", r_urgent),
        "priority": Col("str", pick(PRIORITIES, r_rank - 1)),
        "rank": Col("int", r_rank),
        "reason": Col("str", reason),
        "cause": Col("str", "assessed"),
        "basis": Col("json", basis),
        "created_by": Col("str", "system:forwarding"),
        "sent_at": Col("ts", sent),
        "provider_id": Col("uuid", [pids[i] for i in ref_report.tolist()]),
        "report_received_at": Col("ts", received[ref_report]),
        "delivered_at": Col("ts", delivered, null=st == 0),
        "acknowledged_at": Col("ts", ack, null=~acked),
        "closed_at": Col("ts", closed, null=~closed_mask),
        "updated_at": Col("ts", updated),
    }

    # outcomes: 10% of member-state referrals that were acknowledged or closed
    is_state = np.zeros(m, bool)
    is_state[n_eu:] = has_state[has_state | intl]
    o_idx = np.flatnonzero(is_state & ((st == 2) | (st == 3)) & (rng.random(m) < 0.10 / 0.77))
    no = len(o_idx)
    action = rng.choice(len(ACTIONS), size=no, p=ACTION_P)
    victims_i: list[str] = []
    victims_s: list[str] = []
    for has in (rng.random(no) < 0.15).tolist():
        if not has:
            victims_i.append("{}")
            victims_s.append("{}")
            continue
        counts: dict[str, dict[str, int]] = {}
        for _ in range(int(rng.integers(1, 4))):
            sex = SEXES[int(rng.choice(3, p=SEX_P))]
            band = BANDS[int(rng.choice(6, p=BAND_P))]
            counts.setdefault(sex, {})
            counts[sex][band] = counts[sex].get(band, 0) + 1
        victims_i.append(json.dumps(counts, separators=(",", ":")))
        victims_s.append(json.dumps(counts, separators=(",", ":")) if rng.random() < 0.6 else "{}")
    susp = np.where(action <= 1, rng.integers(0, 3, size=no), 0)
    arrested = np.minimum(susp, rng.integers(0, 2, size=no))
    prosecuted = np.minimum(arrested, rng.integers(0, 2, size=no))
    convicted = np.minimum(prosecuted, (rng.random(no) < 0.6).astype(np.int64))
    outcomes = {
        "referral_id": Col("uuid", [ref_ids[i] for i in o_idx.tolist()]),
        "report_id": Col("uuid", [rid[i] for i in ref_report[o_idx].tolist()]),
        "agency_id": Col("uuid", [agency[i] for i in o_idx.tolist()]),
        "action": Col("str", pick(ACTIONS, action)),
        "no_action_reason": Col("str", "insufficient evidence", null=action != 3),
        "victims_identified": Col("json", victims_i),
        "victims_safeguarded": Col("json", victims_s),
        "suspects_identified": Col("int", susp),
        "suspects_arrested": Col("int", arrested),
        "offenders_prosecuted": Col("int", prosecuted),
        "offenders_convicted": Col("int", convicted),
        "closed_pretrial": Col("bool", False),
        "version": Col("int", 1),
        "source": Col("str", "recorded"),
        "updated_by": Col("str", "bench:stats"),
        "updated_at": Col("ts", ack[o_idx] + _lognormal(rng, 30 * DAY, 1.0, no).astype(np.int64)),
    }
    tables = {
        "reports": (n, reports),
        "assessments": (na, assessments),
        "report_files": (nf, report_files),
        "items": (len(fresh_files), items),
        "item_sightings": (ns, item_sightings),
        "referrals": (m, referrals),
        "outcomes": (no, outcomes),
    }
    rows_of_report = {
        "assessments": a,
        "report_files": owner,
        "item_sightings": s_owner,
        "referrals": ref_report,
        "outcomes": ref_report[o_idx],
    }
    for table, idx in rows_of_report.items():
        copy_report_columns(world, table, tables[table][1], reports, idx)
    return tables


def copy_report_columns(
    world: World, table: str, cols: dict[str, Col], reports: dict[str, Col], idx: np.ndarray
) -> None:
    """A required column the fill does not make but the report has (``provider_id``, ``received_at`` or
    ``report_<column>``): statistics copy report columns onto other tables; copy it from the report."""
    shape = world.shapes.get(table)
    if shape is None:
        return
    for name in sorted(shape.required - set(cols) - {"id"}):
        source = reports.get(name) or (reports.get(name[7:]) if name.startswith("report_") else None)
        if source is None:
            continue
        v = source.values
        if isinstance(v, np.ndarray):
            v = v[idx]
        elif isinstance(v, list):
            v = [v[i] for i in idx.tolist()]
        cols[name] = Col(source.kind, v, None if source.null is None else source.null[idx])


def known_items(world: World) -> tuple[int, dict[str, Col]]:
    """The known items that were sighted, with their counts (inserted once the sightings are in)."""
    used = np.flatnonzero(world.known_reports > 0)
    return len(used), {
        "id": Col("int", used + 1),
        "key": Col("str", [f"i:{k + 1}" for k in used.tolist()]),
        "first_seen": Col("ts", world.known_first[used]),
        "last_seen": Col("ts", world.known_last[used]),
        "reports": Col("int", world.known_reports[used]),
        "occurrences": Col("int", world.known_occ[used]),
    }


# --- writers ------------------------------------------------------------------------------------------


@dataclass
class TableShape:
    columns: list[str]
    required: set[str]  # NOT NULL without a default in the database


def shapes(engine: Engine) -> dict[str, TableShape]:
    insp = inspect(engine)
    out = {}
    for table in FILLED:
        cols = insp.get_columns(table)
        out[table] = TableShape(
            [c["name"] for c in cols],
            {
                c["name"]
                for c in cols
                if not c["nullable"] and c.get("default") is None and c.get("autoincrement") is not True
            },
        )
    return out


def _order(table: str, shape: TableShape, cols: dict[str, Col]) -> list[str]:
    missing = shape.required - set(cols)
    if table in ("items", "item_sightings", "outcomes"):
        missing.discard("id")  # integer keys: SQLite/PostgreSQL number them when not given
    if missing:
        raise SystemExit(f"{table}: the fill does not generate required column(s) {sorted(missing)}")
    extra = set(cols) - set(shape.columns)
    if extra:
        raise SystemExit(f"{table}: the database has no column(s) {sorted(extra)}")
    return [c for c in shape.columns if c in cols]


class Writer:
    label: str

    def begin(self) -> None: ...
    def write(self, table: str, n: int, cols: dict[str, Col]) -> None: ...
    def commit(self) -> None: ...
    def close(self) -> None: ...


class SqliteWriter(Writer):
    def __init__(self, path: str, shape: dict[str, TableShape]) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.shape = shape
        for pragma in (
            "journal_mode=WAL",
            "synchronous=OFF",
            "foreign_keys=OFF",
            "cache_size=-3000000",  # 3 GB
            "temp_store=MEMORY",
        ):
            self.conn.execute(f"PRAGMA {pragma}")

    def begin(self) -> None:
        self.conn.execute("BEGIN")

    def write(self, table: str, n: int, cols: dict[str, Col]) -> None:
        if n == 0:
            return
        names = _order(table, self.shape[table], cols)
        data = [to_sqlite(cols[c], n) for c in names]
        sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        try:
            self.conn.executemany(sql, zip(*data, strict=True))
        except sqlite3.Error as e:
            raise SystemExit(f"{table}: {e}; first row {next(zip(*data, strict=True))}") from e

    def commit(self) -> None:
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.conn.close()


class PgWriter(Writer):
    def __init__(self, dsn: str, shape: dict[str, TableShape]) -> None:
        self.conn = psycopg.connect(dsn)
        self.shape = shape
        with self.conn.cursor() as cur:
            cur.execute("SET session_replication_role = replica")  # no FK triggers during the fill
            cur.execute("SET synchronous_commit = off")
        self.conn.commit()

    def write(self, table: str, n: int, cols: dict[str, Col]) -> None:
        if n == 0:
            return
        names = _order(table, self.shape[table], cols)
        data = [to_pg(cols[c], n) for c in names]
        body = "\n".join(map("\t".join, zip(*data, strict=True))) + "\n"
        with self.conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(names)}) FROM STDIN") as cp:
            cp.write(body)

    def commit(self) -> None:
        self.conn.commit()

    def close(self) -> None:
        self.conn.commit()
        self.conn.close()


# --- plain indexes: dropped for the fill, re-created from the migrations' own definitions --------------


def plain_indexes(engine: Engine) -> dict[str, str]:
    """name -> CREATE INDEX statement, of the filled tables' indexes that back no constraint."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            rows = conn.execute(
                text(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                    "AND tbl_name IN (" + ", ".join(f"'{t}'" for t in FILLED) + ")"
                )
            ).all()
        else:
            rows = conn.execute(
                text(
                    "SELECT indexname, indexdef FROM pg_indexes "
                    "WHERE schemaname = 'public' AND tablename IN ("
                    + ", ".join(f"'{t}'" for t in FILLED)
                    + ") AND indexname NOT IN (SELECT conname FROM pg_constraint)"
                )
            ).all()
    return {name: sql for name, sql in rows}


def all_indexes(engine: Engine) -> dict[str, str]:
    """Every index of every table (name -> definition), to compare a database with a fresh migration."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            rows = conn.execute(
                text("SELECT name, coalesce(sql, tbl_name) FROM sqlite_master WHERE type = 'index'")
            ).all()
        else:
            rows = conn.execute(
                text("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'")
            ).all()
    return {name: sql for name, sql in rows}


def all_columns(engine: Engine) -> dict[str, list[str]]:
    insp = inspect(engine)
    return {t: sorted(c["name"] for c in insp.get_columns(t)) for t in insp.get_table_names()}


def drop_indexes(engine: Engine, indexes: dict[str, str]) -> None:
    with engine.begin() as conn:
        for name in indexes:
            conn.execute(text(f'DROP INDEX "{name}"'))


def create_indexes(engine: Engine, indexes: dict[str, str], say: Callable[[str], None]) -> None:
    for name, sql in indexes.items():
        t = time.perf_counter()
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text("SET maintenance_work_mem = '1GB'"))
            conn.execute(text(sql))
        say(f"index {name} in {time.perf_counter() - t:.0f} s")


# --- the fill -----------------------------------------------------------------------------------------


def chunks(n: int, size: int) -> Iterator[tuple[int, int, int]]:
    for index, first in enumerate(range(0, n, size)):
        yield index, first, min(size, n - first)


def fill(writer: Writer, world: World, chunk: int, say: Callable[[str], None]) -> dict[str, int]:
    """Every chunk, then the known items; returns rows per table."""
    rows = dict.fromkeys(FILLED, 0)
    t0 = time.perf_counter()
    gen = 0.0
    for index, first, count in chunks(world.n, chunk):
        g = time.perf_counter()
        tables = make_chunk(world, index, first, count)
        gen += time.perf_counter() - g
        writer.begin()
        for table in FILLED:
            n, cols = tables[table]
            writer.write(table, n, cols)
            rows[table] += n
        writer.commit()
        done = first + count
        elapsed = time.perf_counter() - t0
        total = sum(rows.values())
        say(
            f"{done:,} reports ({done / elapsed:,.0f} reports/s, {total / elapsed:,.0f} rows/s; "
            f"{total:,} rows; generating {100 * gen / elapsed:.0f}% of {elapsed:.0f} s)"
        )
    n, cols = known_items(world)
    writer.begin()
    writer.write("items", n, cols)
    writer.commit()
    rows["items"] += n
    return rows
