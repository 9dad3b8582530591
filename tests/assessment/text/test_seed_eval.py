"""The seed-document parser (three parts), its alignment with a gold file, the evaluation and the
`tipline eval signals` command. Inline documents are small, factual and in the seed's format."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tipline.assessment.text.seed_cases import (
    PART_IMPACT,
    PART_SOLICITATION,
    PART_TABLE,
    GoldFormatError,
    SeedCase,
    align,
    normalise_hint,
    parse,
    read_gold,
)
from tipline.assessment.text.signal_eval import LABELS, evaluate, gold_labels, render, score
from tipline.cli.main import app

# the case summaries kept beside the project (../shared/seed), or where TIPLINE_SEED_DIR points
SEED = Path(os.environ.get("TIPLINE_SEED_DIR") or Path(__file__).resolve().parents[4] / "shared" / "seed")
DETAILS = (
    "Details of the case including: - Number of victims included in the case - Nature of the case "
    "(new material, grooming, active abuse etc.) - Number of offenders involved"
)
RESOLUTION = (
    "Resolution of the case including: - Number of victims safeguarded - Number of offenders prosecuted"
)
COMPANY = "Company name and service where report originated"

HTML_DETAILS = "<p>Details of the case including:</p> <ul><li>- Number of victims</li></ul>"
HTML_RESOLUTION = "<p>Resolution of the case including:</p> <ul><li>- Number of offenders</li></ul>"
FIRST = "Police received a report alerting of the distribution of one image."

TABLE = f"""
**SAMPLE CASES OF CHILD SEXUAL ABUSE IN THE EU THAT ORIGINATED FROM A REPORT BY AN ONLINE SERVICE PROVIDER**

**Austria**

{COMPANY}\tKik
{DETAILS}\t{FIRST} The suspect is the father of the victim.
{RESOLUTION}\tIdentification of one victim

{COMPANY}\tDropbox
{DETAILS}\tPolice received a report alerting of the distribution of two images.
Resolution of the case including:\tThe suspect was arrested and a sentence from the

- Number of victims safeguarded - Number of offenders prosecuted\tcourt is expected.
---\t---

## Czech Republic

{COMPANY}\tSnapchat
--\t----
{HTML_DETAILS}\t<p>Sharing 7 pictures. Was working as a teacher.</p> <p>One offender.</p>
{HTML_RESOLUTION}\t<p>Suspended sentence.</p>
"""

IMPACT = """
## **SAMPLE CASES INCLUDED IN THE IMPACT ASSESSMENT ACCOMPANYING THE PROPOSAL**

### **Austria**

- Case # 1:
  - Police received in 2019 a report from **Facebook Messenger** alerting of the distribution of images.
  - The report led to the identification of all **30 victims**.
- Case # 2:
  - Police received in 2019 a report from **KIK Messenger** alerting of the distribution of material.

- The search of his house revealed that he abused his **2 year old daughter**, who was **rescued**.

### **Bulgaria**

- Police in Bulgaria received in 2018 a report alerting of the distribution of material.
- The material included videos of a child around **2 years old**.

---

<sup>1</sup> Europol, [Threat Assessment](#), 18 September 2018.

## Ireland<sup>3</sup>

- Police in Ireland received in 2013 a report alerting of the distribution of material by **email**.
"""

SOLICITATION = """
### **Sample cases in the EU that started with detection of online solicitation**

The following are actual, anonymised sample cases of online solicitation.

### **Austria**

- An adult man enticed an 11-year-old child via an online chat service to share images.
- A 45-year-old man enticed a 13-year-old child via online private messaging to

engage in conversation. Chat logs showed the man was making plans to meet the same weekend.

### **Bulgaria**

- A man used a profile on an online platform. His reported profile stated:

*"I'm looking for \\*\\*\\*\\* "*

- An adult man threatened a child, saying he "knows where she lives".
"""


def gold_row(case_id: str, part: str, country: str, hint: str, **labels: Any) -> dict[str, Any]:
    return {
        "id": case_id,
        "part": part,
        "country": country,
        "first_line_hint": hint[:60],
        "nature": labels.get("nature", []),
        "urgency_indicators": labels.get("urgency", []),
    }


# --- parsing -----------------------------------------------------------------------------------------


def test_table_rows_are_cases_with_details_and_resolution() -> None:
    cases = parse(TABLE)
    assert [(c.part, c.country, c.provider) for c in cases] == [
        (PART_TABLE, "Austria", "Kik"),
        (PART_TABLE, "Austria", "Dropbox"),
        (PART_TABLE, "Czechia", "Snapchat"),
    ]
    first, split, html = cases
    assert first.first_line.startswith("Police received a report alerting of the distribution of one image.")
    assert first.text.endswith("Identification of one victim")
    assert "a sentence from the court is expected." in split.text  # a cell split by a page break
    assert "<p>" not in html.text
    assert "Was working as a teacher." in html.text
    assert html.text.endswith("Suspended sentence.")


def test_impact_assessment_cases_by_marker_or_by_country() -> None:
    cases = parse(IMPACT)
    assert [(c.part, c.country) for c in cases] == [
        (PART_IMPACT, "Austria"),
        (PART_IMPACT, "Austria"),
        (PART_IMPACT, "Bulgaria"),
        (PART_IMPACT, "Ireland"),
    ]
    first, second, bulgaria, ireland = cases
    assert first.first_line.startswith("Police received in 2019 a report from Facebook Messenger")
    assert "**" not in first.text
    assert "30 victims" in first.text
    assert "2 year old daughter" in second.text  # a bullet after a blank line stays with its case
    assert bulgaria.text.count("\n") == 1
    assert "Europol" not in bulgaria.text
    assert ireland.first_line.startswith("Police in Ireland")


def test_solicitation_cases_continue_across_breaks_and_quotes() -> None:
    cases = parse(SOLICITATION)
    assert [(c.part, c.country) for c in cases] == [(PART_SOLICITATION, "Austria")] * 2 + [
        (PART_SOLICITATION, "Bulgaria")
    ] * 2
    assert "making plans to meet the same weekend" in cases[1].text
    assert "I'm looking for" in cases[2].text
    assert "following are actual" not in " ".join(c.text for c in cases)


def test_a_whole_document_keeps_document_order() -> None:
    cases = parse(TABLE + IMPACT + SOLICITATION)
    assert [c.part for c in cases] == [PART_TABLE] * 3 + [PART_IMPACT] * 4 + [PART_SOLICITATION] * 4


# --- alignment ---------------------------------------------------------------------------------------


def test_alignment_skips_cases_without_gold_and_reports_unmatched_gold() -> None:
    cases = parse(TABLE + IMPACT + SOLICITATION)
    gold = [
        gold_row(
            "case-001",
            PART_TABLE,
            "Austria",
            "**Police received a report** alerting of the distribution of one",
        ),
        # case 2 of the table and Austria's impact cases are held back (no gold row)
        gold_row("case-003", PART_TABLE, "Czechia", "Sharing 7 pictures. Was working as a teacher."),
        gold_row("case-009", PART_IMPACT, "Bulgaria", "Police in Bulgaria received in 2018 a report"),
        gold_row(
            "case-011", PART_SOLICITATION, "Austria", "A 45-year-old man enticed a 13-year-old child via"
        ),
        gold_row("case-099", PART_SOLICITATION, "Austria", "A case that is not in the document"),
    ]
    rows = read_gold_lines(gold)
    alignment = align(cases, rows)
    assert [(row.id, cases.index(case)) for row, case in alignment.pairs] == [
        ("case-001", 0),
        ("case-003", 2),
        ("case-009", 5),
        ("case-011", 8),
    ]
    assert alignment.unaligned == ("case-099",)


def test_identical_hints_are_told_apart_by_provider_and_order() -> None:
    text = "Police received a report from NCMEC alerting of the distribution of images of minors."
    cases = [
        SeedCase(PART_TABLE, "Cyprus", text, text + " Submitted via Kik.", "KIK"),
        SeedCase(PART_TABLE, "Cyprus", text, text + " Submitted via Facebook Messenger.", "Facebook"),
        SeedCase(PART_TABLE, "Cyprus", text, text + " Submitted via Facebook.", "Facebook"),
    ]
    rows = read_gold_lines(
        [
            {**gold_row("case-1", PART_TABLE, "Cyprus", text), "services": ["Facebook Messenger"]},
            {**gold_row("case-2", PART_TABLE, "Cyprus", text), "services": ["Facebook"]},
        ]
    )
    pairs = align(cases, rows).pairs
    assert [cases.index(c) for _, c in pairs] == [1, 2]


def test_hints_are_normalised() -> None:
    assert normalise_hint("  **Law  enforcement** of Austria’s ") == "law enforcement of austria's"


def read_gold_lines(rows: list[dict[str, Any]]) -> list[Any]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gold.jsonl"
        path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
        return read_gold(path)


# --- scoring -----------------------------------------------------------------------------------------


def test_gold_labels_cover_urgency_and_the_mapped_nature_tags() -> None:
    row = {"urgency_indicators": ["planned_meeting"], "nature": ["grooming", "livestreaming"]}
    assert gold_labels(row) == {"planned_meeting", "livestreaming"}


def test_score_counts_per_label_and_micro() -> None:
    result = score(
        [
            ({"planned_meeting"}, {"planned_meeting"}),
            ({"planned_meeting", "very_young_victim"}, {"threats_or_blackmail"}),
            (set(), set()),
        ]
    )
    meeting = result["labels"]["planned_meeting"]
    assert (meeting["tp"], meeting["fp"], meeting["fn"], meeting["support"]) == (1, 0, 1, 2)
    assert meeting["precision"] == 1.0
    assert meeting["recall"] == 0.5
    assert result["labels"]["threats_or_blackmail"]["precision"] == 0.0
    assert result["micro_precision"] == 0.5
    assert result["micro_recall"] == pytest.approx(1 / 3, abs=1e-4)
    assert result["micro_f1"] == 0.4
    assert set(result["labels"]) == set(LABELS)
    table = render({**result, "cases": 3, "aligned": 3, "unaligned": []})
    assert "planned_meeting" in table
    assert "micro" in table


def test_evaluate_small_document(tmp_path: Path) -> None:
    doc = tmp_path / "cases.txt"
    doc.write_text(TABLE + IMPACT + SOLICITATION, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        "\n".join(
            json.dumps(r)
            for r in [
                gold_row(
                    "case-1",
                    PART_TABLE,
                    "Austria",
                    "Police received a report alerting of the distribution of one",
                    urgency=["offender_has_access_to_children"],
                ),
                gold_row(
                    "case-2",
                    PART_IMPACT,
                    "Bulgaria",
                    "Police in Bulgaria received in 2018",
                    urgency=["very_young_victim"],
                ),
                gold_row(
                    "case-3",
                    PART_SOLICITATION,
                    "Austria",
                    "A 45-year-old man enticed a 13-year-old",
                    urgency=["planned_meeting"],
                ),
                gold_row(
                    "case-4",
                    PART_SOLICITATION,
                    "Bulgaria",
                    "An adult man threatened a child",
                    urgency=["threats_or_blackmail"],
                ),
            ]
        ),
        encoding="utf-8",
    )
    result = evaluate(doc, gold)
    assert result["cases"] == 4
    assert result["aligned"] == 4
    assert result["unaligned"] == []
    assert result["micro_f1"] == 1.0
    json.dumps(result)


# --- the command -------------------------------------------------------------------------------------

runner = CliRunner()


@pytest.mark.skipif(not (SEED / "cases-dev.txt").is_file(), reason="the seed document is not present")
def test_cli_on_the_seed_document_reaches_the_goal() -> None:
    result = runner.invoke(
        app, ["eval", "signals", str(SEED / "cases-dev.txt"), str(SEED / "cases-dev.gold.jsonl"), "--json"]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["micro_f1"] >= 0.85
    assert figures["unaligned"] == []
    assert figures["aligned"] == figures["cases"]


@pytest.mark.skipif(not (SEED / "cases-dev.txt").is_file(), reason="the seed document is not present")
def test_cli_table_output() -> None:
    result = runner.invoke(
        app, ["eval", "signals", str(SEED / "cases-dev.txt"), str(SEED / "cases-dev.gold.jsonl")]
    )
    assert result.exit_code == 0
    assert "micro" in result.stdout
    assert "offender_has_access_to_children" in result.stdout


def test_cli_missing_file(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["eval", "signals", str(tmp_path / "absent.txt"), str(gold), "--json"])
    assert result.exit_code == 2
    assert "absent.txt" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json\n", "line 1 is not JSON"),
        ('{"id": "case-1"}\n', "line 1 lacks first_line_hint"),
        ("[1]\n", "not a JSON object"),
    ],
)
def test_cli_bad_gold_lines(tmp_path: Path, content: str, message: str) -> None:
    doc = tmp_path / "cases.txt"
    doc.write_text(SOLICITATION, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["eval", "signals", str(doc), str(gold)])
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())


def test_cli_unreadable_document(tmp_path: Path) -> None:
    doc = tmp_path / "cases.txt"
    doc.write_bytes(b"\xff\xfe\x00 not utf-8 \xc3")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["eval", "signals", str(doc), str(gold)])
    assert result.exit_code == 2
    assert "cannot read" in result.stderr


def test_read_gold_reports_the_line(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(gold_row("case-1", PART_TABLE, "Austria", "x")) + "\n\n{oops\n", encoding="utf-8"
    )
    with pytest.raises(GoldFormatError, match="line 3"):
        read_gold(gold)
