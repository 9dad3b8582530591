"""Shared pieces of a synthetic report: context, files, chats, flags, and the final assembly."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from random import Random

from tipline.synth.countries import EU_CODES, Country, format_ip
from tipline.synth.images import ImageRecord, Pool
from tipline.synth.people import Subject, ip_event, new_subject, pick_country
from tipline.synth.providers import Provider
from tipline.synth.rand import below, between, span
from tipline.synth.texts import line
from tipline.synth.timefmt import DAY, iso

# (key, item_id, write the bytes to out/files) -> record
UniqueSource = Callable[[str, str, bool], ImageRecord]
Json = dict[str, object]
_CLASSES = ("A1", "A2", "B1", "B2")
UPLOAD_IP_SHARE = 0.5  # reports whose provider gives the address of the suspect's uploads
# of those whose suspect also logged in at least twice from home: the upload was made on a trip abroad
TRAVEL_SHARE = 0.15


@dataclass(frozen=True)
class Step:
    """One planned report. Recurring subjects carry what links their reports to each other."""

    scenario: str
    sid: str | None = None
    provider: Provider | None = None
    appearance: int = 0  # 0 for the subject's first report
    prior: tuple[str, ...] = ()  # earlier report ids about the subject from the same provider
    uid: str | None = None  # the account's provider_user_id
    old_uid: str | None = None  # the account the same provider reported before, if any
    phone_style: int = 0


@dataclass
class Env:
    """State shared by all reports of one run."""

    seed: int
    pool: Pool
    unique: UniqueSource
    viral_bases: tuple[int, ...]
    recurring: dict[str, Subject]


@dataclass
class Ctx:
    """One report being built."""

    index: int
    rid: str
    rng: Random
    provider: Provider
    submitted: int
    incident: int
    bytes_mode: bool
    seed: int
    files: list[Json] = field(default_factory=list)
    truth_files: list[Json] = field(default_factory=list)
    filenames: set[str] = field(default_factory=set)
    vpn: bool = False

    def at(self, ts: int) -> str:
        return iso(ts, self.provider.tz)

    def one_off(
        self,
        suffix: str,
        *,
        country: Country | None = None,
        age: tuple[int, int] = (19, 64),
        female: bool | None = None,
        eu_only: bool = False,
        non_eu_share: float | None = None,
    ) -> Subject:
        r = self.rng
        where = country or pick_country(r, eu_only=eu_only, non_eu_share=non_eu_share)
        sid = f"S{self.seed}-{self.index:07d}-{suffix}"
        serial = self.index if suffix == "a" else None  # the suspect: one per report
        return new_subject(r, sid, where, self.incident, between(r, *age), female, serial=serial)


@dataclass
class Draft:
    """What a scenario decided; ``assemble`` turns it into the report and its truth line."""

    scenario: str
    categories: list[str]
    priority: str
    subjects: list[Subject]
    reported: list[Json]
    detection: list[str]
    detection_detail: str
    description: str
    ncmec: list[str] = field(default_factory=list)
    victims: list[Json] = field(default_factory=list)
    recipients: list[Json] = field(default_factory=list)
    texts: list[Json] = field(default_factory=list)
    annotations: list[str] = field(default_factory=list)
    internet: list[Json] = field(default_factory=list)
    victim_country: str | None = None
    urgent_reason: str | None = None
    batch: Json | None = None
    signals: list[str] = field(default_factory=list)
    extra: Json = field(default_factory=dict)


def _original_name(r: Random, rec: ImageRecord, ts: int) -> str:
    ext = ".png" if rec.media_type == "image/png" else ".jpg"
    style = below(r, 4)
    if style == 0:
        return f"IMG_{span(r, 1000, 9999)}{ext.upper()}"
    if style == 1:
        return f"IMG-{iso(ts, 0)[:10].replace('-', '')}-WA{below(r, 10000):04d}{ext}"
    if style == 2:
        return f"photo_{span(r, 1, 400)}{ext}"
    return f"Screenshot_{iso(ts, 0)[:19].replace(':', '-').replace('T', '_')}{ext}"


def add_file(
    ctx: Ctx,
    rec: ImageRecord,
    *,
    known: bool,
    uploader: str | None,
    uploaded: int,
    annotations: tuple[str, ...] = (),
    viewed: bool | None = None,
    location_url: str | None = None,
    public: bool | None = None,
) -> None:
    r = ctx.rng
    ref = f"f{len(ctx.files) + 1}"
    decl: Json = {"ref": ref, "filename": rec.filename, "media_type": rec.media_type}
    if ctx.bytes_mode:
        decl["size"] = rec.size
        decl["hashes"] = {"md5": rec.md5, "sha256": rec.sha256}
        decl["bytes_to_follow"] = True
    else:
        if r.random() < 0.5:
            decl["size"] = rec.size
        decl["hashes"] = {
            "md5": rec.md5,
            "sha1": rec.sha1,
            "sha256": rec.sha256,
            "pdq": rec.pdq,
            "pdq_quality": rec.pdq_quality,
        }
    if r.random() < 0.4:
        decl["original_filename"] = _original_name(r, rec, uploaded)
    if annotations:
        decl["annotations"] = list(annotations)
    if viewed is not None:
        decl["viewed_by_provider"] = viewed
        if viewed and known and r.random() < 0.5:
            decl["industry_classification"] = _CLASSES[below(r, 4)]
    if public is not None:
        decl["publicly_available"] = public
    uploaded_at = ctx.at(uploaded)
    decl["uploaded_at"] = uploaded_at
    if location_url:
        decl["location_url"] = location_url
    if uploader:
        decl["uploader_ref"] = uploader
    if known and r.random() < 0.2:
        version = f"industry-hashes-{uploaded_at[:4]}.{1 + below(r, 4)}"
        decl["details"] = [{"type": "hash", "name": "Matched list", "value": version}]
    ctx.files.append(decl)
    ctx.filenames.add(rec.filename)
    ctx.truth_files.append({"ref": ref, "item_id": rec.item_id, "variant_of": rec.variant_of, "known": known})


def add_known_files(
    env: Env,
    ctx: Ctx,
    count: int,
    uploader: str,
    start: int,
    spread: int,
    *,
    annotations: tuple[str, ...] = (),
    viewed: bool | None = None,
    location: str | None = None,
    public: bool | None = None,
) -> None:
    """``count`` distinct pool files (bases or variants), uploaded between start and start+spread.

    ``location`` may contain ``{n}``, replaced by the file's number.
    """
    r = ctx.rng
    tries = 0
    added = 0
    while added < count and tries < count * 4:
        tries += 1
        rec = env.pool.pick(r)
        if rec.filename in ctx.filenames:
            continue
        added += 1
        url = location.format(n=span(r, 10**5, 10**6)) if location else None
        add_file(
            ctx,
            rec,
            known=True,
            uploader=uploader,
            uploaded=start + below(r, spread + 1),
            annotations=annotations,
            viewed=viewed,
            location_url=url,
            public=public,
        )


def add_new_files(
    env: Env, ctx: Ctx, count: int, uploader: str, uploaded: int, annotations: tuple[str, ...] = ()
) -> None:
    """``count`` unique, previously unseen pictures."""
    for _ in range(count):
        j = sum(1 for t in ctx.truth_files if not t["known"]) + 1
        item_id = f"N{ctx.seed}-{ctx.index:07d}-{j}"
        rec = env.unique(f"{ctx.index}:{j}", item_id, ctx.bytes_mode)
        add_file(
            ctx,
            rec,
            known=False,
            uploader=uploader,
            uploaded=uploaded + j * 40,
            annotations=annotations,
            viewed=True,
        )


def chat(ctx: Ctx, lang: str, turns: list[tuple[str, str]], start: int, values: dict[str, str]) -> Json:
    """A chat excerpt: (sender ref, message kind) turns rendered in ``lang``."""
    r = ctx.rng
    ts = start
    messages: list[Json] = []
    used: set[str] = set()
    for sender, kind in turns:
        ts += span(r, 30, 1800)
        text = line(r, lang, kind, used, **values)
        messages.append({"sender_ref": sender, "sent_at": ctx.at(ts), "text": text})
    ref = f"t{span(r, 100, 999)}"
    if r.random() < 0.2:  # some providers send a flat transcript
        body = "\n".join(f"[{m['sent_at']}] {m['sender_ref']}: {m['text']}" for m in messages)
        return {"ref": ref, "kind": "chat_excerpt", "language": lang, "content": body}
    return {"ref": ref, "kind": "chat_excerpt", "language": lang, "messages": messages}


def chat_language(r: Random, country: Country) -> str:
    if r.random() < 0.12:
        return "en"
    langs = country.languages
    return langs[0] if len(langs) == 1 or r.random() < 0.7 else langs[span(r, 1, len(langs))]


def place(ctx: Ctx, urls: list[str] | None = None) -> list[Json]:
    p = ctx.provider
    if urls:
        return [{"kind": "web_page", "urls": urls, "third_party_hosted": False}]
    if p.game:
        return [{"kind": "online_gaming", "game_name": p.game, "console": ctx.rng.choice(("PC", "mobile"))}]
    if p.chat_client:
        return [{"kind": "chat_im", "chat_client": p.chat_client}]
    if p.service_type == "email":
        return [{"kind": "email", "additional_info": "Attachments of sent messages."}]
    return [{"kind": "web_page", "urls": [p.url]}]


def assemble(ctx: Ctx, d: Draft) -> tuple[Json, Json]:
    r = ctx.rng
    p = ctx.provider
    incident: Json = {"categories": d.categories}
    if p.ncmec_types and d.ncmec:
        incident["ncmec_types"] = d.ncmec
    incident["time"] = ctx.at(ctx.incident)
    report: Json = {
        "provider_report_id": ctx.rid,
        "submitted_at": ctx.at(ctx.submitted),
        "legal_basis": p.legal_basis,
        "incident": incident,
        "service": {"name": p.service, "type": p.service_type, "url": p.url},
        "detection": {"basis": d.detection, "detail": d.detection_detail},
    }
    flags: Json = {}
    urgent_share = {"P1": 0.7, "P2": 0.05}.get(d.priority, 0.0)
    if r.random() < urgent_share:
        flags["urgent"] = True
        flags["urgent_reason"] = d.urgent_reason or "Possible ongoing risk to a child; please review."
    removed = ctx.incident + below(r, max(1, ctx.submitted - ctx.incident))
    if r.random() < 0.85:
        flags["content_removed"] = True
        flags["content_removed_at"] = ctx.at(removed)
    if r.random() < 0.7:
        flags["account_disabled"] = True
        disabled_at = ctx.at(removed + span(r, 60, 3600))
        flags["account_disabled_at"] = disabled_at
        if r.random() < 0.4:
            d.reported[0]["account_status"] = {
                "permanently_disabled": True,
                "disabled_at": disabled_at,
                "user_notified": r.random() < 0.3,
            }
    if p.ncmec_types:
        flags["reported_elsewhere"] = [
            {
                "authority": "NCMEC",
                "country": "US",
                "reference": str(span(r, 10**8, 10**9)),
                "reported_at": ctx.at(ctx.submitted - span(r, 60, DAY)),
            }
        ]
    report["flags"] = flags
    trip = _upload_addresses(ctx, d)
    if d.annotations:
        report["annotations"] = d.annotations
    if d.batch:
        report["batch"] = d.batch
    report["reported_persons"] = d.reported
    if d.victims:
        report["victims"] = d.victims
    if d.recipients:
        report["intended_recipients"] = d.recipients
    if ctx.files:
        report["files"] = ctx.files
    description: Json = {"ref": "d1", "kind": "description", "language": "en", "content": d.description}
    report["texts"] = [description, *d.texts]
    report["internet_details"] = d.internet or place(ctx)
    if r.random() < 0.5:
        report["reporter"] = p.reporter()
    if p.legal_rep:
        report["legal_representative"] = {
            "name": p.legal_rep,
            "email": f"eu-representative@{p.domain}",
            "address": {"city": "Dublin", "country": "IE"},
        }
    report.update(d.extra)
    if p.name.startswith("Chatterly") and r.random() < 0.5:
        report["extensions"] = {
            "chatterly_case": f"CH-{span(r, 10**6, 10**7)}",
            "risk_score": round(r.uniform(0.5, 1.0), 2),
        }
    lead = d.subjects[0]
    truth: Json = {
        "provider_report_id": ctx.rid,
        "provider": p.name,
        "scenario": d.scenario,
        "subject_id": lead.sid,
        "subject_ids": [s.sid for s in d.subjects],
        "country": lead.country.code,
        "victim_country": d.victim_country,
        "priority": d.priority,
        "vpn": ctx.vpn,
        "trip": trip.code if trip else None,
        "jurisdiction": _jurisdiction(ctx, d),
        "signals": d.signals,
        "files": ctx.truth_files,
    }
    return report, truth


def _upload_addresses(ctx: Ctx, d: Draft) -> Country | None:
    """Give the lead suspect's uploads an address (half the reports), from home, through the VPN, or
    from a trip abroad; returns the trip's country. A trip is one upload address abroad while the
    account's registration and at least two logins were at home: home evidence remains the stronger."""
    r = ctx.rng
    person = d.reported[0]
    uploads = [f for f in ctx.files if f.get("uploader_ref") == person["ref"]]
    if not uploads or r.random() >= UPLOAD_IP_SHARE:
        return None
    lead = d.subjects[0]
    events = person.get("ip_events")
    logins = [e for e in events if e.get("event") == "login"] if isinstance(events, list) else []
    trip: Country | None = None
    if not ctx.vpn and len(logins) >= 2 and r.random() < TRAVEL_SHARE:
        trip = pick_country(r)
        while trip is lead.country:
            trip = pick_country(r)
        block = trip.ipv4[below(r, len(trip.ipv4))]
        event: Json = {"ip": format_ip(block, r.getrandbits(32)), "event": "upload"}
        event["at"] = ctx.at(ctx.incident)
    else:
        event = ip_event(r, lead, "upload", ctx.incident, ctx.provider.tz, vpn=ctx.vpn)
    for f in uploads:
        f["upload_ip_event"] = dict(event)
    return trip


def _jurisdiction(ctx: Ctx, d: Draft) -> Json:
    """The competent states as far as the rendered report lets anyone tell.

    A suspect is placed (at home) when the report holds a phone, an address, or (unless every address
    of theirs is a VPN's) an address event or a location estimate of theirs; a victim when the report
    holds their location or addresses. Competent: the EU states of placed suspects, then a placed
    victim's EU state. With none, and every suspect placed outside the EU: international. Otherwise
    undetermined, and ``inferable`` is false: the truth cannot be read off the report.
    """
    placed: list[str] = []
    everyone = True
    for j, (s, person) in enumerate(zip(d.subjects, d.reported, strict=True)):
        through_vpn = ctx.vpn and j == 0
        stable = person.get("phones") or person.get("addresses")
        uploaded = any(f.get("upload_ip_event") and f.get("uploader_ref") == person["ref"] for f in ctx.files)
        seen = person.get("ip_events") or person.get("estimated_location") or uploaded
        if stable or (seen and not through_vpn):
            placed.append(s.country.code)
        else:
            everyone = False
    victims = [*d.victims, *(p for p in d.recipients if "age" in p or "age_range" in p)]
    if d.victim_country and any(v.get("estimated_location") or v.get("ip_events") for v in victims):
        placed.append(d.victim_country)
    states = list(dict.fromkeys(c for c in placed if c in EU_CODES))
    countries = list(dict.fromkeys(c for c in placed if c not in EU_CODES))
    if states:
        return {"route": "member_states", "states": states, "inferable": True, "countries": countries}
    if placed and everyone:
        return {"route": "international", "states": [], "inferable": True, "countries": countries}
    return {"route": "undetermined", "states": [], "inferable": False, "countries": countries}
