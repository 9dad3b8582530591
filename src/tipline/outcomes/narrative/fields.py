"""The fields of one case, read from its working text by the rules of `counts`, `cues`, `companies`."""

from __future__ import annotations

import re
from typing import Any

from tipline.outcomes.narrative import companies as co
from tipline.outcomes.narrative import counts as ct
from tipline.outcomes.narrative.cues import (
    NATURE_CUES,
    NATURE_TAGS,
    URGENCY_CUES,
    URGENCY_TAGS,
    tags,
    very_young,
)
from tipline.outcomes.narrative.document import CaseText
from tipline.outcomes.narrative.language import (
    NUM,
    negated,
    number,
    sentence_at,
    sentences,
    squash,
    vague_before,
)
from tipline.outcomes.narrative.model import (
    ABSENT,
    CONFLICT,
    CUED,
    EXPLICIT,
    FIELDS,
    INFERRED,
    STATED,
    Extracted,
)

REPORT_SENTENCE = re.compile(
    r"\breport\w*|\bsubmitted\b|\bdetected\b|\balert\w*|\binitiated\b|\bflagged\b", re.I
)
_REPORTER_BEFORE = re.compile(
    r"(?:(?:submitted|detected|initiated|flagged|reported|made|sent)\s+by|\breports?\s+from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_LIST_GAP = re.compile(r"^[!\s]*(?:,|and|&|/)?\s*(?:and\s+)?$", re.IGNORECASE)
REPORTS_N = re.compile(
    rf"(?<![\w-])(?!(?:19|20)\d\d\b)(?P<num>{NUM})\s+(?:(?!of\b|the\b|an?\b)[\w-]+\s+){{0,2}}?(?:reports|report)\b(?!ed)",
    re.IGNORECASE,
)
REPORT_ONE = re.compile(
    r"\b(?:a|an|one|the|this|that)\s+(?:NCMEC\s+|CyberTipline\s+|single\s+)?report\b(?!ed|s)", re.IGNORECASE
)
REPORTS_PLURAL = re.compile(r"\breports\b", re.IGNORECASE)

VERDICT = re.compile(
    rf"\bconvicted\b|\bsentenced\s+to\b|\bsentence\s*:|(?:\bsuspended\s+)?\b{NUM}\s+(?:years?|months?)\s+"
    rf"(?:and\s+{NUM}\s+months?\s+)?(?:of\s+)?(?:in\s+prison|imprisonment|jail|prison(?:\s+sentence)?|"
    rf"suspended\s+(?:prison\s+)?sentence|conditional)\b|\bsuspended\s+(?:{NUM}\s+(?:years?|months?)\s+)?"
    r"(?:prison\s+)?sentence\b",
    re.IGNORECASE,
)
NOT_VERDICT = re.compile(
    r"\b(?:proposed|propose|expected|pending|awaiting|await\w*|request\w*|demand\w*|seek\w*|could\s+face|"
    r"faces|facing|maximum|prosecutor)\b",
    re.IGNORECASE,
)
_SENTENCE_TEXT = re.compile(
    r"\b(?:convicted|sentenced)\s+(?:to|with)\s+(?P<x>.+)|\bsentence\s*:\s*(?P<y>.+)", re.I
)
_SENTENCE_CUT = re.compile(
    r"\s+for\b|,\s*for\b|\s+(?:victims?|of+enders?)\s+(?:safeguarded|prosecuted)\s*:|[.;]|\s+victims?\s*:",
    re.IGNORECASE,
)
ONGOING = re.compile(
    r"\bon-?going\b|\bpending\b|\bexpected\s+to\b|\bundergoing\b|\bawait\w*|\bindictment\b|\bindicted\b|"
    r"\bfuture\s+prosecution\b|\bstill\s+under\s+investigation\b|\btrial\s+(?:is\s+)?(?:scheduled|pending|set)\b",
    re.IGNORECASE,
)
CLOSED = re.compile(
    r"\bacquitted\b|\bcase\s+(?:was\s+)?(?:closed|dismissed|discontinued)\b|\bcharges\s+(?:were\s+)?dropped\b",
    re.IGNORECASE,
)
PROSECUTION = re.compile(
    r"\bundergoing\s+criminal\s+proceedings\b|\b(?:was|were|been|is|are)\s+(?:\w+\s+(?:and\s+)?)?(?:charged|indicted|"
    r"prosecuted)\b|\bbrought\s+before\s+(?:the\s+)?(?:court|judge)\b|\bfuture\s+prosecution\b|\bcharged\s+with\b",
    re.IGNORECASE,
)
PROSECUTED_COUNT = re.compile(
    rf"(?<![\w-])(?P<num>{NUM})\s+(?:offenders?|suspects?|persons?|people|perpetrators?)\s+(?:were\s+|was\s+|"
    r"have\s+been\s+)?(?:prosecuted|charged|indicted)\b",
    re.IGNORECASE,
)
NOT_YET_PROSECUTED = re.compile(
    r"\bnot\s+(?:yet\s+)?(?:been\s+)?prosecuted\s+yet\b|\bnot\s+yet\s+(?:been\s+)?"
    r"prosecuted\b|\byet\s+to\s+be\s+prosecuted\b",
    re.IGNORECASE,
)
NOT_PROSECUTED = re.compile(
    r"\b(?:could|can|was|were|will)\s+not\s+be\s+prosecuted\b|\bwas\s+not\s+prosecuted\b", re.IGNORECASE
)
SAFEGUARD_WORD = re.compile(r"\bsafeguard\w*", re.IGNORECASE)
SAFE_VERB = re.compile(r"\b(?:rescu\w*|safeguard\w*|identif\w*)\b", re.IGNORECASE)
ESTIMATE = re.compile(r"\b(?:numerous|unknown|approximately|probably|several|many|around|about|some)\b", re.I)


class Reader:
    """Reads the fields of one case; offsets are working offsets until `_ex` maps them."""

    def __init__(self, case: CaseText) -> None:
        self.c = case
        self.t = case.text
        self.bounds = sentences(self.t)
        self.out: dict[str, Extracted] = {}

    # -- helpers ---------------------------------------------------------------------------------------
    def _ex(self, value: Any, start: int | None, end: int | None, conf: float) -> Extracted:
        if start is None or end is None or end <= start:
            return Extracted(value, None, None, conf)
        return Extracted(value, self.c.doc_span(start, end), squash(self.t[start:end]), conf)

    def _null(self, conf: float = ABSENT) -> Extracted:
        return Extracted(None, None, None, conf)

    def _sentence(self, offset: int) -> tuple[int, int]:
        return sentence_at(self.t, offset, self.bounds)

    def _neg(self, offset: int) -> bool:
        return negated(self.t, offset, self.bounds)

    # -- all fields ------------------------------------------------------------------------------------
    def read(self) -> dict[str, Extracted]:
        self.out["country"] = Extracted(self.c.country or None, None, self.c.country or None, EXPLICIT)
        self._companies()
        self._reports()
        self._tags()
        self._safeguarded()
        self._victims()
        self._offenders()
        self._verdict()
        self._prosecuted()
        self._status()
        return {name: self.out[name] for name in FIELDS}

    # -- providers and services ------------------------------------------------------------------------
    def _companies(self) -> None:
        cell_services: list[str] = []
        cell_companies: list[str] = []
        for m in co.NAME_RX.finditer(self.c.provider_cell):
            kind, name = co.resolve(m)
            if kind == "service":
                cell_services.append(name)
                cell_companies.append(co.SERVICES[name][0])
            else:
                cell_companies.append(co.COMPANIES[name])
        if self.c.provider_cell and not cell_companies:
            cell_companies = [
                co.provider_company(p) for p in re.split(r"[,/&]|\band\b", self.c.provider_cell) if p.strip()
            ]
        services: list[tuple[str, int, int]] = []
        reporters: list[tuple[str, int, int]] = []
        for a, b in self.bounds:
            if not REPORT_SENTENCE.search(self.t, a, b):
                continue
            previous_reporter_end = -1
            for m in co.NAME_RX.finditer(self.t, a, b):
                kind, name = co.resolve(m)
                company = co.SERVICES[name][0] if kind == "service" else co.COMPANIES[name]
                if kind == "service":
                    services.append((name, m.start(), m.end()))
                before = self.t[max(a, m.start() - 30) : m.start()]
                listed = previous_reporter_end >= 0 and _LIST_GAP.match(
                    self.t[previous_reporter_end : m.start()]
                )
                after = self.t[m.end() : m.end() + 12]
                if (
                    _REPORTER_BEFORE.search(before)
                    or listed
                    or re.match(r"^!?\s+(?:reported|detected)\b", after)
                ):
                    reporters.append((company, m.start(), m.end()))
                    previous_reporter_end = m.end()
        names = _dedupe(cell_services + [s for s, _a, _b in services])
        names = _subsume(names)
        first = {s: (a, b) for s, a, b in reversed(services)}
        svc_conf = EXPLICIT if names and set(names) <= set(cell_services) else CUED
        where = [first[n] for n in names if n in first]
        self.out["services"] = self._ex(
            names,
            min((a for a, _b in where), default=None),
            max((b for _a, b in where), default=None),
            svc_conf if names else ABSENT,
        )
        if cell_companies:
            span = self.c.provider_span
            value = _dedupe(cell_companies)
            self.out["providers"] = Extracted(value, span, self.c.provider_cell, EXPLICIT)
        elif reporters:
            value = _dedupe([r for r, _a, _b in reporters])
            self.out["providers"] = self._ex(value, reporters[0][1], reporters[-1][2], STATED)
        elif services:
            value = _dedupe([co.SERVICES[s][0] for s, _a, _b in services])
            self.out["providers"] = self._ex(value, services[0][1], services[-1][2], CUED)
        else:
            self.out["providers"] = self._ex([], None, None, ABSENT)

    # -- report count ----------------------------------------------------------------------------------
    def _reports(self) -> None:
        counted = []
        for m in REPORTS_N.finditer(self.t):
            n = number(m.group("num"))
            if n is not None and not vague_before(self.t, m.start()):
                counted.append((n, m))
        if counted:
            values = {n for n, _m in counted}
            n, m = counted[0]
            self.out["report_count"] = self._ex(
                max(values), m.start(), m.end(), STATED if len(values) == 1 else CONFLICT
            )
            return
        one = REPORT_ONE.search(self.t)
        if one and not REPORTS_PLURAL.search(self.t, 0, one.start()):
            self.out["report_count"] = self._ex(1, one.start(), one.end(), STATED)
            return
        self.out["report_count"] = self._null(INFERRED if REPORTS_PLURAL.search(self.t) else ABSENT)

    # -- tags ------------------------------------------------------------------------------------------
    def _tags(self) -> None:
        nature = tags(self.t, self.bounds, NATURE_CUES)
        self_gen = nature.get("self_generated", [])
        infant = very_young(self.t)
        if infant and any(m.group(0).lower().startswith("self") for m in self_gen):
            # a "self-generated" video of an infant is the offender's own production
            nature.setdefault("new_material", []).extend(
                m for m in self_gen if m.group(0).lower().startswith("self")
            )
            rest = [m for m in self_gen if not m.group(0).lower().startswith("self")]
            if rest:
                nature["self_generated"] = rest
            else:
                del nature["self_generated"]
        urgency = tags(self.t, self.bounds, URGENCY_CUES)
        if infant:
            urgency["very_young_victim"] = [infant]
        for name, found, order in (
            ("nature", nature, NATURE_TAGS),
            ("urgency_indicators", urgency, URGENCY_TAGS),
        ):
            value = [tag for tag in order if tag in found]
            matches = [m for tag in value for m in found[tag]]
            if matches:
                self.out[name] = self._ex(
                    value, min(m.start() for m in matches), max(m.end() for m in matches), CUED
                )
            else:
                self.out[name] = self._ex([], None, None, CUED)

    # -- victims safeguarded -----------------------------------------------------------------------------
    def _safeguarded(self) -> None:
        self.out["victims_safeguarded_text"] = self._null()
        label = ct.SAFEGUARDED_LABEL.search(self.t)
        if label:
            raw = label.group("val").rstrip(".,;")
            n = re.fullmatch(r"(\d+)x?", raw)
            if n:
                self.out["victims_safeguarded"] = self._ex(
                    int(n.group(1)), label.start(), label.end(), EXPLICIT
                )
            else:
                self.out["victims_safeguarded"] = self._null(CONFLICT)
                self.out["victims_safeguarded_text"] = self._ex(
                    raw, label.start("val"), label.end(), EXPLICIT
                )
            return
        rescue = [c for c in ct.victim_counts(self.t) if c.kind != "count" and not self._neg(c.start)]
        exact = [c for c in rescue if not c.vague]
        estimates = [c for c in rescue if c.vague]
        safe_sentences = [
            (a, b)
            for a, b in self.bounds
            if SAFEGUARD_WORD.search(self.t, a, b) and ESTIMATE.search(self.t, a, b)
        ]
        if estimates or safe_sentences:
            spans = sorted({self._sentence(c.start) for c in estimates} | set(safe_sentences))
            if not exact or safe_sentences:
                text = " ".join(squash(self.t[a:b]) for a, b in spans)
                self.out["victims_safeguarded"] = self._null(CONFLICT)
                self.out["victims_safeguarded_text"] = self._ex(text, spans[0][0], spans[-1][1], CUED)
                self.out["victims_safeguarded_text"] = Extracted(
                    text, self.out["victims_safeguarded_text"].span, text, CUED
                )
                return
        if exact:
            c = max(exact, key=lambda c: c.value)
            conf = STATED if len({c.value for c in exact}) == 1 else CONFLICT
            self.out["victims_safeguarded"] = self._ex(c.value, c.start, c.end, conf)
            return
        for a, b in self.bounds:
            verb = SAFE_VERB.search(self.t, a, b)
            if not verb or self._neg(verb.start()):
                continue
            counted, mentions = ct.mentioned_victims(self.t, a, b)
            if not mentions:
                continue
            plural = re.search(r"\bwere\b", self.t[a:b])
            value = counted if plural else 1
            self.out["victims_safeguarded"] = self._ex(value, a, b, INFERRED)
            return
        self.out["victims_safeguarded"] = self._null()

    # -- victims in the case -------------------------------------------------------------------------------
    def _victims(self) -> None:
        safe = self.out["victims_safeguarded"].value
        label = ct.VICTIMS_LABEL.search(self.t)
        if label:
            n = int(label.group("n"))
            conf = CONFLICT if isinstance(safe, int) and safe > n else EXPLICIT
            self.out["victims_in_case"] = self._ex(n, label.start(), label.end(), conf)
            return
        found = [c for c in ct.victim_counts(self.t) if c.kind != "rescued"]
        exact = [c for c in found if not c.vague]
        bounds = [c for c in found if c.vague]
        if exact:
            c = max(exact, key=lambda c: c.value)
            if any(b.value > c.value for b in bounds):
                self.out["victims_in_case"] = self._null(CONFLICT)
                return
            conf = STATED if len({e.value for e in exact}) == 1 else CONFLICT
            self.out["victims_in_case"] = self._ex(c.value, c.start, c.end, conf)
            return
        if bounds:
            self.out["victims_in_case"] = self._null(INFERRED)
            return
        n, mentions = ct.mentioned_victims(self.t)
        if n:
            if isinstance(safe, int) and safe > n:
                self.out["victims_in_case"] = self._null(CONFLICT)
                return
            self.out["victims_in_case"] = self._ex(n, mentions[0].start(), mentions[-1].end(), INFERRED)
            return
        self.out["victims_in_case"] = self._null()

    # -- offenders in the case -------------------------------------------------------------------------
    def _offenders(self) -> None:
        label = ct.OFFENDERS_LABEL.search(self.t)
        if label:
            self.out["offenders_in_case"] = self._ex(
                int(label.group("n")), label.start(), label.end(), EXPLICIT
            )
            return
        found = ct.offender_counts(self.t)
        exact = [c for c in found if not c.vague]
        if exact:
            c = max(exact, key=lambda c: c.value)
            self.out["offenders_in_case"] = self._ex(c.value, c.start, c.end, STATED)
            return
        if found:
            self.out["offenders_in_case"] = self._null(INFERRED)
            return
        two = ct.TWO_OFFENDERS.search(self.t)
        if two:
            self.out["offenders_in_case"] = self._ex(2, two.start(), two.end(), INFERRED)
            return
        if ct.OTHER_ADULT.search(self.t):
            self.out["offenders_in_case"] = self._null(INFERRED)
            return
        one = ct.SINGLE_OFFENDER.search(self.t)
        if one:
            self.out["offenders_in_case"] = self._ex(1, one.start(), one.end(), INFERRED)
            return
        self.out["offenders_in_case"] = self._null()

    # -- verdict -------------------------------------------------------------------------------------------
    def _verdict(self) -> None:
        texts: list[str] = []
        first: tuple[int, int] | None = None
        for a, b in self.bounds:
            m = VERDICT.search(self.t, a, b)
            if not m or NOT_VERDICT.search(self.t, a, b) or self._neg(m.start()):
                continue
            s = self.t[a:b]
            tm = _SENTENCE_TEXT.search(s)
            if tm:
                x = tm.group("x") or tm.group("y")
                off = a + (tm.start("x") if tm.group("x") else tm.start("y"))
            else:
                full = VERDICT.search(s)
                x, off = (full.group(0), a + full.start()) if full else ("", a)
                if x.lower().startswith(("convicted", "sentence")):
                    x = ""
            cut = _SENTENCE_CUT.search(x)
            x = squash(x[: cut.start()] if cut else x).strip(" ,:")
            if x and x not in texts:
                texts.append(x)
            if first is None:
                first = (off, off + len(x)) if x else (m.start(), m.end())
        if first is not None:
            self.out["convicted"] = self._ex(True, first[0], first[1], STATED)
            value = "; ".join(texts) if texts else None
            ex = self._ex(value, first[0], first[1], STATED if value else ABSENT)
            self.out["sentence_text"] = (
                Extracted(value, ex.span, value, ex.confidence) if value else self._null()
            )
            return
        acquitted = CLOSED.search(self.t)
        if acquitted and "acquit" in acquitted.group(0).lower():
            self.out["convicted"] = self._ex(False, acquitted.start(), acquitted.end(), STATED)
        else:
            self.out["convicted"] = self._null()
        self.out["sentence_text"] = self._null()

    # -- offenders prosecuted ----------------------------------------------------------------------------
    def _prosecuted(self) -> None:
        self.out["offenders_prosecuted_text"] = self._null()
        label = ct.PROSECUTED_LABEL.search(self.t)
        if label:
            raw = label.group("val").rstrip(".,;")
            digits = re.fullmatch(r"(\d+)x?", raw)
            if digits:
                value = int(digits.group(1))
                self.out["offenders_prosecuted"] = self._ex(value, label.start(), label.end(), EXPLICIT)
                if value == 0 and self.out["convicted"].value is None:
                    self.out["convicted"] = self._ex(False, label.start(), label.end(), STATED)
            else:
                self.out["offenders_prosecuted"] = self._null(CONFLICT)
                self.out["offenders_prosecuted_text"] = self._ex(
                    raw, label.start("val"), label.end(), EXPLICIT
                )
            return
        for pc in PROSECUTED_COUNT.finditer(self.t):
            n = number(pc.group("num"))
            if n is not None and not vague_before(self.t, pc.start()):
                self.out["offenders_prosecuted"] = self._ex(n, pc.start(), pc.end(), STATED)
                return
        not_yet = NOT_YET_PROSECUTED.search(self.t)
        if not_yet:
            a, b = self._sentence(not_yet.start())
            self.out["offenders_prosecuted"] = self._null(CONFLICT)
            self.out["offenders_prosecuted_text"] = self._ex(squash(self.t[a:b]), a, b, CUED)
            return
        for a, b in self.bounds:
            p = re.search(r"\b(?:charged|prosecuted|indicted)\b", self.t[a:b], re.IGNORECASE)
            if p and any(a <= c.start < b for c in ct.offender_counts(self.t) if c.vague):
                self.out["offenders_prosecuted"] = self._null(CONFLICT)
                self.out["offenders_prosecuted_text"] = self._ex(squash(self.t[a:b]), a, b, CUED)
                return
        never = NOT_PROSECUTED.search(self.t)
        offenders = self.out["offenders_in_case"].value
        if never and offenders in (None, 1):
            self.out["offenders_prosecuted"] = self._ex(0, never.start(), never.end(), INFERRED)
            if self.out["convicted"].value is None:
                self.out["convicted"] = self._ex(False, never.start(), never.end(), INFERRED)
            return
        evidence: tuple[int, int] | None = None
        if self.out["convicted"].value is True:
            conv = next(
                (VERDICT.search(self.t, a, b) for a, b in self.bounds if VERDICT.search(self.t, a, b)), None
            )
            if conv:
                evidence = (conv.start(), conv.end())
        if evidence is None:
            for pm in PROSECUTION.finditer(self.t):
                if not self._neg(pm.start()):
                    evidence = (pm.start(), pm.end())
                    break
        if evidence is not None:
            value = offenders if isinstance(offenders, int) and offenders > 0 else 1
            self.out["offenders_prosecuted"] = self._ex(value, evidence[0], evidence[1], INFERRED)
            return
        self.out["offenders_prosecuted"] = self._null()

    # -- status ----------------------------------------------------------------------------------------
    def _status(self) -> None:
        convicted = self.out["convicted"]
        if convicted.value is True:
            self.out["status"] = Extracted("closed", convicted.span, convicted.quote, STATED)
            return
        m = ONGOING.search(self.t)
        if m and "no longer" not in self.t[max(0, m.start() - 12) : m.start()].lower():
            self.out["status"] = self._ex("ongoing", m.start(), m.end(), STATED)
            return
        if convicted.value is False:
            self.out["status"] = Extracted("closed", convicted.span, convicted.quote, convicted.confidence)
            return
        m = CLOSED.search(self.t)
        if m:
            self.out["status"] = self._ex("closed", m.start(), m.end(), STATED)
            return
        self.out["status"] = Extracted("unknown", None, None, ABSENT)


def _dedupe(items: list[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return seen


def _subsume(names: list[str]) -> list[str]:
    """Drop a service another one names more precisely ("Facebook" beside "Facebook Messenger"), and an
    email service used as the account beside another service of its company ("Gmail" beside "Google
    Drive")."""
    kept = [n for n in names if not any(o != n and o.lower().startswith(n.lower() + " ") for o in names)]
    return [
        n
        for n in kept
        if n not in co.ACCOUNT_SERVICES
        or not any(o != n and co.SERVICES[o][0] == co.SERVICES[n][0] for o in kept)
    ]


def read_fields(case: CaseText) -> dict[str, Extracted]:
    return Reader(case).read()
