r"""The shape of one language's cue patterns. Each language module in ``lang/`` defines ``LEXICON``.

Patterns are regular expression sources, compiled case-insensitively with Unicode word boundaries.
They describe the words of a cue, not whole sentences; the engine (``cues.py``) decides whether a
match counts (negation in the same clause, reported denials, look-alikes).

Ages: a ``very_young_victim`` pattern may capture a number of years in a named group ``age``
(``(?P<age>\d{1,2})``); such a match counts only when the age is at most ``VERY_YOUNG_MAX_AGE``.
Patterns without the group (infant, toddler, "6 months old") always count.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

VERY_YOUNG_MAX_AGE = 5


class CueKind(StrEnum):
    """What a text cue says about the risk to a child."""

    threats_or_blackmail = "threats_or_blackmail"  # threats, coercion, sextortion demands, deadlines
    self_harm_or_suicide = "self_harm_or_suicide"  # suicidal or self-harm statements
    planned_meeting = "planned_meeting"  # plans to meet in person or travel to the child
    offender_has_access_to_children = "offender_has_access_to_children"  # parent, relative, teacher, ...
    very_young_victim = "very_young_victim"  # infant, toddler, a child of about five or under
    recently_produced_material = "recently_produced_material"  # material made recently / ongoing abuse
    live_streaming = "live_streaming"  # abuse streamed live or over a video call
    payment_or_exchange = "payment_or_exchange"  # money, gifts or codes for material or access
    abuse_of_sibling_or_other_child = "abuse_of_sibling_or_other_child"  # a child made to abuse another


@dataclass(frozen=True)
class Lexicon:
    """One language's patterns.

    cues: for each kind, regex sources whose match is evidence of that cue.
    negations: regex sources of negating words ("not", "never", "no", "without").
    scope_breakers: words that end a negation's reach inside a sentence ("but", "however").
    look_alikes: for each kind, regex sources of harmless phrases that contain cue words
        ("meet the deadline", "dying of laughter"); a cue match inside one does not count.
    """

    language: str
    cues: Mapping[CueKind, Sequence[str]]
    negations: Sequence[str] = ()
    scope_breakers: Sequence[str] = ()
    look_alikes: Mapping[CueKind, Sequence[str]] = field(default_factory=dict)


def pattern_maker(negations: Sequence[str], fold: Mapping[int, str]) -> Callable[..., list[str]]:
    """A helper for writing a lexicon: ``f(*patterns)`` returns the patterns with each ``~`` made one
    word that is not a negation (so a gap between two cue words never swallows the negation that should
    suppress the cue), and with each letter of ``fold`` (a ``str.maketrans`` table) also matching the
    spellings chat users type without diacritics."""
    gap = r"(?:(?!(?:" + "|".join(negations) + r")(?!\w))\w+\W+)"

    def f(*patterns: str) -> list[str]:
        return [p.replace("~", gap).translate(fold) for p in patterns]

    return f
