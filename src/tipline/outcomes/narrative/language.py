"""The English of law-enforcement case summaries: numbers, sentences, clauses, negation, cues.

Everything here works on a case's working text (see `document.CaseText`) and returns working offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

_UNITS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
)
NUMBER_WORDS: Mapping[str, int] = {w: i for i, w in enumerate(_UNITS)} | {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "a dozen": 12,
}
# a count as written: "11", "eleven", "eleven (11)", "1,000"
NUM = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+|"
    + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
    + r")(?:\s*\(\d+\))?"
)
# qualifiers that make a count a bound or an estimate, not a count
VAGUE_BEFORE = re.compile(
    r"\b(?P<q>around|approximately|approx\.?|about|some|over|more than|at least|up to|nearly|almost|"
    r"roughly|circa|estimated|an estimated|as many as|fewer than|less than)\s*$",
    re.IGNORECASE,
)
VAGUE_PLURAL = re.compile(
    r"\b(?P<q>multiple|numerous|several|many|various|a large number of|large number of|a number of|"
    r"dozens of|hundreds of|countless|unknown number)\b",
    re.IGNORECASE,
)
NEGATION = re.compile(r"\b(?:no|not|never|none|neither|nor|without|cannot|couldn't|could not)\b|n't\b", re.I)


def number(text: str) -> int | None:
    """'eleven (11)' -> 11, '1,000' -> 1000, 'one' -> 1; None when it is not a count."""
    t = text.strip().lower()
    m = re.search(r"\((\d+)\)", t)
    if m:
        return int(m.group(1))
    t = t.replace(",", "")
    if t.isdigit():
        return int(t)
    return NUMBER_WORDS.get(" ".join(t.split()))


def vague_before(text: str, start: int) -> str | None:
    """The qualifier ("around", "more than", ...) just before offset `start`, if any."""
    m = VAGUE_BEFORE.search(text[max(0, start - 20) : start])
    return m.group("q").lower() if m else None


# ---------------------------------------------------------------------------------------------------
# Sentences and clauses

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(*]?[A-Z0-9])|\n(?=\s*[\"*(]?[A-Z0-9])")
_CLAUSE_END = re.compile(r"[,;]\s+|\s+\bbut\b\s+|\s+\bwhile\b\s+|\s+\bwhereas\b\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a line break inside a sentence (a page break) does not end it."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        _add(text, pos, m.start(), out)
        pos = m.end()
    _add(text, pos, len(text), out)
    return out


def _add(text: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        out.append((a, b))


def sentence_at(text: str, offset: int, bounds: list[tuple[int, int]]) -> tuple[int, int]:
    for a, b in bounds:
        if a <= offset < b:
            return a, b
    return 0, len(text)


def clause_at(text: str, offset: int, bounds: list[tuple[int, int]]) -> tuple[int, int]:
    """The clause around `offset`: its sentence cut at commas, semicolons, "but", "while"."""
    a, b = sentence_at(text, offset, bounds)
    start, end = a, b
    for m in _CLAUSE_END.finditer(text, a, b):
        if m.end() <= offset:
            start = m.end()
        elif m.start() >= offset:
            end = m.start()
            break
    return start, end


_PREDICATE_NEGATION = re.compile(r"\b(?:has|have|had|was|were|is|are)\s+(?:not|never)\b|n't\b", re.I)
_PARENTHESES = re.compile(r"\([^)]*\)")


def negated(text: str, offset: int, bounds: list[tuple[int, int]]) -> bool:
    """Whether the clause around `offset` negates it: a negation before it ("no sign of the offender
    creating CSAM"), or a negated predicate after it ("hands-on abuse has not been proved");
    parenthesised asides do not count."""
    a, b = clause_at(text, offset, bounds)
    before = _PARENTHESES.sub(" ", text[a:offset])
    after = _PARENTHESES.sub(" ", text[offset:b])
    return NEGATION.search(before) is not None or _PREDICATE_NEGATION.search(after) is not None


def finditer(rx: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    return rx.finditer(text)


def squash(text: str) -> str:
    """One line, single spaces (for quotes and free-text values)."""
    return " ".join(text.split())
