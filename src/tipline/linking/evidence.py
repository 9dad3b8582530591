"""How much shared identifiers say about two mentions being one person, and whether that merges them.
Pure: the rules as data, tested as a table.

A link's strength is the sum of the weights of the identifier kinds the two mentions share (each kind
counted once; correlated kinds, like a handle and its stem, once together). A shared *strong*
identifier (the same account, email, phone, name with date of birth, or an earlier report the provider
cites) merges on its own, unless the two mentions differ in two other ways (the provider's own account
or citation always merges). Weaker ones (a device, a handle, an IP address in the same hour, a file)
merge only together, reaching ``MERGE_AT``, and only if nothing contradicts them: two mentions that both
give an email (or a phone, a name with date of birth, a handle, a country) and share none of them are
probably two people who share a family tablet or a home connection. Different emails alone do not
contradict when the two share a handle or a mailbox's name (people open second mailboxes). A shared
country corroborates a shared handle or mailbox name (they are not places), nothing else. Identifiers
too common to identify anyone (``IdentifierUse.common``) weigh nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

WEIGHTS: dict[str, float] = {
    "report": 1.0,  # the provider cites the earlier report, or both cite the same one
    "account": 1.0,  # the same account at the same provider (or one it lists as the person's)
    "email": 1.0,
    "phone": 1.0,
    "name_dob": 1.0,
    "device": 0.7,  # family devices are shared
    "screen": 0.5,  # the same handle at the same provider (handles are renamed, and re-used)
    "ip": 0.5,  # the same public address (and port) within an hour
    "handle": 0.5,  # the same handle, with digits, at another provider
    "handle_words": 0.3,  # the same handle made only of words ("felix.fox"): many people's
    "file": 0.4,  # the same file reported (widely shared material soon becomes too common)
    "mailbox_stem": 0.3,  # mailboxes with the same letters ("lea.muller7338", "leamuller7338507")
    "handle_stem": 0.3,  # handles alike once renames are undone ("real_sunny87" ~ "sunny87_")
    "country": 0.4,  # placed in the same country (phone, address, location): only ever corroborates
}
STRONG = 1.0
MERGE_AT = 1.0
PROVIDER_SAYS = frozenset({"report", "account"})  # the provider itself says it is the same person
# a strong identifier does not merge two mentions that differ in this many other ways (a phone number
# given to someone else, a mailbox handed on): different emails *and* unlike handles, say
STRONG_CONTRADICTED_BY = 2
# kinds that contradict a weak link when both mentions have some and share none
CONFLICTING = ("email", "phone", "name_dob", "country", "handle_stem")
# how many distinct accounts may use an identifier before it stops identifying anyone
COMMON_AT = 8
NEVER_COMMON = frozenset({"report", "account"})
COMPARED_ONLY = frozenset({"country"})  # too coarse to look up by: compared between candidates
# what a person keeps across mailboxes: with one of these shared, different emails do not contradict
HANDLES = frozenset({"handle", "handle_words", "handle_stem", "screen", "mailbox_stem"})

ORDER = {kind: i for i, kind in enumerate(WEIGHTS)}


@dataclass(frozen=True)
class Verdict:
    strength: float
    kinds: tuple[str, ...]  # shared kinds that count, strongest first
    merge: bool
    reasons: tuple[str, ...]


def judge(
    shared: Collection[str],
    *,
    common: Collection[str] = (),
    mine: Mapping[str, Collection[str]] | None = None,
    theirs: Mapping[str, Collection[str]] | None = None,
) -> Verdict:
    """``shared``: kinds the two mentions share (counting); ``common``: kinds they share only through
    too-common identifiers; ``mine``/``theirs``: each mention's keys of the ``CONFLICTING`` kinds
    (shared countries corroborate a handle; differing ones contradict)."""
    mine, theirs = mine or {}, theirs or {}
    if set(mine.get("country", ())) & set(theirs.get("country", ())):
        shared = {*shared, "country"}
    found = set(shared)
    if "email" in found:
        found.discard("mailbox_stem")  # the same mailbox is one piece of evidence, not two
    if "mailbox_stem" in found:
        found.discard("handle_stem")  # both are often the person's name: one piece of evidence
    if found & {"handle", "handle_words"}:
        found.discard("handle_stem")  # the same handle is one piece of evidence, not two
    if "screen" in found:
        found -= {"handle", "handle_words"}
    if not found & {"handle", "handle_words", "handle_stem", "mailbox_stem"}:
        found.discard("country")  # a country says something only about handles, which are not places
    kinds = tuple(sorted(found, key=lambda k: ORDER.get(k, len(ORDER))))
    strength = round(sum(WEIGHTS.get(k, 0.0) for k in kinds), 3)
    reasons = [f"{k} shared" for k in kinds]
    reasons += [f"{k} shared but too common to identify anyone" for k in sorted(set(common) - set(kinds))]
    if set(kinds) & PROVIDER_SAYS:
        return Verdict(strength, kinds, True, tuple(reasons))
    differ = [k for k in CONFLICTING if mine.get(k) and theirs.get(k) and not set(mine[k]) & set(theirs[k])]
    if any(WEIGHTS.get(k, 0.0) >= STRONG for k in kinds):
        if len(differ) >= STRONG_CONTRADICTED_BY:  # a recycled number, a mailbox passed on
            reasons.append(f"different {', '.join(differ)}: not merged")
            return Verdict(strength, kinds, False, tuple(reasons))
        return Verdict(strength, kinds, True, tuple(reasons))
    if not kinds:
        return Verdict(0.0, (), False, tuple(reasons))
    if strength < MERGE_AT:
        reasons.append(f"strength {strength:g} below {MERGE_AT:g}: not merged")
        return Verdict(strength, kinds, False, tuple(reasons))
    if differ and (set(differ) != {"email"} or not set(kinds) & HANDLES):
        reasons.append(f"different {', '.join(differ)}: not merged")
        return Verdict(strength, kinds, False, tuple(reasons))
    return Verdict(strength, kinds, True, tuple(reasons))
