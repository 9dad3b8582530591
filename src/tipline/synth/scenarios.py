"""Scenarios modelled on published case summaries (provider report -> clearinghouse -> police).

Each builder returns a Draft with the priority a good analyst would give:
known_messenger    known material sent in a private chat: P3 (P2 when sent to a child)
cloud_collection   a stored collection of known files: P3 (P2 when unseen material is among it)
new_material       unseen material: P1 when an adult producer has access to the child, P2 when a
                   teenager produced it of themselves
grooming           an adult befriends a child with compliments, secrecy and gifts: P1 when a meeting is
                   planned, P2 otherwise
sextortion         threats to send a child's pictures to family unless paid: P1 while active (deadline,
                   distress, self-harm), P2 when contact ended
viral              one known item re-shared by many accounts as a meme or in outrage: INFO
multi_provider     one person reported by several providers over years with varying identifiers: P2
                   (P1 when the report is grooming with a planned meeting)
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from tipline.synth.builder import (
    Ctx,
    Draft,
    Env,
    Json,
    Step,
    add_file,
    add_known_files,
    add_new_files,
    chat,
    chat_language,
    place,
)
from tipline.synth.countries import Country
from tipline.synth.people import Subject, luhn_complete, pick_country, render_minor, render_subject
from tipline.synth.rand import below, between, span
from tipline.synth.texts import SEXTORTION_HOURS
from tipline.synth.timefmt import DAY, HOUR


def _an(age: int) -> str:
    """'a 13-year-old' but 'an 11-year-old'."""
    return f"an {age}" if age in (8, 11, 18) or 80 <= age < 90 else f"a {age}"


HASH_DETAIL = "PDQ and MD5 match against the provider's copy of an industry hash list."
CLASSIFIER_DETAIL = "Image classifier v4 flagged the files; a trained moderator confirmed them."


HOUSEHOLD_SHARE = (
    0.02  # of one-off suspects: a family tablet shared with the suspect of a neighbouring report
)
EMULATOR_SHARE = 0.01  # of one-off suspects: an emulator's default IMEI, shared by unrelated accounts
EMULATOR_IMEI = "358240051111110"


def _draw(seed: int, *parts: object) -> float:
    """A uniform number fixed by the seed and the parts, independent of any report's random stream,
    so that two reports built apart can agree (both halves of a household see the same draw)."""
    digest = hashlib.sha256(repr((seed, *parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def _suspect(ctx: Ctx, s: Subject) -> Json:
    """The one-off suspect as the provider records them. Hard cases for linking: two different people
    (reports 2k and 2k+1) who share a household device, and accounts on an emulator whose device id is
    the same for everyone; neither should link the reports into one person."""
    p = ctx.provider
    person = render_subject(ctx.rng, s, "u1", p.style, ctx.incident, p.tz, vpn=ctx.vpn)
    household = ctx.index // 2
    if _draw(ctx.seed, "household", household) < HOUSEHOLD_SHARE:
        shared = int(_draw(ctx.seed, "household-device", household) * 10**12)
        person["device_ids"] = [{"type": "IMEI", "value": luhn_complete(f"35{shared:012d}")}]
    elif _draw(ctx.seed, "emulator", ctx.index) < EMULATOR_SHARE:
        person["device_ids"] = [{"type": "IMEI", "value": EMULATOR_IMEI}]
    return person


def _sharing(env: Env, ctx: Ctx, s: Subject, person: Json, scenario: str, prio: str) -> Draft:
    """Known material sent in a private conversation."""
    r = ctx.rng
    p = ctx.provider
    d = Draft(
        scenario,
        ["known_material"],
        prio,
        [s],
        [person],
        ["hash_match"],
        HASH_DETAIL,
        "",
        ncmec=["child_pornography"],
    )
    count = r.choice((1, 1, 1, 2, 2, 3, 4, 5))
    if r.random() < 0.15:
        child = ctx.one_off("r", country=s.country if r.random() < 0.7 else None, age=(11, 15))
        d.recipients.append(render_minor(r, child, "r1", ctx.incident, p.tz, with_ip=False))
        d.ncmec.append("unsolicited_obscene_material_to_child")
        d.priority = "P2" if prio == "P3" else prio
        d.victim_country = child.country.code
        d.signals.append("recipient_minor")
        whom = f"a user who states they are {child.age_at(ctx.incident)}"
    else:
        other = ctx.one_off("b")
        d.recipients.append(render_subject(r, other, "r1", p.style, ctx.incident, p.tz, minimal=True))
        whom = "another adult user"
    add_known_files(env, ctx, count, "u1", ctx.incident - 3 * HOUR, 3 * HOUR, viewed=r.random() < 0.5)
    d.description = (
        f"User {person['screen_name']} sent {count} file(s) matching known child sexual abuse "
        f"material to {whom} in a private conversation on {p.service}."
    )
    return d


def known_messenger(env: Env, ctx: Ctx) -> Draft:
    s = ctx.one_off("a")
    ctx.vpn = ctx.rng.random() < 0.08
    return _sharing(env, ctx, s, _suspect(ctx, s), "known_messenger", "P3")


def cloud_collection(env: Env, ctx: Ctx) -> Draft:
    r = ctx.rng
    p = ctx.provider
    s = ctx.one_off("a", age=(22, 70))
    ctx.vpn = r.random() < 0.05
    person = _suspect(ctx, s)
    if r.random() < 0.5:
        city, region = s.city
        address: Json = {"city": city, "country": s.country.code}
        if region:
            address["region"] = region
        person["addresses"] = [address]
    uid = person["provider_user_id"]
    d = Draft(
        "cloud_collection",
        ["known_material"],
        "P3",
        [s],
        [person],
        ["hash_match"],
        HASH_DETAIL,
        "",
        ncmec=["child_pornography"],
    )
    count = between(r, 8, 30)
    shared = r.random() < 0.2
    add_known_files(
        env,
        ctx,
        count,
        "u1",
        ctx.incident - 200 * DAY,
        200 * DAY,
        viewed=False,
        location=f"{p.url}/drive/{uid}/{{n}}",
        public=shared,
    )
    new = between(r, 1, 2) if r.random() < 0.3 else 0
    where = "mailbox" if p.service_type == "email" else "cloud storage"
    text = (
        f"{len(ctx.files)} files in the user's {where} matched known child sexual abuse "
        "material hashes during upload scanning."
    )
    if new:
        add_new_files(env, ctx, new, "u1", ctx.incident - 2 * DAY)
        d.categories.append("new_material")
        d.detection.append("classifier")
        d.priority = "P2"
        d.signals.append("unseen_material")
        text += f" {new} further file(s) not on any hash list were flagged by a classifier."
    if shared:
        d.internet = place(ctx, [f"{p.url}/s/{r.getrandbits(40):010x}"])
        text += " The folder was shared through a public link."
    d.description = text
    return d


def new_material(env: Env, ctx: Ctx) -> Draft:
    r = ctx.rng
    p = ctx.provider
    if r.random() < 0.5:  # an adult producing material of a child in their care
        s = ctx.one_off("a", age=(25, 58), female=r.random() < 0.1)
        person = _suspect(ctx, s)
        age = between(r, 4, 13)
        victim: Json = {
            "ref": "v1",
            "age_range": {"min": max(1, age - 2), "max": age + 2},
            "sex": r.choice(("female", "male", "unknown")),
            "additional_info": "Child depicted in the uploaded images; not a user.",
        }
        d = Draft(
            "new_material",
            ["new_material"],
            "P1",
            [s],
            [person],
            ["classifier", "moderator_review"],
            CLASSIFIER_DETAIL,
            "",
            ncmec=["child_pornography", "child_sexual_molestation"],
            victims=[victim],
            victim_country=s.country.code,
            signals=["hands_on", "unseen_material"],
        )
        add_new_files(env, ctx, r.choice((1, 1, 2, 2)), "u1", ctx.incident - HOUR)
        d.urgent_reason = (
            "Previously unseen material; the child appears to be in the user's care "
            "and may be at ongoing risk."
        )
        d.description = (
            f"The user uploaded {len(ctx.files)} previously unseen image(s) of a child aged about "
            f"{age}. Background details suggest the images were taken in the user's home."
        )
        return d
    s = ctx.one_off("a", age=(13, 17))  # a teenager sharing pictures of themselves
    ctx.vpn = False
    person = _suspect(ctx, s)
    person.pop("date_of_birth", None)
    person["age"] = s.age_at(ctx.incident)
    d = Draft(
        "new_material",
        ["new_material"],
        "P2",
        [s],
        [person],
        ["classifier"],
        CLASSIFIER_DETAIL,
        "",
        ncmec=["child_pornography"],
        annotations=["possible_self_production"],
        victim_country=s.country.code,
        signals=["self_production"],
    )
    add_new_files(
        env, ctx, r.choice((1, 1, 2)), "u1", ctx.incident - HOUR, annotations=("possible_self_production",)
    )
    if r.random() < 0.6:
        peer = ctx.one_off("r", country=s.country, age=(13, 17))
        d.recipients.append(render_minor(r, peer, "r1", ctx.incident, p.tz, with_ip=False))
        d.annotations.append("minor_to_minor")
    d.description = (
        f"The account holder, about {s.age_at(ctx.incident)} years old, appears to have produced "
        "and shared image(s) of themselves. No adult involvement is known."
    )
    return d


def _grooming(env: Env, ctx: Ctx, s: Subject, person: Json, scenario: str) -> Draft:
    r = ctx.rng
    p = ctx.provider
    victim_at: Country | None = s.country if r.random() < 0.6 else None
    child = ctx.one_off(
        "v", country=victim_at, age=(11, 15), female=r.random() < 0.65, eu_only=r.random() < 0.8
    )
    age = child.age_at(ctx.incident)
    town = child.city[0]
    meeting = r.random() < 0.5
    lang = chat_language(r, child.country)
    turns = [("u1", "neutral"), ("v1", "reply"), ("u1", "compliment"), ("v1", "reply")]
    if meeting and r.random() < 0.2:
        turns.append(("u1", "meet_neg"))  # trust building before the actual plan
    turns += [("u1", "secrecy"), ("v1", "reply"), ("u1", "gift")]
    turns += [("u1", "meet"), ("v1", "reply_meet")] if meeting else [("u1", "meet_neg"), ("v1", "reply")]
    start = ctx.incident - span(r, 2 * HOUR, 3 * DAY)
    d = Draft(
        scenario,
        ["solicitation"],
        "P1" if meeting else "P2",
        [s],
        [person],
        [],
        "",
        "",
        ncmec=["online_enticement"],
        victim_country=child.country.code,
        texts=[chat(ctx, lang, turns, start, {"town": town})],
    )
    victim = render_minor(r, child, "v1", ctx.incident, p.tz, with_ip=r.random() < 0.3)
    if r.random() < 0.1:
        victim["school_name"] = f"Secondary school, {town}"
    d.victims.append(victim)
    if r.random() < 0.4:
        d.detection, d.detection_detail = ["user_report"], "Reported by the child's parent in the app."
    else:
        d.detection = ["classifier", "moderator_review"]
        d.detection_detail = "Grooming-risk text classifier; reviewed by a moderator."
    if r.random() < 0.3:  # the adult claims to be a teenager
        person.pop("date_of_birth", None)
        person["age"] = between(r, 15, 17)
        person["additional_info"] = "Stated age appears false; writing style and photos suggest an adult."
    if r.random() < 0.15:
        add_new_files(env, ctx, 1, "v1", ctx.incident - HOUR, annotations=("possible_self_production",))
        d.categories.append("new_material")
        d.annotations.append("csam_solicitation")
    text = (
        f"An adult user contacted {_an(age)}-year-old user, asked them to keep the contact secret "
        "and offered gifts."
    )
    if meeting:
        d.signals.append("meeting_planned")
        d.urgent_reason = f"Adult arranged to meet {_an(age)}-year-old child in person this Saturday."
        text += f" The adult proposed meeting in person on Saturday in {town}."
    else:
        text += " No in-person meeting was proposed; the adult wrote that they would never ask to meet."
    d.description = text
    return d


def grooming(env: Env, ctx: Ctx) -> Draft:
    s = ctx.one_off("a", age=(24, 60), female=ctx.rng.random() < 0.08)
    ctx.vpn = ctx.rng.random() < 0.1
    return _grooming(env, ctx, s, _suspect(ctx, s), "grooming")


def sextortion(env: Env, ctx: Ctx) -> Draft:
    r = ctx.rng
    p = ctx.provider
    s = ctx.one_off("a", age=(18, 35), female=r.random() < 0.1, non_eu_share=0.6)
    ctx.vpn = r.random() < 0.4
    person = _suspect(ctx, s)
    if r.random() < 0.15:  # the provider links the account to others using the same scripts
        person["group_identifier"] = f"cluster-{span(r, 1000, 9999)}"
    child = ctx.one_off("v", age=(13, 17), female=r.random() < 0.3, eu_only=r.random() < 0.85)
    age = child.age_at(ctx.incident)
    lang = chat_language(r, child.country) if child.country is s.country or r.random() < 0.4 else "en"
    low, high, step = child.country.amount_range
    amount = child.country.currency.format(r.randrange(low, high + 1, step))
    hours = str(SEXTORTION_HOURS[below(r, len(SEXTORTION_HOURS))])
    active = r.random() < 0.8
    harm = active and r.random() < 0.75
    turns = [("u1", "threat"), ("v1", "distress"), ("u1", "threat")]
    if active:
        turns += [("u1", "deadline"), ("v1", "distress")]
    if harm:
        turns.append(("v1", "selfharm"))
    start = ctx.incident - span(r, HOUR, DAY)
    d = Draft(
        "sextortion",
        ["solicitation"],
        "P1" if active else "P2",
        [s],
        [person],
        ["user_report"] if r.random() < 0.5 else ["classifier", "moderator_review"],
        "Sextortion pattern: threats to distribute a minor's images unless paid.",
        "",
        ncmec=["online_enticement"],
        annotations=["sextortion"],
        victim_country=child.country.code,
        texts=[chat(ctx, lang, turns, start, {"amount": amount, "hours": hours})],
    )
    d.victims.append(render_minor(r, child, "v1", ctx.incident, p.tz, with_ip=r.random() < 0.5))
    if r.random() < 0.5:
        add_new_files(env, ctx, 1, "v1", start - DAY, annotations=("possible_self_production",))
        d.categories.append("new_material")
    text = (
        f"The user threatened to send images of {_an(age)}-year-old user to the child's family and "
        f"friends unless {amount} was paid."
    )
    if harm:
        d.signals.append("self_harm")
        d.urgent_reason = "The child wrote that they want to die after threats to share their images."
        text += " The child expressed suicidal thoughts."
    elif active:
        d.signals.append("deadline")
        d.urgent_reason = f"Active sextortion of a child with a {hours}-hour payment deadline."
        text += f" The user set a deadline of {hours} hours."
    else:
        text += " The conversation ended three weeks before this report; the child had blocked the user."
    if r.random() < 0.1:
        d.extra["law_enforcement"] = {
            "agency_name": f"National police ({child.country.name})",
            "reported_to_le": True,
        }
    d.description = text
    return d


def viral(env: Env, ctx: Ctx) -> Draft:
    r = ctx.rng
    p = ctx.provider
    base = env.viral_bases[below(r, len(env.viral_bases))]
    count = between(r, 3, 8)
    home = pick_country(r)
    subjects: list[Subject] = []
    people: list[Json] = []
    for j in range(count):
        minor = r.random() < 0.4
        s = ctx.one_off(
            f"{j:02d}", country=home if r.random() < 0.6 else None, age=(13, 17) if minor else (18, 45)
        )
        person = render_subject(r, s, f"u{j + 1}", p.style, ctx.incident, p.tz, minimal=True)
        if minor:
            person["age"] = s.age_at(ctx.incident)
        subjects.append(s)
        people.append(person)
    d = Draft(
        "viral",
        ["known_material"],
        "INFO",
        subjects,
        people,
        ["hash_match"],
        HASH_DETAIL,
        "",
        ncmec=["child_pornography"],
        annotations=["viral", "potential_meme"],
        batch={"reason": "viral_potential_meme", "incident_count": count + below(r, 400)},
        signals=["viral"],
    )
    for j in range(r.choice((1, 1, 2))):
        rec = env.pool.pick(r, base, variant_share=0.5 if j else 0.2)
        if rec.filename not in ctx.filenames:
            add_file(
                ctx,
                rec,
                known=True,
                uploader=f"u{j + 1}",
                uploaded=ctx.incident - j * DAY,
                annotations=("viral",),
                public=True,
            )
    days = between(r, 2, 14)
    d.description = (
        f"One known file was re-shared by {d.batch['incident_count'] if d.batch else count} accounts "
        f"within {days} days, apparently as a joke or in outrage rather than out of sexual interest. "
        f"{count} of the accounts are listed."
    )
    return d


def multi_provider(env: Env, ctx: Ctx, step: Step) -> Draft:
    """One appearance of a recurring subject; later appearances vary the identifiers.

    Everything that links appearances (account ids, earlier report ids, phone writing style) comes
    from the plan, so each report can be built on its own.
    """
    r = ctx.rng
    p = ctx.provider
    assert step.sid is not None
    assert step.uid is not None
    s = env.recurring[step.sid]
    ctx.vpn = s.vpn_prone < 0.2 and r.random() < 0.7
    person = render_subject(
        r,
        s,
        "u1",
        p.style,
        ctx.incident,
        p.tz,
        uid=step.uid,
        phone_style=step.phone_style,
        vary=step.appearance > 0,
        vpn=ctx.vpn,
    )
    if step.prior:
        prior: list[Json] = [{"system": "tipline", "id": rid} for rid in step.prior]
        if p.ncmec_types:
            prior.append({"system": "ncmec", "id": str(span(r, 10**8, 10**9))})
        person["prior_reports"] = prior
        if step.old_uid and step.old_uid != step.uid:
            person["associated_accounts"] = [
                {"account_type": "linked", "provider_user_id": step.old_uid, "screen_name": s.screen}
            ]
    if r.random() < 0.3:
        d = _grooming(env, ctx, s, person, "multi_provider")
    else:
        d = _sharing(env, ctx, s, person, "multi_provider", "P2")
    d.signals.append("repeat_subject")
    if step.prior:
        d.description += " We reported this user before (see prior reports)."
        if "associated_accounts" in person:
            d.description += " This is a new account; the earlier one is listed as linked."
    return d


BUILDERS: dict[str, Callable[[Env, Ctx], Draft]] = {
    "known_messenger": known_messenger,
    "cloud_collection": cloud_collection,
    "new_material": new_material,
    "grooming": grooming,
    "sextortion": sextortion,
    "viral": viral,
}
