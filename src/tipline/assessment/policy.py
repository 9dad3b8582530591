"""The decision rules, as data: priority from signals, manifestly unfounded, missing information.

Pure: signals and facts in, a decision with its reasons out. Each rule names the signals that made it
fire, so a decision can always say why. The priority is that of the strongest rule that fires; every
rule that fired is listed, strongest first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from tipline.assessment.signals import Signal
from tipline.reports.schemas.decisions import MissingInformation, UnfoundedReason


class Priority(StrEnum):
    """P1 current or imminent risk to a child; P2 possible risk in the near future or otherwise time-
    sensitive; P3 standard; INFO informational (not enough to act on, or viral re-sharing)."""

    P1 = "P1"
    P2 = "P2"
    P3 = "P3"
    INFO = "INFO"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Priority.P1: 1, Priority.P2: 2, Priority.P3: 3, Priority.INFO: 4}


class Kinds(frozenset[str]):
    """The signal kinds present, with helpers that read like the rules."""

    def any(self, *names: str) -> bool:
        return any(n in self for n in names)

    def which(self, *names: str) -> list[str]:
        return [n for n in names if n in self]


NEW_MATERIAL = ("file.unknown_media", "category.new_material")
RISK_TO_DEPICTED_CHILD = (
    "text.offender_has_access_to_children",
    "text.very_young_victim",
    "victim.very_young",
    "text.recently_produced_material",
    "annotation.infant",
    "annotation.physical_harm",
    "ncmec.child_sexual_molestation",
)
SOLICITATION = (
    "category.solicitation",
    "ncmec.online_enticement",
    "annotation.csam_solicitation",
    "annotation.sextortion",
    "annotation.sadistic_online_exploitation",
)
VIRAL = ("batch.viral", "bundle.viral", "annotation.viral", "annotation.potential_meme")
TEXT_RISK = (
    "text.threats_or_blackmail",
    "text.self_harm_or_suicide",
    "text.planned_meeting",
    "text.offender_has_access_to_children",
    "text.very_young_victim",
    "text.recently_produced_material",
    "text.live_streaming",
    "text.payment_or_exchange",
    "text.abuse_of_sibling_or_other_child",
)


@dataclass(frozen=True)
class Rule:
    code: str
    priority: Priority
    explanation: str
    fires: Callable[[Kinds], list[str]]  # the signal kinds that make it fire; empty: it does not


def _all(*groups: Sequence[str]) -> Callable[[Kinds], list[str]]:
    """Fires when each group has a signal; returns them."""

    def fires(k: Kinds) -> list[str]:
        found = [k.which(*g) for g in groups]
        return [s for g in found for s in g] if all(found) else []

    return fires


def _without(fires: Callable[[Kinds], list[str]], *absent: str) -> Callable[[Kinds], list[str]]:
    def check(k: Kinds) -> list[str]:
        return [] if k.any(*absent) else fires(k)

    return check


def _new_material_of_depicted_child(k: Kinds) -> list[str]:
    """Unseen material of a child who is not a user, made by an adult: possibly ongoing abuse."""
    if not k.any(*NEW_MATERIAL) or not k.any("victim.depicted"):
        return []
    if k.any("reported.minor", "annotation.possible_self_production"):
        return []
    return [*k.which(*NEW_MATERIAL), "victim.depicted"]


RULES: tuple[Rule, ...] = (
    Rule(
        "self_harm",
        Priority.P1,
        "A child states an intent to self-harm or suicide.",
        _all(("text.self_harm_or_suicide",)),
    ),
    Rule(
        "active_coercion",
        Priority.P1,
        "Threats or blackmail against a child, with no sign the contact has ended.",
        _without(_all(("text.threats_or_blackmail",)), "text.contact_ended"),
    ),
    Rule(
        "meeting_planned",
        Priority.P1,
        "A plan to meet a child in person or to travel to the child.",
        _all(("text.planned_meeting",)),
    ),
    Rule(
        "live_abuse",
        Priority.P1,
        "Abuse streamed live or over a video call.",
        _all(("text.live_streaming", "annotation.live_streaming")),
    ),
    Rule(
        "child_made_to_abuse_child",
        Priority.P1,
        "A child was made to abuse a sibling or another child.",
        _all(("text.abuse_of_sibling_or_other_child",)),
    ),
    Rule(
        "ongoing_abuse",
        Priority.P1,
        "Possibly new material with a sign of hands-on abuse by someone with access to the child, a very "
        "young victim, or recent production.",
        _all(NEW_MATERIAL, RISK_TO_DEPICTED_CHILD),
    ),
    Rule(
        "new_material_of_depicted_child",
        Priority.P1,
        "Possibly new material of a child who is not a user of the service, from an adult: the child may "
        "be in the offender's care.",
        _new_material_of_depicted_child,
    ),
    Rule(
        "trafficking",
        Priority.P1,
        "The provider reports child sex trafficking.",
        _all(("ncmec.child_sex_trafficking",)),
    ),
    Rule(
        "past_coercion",
        Priority.P2,
        "Threats or blackmail against a child; the contact appears to have ended.",
        _all(("text.threats_or_blackmail",), ("text.contact_ended",)),
    ),
    Rule(
        "solicitation",
        Priority.P2,
        "Solicitation of a child (grooming, enticement, sextortion).",
        _all(SOLICITATION),
    ),
    Rule("possibly_new_material", Priority.P2, "Material matching no known indicator.", _all(NEW_MATERIAL)),
    Rule(
        "sent_to_child",
        Priority.P2,
        "Material was sent to a child.",
        _all(("recipient.minor", "ncmec.unsolicited_obscene_material_to_child")),
    ),
    Rule(
        "access_to_children",
        Priority.P2,
        "The suspect has access to children (family, care, school, sport, position of trust).",
        _all(("text.offender_has_access_to_children",)),
    ),
    Rule(
        "very_young_victim",
        Priority.P2,
        "A very young victim.",
        _all(("victim.very_young", "text.very_young_victim", "annotation.infant")),
    ),
    Rule(
        "payment",
        Priority.P2,
        "Payment or exchange for material or for access to a child.",
        _all(("text.payment_or_exchange",)),
    ),
    Rule(
        "repeat_subject",
        Priority.P2,
        "The person is reported more than once: the provider names earlier reports, or other reports "
        "share an identifier (the account, an email, a phone, a device).",
        _all(("person.prior_reports", "link.other_reports")),
    ),
    Rule(
        "provider_urgent",
        Priority.P2,
        "The provider considers the report urgent (its claim; tipline's own evidence may rank it higher).",
        _all(("provider.urgent",)),
    ),
    Rule("known_material", Priority.P3, "Known material.", _all(("file.known", "category.known_material"))),
)

DEFAULT_REASON = "standard"


@dataclass(frozen=True)
class Fired:
    code: str
    priority: Priority
    explanation: str
    signals: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "priority": self.priority.value,
            "explanation": self.explanation,
            "signals": self.signals,
        }


@dataclass(frozen=True)
class Decision:
    priority: Priority
    fired: list[Fired]
    unfounded: list[UnfoundedReason] = field(default_factory=list)
    missing: list[MissingInformation] = field(default_factory=list)

    @property
    def reasons(self) -> list[str]:
        return [f.code for f in self.fired]


def prioritise(kinds: Kinds) -> tuple[Priority, list[Fired]]:
    """The priority and every rule that fired, strongest first. Viral re-sharing with nothing that
    points at a child at risk is INFO; so is a report with no rule at all but the provider's tag."""
    fired = [Fired(r.code, r.priority, r.explanation, s) for r in RULES if (s := r.fires(kinds))]
    top = min((f.priority for f in fired), key=lambda p: p.rank, default=Priority.P3)
    if top.rank >= Priority.P3.rank and kinds.any(*VIRAL):
        fired.insert(
            0,
            Fired("viral", Priority.INFO, "Viral or meme re-sharing of one item.", kinds.which(*VIRAL)),
        )
        return Priority.INFO, fired
    if not fired and kinds.any("annotation.informational"):
        info = Fired("informational", Priority.INFO, "The provider tagged the report informational.", [])
        return Priority.INFO, [info]
    return top, fired


@dataclass(frozen=True)
class Facts:
    """What the completeness and unfounded checks need beyond the signal kinds."""

    files: int
    files_allowlisted: int
    texts_with_content: int
    has_identifiers: bool
    has_location: bool
    content_incident: bool  # the report concerns material (known or new)
    retracted: bool
    duplicate_of_earlier: bool


def unfounded(kinds: Kinds, facts: Facts) -> list[UnfoundedReason]:
    reasons: list[UnfoundedReason] = []
    if facts.retracted:
        reasons.append(UnfoundedReason.provider_retracted)
    solicitation = kinds.any(*SOLICITATION) or kinds.any(*TEXT_RISK)
    if facts.files and facts.files_allowlisted == facts.files and not solicitation:
        reasons.append(UnfoundedReason.all_files_allowlisted)
    if facts.files == 0 and facts.texts_with_content == 0:
        reasons.append(UnfoundedReason.no_content)  # no file, no hash, no description, no chat
    if facts.duplicate_of_earlier:
        reasons.append(UnfoundedReason.duplicate)
    return reasons


def missing(facts: Facts) -> list[MissingInformation]:
    out: list[MissingInformation] = []
    if not facts.has_identifiers:
        out.append(MissingInformation.identifiers)
    if not facts.has_location:
        out.append(MissingInformation.location)
    if facts.content_incident and facts.files == 0:
        out.append(MissingInformation.content)
    return out


def decide(signals: Sequence[Signal], facts: Facts) -> Decision:
    k = Kinds(s.kind for s in signals)
    priority, fired = prioritise(k)
    why_unfounded = unfounded(k, facts)
    if why_unfounded:
        return Decision(Priority.INFO, fired, why_unfounded, [])
    return Decision(priority, fired, [], missing(facts))
