"""Counts of victims and offenders, and the figures of the resolution (safeguarded, prosecuted).

Conventions (those of the gold annotations, kept as rules):

* A labelled figure ("Victims: 2x", "Offender: 1", "Victims safeguarded: 0") is taken as written; a
  label whose value is not a number ("Offenders prosecuted: ongoing", "0/1") leaves the number null and
  keeps the words in the ``*_text`` field.
* Victims in the case: a label, else a count in words that is not only about rescue ("identification of
  two victims", "abused 2 girls", "five child victims"), else the victims mentioned one by one ("his 4
  year old daughter, and his 10 year old son" -> 2). An estimate ("around 100", "over 12", "numerous",
  "out of more than 50 in total") makes it null, and so does a count of mentions below the number
  safeguarded (the total is then not stated).
* Victims safeguarded: identified, rescued or safeguarded victims ("Identification of one victim" ->
  1, "rescuing 2 children" -> 2, "her daughter was rescued" -> 1); an estimate leaves the number null
  and quotes the safeguarding sentences in ``victims_safeguarded_text``.
* Offenders in the case: a label or a count in words, else one when the text speaks of one suspect
  (inferred), null when another adult's part is unclear ("with another adult", "to her boyfriend").
* Offenders prosecuted: a label or "N offenders prosecuted"; else inferred from a verdict or from
  proceedings ("undergoing criminal proceedings", "brought before the court"); "not prosecuted yet" and
  vague counts ("over 1000 people ... were charged") go to ``offenders_prosecuted_text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tipline.outcomes.narrative.cues import AGE
from tipline.outcomes.narrative.language import NUM, VAGUE_PLURAL, number, vague_before

_STOP = r"(?:of|the|these|those|his|her|their|and|or|to|in|on|at|by|with|from|years?|months?|old|year-old)"
ADJ = rf"(?:(?!{_STOP}\b)[a-z][\w'-]*\s+)"
VNOUN = r"(?:child\s+victims|victims?|children|girls|boys|minors|kids)"
ONUN = r"(?:offenders?|suspects?|perpetrators?)"

VICTIMS_LABEL = re.compile(r"\bvictims?\s*:\s*(?P<n>\d+)\s*x?\b", re.IGNORECASE)
OFFENDERS_LABEL = re.compile(r"\bof+enders?\s*:\s*(?P<n>\d+)\s*x?\b", re.IGNORECASE)
SAFEGUARDED_LABEL = re.compile(r"\bvictims?\s+safeguarded\s*:\s*(?P<val>[^\s:]+)(?=\s|$)", re.IGNORECASE)
PROSECUTED_LABEL = re.compile(r"\bof+enders?\s+prosecuted\s*:\s*(?P<val>[^\s:]+)(?=\s|$)", re.IGNORECASE)

VICTIM_COUNT = re.compile(
    rf"(?<![\w-])(?P<num>{NUM})(?![-\s]*(?:years?|months?)\b)\s+{ADJ}{{0,2}}{VNOUN}\b", re.IGNORECASE
)
OFFENDER_COUNT = re.compile(rf"(?<![\w-])(?P<num>{NUM})\s+{ADJ}?{ONUN}\b", re.IGNORECASE)
PEOPLE_COUNT = re.compile(
    rf"(?<![\w-])(?P<num>{NUM})\s+(?:people|persons|individuals|users)\b", re.IGNORECASE
)

_VNOUN_MENTION = (
    r"(?P<noun>child\s+victim|minor\s+victim|child|girl|boy|daughter|son|stepdaughter|step-daughter|stepson|"
    r"half-sister|half-brother|sister|brother|sibling|niece|nephew|girlfriend|victim)"
)
VICTIM_MENTION = re.compile(
    rf"\b(?:a|an|the|his|her|their|my)\s+(?:[a-z]+\s+)?(?:{AGE}\s+|(?:very\s+)?(?:young|younger|little|minor)\s+)?"
    rf"(?:[A-Z][a-z]+\s+)?(?:(?:female|male)\s+)?{_VNOUN_MENTION}\b"
    r"(?!\s+(?:sexual|sex|pornograph\w*|abuse|exploitation|protection|safety|victims)\b)",
    re.IGNORECASE,
)
_FEMALE = {
    "girl",
    "daughter",
    "stepdaughter",
    "step-daughter",
    "half-sister",
    "sister",
    "niece",
    "girlfriend",
}
_MALE = {"boy", "son", "stepson", "half-brother", "brother", "nephew"}
_IS_OFFENDER = re.compile(
    r"(?:user|suspect|offender|perpetrator|accused)\b[^.]*?\b(?:identified as|was|is)\s*$", re.IGNORECASE
)

SINGLE_OFFENDER = re.compile(
    r"\b(?:the|a|an|one)\s+(?:[\w-]+\s+){0,3}?(?:suspect|offender|perpetrator|man|woman|person|male|mother|"
    r"father|national|citizen|adult|accused)\b(?!s)"
    r"|(?:^|(?<=[.!?]\s))An?\s+\d+-year-old\s+(?:used|enticed|offered|posted)\b",
    re.IGNORECASE,
)
OTHER_ADULT = re.compile(
    r"\banother\s+(?:adult|male|man|woman|person)\b|\b(?:to|with)\s+(?:her|his)\s+(?:boyfriend|partner|husband)\b"
    r"|\bbetween\s+(?:\d+|two|three|four)\s+(?:persons|people|users)\b|\bnetwork\b",
    re.IGNORECASE,
)
TWO_OFFENDERS = re.compile(
    r"\bthe\s+two\s+(?:men|women|adults|offenders|suspects)\b|\bboth\s+(?:men|adults|offenders|suspects)\b"
    r"|\bthe\s+other\s+(?:man|adult|woman|offender)\s+(?:could|was|had|would|did)\b",
    re.IGNORECASE,
)
VAGUE_OFFENDERS = re.compile(
    rf"{VAGUE_PLURAL.pattern}\s+{ADJ}?(?:{ONUN}|arrests|people|persons|individuals|users)\b", re.IGNORECASE
)
VAGUE_VICTIMS = re.compile(rf"{VAGUE_PLURAL.pattern}\s+{ADJ}{{0,2}}{VNOUN}\b", re.IGNORECASE)

_RESCUE_BEFORE = re.compile(
    r"(?P<verb>identif\w+|rescu\w+|safeguard\w+|locat\w+)\s+(?:of\s+)?(?:all\s+)?(?:the\s+)?$", re.IGNORECASE
)
_RESCUE_AFTER = re.compile(
    r"^\s+(?:[\w-]+\s+){0,3}?(?:(?:were|was|have\s+been|had\s+been|are|got)\s+)?(?:\w+\s+)?"
    r"(?P<verb>identified|rescued|safeguarded|located)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Count:
    value: int
    start: int
    end: int
    vague: str | None  # the qualifier making it an estimate or a bound
    kind: str  # "count" | "identified" | "rescued"


def victim_counts(text: str) -> list[Count]:
    out: list[Count] = []
    for m in VICTIM_COUNT.finditer(text):
        n = number(m.group("num"))
        if n is None:
            continue
        kind = "count"
        before = _RESCUE_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
        after = _RESCUE_AFTER.match(text[m.end() : m.end() + 60])
        hit = before or after
        verb = hit.group("verb").lower() if hit is not None else ""
        if verb.startswith("identif") or verb.startswith("locat"):
            kind = "identified"
        elif verb:
            kind = "rescued"
        out.append(Count(n, m.start(), m.end(), vague_before(text, m.start()), kind))
    for m in VAGUE_VICTIMS.finditer(text):
        out.append(Count(2, m.start(), m.end(), m.group("q").lower(), "count"))
    return out


def offender_counts(text: str) -> list[Count]:
    out: list[Count] = []
    for m in OFFENDER_COUNT.finditer(text):
        n = number(m.group("num"))
        if n is not None:
            out.append(Count(n, m.start(), m.end(), vague_before(text, m.start()), "count"))
    for m in PEOPLE_COUNT.finditer(text):
        n, q = number(m.group("num")), vague_before(text, m.start())
        if n is not None and q:
            out.append(Count(n, m.start(), m.end(), q, "count"))
    for m in VAGUE_OFFENDERS.finditer(text):
        out.append(Count(2, m.start(), m.end(), m.group("q").lower(), "count"))
    return out


def mentioned_victims(text: str, start: int = 0, end: int | None = None) -> tuple[int, list[re.Match[str]]]:
    """How many distinct victims the text mentions one by one (distinct ages, else distinct sexes)."""
    end = len(text) if end is None else end
    ages: set[tuple[int, str]] = set()
    sexes: set[str] = set()
    kept: list[re.Match[str]] = []
    for m in VICTIM_MENTION.finditer(text, start, end):
        sentence_start = max(text.rfind(". ", 0, m.start()) + 2, text.rfind("\n", 0, m.start()) + 1, start)
        if _IS_OFFENDER.search(text[sentence_start : m.start()]):
            continue
        kept.append(m)
        noun = m.group("noun").lower()
        if m.group("age"):
            ages.add((int(m.group("age")), m.group("unit").lower()[:1]))
        sexes.add("f" if noun in _FEMALE else "m" if noun in _MALE else "?")
    if not kept:
        return 0, kept
    if ages:
        return len(ages), kept
    return max(1, len(sexes - {"?"})), kept
