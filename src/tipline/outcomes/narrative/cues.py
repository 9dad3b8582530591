"""Nature tags and urgency indicators of a case, from cue phrases of case-summary English.

Each cue is a pattern and a tag; a cue in a negated clause ("no sign of the offender creating CSAM",
"No violations hands on", "has not been proved") does not count. A few cues carry a condition, named
beside them. The vocabularies are those of the gold files:

nature: distribution, possession_storage, known_material, new_material, hands_on_abuse, grooming,
self_generated, sextortion, livestreaming, minor_offender, trafficking_or_payment, viral.
urgency: very_young_victim, offender_has_access_to_children, planned_meeting, threats_or_blackmail,
self_harm_or_suicide, recently_produced_material.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tipline.outcomes.narrative.language import NEGATION, clause_at, negated, sentence_at

NATURE_TAGS = (
    "known_material",
    "distribution",
    "possession_storage",
    "new_material",
    "hands_on_abuse",
    "grooming",
    "self_generated",
    "sextortion",
    "livestreaming",
    "minor_offender",
    "trafficking_or_payment",
    "viral",
)
URGENCY_TAGS = (
    "very_young_victim",
    "offender_has_access_to_children",
    "planned_meeting",
    "threats_or_blackmail",
    "self_harm_or_suicide",
    "recently_produced_material",
)

MATERIAL = r"(?:child sexual abuse material|child pornography(?: material)?|CSAM|CSEM|material)"
FAMILY = (
    r"(?:daughter|son|stepdaughter|step-daughter|stepson|step-son|child|children|kids|half-sister|"
    r"half-brother|sister|brother|sibling|niece|nephew|grandchild|granddaughter|grandson|cousin)s?"
    r"(?!\s+(?:sexual|sex|pornograph\w*|abuse|exploitation)\b)"
)
AGE = r"(?P<age>\d+)(?:\s*-\s*\d+)?[-\s]+(?P<unit>years?|months?)[-\s]+old"

Check = Callable[[str, re.Match[str], list[tuple[int, int]]], bool]


@dataclass(frozen=True, slots=True)
class Cue:
    tag: str
    rx: re.Pattern[str]
    check: Check | None = None
    negatable: bool = True


def _c(tag: str, pattern: str, check: Check | None = None, negatable: bool = True) -> Cue:
    return Cue(tag, re.compile(pattern, re.IGNORECASE), check, negatable)


# -- conditions ---------------------------------------------------------------------------------------


def _before(text: str, m: re.Match[str], bounds: list[tuple[int, int]]) -> str:
    a, _b = clause_at(text, m.start(), bounds)
    return text[a : m.start()].lower()


def _not_child_made(text: str, m: re.Match[str], bounds: list[tuple[int, int]]) -> bool:
    """ "to produce and share" (a child enticed) is not distribution by an offender."""
    before = text[max(0, m.start() - 25) : m.start()].lower()
    return not re.search(r"(?:produce|producing|create|creating)\s+and\s+$", before)


def _offender_sends(text: str, m: re.Match[str], bounds: list[tuple[int, int]]) -> bool:
    before = _before(text, m, bounds)
    return not re.search(r"\b(?:girl|boy|child|children|victim|daughter|son)s?\b", before)


def _upload_shares(text: str, m: re.Match[str], bounds: list[tuple[int, int]]) -> bool:
    a, b = clause_at(text, m.start(), bounds)
    return not _STORAGE_CONTEXT.search(text, a, b)


def _upload_stores(text: str, m: re.Match[str], bounds: list[tuple[int, int]]) -> bool:
    return not _upload_shares(text, m, bounds)


_STORAGE_CONTEXT = re.compile(
    r"\b(?:cloud|drive|account|accounts|profile|storage|photos|possession|server|computer)\b", re.I
)
_COLLECTION = re.compile(
    r"\b(?:pictures|videos|images|photos|files|child sexual abuse material|child pornography|CSAM|CSEM)\b",
    re.IGNORECASE,
)


def _found_collection(text: str, m: re.Match[str], bounds: list[tuple[int, int]]) -> bool:
    a, b = sentence_at(text, m.start(), bounds)
    s = text[a:b]
    if re.match(r"\w+\s+that\b", text[m.start() : m.start() + 20]):
        return False  # "found that ...": a finding, not material found
    return bool(_COLLECTION.search(s)) and not re.search(r"\bfound\s+(?:the\s+)?\w+\s+online\b", s, re.I)


def _not_planned(text: str, m: re.Match[str], bounds: list[tuple[int, int]]) -> bool:
    """ "planned to abuse", "wanted to meet in person to abuse" are intentions, not abuse; "continue to
    abuse" says it happened."""
    before = _before(text, m, bounds)[-60:]
    if "continu" in before:
        return True
    return not re.search(r"\b(?:plan|plans|planned|planning|want|wants|wanted|intend\w*|would)\b", before)


def _abuse_act(text: str, m: re.Match[str], bounds: list[tuple[int, int]]) -> bool:
    """An act of abuse, not the generic "child sexual abuse (material)" nor an intention."""
    if re.search(r"child\s+sexual\s+$", text[max(0, m.start() - 16) : m.start()], re.IGNORECASE):
        return False
    return _not_planned(text, m, bounds)


def _her_is_offender(text: str, m: re.Match[str], bounds: list[tuple[int, int]]) -> bool:
    """ "her daughter" is the offender's only when the clause's subject is the offender, not a child."""
    before = _before(text, m, bounds)
    if re.search(r"\b(?:child|girl|victim|enticed her|daughter)\b", before):
        return False
    return bool(re.search(r"\b(?:suspect|offender|mother|woman|perpetrator|accused)\b", before))


def _minor_age(text: str, m: re.Match[str], bounds: list[tuple[int, int]]) -> bool:
    return int(m.group("age")) < 18


# -- the cues -----------------------------------------------------------------------------------------

NATURE_CUES: tuple[Cue, ...] = (
    # distribution
    _c("distribution", r"\bdistribut\w*"),
    _c("distribution", r"\bshar(?:e|es|ed|ing)\b", _not_child_made),
    _c("distribution", r"(?<!in )\bexchang(?:e|es|ed|ing)\b(?!\s+(?:of|for)\b)"),
    _c("distribution", r"\bpost(?:ed|ing)\b"),
    _c(
        "distribution",
        r"\bsen[dt]\w*\b[^.]{0,60}?\bto\s+(?:an|another|other)\s+(?:user|users|person|people)\b",
        _offender_sends,
    ),
    _c("distribution", rf"\bsent\s+(?:the\s+|his\s+|her\s+)?{MATERIAL}", _offender_sends),
    _c("distribution", r"\bupload\w*", _upload_shares),
    # possession and storage
    _c("possession_storage", r"\bposs?ess\w*"),
    _c("possession_storage", r"\bstor(?:e|es|ed|ing|age)\b"),
    _c("possession_storage", r"\b(?:saved|keeping|kept)\b"),
    _c("possession_storage", r"\bupload\w*", _upload_stores),
    _c("possession_storage", r"\b(?:found|yielded|seized|containing|discovered)\b", _found_collection),
    # known and new material
    _c("known_material", r"(?<!un)\bknown\s+(?:to\s+(?:the\s+)?police|material|images?|videos?|content)"),
    _c("known_material", r"\bmaterial\s+known\b"),
    _c("known_material", r"\bfound\s+(?:the\s+)?(?:videos?|images?|pictures?|material)\s+online\b"),
    _c(
        "new_material",
        rf"\bnew\s+(?:/\s*previously\s+unseen\s+)?(?:{MATERIAL}|content|images|videos|pictures)",
    ),
    _c("new_material", r"\bnew/previously\s+unseen\b|\bpreviously\s+unseen\b|\bunfamiliar\b"),
    _c("new_material", r"\bhome[\s-]?made\b|\b(?:recently|newly)\s+produced\b"),
    _c("new_material", rf"\bproduc(?:ed|ing|tion\s+of)\s+(?:the\s+|that\s+)?{MATERIAL}"),
    _c("new_material", r"\bmaterial\s+(?:he|she)\s+produced\b|\bmaterial\s+generated\s+in\b"),
    _c(
        "new_material",
        rf"\b{MATERIAL}\s+(?:material\s+)?(?:of|showing)\s+(?:him|her)(?:self)?\s+(?:sexually\s+)?abus",
    ),
    _c("new_material", r"\bmaterial\s+included\s+the\s+(?:suspect|offender)\b"),
    _c("new_material", r"\brecord(?:ed|ings?)\s+(?:of\s+(?:him|her)self\s+)?(?:the\s+)?abus"),
    _c("new_material", r"\bcreating\s+(?:new\s+)?(?:CSAM|CSEM|material)\b"),
    # hands-on abuse
    _c("hands_on_abuse", r"\bhands[\s-]+on\b"),
    _c(
        "hands_on_abuse",
        r"\b(?:sexually\s+)?abus(?:e|ed|es|ing)\s+(?:\w+\s+)?(?:his|her|their|a|an|the|him|them|children|"
        rf"minors|girls|boys|victims?|young|\d+|one|two|three|four|five|six|seven|eight|nine|ten|{FAMILY})\b",
        _abuse_act,
    ),
    _c("hands_on_abuse", r"\bwas\s+sexually\s+abused\b|\bsexual\s+abuse\s+of\s+(?:a|an|the|his|her)\b"),
    _c("hands_on_abuse", r"\bviolated\b|\bactive\s+abuse\b|\bmolest\w*|\brap(?:e|ed|ing)\b"),
    _c("hands_on_abuse", r"\bsexual\s+relationship\s+with\b"),
    _c(
        "hands_on_abuse",
        rf"\bproduc\w+\s+{MATERIAL}\s+with\s+(?:the|this|a|an|his|her)\s+(?:\w+\s+)?"
        r"(?:children|child|minors?|victims?)\b",
    ),
    # grooming, self-generated, sextortion
    _c("grooming", r"\bgroom\w*|\bentic\w+|\bsolicit\w*|\bseduc\w+"),
    _c("grooming", rf"\bin\s+exchange\s+(?:of|for)\s+{MATERIAL}"),
    _c("self_generated", r"\bself[\s-]+generated\b"),
    _c("self_generated", r"\b(?:to|into)\s+(?:produce|producing|create|creating)\b"),
    _c("self_generated", rf"\bsolicit\w*\s+{MATERIAL}\s+from\b"),
    _c("self_generated", r"\b(?:girl|boy|child|victim)s?\s+(?:who\s+|had\s+)?sent\b"),
    _c("self_generated", rf"\bin\s+exchange\s+(?:of|for)\s+{MATERIAL}"),
    _c("self_generated", r"\b(?:images|videos|pictures)\s+of\s+(?:themselves|herself)\b"),
    _c("sextortion", r"\bthreat\w*|\bblackmail\w*|\bextort\w*|\bsextortion\b"),
    # others
    _c(
        "livestreaming",
        r"\blive[\s-]?stream\w*|\bvideo\s+call\w*|\bwebcam\w*|\blive\s+(?:broadcast|video|show)",
    ),
    _c(
        "minor_offender",
        rf"\b(?:user|suspect|offender|perpetrator)\b[^.]{{0,60}}?\b(?:was|is|as)\s+"
        rf"(?:identified\s+as\s+)?an?\s+{AGE}",
        _minor_age,
    ),
    _c(
        "minor_offender",
        r"(?:^|(?<=[.!?]\s))An?\s+(?P<age>\d+)-year-old\s+(?:used|enticed|offered|posted)\b",
        _minor_age,
    ),
    _c(
        "minor_offender",
        r"\b(?:he|she|suspect|offender)\s+was\s+under\s+the\s+age\s+of\s+1[0-8]\b",
        negatable=False,
    ),
    _c("minor_offender", r"\b(?:juvenile|minor)\s+(?:offender|suspect|perpetrator)\b"),
    _c("trafficking_or_payment", r"\bmoney\b|\bpa(?:y|id|ying|yment)\b|\btraffic\w*|\bgifts?\b"),
    _c(
        "trafficking_or_payment",
        r"\b(?:provided|gave|offered|sold)\b[^.]{0,50}?\b(?:his|her)\s+(?:[\w-]+\s+)?"
        r"(?:daughter|son|child|children|girlfriend)(?:'s)?\b",
    ),
    _c("trafficking_or_payment", r"\bin\s+exchange\s+(?:of|for)\b|\b(?:sell\w*|sold|bought|purchas\w*)\b"),
    _c(
        "viral",
        r"\bviral\b|\b(?:over|more than)\s+(?:\d{3,}|\d{1,3},\d{3})\s+(?:people|persons|users|individuals)\b",
    ),
)

URGENCY_CUES: tuple[Cue, ...] = (
    _c("offender_has_access_to_children", rf"\bhis\s+(?:[\w-]+\s+){{0,3}}?{FAMILY}\b"),
    _c("offender_has_access_to_children", rf"\bher\s+(?:[\w-]+\s+){{0,3}}?{FAMILY}\b", _her_is_offender),
    _c(
        "offender_has_access_to_children",
        r"\bthe\s+(?:[\w-]+\s+){0,2}?(?:daughter|son|stepdaughter|stepson)\b(?!\s+of\b)",
    ),
    _c("offender_has_access_to_children", r"\bchildren\s+of\s+(?:his|her)\s+(?:\w+\s+)?partners?\b"),
    _c(
        "offender_has_access_to_children",
        r"\b(?:father|mother|stepfather|stepmother|uncle|aunt|grandfather|"
        r"grandmother|parent)\s+of\s+(?:the\s+)?(?:victim|child)",
    ),
    _c(
        "offender_has_access_to_children",
        r"\b(?:child|victim|girl|boy)'s\s+(?:father|mother|uncle|aunt|"
        r"stepfather|grandfather|parent)\b",
    ),
    _c("offender_has_access_to_children", rf"\b(?:offender|suspect|perpetrator)'s\s+{FAMILY}"),
    _c("offender_has_access_to_children", r"\bin\s+(?:his|her)\s+family\b|\bfamily\s+circle\b"),
    _c(
        "offender_has_access_to_children",
        r"\b(?:kindergarten|teacher|coach|caretaker|nanny|babysit\w*|"
        r"camps?\s+for\s+(?:kids|children)|youth\s+(?:leader|worker)|scout\s+leader|day[\s-]?care|foster\s+"
        r"(?:parent|father|mother)|position\s+of\s+(?:authority|trust))\b",
    ),
    _c("planned_meeting", r"\bmeet(?:ing)?\b|\btravel\s+to\b|\bin\s+person\b"),
    _c("threats_or_blackmail", r"\bthreat\w*|\bblackmail\w*|\bextort\w*"),
    _c("self_harm_or_suicide", r"\bsuicid\w*|\bself[\s-]+harm\w*"),
    _c("recently_produced_material", r"\b(?:recently|newly)\s+produced\b|\bproduced\s+recently\b"),
)

_AGE_ANY = re.compile(
    r"\b(?P<age>\d+)(?:\s*-\s*\d+)?[-\s]+(?P<unit>years?|months?)[-\s]+old\b|\bages?\s+(?P<age2>\d+)\s+to\b"
    r"|\baround\s+(?P<age3>\d+)\s+years\s+old\b",
    re.IGNORECASE,
)
VERY_YOUNG_BELOW_YEARS = 5


def very_young(text: str) -> re.Match[str] | None:
    """The first age under five years (any age in months) said of a person in the text."""
    for m in _AGE_ANY.finditer(text):
        unit = (m.group("unit") or "years").lower()
        age = int(m.group("age") or m.group("age2") or m.group("age3"))
        if unit.startswith("month") or age < VERY_YOUNG_BELOW_YEARS:
            return m
    return None


def tags(text: str, bounds: list[tuple[int, int]], cues: tuple[Cue, ...]) -> dict[str, list[re.Match[str]]]:
    """tag -> the cue matches that give it (un-negated, conditions met), in text order."""
    found: dict[str, list[re.Match[str]]] = {}
    for cue in cues:
        for m in cue.rx.finditer(text):
            if cue.negatable and negated(text, m.start(), bounds):
                continue
            if cue.check is not None and not cue.check(text, m, bounds):
                continue
            found.setdefault(cue.tag, []).append(m)
    return found


__all__ = ["NATURE_CUES", "NATURE_TAGS", "NEGATION", "URGENCY_CUES", "URGENCY_TAGS", "tags", "very_young"]
