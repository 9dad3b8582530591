"""Evaluation of the text-cue extractor against a gold-annotated seed document.

A case's predicted labels are the kinds of all cues found anywhere in its text. They are compared,
case by case, with the gold labels that our cue kinds cover:

* the gold ``urgency_indicators`` (their names are the ``CueKind`` values), and
* two gold ``nature`` tags: ``livestreaming`` <- ``live_streaming`` and ``trafficking_or_payment``
  <- ``payment_or_exchange``. The latter mapping is partial: the gold tag also covers trafficking
  and offering a child to others without any payment, which the payment cue only catches when the
  text says "traffic..." or "offered his daughter"; misses there are real misses of this tag.

``abuse_of_sibling_or_other_child`` has no gold label and is not compared. The figures (counts,
precision, recall, F1 per label; micro averages over all compared labels and over urgency labels
only) are JSON-able; ``render`` prints them as a plain-text table. No case text is ever output.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from tipline.assessment.text.cues import find_cues
from tipline.assessment.text.lexicon import CueKind
from tipline.assessment.text.seed_cases import align, parse_file, read_gold

URGENCY_LABELS: tuple[str, ...] = (
    CueKind.threats_or_blackmail.value,
    CueKind.self_harm_or_suicide.value,
    CueKind.planned_meeting.value,
    CueKind.offender_has_access_to_children.value,
    CueKind.very_young_victim.value,
    CueKind.recently_produced_material.value,
)
# gold nature tag -> the cue kind that predicts it
NATURE_LABELS: Mapping[str, CueKind] = {
    "livestreaming": CueKind.live_streaming,
    "trafficking_or_payment": CueKind.payment_or_exchange,
}
LABELS: tuple[str, ...] = URGENCY_LABELS + tuple(NATURE_LABELS)
_LABEL_OF_KIND: Mapping[CueKind, str] = {
    **{CueKind(label): label for label in URGENCY_LABELS},
    **{kind: label for label, kind in NATURE_LABELS.items()},
}


def predicted_labels(text: str, language: str | None = None) -> set[str]:
    """The compared labels whose cue kinds occur in ``text``."""
    return {_LABEL_OF_KIND[c.kind] for c in find_cues(text, language) if c.kind in _LABEL_OF_KIND}


def gold_labels(row: Mapping[str, Any]) -> set[str]:
    """The compared labels of one gold row."""
    labels: set[str] = set()
    urgency = row.get("urgency_indicators") or []
    nature = row.get("nature") or []
    if isinstance(urgency, list):
        labels.update(u for u in urgency if u in URGENCY_LABELS)
    if isinstance(nature, list):
        labels.update(n for n in nature if n in NATURE_LABELS)
    return labels


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _f1(tp: int, fp: int, fn: int) -> float | None:
    den = 2 * tp + fp + fn
    return round(2 * tp / den, 4) if den else None


def score(pairs: Iterable[tuple[set[str], set[str]]]) -> dict[str, Any]:
    """Per-label and micro figures from (gold, predicted) label sets, one pair per case."""
    counts = {label: {"tp": 0, "fp": 0, "fn": 0} for label in LABELS}
    for gold, predicted in pairs:
        for label in LABELS:
            g, p = label in gold, label in predicted
            if g and p:
                counts[label]["tp"] += 1
            elif p:
                counts[label]["fp"] += 1
            elif g:
                counts[label]["fn"] += 1
    labels: dict[str, dict[str, Any]] = {}
    for label, c in counts.items():
        tp, fp, fn = c["tp"], c["fp"], c["fn"]
        labels[label] = {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "support": tp + fn,
            "precision": _ratio(tp, tp + fp),
            "recall": _ratio(tp, tp + fn),
            "f1": _f1(tp, fp, fn),
        }

    def micro(names: Iterable[str]) -> tuple[float | None, float | None, float | None]:
        tp = sum(counts[n]["tp"] for n in names)
        fp = sum(counts[n]["fp"] for n in names)
        fn = sum(counts[n]["fn"] for n in names)
        return _ratio(tp, tp + fp), _ratio(tp, tp + fn), _f1(tp, fp, fn)

    precision, recall, f1 = micro(LABELS)
    return {
        "labels": labels,
        "micro_precision": precision,
        "micro_recall": recall,
        "micro_f1": f1,
        "urgency_micro_f1": micro(URGENCY_LABELS)[2],
    }


def evaluate(cases_path: Path | str, gold_path: Path | str) -> dict[str, Any]:
    """Parse the document, align it with the gold file and score the cue extractor.

    Raises OSError / UnicodeDecodeError for unreadable files and ``GoldFormatError`` for bad gold lines.
    """
    cases = parse_file(Path(cases_path))
    gold = read_gold(Path(gold_path))
    alignment = align(cases, gold)
    pairs = [(gold_labels(row.raw), predicted_labels(case.text)) for row, case in alignment.pairs]
    result = score(pairs)
    result.update(
        {
            "cases": len(gold),
            "parsed_cases": len(cases),
            "aligned": len(alignment.pairs),
            "unaligned": list(alignment.unaligned),
            "mapping": {label: kind.value for label, kind in NATURE_LABELS.items()},
        }
    )
    return result


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def render(result: Mapping[str, Any]) -> str:
    """A plain-text table: label, support, precision, recall, F1, then the micro lines."""
    labels: Mapping[str, Mapping[str, Any]] = result["labels"]
    width = max(len("label"), *(len(name) for name in labels))
    lines = [f"{'label':<{width}}  support      P      R     F1     tp   fp   fn"]
    for name, row in labels.items():
        lines.append(
            f"{name:<{width}}  {row['support']:>7}  {_fmt(row['precision']):>5}  {_fmt(row['recall']):>5}"
            f"  {_fmt(row['f1']):>5}  {row['tp']:>5}{row['fp']:>5}{row['fn']:>5}"
        )
    lines.append("")
    lines.append(
        f"micro: P {_fmt(result['micro_precision'])}  R {_fmt(result['micro_recall'])}"
        f"  F1 {_fmt(result['micro_f1'])}   urgency-only F1 {_fmt(result['urgency_micro_f1'])}"
    )
    unaligned = result.get("unaligned") or []
    lines.append(
        f"cases: {result.get('cases', '?')} gold, {result.get('aligned', '?')} aligned"
        + (f", unaligned: {', '.join(unaligned)}" if unaligned else "")
    )
    return "\n".join(lines)
