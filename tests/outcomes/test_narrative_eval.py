"""The evaluation of parsed narrative cases against gold rows, the dev seed figures, and the CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tipline.cli.main import app
from tipline.outcomes.narrative import parse_document
from tipline.outcomes.narrative.model import FIELDS
from tipline.outcomes.narrative_eval import evaluate, same, token_f1

SEED = Path(os.environ.get("TIPLINE_SEED_DIR") or Path(__file__).resolve().parents[3] / "shared" / "seed")
HAVE_SEED = (SEED / "cases-dev.txt").is_file() and (SEED / "cases-dev.gold.jsonl").is_file()
NO_SEED = "the seed document (../shared/seed/cases-dev.txt or $TIPLINE_SEED_DIR) is not present"

DOC = (
    "**SAMPLE CASES OF CHILD SEXUAL ABUSE IN THE EU THAT ORIGINATED FROM A REPORT**\n\n**Malta**\n\n"
    "Company name and service where report originated\tKik\n"
    "Details of the case including: - Number of victims\tPolice in Malta received a report from NCMEC "
    "submitted by Kik. Victims: 2 Offenders: 1\n"
    "Resolution of the case including: - Number of victims safeguarded\tVictims safeguarded: 2 "
    "Offenders prosecuted: 1\n\n"
    "Company name and service where report originated\tDiscord\n"
    "Details of the case including: - Number of victims\tPolice in Malta received two reports. Victims: 0\n"
    "Resolution of the case including: - Number of victims safeguarded\tCase is ongoing.\n\n"
    "**Iceland**\n\n"
    "Company name and service where report originated\tDropbox\n"
    "Details of the case including: - Number of victims\tA held-back case.\n"
    "Resolution of the case including: - Number of victims safeguarded\tUnknown.\n"
)


def gold_row(**fields: object) -> dict[str, object]:
    row: dict[str, object] = {name: None for name in FIELDS}
    row.update(fields)
    return row


def test_scoring_rules() -> None:
    assert same("nature", ["a", "B"], ["b", "a"])
    assert not same("nature", ["a"], ["a", "b"])
    assert same("victims_in_case", None, None)
    assert not same("victims_in_case", None, 0)
    assert not same("convicted", True, 1)
    assert same("sentence_text", "two years of imprisonment.", "Two years of imprisonment")
    assert token_f1("a b c d e", "a b c d") >= 0.8
    assert not same("sentence_text", "two years", None)


def test_evaluate_counts_recall_precision_and_fields() -> None:
    parsed = parse_document(DOC)
    assert len(parsed) == 3
    gold = [
        gold_row(
            id="m-1",
            part="table_2019_2022",
            country="Malta",
            first_line_hint="Police in Malta received a report",
            providers=["Kik"],
            services=["Kik"],
            report_count=1,
            nature=[],
            victims_in_case=2,
            offenders_in_case=1,
            victims_safeguarded=2,
            offenders_prosecuted=1,
            status="unknown",
            urgency_indicators=[],
        ),
        gold_row(
            id="m-2",
            part="table_2019_2022",
            country="Malta",
            first_line_hint="Police in Malta received two",
            providers=["Discord"],
            services=["Discord"],
            report_count=2,
            nature=[],
            victims_in_case=0,
            status="ongoing",
            urgency_indicators=[],
            offenders_in_case=5,
        ),
        gold_row(id="m-3", part="table_2019_2022", country="Malta", first_line_hint="No such case here"),
    ]
    result = evaluate(parsed, gold)
    assert result.matched == 2
    assert result.case_recall == pytest.approx(2 / 3)
    # the Iceland case is in a section the gold does not cover: not judged
    assert result.cases_judged == 2
    assert result.case_precision == 1.0
    assert [(m.case_id, m.field) for m in result.mismatches] == [("m-2", "offenders_in_case")]
    assert result.field_accuracy == pytest.approx(1 - 1 / 30)
    assert result.per_field["offenders_in_case"] == 0.5


@pytest.mark.skipif(not HAVE_SEED, reason=NO_SEED)
def test_dev_seed_meets_the_goal() -> None:
    parsed = parse_document((SEED / "cases-dev.txt").read_text(encoding="utf-8"))
    rows = [
        json.loads(line) for line in (SEED / "cases-dev.gold.jsonl").read_text().splitlines() if line.strip()
    ]
    result = evaluate(parsed, rows)
    assert result.case_recall == 1.0
    assert result.field_accuracy >= 0.95
    assert all(acc >= 0.9 for acc in result.per_field.values()), result.per_field


@pytest.mark.skipif(not HAVE_SEED, reason=NO_SEED)
def test_cli_eval_outcomes_json() -> None:
    out = CliRunner().invoke(
        app, ["eval", "outcomes", str(SEED / "cases-dev.txt"), str(SEED / "cases-dev.gold.jsonl"), "--json"]
    )
    assert out.exit_code == 0, out.output
    figures = json.loads(out.stdout)
    assert {"case_recall", "case_precision", "field_accuracy", "per_field"} <= set(figures)
    assert set(figures["per_field"]) == set(FIELDS)


def test_cli_eval_and_parse_on_inline_document(tmp_path: Path) -> None:
    doc = tmp_path / "cases.txt"
    doc.write_text(DOC, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            gold_row(
                id="m-1",
                part="table_2019_2022",
                country="Malta",
                first_line_hint="Police in Malta received a report",
            )
        )
        + "\n"
    )
    runner = CliRunner()
    out = runner.invoke(app, ["eval", "outcomes", str(doc), str(gold), "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["case_recall"] == 1.0
    human = runner.invoke(app, ["eval", "outcomes", str(doc), str(gold), "--show-mismatches", "3"])
    assert human.exit_code == 0
    assert "field accuracy" in human.stdout
    parsed = runner.invoke(app, ["outcomes", "parse", str(doc), "--json"])
    assert parsed.exit_code == 0, parsed.output
    records = json.loads(parsed.stdout)
    assert len(records) == 3
    assert records[0]["providers"] == ["Kik"]
    assert "_review" in records[0]
    assert "_extraction" in records[0]
    text = runner.invoke(app, ["outcomes", "parse", str(doc)])
    assert text.exit_code == 0
    assert "need review" in text.stdout
    missing = runner.invoke(app, ["eval", "outcomes", str(tmp_path / "nope.txt"), str(gold)])
    assert missing.exit_code == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    assert runner.invoke(app, ["eval", "outcomes", str(doc), str(bad)]).exit_code == 2
