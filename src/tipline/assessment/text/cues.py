"""Text-cue engine: finds facts that bear on a child's risk in descriptions, summaries and chats.

The lexicons (``lang/<code>.py``) only list words; this module decides what a match means:

* a match does not count when a negation of its lexicon stands earlier in the same clause, at most
  ``NEGATION_WINDOW`` words before it, with no scope breaker ("but") between them. Reported speech
  is handled by the same rule: "he said he would never hurt himself" is negated, while "she wrote
  that she wanted to die" is a cue;
* a match lying inside a look-alike match of the same kind does not count ("meet the deadline");
* a ``very_young_victim`` match with an ``age`` group counts only up to ``VERY_YOUNG_MAX_AGE``.

Clauses end at sentence punctuation, semicolons, colons, line breaks, commas (except before a
complementizer: "never ask, whether we meet") and dashes. Cues carry
only offsets and a pattern id (``"en:planned_meeting:3"``), never the text itself, so they can be
logged and stored without copying report content.

Speed (about 2,000 texts of 500 characters per second in one process, measured on seed summaries
and chat lines): each lexicon is compiled once, on first use.
Every pattern is analysed (Python's own regex parser) for the word prefixes its matches start with
("anchors") and for literals every match contains. A text is split into words once; a word looked up
in a per-lexicon cache tells which patterns may start there, and only those are tried, with
``match`` at those positions instead of scanning the text. Patterns whose first word the analysis
cannot tell (one starting with a symbol or a character class) scan the text, and only when their
required literals occur in it. Negations, scope breakers and look-alikes are anchored the same way.

Language: ``detect_language`` uses py3langid restricted to ``SUPPORTED``. Short texts are unreliable
("ok" comes back ``"und"``, a two-word message may be misread); callers holding a chat should pass
the whole thread joined (or a declared language) rather than single messages. For ``"und"`` the English
lexicon is used. Besides the most likely language, a second or third one runs only when it keeps a
noticeable share of the scores (``SECONDARY_SHARE``: code-switching chats, quoted English); on plain
German text the English patterns do not run, so false friends (the article "die") cannot reach them.
Measured on the seed texts and short samples of every supported language, English prose is
recognised by a cheap function-word test before the (slower) language model is consulted.
"""

from __future__ import annotations

import bisect
import importlib
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from tipline.assessment.text.lexicon import VERY_YOUNG_MAX_AGE, CueKind, Lexicon

SUPPORTED: tuple[str, ...] = (
    "en",
    "de",
    "fr",
    "es",
    "it",
    "nl",
    "pl",
    "pt",
    "ro",
    "sv",
    "da",
    "fi",
    "el",
    "cs",
    "hu",
)

UNDETERMINED = "und"
FALLBACK_LANGUAGE = "en"
NEGATION_WINDOW = 5  # words allowed between a negation and the cue it negates
MIN_CONFIDENCE = 0.5  # below this (normalised) probability the language is "und"
SECONDARY_SHARE = 0.05  # further languages run when they keep at least this share (code-switching)
MAX_LANGUAGES = 3
LOOK_AROUND = 160  # characters before a match where a look-alike containing it may start

_FLAGS = re.IGNORECASE | re.UNICODE
# Clause ends: sentence punctuation followed by space or end, semicolons, colons, line breaks,
# commas, spaced dashes and bullets.
_CLAUSE_END = re.compile(r"[.!?…]+(?=\s|$|[\"')\]])|[;:\n\r|•]|,(?=\s)|\s[-–—]\s")
_WORD = re.compile(r"\w+")
_SENTENCE_BREAK = re.compile(r"[.!?…]+\s|[\n\r]")
# A comma before one of these words opens a complement clause or an indirect question that a negation
# before the comma still governs ("Ich würde dich nie fragen, ob wir uns treffen"; "I would never
# ask you, whether we could meet"), so such a comma does not end the clause. Closed-class words of the
# supported languages; Finnish marks indirect questions with a suffix and is not covered.
_COMPLEMENTIZERS = frozenset(
    (
        "that",
        "whether",
        "if",
        "ob",
        "dass",
        "daß",
        "si",
        "que",
        "qu",
        "s",
        "se",
        "che",
        "di",
        "of",
        "dat",
        "om",
        "czy",
        "że",
        "ze",
        "żeby",
        "zeby",
        "aby",
        "dacă",
        "daca",
        "că",
        "ca",
        "să",
        "sa",
        "att",
        "at",
        "että",
        "jos",
        "αν",
        "να",
        "ότι",
        "οτι",
        "πως",
        "zda",
        "jestli",
        "hogy",
        "ha",
    )
)
_FUSED_COMPLEMENTIZERS = ("żeby", "zeby", "aby", "kdyby")  # with person endings: żebyśmy, abychom
# One-to-one character replacements (offsets stay valid): typographic apostrophes and quotes.
_TRANSLATE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})


@dataclass(frozen=True, slots=True)
class Cue:
    """One counted match: what kind, in which lexicon, where (character offsets), which pattern."""

    kind: CueKind
    language: str
    start: int
    end: int
    pattern: str  # "<lang>:<kind>:<index of the pattern in that lexicon's list>"


# ---------------------------------------------------------------------------------------------------
# Pattern analysis (for speed only: what the analysis does not understand is simply always run)

_MIN_LITERAL = 3  # shorter literals ("no", "i") are too common to filter anything
_MAX_REQUIREMENTS = 2
_PREFIX = 6  # anchors are indexed by their first characters
_DIGIT = "<digit>"  # the anchor of patterns that start with a digit
_WHOLE = "="  # marks an anchor that must be a whole word, not a word prefix
_ZERO_WIDTH = frozenset({"ASSERT", "ASSERT_NOT", "AT"})
_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})
_LEADING_WORD = re.compile(r"\w+")
_WORDLIKE = re.compile(r"[\w\s'-]")


def _parse(source: str) -> Any:
    try:
        parser: Any = importlib.import_module("re._parser")
    except ImportError:  # pragma: no cover - Python < 3.11
        parser = importlib.import_module("sre_parse")
    return parser.parse(source, _FLAGS)


def _usable(candidate: frozenset[str]) -> bool:
    """Selective enough: literals of three characters or more, or symbols ("€", "$")."""
    return bool(candidate) and all(len(lit) >= _MIN_LITERAL or not _WORDLIKE.search(lit) for lit in candidate)


def _best(sets: Sequence[frozenset[str]]) -> frozenset[str] | None:
    usable = [s for s in sets if _usable(s)]
    if not usable:
        return None
    return max(usable, key=lambda s: (min(map(len, s)), -len(s)))


def _literal_sets(items: Any) -> list[frozenset[str]]:
    """Sets of strings of which every match of the parsed sequence contains one (each set)."""
    sets: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            sets.append(frozenset({"".join(run).casefold()}))
            run.clear()

    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(av))
            continue
        flush()
        if name == "SUBPATTERN":
            sets.extend(_literal_sets(av[-1]))
        elif name == "ATOMIC_GROUP":
            sets.extend(_literal_sets(av))
        elif name in _REPEATS:
            if av[0] >= 1:
                sets.extend(_literal_sets(av[2]))
        elif name == "IN" and av and all(str(o) == "LITERAL" for o, _ in av):
            sets.append(frozenset(chr(c).casefold() for _, c in av))
        elif name == "BRANCH":
            union: set[str] = set()
            for branch in av[1]:
                best = _best(_literal_sets(branch))
                if best is None:
                    break
                union |= best
            else:
                sets.append(frozenset(union))
    flush()
    return sets


def _non_word(item: Any) -> bool:
    """Whether a parsed element always matches a non-word character first (or a word boundary)."""
    if item is None:
        return False
    op, av = item
    name = str(op)
    if name == "AT":
        return str(av) in ("AT_BOUNDARY", "AT_END", "AT_END_STRING")
    if name == "LITERAL":
        return _LEADING_WORD.match(chr(av)) is None
    if name == "IN":
        return all(str(o) == "CATEGORY" and str(v) == "CATEGORY_SPACE" for o, v in av) or all(
            str(o) == "LITERAL" and _LEADING_WORD.match(chr(v)) is None for o, v in av
        )
    if name in _REPEATS:
        return bool(av[0] >= 1 and len(av[2]) > 0 and _non_word(av[2][0]))
    if name == "SUBPATTERN":
        return len(av[-1]) > 0 and _non_word(av[-1][0])
    return False


def _first_words(items: Any, follower: Any = None) -> tuple[set[str] | None, bool]:
    """(anchors: word prefixes a match of the sequence starts with, whether it can match empty).

    None when a match can start otherwise than with a literal word or a digit. ``follower`` is the
    element after the sequence in its parent, to tell whole words ("i" followed by a space) from
    prefixes ("i" followed by more letters)."""
    found: set[str] = set()
    seq = list(items)
    i = 0
    while i < len(seq):
        op, av = seq[i]
        name = str(op)
        after = seq[i + 1] if i + 1 < len(seq) else follower
        if name in _ZERO_WIDTH:
            i += 1
            continue
        if name == "LITERAL":
            run = []
            while i < len(seq) and str(seq[i][0]) == "LITERAL":
                run.append(chr(seq[i][1]))
                i += 1
            text = "".join(run).casefold()
            word = _LEADING_WORD.match(text)
            if word is None:
                return None, False
            whole = word.end() < len(text) or _non_word(seq[i] if i < len(seq) else follower)
            found.add(_WHOLE + word.group() if whole else word.group())
            return found, False
        words: set[str] | None
        if name == "SUBPATTERN":
            words, nullable = _first_words(av[-1], after)
        elif name == "ATOMIC_GROUP":
            words, nullable = _first_words(av, after)
        elif name in _REPEATS:
            words, nullable = _first_words(av[2], after if av[1] == 1 else None)
            nullable = nullable or av[0] == 0
        elif name == "IN" and [str(o) for o, _ in av] == ["CATEGORY"] and str(av[0][1]) == "CATEGORY_DIGIT":
            words, nullable = {_DIGIT}, False
        elif name == "BRANCH":
            words, nullable = set(), False
            for branch in av[1]:
                branch_words, branch_nullable = _first_words(branch, after)
                if branch_words is None:
                    return None, False
                words |= branch_words
                nullable = nullable or branch_nullable
        else:
            return None, False
        if words is None:
            return None, False
        found |= words
        if not nullable:
            return found, False
        i += 1
    return found, True


def _analyse(source: str) -> tuple[tuple[tuple[str, ...], ...], frozenset[str] | None]:
    """The literal requirements and the anchors of a pattern source."""
    try:
        parsed = _parse(source)
    except Exception:  # noqa: BLE001 - syntax the analysis does not know: no shortcuts
        return (), None
    usable = sorted(
        {s for s in _literal_sets(parsed) if _usable(s)}, key=lambda s: (-min(map(len, s)), len(s))
    )
    requires = tuple(tuple(sorted(s)) for s in usable[:_MAX_REQUIREMENTS])
    words, nullable = _first_words(parsed)
    anchors = frozenset(words) if words and not nullable else None
    return requires, anchors


# ---------------------------------------------------------------------------------------------------
# Compiled lexicons

_CUE, _NEGATION, _BREAKER, _LOOK_ALIKE = range(4)


@dataclass(frozen=True, slots=True)
class _Pattern:
    role: int  # _CUE, _NEGATION, _BREAKER or _LOOK_ALIKE
    kind: CueKind | None  # of a cue or look-alike
    index: int  # in the lexicon's list
    regex: re.Pattern[str]
    # every match contains (case-folded) one string of each of these sets
    requires: tuple[tuple[str, ...], ...]
    # word prefixes one of which every match starts with; None: the pattern scans the text
    anchors: frozenset[str] | None


@dataclass(frozen=True, slots=True)
class _Compiled:
    language: str
    patterns: tuple[_Pattern, ...]
    # first ``_PREFIX`` characters of an anchor (or the marked whole word) -> (anchor, number) pairs
    anchor_index: dict[str, tuple[tuple[str, int], ...]]
    unanchored: dict[int, tuple[int, ...]]  # role -> numbers of the patterns without anchors
    by_role: dict[int, tuple[int, ...]]  # role -> numbers of all its patterns
    look_alikes: dict[CueKind, tuple[int, ...]]  # kind -> numbers of its look-alike patterns
    word_hits: dict[str, tuple[int, ...]] = field(default_factory=dict)  # cache of _word_hits


def _bounded(source: str) -> str:
    """A pattern that must start and end at word boundaries (Unicode-aware)."""
    return rf"(?<!\w)(?:{source})(?!\w)"


def _compile(lexicon: Lexicon) -> _Compiled:
    patterns: list[_Pattern] = []

    def add(role: int, kind: CueKind | None, sources: Sequence[str]) -> None:
        for i, source in enumerate(sources):
            requires, anchors = _analyse(source)
            patterns.append(_Pattern(role, kind, i, re.compile(_bounded(source), _FLAGS), requires, anchors))

    for kind in CueKind:
        add(_CUE, kind, tuple(lexicon.cues.get(kind, ())))
    add(_NEGATION, None, tuple(lexicon.negations))
    add(_BREAKER, None, tuple(lexicon.scope_breakers))
    for kind in CueKind:
        add(_LOOK_ALIKE, kind, tuple(lexicon.look_alikes.get(kind, ())))

    index: dict[str, list[tuple[str, int]]] = {}
    for number, p in enumerate(patterns):
        for anchor in sorted(p.anchors or ()):
            key = anchor if anchor == _DIGIT or anchor.startswith(_WHOLE) else anchor[:_PREFIX]
            index.setdefault(key, []).append((anchor, number))
    roles = (_CUE, _NEGATION, _BREAKER, _LOOK_ALIKE)
    return _Compiled(
        language=lexicon.language,
        patterns=tuple(patterns),
        anchor_index={k: tuple(v) for k, v in index.items()},
        unanchored={
            r: tuple(n for n, p in enumerate(patterns) if p.role == r and p.anchors is None) for r in roles
        },
        by_role={r: tuple(n for n, p in enumerate(patterns) if p.role == r) for r in roles},
        look_alikes={
            kind: tuple(n for n, p in enumerate(patterns) if p.role == _LOOK_ALIKE and p.kind is kind)
            for kind in CueKind
        },
    )


_LOCK = threading.Lock()
_LEXICONS: dict[str, _Compiled | None] = {}


def _lexicon(code: str) -> _Compiled | None:
    """The compiled lexicon of ``code``, or None when its module does not exist (yet)."""
    try:
        return _LEXICONS[code]
    except KeyError:
        pass
    with _LOCK:
        if code not in _LEXICONS:
            compiled: _Compiled | None = None
            try:
                module = importlib.import_module(f"tipline.assessment.text.lang.{code}")
            except ModuleNotFoundError as exc:
                if exc.name is None or not exc.name.startswith("tipline.assessment.text.lang"):
                    raise
            else:
                lexicon = getattr(module, "LEXICON", None)
                if isinstance(lexicon, Lexicon):
                    compiled = _compile(lexicon)
            _LEXICONS[code] = compiled
        return _LEXICONS[code]


# ---------------------------------------------------------------------------------------------------
# Language detection


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid import langid  # type: ignore[import-untyped]

    cls = langid.LanguageIdentifier
    if hasattr(cls, "from_model_file"):  # py3langid >= 0.4
        identifier = cls.from_model_file(langid.MODEL_FILE, norm_probs=True)
    else:  # py3langid 0.3
        identifier = cls.from_pickled_model(langid.MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(SUPPORTED))
    return identifier


def _declared(declared: str | None) -> str | None:
    if not declared:
        return None
    code = declared.strip().replace("_", "-").split("-")[0].lower()
    return code if code in SUPPORTED else None


DETECT_CHARS = 300  # the language model reads at most this many characters (its cost is linear)


def _ranked(text: str) -> list[tuple[str, float]]:
    if not any(c.isalpha() for c in text):
        return []
    if len(text) > DETECT_CHARS:
        cut = text.rfind(" ", 0, DETECT_CHARS)
        text = text[: cut if cut > DETECT_CHARS // 2 else DETECT_CHARS]
    ranked: list[tuple[str, float]] = _identifier().rank(text.translate(_TRANSLATE))
    return ranked


# A cheap pre-check saves the language model on plain English. Strong words are English-only function
# words; weak ones are English but also words of other supported languages ("die", "was", "will", "of",
# "to", "in"...); foreign ones are function words of the other languages that English text rarely holds.
def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_ENGLISH_STRONG = _words(
    "the and you your with that this have has were would from been which they them their she his him not"
    " what when where who did does about there after during could should than then into because my me"
    " i'm don't it's can't we our he her"
)
_ENGLISH_WEAK = _words(
    "a an of to for by in on at is was are it as be or but will had over so do no i if all also one two"
    " up out"
)
_FOREIGN = (
    _words(
        "und ich nicht der das ist mit ein eine zu auf den sie es"  # de
        " le les et est une des je tu pas que qui il elle avec"  # fr
        " el los las y es una por con para lo del se su yo"  # es
        " che non per sono di della ho mi ti"  # it
        " het een en niet ik je van dat zijn op met ze wat"  # nl
        " och og jeg jag inte ikke det att som er är på du har"  # sv, da
        " nie się jest że na w z do"  # pl
        " nao não os com um uma"  # pt
        " și si nu este să"  # ro
        " ja ei että ole"  # fi
        " že je"  # cs
        " és az hogy nem"  # hu
        " και να το η δεν ο"  # el
    )
    - _ENGLISH_STRONG
    - _ENGLISH_WEAK
)
_ENGLISH_MIN_WORDS = 8
_ENGLISH_MIN_SHARE = 0.3
_ENGLISH_CHARS = 400


def _plainly_english(text: str) -> bool:
    """Obviously English: at least eight words among the first few hundred characters, two English-only
    function words, a third of the words English function words, and at most one function word of
    another supported language. Anything else goes to the language model."""
    words = _WORD.findall(text[:_ENGLISH_CHARS].lower())
    if len(words) < _ENGLISH_MIN_WORDS:
        return False
    strong = weak = foreign = 0
    for w in words:
        if w in _ENGLISH_STRONG:
            strong += 1
        elif w in _ENGLISH_WEAK:
            weak += 1
        elif w in _FOREIGN:
            foreign += 1
    return foreign <= 1 and strong >= 2 and strong + weak >= _ENGLISH_MIN_SHARE * len(words)


def detect_language(text: str, declared: str | None = None) -> str:
    """The language of ``text`` as a code in ``SUPPORTED``, or ``"und"`` when unsure.

    A declared language (ISO 639-1, a region suffix such as "de-AT" allowed) wins when supported.
    Short texts give unreliable guesses and usually come back "und": pass a whole chat joined.
    """
    code = _declared(declared)
    if code:
        return code
    if _plainly_english(text):
        return FALLBACK_LANGUAGE
    ranked = _ranked(text)
    if not ranked or ranked[0][1] < MIN_CONFIDENCE:
        return UNDETERMINED
    return ranked[0][0]


# ---------------------------------------------------------------------------------------------------
# Matching

_WORD_CACHE_SIZE = 50_000
_CHECK_REQUIREMENTS_FROM = 4  # anchor positions from which checking the literals first is cheaper


def _word_hits(compiled: _Compiled, word: str) -> tuple[int, ...]:
    """The patterns (numbers) one of whose anchors starts ``word``; cached per lexicon."""
    folded = word.casefold()
    index = compiled.anchor_index
    hits: set[int] = set()
    hits.update(number for _, number in index.get(_WHOLE + folded, ()))
    if folded[:1].isdecimal():
        hits.update(number for _, number in index.get(_DIGIT, ()))
    for length in range(1, min(len(folded), _PREFIX) + 1):
        for anchor, number in index.get(folded[:length], ()):
            if len(anchor) <= _PREFIX or folded.startswith(anchor):
                hits.add(number)
    result = tuple(sorted(hits))
    cache = compiled.word_hits
    if len(cache) >= _WORD_CACHE_SIZE:
        cache.clear()
    cache[word] = result
    return result


def _age_ok(match: re.Match[str]) -> bool:
    age = match.groupdict().get("age")
    if age is None:
        return True
    try:
        return int(age) <= VERY_YOUNG_MAX_AGE
    except ValueError:
        return True


class _Text:
    """One text under one lexicon, and what the rules need about it."""

    __slots__ = ("_bounds", "_folded", "_present", "_roles", "_words", "compiled", "positions", "text")

    def __init__(self, text: str, compiled: _Compiled) -> None:
        self.text = text
        self.compiled = compiled
        self._bounds: list[int] | None = None
        self._folded: str | None = None
        self._present: dict[str, bool] = {}
        self._roles: dict[int, tuple[int, ...]] = {}
        self._words: list[int] = []  # start offset of every word, ascending
        # pattern number -> positions (ascending) of the words its anchors start
        self.positions: dict[int, list[int]] = {}
        cache = compiled.word_hits
        words = self._words
        for m in _WORD.finditer(text):
            words.append(m.start())
            word = m.group()
            hits = cache.get(word)
            if hits is None:
                hits = _word_hits(compiled, word)
            if hits:
                pos = m.start()
                for number in hits:
                    self.positions.setdefault(number, []).append(pos)

    def required(self, p: _Pattern) -> bool:
        """Whether the literals every match of ``p`` contains occur in the text."""
        if not p.requires:
            return True
        if self._folded is None:
            self._folded = self.text.casefold()
        present, folded = self._present, self._folded
        for need in p.requires:
            for literal in need:
                hit = present.get(literal)
                if hit is None:
                    hit = present[literal] = literal in folded
                if hit:
                    break
            else:
                return False
        return True

    def matches(self, number: int, lo: int = 0, hi: int | None = None) -> Iterable[re.Match[str]]:
        """Matches of pattern ``number`` starting within [lo, hi) (the whole text by default)."""
        p = self.compiled.patterns[number]
        text = self.text
        end = len(text) if hi is None else hi
        if p.anchors is None:
            if self.required(p):
                for m in p.regex.finditer(text, lo):
                    if m.start() >= end:
                        break
                    yield m
            return
        positions = self.positions.get(number)
        if not positions:
            return
        first = bisect.bisect_left(positions, lo) if lo else 0
        last = bisect.bisect_left(positions, end) if hi is not None else len(positions)
        if last - first >= _CHECK_REQUIREMENTS_FROM and not self.required(p):
            return
        for pos in positions[first:last]:
            anchored = p.regex.match(text, pos)
            if anchored is not None:
                yield anchored

    def _active(self, role: int) -> tuple[int, ...]:
        """The patterns of ``role`` that may match this text (anchored ones with positions)."""
        active = self._roles.get(role)
        if active is None:
            patterns, positions = self.compiled.patterns, self.positions
            active = self._roles[role] = tuple(
                n for n in self.compiled.by_role[role] if n in positions or patterns[n].anchors is None
            )
        return active

    def negated(self, start: int) -> bool:
        """Whether a negation stands before ``start`` in its clause, close enough, unbroken."""
        if self._bounds is None:
            self._bounds = [m.end() for m in _CLAUSE_END.finditer(self.text) if not self._continues(m)]
        i = bisect.bisect_right(self._bounds, start) - 1
        clause = self._bounds[i] if i >= 0 else 0
        if clause >= start:
            return False
        # only negations starting at most a few words back can reach (long run-on chats stay linear)
        words = self._words
        before = bisect.bisect_left(words, start)
        lo = max(clause, words[before - NEGATION_WINDOW - 4] if before > NEGATION_WINDOW + 4 else 0)
        for number in self._active(_NEGATION):
            for n in self.matches(number, lo, start):
                if n.end() > start:
                    continue
                if before - bisect.bisect_left(words, n.end()) > NEGATION_WINDOW:
                    continue
                if self._broken(n.end(), start):
                    continue
                return True
        return False

    def _continues(self, end: re.Match[str]) -> bool:
        """A comma followed by a complementizer: the clause goes on."""
        if end.group() != ",":
            return False
        word = _WORD.search(self.text, end.end(), end.end() + 24)
        if word is None:
            return False
        folded = word.group().casefold()
        return folded in _COMPLEMENTIZERS or folded.startswith(_FUSED_COMPLEMENTIZERS)

    def _broken(self, lo: int, hi: int) -> bool:
        for number in self._active(_BREAKER):
            if any(b.end() <= hi for b in self.matches(number, lo, hi)):
                return True
        return False

    def looks_alike(self, kind: CueKind, start: int, end: int) -> bool:
        """Whether a look-alike of ``kind`` contains [start, end)."""
        for number in self.compiled.look_alikes.get(kind, ()):
            if number not in self.positions and self.compiled.patterns[number].anchors is not None:
                continue
            for m in self.matches(number, max(0, start - LOOK_AROUND), start + 1):
                if m.end() >= end:
                    return True
        return False


def _find(text: str, compiled: _Compiled) -> list[Cue]:
    t = _Text(text, compiled)
    found: dict[tuple[CueKind, int, int], Cue] = {}
    numbers = sorted(
        {n for n in t.positions if compiled.patterns[n].role == _CUE} | set(compiled.unanchored[_CUE])
    )
    for number in numbers:
        p = compiled.patterns[number]
        kind = p.kind
        assert kind is not None
        reached = 0  # like finditer, a pattern's matches do not overlap each other
        for m in t.matches(number):
            start, end = m.span()
            key = (kind, start, end)
            if start < reached or key in found or start == end:
                continue
            reached = end
            if kind is CueKind.very_young_victim and not _age_ok(m):
                continue
            if _SENTENCE_BREAK.search(text, start, end):
                continue  # the words of a cue are in one sentence (or one chat message)
            if t.looks_alike(kind, start, end) or t.negated(start):
                continue
            found[key] = Cue(
                kind, compiled.language, start, end, f"{compiled.language}:{kind.value}:{p.index}"
            )
    return list(found.values())


def _languages(text: str, language: str | None) -> list[str]:
    code = _declared(language)
    if code:
        return [code]
    if _plainly_english(text):
        return [FALLBACK_LANGUAGE]
    ranked = _ranked(text)
    if not ranked or ranked[0][1] < MIN_CONFIDENCE:
        return [FALLBACK_LANGUAGE]
    return [ranked[0][0]] + [lang for lang, p in ranked[1:MAX_LANGUAGES] if p >= SECONDARY_SHARE]


def find_cues(text: str, language: str | None = None) -> list[Cue]:
    """The counted cues in ``text``, ordered by position.

    ``language``: an ISO 639-1 code (region suffix allowed); None detects it (see the module notes).
    A language without a lexicon module yields no cues (no error).
    """
    if not text:
        return []
    normalised = text.translate(_TRANSLATE)
    cues: list[Cue] = []
    for code in _languages(normalised, language):
        compiled = _lexicon(code)
        if compiled is not None:
            cues.extend(_find(normalised, compiled))
    cues.sort(key=lambda c: (c.start, c.end, c.kind.value, c.language))
    return cues
